"""Keyboard shortcuts as a user presses them, on whatever platform the tests run on (offscreen in
the plain run, X11 through Xvfb in tests/ui/test_x11.py): every key the README lists does what
it says, and no key belongs to two enabled actions (Qt fires neither then, "Ambiguous shortcut
overload")."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.desktop

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_keys() -> list[tuple[str, str]]:
    """(action text, key) for every key in the README's shortcut table."""
    rows = []
    for line in README.read_text("utf-8").splitlines():
        m = re.match(r"^\|\s*(.+?)\s*\|\s*(.+?)\s*\|$", line)
        if not m or m.group(1) in ("Action",) or set(m.group(1)) <= {"-"}:
            continue
        keys = re.sub(r"\(.*?\)", "", m.group(2))
        for part in re.split(r",\s*|\s+/\s+", keys):
            if part.strip():
                rows.append((m.group(1), part.strip()))
    return rows


def bindings(window, enabled_only: bool = True) -> dict[str, list[str]]:
    """Key (portable text) -> the actions and shortcuts of the window that hold it (an action
    holding a key twice counts twice: Qt finds it ambiguous too)."""
    held: dict[str, list[str]] = defaultdict(list)
    seen = set()
    for act in window.findChildren(QAction) + window.actions():
        if id(act) in seen or (enabled_only and not act.isEnabled()):
            continue
        seen.add(id(act))
        for seq in act.shortcuts():
            held[seq.toString(QKeySequence.SequenceFormat.PortableText)].append(act.text() or act.objectName())
    for sc in window.findChildren(QShortcut):
        if sc.isEnabled() or not enabled_only:
            for seq in sc.keys():
                held[seq.toString(QKeySequence.SequenceFormat.PortableText)].append(f"shortcut {sc.objectName()}")
    return held


def test_the_readme_lists_the_keys_this_test_presses():
    keys = [k for _a, k in readme_keys()]
    assert {"Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z", "Ctrl+N", "Del", "F2"} <= set(keys)


def _edit_something(window) -> None:
    """A stage added and selected: undo, and the actions on a selection, are enabled."""
    lid = window.current_lifecycle_id()
    sid = window.add_stage(lid, "data", QPointF(2000 + 200 * len(window.docs[lid].stages), 2000))
    window.current_scene().select_ids([sid])


def test_no_two_enabled_actions_share_a_key(window):
    _edit_something(window)
    _edit_something(window)
    window.undo_stack.undo()   # undo and redo both enabled
    window.current_scene().select_ids([next(iter(window.current_scene().stages))])
    assert window.act_undo.isEnabled() and window.act_redo.isEnabled()
    shared = {k: who for k, who in bindings(window).items() if len(who) > 1}
    assert not shared, f"keys bound more than once (Qt fires none of them): {shared}"


@pytest.mark.parametrize("action, key", readme_keys())
def test_every_readme_key_belongs_to_one_enabled_action(window, action, key):
    held = bindings(window, enabled_only=False)
    portable = QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)
    assert portable, f"README key {key!r} is not a key sequence"
    assert len(held.get(portable, [])) == 1, f"{key} for {action!r}: held by {held.get(portable)}"


def _stage_count(window) -> int:
    return len(window.docs[window.current_lifecycle_id()].stages)


@pytest.mark.parametrize("redo_key", [
    (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
], ids=["Ctrl+Y", "Ctrl+Shift+Z"])
def test_ctrl_z_undoes_and_the_redo_keys_redo(window, qtbot, redo_key):
    view = window.current_view()
    lid = window.current_lifecycle_id()
    before = _stage_count(window)
    window.add_stage(lid, "data", QPointF(2000, 2000))
    assert _stage_count(window) == before + 1
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stage_count(window) == before, "Ctrl+Z did not undo the new stage"
    assert len(window.workspace.load(lid).stages) == before

    qtbot.keyClick(view, *redo_key)
    assert _stage_count(window) == before + 1, "the redo key did not bring the stage back"
    assert len(window.workspace.load(lid).stages) == before + 1


def _mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand)."""
    match = re.search(r"(?<!&)&([^&])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def test_no_two_entries_of_a_menu_share_an_alt_letter(window):
    """Alt+F then R must reach one entry: two entries with one letter make the key toggle
    between them instead of choosing (Open Recent and Write Retrospective Report both had R)."""
    from PySide6.QtWidgets import QMenu

    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    clashes = []
    while menus:
        menu: QMenu = menus.pop()
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            if action.menu() is not None:
                menus.append(action.menu())
            letter = _mnemonic(action.text())
            if letter is None:
                continue
            if letter in seen:
                clashes.append(f"{menu.title()}: {seen[letter]!r} and {action.text()!r}")
            seen[letter] = action.text()
    assert clashes == []
