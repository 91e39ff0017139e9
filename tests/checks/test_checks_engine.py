"""The engine around the rules: the catalogue table, settings, selection, suppressions, order,
counts and the assessment."""

from __future__ import annotations

import datetime
import re

import pytest

from desktop_app.checks import RULES, check_lifecycle, selected_codes
from desktop_app.checks.result import SEVERITY_ORDER
from desktop_app.model import rules as table
from desktop_app.model.document import Suppression
from tests.checks.checks_dsl import TODAY, make, run

ALL_CODES = (["LC000"] + [f"LC{n}" for n in range(101, 111)] + [f"LC{n}" for n in range(201, 210)]
             + ["LC301"] + [f"LC{n}" for n in range(303, 308)] + [f"LC{n}" for n in range(401, 405)]
             + ["LC901"])


def test_the_catalogue_has_every_code_once_with_a_kebab_case_name():
    assert sorted(RULES) == sorted(ALL_CODES)
    assert "LC302" not in RULES  # retired
    for code, info in RULES.items():
        assert info.code == code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", info.name), info.name
        assert all(s in ("error", "warning", "info") for s in info.severity)
    assert len({info.name for info in RULES.values()}) == len(RULES)


def test_severity_by_paradigm_and_parameters_with_defaults():
    assert RULES["LC104"].severity == ("warning", "info")
    assert RULES["LC201"].default_severity("assembly-line") == "info"
    assert RULES["LC201"].default_severity("hybrid") == "error"
    assert RULES["LC202"].default_severity("assembly-line") == "warning"
    assert RULES["LC206"].defaults == {"max_feedback_days": 30}
    assert RULES["LC304"].defaults == {"max_loop_owners": 3}
    assert RULES["LC305"].defaults == {"max_handoffs": 3}
    assert {c for c, i in RULES.items() if i.fixable} == {"LC106", "LC107", "LC109", "LC110",
                                                          "LC301"}


def test_the_static_table_serves_the_document_validator():
    assert table.known_rule_codes() == frozenset(ALL_CODES)
    assert list(table.rule_parameters("LC206")) == ["max_feedback_days"]
    assert table.setting_problems("LC206", {"max_feedback_days": 14, "severity": "off"}) == []
    assert table.setting_problems("LC304", {"max_loop_owners": 2.5}) != []
    assert table.setting_problems("LC305", {"max_handoffs": -1}) != []
    assert table.setting_problems("LC109", {"max_handoffs": 1}) != []
    assert table.setting_problems("LC109", {"severity": "fatal"}) != []
    assert table.setting_problems("LC302", {}) == ["unknown rule code 'LC302'"]


def test_a_rule_setting_overrides_severity_or_switches_it_off():
    lc = make("a:data b:develop", "a>b")
    lc.rules = {"LC104": {"severity": "error"}, "LC201": {"severity": "off"}}
    rules = {f.rule: f.severity for f in run(lc).findings}
    assert rules["LC104"] == "error" and "LC201" not in rules


def test_select_and_ignore_read_as_ruff_does():
    assert selected_codes(["LC2"], ["LC205"]) == {"LC000"} | {
        f"LC{n}" for n in range(201, 210) if n != 205}
    # the more specific selector wins
    assert "LC205" in selected_codes(["LC205"], ["LC2"])
    assert selected_codes(["LC1"], ["LC1"]) == {"LC000"}
    assert selected_codes() == frozenset(ALL_CODES)
    assert selected_codes(["lc901"]) == {"LC000", "LC901"}
    with pytest.raises(ValueError, match="LC7"):
        selected_codes(["LC7"])


def test_select_never_hides_lc000():
    lc = make("a:data g:gate", "a>g")
    lc.stages[1].criteria = None
    result = run(lc, "LC306")
    assert [f.rule for f in result.findings] == ["LC000"]
    result = check_lifecycle(lc, today=TODAY, ignore=["LC0"])
    assert "LC000" in {f.rule for f in result.findings}


