"""New stages land on free grid spots, near the view's centre or the click, never on top of
another stage; a double-click on empty canvas asks which kind with a small popup (issue 8)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.model.palette import GRID
from tests.ui.test_editor import double_click, vpos


def new_ids(window, before: set[str]) -> list[str]:
    return [s.id for s in window.workspace.load(window.current_lifecycle_id()).stages if s.id not in before]


def overlapping(scene, sid: str) -> list[str]:
    box = scene.stages[sid].scene_box()
    return [k for k, item in scene.stages.items() if k != sid and item.scene_box().intersects(box)]


def test_palette_double_click_adds_on_free_spots_near_the_centre(window, qtbot):
    view, scene = window.current_view(), window.current_scene()
    before = set(scene.stages)
    kinds = window.palette_dock.list
    row = next(r for r in range(kinds.count()) if kinds.item(r).text() == "Monitor")
    # centre the view on a stage, so the centre itself is taken
    view.centerOn(scene.stages["release"].scene_box().center())
    centre = view.mapToScene(view.viewport().rect().center())
    for _ in range(3):
        rect = kinds.visualItemRect(kinds.item(row))
        double_click(qtbot, kinds.viewport(), rect.center())
    added = new_ids(window, before)
    assert len(added) == 3
    doc = window.workspace.load(window.current_lifecycle_id())
    for sid in added:
        stage = doc.stage(sid)
        assert stage.kind == "monitor"
        assert overlapping(scene, sid) == [], f"{stage.name} lands on {overlapping(scene, sid)}"
        assert stage.x % GRID == 0 and stage.y % GRID == 0
        box = scene.stages[sid].scene_box()
        # near the centre: within a few boxes of it
        assert abs(box.center().x() - centre.x()) < 500 and abs(box.center().y() - centre.y()) < 300


def test_double_click_on_empty_canvas_asks_the_kind_and_avoids_neighbours(window, qtbot):
    view, scene = window.current_view(), window.current_scene()
    before = set(scene.stages)
    # just below a stage: a box centred on the click would cover part of it
    release = scene.stages["release"].scene_box()
    click = QPointF(release.center().x() + 30, release.bottom() + 30)
    assert not scene.items(click) or not any(i in scene.items(click) for i in scene.stages.values())
    double_click(qtbot, view.viewport(), vpos(view, click))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.isVisible()
    kinds = [a.text() for a in menu.actions() if a.isEnabled()]
    assert kinds == ["Business", "Data", "Develop", "Validate", "Gate", "Deploy", "Monitor", "Learn", "Other"]
    assert menu.activeAction().text() == window.palette_dock.list.currentItem().text()
    learn = next(a for a in menu.actions() if a.text() == "Learn")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(learn).center())
    added = new_ids(window, before)
    assert len(added) == 1
    assert window.workspace.load(window.current_lifecycle_id()).stage(added[0]).kind == "learn"
    assert overlapping(scene, added[0]) == []
    box = scene.stages[added[0]].scene_box()
    assert abs(box.center().x() - click.x()) < 200 and abs(box.center().y() - click.y()) < 200


def test_escape_on_the_kind_popup_adds_nothing(window, qtbot):
    view, scene = window.current_view(), window.current_scene()
    before = set(scene.stages)
    far = scene.itemsBoundingRect().bottomRight() + QPointF(300, 300)
    view.centerOn(far)
    double_click(qtbot, view.viewport(), vpos(view, far))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    assert new_ids(window, before) == []
