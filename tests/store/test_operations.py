"""The operations API: each edit is one transaction, returns what it touched, is logged, and
every delete can be put back exactly; on a workspace file and on a server database alike."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.model.document import Edge, Owner, Stage, Suppression
from desktop_app.store import OperationError, Workspace
from tests.pg_server import plain_rows
from tests.store.conftest import small_lifecycle


@pytest.fixture
def ws(workspace_location):
    """A new workspace, once as a file and once in a server database."""
    workspace = Workspace.create(workspace_location)
    yield workspace
    workspace.close()


@pytest.fixture
def file_ws(ws_path):
    workspace = Workspace.create(ws_path)
    yield workspace
    workspace.close()


@pytest.fixture
def lid(ws):
    return ws.create_lifecycle(small_lifecycle()).lifecycle_id


def test_a_lifecycle_is_stored_field_by_field(ws, lid):
    assert ws.load(lid) == small_lifecycle()


def test_move_returns_only_what_it_touched_and_is_logged(ws, lid):
    change = ws.move_stages(lid, {"train": (240, 20), "ship": (460, 20)})
    assert set(change.stages) == {"train", "ship"}
    assert change.stages["train"].x == 240 and change.stages["train"].y == 20
    assert not change.edges and not change.owners and not change.lifecycles
    assert ws.activity(lid)[-1].summary == "Moved 2 stages"


def test_delete_stage_removes_its_edges_and_restore_puts_everything_back(ws, lid):
    before = ws.load(lid)
    change = ws.delete_stages(lid, ["train"])
    assert change.stages == {"train": None}
    assert set(change.edges) == {"e1", "e2", "e4"}
    doc = ws.load(lid)
    assert [s.id for s in doc.stages] == ["data", "ship", "watch"]
    assert [e.id for e in doc.edges] == ["e3"]
    ws.restore(lid, change.removed)
    assert ws.load(lid) == before


def test_delete_owner_reassigns_and_restore_undoes_it(ws, lid):
    before = ws.load(lid)
    ws.update_item(lid, "p1-a", owner="ops")
    before = ws.load(lid)
    change = ws.delete_owner(lid, "ops", reassign_to="pod")
    doc = ws.load(lid)
    assert [o.id for o in doc.owners] == ["pod"]
    assert doc.stage("ship").owner == "pod" and doc.stage("watch").owner == "pod"
    assert doc.phases[0].items[0].owner == "pod"
    assert set(change.stages) == {"ship", "watch"}
    ws.restore(lid, change.removed)
    assert ws.load(lid) == before


def test_delete_items_and_edges_restore_in_place(ws, lid):
    before = ws.load(lid)
    ws.restore(lid, ws.delete_items(lid, ["p1-a"]).removed)
    ws.restore(lid, ws.disconnect(lid, ["e2", "e3"]).removed)
    ws.add_suppression(lid, Suppression("LC303", "Ops own the pager on purpose", stage="watch"))
    with_suppression = ws.load(lid)
    ws.restore(lid, ws.remove_suppression(lid, 0).removed)
    assert ws.load(lid) == with_suppression
    with_suppression.suppressions = []
    assert with_suppression == before


def test_renaming_a_stage_id_keeps_its_edges_and_suppressions(ws, lid):
    ws.add_suppression(lid, Suppression("LC301", "accepted", stage="train"))
    change = ws.update_stage(lid, "train", id="fit")
    assert change.stages["train"] is None and change.stages["fit"].name == "Train"
    doc = ws.load(lid)
    assert {(e.source, e.target) for e in doc.edges} >= {("data", "fit"), ("fit", "ship"), ("watch", "fit")}
    assert doc.suppressions[0].stage == "fit"


def test_connect_gives_the_next_free_edge_id(ws, lid):
    ws.disconnect(lid, ["e2"])
    change = ws.connect(lid, Edge("", "train", "ship"))
    assert list(change.edges) == ["e2"]


def test_a_refused_edit_writes_nothing(ws, lid):
    before = ws.load(lid)
    activity = len(ws.activity(lid))
    with pytest.raises(OperationError, match="no stage with id 'nope'"):
        ws.move_stages(lid, {"train": (1, 1), "nope": (2, 2)})
    with pytest.raises(OperationError, match="is not one of"):
        ws.update_stage(lid, "train", kind="deplyo")
    with pytest.raises(OperationError, match="already exists"):
        ws.create_lifecycle(small_lifecycle())
    with pytest.raises(OperationError):
        ws.connect(lid, Edge("e1", "data", "train"))
    assert ws.load(lid) == before
    assert len(ws.activity(lid)) == activity


def test_marking_an_item_done_sets_done_on_and_completing_a_phase_takes_a_snapshot(ws, lid):
    change = ws.update_item(lid, "p1-a", status="done")
    assert change.items["p1-a"].done_on == date.today()
    assert change.snapshot_id is None
    change = ws.update_item(lid, "p1-b", status="done", done_on=date(2026, 3, 1))
    assert change.snapshot_id is not None
    (snap,) = ws.snapshots(lid)
    assert snap.label == "Phase 1 complete" and snap.auto
    assert ws.load_snapshot(snap.id).phases[0].items[1].done_on == date(2026, 3, 1)
    # leaving done clears the date
    assert ws.update_item(lid, "p1-a", status="doing").items["p1-a"].done_on is None
    # completing it again takes a second, distinctly labelled snapshot
    ws.update_item(lid, "p1-a", status="done")
    assert [s.label for s in ws.snapshots(lid)] == ["Phase 1 complete", "Phase 1 complete (2)"]


def test_items_reorder_and_move_between_phases(ws, lid):
    ws.move_item(lid, "p1-b", 1, 0)
    assert [i.id for i in ws.load(lid).phases[0].items] == ["p1-b", "p1-a"]
    ws.move_item(lid, "p1-b", 2, 0)
    doc = ws.load(lid)
    assert [i.id for i in doc.phases[0].items] == ["p1-a"]
    assert [i.id for i in doc.phases[1].items] == ["p1-b", "p2-a"]
    assert ws.item_position(lid, "p1-b") == (2, 0)


def test_delete_and_undelete_a_lifecycle_keeps_its_snapshots(ws, lid):
    ws.take_snapshot(lid, "before the review")
    ws.delete_lifecycle(lid)
    assert ws.lifecycles() == []
    with pytest.raises(KeyError):
        ws.lifecycle_id("Churn model")
    ws.undelete_lifecycle(lid)
    assert ws.load(lid) == small_lifecycle()
    assert [s.label for s in ws.snapshots(lid)] == ["before the review"]


def test_save_as_writes_a_workspace_that_opens_on_its_own(file_ws, tmp_path):
    ws = file_ws
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    copy = tmp_path / "copy.lcstudio"
    ws.save_as(copy)
    # the original stays open and editable
    ws.update_stage(lid, "train", name="Train nightly")
    with Workspace.open(copy) as other:
        assert other.load(other.lifecycle_id("Churn model")) == small_lifecycle()
        assert other.integrity_problems() == []


def test_every_operation_commits_at_once(ws, lid, workspace_location):
    ws.update_stage(lid, "train", name="Train nightly")
    ws.add_owner(lid, Owner("risk", "Risk"))
    ws.add_stages(lid, [Stage("gate", "Compliance gate", "gate", owner="risk")])
    if not ws.is_server:
        ws.close()  # the window holding a file keeps everyone else out until it closes
    # a plain reader (sqlite3, or psycopg on its own connection while the workspace is still
    # open) sees the edits: nothing waits for a Save
    names = {r[0] for r in plain_rows(workspace_location, "SELECT name FROM stages")}
    assert {"Train nightly", "Compliance gate"} <= names


def test_retrospective_action_item_becomes_a_phase_item(ws, lid):
    since = ws.take_snapshot(lid, "Q1").snapshot_id
    retro = ws.save_retrospective(lid, since, None, "Feedback took too long").retrospective_id
    ws.add_action_item(retro, "Add a drift alert")
    (info,) = ws.retrospectives(lid)
    change = ws.promote_action_item(info.action_items[0].id, 3)
    (key,) = change.items
    doc = ws.load(lid)
    (phase3,) = [p for p in doc.phases if p.number == 3]
    assert [i.title for i in phase3.items] == ["Add a drift alert"]
    assert ws.retrospectives(lid)[0].action_items[0].promoted_item == key
    with pytest.raises(OperationError, match="already phase item"):
        ws.promote_action_item(info.action_items[0].id, 3)


def test_rule_settings_are_rows_of_their_own(ws, lid):
    ws.set_rule(lid, "LC206", {"max_feedback_days": 14})
    ws.set_rule(lid, "LC109", {"severity": "off"})
    assert ws.load(lid).rules == {"LC206": {"max_feedback_days": 14}, "LC109": {"severity": "off"}}
    ws.set_rule(lid, "LC206", None)
    assert ws.load(lid).rules == {"LC109": {"severity": "off"}}


def test_a_promotion_can_be_taken_back_and_made_again(ws, lid):
    retro = ws.save_retrospective(lid, None, None, "").retrospective_id
    ws.add_action_item(retro, "Alert on drift")
    action = ws.retrospectives(lid)[0].action_items[0].id
    before = ws.load(lid)
    (key,) = ws.promote_action_item(action, 2).items
    change = ws.unpromote_action_item(action)
    assert change.items == {key: None}
    assert ws.load(lid) == before
    assert ws.retrospectives(lid)[0].action_items[0].promoted_item is None
    assert list(ws.promote_action_item(action, 2).items) == [key]
