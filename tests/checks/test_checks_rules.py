"""One small lifecycle per rule that trips it, and a near miss that does not."""

from __future__ import annotations

import datetime

from tests.checks.checks_dsl import found, make, named, run

from desktop_app.model.document import Item, Owner, Phase, Suppression

LOOP = "b:business:ds d:develop:ds v:validate:ds p:deploy:ds m:monitor:ds"
LOOP_EDGES = "b>d d>v v>p p>m m~d:drift@2"


# ---- structure -------------------------------------------------------------------------

def test_lc101_empty_lifecycle():
    assert [f.severity for f in found(make(), "LC101")] == ["error"]
    assert found(make("a:data"), "LC101") == []


def test_lc102_no_entry_when_every_stage_has_incoming_flow():
    assert len(found(make("a:data b:develop", "a>b b>a"), "LC102")) == 1
    assert found(make("a:data b:develop", "a>b b~a"), "LC102") == []


def test_lc102_a_flow_self_loop_does_not_hide_an_entry():
    assert found(make("a:data b:develop", "a>a a>b"), "LC102") == []


def test_lc103_stages_no_entry_reaches():
    lc = make("a:data b:develop c:develop d:deploy", "a>b c>d d>c")
    assert named(found(lc, "LC103")) == [("c",), ("d",)]
    assert found(make("a:data b:develop c:develop d:deploy", "a>b c>d"), "LC103") == []


def test_lc103_not_reported_without_any_entry_and_never_for_orphans():
    assert found(make("a:data b:develop", "a>b b>a"), "LC103") == []
    assert found(make("a:data b:develop c:other", "a>b"), "LC103") == []


def test_lc103_reached_through_a_feedback_edge_counts():
    lc = make("a:data b:develop c:develop x:other", "a>b b~c c>x x>c")
    assert found(lc, "LC103") == []


def test_lc104_dead_end_by_paradigm():
    assert [(f.stages, f.severity) for f in found(make("a:data b:develop", "a>b"), "LC104")] \
        == [(("b",), "warning")]
    lc = make("a:data b:develop", "a>b", paradigm="assembly-line")
    assert [f.severity for f in found(lc, "LC104")] == ["info"]
    assert found(make("a:data b:develop", "a>b b~a"), "LC104") == []
    assert found(make("a:data"), "LC104") == []


def test_lc104_a_self_loop_is_no_way_out():
    assert named(found(make("a:data b:develop", "a>b b>b"), "LC104")) == [("b",)]


def test_lc105_orphan_reported_once():
    lc = make("a:data b:develop c:gate", "a>b c~c")
    result = run(lc, "LC1")
    assert [(f.rule, f.stages) for f in result.findings if "c" in f.stages and f.rule != "LC106"] \
        == [("LC105", ("c",))]
    assert found(make("a:data b:develop c:gate", "a>b c>a"), "LC105") == []
    assert found(make("c:gate"), "LC105") == []  # a lone stage is not an orphan


def test_lc106_self_loop_names_edge_and_stage_and_is_fixable():
    [f] = found(make("a:data b:develop", "a>b b~b"), "LC106")
    assert (f.stages, f.edges, f.fixable) == (("b",), ("e2",), True)
    assert found(make("a:data b:develop", "a>b b~a"), "LC106") == []


def test_lc107_duplicate_edges_one_finding_per_group():
    [f] = found(make("a:data b:develop", "a>b a>b a>b b~a"), "LC107")
    assert (f.stages, f.edges, f.fixable) == (("a", "b"), ("e1", "e2", "e3"), True)
    assert "3 flow edges" in f.message
    # same ends, different kind: not a duplicate; duplicate self-loops are LC106's business
    assert found(make("a:data b:develop", "a>b a~b b~b b~b"), "LC107") == []


def test_lc108_names_equal_once_trimmed_and_casefolded():
    lc = make("a:data b:develop c:develop", "a>b b>c")
    lc.stages[1].name, lc.stages[2].name = "Train ", "TRAIN"
    [f] = found(lc, "LC108")
    assert f.stages == ("b", "c")
    lc.stages[2].name = "Training"
    assert found(lc, "LC108") == []


def test_lc109_loop_of_flow_edges_only():
    [f] = found(make("a:data b:develop c:validate", "a>b b>c c>b"), "LC109")
    assert f.stages == ("b", "c") and f.fixable
    assert found(make("a:data b:develop c:validate", "a>b b>c c~b"), "LC109") == []


def test_lc110_feedback_that_closes_no_loop():
    [f] = found(make("a:data b:develop c:monitor", "a>b c~a"), "LC110")
    assert (f.stages, f.edges, f.fixable) == (("a", "c"), ("e2",), True)
    assert found(make("a:data b:develop c:monitor", "a>b b>c c~a"), "LC110") == []


