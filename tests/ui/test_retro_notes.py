"""Retrospective notes and action items are saved as typed (no Save button), survive every
refresh of the comparison, and are undone and redone with the rest of the edits (issue 8)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop_app.ui.retro_dock import RetroDock
from tests.ui.conftest import answer_modal, open_named
from tests.ui.test_editor import drag

CTRL = Qt.KeyboardModifier.ControlModifier


def notes_page(window, qtbot) -> RetroDock:
    """The Retrospective dock on its notes tab, compared with a snapshot taken with Take…"""
    dock = next(d for d in window.bottom_docks if isinstance(d, RetroDock))
    dock.raise_()
    qtbot.waitUntil(dock.isVisible)

    def label(dialog):
        dialog.setTextValue("kick-off")
        dialog.accept()
    answer_modal(label)
    qtbot.mouseClick(dock.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.since_box.currentText() == "kick-off")
    dock.tabs.setCurrentIndex(dock.tabs.indexOf(dock.notes_edit.parentWidget()))
    return dock


def saved_notes(window, lid) -> str:
    retros = window.workspace.retrospectives(lid)
    return retros[-1].notes if retros else ""


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_notes_typed_survive_a_stage_move_and_are_undoable(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = notes_page(window, qtbot)
    assert not [b for b in dock.findChildren(QPushButton) if "save" in b.text().lower()]

    focus(qtbot, dock.notes_edit)
    qtbot.keyClicks(dock.notes_edit, "The outer loop is slow.")
    # while the notes are being typed, a stage is moved on the canvas: the comparison refreshes
    view, scene = window.current_view(), window.current_scene()
    box = scene.stages["review"].scene_box()
    drag(qtbot, view, box.center(), box.center() + QPointF(200, 100))
    qtbot.waitUntil(lambda: any("Quarterly business review: moved" in line
                                for line in dock.tree_lines()), timeout=3000)
    assert dock.notes_edit.toPlainText() == "The outer loop is slow."
    qtbot.waitUntil(lambda: saved_notes(window, lid) == "The outer loop is slow.", timeout=3000)

    # more typing, saved once the typing pauses, with no button pressed
    focus(qtbot, dock.notes_edit)
    dock.notes_edit.moveCursor(dock.notes_edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(dock.notes_edit, " Alert sooner.")
    qtbot.waitUntil(lambda: saved_notes(window, lid) == "The outer loop is slow. Alert sooner.",
                    timeout=3000)

    # Ctrl+Z on the canvas takes the edits back one by one, the notes with them
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert saved_notes(window, lid) == "The outer loop is slow."
    assert dock.notes_edit.toPlainText() == "The outer loop is slow."
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)    # the move
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)    # the first notes
    assert saved_notes(window, lid) == "" and dock.notes_edit.toPlainText() == ""
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert saved_notes(window, lid) == "The outer loop is slow. Alert sooner."
    assert dock.notes_edit.toPlainText() == "The outer loop is slow. Alert sooner."


def test_action_items_added_ticked_and_removed_are_undoable(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = notes_page(window, qtbot)
    titles = lambda: [(a.title, a.done) for a in window.workspace.retrospectives(lid)[-1].action_items]  # noqa: E731

    focus(qtbot, dock.action_edit)
    qtbot.keyClicks(dock.action_edit, "Alert on drift")
    qtbot.keyClick(dock.action_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dock.action_edit, "Schedule retraining")
    qtbot.keyClick(dock.action_edit, Qt.Key.Key_Return)
    assert titles() == [("Alert on drift", False), ("Schedule retraining", False)]
    assert dock.action_edit.text() == ""

    # tick the first with the space bar, then remove the second with Delete
    focus(qtbot, dock.action_list)
    dock.action_list.setCurrentRow(0)
    qtbot.keyClick(dock.action_list, Qt.Key.Key_Space)
    assert titles() == [("Alert on drift", True), ("Schedule retraining", False)]
    window.current_scene().select_ids(["review"])   # a stage selected on the canvas stays
    dock.action_list.setCurrentRow(1)
    qtbot.keyClick(dock.action_list, Qt.Key.Key_Delete)
    assert titles() == [("Alert on drift", True)]
    assert "review" in [s.id for s in window.workspace.load(lid).stages]
    assert dock.action_list.count() == 1

    view = window.current_view()
    focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert titles() == [("Alert on drift", True), ("Schedule retraining", False)]
    assert dock.action_list.item(1).text() == "Schedule retraining"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert titles() == [("Alert on drift", False), ("Schedule retraining", False)]
    assert dock.action_list.item(0).checkState() == Qt.CheckState.Unchecked
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert titles() == [("Alert on drift", False)]
    # the redo puts back the same action item: the tick after it still finds it
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert titles() == [("Alert on drift", True), ("Schedule retraining", False)]
