"""The retrospective comparison: every kind of change, as ``diff --format json`` shows it."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date

from desktop_app.checks.result import Finding
from desktop_app.model.document import Edge, Item, Owner, Stage
from desktop_app.reports.diff import compare, format_text


def finding(rule: str, *stages: str, suppressed: bool = False, message: str = "m") -> Finding:
    return Finding(rule, "name-" + rule, "error", message, "hint", stages=tuple(stages),
                   suppressed=suppressed, reason="ok" if suppressed else None)


def test_no_change_is_empty(lifecycle):
    c = compare(lifecycle, copy.deepcopy(lifecycle))
    assert c.is_empty()
    assert c.to_dict()["stages"] == {"added": [], "removed": [], "changed": [], "names": {}}


def test_stages_added_removed_and_changed_field_by_field(lifecycle):
    after = copy.deepcopy(lifecycle)
    after.stages = [s for s in after.stages if s.id != "data"]
    after.stages.append(Stage("canary", "Canary", "deploy", owner="ops"))
    after.stage("train").name = "Train nightly"
    after.stage("train").automation = "automated"
    after.stage("ship").x = 700.0
    d = compare(lifecycle, after).to_dict()["stages"]
    assert d["names"] == {"canary": "Canary", "data": "Data refresh", "ship": "Ship",
                          "train": "Train nightly"}
    assert d["added"] == ["canary"]
    assert d["removed"] == ["data"]
    assert d["changed"] == [
        {"id": "ship", "fields": {"x": [660, 700.0]}},
        {"id": "train", "fields": {"name": ["Train", "Train nightly"],
                                   "automation": ["manual", "automated"]}},
    ]


def test_edges_added_removed_and_changed(lifecycle):
    after = copy.deepcopy(lifecycle)
    after.edges = [e for e in after.edges if e.id != "e1"]
    after.edges.append(Edge("e5", "watch", "train", kind="feedback", trigger="drift", latency_days=2))
    after.edge("e4").latency_days = 1.5
    after.edge("e3").trigger = "schedule"
    d = compare(lifecycle, after).to_dict()["edges"]
    assert d.pop("names") == {"e5": "Watch → Train", "e1": "Data refresh → Train",
                              "e3": "Regression tests → Ship", "e4": "Ship → Watch"}
    assert d == {"added": ["e5"], "removed": ["e1"], "changed": [
        {"id": "e3", "fields": {"trigger": ["manual", "schedule"]}},
        {"id": "e4", "fields": {"latency_days": [None, 1.5]}},
    ]}


def test_owners_added_removed_and_changed(lifecycle):
    after = copy.deepcopy(lifecycle)
    after.owners = [Owner("pod", "Model pod (EU)", "team"), Owner("risk", "Risk", "role")]
    d = compare(lifecycle, after).to_dict()["owners"]
    assert d.pop("names") == {"risk": "Risk", "ops": "Operations", "pod": "Model pod (EU)"}
    assert d == {"added": ["risk"], "removed": ["ops"],
                 "changed": [{"id": "pod", "fields": {"name": ["Model pod", "Model pod (EU)"]}}]}


def test_items_added_removed_changed_moved_and_completed(lifecycle):
    after = copy.deepcopy(lifecycle)
    p1, p2, p3 = after.phases
    b = p1.items[1]
    b.status, b.done_on = "done", date(2026, 3, 3)
    p2.items = [Item("p2-b", "Document the pipeline", "done", done_on=date(2026, 4, 2))]
    moved = p3.items.pop()
    p2.items.append(replace(moved, title="Schedule nightly retraining"))
    d = compare(lifecycle, after).to_dict()["items"]
    assert d["added"] == ["p2-b"]
    assert d["removed"] == ["p2-a"]
    assert d["changed"] == [
        {"id": "p1-b", "fields": {"status": ["doing", "done"], "done_on": [None, "2026-03-03"]}},
        {"id": "p3-a", "fields": {"phase": [3, 2], "title": ["Schedule retraining",
                                                             "Schedule nightly retraining"]}},
    ]
    # completed: became done in between, a new item born done included; p1-a was done already
    assert d["completed"] == ["p1-b", "p2-b"]


def test_item_reopened_is_not_completed(lifecycle):
    after = copy.deepcopy(lifecycle)
    a = after.phases[0].items[0]
    a.status, a.done_on = "doing", None
    c = compare(lifecycle, after)
    assert c.items.completed == []
    assert c.items.changed[0].fields["status"] == ("done", "doing")


def test_findings_resolved_and_introduced_by_what_they_name(lifecycle):
    before = [finding("LC203", "ship"), finding("LC301", "data"), finding("LC301", "train")]
    after = [finding("LC301", "train", message="reworded"), finding("LC204", "watch")]
    c = compare(lifecycle, lifecycle, before, after)  # only the findings differ
    assert [(f.rule, f.stages) for f in c.resolved] == [("LC203", ("ship",)), ("LC301", ("data",))]
    assert [(f.rule, f.stages) for f in c.introduced] == [("LC204", ("watch",))]
    d = c.to_dict()["findings"]
    assert d["resolved"][0]["rule"] == "LC203" and d["resolved"][0]["stages"] == ["ship"]
    assert set(d["introduced"][0]) == {"rule", "name", "severity", "message", "hint", "stages",
                                       "edges", "items", "owners", "phase", "suppressed",
                                       "reason", "fixable", "where"}


def test_a_finding_accepted_by_suppression_counts_as_resolved(lifecycle):
    c = compare(lifecycle, lifecycle, [finding("LC203", "ship")],
                [finding("LC203", "ship", suppressed=True)])
    assert [f.rule for f in c.resolved] == ["LC203"] and c.introduced == []


def test_json_is_serialisable_and_text_lists_every_change(lifecycle):
    after = copy.deepcopy(lifecycle)
    after.stage("train").owner = "ops"
    after.phases[0].items[1].status = "done"
    after.phases[0].items[1].done_on = date(2026, 3, 3)
    c = compare(lifecycle, after, [], [finding("LC303", "watch")])
    json.dumps(c.to_dict())
    text = format_text(c, "Churn model")
    # what a user reads: owners, items and stages by name, never their ids
    assert "~ Train: owner Model pod → Operations" in text
    assert "Items completed: Define metrics" in text
    assert "introduced LC303 error name-LC303 [Watch] m" in text
    assert c.to_dict()["findings"]["introduced"][0]["where"] == "Watch"


def test_text_names_an_owner_given_and_an_edge_by_its_ends(lifecycle):
    before = copy.deepcopy(lifecycle)
    before.stage("train").owner = None
    after = copy.deepcopy(lifecycle)
    after.edges.append(Edge("e20", "watch", "train", kind="feedback"))
    text = format_text(compare(before, after))
    assert "~ Train: owner nobody → Model pod" in text
    assert "  + Watch → Train" in text
    assert "none ->" not in text and "e20" not in text and "'pod'" not in text


def test_hostile_names_stay_on_one_line(lifecycle):
    after = copy.deepcopy(lifecycle)
    after.stage("train").name = "Train\nnightly <script>&$|]" + "x" * 10_000
    text = format_text(compare(lifecycle, after))
    line = next(l for l in text.splitlines() if l.startswith("  ~ "))
    assert "Train nightly <script>&$|]" in line
    assert len(line) < 300    # a 10,000-character name is cut, with an ellipsis
    assert "…" in line