# ---- feedback ---------------------------------------------------------------------------

def test_lc201_no_feedback_loop_by_paradigm():
    assert [f.severity for f in found(make("a:data b:develop", "a>b"), "LC201")] == ["error"]
    lc = make("a:data b:develop", "a>b", paradigm="assembly-line")
    assert [f.severity for f in found(lc, "LC201")] == ["info"]
    assert found(make("a:data b:develop", "a>b b~a"), "LC201") == []
    assert found(make("a:data"), "LC201") == []


def test_lc201_a_feedback_self_loop_is_no_loop():
    assert len(found(make("a:data b:monitor", "a>b b~b"), "LC201")) == 1


def test_lc202_deploy_without_monitor_names_the_deploy_stages():
    lc = make("d:develop p:deploy q:deploy", "d>p d>q")
    [f] = found(lc, "LC202")
    assert (f.stages, f.severity) == (("p", "q"), "error")
    lc.paradigm = "assembly-line"
    assert [f.severity for f in found(lc, "LC202")] == ["warning"]
    assert found(make("d:develop p:deploy m:monitor", "d>p p>m"), "LC202") == []


def test_lc203_deployment_cliff():
    assert named(found(make("d:develop p:deploy m:monitor", "d>p p>m"), "LC203")) == [("p",)]
    assert found(make("d:develop p:deploy m:monitor", "d>p p>m m~d"), "LC203") == []


def test_lc203_a_deploy_stage_does_not_reach_itself_by_a_self_loop():
    lc = make("d:develop p:deploy", "d>p p~p")
    assert named(found(lc, "LC203")) == [("p",)]


def test_lc204_monitoring_dead_end():
    lc = make("d:develop p:deploy m:monitor l:learn", "d>p p>m m>l")
    assert named(found(lc, "LC204")) == [("m",)]
    lc = make("d:develop p:deploy m:monitor l:learn", "d>p p>m m>l l~d")
    assert found(lc, "LC204") == []


def test_lc205_manual_feedback_only_names_the_edges_and_no_stage():
    lc = make(LOOP + " l:learn", "b>d d>v v>p p>m m~l l~b")
    [f] = found(lc, "LC205")
    assert (f.stages, f.edges, f.severity) == ((), ("e5", "e6"), "warning")
    lc.paradigm = "assembly-line"
    assert [f.severity for f in found(lc, "LC205")] == ["info"]
    assert found(make(LOOP + " l:learn", "b>d d>v v>p p>m m~l l~b:schedule"), "LC205") == []
    assert found(make("a:data b:develop", "a>b"), "LC205") == []  # no feedback edge at all


def test_lc206_slow_feedback_just_under_and_just_over():
    under = make(LOOP, "b>d d>v v>p p>m m~d@30")
    over = make(LOOP, "b>d d>v v>p p>m m~d@30.5")
    assert found(under, "LC206") == []
    [f] = found(over, "LC206")
    assert (f.stages, f.severity) == (("m",), "warning") and "30.5 days" in f.message


def test_lc206_takes_the_shortest_way_and_its_parameter():
    lc = make(LOOP + " l:learn", "b>d d>v v>p p>m m~b@50 m>l@10 l~d@15")
    assert found(lc, "LC206") == []  # 25 days by the learn stage
    lc.rules = {"LC206": {"max_feedback_days": 20}}
    [f] = found(lc, "LC206")
    assert "25 days" in f.message


def test_lc207_automated_loop_without_a_quality_stage():
    lc = make("d:develop p:deploy m:monitor", "d>p p>m m~d:drift")
    [f] = found(lc, "LC207")
    assert (f.stages, f.edges) == (("d", "m"), ("e3",))
    # the same loop guarded by a validate stage
    assert found(make("d:develop v:validate p:deploy m:monitor", "d>v v>p p>m m~d:drift"),
                 "LC207") == []
    # the same loop, retrained by hand
    assert found(make("d:develop p:deploy m:monitor", "d>p p>m m~d"), "LC207") == []


def test_lc207_a_bypass_around_the_validate_stage_counts():
    lc = make("d:develop v:validate x:data p:deploy m:monitor",
              "d>v v>p p>m m~d:alert d>x x>p")
    assert len(found(lc, "LC207")) == 1


def test_lc208_untested_release_names_every_deploy_stage_reached():
    lc = make("d:develop p:deploy x:other q:deploy m:monitor", "d>p d>x x>q p>m q>m m~d")
    [f] = found(lc, "LC208")
    assert f.stages == ("d", "p", "q")
    lc = make("d:develop g:gate p:deploy m:monitor", "d>g g>p p>m m~d")
    assert found(lc, "LC208") == []


