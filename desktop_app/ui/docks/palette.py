"""The palette of stage kinds: drag one onto the canvas, or double-click it to add at the centre."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QListWidget, QListWidgetItem

from desktop_app.export.palette import KIND_DESCRIPTION, KIND_LABEL
from desktop_app.model.document import STAGE_KINDS
from desktop_app.ui.canvas.view import KIND_MIME
from desktop_app.ui.icons import kind_icon


class KindList(QListWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(24, 24))
        self.setSpacing(1)
        for kind in STAGE_KINDS:
            item = QListWidgetItem(kind_icon(kind), KIND_LABEL[kind])
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(f"{KIND_DESCRIPTION[kind]}\nDrag onto the canvas, or double-click to add.")
            self.addItem(item)
        self.setCurrentRow(STAGE_KINDS.index("develop"))

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        if items:
            mime.setData(KIND_MIME, QByteArray(items[0].data(Qt.ItemDataRole.UserRole).encode()))
        return mime

    def mimeTypes(self) -> list[str]:
        return [KIND_MIME]


class PaletteDock(QDockWidget):
    addRequested = Signal(str)   # a kind, to add at the centre of the canvas

    def __init__(self, parent=None) -> None:
        super().__init__("Stage palette", parent)
        self.setObjectName("paletteDock")
        self.list = KindList(self)
        self.list.itemActivated.connect(lambda it: self.addRequested.emit(it.data(Qt.ItemDataRole.UserRole)))
        self.setWidget(self.list)

    def current_kind(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "develop"
