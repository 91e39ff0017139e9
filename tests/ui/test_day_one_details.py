"""Details a new user meets in the first minutes (issue 8): adding an owner lets you type the
name, the shortcuts sheet names actions with all their keys, the status bar does not claim a
latency nobody entered, and counts read "1 warning", never "1 warnings"."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from tests.ui.conftest import open_named, press_on_canvas as press
from tests.ui.test_editor import click_stage

pytestmark = pytest.mark.desktop   # run again on X11 (tests/ui/test_x11.py)


def test_add_owner_opens_the_new_name_for_typing(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    dock = window.owners_dock
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    table = dock.table
    assert table.state() == QAbstractItemView.State.EditingState, "the new owner's name is open for typing"
    editor = QApplication.focusWidget()
    assert editor is not None and editor.parent() is table.viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, "Data platform")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)   # Qt commits queued
    names = [o.name for o in reopen(window, lid).owners]
    assert "Data platform" in names and "New owner" not in names


def test_shortcuts_sheet_names_actions_and_lists_every_key(window, qtbot):
    click_stage(qtbot, window.current_view(), "review")
    window.current_scene().stagesMoved.emit({"review": (0.0, 0.0)}, {"review": (40.0, 40.0)})
    assert window.act_undo.text() != "&Undo"    # the menu item follows the stack: "Undo Move stage"
    press(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutsDialog" and w.isVisible())
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert "Undo" in rows and "Ctrl+Z" in rows["Undo"]
    assert not any(name.startswith(("Undo ", "Redo ")) for name in rows), rows.keys()
    assert "&" not in "".join(rows)
    # actions with two keys show both
    assert {"Del", "Backspace"} <= set(rows["Delete"].split(", "))
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(rows["Redo"].split(", "))
    assert {"F1", "Ctrl+/"} <= set(rows["Keyboard Shortcuts"].split(", "))
    dialog.close()


def test_latency_is_unknown_until_a_feedback_edge_has_one(window, qtbot):
    lid = window.current_lifecycle_id()
    insp = window.inspector_dock
    qtbot.waitUntil(lambda: window.status_latency.text() != "")
    assert window.status_latency.text() == "Feedback latency 7 days"
    feedback = [e.id for e in window.current_doc().edges if e.kind == "feedback" and e.latency_days is not None]
    for eid in feedback:
        window.current_scene().select_ids(edge_ids=[eid])
        insp.e_latency.setValue(-1)          # the spin box's "none"
        insp.e_latency.editingFinished.emit()
    assert all(e.latency_days is None for e in window.workspace.load(lid).edges if e.kind == "feedback")
    qtbot.waitUntil(lambda: "unknown" in window.status_latency.text())
    assert window.status_latency.text() == "Feedback latency unknown"
    assert "0" not in window.status_latency.text()
    window.act_undo.trigger()               # one latency back: a figure again
    qtbot.waitUntil(lambda: "unknown" not in window.status_latency.text())
    assert re.fullmatch(r"Feedback latency \d+(\.\d+)? days?", window.status_latency.text())


def test_counts_read_in_the_singular_for_one(window, qtbot):
    open_named(window, "assembly line")
    view = window.current_view()
    click_stage(qtbot, view, "maintain")
    press(qtbot, window, Qt.Key.Key_Delete)
    assert "maintain" not in window.current_scene().stages
    qtbot.waitUntil(lambda: window.status_counts.text().startswith("1 error "))
    assert window.status_counts.text() == "1 error · 1 warning · 3 info"
    buttons = {sev: b.text() for sev, b in window.findings_dock.filters.items()}
    assert buttons == {"error": "1 error", "warning": "1 warning", "info": "3 info"}
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: window.status_counts.text().startswith("2 errors "))


def test_hostile_names_in_the_suppress_dialog_and_recent_files_show_as_typed(window, qtbot, tmp_path):
    from tests.ui.conftest import answer_modal
    from tests.ui.test_editor import type_into_rename

    view = window.current_view()
    view.start_rename("release")
    type_into_rename(qtbot, view, "<b>R&D</b> release")
    qtbot.waitUntil(lambda: any(f.rule == "LC305" and "R&D" in f.message for f in window.findings_dock.findings))
    window.findings_dock.select_finding("LC305")
    seen = {}

    def look(dialog):
        label = next(w for w in dialog.findChildren(QLabel) if "LC305" in w.text())
        seen["label"] = label.text()
        seen["radio"] = dialog.only_stage.text()
        dialog.reject()

    answer_modal(look)
    qtbot.mouseClick(window.findings_dock.suppress_button, Qt.MouseButton.LeftButton)
    # the label is rich text, so the name is escaped and shows as typed, not as bold HTML
    assert "&lt;b&gt;R&amp;D&lt;/b&gt; release" in seen["label"] and "<b>R&D</b>" not in seen["label"]
    assert seen["radio"] == "Only on stage “<b>R&&D</b> release”"     # "&&" shows one "&"

    window.settings.setValue("recentFiles", [str(tmp_path / "R&D.lcstudio")])
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()] == [str(tmp_path / "R&&D.lcstudio")]