def test_lc208_through_a_loop_of_develop_stages():
    lc = make("a:develop b:develop p:deploy v:validate q:deploy", "a>b b>a b>p a>v v>q")
    assert named(found(lc, "LC208")) == [("a", "p"), ("b", "p")]


def test_lc209_paradigm_mismatch():
    lc = make("a:data b:develop", "a>b", paradigm="feedback-loop")
    [f] = found(lc, "LC209")
    assert f.severity == "info" and "assembly-line" in f.message
    assert found(make("a:data b:develop", "a>b", paradigm="assembly-line"), "LC209") == []


# ---- ownership --------------------------------------------------------------------------

def test_lc301_unowned_stage_fixable_only_when_there_are_owners():
    lc = make("a:data:ds b:develop", "a>b")
    [f] = found(lc, "LC301")
    assert (f.stages, f.fixable) == (("b",), True)
    assert [f.fixable for f in found(make("a:data b:develop", "a>b"), "LC301")] == [False, False]
    assert found(make("a:data:ds b:develop:ds", "a>b"), "LC301") == []


def test_lc303_production_handoff():
    lc = make("d:develop:ds p:deploy:ops m:monitor:ops", "d>p p>m m~d")
    [f] = found(lc, "LC303")
    assert f.stages == ("m",) and "OPS" in f.message and "DS" in f.message
    assert [f.severity for f in found(lc, "LC303", )] == ["warning"]


def test_lc303_not_when_the_monitoring_team_also_owns_a_develop_stage_it_reaches():
    lc = make("d:develop:ds p:deploy:ops m:monitor:ops t:develop:ops",
              "d>p p>m m~d m~t t>p")
    assert found(lc, "LC303") == []


def test_lc303_not_for_unowned_monitors_nor_monitors_that_reach_nothing():
    assert found(make("d:develop:ds p:deploy:ops m:monitor", "d>p p>m m~d"), "LC303") == []
    assert found(make("d:develop:ds p:deploy:ops m:monitor:ops", "d>p p>m"), "LC303") == []


def test_lc304_loop_ownership_sprawl():
    four = make("b:business:w d:develop:x v:validate:y p:deploy:z m:monitor:z",
                "b>d d>v v>p p>m m~b")
    [f] = found(four, "LC304")
    assert f.stages == ("b", "d", "m", "p", "v")
    three = make("b:business:w d:develop:x v:validate:y p:deploy:y m:monitor",
                 "b>d d>v v>p p>m m~b")
    assert found(three, "LC304") == []  # unowned stages do not count
    four.rules = {"LC304": {"max_loop_owners": 4}}
    assert found(four, "LC304") == []


def test_lc304_a_flow_only_loop_is_not_a_feedback_loop():
    lc = make("a:data:w b:develop:x c:validate:y d:deploy:z", "a>b b>c c>d d>a")
    assert found(lc, "LC304") == []


def test_lc305_handoff_chain_just_over_and_at_the_limit():
    over = make("a:business:w b:data:x c:develop:y d:validate:z p:deploy:w", "a>b b>c c>d d>p")
    [f] = found(over, "LC305")
    assert (f.stages, f.severity) == (("p",), "info")
    at = make("a:business:w b:data:x c:develop:y d:validate:z p:deploy:z", "a>b b>c c>d d>p")
    assert found(at, "LC305") == []


def test_lc305_takes_the_path_with_fewest_changes_and_no_owner_is_one_value():
    lc = make("a:business:w b:data:x c:develop:y d:validate:z p:deploy:w",
              "a>b b>c c>d d>p a>p")
    assert found(lc, "LC305") == []
    unowned = make("a:business b:data c:develop d:validate p:deploy", "a>b b>c c>d d>p")
    assert found(unowned, "LC305") == []


def test_lc306_gate_without_criteria():
    lc = make("a:data g:gate v:validate", "a>g g>v", criteria={"g": "  ", "v": ""})
    assert named(found(lc, "LC306")) == [("g",), ("v",)]
    assert found(make("a:data g:gate", "a>g", criteria={"g": "sign-off"}), "LC306") == []


def test_lc307_idle_owner():
    lc = make("a:data:ds b:develop:ds", "a>b", owners=["ops", "qa"])
    lc.phases = [Phase(1, items=[Item("i1", "Dashboards", owner="qa")])]
    [f] = found(lc, "LC307")
    assert (f.owners, f.stages) == (("ops",), ())


# ---- phases -----------------------------------------------------------------------------

def done(*ids: str) -> list[Item]:
    return [Item(i, f"Task {i}", status="done", done_on=datetime.date(2026, 1, 1)) for i in ids]


