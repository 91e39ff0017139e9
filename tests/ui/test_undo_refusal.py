"""An undo that someone else's later edit overtook is refused, clearly, and the undo stack
stays as it was (issue 13). Here "someone else" edits through the store directly, outside the
window's undo stack; on a server the refusal is the store's ConflictError."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _stack(window):
    s = window.undo_stack
    return s.count(), s.index(), s.undoText(), s.redoText()


def test_undo_of_a_rename_whose_stage_another_deleted_is_refused_and_the_stack_stays(window, qtbot):
    lid = window.current_lifecycle_id()
    doc = window.docs[lid]
    first, second = doc.stages[0], doc.stages[1]
    window.rename_stage(lid, first.id, "Moved <first> & “renamed”")
    window.rename_stage(lid, second.id, "<b>Second</b>, mine & $x | ]")
    # someone else deletes the stage of the user's last edit
    window.workspace.delete_stages(lid, [second.id])
    before = _stack(window)

    window.act_undo.trigger()

    assert _stack(window) == before
    box = window.message_box
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Undo refused"
    assert "<b>Second</b>, mine & $x | ]" in box.text()
    # shown as typed, not as markup
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    labels = [l for l in box.findChildren(QLabel) if "Second" in l.text() or "undo history" in l.text()]
    assert len(labels) == 2 and all(l.textFormat() == Qt.TextFormat.PlainText for l in labels)
    assert "undo history is kept" in box.informativeText()
    assert window.statusBar().currentMessage().startswith("Undo refused: ")
    # the window shows the plan as it is now
    assert second.id not in window.current_scene().stages
    assert window.docs[lid] == window.workspace.load(lid)
    box.close()

    # the history is intact: undoing the step is refused again, and nothing was written
    window.act_undo.trigger()
    assert _stack(window) == before
    window.message_box.close()


def test_a_redo_another_overtook_is_refused_and_the_stack_stays(window, qtbot):
    lid = window.current_lifecycle_id()
    first = window.docs[lid].stages[0]
    window.rename_stage(lid, first.id, "Mine")
    window.act_undo.trigger()
    window.workspace.delete_stages(lid, [first.id])
    before = _stack(window)
    window.act_redo.trigger()
    assert _stack(window) == before
    assert window.message_box.windowTitle() == "Redo refused"
    window.message_box.close()


def test_an_undo_nobody_overtook_still_undoes(window):
    lid = window.current_lifecycle_id()
    first, other = window.docs[lid].stages[0], window.docs[lid].stages[2]
    window.rename_stage(lid, first.id, "Mine")
    window.workspace.move_stages(lid, {other.id: (3000.0, 3000.0)})   # someone else, elsewhere
    window.act_undo.trigger()
    assert window.undo_stack.index() == 0
    assert window.workspace.load(lid).stage(first.id).name == first.name
    assert window.message_box is None
