"""Owners of the current lifecycle, managed in place: add, rename (edit the name), change kind,
delete with the stages and items reassigned to another owner (or to nobody)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QHBoxLayout, QHeaderView, QTableWidget, QTableWidgetItem, QToolButton,
    QVBoxLayout, QWidget,
)

from desktop_app.model.document import OWNER_KINDS, Lifecycle


class OwnersDock(QDockWidget):
    addRequested = Signal()
    # owner id, {field: old}, {field: new}
    updateRequested = Signal(str, dict, dict)
    deleteRequested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__("Owners", parent)
        self.setObjectName("ownersDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, 3, body)
        self.table.setHorizontalHeaderLabels(["Name", "Kind", "Stages"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QToolButton(body)
        self.add_button.setText("Add owner")
        self.add_button.clicked.connect(self.addRequested)
        self.delete_button = QToolButton(body)
        self.delete_button.setText("Delete…")
        self.delete_button.clicked.connect(self._delete)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setWidget(body)
        self.doc: Lifecycle | None = None
        self._loading = False

    def set_lifecycle(self, doc: Lifecycle | None) -> None:
        self._loading = True
        current = self.current_owner_id()
        self.doc = doc
        self.table.setRowCount(0)
        if doc is not None:
            counts: dict[str, int] = {}
            for s in doc.stages:
                if s.owner:
                    counts[s.owner] = counts.get(s.owner, 0) + 1
            for o in doc.owners:
                r = self.table.rowCount()
                self.table.insertRow(r)
                name = QTableWidgetItem(o.name)
                name.setData(Qt.ItemDataRole.UserRole, o.id)
                name.setToolTip("Double-click to rename.")
                self.table.setItem(r, 0, name)
                kind = QComboBox()
                for k in OWNER_KINDS:
                    kind.addItem(k, k)
                kind.setCurrentIndex(kind.findData(o.kind))
                kind.activated.connect(lambda _i, oid=o.id, w=kind, old=o.kind: self._kind(oid, old, w.currentData()))
                self.table.setCellWidget(r, 1, kind)
                n = QTableWidgetItem(str(counts.get(o.id, 0)))
                n.setFlags(n.flags() & ~Qt.ItemFlag.ItemIsEditable)
                n.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, 2, n)
                if o.id == current:
                    self.table.selectRow(r)
        self.setEnabled(doc is not None)
        self._loading = False

    def edit_name(self, owner_id: str) -> None:
        """Select the owner's row and open its name for typing (after "Add owner")."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == owner_id:
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
                self.table.setFocus()
                self.table.editItem(item)
                return

    def current_owner_id(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 0 or self.doc is None:
            return
        oid = item.data(Qt.ItemDataRole.UserRole)
        old = next((o.name for o in self.doc.owners if o.id == oid), None)
        name = item.text().strip()
        if old is not None and name and name != old:
            self.updateRequested.emit(oid, {"name": old}, {"name": name})

    def _kind(self, oid: str, old: str, new: str) -> None:
        if not self._loading and old != new:
            self.updateRequested.emit(oid, {"kind": old}, {"kind": new})

    def _delete(self) -> None:
        oid = self.current_owner_id()
        if oid is not None:
            self.deleteRequested.emit(oid)