def test_lc401_phase_claims_need_their_evidence():
    lc = make("d:develop p:deploy", "d>p")
    lc.phases = [Phase(1, items=done("a")), Phase(2, items=done("b")),
                 Phase(3, items=done("c")), Phase(4, items=done("x"))]
    assert [f.phase for f in found(lc, "LC401")] == [1, 2, 3, 4]
    rich = make(LOOP, "b>d d>v v>p p>m m~d:drift", automation={"p": "automated"})
    rich.phases = lc.phases
    assert found(rich, "LC401") == []


def test_lc401_phase_four_wants_drift_or_alert_and_an_automated_deploy():
    lc = make(LOOP, "b>d d>v v>p p>m m~d:schedule", automation={"p": "automated"})
    lc.phases = [Phase(4, items=done("x"))]
    assert [f.phase for f in found(lc, "LC401")] == [4]
    lc.phases[0].items.append(Item("y", "Open"))  # not every item done: no claim
    assert found(lc, "LC401") == []


def test_lc402_phase_out_of_order_names_the_earliest_lagging_phase():
    lc = make("a:data b:develop", "a>b b~a")
    lc.phases = [Phase(1, items=[Item("a1", "A"), Item("a2", "B")]),
                 Phase(2, items=[Item("b1", "C")]),
                 Phase(3, items=done("c1"))]
    [f] = found(lc, "LC402")
    assert f.phase == 3 and "phase 1" in f.message and f.stages == ()
    lc.phases[0].items[0].status = "done"  # half done is not fewer than half
    lc.phases[1].items[0].status = "done"
    assert found(lc, "LC402") == []


def test_lc403_overdue_item_against_today():
    lc = make("a:data b:develop", "a>b")
    lc.phases = [Phase(1, items=[Item("late", "Late", due=datetime.date(2026, 11, 25)),
                                 Item("now", "Due today", due=datetime.date(2026, 11, 26)),
                                 Item("ok", "Done late", status="done",
                                      due=datetime.date(2026, 1, 1),
                                      done_on=datetime.date(2026, 2, 1))])]
    [f] = found(lc, "LC403")
    assert (f.items, f.phase) == (("late",), None)
    assert found(lc, "LC403", today=datetime.date(2026, 11, 25)) == []


def test_lc404_unowned_active_item():
    lc = make("a:data:ds b:develop:ds", "a>b")
    lc.phases = [Phase(2, items=[Item("x", "Doing", status="doing"),
                                 Item("y", "Blocked", status="blocked"),
                                 Item("z", "Todo"),
                                 Item("w", "Owned", status="doing", owner="ds")])]
    assert [f.items for f in found(lc, "LC404")] == [("x",), ("y",)]


# ---- the checker itself -----------------------------------------------------------------

def test_lc901_unused_suppression_and_used_ones():
    lc = make("a:data b:develop c:gate", "a>b")
    lc.suppressions = [Suppression("LC105", "kept on purpose", "c"),
                       Suppression("LC105", "old plan", "b"),
                       Suppression("LC301", "ownerless lab")]
    result = run(lc)
    stale = [f for f in result.findings if f.rule == "LC901"]
    assert len(stale) == 1 and stale[0].stages == () and '"B"' in stale[0].message
    assert all(f.suppressed for f in result.findings if f.rule in ("LC105", "LC301"))


def test_lc901_ignores_suppressions_of_rules_that_did_not_run():
    lc = make("a:data b:develop", "a>b b~a")
    lc.suppressions = [Suppression("LC203", "no deploy here anyway")]
    assert [f.rule for f in run(lc).findings if f.rule == "LC901"] == ["LC901"]
    assert [f.rule for f in run(lc, ignore=["LC203"]).findings if f.rule == "LC901"] == []
    lc.rules = {"LC203": {"severity": "off"}}
    assert [f.rule for f in run(lc).findings if f.rule == "LC901"] == []


def test_lc000_a_rule_that_raises_is_reported_and_the_others_still_run():
    lc = make("a:data b:develop g:gate", "a>b b>g")
    lc.stages[2].criteria = None  # built in code, not read from a document: LC306 breaks
    result = run(lc)
    errors = [f for f in result.findings if f.rule == "LC000"]
    assert len(errors) == 1 and "LC306" in errors[0].message and errors[0].severity == "error"
    rules = {f.rule for f in result.findings}
    assert {"LC104", "LC201", "LC301"} <= rules and "LC306" not in rules
    assert result.assessment.classification == "assembly-line"


def test_owner_kinds_do_not_matter_to_the_rules():
    lc = make("d:develop:ds p:deploy:ops m:monitor:ops", "d>p p>m m~d")
    lc.owners = [Owner("ds", "DS", "person"), Owner("ops", "OPS", "role")]
    assert len(found(lc, "LC303")) == 1
