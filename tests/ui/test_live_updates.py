"""Another session's edits applied to the open window (issue 13, "Live"): the window reads the
lifecycle again and applies the difference to the canvas, findings and phases, keeping the
user's selection and undo stack. Here the other session's edits are made through the store
directly, outside the window's undo stack; the two-window test on a real server is in
test_team_windows.py."""

from __future__ import annotations

from desktop_app.model.document import Edge, Item, Owner, Stage
from desktop_app.ui.live_updates import difference, said_by


def _scene(window):
    return window.current_scene()


def test_someone_elses_move_rename_and_delete_appear_and_the_selection_and_undo_stack_stay(window, qtbot):
    lid = window.current_lifecycle_id()
    scene = _scene(window)
    doc = window.docs[lid]
    kept, moved, renamed, deleted = (s.id for s in doc.stages[:4])
    kept_name = doc.stage(kept).name
    # the user's own edit first, so there is something on the undo stack to keep
    window.rename_stage(lid, kept, "Mine")
    undo_before = (window.undo_stack.count(), window.undo_stack.index(), window.undo_stack.undoText())
    scene.select_ids([kept, moved, deleted])
    ws = window.workspace
    # "someone else"
    ws.move_stages(lid, {moved: (2000.0, 1400.0)})
    ws.update_stage(lid, renamed, name="Renamed <by> “alice” & co")
    ws.delete_stages(lid, [deleted])

    assert window.live.apply_lifecycle(lid)

    # who did what, by name: the last of the three changes, and that there were more
    status = window.statusBar().currentMessage()
    assert status.startswith(f"{ws.author} deleted ")
    assert doc.stage(deleted).name in status and "(and 2 more changes" in status
    assert scene.stages[moved].pos().x() == 2000.0 and scene.stages[moved].pos().y() == 1400.0
    assert scene.stages[renamed].stage.name == "Renamed <by> “alice” & co"
    assert deleted not in scene.stages
    assert not any(deleted in (e.edge.source, e.edge.target) for e in scene.edges.values())
    # the selection: what is still there stays selected
    assert sorted(scene.selected_stage_ids()) == sorted([kept, moved])
    assert (window.undo_stack.count(), window.undo_stack.index(), window.undo_stack.undoText()) == undo_before
    # the window's copy is the stored lifecycle, and its own undo still works on it
    assert window.docs[lid] == ws.load(lid)
    window.undo_stack.undo()
    assert scene.stages[kept].stage.name == kept_name == ws.load(lid).stage(kept).name


def test_someone_elses_new_stage_edge_owner_and_item_appear_in_canvas_findings_and_phases(window, qtbot):
    lid = window.current_lifecycle_id()
    scene = _scene(window)
    ws = window.workspace
    doc = ws.load(lid)
    first = doc.stages[0].id
    ws.add_owner(lid, Owner(id="remote-risk", name="Risk & compliance <alice>"))
    ws.add_stages(lid, [Stage(id="orphan", name="Orphan stage", kind="monitor", owner="remote-risk", x=40, y=1200)])
    ws.connect(lid, Edge(id="", source=first, target="orphan"))
    ws.add_item(lid, 1, Item(id="remote-item", title="Agreed by alice"))

    assert window.live.apply_lifecycle(lid)

    assert "orphan" in scene.stages
    assert scene.stages["orphan"].look.owner_name == "Risk & compliance <alice>"
    assert any(e.edge.target == "orphan" for e in scene.edges.values())
    phases_dock = next(d for d in window.bottom_docks if d.objectName() == "phasesDock")
    phases_dock.refresh()
    assert "Agreed by alice" in {i.title for i in window.docs[lid].items()}
    # the checks rerun on the new state: a monitor stage with no way back is a finding
    qtbot.waitUntil(lambda: lid in window.results
                    and any("orphan" in f.stages for f in window.results[lid].findings), timeout=3000)


def test_nothing_changed_means_nothing_applied(window):
    lid = window.current_lifecycle_id()
    assert not window.live.apply_lifecycle(lid)


def test_a_lifecycle_deleted_elsewhere_closes_its_tab(window):
    lid = window.current_lifecycle_id()
    window.workspace.delete_lifecycle(lid)
    window.live.apply_lifecycle(lid)
    assert lid not in window.views
    assert lid not in {i.id for i in window.workspace.lifecycles()}


def test_difference_names_exactly_what_changed():
    from desktop_app.model.document import Lifecycle, Phase

    a = Lifecycle(name="L", stages=[Stage(id="a", name="A", kind="monitor"), Stage(id="b", name="B", kind="data")],
                  edges=[Edge(id="e1", source="a", target="b")], owners=[Owner(id="o", name="O")],
                  phases=[Phase(number=1, items=[Item(id="i", title="T")])])
    b = Lifecycle(name="L", stages=[Stage(id="a", name="A", kind="monitor", x=20), Stage(id="c", name="C", kind="data")],
                  edges=[], owners=[Owner(id="o", name="O")],
                  phases=[Phase(number=1, items=[Item(id="i", title="T", status="done")])])
    ch = difference(7, a, b, "s")
    assert set(ch.stages) == {"a", "b", "c"} and ch.stages["b"] is None and ch.stages["a"].x == 20
    assert ch.edges == {"e1": None}
    assert ch.owners == {}
    assert set(ch.items) == {"i"} and ch.phases == {1}
    assert not ch.header
    assert ch.lifecycles   # one edge fewer: the Lifecycles list shows the counts
    same_counts = difference(7, a, a, "s")
    assert not same_counts.lifecycles and not same_counts.stages and not same_counts.items


def test_the_status_line_says_who_did_what_in_words():
    assert said_by("alice", "Moved “Monitoring”") == "alice moved “Monitoring”"
    assert said_by("alice", "LC203 suppressed") == "alice LC203 suppressed"
    assert said_by(None, "Moved “Monitoring”") == "Moved “Monitoring”"


def test_a_notice_from_the_listeners_thread_is_applied_on_the_ui_thread(window, qtbot):
    """The listener calls ``notify`` from its own thread; the window applies it on its own, and
    a notice of a revision it has drawn already is let go."""
    import threading

    lid = window.current_lifecycle_id()
    scene = _scene(window)
    sid = next(iter(scene.stages))
    window.workspace.move_stages(lid, {sid: (4000.0, 60.0)})
    revision = window.workspace.revision(lid)
    t = threading.Thread(target=window.live.notify, args=(lid, revision, "theirs"))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: scene.stages[sid].pos().x() == 4000.0, timeout=2000)
    applied = []
    window.live.applied.connect(applied.append)
    window.live.notify(lid, revision, "theirs")   # the same notice again: drawn already
    qtbot.wait(200)
    assert applied == []
    # "read everything again" (after a lost connection)
    window.workspace.move_stages(lid, {sid: (4200.0, 60.0)})
    t = threading.Thread(target=window.live.notify, args=(None, None, ""))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: scene.stages[sid].pos().x() == 4200.0, timeout=2000)
    assert window.statusBar().currentMessage() == "The workspace was read again after the connection came back"