def test_a_suppression_by_stage_matches_only_findings_naming_it():
    lc = make("a:data b:develop c:deploy", "a>b b>c")
    lc.suppressions = [Suppression("LC301", "lab stage", "b")]
    unowned = [(f.stages, f.suppressed, f.reason) for f in run(lc, "LC301").findings]
    # suppressed findings keep their place in the order (CHECKS.md sorts by severity, code, ids)
    assert unowned == [(("a",), False, None), (("b",), True, "lab stage"), (("c",), False, None)]
    assert run(lc, "LC301").counts == {"error": 2, "warning": 0, "info": 0, "suppressed": 1}


def test_a_suppression_without_stage_matches_every_finding_of_its_rule():
    lc = make("a:data b:develop", "a>b")
    lc.suppressions = [Suppression("LC301", "no owners yet")]
    assert all(f.suppressed for f in run(lc, "LC301").findings)


def test_findings_are_ordered_by_severity_code_ids_then_phase():
    result = check_lifecycle(make("z:data a:develop m:deploy", "z>a"), today=TODAY)
    keys = [(SEVERITY_ORDER[f.severity], f.rule, f.stages) for f in result.findings]
    assert keys == sorted(keys)
    assert [f.stages for f in result.findings if f.rule == "LC301"] == [("a",), ("m",), ("z",)]


def test_counts_and_json_shape_of_a_finding():
    result = run(make("a:data b:develop", "a>b"))
    f = result.findings[0]
    d = f.to_dict()
    assert list(d) == ["rule", "name", "severity", "message", "hint", "stages", "edges", "items",
                       "owners", "phase", "suppressed", "reason", "fixable"]
    assert isinstance(d["stages"], list)
    assert sum(result.counts.values()) == len(result.findings)
    assert result.to_dict()["counts"] == result.counts


def test_today_defaults_to_the_real_date():
    from desktop_app.model.document import Item, Phase
    lc = make("a:data b:develop", "a>b")
    lc.phases = [Phase(1, items=[Item("x", "Yesterday",
                                      due=datetime.date.today() - datetime.timedelta(days=1))])]
    assert [f.items for f in check_lifecycle(lc, select=["LC403"]).findings] == [("x",)]


# ---- assessment ---------------------------------------------------------------------------

def test_assessment_of_an_empty_lifecycle():
    a = run(make()).assessment
    assert (a.classification, a.loop_coverage, a.automated_feedback, a.feedback_latency_days) \
        == ("assembly-line", 0.0, None, None)


def test_assessment_feedback_loop_against_hybrid():
    stages = "b:business d:develop v:validate g:gate p:deploy m:monitor"
    edges = "b>d d>v v>g g>p p>m m~d:drift@2 m~b:schedule@10"
    a = run(make(stages, edges, automation={"g": "automated"})).assessment
    assert (a.classification, a.loop_coverage, a.automated_feedback, a.feedback_latency_days) \
        == ("feedback-loop", 1.0, 1.0, 2.0)
    # a human approval inside the loop makes it hybrid
    assert run(make(stages, edges)).assessment.classification == "hybrid"
    # half the feedback automated is enough; less is not
    a = run(make(stages, "b>d d>v v>g g>p p>m m~d:drift m~b", automation={"g": "automated"}))
    assert a.assessment.classification == "feedback-loop"
    a = run(make(stages + " l:learn", "b>d d>v v>g g>p p>m m~d:drift m~b m~l l~b",
                 automation={"g": "automated"}))
    assert a.assessment.automated_feedback == pytest.approx(1 / 4)
    assert a.assessment.classification == "hybrid"


def test_loop_coverage_counts_only_components_with_a_feedback_edge_inside():
    # a flow-only loop (x, y) and a feedback loop (a, b, c); one stage (o) outside both
    lc = make("a:develop b:deploy c:monitor x:data y:develop o:other",
              "a>b b>c c~a:alert x>y y>x c>o o>x")
    a = run(lc).assessment
    assert a.loop_coverage == pytest.approx(3 / 6)
    assert a.classification == "hybrid"  # coverage 0.5 < 0.6


def test_self_loops_are_ignored_by_the_assessment():
    a = run(make("a:data m:monitor", "a>m m~m:drift")).assessment
    assert a.classification == "assembly-line" and a.automated_feedback is None


# ---- quick fixes --------------------------------------------------------------------------

