"""Phase progress, derived status and the evidence line (the LC401 test, in words)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.model.document import Edge, Item, Phase
from desktop_app.reports.progress import (
    COMPLETE, IN_PROGRESS, NOT_STARTED, derived_status, phase_progress, phase_supported,
)

# the six example lifecycles, as copied into the repository by the checks' tests
from tests.examples import EXAMPLES  # noqa: E402


@pytest.mark.parametrize("statuses, expected", [
    ([], NOT_STARTED),
    (["todo", "todo"], NOT_STARTED),
    (["todo", "doing"], IN_PROGRESS),
    (["todo", "blocked"], IN_PROGRESS),
    (["done", "todo"], IN_PROGRESS),
    (["done", "done"], COMPLETE),
])
def test_derived_status(statuses, expected):
    items = [Item(f"i{n}", "x", s, done_on=date(2026, 1, 1) if s == "done" else None)
             for n, s in enumerate(statuses)]
    assert derived_status(Phase(1, items=items)) == expected


def test_progress_counts_windows_and_untracked_phases(lifecycle):
    rows = phase_progress(lifecycle)
    assert [r.number for r in rows] == [1, 2, 3, 4]
    one, two, _, four = rows
    assert (one.done, one.total, one.status) == (1, 2, IN_PROGRESS)
    assert one.fraction == 0.5
    assert one.planned_start == date(2026, 1, 1) and one.planned_end == date(2026, 3, 31)
    assert one.actual_start == date(2026, 2, 1) and one.actual_end is None
    assert (two.done, two.total, two.status) == (0, 1, NOT_STARTED)
    assert (four.total, four.status, four.name) == (0, NOT_STARTED, "Advanced Feedback and Optimization")

    lifecycle.phases[0].items[1].status = "done"
    lifecycle.phases[0].items[1].done_on = date(2026, 3, 9)
    one = phase_progress(lifecycle)[0]
    assert one.status == COMPLETE and one.actual_end == date(2026, 3, 9)


def test_phase_three_evidence_names_the_missing_trigger(lifecycle):
    for item in lifecycle.phases[2].items:
        item.status, item.done_on = "done", date(2026, 6, 1)
    three = phase_progress(lifecycle)[2]
    assert three.status == COMPLETE and not three.evidence.supported
    assert three.evidence.text == ("Phase 3 claims automated retraining, but the graph lacks a "
                                   "feedback loop triggered by a schedule, an alert or drift")

    # a manual loop is not enough; a scheduled one that closes the loop is
    lifecycle.edges.append(Edge("fb", "watch", "train", kind="feedback", trigger="manual"))
    assert not phase_supported(lifecycle, 3)
    lifecycle.edge("fb").trigger = "schedule"
    three = phase_progress(lifecycle)[2]
    assert three.evidence.supported
    assert three.evidence.text == "The graph supports phase 3: it shows automated retraining"


def test_feedback_that_closes_no_loop_is_no_evidence(lifecycle):
    # watch -> data is feedback, but nothing leads from data back to watch once e1 is gone
    lifecycle.edges = [e for e in lifecycle.edges if e.id != "e1"]
    lifecycle.edges.append(Edge("fb", "watch", "data", kind="feedback", trigger="drift"))
    assert not phase_supported(lifecycle, 2)
    assert not phase_supported(lifecycle, 3)


def test_evidence_for_phases_one_two_and_four(lifecycle):
    assert phase_supported(lifecycle, 1)  # a monitor stage
    assert not phase_supported(lifecycle, 2)  # no loop yet
    assert not phase_supported(lifecycle, 4)
    lifecycle.edges.append(Edge("fb", "watch", "train", kind="feedback", trigger="drift"))
    assert phase_supported(lifecycle, 2)
    text = phase_progress(lifecycle)[3].evidence.text  # phase 4 has no item: not started
    assert text == ("Phase 4 is to bring automatic, signal-driven optimisation; the graph still "
                    "lacks an automated deploy stage")
    lifecycle.stage("ship").automation = "automated"
    assert phase_supported(lifecycle, 4)
    lifecycle.stages = [s for s in lifecycle.stages if s.kind != "monitor"]
    lifecycle.edges = [e for e in lifecycle.edges if "watch" not in (e.source, e.target)]
    assert "lacks a monitor stage" in phase_progress(lifecycle)[0].evidence.text


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.lifecycle.json")))
def test_evidence_agrees_with_rule_lc401(name):
    """With every item of every phase done, LC401 fires exactly for the phases the evidence line
    calls unsupported."""
    from desktop_app.checks import check_lifecycle
    from desktop_app.interchange import read_document

    doc = read_document(EXAMPLES / name)
    doc.phases = [Phase(n, items=[Item(f"x{n}", "x", "done", done_on=date(2026, 1, 1))])
                  for n in (1, 2, 3, 4)]
    doc.rules.pop("LC401", None)
    flagged = {f.phase for f in check_lifecycle(doc, today=date(2026, 11, 26)).findings
               if f.rule == "LC401"}
    assert flagged == {n for n in (1, 2, 3, 4) if not phase_supported(doc, n)}
