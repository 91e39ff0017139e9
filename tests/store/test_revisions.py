"""Revisions, authors, conflicts and the replayable activity log, on a workspace file.

A file has one writer at a time, so here "another writer" is another session on the same file
(closed and opened again, another author), and the out-of-date view is stated with
``ws.based_on`` (what an undo does). The same refusals between two live writers on a server are
in test_team_workspace.py.
"""

from __future__ import annotations

import getpass
from datetime import date

import pytest

from desktop_app.model.document import Edge, Item, Lifecycle, Owner, Stage, Suppression
from desktop_app.store import ConflictError, OperationError, Workspace
from desktop_app.store.replay import replay

from .conftest import small_lifecycle


@pytest.fixture
def any_ws(workspace_location):
    """A workspace on a file and on a server: what does not depend on the engine runs on both."""
    workspace = Workspace.create(workspace_location)
    yield workspace
    workspace.close()


def test_each_committed_operation_raises_the_revision_and_says_who(any_ws):
    ws = any_ws
    ws.author = "Alice Lead"
    created = ws.create_lifecycle(small_lifecycle())
    lid = created.lifecycle_id
    assert created.revision == 0 and ws.revision(lid) == 0
    moved = ws.move_stages(lid, {"watch": (700.0, 40.0)})
    renamed = ws.update_stage(lid, "train", name="Train weekly")
    assert (moved.revision, renamed.revision) == (1, 2)
    assert moved.author == renamed.author == "Alice Lead"
    with pytest.raises(OperationError):
        ws.move_stages(lid, {"nowhere": (0.0, 0.0)})
    assert ws.revision(lid) == 2  # a refused edit is no revision
    log = ws.activity(lid)
    assert [(e.operation, e.revision, e.author) for e in log] == [
        ("create_lifecycle", 0, "Alice Lead"), ("move_stages", 1, "Alice Lead"),
        ("update_stage", 2, "Alice Lead")]


def test_the_author_is_the_login_name_unless_the_app_sets_one(ws):
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    assert ws.activity(lid)[-1].author == getpass.getuser()
    ws.author = "Risk & compliance\n<lead>"
    ws.move_stages(lid, {"data": (5.0, 5.0)})
    # one line, whatever the settings held
    assert ws.activity(lid)[-1].author == "Risk & compliance <lead>"


def test_undoing_a_move_of_a_stage_another_session_deleted_is_refused_by_name(ws_path):
    with Workspace.create(ws_path) as mine:
        lid = mine.create_lifecycle(small_lifecycle()).lifecycle_id
        my_move = mine.move_stages(lid, {"watch": (700.0, 40.0)})
    with Workspace.open(ws_path) as alices:
        alices.author = "alice"
        alices.delete_stages(lid, ["watch"])
    with Workspace.open(ws_path) as mine:
        mine.author = "bob"
        before, doc = mine.revision(lid), mine.load(lid)
        # the undo of my move is made against the revision my move produced
        with mine.based_on(lid, my_move.revision), pytest.raises(ConflictError) as refused:
            mine.move_stages(lid, {"watch": (660.0, 0.0)})
        assert refused.value.reason == (
            "“Watch” was deleted by alice after your edit; undoing or redoing it would overwrite "
            "their change, so nothing was changed")
        assert mine.revision(lid) == before and mine.load(lid) == doc
        with mine.based_on(lid, my_move.revision), pytest.raises(ConflictError, match="“Watch” was deleted by alice"):
            mine.connect(lid, Edge("", "train", "watch"))


def test_undoing_what_another_session_changed_since_is_refused_and_other_undos_land(ws_path):
    with Workspace.create(ws_path) as mine:
        lid = mine.create_lifecycle(small_lifecycle()).lifecycle_id
        my_move = mine.move_stages(lid, {"train": (1.0, 1.0), "ship": (2.0, 2.0)})
    with Workspace.open(ws_path) as alices:
        alices.author = "alice"
        alices.update_stage(lid, "ship", name="Ship <canary> & \"rollout\"")
    with Workspace.open(ws_path) as mine:
        with mine.based_on(lid, my_move.revision):
            with pytest.raises(ConflictError) as refused:
                mine.move_stages(lid, {"train": (220.0, 0.0), "ship": (440.0, 0.0)})
            assert refused.value.reason.startswith("“Ship <canary> & \"rollout\"” was changed by alice")
            # not one of the two moved back: the operation is one transaction
            assert mine.load(lid).stage("train").x == 1.0
            # what alice did not touch is no conflict
            landed = mine.move_stages(lid, {"train": (220.0, 0.0)})
            mine.connect(lid, Edge("", "data", "ship", kind="flow"))
        assert landed.revision == my_move.revision + 2
        assert mine.load(lid).stage("ship").name == "Ship <canary> & \"rollout\""


