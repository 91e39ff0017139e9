"""The Phases dock as a lead uses it: items edited in place, added, removed, reordered, every
step undoable; the evidence line following the graph."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from desktop_app.interchange import playbook_phases
from desktop_app.ui import commands as cmd
from desktop_app.ui.phases_dock import ItemsModel, PhasesDock

from tests.examples import EXAMPLES
from tests.ui.conftest import open_named

STATUS = ItemsModel.FIELDS.index("status")
TITLE = ItemsModel.FIELDS.index("title")
DONE_ON = ItemsModel.FIELDS.index("done_on")
OWNER = ItemsModel.FIELDS.index("owner")


def phases_dock(window) -> PhasesDock:
    """The Phases panel widened to show every field of the checklists: beside the canvas it is
    a narrow column showing titles and due dates (tests/ui/test_laptop_layout.py), so a lead
    editing owners and dates undocks it, as these tests do."""
    dock = next(d for d in window.bottom_docks if isinstance(d, PhasesDock))
    dock.setFloating(True)
    dock.resize(1500, 650)
    dock.show()
    dock.raise_()
    QApplication.processEvents()
    return dock


def item(window, lid, item_id):
    return next(i for i in window.workspace.load(lid).items() if i.id == item_id)


def open_editor(card):
    """The delegate's editor now open in the card's table."""
    viewport = card.table.viewport()
    editors = [w for cls in (QComboBox, QLineEdit) for w in viewport.findChildren(cls)
               if w.isVisible() and w.parent() is viewport]
    assert len(editors) == 1, editors
    return editors[0]


def edit_cell(qtbot, card, row: int, column: int, value: str) -> None:
    """Double-click-style edit through the delegate: open the editor, set it, press Enter."""
    index = card.model.index(row, column)
    card.table.setCurrentIndex(index)
    card.table.edit(index)
    editor = open_editor(card)
    if isinstance(editor, QComboBox):
        choice = editor.findText(value)
        editor.setCurrentIndex(choice)
        editor.activated.emit(choice)  # what a click in the open list does
    else:
        assert isinstance(editor, QLineEdit)
        editor.setText(value)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: card.table.state() != card.table.State.EditingState, timeout=2000)
    QApplication.processEvents()  # the edit is asked for once the editor has closed


def shipped_hybrid(window) -> int:
    """The hybrid example as shipped (its phase 2 half done), imported and opened: a lifecycle
    made from the template today starts with every item to do (issue 8)."""
    assert window.open_path(str(EXAMPLES / "hybrid.lifecycle.json"))
    return window.current_lifecycle_id()


def test_the_phases_and_retrospective_docks_are_there(window):
    names = [d.objectName() for d in window.bottom_docks]
    assert "phasesDock" in names and "retroDock" in names


def test_a_new_lifecycle_starts_with_the_playbook(window, qtbot):
    window.new_from_template("feedback-loop")  # a template that ships without phases
    dock = phases_dock(window)
    playbook = playbook_phases()
    for phase in playbook:
        card = dock.card(phase.number)
        assert [card.model.items[r].title for r in range(card.model.rowCount())] == \
               [i.title for i in phase.items]
        assert card.status_label.text() == "not started"
        assert card.progress.format() == f"0 of {len(phase.items)} done"


def test_editing_items_in_place_is_undoable(window, qtbot):
    lid = shipped_hybrid(window)
    card = phases_dock(window).card(2)
    row = card.model.row_of("p2-runs")
    assert card.progress.format() == "2 of 4 done"

    edit_cell(qtbot, card, row, STATUS, "done")
    assert item(window, lid, "p2-runs").status == "done"
    assert item(window, lid, "p2-runs").done_on == date.today()  # set when marked done
    assert card.progress.format() == "3 of 4 done"

    edit_cell(qtbot, card, row, DONE_ON, "2026-06-10")  # done_on stays editable
    assert item(window, lid, "p2-runs").done_on == date(2026, 6, 10)
    edit_cell(qtbot, card, row, DONE_ON, "next week")  # refused, said, nothing written
    assert item(window, lid, "p2-runs").done_on == date(2026, 6, 10)
    assert "YYYY-MM-DD" in window.statusBar().currentMessage()

    edit_cell(qtbot, card, row, TITLE, "Run the manual pipeline twice")
    edit_cell(qtbot, card, row, OWNER, "Data engineering")
    # the undo text names the item as everywhere else: quoted, on one line, cut when long
    assert window.undo_stack.undoText() == "Set owner of item “Run the manual pipeline twice”"
    changed = item(window, lid, "p2-runs")
    assert (changed.title, changed.owner) == ("Run the manual pipeline twice", "de")
    assert card.model.data(card.model.index(row, OWNER)) == "Data engineering"

    for _ in range(4):
        window.undo_stack.undo()
    back = item(window, lid, "p2-runs")
    assert (back.title, back.status, back.done_on, back.owner) == (
        "Run the manual pipeline end to end three times", "doing", None, "pod")
    assert card.progress.format() == "2 of 4 done"
    window.undo_stack.redo()
    assert item(window, lid, "p2-runs").done_on == date.today()  # the redo gives the same day


def test_add_remove_and_reorder_items(window, qtbot):
    lid = open_named(window, "Hybrid")
    card = phases_dock(window).card(3)
    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    editor = open_editor(card)
    assert isinstance(editor, QLineEdit)  # the new item's title is open for typing
    editor.setText("Automate the tests in the pipeline")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    phase3 = lambda: [i.title for i in window.workspace.load(lid).phases[2].items]  # noqa: E731
    qtbot.waitUntil(lambda: "New item" not in phase3(), timeout=2000)
    assert phase3() == ["Orchestrate retraining with a workflow scheduler",
                        "Automate the tests in the pipeline"]

    card.table.selectRow(1)
    qtbot.mouseClick(card.up_button, Qt.MouseButton.LeftButton)
    assert phase3()[0] == "Automate the tests in the pipeline"
    assert card.selected_ids() == [card.model.items[0].id]  # the moved item stays selected

    card.table.selectRow(1)
    qtbot.mouseClick(card.remove_button, Qt.MouseButton.LeftButton)
    assert phase3() == ["Automate the tests in the pipeline"]
    assert card.model.rowCount() == 1

    assert card.move_to_phase(card.model.items[0].id, 4)  # what the context menu offers
    assert phase3() == [] and phases_dock(window).card(4).model.items[-1].title == \
        "Automate the tests in the pipeline"
    window.undo_stack.undo()  # the move between phases
    assert phase3() == ["Automate the tests in the pipeline"]

    window.undo_stack.undo()  # remove
    assert phase3()[1] == "Orchestrate retraining with a workflow scheduler"
    window.undo_stack.undo()  # reorder
    window.undo_stack.undo()  # title
    window.undo_stack.undo()  # add
    assert phase3() == ["Orchestrate retraining with a workflow scheduler"]
    assert card.model.rowCount() == 1


def test_completing_a_phase_in_the_dock_takes_a_snapshot(window, qtbot):
    lid = shipped_hybrid(window)
    card = phases_dock(window).card(2)
    for item_id in ("p2-runs", "p2-registry"):
        edit_cell(qtbot, card, card.model.row_of(item_id), STATUS, "done")
    assert card.status_label.text() == "complete"
    assert [s.label for s in window.workspace.snapshots(lid)] == ["Phase 2 complete"]


def test_the_evidence_line_follows_graph_edits(window, qtbot):
    lid = open_named(window, "Hybrid")
    card = phases_dock(window).card(3)
    edit_cell(qtbot, card, 0, STATUS, "done")  # phase 3 now claims automated retraining
    assert card.evidence.property("supported") is True
    assert card.evidence.text().startswith("The graph supports phase 3")

    # the automated feedback edges go manual, as the inspector would set them
    for edge_id, trigger in (("e7", "alert"), ("e8", "schedule")):
        window.push(cmd.UpdateEdgeCommand(window, lid, edge_id, {"trigger": trigger},
                                          {"trigger": "manual"}, f"Set trigger of {edge_id}"))
    qtbot.waitUntil(lambda: card.evidence.property("supported") is False, timeout=3000)
    assert card.evidence.text() == ("⚠ Phase 3 claims automated retraining, but the graph lacks a "
                                    "feedback loop triggered by a schedule, an alert or drift")

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: card.evidence.property("supported") is True, timeout=3000)

    # deleting the quality stages from the canvas takes the rest of the claim away
    scene = window.current_scene()
    for stage_id in ("tests", "approval"):
        scene.stages[stage_id].setSelected(True)
    window.delete_selection()
    qtbot.waitUntil(lambda: "a validate or gate stage" in card.evidence.text(), timeout=3000)


def test_planning_a_phase_window_is_undoable(window, qtbot):
    lid = open_named(window, "Hybrid")
    card = phases_dock(window).card(4)
    assert card.window_label.text() == "No planned window"

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet: look again
            QTimer.singleShot(10, fill_in)
            return
        dialog.start.setText("2027-01-04")
        dialog.end.setText("2027-03-31")
        dialog._accept()

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(card.plan_button, Qt.MouseButton.LeftButton)
    phase4 = lambda: window.workspace.load(lid).phases[3]  # noqa: E731
    assert (phase4().planned_start, phase4().planned_end) == (date(2027, 1, 4), date(2027, 3, 31))
    assert card.window_label.text() == "Planned 2027-01-04 – 2027-03-31"
    window.undo_stack.undo()
    assert phase4().planned_start is None and card.window_label.text() == "No planned window"
