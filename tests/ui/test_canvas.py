"""Canvas gestures and files: rubber band, pan, zoom detail, Save As, the first-run workspace."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QPointF, Qt

from desktop_app.store import Workspace
from desktop_app.ui.app import create_default_workspace, first_lifecycle
from tests.ui.test_editor import vpos


@pytest.mark.desktop
def test_rubber_band_selects_the_stages_inside(window, qtbot):
    view, scene = window.current_view(), window.current_scene()
    view.reset_zoom()
    view.centerOn(QPointF(330, 40))
    vp = view.viewport()
    # from empty canvas above-left of "Quarterly objectives" to below "Data refresh"
    start, end = QPointF(-30, -40), QPointF(420, 100)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, vpos(view, start))
    qtbot.mouseMove(vp, vpos(view, QPointF(200, 30)))
    qtbot.mouseMove(vp, vpos(view, end))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, vpos(view, end))
    assert set(scene.selected_stage_ids()) == {"okr", "data"}


@pytest.mark.desktop
def test_middle_button_pans_and_zoomed_out_drops_detail(window, qtbot):
    view = window.current_view()
    view.reset_zoom()
    vp = view.viewport()
    before = view.mapToScene(vp.rect().center())
    centre = vp.rect().center()
    qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, pos=centre)
    qtbot.mouseMove(vp, centre + type(centre)(-150, -60))
    qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=centre + type(centre)(-150, -60))
    after = view.mapToScene(vp.rect().center())
    assert (after - before).x() > 100 and (after - before).y() > 40
    # space + drag pans too
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(vp, centre + type(centre)(100, 0))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=centre + type(centre)(100, 0))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.mapToScene(vp.rect().center()).x() < after.x() - 60
    assert window.current_scene().selected_stage_ids() == []   # panning selects nothing


def test_save_as_continues_in_the_copy(window, tmp_path):
    lid = window.current_lifecycle_id()
    original = window.workspace.path
    target = tmp_path / "copy.lcstudio"
    assert window.save_as(str(target))
    assert window.workspace.path == target
    assert str(target) in window.recent_files()
    window.rename_stage(lid, "okr", "Yearly objectives")
    window.act_undo.trigger()      # the undo history stays valid in the copy
    window.act_redo.trigger()
    window.close()
    with Workspace.open(target) as ws:
        assert ws.load(lid).stage("okr").name == "Yearly objectives"
    with Workspace.open(original) as ws:   # the original is left as it was
        assert ws.load(lid).stage("okr").name == "Quarterly objectives"


def test_first_run_workspace_holds_the_templates_and_opens_hybrid(tmp_path):
    with create_default_workspace(tmp_path / "sub" / "default.lcstudio") as ws:
        infos = ws.lifecycles()
        assert len(infos) == 5
        hybrid = first_lifecycle(ws)
        assert next(i.name for i in infos if i.id == hybrid).startswith("Hybrid")
