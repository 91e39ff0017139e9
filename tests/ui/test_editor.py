"""The editor driven as a user drives it; after each step the workspace file holds the change."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop_app.store import Workspace
from desktop_app.ui.canvas.view import KIND_MIME
from tests.ui.conftest import answer_modal


def vpos(view, scene_point) -> QPoint:
    return view.mapFromScene(scene_point)


def drop_kind(view, kind: str, scene_point: QPointF) -> None:
    """What a drag from the palette delivers to the canvas: the kind's MIME data, dropped."""
    mime = QMimeData()
    mime.setData(KIND_MIME, QByteArray(kind.encode()))
    pos = QPointF(vpos(view, scene_point))
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), enter)
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)


def type_into_rename(qtbot, view, text: str) -> None:
    editor = view.rename_editor()
    assert editor is not None, "the in-place rename editor is open"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def drag(qtbot, view, start: QPointF, end: QPointF, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, vpos(view, start))
    mid = QPointF((start.x() + end.x()) / 2, (start.y() + end.y()) / 2)
    qtbot.mouseMove(vp, vpos(view, mid))
    qtbot.mouseMove(vp, vpos(view, end))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, vpos(view, end))


def double_click(qtbot, widget, pos: QPoint) -> None:
    """A real double-click: a click, then the double-click event."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def click_stage(qtbot, view, sid: str) -> None:
    item = view.lifecycle_scene().stages[sid]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     vpos(view, item.scene_box().center()))


@pytest.mark.desktop
def test_build_a_lifecycle_like_a_user(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view = window.current_view()
    scene = view.lifecycle_scene()
    view.reset_zoom()
    view.centerOn(QPointF(600, 500))

    # 1. a stage from the palette: drag "Deploy" onto empty canvas, then type its name
    drop_kind(view, "deploy", QPointF(410, 476))
    type_into_rename(qtbot, view, "Shadow release")
    doc = reopen(window, lid)
    shadow = next(s for s in doc.stages if s.name == "Shadow release")
    assert shadow.kind == "deploy" and (shadow.x, shadow.y) == (320.0, 440.0)

    # 2. another by double-clicking the palette's "Monitor" entry (added at the centre)
    palette = window.palette_dock.list
    item = next(palette.item(i) for i in range(palette.count()) if palette.item(i).text() == "Monitor")
    rect = palette.visualItemRect(item)
    double_click(qtbot, palette.viewport(), rect.center())
    type_into_rename(qtbot, view, "Shadow metrics")
    doc = reopen(window, lid)
    metrics = next(s for s in doc.stages if s.name == "Shadow metrics")
    assert metrics.kind == "monitor"
    # put it somewhere known, by dragging it there (snapped to the grid)
    box = scene.stages[metrics.id].scene_box()
    drag(qtbot, view, box.center(), QPointF(box.center().x() + (700 - box.x()) + 3, box.center().y() + (440 - box.y()) - 4))
    doc = reopen(window, lid)
    assert (doc.stage(metrics.id).x, doc.stage(metrics.id).y) == (700.0, 440.0)

    # 3. a third by double-clicking empty canvas: a popup asks the kind, the palette's current
    # one (Monitor, from step 2) highlighted, so Enter takes it
    double_click(qtbot, view.viewport(), vpos(view, QPointF(1100, 480)))
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.activeAction().text() == "Monitor"
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    type_into_rename(qtbot, view, "Retrain")
    retrain = next(s for s in reopen(window, lid).stages if s.name == "Retrain")
    assert retrain.kind == "monitor"

    # 4. connect: drag from the handle of "Shadow release" to "Shadow metrics" (flow)...
    src = scene.stages[shadow.id]
    drag(qtbot, view, src.mapToScene(src.handle_center()), scene.stages[metrics.id].scene_box().center())
    doc = reopen(window, lid)
    flow = [e for e in doc.edges if (e.source, e.target) == (shadow.id, metrics.id)]
    assert len(flow) == 1 and flow[0].kind == "flow"
    # ...and with Shift from "Shadow metrics" to "Retrain": a feedback edge
    m = scene.stages[metrics.id]
    drag(qtbot, view, m.mapToScene(m.handle_center()), scene.stages[retrain.id].scene_box().center(),
         Qt.KeyboardModifier.ShiftModifier)
    doc = reopen(window, lid)
    fb = [e for e in doc.edges if (e.source, e.target) == (metrics.id, retrain.id)]
    assert len(fb) == 1 and fb[0].kind == "feedback"
    assert fb[0].id in scene.edges and scene.edges[fb[0].id].edge.kind == "feedback"

    # 5. set kind and owner in the inspector
    click_stage(qtbot, view, shadow.id)
    assert scene.selected_stage_ids() == [shadow.id]
    insp = window.inspector_dock
    assert insp.stage is not None and insp.stage.id == shadow.id
    i = insp.s_kind.findData("gate")
    insp.s_kind.setCurrentIndex(i)
    insp.s_kind.activated.emit(i)
    assert reopen(window, lid).stage(shadow.id).kind == "gate"
    j = insp.s_owner.findData("risk")
    insp.s_owner.setCurrentIndex(j)
    insp.s_owner.activated.emit(j)
    assert reopen(window, lid).stage(shadow.id).owner == "risk"
    assert scene.stages[shadow.id].look.owner_name == "Risk and compliance"

    # 6. rename in place: double-click the stage, type, Enter
    double_click(qtbot, view.viewport(), vpos(view, scene.stages[shadow.id].scene_box().center()))
    type_into_rename(qtbot, view, "Shadow approval")
    assert reopen(window, lid).stage(shadow.id).name == "Shadow approval"
    assert "Rename" in window.act_undo.text()

    # 7. move a multi-selection in one drag: one command, both stages in the file
    scene.select_ids([shadow.id, metrics.id])
    before = {sid: (scene.stages[sid].pos().x(), scene.stages[sid].pos().y()) for sid in (shadow.id, metrics.id)}
    depth = window.undo_stack.count()
    a = scene.stages[shadow.id].scene_box().center()
    drag(qtbot, view, a, QPointF(a.x() + 120, a.y() + 80))
    assert window.undo_stack.count() == depth + 1
    doc = reopen(window, lid)
    for sid, (x, y) in before.items():
        assert (doc.stage(sid).x, doc.stage(sid).y) == (x + 120, y + 80)
    assert window.act_undo.text() == "&Undo Move 2 stages"

    # 8. delete with the Delete key: the stage and its edges leave the file
    click_stage(qtbot, view, metrics.id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    doc = reopen(window, lid)
    assert metrics.id not in {s.id for s in doc.stages}
    assert not [e for e in doc.edges if metrics.id in (e.source, e.target)]
    assert metrics.id not in scene.stages

    # and undo brings it back, with its edges
    window.act_undo.trigger()
    doc = reopen(window, lid)
    assert metrics.id in {s.id for s in doc.stages}
    assert {fb[0].id, flow[0].id} <= {e.id for e in doc.edges}
    assert fb[0].id in scene.edges

    # closing the window releases the file; opening it directly shows the same lifecycle
    path = window.workspace.path
    window.close()
    with Workspace.open(path) as ws:
        assert metrics.id in {s.id for s in ws.load(lid).stages}


def test_opposite_edges_never_overlap_and_self_loops_are_drawn(window):
    lid = window.current_lifecycle_id()
    scene = window.current_scene()
    e1 = window.connect_stages(lid, "release", "approval")          # flow back against approval→release
    e2 = window.connect_stages(lid, "okr", "okr", feedback=True)       # a self-loop
    forward = scene.edges["e5"].geom.path            # approval → release
    back = scene.edges[e1].geom.path
    assert not forward.intersects(back)
    loop = scene.edges[e2]
    assert loop.geom is not None and loop.boundingRect().height() > 20
    assert scene.stages["okr"].scene_box().intersects(loop.sceneBoundingRect())


def test_auto_layout_is_one_undoable_step(window, reopen):
    lid = window.current_lifecycle_id()
    before = {s.id: (s.x, s.y) for s in reopen(window, lid).stages}
    window.connect_stages(lid, "release", "okr")     # a flow cycle must not stop it
    depth = window.undo_stack.count()
    window.act_layout.trigger()
    assert window.undo_stack.count() == depth + 1
    assert window.act_undo.text() == "&Undo Auto-layout"
    after = {s.id: (s.x, s.y) for s in reopen(window, lid).stages}
    assert after != before
    assert len(set(after.values())) == len(after), "no two stages on the same spot"
    # flow goes left to right
    assert after["okr"][0] < after["data"][0] < after["experiment"][0] < after["release"][0]
    window.act_undo.trigger()
    assert {s.id: (s.x, s.y) for s in reopen(window, lid).stages} == before


def test_owners_managed_in_place(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    dock = window.owners_dock
    oid = window.add_owner("Platform team")
    assert any(o.id == oid and o.name == "Platform team" for o in reopen(window, lid).owners)
    # rename by editing the name cell
    row = next(r for r in range(dock.table.rowCount()) if dock.table.item(r, 0).text() == "Platform team")
    dock.table.item(row, 0).setText("Platform engineering")
    assert any(o.id == oid and o.name == "Platform engineering" for o in reopen(window, lid).owners)
    # delete "Model pod", who owns stages: the dialog asks who takes them over
    row = next(r for r in range(dock.table.rowCount()) if dock.table.item(r, 0).text() == "Model pod")
    dock.table.selectRow(row)

    def choose_platform(dialog):
        dialog.combo.setCurrentIndex(dialog.combo.findData(oid))
        dialog.accept()

    answer_modal(choose_platform)
    dock.delete_button.click()
    doc = reopen(window, lid)
    assert "pod" not in {o.id for o in doc.owners}
    assert doc.stage("experiment").owner == oid and doc.stage("release").owner == oid
    window.act_undo.trigger()
    doc = reopen(window, lid)
    assert "pod" in {o.id for o in doc.owners} and doc.stage("experiment").owner == "pod"


def test_lifecycles_dock_new_duplicate_rename_delete(window, qtbot):
    ws = window.workspace
    n = len(ws.lifecycles())
    window.lifecycles_dock.template_menu.aboutToShow.emit()   # the menu opens
    answer_modal(lambda dialog: dialog.accept())   # it asks the name; the suggested one is taken
    window.lifecycles_dock.template_menu.actions()[0].trigger()
    assert len(ws.lifecycles()) == n + 1
    new_id = window.current_lifecycle_id()
    window.duplicate_lifecycle(new_id)
    assert len(ws.lifecycles()) == n + 2
    dup = window.current_lifecycle_id()
    window.rename_lifecycle(dup, "My copy")
    assert any(i.name == "My copy" for i in ws.lifecycles())
    assert window.tabs.tabText(window.tabs.currentIndex()) == "My copy"
    # delete asks first; the answer "Yes" deletes, and Undo brings it back
    answer_modal(lambda box: box.button(box.StandardButton.Yes).click())
    window.lifecycles_dock.select(dup)
    window.lifecycles_dock.delete_button.click()
    assert all(i.name != "My copy" for i in ws.lifecycles())
    assert dup not in window.views
    window.act_undo.trigger()
    assert any(i.name == "My copy" for i in ws.lifecycles())


@pytest.mark.desktop
def test_refusals_are_clear_dialogs(window, tmp_path):
    not_sqlite = tmp_path / "notes.lcstudio"
    not_sqlite.write_text("just some text, not a database\n" * 20)
    before = not_sqlite.read_bytes()
    assert not window.open_path(str(not_sqlite))
    box = window.message_box
    assert box is not None and "notes.lcstudio" in box.text()
    assert box.informativeText().strip()
    assert not_sqlite.read_bytes() == before
    box.close()

    # a truncated workspace (half of a real one)
    good_copy = tmp_path / "whole.lcstudio"
    window.workspace.save_as(good_copy)
    data = good_copy.read_bytes()
    truncated = tmp_path / "truncated.lcstudio"
    truncated.write_bytes(data[: len(data) // 2])
    assert not window.open_path(str(truncated))
    assert "truncated.lcstudio" in window.message_box.text()
    assert truncated.read_bytes() == data[: len(data) // 2]
    window.message_box.close()

    # a workspace already open elsewhere
    other = tmp_path / "other.lcstudio"
    Workspace.create(other).close()
    holder = Workspace.open(other)
    try:
        assert not window.open_path(str(other))
        assert "in use" in window.message_box.informativeText()
        window.message_box.close()
    finally:
        holder.close()

    # a document that breaks FORMAT.md: refused whole, every problem listed
    bad = tmp_path / "bad.lifecycle.json"
    bad.write_text('{"format": "lifecycle", "version": 1, "name": "x", "stages": [{"id": "a", "name": "A", "kind": "deplyo"}], "edges": []}')
    n = len(window.workspace.lifecycles())
    assert not window.open_path(str(bad))
    assert "deplyo" in window.message_box.informativeText()
    assert len(window.workspace.lifecycles()) == n
    window.message_box.close()

    # a good document is imported into the current workspace, undoably
    good = tmp_path / "good.lifecycle.json"
    good.write_text('{"format": "lifecycle", "version": 1, "name": "Imported", "stages": [{"id": "a", "name": "A", "kind": "data"}], "edges": []}')
    assert window.open_path(str(good))
    assert any(i.name == "Imported" for i in window.workspace.lifecycles())
    assert window.current_doc().name == "Imported"


@pytest.mark.desktop
def test_shortcuts_sheet_and_zoom_keys(window, qtbot):
    view = window.current_view()
    view.reset_zoom()
    window.act_zoom_in.trigger()
    assert view.zoom() > 1.0
    window.act_zoom_out.trigger()
    window.act_zoom_out.trigger()
    assert view.zoom() < 1.0
    window.act_fit.trigger()
    for act, keys in ((window.act_fit, "Ctrl+0"), (window.act_zoom_in, "Ctrl+="), (window.act_zoom_out, "Ctrl+-")):
        assert keys in [s.toString() for s in act.shortcuts()]
    dialog = window.show_shortcuts()
    texts = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Ctrl+Z" in texts and "Ctrl+0" in texts
    dialog.close()


@pytest.mark.desktop
def test_window_layout_and_recent_files_restored(window, qtbot, tmp_path, workspace_path):
    from PySide6.QtCore import QSettings

    from desktop_app.ui.main_window import MainWindow

    window.resize(760, 560)   # inside the offscreen screen (800×600): restoreGeometry clamps to it
    window.inspector_dock.hide()
    window.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ws = Workspace.open(workspace_path)
    again = MainWindow(ws, settings)
    again.show()
    qtbot.waitExposed(again)
    try:
        assert again.height() == 560   # (its width is held up by the docks' minimum)
        assert not again.inspector_dock.isVisibleTo(again)
        assert str(workspace_path) in again.recent_files()
    finally:
        again.close()
        again.deleteLater()
