"""Arrange ▸ Align and Distribute (issue 8): the boxes line up as a draw.io user expects, and
one Undo puts them back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_clipboard import keys, select_stages

pytestmark = pytest.mark.desktop   # run again on X11 (tests/ui/test_x11.py)

ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
# Hybrid: okr at (0, 0), review at (220, 200) (two lines of name: 89 high), monitor at (1100, 200);
# boxes are 180 wide, 72 high
CHOSEN = ["okr", "review", "monitor"]
EXPECTED = {
    Qt.Key.Key_L: {"okr": (0, 0), "review": (0, 200), "monitor": (0, 200)},            # left
    Qt.Key.Key_R: {"okr": (1100, 0), "review": (1100, 200), "monitor": (1100, 200)},   # right
    Qt.Key.Key_C: {"okr": (550, 0), "review": (550, 200), "monitor": (550, 200)},      # centre of 0..1280
    Qt.Key.Key_T: {"okr": (0, 0), "review": (220, 0), "monitor": (1100, 0)},           # top
    Qt.Key.Key_B: {"okr": (0, 217), "review": (220, 200), "monitor": (1100, 217)},     # bottom at 289
    Qt.Key.Key_M: {"okr": (0, 108), "review": (220, 100), "monitor": (1100, 108)},     # middle of 0..289
    Qt.Key.Key_H: {"okr": (0, 0), "review": (550, 200), "monitor": (1100, 200)},       # centres 90, 640, 1190
    Qt.Key.Key_V: {"okr": (0, 0), "review": (220, 200), "monitor": (1100, 104)},       # centres 36, 140, 244.5
}


def positions(doc) -> dict[str, tuple[float, float]]:
    return {s.id: (s.x, s.y) for s in doc.stages if s.id in CHOSEN}


@pytest.mark.parametrize("key", list(EXPECTED), ids=[k.name for k in EXPECTED])
def test_align_and_distribute_by_key_and_undo(window, qtbot, reopen, key):
    lid = window.current_lifecycle_id()
    before = reopen(window, lid)
    select_stages(qtbot, window.current_view(), CHOSEN)
    keys(qtbot, window, key, ALT_SHIFT)
    after = reopen(window, lid)
    assert positions(after) == EXPECTED[key]
    others = {s.id: (s.x, s.y) for s in before.stages if s.id not in CHOSEN}
    assert {s.id: (s.x, s.y) for s in after.stages if s.id not in CHOSEN} == others
    # the canvas shows it: the boxes sit where the file says
    scene = window.current_scene()
    assert {sid: (scene.stages[sid].pos().x(), scene.stages[sid].pos().y()) for sid in CHOSEN} == EXPECTED[key]
    window.act_undo.trigger()
    assert reopen(window, lid) == before, "one undo step"


def test_arrange_menu_follows_the_selection(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    menu = window.arrange_menu
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Align Left", "Align Centre", "Align Right", "Align Top", "Align Middle", "Align Bottom",
                     "Distribute Horizontally", "Distribute Vertically", "Auto-layout"]
    by_text = {a.text().replace("&", ""): a for a in menu.actions()}
    view = window.current_view()
    select_stages(qtbot, view, ["okr"])
    assert not by_text["Align Left"].isEnabled() and not by_text["Distribute Horizontally"].isEnabled()
    select_stages(qtbot, view, ["okr", "monitor"])
    assert by_text["Align Left"].isEnabled() and not by_text["Distribute Horizontally"].isEnabled()
    by_text["Align Top"].trigger()
    assert reopen(window, lid).stage("monitor").y == 0
    assert window.undo_stack.undoText() == "Align 2 stages top"
    select_stages(qtbot, view, ["okr", "monitor", "review"])
    assert by_text["Distribute Vertically"].isEnabled()
