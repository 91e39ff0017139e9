"""The main toolbar (issue 8): new stage, connect mode, auto-layout, fit, undo, redo, export,
clicked as a user clicks them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from tests.ui.test_editor import drag

pytestmark = pytest.mark.desktop   # run again on X11 (tests/ui/test_x11.py)


def button(window, text: str):
    tb = window.toolbar
    act = next(a for a in tb.actions() if a.iconText() == text)
    return act, tb.widgetForAction(act)


def test_toolbar_holds_the_frequent_actions(window):
    texts = [a.iconText() for a in window.toolbar.actions() if not a.isSeparator()]
    assert texts == ["New Stage", "Connect", "Auto-layout", "Fit", "Undo", "Redo", "Export"]
    assert all(not a.icon().isNull() for a in window.toolbar.actions() if not a.isSeparator())
    assert window.toolbar.isVisible()


def test_new_stage_button_adds_the_palette_kind_and_its_menu_another(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    before = {s.id for s in reopen(window, lid).stages}
    _act, b = button(window, "New Stage")
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton, pos=b.rect().topLeft() + b.rect().center() / 2)
    doc = reopen(window, lid)
    added = [s for s in doc.stages if s.id not in before]
    assert len(added) == 1 and added[0].kind == window.palette_dock.current_kind()
    assert window.current_view().rename_editor() is not None, "the new stage's name is open for typing"
    window.current_view().cancel_rename()
    kinds = window.toolbar.act_new_stage.menu()
    next(a for a in kinds.actions() if a.text() == "Gate").trigger()
    assert sum(1 for s in reopen(window, lid).stages if s.kind == "gate") == 2


def test_connect_mode_connects_from_anywhere_on_a_stage(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    okr, review = scene.stages["okr"].scene_box(), scene.stages["review"].scene_box()
    act, b = button(window, "Connect")
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    assert act.isChecked()
    drag(qtbot, view, okr.center(), review.center())
    doc = reopen(window, lid)
    assert [(e.source, e.target, e.kind) for e in doc.edges if e.source == "okr" and e.target == "review"] \
        == [("okr", "review", "flow")]
    assert (doc.stage("okr").x, doc.stage("okr").y) == (0, 0), "the stage did not move"
    # the Undo button takes it back; its label stays short, its tooltip says what
    undo, ub = button(window, "Undo")
    assert ub.text() == "Undo" and undo.toolTip().startswith("Undo Connect") and undo.toolTip().endswith("(Ctrl+Z)")
    qtbot.mouseClick(ub, Qt.MouseButton.LeftButton)
    assert not any(e.source == "okr" and e.target == "review" for e in reopen(window, lid).edges)
    # Esc on the canvas leaves connect mode; then the same drag moves the stage
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not act.isChecked() and not scene.connect_mode
    drag(qtbot, view, okr.center(), QPointF(okr.center().x() + 60, okr.center().y() + 100))
    doc = reopen(window, lid)
    assert (doc.stage("okr").x, doc.stage("okr").y) == (60, 100)
    assert not any(e.source == "okr" and e.target == "review" for e in doc.edges)


def test_layout_and_fit_buttons(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view = window.current_view()
    view.reset_zoom()
    _act, fit = button(window, "Fit")
    qtbot.mouseClick(fit, Qt.MouseButton.LeftButton)
    assert view.zoom() < 1.0, "the whole diagram fits the view"
    window.broadcast(window.workspace.move_stages(lid, {"okr": (3000, 3000)}))   # a stage left far away
    _act, layout = button(window, "Auto-layout")
    qtbot.mouseClick(layout, Qt.MouseButton.LeftButton)
    assert reopen(window, lid).stage("okr").x < 3000


def _ink(icon) -> int:
    """The mean lightness of an icon's drawn (opaque) pixels."""
    image = icon.pixmap(24, 24).toImage()
    values = [image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height())
              if image.pixelColor(x, y).alpha() > 160]
    assert values, "the icon has ink"
    return sum(values) // len(values)


def test_icons_follow_the_theme(window, qtbot):
    from desktop_app.ui.theme import apply_theme

    try:
        apply_theme("dark")
        qtbot.waitUntil(lambda: _ink(window.act_undo.icon()) > 160)   # light ink on a dark bar
        apply_theme("light")
        qtbot.waitUntil(lambda: _ink(window.act_undo.icon()) < 100)
    finally:
        apply_theme("system")


def test_a_name_with_an_ampersand_keeps_it_in_the_edit_menu(window, qtbot):
    from tests.ui.test_editor import type_into_rename

    view = window.current_view()
    view.start_rename("okr")
    type_into_rename(qtbot, view, "R&D objectives")
    # the Edit menu shows "&&" as one "&" (a single "&" would underline the "D" and vanish)
    assert "R&&D objectives" in window.act_undo.text() and window.act_undo.text().startswith("&Undo ")
    undo, _b = button(window, "Undo")
    assert "R&D objectives" in undo.toolTip() and "&&" not in undo.toolTip()
    window.act_undo.trigger()
    assert "R&&D objectives" in window.act_redo.text()
    window.act_redo.trigger()
    window.undo_stack.clear()
    assert window.act_undo.text() == "&Undo"
