"""A name holding line breaks, terminal escapes or 10,000 characters reads as one short line in
the Edit menu's undo text and in the window's dialogs (rename, set a field, delete a lifecycle,
delete an owner), quoted as everywhere else: it never spreads a message over lines."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox

from tests.ui.conftest import answer_modal

# a stage's or lifecycle's name may be 200 characters; an owner's name has no limit
NAME = "Release\nto production\x1b]0;pwned\x07 " + "x" * 160
LONG = "Platform\r\nteam\u2028" + "z" * 10_000


def one_short_line(text: str) -> bool:
    return not any(c in text for c in "\n\r\x1b\x07\u2028") and len(text) < 250


def test_renaming_a_stage_names_it_on_one_short_line(window):
    lid = window.current_lifecycle_id()
    window.rename_stage(lid, "release", NAME)
    text = window.undo_stack.undoText()
    assert text.startswith("Rename “Release” to “Release to production ]0;pwned xxx") and text.endswith("…”")
    assert one_short_line(text)
    window.inspector_dock.editRequested.emit("stage", "release", {"notes": ""}, {"notes": "watch it"})
    text = window.undo_stack.undoText()
    assert text.startswith("Set notes of “Release to production") and one_short_line(text)
    window.rename_stage(lid, "release", "Release")
    text = window.undo_stack.undoText()
    assert text.startswith("Rename “Release to production") and text.endswith("…” to “Release”")
    assert one_short_line(text)


def test_renaming_and_deleting_a_lifecycle_name_it_on_one_short_line(window):
    lid = window.current_lifecycle_id()
    window.rename_lifecycle(lid, NAME)
    text = window.undo_stack.undoText()
    assert text.startswith("Rename lifecycle “") and "to “Release to production" in text
    assert one_short_line(text)
    asked: list[str] = []

    def yes(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    answer_modal(yes)
    window.delete_lifecycle(lid)
    question, rest = asked[0].split("\n")   # the name adds no line of its own
    assert question.startswith("Delete “Release to production") and one_short_line(question)
    assert rest == "You can undo this with Edit ▸ Undo."
    text = window.undo_stack.undoText()
    assert text.startswith("Delete lifecycle “Release to production") and one_short_line(text)


def test_an_owner_with_a_long_many_line_name_is_asked_about_on_one_line(window):
    window.owners_dock.updateRequested.emit("lead", {"name": "Product lead"}, {"name": LONG})
    assert window.undo_stack.undoText() == "Set name of owner “Product lead”"
    asked: list[tuple[str, list[str]]] = []

    def cancel(dialog) -> None:
        combo = dialog.combo
        asked.append((dialog.findChild(QLabel).text(), [combo.itemText(i) for i in range(combo.count())]))
        dialog.reject()

    answer_modal(cancel)
    window.delete_owner("lead")
    prompt, choices = asked[0]
    assert prompt.startswith("“Platform team zzz") and "…” owns " in prompt and one_short_line(prompt)
    window.owners_dock.updateRequested.emit("lead", {"name": LONG}, {"name": "Product lead"})
    window.add_owner(LONG)
    answer_modal(cancel)
    window.delete_owner("lead")
    assert all(one_short_line(c) for c in asked[1][1]) and any(c.startswith("Platform team") for c in asked[1][1])
    window.delete_owner("lead", reassign_to=None)
    assert window.undo_stack.undoText() == "Delete owner “Product lead”"
    assert window.add_owner(LONG)
    assert one_short_line(window.undo_stack.undoText())


def test_setting_a_field_of_an_item_with_a_10000_character_title_names_it_on_one_line(window, qtbot):
    from tests.ui.test_phases_dock import OWNER, TITLE, edit_cell, phases_dock, shipped_hybrid

    lid = shipped_hybrid(window)
    card = phases_dock(window).card(2)
    row = card.model.row_of("p2-runs")
    edit_cell(qtbot, card, row, TITLE, "Run the pipeline " + "z" * 10_000)
    assert next(i for i in window.workspace.load(lid).items() if i.id == "p2-runs").title.endswith("z" * 10_000)
    edit_cell(qtbot, card, row, OWNER, "Data engineering")
    text = window.undo_stack.undoText()
    assert text.startswith("Set owner of item “Run the pipeline zzz") and text.endswith("…”")
    assert one_short_line(text)


def test_the_new_lifecycle_note_and_the_snapshot_viewer_show_names_as_typed(window, qtbot):
    from desktop_app.ui.new_lifecycle import NewLifecycleDialog
    from desktop_app.ui.retro_dock import SnapshotViewer

    dialog = NewLifecycleDialog([("blank", "Blank", "")], {"<b>Taken</b>"}, parent=window)
    qtbot.addWidget(dialog)
    dialog.name.setText("<b>Taken</b>")
    assert "“<b>Taken</b>”" in dialog.note.text()
    viewer = SnapshotViewer(window.current_doc(), "<img src=x>", window)
    qtbot.addWidget(viewer)
    labels = [dialog.note] + [l for l in viewer.findChildren(QLabel) if "<img" in l.text()]
    assert len(labels) == 2
    for label in labels:
        assert label.textFormat() == label.textFormat().PlainText


def test_a_checklist_items_tooltip_shows_its_title_and_notes_as_typed(qapp):
    from PySide6.QtCore import Qt

    from desktop_app.model.document import Item
    from desktop_app.ui.phases_dock import ItemsModel

    model = ItemsModel()
    model.set_items([Item("i1", "<b>Ship</b> & tell", owner="o1", notes="one <img src=x>\ntwo")],
                    {"o1": "R&D <i>team</i>"})
    title = model.data(model.index(0, ItemsModel.FIELDS.index("title")), Qt.ItemDataRole.ToolTipRole)
    assert title == ("<qt>&lt;b&gt;Ship&lt;/b&gt; &amp; tell<br>Status: todo<br>"
                     "Owner: R&amp;D &lt;i&gt;team&lt;/i&gt;<br>one &lt;img src=x&gt;<br>two</qt>")
    notes = model.data(model.index(0, ItemsModel.FIELDS.index("notes")), Qt.ItemDataRole.ToolTipRole)
    assert notes == "<qt>one &lt;img src=x&gt;<br>two</qt>"