def test_a_trial_runs_the_checks_and_changes_nothing(ws_path):
    with Workspace.create(ws_path) as mine:
        lid = mine.create_lifecycle(small_lifecycle()).lifecycle_id
        my_move = mine.move_stages(lid, {"ship": (2.0, 2.0)})
    with Workspace.open(ws_path) as alices:
        alices.author = "alice"
        alices.update_stage(lid, "ship", name="Ship it")
    with Workspace.open(ws_path) as mine:
        before = mine.revision(lid)
        with mine.trial(), mine.based_on(lid, my_move.revision):
            assert mine.move_stages(lid, {"train": (5.0, 5.0)}) is None
            with pytest.raises(ConflictError, match="“Ship it” was changed by alice"):
                mine.move_stages(lid, {"ship": (440.0, 0.0)})
        assert mine.revision(lid) == before and mine.load(lid).stage("train").x == 220


def test_own_later_edits_are_no_conflict_for_the_same_workspace(any_ws):
    ws = any_ws
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    first = ws.move_stages(lid, {"ship": (1.0, 1.0)})
    ws.move_stages(lid, {"ship": (2.0, 2.0)})
    # an undo of the first move, checked against its own revision: the later move is ours
    with ws.based_on(lid, first.revision):
        ws.move_stages(lid, {"ship": (440.0, 0.0)})
    assert ws.load(lid).stage("ship").x == 440


def test_rows_carry_the_revision_they_last_changed_at(ws, ws_path):
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    ws.move_stages(lid, {"ship": (1.0, 1.0)})
    ws.update_edge(lid, "e1", label="nightly")
    ws.delete_items(lid, ["p1-b"])
    raw = ws._raw
    assert dict(raw.execute("SELECT \"key\", rev FROM stages WHERE lifecycle_pk = ?", (lid,)).fetchall()) == {
        "data": 0, "train": 0, "ship": 1, "watch": 0}
    assert dict(raw.execute("SELECT \"key\", rev FROM edges").fetchall())["e1"] == 2
    assert raw.execute("SELECT kind, \"key\", name, rev FROM removals").fetchall() == [
        ("item", "p1-b", "“Define metrics”", 3)]


def _busy_history(ws: Workspace) -> int:
    """A lifecycle taken through most operations, with undos (restore) among them."""
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    ws.add_stages(lid, [Stage("gate", "Go / no-go", "gate", owner="ops", x=300, y=200)],
                  [Edge("", "train", "gate")])
    ws.move_stages(lid, {"gate": (320.5, 210.25), "data": (-40.0, 12.0)})
    ws.update_stage(lid, "train", name="Train weekly", notes="line one\nline two")
    ws.update_stage(lid, "gate", id="go-gate")
    gone = ws.delete_stages(lid, ["ship"])
    ws.restore(lid, gone.removed)
    ws.connect(lid, Edge("", "watch", "data", kind="feedback", trigger="drift", latency_days=7.5))
    ws.update_edge(lid, "e1", label="nightly", latency_days=1)
    cut = ws.disconnect(lid, ["e2"])
    ws.add_owner(lid, Owner("risk", "Risk & compliance", "role"))
    ws.update_owner(lid, "pod", name="Model pod (EU)")
    left = ws.delete_owner(lid, "ops", reassign_to="risk")
    ws.restore(lid, left.removed)
    ws.restore(lid, cut.removed)
    ws.set_phase(lid, 3, planned_start=date(2025, 4, 1), planned_end=date(2025, 5, 1))
    ws.add_item(lid, 3, Item("p3-a", "Shadow deploy", owner="risk", due=date(2025, 4, 20)))
    ws.update_item(lid, "p1-a", status="done")  # done_on: today, kept in the log
    ws.move_item(lid, "p1-b", 2, 0)
    dropped = ws.delete_items(lid, ["p2-a"])
    ws.restore(lid, dropped.removed)
    ws.set_rule(lid, "LC206", {"severity": "warning", "max_feedback_days": 10})
    ws.add_suppression(lid, Suppression("LC101", "owned by the platform team", "data"))
    ws.add_suppression(lid, Suppression("LC102", "known gap"))
    ws.remove_suppression(lid, 0)
    ws.update_lifecycle(lid, description="Churn, with | pipes and ] brackets")
    ws.take_snapshot(lid, "Before review")
    retro = ws.save_retrospective(lid, None, None, "notes").retrospective_id
    action = ws.add_action_item(retro, "Add a drift alert").action_item_id
    ws.promote_action_item(action, 4)
    return lid


