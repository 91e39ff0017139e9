"""Right-click menus on the canvas (issue 8): on empty canvas, a stage and an edge, each with
the actions that apply and their keys; an entry clicked does what its key does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from tests.ui.test_clipboard import select_stages
from tests.ui.test_editor import vpos

pytestmark = pytest.mark.desktop   # run again on X11 (tests/ui/test_x11.py)


def right_click(qtbot, view, scene_point: QPointF):
    """A right-click on the canvas at a scene point, as the window system delivers it (the
    button, then the context-menu event; QTest sends no such event itself); returns the menu
    that popped up."""
    pos = vpos(view, scene_point)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    menu = view.window().context_menu
    assert menu is not None and menu.isVisible()
    return menu


def entries(menu) -> dict[str, str]:
    """Menu text (without the mnemonic's &) -> the keys shown beside it."""
    out = {}
    for act in menu.actions():
        if act.isSeparator():
            continue
        text = act.text().replace("&", "")
        out[text] = act.shortcut().toString() if act.isShortcutVisibleInContextMenu() else ""
    return out


def click_entry(qtbot, menu, text: str) -> None:
    act = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    assert act.isEnabled(), f"{text} is enabled"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(act).center())


def test_stage_menu_selects_the_stage_and_shows_keys(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    scene.select_ids(["okr"])
    menu = right_click(qtbot, view, scene.stages["release"].scene_box().center())
    assert scene.selected_stage_ids() == ["release"], "the stage pointed at is the one acted on"
    shown = entries(menu)
    assert shown["Rename Stage"] == "F2"
    assert shown["Copy"] == "Ctrl+C" and shown["Cut"] == "Ctrl+X" and shown["Duplicate"] == "Ctrl+D"
    assert shown["Delete"] == "Del"
    click_entry(qtbot, menu, "Duplicate")
    assert "Release copy" in {s.name for s in reopen(window, lid).stages}
    qtbot.waitUntil(lambda: window.context_menu is None)


def test_menu_on_several_stages_aligns_them(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    select_stages(qtbot, view, ["okr", "monitor"])
    menu = right_click(qtbot, view, scene.stages["monitor"].scene_box().center())
    assert sorted(scene.selected_stage_ids()) == ["monitor", "okr"], "a selected stage keeps the selection"
    assert "Rename Stage" not in entries(menu)
    align = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == "Align")
    assert entries(align)["Align Top"] == "Alt+Shift+T"
    menu.close()
    next(a for a in align.actions() if a.text() == "Align &Top").trigger()
    assert reopen(window, lid).stage("monitor").y == 0


def test_edge_menu_turns_feedback_into_flow_and_deletes(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    # a point on the edge's drawn line: sample its shape for a spot no stage covers
    item = scene.edges["e7"]
    shape = item.mapToScene(item.shape())
    point = next(QPointF(x, y) for x in range(0, 1400, 5) for y in range(-300, 500, 5)
                 if shape.contains(QPointF(x, y)) and not any(
                     s.scene_box().adjusted(-12, -12, 12, 12).contains(QPointF(x, y)) for s in scene.stages.values()))
    menu = right_click(qtbot, view, point)
    assert scene.selected_edge_ids() == ["e7"] and not scene.selected_stage_ids()
    shown = entries(menu)
    assert shown == {"Make Flow Edge": "Ctrl+K", "Delete": "Del"}
    click_entry(qtbot, menu, "Make Flow Edge")
    assert reopen(window, lid).edge("e7").kind == "flow"
    assert window.act_connect_fb.text() == "Toggle &Feedback on Edge"


def test_canvas_menu_adds_and_pastes_at_the_pointer(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    QApplication.clipboard().clear()        # the clipboard is the desktop's: empty it first
    empty = QPointF(700, 400)
    assert scene.stage_at(empty) is None
    menu = right_click(qtbot, view, empty)
    shown = entries(menu)
    assert shown["Select All"] == "Ctrl+A" and shown["Auto-layout"] == "Ctrl+L" and shown["Fit to Window"] == "Ctrl+0"
    assert not next(a for a in menu.actions() if a.text() == "&Paste Here").isEnabled(), "nothing copied yet"
    add = next(a.menu() for a in menu.actions() if a.text() == "Add &Stage Here")
    menu.close()
    next(a for a in add.actions() if a.text() == "Gate").trigger()
    view.cancel_rename()
    gate = next(s for s in reopen(window, lid).stages if s.kind == "gate" and s.id != "approval")
    assert (gate.x, gate.y) == (600, 360), "the new box is centred on the click (on the grid)"

    select_stages(qtbot, view, ["okr"])
    window.clipboard.copy()
    menu = right_click(qtbot, view, QPointF(300, 500))
    click_entry(qtbot, menu, "Paste Here")
    copy = next(s for s in reopen(window, lid).stages if s.name == "Quarterly objectives copy")
    assert (copy.x, copy.y) == (300, 500)


def test_the_menu_key_opens_the_menu_of_the_selection(window, qtbot):
    view, scene = window.current_view(), window.current_scene()
    scene.select_ids(["review"])
    view.setFocus()
    # what the Menu key (or Shift+F10) sends to the focused canvas: a keyboard context-menu event
    centre = view.rect().center()
    QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, centre,
                                                   view.mapToGlobal(centre)))
    menu = window.context_menu
    assert menu is not None and menu.objectName() == "stageContextMenu"
    assert scene.selected_stage_ids() == ["review"]
    menu.close()


def test_owner_and_kind_of_the_selected_stages_in_one_step(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    before = reopen(window, lid)
    select_stages(qtbot, view, ["release", "monitor"])
    menu = right_click(qtbot, view, scene.stages["monitor"].scene_box().center())
    owners = next(a.menu() for a in menu.actions() if a.text() == "&Owner")
    checked = [a.text() for a in owners.actions() if a.isChecked()]
    assert checked == ["Model pod"], "both are the pod's: it is ticked"
    menu.close()
    next(a for a in owners.actions() if a.text() == "Risk and compliance").trigger()
    doc = reopen(window, lid)
    assert doc.stage("release").owner == "risk" and doc.stage("monitor").owner == "risk"
    assert window.undo_stack.undoText() == "Set owner of 2 stages to Risk and compliance"
    assert window.owners_dock.table.item(2, 2).text() == "3", "the owners' counts follow"

    menu = right_click(qtbot, view, scene.stages["monitor"].scene_box().center())
    kinds = next(a.menu() for a in menu.actions() if a.text() == "&Kind")
    menu.close()
    next(a for a in kinds.actions() if a.text() == "Gate").trigger()
    assert {reopen(window, lid).stage(s).kind for s in ("release", "monitor")} == {"gate"}
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert reopen(window, lid) == before, "each was one step"


def test_hostile_owner_names_show_as_typed_in_one_line(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    hostile = "R&D <script>alert(1)</script>\n| $HOME ]" + "x" * 10_000
    oid = window.add_owner(hostile)
    window.owners_dock.table.setFocus()     # leave the name editor Add owner opened
    view, scene = window.current_view(), window.current_scene()
    menu = right_click(qtbot, view, scene.stages["okr"].scene_box().center())
    owners = next(a.menu() for a in menu.actions() if a.text() == "&Owner")
    act = next(a for a in owners.actions() if a.toolTip() == hostile)
    assert act.text().startswith("R&&D <script>alert(1)</script> | $HOME ]x")   # "&&" shows one "&"
    assert "\n" not in act.text() and len(act.text()) <= 61 and act.text().endswith("…")
    assert owners.sizeHint().width() < 800, "the menu stays on the screen"
    menu.close()
    act.trigger()
    assert reopen(window, lid).stage("okr").owner == oid
