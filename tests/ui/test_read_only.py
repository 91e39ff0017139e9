"""Read-only mode (issue 13, roles): a workspace open for reading says "read only", offers no
edits (actions off, the canvas does not drag, drop or add, panels' editors read-only), and
still opens, checks, exports and writes the report. Here the workspace is a file opened for
reading; the server role is in test_team_windows.py."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from desktop_app.store import Workspace
from tests.ui.conftest import press_on_canvas, shown_window
from tests.ui.test_editor import double_click, drag, drop_kind, vpos


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def reading_window(qapp, qtbot, workspace_path: Path, tmp_path: Path):
    yield from shown_window(qtbot, Workspace.open_for_reading(workspace_path), tmp_path)


def test_the_window_says_read_only_and_offers_no_edits(reading_window, qtbot, workspace_path):
    w = reading_window
    before = _digest(workspace_path)
    assert "read only" in w.windowTitle()
    label = w.findChild(type(w.status_counts), "readOnlyLabel")
    assert label is not None and label.isVisible() and label.text() == "Read only"
    scene = w.current_scene()
    first = next(iter(scene.stages))
    scene.select_ids([first])    # a selection turns cut, delete, rename on in an editing window
    for act in (w.act_delete, w.act_rename, w.act_layout, w.act_new_lifecycle, w.act_undo, w.act_redo,
                w.clipboard.act_cut, w.clipboard.act_paste, w.clipboard.act_duplicate,
                w.toolbar.act_new_stage, w.toolbar.act_connect, *w.arrange.align_actions.values()):
        assert not act.isEnabled(), act.text()
    for act in (w.act_open, w.act_export, w.act_report, w.clipboard.act_copy, w.act_fit, w.act_select_all):
        assert act.isEnabled(), act.text()
    assert not w.findings_dock.fix_button.isVisibleTo(w.findings_dock)
    assert not w.lifecycles_dock.delete_button.isVisibleTo(w.lifecycles_dock)
    assert w.inspector_dock.s_name.isReadOnly()
    assert not w.inspector_dock.s_kind.isEnabled()

    # the canvas: a drag does not move, a drop and a double-click add nothing, Delete deletes nothing
    view = w.current_view()
    item = scene.stages[first]
    at = QPointF(item.pos())
    drag(qtbot, view, item.scene_box().center(), item.scene_box().center() + QPointF(200, 120))
    assert item.pos() == at
    count = len(scene.stages)
    drop_kind(view, "monitor", QPointF(2000, 2000))
    double_click(qtbot, view.viewport(), vpos(view, QPointF(2400, 2400)))
    scene.select_ids([first])
    press_on_canvas(qtbot, w, Qt.Key.Key_Delete)
    assert len(scene.stages) == count and first in scene.stages
    assert w.undo_stack.count() == 0
    assert _digest(workspace_path) == before


def test_an_edit_that_finds_its_way_is_stopped_with_a_message(reading_window, workspace_path):
    w = reading_window
    before = _digest(workspace_path)
    lid = w.current_lifecycle_id()
    stage = w.docs[lid].stages[0]
    w.rename_stage(lid, stage.id, "Renamed")
    assert w.statusBar().currentMessage().startswith("Read only:")
    assert w.message_box is None   # a line in the status bar, not an error dialog per attempt
    assert w.docs[lid].stage(stage.id).name == stage.name
    assert _digest(workspace_path) == before


def test_open_check_export_and_report_work(reading_window, qtbot, tmp_path, workspace_path):
    w = reading_window
    before = _digest(workspace_path)
    other = next(i.id for i in w.workspace.lifecycles() if i.id != w.current_lifecycle_id())
    w.open_lifecycle(other)
    assert w.current_lifecycle_id() == other
    assert w.current_scene().read_only   # a tab opened later is read only too
    w.run_checks()
    assert other in w.results
    assert w.export_to(str(tmp_path / "plan.png"))
    assert (tmp_path / "plan.png").stat().st_size > 0
    assert w.write_report_to(str(tmp_path / "retro.md"))
    assert "#" in (tmp_path / "retro.md").read_text("utf-8")
    assert _digest(workspace_path) == before


def test_a_writable_workspace_after_a_read_only_one_edits_again(reading_window, tmp_path, workspace_path):
    w = reading_window
    copy = tmp_path / "mine.lcstudio"
    w.workspace.save_as(copy)
    w.switch_workspace(Workspace.open(copy))
    assert "read only" not in w.windowTitle()
    assert not w.findChild(type(w.status_counts), "readOnlyLabel").isVisible()
    assert w.findings_dock.fix_button.isVisibleTo(w.findings_dock)
    assert not w.inspector_dock.s_name.isReadOnly()
    scene = w.current_scene()
    scene.select_ids([next(iter(scene.stages))])
    assert w.act_delete.isEnabled() and w.clipboard.act_cut.isEnabled()
    w.delete_selection()
    assert w.undo_stack.count() == 1
