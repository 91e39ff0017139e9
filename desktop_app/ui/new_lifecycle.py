"""File ▸ New Lifecycle (Ctrl+N): start from a template or from a blank canvas, and name it.

The name field starts with the template's own name, selected, so typing replaces it; once the
user has typed a name, choosing another template keeps it. A lifecycle made from a template is a
plan that starts today (``interchange.new_from_template``): nothing overdue, nothing done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop_app.model.document import MAX_NAME
from desktop_app.model.text import one_line


class NewLifecycleDialog(QDialog):
    def __init__(self, templates: list[tuple[str, str, str]], taken: set[str],
                 template: str | None = None, parent: QWidget | None = None) -> None:
        """``templates``: (choice, label, the lifecycle's own name), Blank first; ``taken``: the
        names in use, so the dialog can say when a name will get a number."""
        super().__init__(parent)
        self.setObjectName("newLifecycleDialog")
        self.setWindowTitle("New lifecycle")
        self.taken = taken
        self.default_names = {choice: name for choice, _label, name in templates}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.template = QComboBox(self)
        self.template.setObjectName("template")
        for choice, label, _name in templates:
            self.template.addItem(label, choice)
        form.addRow("Start from", self.template)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText("The new lifecycle's name (required)")
        form.addRow("Name", self.name)
        layout.addLayout(form)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)   # it quotes the name as typed
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._typed = False
        self.name.textEdited.connect(self._name_typed)
        self.name.textChanged.connect(self._update)
        self.template.currentIndexChanged.connect(self._template_chosen)
        if template is not None and self.template.findData(template) >= 0:
            self.template.setCurrentIndex(self.template.findData(template))
        self._template_chosen()
        self.name.setFocus()
        self.resize(460, self.sizeHint().height())

    def _name_typed(self, _text: str) -> None:
        self._typed = True

    def _template_chosen(self, _index: int = 0) -> None:
        if not self._typed:
            self.name.setText(self.default_names.get(self.template.currentData(), ""))
            self.name.selectAll()
        self._update()

    def _update(self) -> None:
        name = self.lifecycle_name()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(name))
        if name in self.taken:
            self.note.setText(f"A lifecycle is already called “{one_line(name)}”: "
                              "the new one will get a number after its name.")
        elif self.template.currentData() == "blank":
            self.note.setText("An empty canvas with the four phases' checklists, all to do.")
        else:
            self.note.setText("The template's stages and checklists, all to do, with dates "
                              "counted from today.")

    def lifecycle_name(self) -> str:
        return " ".join(self.name.text().split())   # one line: breaks and runs of spaces go

    def choice(self) -> str:
        return self.template.currentData()
