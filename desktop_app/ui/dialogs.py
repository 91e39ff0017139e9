"""Small dialogs: suppress with a reason, pick one of several, the keyboard shortcuts sheet."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QRadioButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QHeaderView, QWidget,
)

from desktop_app.model.document import Suppression
from desktop_app.ui.wording import escape_mnemonic, strip_mnemonic


class SuppressDialog(QDialog):
    """Accept a finding on purpose. The reason is required: OK stays disabled until there is one."""

    def __init__(self, finding, stage_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suppressDialog")
        self.setWindowTitle(f"Suppress {finding.rule}")
        self.finding = finding
        layout = QVBoxLayout(self)
        # the message names stages as their users typed them: escaped, so "<b>" stays text
        msg = QLabel(f"<b>{escape(finding.rule)} {escape(finding.name)}</b><br>{escape(finding.message)}")
        msg.setTextFormat(Qt.TextFormat.RichText)
        msg.setWordWrap(True)
        layout.addWidget(msg)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Why is this finding accepted? (required)")
        form.addRow("Reason", self.reason)
        self.only_stage = QRadioButton(self)
        self.everywhere = QRadioButton(f"Every {finding.rule} finding in this lifecycle", self)
        if finding.stages:
            sid = finding.stages[0]
            self.only_stage.setText(escape_mnemonic(f"Only on stage “{stage_names.get(sid, sid)}”"))
            self.only_stage.setChecked(True)
            form.addRow("Scope", self.only_stage)
            form.addRow("", self.everywhere)
        else:
            self.only_stage.hide()
            self.everywhere.setChecked(True)
            form.addRow("Scope", self.everywhere)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Suppress")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.resize(440, self.sizeHint().height())

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.text().strip()))

    def suppression(self) -> Suppression:
        stage = self.finding.stages[0] if self.finding.stages and self.only_stage.isChecked() else None
        return Suppression(rule=self.finding.rule, reason=self.reason.text().strip(), stage=stage)


class ChoiceDialog(QDialog):
    """Pick one of a few labelled values (an owner for LC301, an edge for LC109, …)."""

    def __init__(self, title: str, prompt: str, choices: list[tuple[str, object]], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.combo = QComboBox(self)
        for text, value in choices:
            self.combo.addItem(text, value)
        layout.addWidget(self.combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self):
        return self.combo.currentData()


MOUSE_GESTURES = [
    ("Add a stage", "Drag a kind from the palette, or double-click empty canvas"),
    ("Connect (flow)", "Drag from the dot on a stage's right edge to another stage; in Connect mode "
                       "(toolbar), from anywhere on a stage"),
    ("Connect (feedback)", "Hold Shift while dropping the connection"),
    ("Rename", "Double-click a stage, or F2"),
    ("Select several", "Drag a rubber band on empty canvas; Ctrl+click adds"),
    ("Actions for what is under the pointer", "Right-click the canvas, a stage or an edge; "
                                               "the Menu key for the selection"),
    ("Zoom", "Mouse wheel (around the pointer)"),
    ("Pan", "Middle button drag, or hold Space and drag; Shift+wheel scrolls sideways"),
]


ACTION_NAME = "actionName"   # a QAction property: its name where its text changes (Undo, Redo)


def action_name(action) -> str:
    """What the sheet calls an action: its fixed name, not a text that follows the state (the
    Undo action reads "Undo Move stage"), without the mnemonic's "&" or a trailing "…"."""
    return strip_mnemonic(action.property(ACTION_NAME) or action.text()).removesuffix("…")


class ShortcutsDialog(QDialog):
    def __init__(self, actions, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        rows = [(action_name(a), ", ".join(k.toString(k.SequenceFormat.NativeText) for k in a.shortcuts()))
                for a in actions if a.shortcuts()]
        rows += MOUSE_GESTURES
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels(["Action", "Keys / gesture"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, (name, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(name))
            table.setItem(r, 1, QTableWidgetItem(keys))
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.table = table
        self.resize(560, 520)
