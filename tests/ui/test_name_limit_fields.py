"""Typing a name past the limit (200 characters, model/document.MAX_NAME) simply stops at it, in
the canvas's in-place rename as in the inspector, instead of a refusal after Return."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_in_place_rename_stops_at_the_name_limit(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view = window.current_view()
    view.start_rename("release")
    editor = view.rename_editor()
    editor.selectAll()
    qtbot.keyClicks(editor, "r" * 230)
    assert editor.text() == "r" * 200
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert reopen(window, lid).stage("release").name == "r" * 200
    assert window.message_box is None     # no refusal to read


def test_the_inspector_s_name_fields_stop_at_the_name_limit(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    insp = window.inspector_dock
    window.current_scene().select_ids(["release"], [])
    assert insp.stack.currentWidget() is insp.stage_page
    insp.s_name.selectAll()
    qtbot.keyClicks(insp.s_name, "s" * 230)
    insp.s_name.editingFinished.emit()
    assert reopen(window, lid).stage("release").name == "s" * 200
    window.current_scene().clearSelection()
    insp.l_name.selectAll()
    qtbot.keyClicks(insp.l_name, "l" * 230)
    insp.l_name.editingFinished.emit()
    assert reopen(window, lid).name == "l" * 200 and window.message_box is None


def test_a_lifecycle_with_a_name_at_the_limit_can_be_duplicated_twice(window, qtbot):
    """"… copy" is cut to fit the limit (it was added past it, and the store refused the copy)."""
    lid = window.current_lifecycle_id()
    window.rename_lifecycle(lid, "n" * 200)
    first, second = window.duplicate_lifecycle(lid), window.duplicate_lifecycle(lid)
    assert first and second and window.message_box is None
    names = {i.id: i.name for i in window.workspace.lifecycles()}
    assert names[first] == "n" * 195 + " copy" and names[second] == "n" * 193 + " copy 2"


def test_a_new_owner_differing_only_in_case_gets_a_number(window):
    """Owners are told apart ignoring case (a paste matches them so): "product lead" beside
    "Product lead" would be two owners no one can tell apart in a list."""
    doc = window.current_doc()
    assert "Product lead" in {o.name for o in doc.owners}
    oid = window.add_owner("product LEAD")
    assert next(o.name for o in window.current_doc().owners if o.id == oid) == "product LEAD 2"