def test_quick_fixes_say_what_one_edit_would_touch():
    from desktop_app.checks.fixes import quick_fix

    lc = make("a:data:ds b:develop c:validate m:monitor x:other",
              "a>b b>c c>b a>b b~b m~a c>m x~a")
    by_rule = {f.rule: f for f in run(lc).findings}
    assert quick_fix(lc, by_rule["LC106"]).targets == ("e5",)
    assert quick_fix(lc, by_rule["LC107"]).targets == ("e4",)  # the first drawn stays
    fix = quick_fix(lc, by_rule["LC109"])
    assert (fix.action, fix.choices) == ("mark-feedback", ("e2", "e3"))
    assert quick_fix(lc, by_rule["LC110"]).targets == ("e8",)
    fix = quick_fix(lc, by_rule["LC301"])
    assert fix.choices == ("ds",)
    assert quick_fix(lc, by_rule["LC205"]) is None


def test_an_edge_naming_no_stage_is_reported_and_the_rules_run_on_the_rest():
    from desktop_app.model.document import Edge

    lc = make("a:data b:develop", "a>b")
    lc.edges.append(Edge("e9", "b", "ghost"))  # a document would be refused; code can build it
    result = run(lc)
    [err] = [f for f in result.findings if f.rule == "LC000"]
    assert err.edges == ("e9",) and '"ghost"' in err.message
    assert {"LC104", "LC201", "LC301"} <= {f.rule for f in result.findings}


def test_the_checks_leave_the_cycle_collector_as_they_found_it():
    """The checks hold the collector off while they run (it found nothing to free and cost a
    fifth of their time); the app that called them must get it back, on and off alike."""
    import gc

    lc = make("a:develop b:deploy c:monitor", "a>b b>c c~a")
    try:
        gc.enable()
        states = []
        check_lifecycle(lc, today=TODAY, select=["LC2"])
        states.append(gc.isenabled())
        gc.disable()
        check_lifecycle(lc, today=TODAY)
        states.append(gc.isenabled())
    finally:
        gc.enable()
    assert states == [True, False]


def test_the_check_command_gives_the_collector_back(tmp_path, capsys):
    import gc

    from desktop_app.cli import main
    from desktop_app.interchange import write_document

    path = tmp_path / "l.lifecycle.json"
    write_document(make("a:develop b:deploy", "a>b"), path)
    assert gc.isenabled()
    assert main(["check", str(path)]) == 1
    assert gc.isenabled()
    assert "LC208" in capsys.readouterr().out


def test_a_quickly_made_finding_is_the_same_as_a_constructed_one():
    import dataclasses

    from desktop_app.checks.result import Finding, quick_finding

    values = ("LC208", "untested-release", "error", "msg", "hint", ("s1", "s2"), ("e1",), (),
              ("o",), 2)
    quick = quick_finding(*values, True)
    made = Finding(*values, False, None, True)
    assert quick == made and hash(quick) == hash(made) and repr(quick) == repr(made)
    assert dataclasses.asdict(quick) == dataclasses.asdict(made)
    assert quick.to_dict() == made.to_dict() and quick.sort_key() == made.sort_key()
    assert dataclasses.replace(quick, suppressed=True, reason="r") \
        == dataclasses.replace(made, suppressed=True, reason="r")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.message = "changed"  # type: ignore[misc]


def test_big_id_lists_come_out_sorted_and_once_as_a_plain_sort_gives_them():
    """Loops of thousands of stages are read off the id order of all stages (graph.sorted_ids);
    whatever the subset, and with ids repeated (a lifecycle built in code), it is sorted(set())."""
    import random

    from desktop_app.checks.graph import Analysis

    rng = random.Random(7)
    ids = [f"s{rng.randrange(10**6)}" for _ in range(400)]
    for repeated in (False, True):
        stage_ids = ids[:] if not repeated else ids[:200] + ids[:200]
        lc = make(" ".join(f"x{k}:develop" for k in range(len(stage_ids))), "")
        for stage, sid in zip(lc.stages, stage_ids):
            stage.id = sid
        ctx = Analysis(lc, TODAY)
        for size in (1, 30, 100, 399, 400):
            nums = rng.sample(range(len(stage_ids)), size)
            assert ctx.sorted_ids(nums) == tuple(sorted({stage_ids[i] for i in nums}))