def test_replaying_the_activity_log_rebuilds_the_lifecycle(any_ws, tmp_path):
    ws = any_ws
    lid = _busy_history(ws)
    with Workspace.create(tmp_path / "replayed.lcstudio") as target:
        ids = replay(ws.activity(), target)
        assert target.load(ids[lid]) == ws.load(lid)
        assert [s.label for s in target.snapshots(ids[lid])] == [s.label for s in ws.snapshots(lid)]


def test_a_file_of_schema_3_gets_revisions_on_open(tmp_path):
    """Lifecycles and rows made before revisions start at 0 and count on from there."""
    from desktop_app.store import engine as eng

    path = tmp_path / "three.lcstudio"
    raw = eng.connect_raw(path)
    raw.execute(f"PRAGMA application_id = {eng.APPLICATION_ID}")
    engine = eng.make_engine(raw)
    with engine.connect() as conn:
        eng.run_migrations(conn, "r0003")
        conn.commit()
    raw.execute("INSERT INTO lifecycles (pk, name, paradigm, description, created_at, deleted) "
                "VALUES (1, 'Old', 'hybrid', '', '2025-01-01 10:00:00', 0)")
    raw.execute("INSERT INTO stages (lifecycle_pk, \"key\", name, kind, automation, criteria, notes, x, y, seq) "
                "VALUES (1, 'a', 'A', 'data', 'manual', '', '', 0, 0, 1)")
    engine.dispose()
    raw.close()
    with Workspace.open(path) as ws:
        assert ws.revision(1) == 0
        assert ws.move_stages(1, {"a": (3.0, 4.0)}).revision == 1


def test_one_stage_moved_is_logged_by_its_name(any_ws):
    ws = any_ws
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    ws.move_stages(lid, {"watch": (1.0, 2.0)})
    assert ws.activity(lid)[-1].summary == "Moved stage “Watch”"


def test_a_log_naming_anything_but_an_operation_is_not_replayed(ws, tmp_path):
    """A workspace is untrusted input: its log cannot make the replay call save_as, close, ..."""
    from desktop_app.store.change import ActivityEntry
    from desktop_app.store.replay import encode_call

    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    (created,) = ws.activity(lid)
    target_path = tmp_path / "stolen.lcstudio"
    hostile = ActivityEntry(created.at, "move_stages", "Moved", "mallory", lid, 1,
                            encode_call("save_as", {"path": str(target_path)}))
    with Workspace.create(tmp_path / "replayed.lcstudio") as target:
        with pytest.raises(ValueError, match="'save_as' is not an operation that can be replayed"):
            replay([created, hostile], target)
    assert not target_path.exists()


def test_the_log_since_a_revision_is_what_came_after_it(any_ws):
    ws = any_ws
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    seen = ws.move_stages(lid, {"data": (1.0, 1.0)}).revision
    ws.author = "alice"
    ws.update_stage(lid, "ship", name="Ship it")
    ws.delete_items(lid, ["p1-b"])
    assert [(e.author, e.summary) for e in ws.activity(lid, since_revision=seen)] == [
        ("alice", "Renamed stage “Ship” to “Ship it”"), ("alice", "Deleted item “Define metrics”")]
    ws.disconnect(lid, ["e4"])
    assert ws.activity(lid)[-1].summary == "Deleted the edge “Watch → Train”"


def test_ids_given_as_a_generator_or_a_dict_view_are_logged_and_replayed(ws, tmp_path):
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    ws.delete_items(lid, (i for i in ["p1-a", "p1-b"]))
    positions = {"data": (1.0, 2.0), "train": (3.0, 4.0)}
    ws.disconnect(lid, {"e1": None, "e2": None}.keys())
    ws.move_stages(lid, positions)
    with Workspace.create(tmp_path / "replayed.lcstudio") as target:
        ids = replay(ws.activity(), target)
        assert target.load(ids[lid]) == ws.load(lid)


def test_a_rule_setting_the_format_refuses_is_refused_and_the_lifecycle_stays_usable(ws, ws_path):
    lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
    with pytest.raises(OperationError, match=r"the settings of LC206 were refused \(rules.LC206: unknown "
                                             r"parameter 'every_day'.*nothing was changed"):
        ws.set_rule(lid, "LC206", {"severity": "warning", "every_day": 1})
    ws.set_rule(lid, "LC206", {"severity": "warning", "max_feedback_days": 10})
    ws.take_snapshot(lid, "after the rules")
    ws.close()
    with Workspace.open(ws_path) as again:
        assert again.load(lid).rules == {"LC206": {"severity": "warning", "max_feedback_days": 10}}
