"""The lifecycles of the workspace: open, new from a template, duplicate, rename, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget, QGridLayout, QHBoxLayout, QListWidget, QListWidgetItem, QMenu, QSizePolicy, QToolButton,
    QVBoxLayout, QWidget,
)

from desktop_app.store import LifecycleInfo
from desktop_app.ui.wording import plural


class LifecyclesDock(QDockWidget):
    openRequested = Signal(int)
    newFromTemplate = Signal(str)
    duplicateRequested = Signal(int)
    renameRequested = Signal(int, str)
    deleteRequested = Signal(int)

    def __init__(self, template_names=None, parent=None) -> None:
        super().__init__("Lifecycles", parent)
        self.setObjectName("lifecyclesDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.list = QListWidget(body)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(2)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed | QListWidget.EditTrigger.SelectedClicked)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.itemChanged.connect(self._edited)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.list)

        buttons = QGridLayout()
        self.new_button = QToolButton(body)
        self.new_button.setText("New")
        self.new_button.setToolTip("New lifecycle, blank or from a template (asks its name)")
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_menu = QMenu(self.new_button)
        # the template list is read when the menu first opens: the window paints before the
        # document reader (and its JSON Schema validator) is imported
        self._template_names = template_names
        self.template_menu.aboutToShow.connect(self.fill_template_menu)
        self.new_button.setMenu(self.template_menu)
        self.duplicate_button = QToolButton(body)
        self.duplicate_button.setText("Duplicate")
        self.duplicate_button.clicked.connect(lambda: self._with_current(self.duplicateRequested.emit))
        self.rename_button = QToolButton(body)
        self.rename_button.setText("Rename")
        self.rename_button.clicked.connect(self.start_rename)
        self.delete_button = QToolButton(body)
        self.delete_button.setText("Delete")
        self.delete_button.clicked.connect(lambda: self._with_current(self.deleteRequested.emit))
        # two by two: the dock is a narrow column on a laptop screen
        for n, b in enumerate((self.new_button, self.duplicate_button, self.rename_button, self.delete_button)):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(b, n // 2, n % 2)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._loading = False

    def fill_template_menu(self) -> None:
        if self.template_menu.actions():
            return
        if self._template_names is None:
            from desktop_app.interchange import template_names

            self._template_names = template_names()
        blank = self.template_menu.addAction("Blank")
        blank.setData("blank")
        blank.triggered.connect(lambda _=False: self.newFromTemplate.emit("blank"))
        self.template_menu.addSeparator()
        for name in self._template_names:
            act = self.template_menu.addAction(name.replace("-", " ").capitalize())
            act.setData(name)
            act.triggered.connect(lambda _=False, n=name: self.newFromTemplate.emit(n))

    def set_lifecycles(self, infos: list[LifecycleInfo], current: int | None) -> None:
        self._loading = True
        self.list.clear()
        for info in infos:
            item = QListWidgetItem(info.name)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setToolTip(f"{info.name}\n{info.paradigm}, {plural(info.stage_count, 'stage')}, {plural(info.edge_count, 'edge')}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
            if info.id == current:
                self.list.setCurrentItem(item)
        self._loading = False

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, lifecycle_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == lifecycle_id:
                self.list.setCurrentRow(row)
                return

    def _with_current(self, fn) -> None:
        lid = self.current_id()
        if lid is not None:
            fn(lid)

    def start_rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _edited(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        name = item.text().strip()
        if name:
            self.renameRequested.emit(item.data(Qt.ItemDataRole.UserRole), name)

    def _context_menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        menu = QMenu(self)
        menu.addMenu(self.template_menu).setText("New from template")
        if item is not None:
            lid = item.data(Qt.ItemDataRole.UserRole)
            menu.addAction("Open", lambda: self.openRequested.emit(lid))
            menu.addAction("Duplicate", lambda: self.duplicateRequested.emit(lid))
            menu.addAction("Rename", lambda: self.list.editItem(item))
            menu.addSeparator()
            menu.addAction("Delete…", lambda: self.deleteRequested.emit(lid))
        menu.exec(self.list.mapToGlobal(pos))
