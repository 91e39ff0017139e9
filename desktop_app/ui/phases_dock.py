"""The Phases dock: the four implementation phases as cards, their checklists editable in place.

Each card shows the planned window, a progress bar (items done of total), the status derived
from the items, and the evidence line: whether the drawn graph supports what the phase claims
(the LC401 test, ``reports.progress``). Every edit is an undoable command through the window;
the cards redraw from the store's change notices, never from their own edits.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QDockWidget, QFormLayout, QFrame,
    QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QProgressBar, QScrollArea, QStyledItemDelegate,
    QTableView, QToolButton, QVBoxLayout, QWidget,
)

from desktop_app.model.document import ITEM_STATUSES, PHASE_NAMES, Item, Lifecycle
from desktop_app.model.text import quoted
from desktop_app.reports.progress import COMPLETE, PhaseProgress, phase_progress  # no networkx until used
from desktop_app.store import WorkspaceError
from desktop_app.ui.phase_commands import (
    AddItemCommand, MoveItemCommand, RemoveItemsCommand, SetPhaseWindowCommand, UpdateItemCommand,
)
from desktop_app.ui.wording import escape_mnemonic

CARD_MIN_WIDTH = 230   # px: a phase card still shows its checklist's titles and due dates
REFRESH_DELAY_MS = 150  # graph edits come in bursts (drags, typing): redraw evidence once after
DATE_FIELDS = ("due", "done_on")


def parse_day(text: str) -> date | None:
    """'' -> None, 'YYYY-MM-DD' -> date; ValueError for anything else."""
    text = (text or "").strip()
    return date.fromisoformat(text) if text else None


class ItemsModel(QAbstractTableModel):
    """One phase's items. Edits are not applied here: they are asked for (``editRequested``)
    and come back as a store change, so the model never runs ahead of the file."""

    FIELDS = ("title", "status", "owner", "due", "done_on", "notes")
    HEADERS = ("Item", "Status", "Owner", "Due", "Done on", "Notes")
    editRequested = Signal(str, dict, dict)  # item id, before, after
    editRefused = Signal(str)                # why, e.g. a date that is not YYYY-MM-DD

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []
        self.owners: dict[str, str] = {}

    def set_items(self, items: list[Item], owners: dict[str, str]) -> None:
        if items == self.items and owners == self.owners:
            return  # nothing to redraw: keep selection and any open editor
        self.beginResetModel()
        self.items = [Item(**vars(i)) for i in items]
        self.owners = dict(owners)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        name = self.FIELDS[index.column()]
        value = getattr(item, name)
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "owner":
                return self.owners.get(value, value) if value else ""
            if name in DATE_FIELDS:
                return value.isoformat() if value else ""
            return value
        if role == Qt.ItemDataRole.EditRole:
            if name in DATE_FIELDS:
                return value.isoformat() if value else ""
            return value if value is not None else ""  # an owner of None reads back as ""
        if role == Qt.ItemDataRole.DecorationRole and name == "title":
            return status_icon(item.status)
        if role == Qt.ItemDataRole.ToolTipRole and name == "title":
            # what a narrow card leaves out, so it is a hover away
            owner = self.owners.get(item.owner, item.owner) if item.owner else "nobody"
            extra = [f"Status: {item.status}", f"Owner: {owner}"]
            if item.done_on:
                extra.append(f"Done on {item.done_on.isoformat()}")
            if item.notes:
                extra.append(item.notes)
            return _tooltip([value] + extra)
        if role == Qt.ItemDataRole.ToolTipRole and name == "notes" and value:
            return _tooltip([value])
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self.items[index.row()]
        name = self.FIELDS[index.column()]
        if name in DATE_FIELDS:
            try:
                value = parse_day(value)
            except ValueError:
                self.editRefused.emit(f"{value!r} is not a date: write it as YYYY-MM-DD")
                return False
        elif name == "owner":
            value = value or None
        elif name == "title":
            value = (value or "").strip()
            if not value:
                self.editRefused.emit("an item needs a title")
                return False
        old = getattr(item, name)
        if value == old:
            return False
        # asked for once the editor has closed: the store's answer redraws the table, which
        # must not happen under an editor that is still committing
        request = (item.id, {name: old}, {name: value})
        QTimer.singleShot(0, lambda: self.editRequested.emit(*request))
        return True

    def row_of(self, item_id: str) -> int:
        return next((n for n, i in enumerate(self.items) if i.id == item_id), -1)


def _tooltip(lines: list[str]) -> str:
    """Lines of a tooltip as typed: a title or notes "<b>…</b>" is text, not markup (a tooltip
    renders whatever looks like rich text), and the notes keep their line breaks."""
    # <qt>: rich text even when nothing in it looks like a tag ("a &amp; b" is "a & b")
    return "<qt>" + "<br>".join(escape(line).replace("\n", "<br>") for line in lines) + "</qt>"


def status_icon(status: str, size: int = 14) -> QIcon:
    """A neutral mark per status (red, amber and blue are kept for findings): an empty ring to
    do, a half-filled one doing, a filled one with a tick done, a ring with a bar blocked."""
    from PySide6.QtGui import QGuiApplication

    colour = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 1.3)
    p.setPen(pen)
    r = QRectF(2, 2, size - 4, size - 4)
    if status == "done":
        p.setBrush(colour)
        p.drawEllipse(r)
        p.setPen(QPen(QGuiApplication.palette().color(QPalette.ColorRole.Base), 1.6))
        p.drawPolyline([QPointF(size * 0.3, size * 0.52), QPointF(size * 0.45, size * 0.66),
                        QPointF(size * 0.7, size * 0.36)])
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
        if status == "doing":
            p.setBrush(colour)
            p.drawPie(r, 90 * 16, 180 * 16)
        elif status == "blocked":
            p.drawLine(QPointF(size * 0.3, size / 2), QPointF(size * 0.7, size / 2))
    p.end()
    return QIcon(pm)


class ItemDelegate(QStyledItemDelegate):
    """Status and owner from lists; dates typed as YYYY-MM-DD (empty clears)."""

    def createEditor(self, parent, option, index):
        name = ItemsModel.FIELDS[index.column()]
        if name in ("status", "owner"):
            box = QComboBox(parent)
            if name == "status":
                box.addItems(list(ITEM_STATUSES))
            else:
                box.addItem("(nobody)", "")  # not None: see retro_dock.NOW_ID
                for oid, oname in index.model().owners.items():
                    box.addItem(oname, oid)
            # a choice from the list is the whole edit: commit it at once
            box.activated.connect(lambda _i, b=box: (self.commitData.emit(b), self.closeEditor.emit(b)))
            return box
        editor = super().createEditor(parent, option, index)
        if name in DATE_FIELDS and isinstance(editor, QLineEdit):
            editor.setPlaceholderText("YYYY-MM-DD")
        return editor

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            found = editor.findData(value) if ItemsModel.FIELDS[index.column()] == "owner" \
                else editor.findText(value or "")
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            owner = ItemsModel.FIELDS[index.column()] == "owner"
            model.setData(index, editor.currentData() if owner else editor.currentText())
            return
        super().setModelData(editor, model, index)


class PlanDialog(QDialog):
    """The planned start and end of a phase, as YYYY-MM-DD (empty for none)."""

    def __init__(self, number: int, start: date | None, end: date | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Plan phase {number}")
        form = QFormLayout(self)
        self.start = QLineEdit(start.isoformat() if start else "", self)
        self.end = QLineEdit(end.isoformat() if end else "", self)
        for edit in (self.start, self.end):
            edit.setPlaceholderText("YYYY-MM-DD")
        form.addRow("Planned start", self.start)
        form.addRow("Planned end", self.end)
        self.problem = QLabel(self)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def window_dates(self) -> tuple[date | None, date | None]:
        return parse_day(self.start.text()), parse_day(self.end.text())

    def _accept(self) -> None:
        try:
            start, end = self.window_dates()
        except ValueError:
            self.problem.setText("Write dates as YYYY-MM-DD, or leave them empty.")
            return
        if start and end and start > end:
            self.problem.setText("The start is after the end.")
            return
        self.accept()


class PhaseCard(QFrame):
    """One phase: window, progress, derived status, evidence, checklist and its buttons."""

    def __init__(self, number: int, dock: "PhasesDock") -> None:
        super().__init__(dock)
        self.number = number
        self.dock = dock
        self.setObjectName(f"phaseCard{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        title = QLabel(f"<b>Phase {number}</b> · {PHASE_NAMES[number]}", self)
        title.setWordWrap(True)
        layout.addWidget(title)
        row = QHBoxLayout()
        self.window_label = QLabel(self)
        self.plan_button = QToolButton(self)
        self.plan_button.setText("Plan…")
        self.plan_button.setToolTip("Set the planned start and end of this phase")
        self.plan_button.clicked.connect(self._plan)
        row.addWidget(self.window_label, 1)
        row.addWidget(self.plan_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.status_label = QLabel(self)
        row.addWidget(self.progress, 1)
        row.addWidget(self.status_label)
        layout.addLayout(row)
        self.evidence = QLabel(self)
        self.evidence.setObjectName("evidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.evidence)

        self.model = ItemsModel(self)
        self.model.editRequested.connect(self._edit)
        self.model.editRefused.connect(lambda why: dock.main_window.statusBar().showMessage(why, 5000))
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(ItemDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        # titles in full: wrapped, each row as tall as its title needs; the table as tall as
        # its rows (the dock scrolls, not each card), never wider than the card
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ItemsModel.FIELDS.index("notes"), QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.model.modelReset.connect(self._fit_height)
        self.table.installEventFilter(self)
        self.compact: bool | None = None
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = self._button("Add", "Add an item to this phase", self.add_item)
        self.remove_button = self._button("Remove", "Remove the selected items", self.remove_selected)
        self.up_button = self._button("Up", "Move the selected item up", lambda: self.move_selected(-1))
        self.down_button = self._button("Down", "Move the selected item down", lambda: self.move_selected(1))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._planned: tuple[date | None, date | None] = (None, None)

    # ---- fitting a narrow column ---------------------------------------------------------------

    COMPACT_BELOW = 460   # px of card width: below it the checklist shows the title and due date
    COMPACT_COLUMNS = ("title", "due")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table and event.type() == QEvent.Type.Resize:
            self._set_compact(self.width() < self.COMPACT_BELOW)
            QTimer.singleShot(0, self, self._fit_height)   # rows rewrap at the new width
        return False

    def _set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        for n, name in enumerate(ItemsModel.FIELDS):
            self.table.setColumnHidden(n, compact and name not in self.COMPACT_COLUMNS)

    def _fit_height(self) -> None:
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows + frame + 2)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    # ---- showing -----------------------------------------------------------------------------

    def show_phase(self, progress: PhaseProgress, items: list[Item], owners: dict[str, str]) -> None:
        self._planned = (progress.planned_start, progress.planned_end)
        if progress.planned_start or progress.planned_end:
            start = progress.planned_start.isoformat() if progress.planned_start else "?"
            end = progress.planned_end.isoformat() if progress.planned_end else "?"
            self.window_label.setText(f"Planned {start} – {end}")
        else:
            self.window_label.setText("No planned window")
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        self.progress.setFormat(f"{progress.done} of {progress.total} done")
        self.status_label.setText(progress.status)
        claim_fails = not progress.evidence.supported and progress.status == COMPLETE
        # amber is the warning hue: only when LC401 would report the phase
        self.evidence.setText(("⚠ " if claim_fails else "") + progress.evidence.text)
        self.evidence.setStyleSheet("color: #B27B00;" if claim_fails else "")
        self.evidence.setProperty("supported", progress.evidence.supported)
        self.model.set_items(items, owners)
        self._fit_height()

    # ---- editing -----------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.items[r].id for r in rows]

    def _edit(self, item_id: str, before: dict, after: dict) -> None:
        name = next(iter(after))
        title = next((i.title for i in self.model.items if i.id == item_id), item_id)
        label = dict(zip(ItemsModel.FIELDS, ItemsModel.HEADERS))[name].lower()
        self.dock.push(UpdateItemCommand(self.dock.main_window, self.dock.lifecycle_id, item_id, before,
                                         after, f"Set {label} of item {quoted(title)}"))

    def add_item(self) -> str | None:
        item_id = self.dock.new_item_id(self.number)
        if self.dock.push(AddItemCommand(self.dock.main_window, self.dock.lifecycle_id, self.number,
                                         Item(item_id, "New item"))):
            self.dock.refresh()
            row = self.model.row_of(item_id)
            if row >= 0:
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.edit(index)
            return item_id
        return None

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            text = f"Remove item {ids[0]!r}" if len(ids) == 1 else f"Remove {len(ids)} items"
            self.dock.push(RemoveItemsCommand(self.dock.main_window, self.dock.lifecycle_id, ids, text))

    def move_selected(self, step: int) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        row = self.model.row_of(ids[0])
        target = row + step
        if not 0 <= target < len(self.model.items):
            return
        if self.dock.push(MoveItemCommand(self.dock.main_window, self.dock.lifecycle_id, ids[0],
                                          (self.number, row), (self.number, target),
                                          f"Move item {self.model.items[row].title!r}")):
            self.dock.refresh()
            self.table.selectRow(self.model.row_of(ids[0]))

    def move_to_phase(self, item_id: str, number: int) -> bool:
        """Move an item to the end of another phase's checklist (one undoable step)."""
        row = self.model.row_of(item_id)
        target = self.dock.card(number)
        return self.dock.push(MoveItemCommand(
            self.dock.main_window, self.dock.lifecycle_id, item_id, (self.number, row),
            (number, target.model.rowCount()),
            f"Move item {self.model.items[row].title!r} to phase {number}"))

    def _context_menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        if len(ids) == 1:
            # status from the menu too: a narrow card shows it as a mark, not as a column
            item = self.model.items[self.model.row_of(ids[0])]
            status_menu = menu.addMenu("Status")
            for status in ITEM_STATUSES:
                act = status_menu.addAction(status_icon(status), status)
                act.setCheckable(True)
                act.setChecked(status == item.status)
                act.triggered.connect(lambda _c=False, s=status, i=item: s != i.status and self._edit(
                    i.id, {"status": i.status}, {"status": s}))
            owner_menu = menu.addMenu("Owner")   # likewise the owner, a column only when wide
            for oid, name in [(None, "(nobody)")] + list(self.model.owners.items()):
                act = owner_menu.addAction(escape_mnemonic(name))   # "R&D", not a mnemonic
                act.setCheckable(True)
                act.setChecked(oid == item.owner)
                act.triggered.connect(lambda _c=False, o=oid, i=item: o != i.owner and self._edit(
                    i.id, {"owner": i.owner}, {"owner": o}))
            menu.addSeparator()
            for number in sorted(PHASE_NAMES):
                if number != self.number:
                    menu.addAction(f"Move to phase {number}",
                                   lambda n=number: self.move_to_phase(ids[0], n))
            menu.addSeparator()
        menu.addAction("Remove", self.remove_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _plan(self) -> None:
        dialog = PlanDialog(self.number, *self._planned, parent=self)
        if dialog.exec():
            after = dialog.window_dates()
            if after != self._planned:
                self.dock.push(SetPhaseWindowCommand(self.dock.main_window, self.dock.lifecycle_id,
                                                     self.number, self._planned, after))
        dialog.deleteLater()


class PhasesDock(QDockWidget):
    """Bottom dock: the four phase cards of the current lifecycle."""

    def __init__(self, workspace_or_window, main_window=None) -> None:
        # the window passes (workspace, window); the workspace is always read from the window,
        # which may switch files
        window = main_window if main_window is not None else workspace_or_window
        super().__init__("Phases", window)
        self.main_window = window
        self.setObjectName("phasesDock")
        self.lifecycle_id: int | None = None
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        body = QWidget(self)
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(4, 4, 4, 4)
        self.empty = QLabel("Open a lifecycle to track its phases.", body)
        self.empty.setWordWrap(True)
        self.grid.addWidget(self.empty, 0, 0)
        self.cards = [PhaseCard(n, self) for n in sorted(PHASE_NAMES)]
        for card in self.cards:
            card.setMinimumWidth(CARD_MIN_WIDTH)
        # the four phases side by side when there is room, else two by two or one under
        # another: never a sideways scroll (a laptop's side column is ~300 px wide)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        self.scroll.viewport().installEventFilter(self)
        self.columns = 0
        self._arrange()
        self.setWidget(self.scroll)
        self.set_lifecycle(None)

    @property
    def workspace(self):
        return self.main_window.workspace

    def eventFilter(self, obj, event) -> bool:
        if obj is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._arrange()
        return False

    def _arrange(self) -> None:
        width = self.scroll.viewport().width()
        columns = 4 if width >= 4 * (CARD_MIN_WIDTH + 8) else 2 if width >= 2 * (CARD_MIN_WIDTH + 8) else 1
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for n, card in enumerate(self.cards):
            self.grid.addWidget(card, 1 + n // columns, n % columns, Qt.AlignmentFlag.AlignTop)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.grid.setRowStretch(1 + (len(self.cards) - 1) // columns + 1, 1)

    def push(self, command) -> bool:
        return self.main_window.push(command)

    def card(self, number: int) -> PhaseCard:
        return self.cards[number - 1]

    # ---- following the window ------------------------------------------------------------------

    def set_lifecycle(self, lifecycle_id: int | None) -> None:
        self.lifecycle_id = lifecycle_id
        self.empty.setVisible(lifecycle_id is None)
        for card in self.cards:
            card.setVisible(lifecycle_id is not None)
        self.refresh()

    def apply_change(self, change) -> None:
        if change.lifecycle_id != self.lifecycle_id or self.lifecycle_id is None:
            return
        if change.items or change.phases or change.owners or change.lifecycles:
            self.refresh()  # the user's own edit: show it at once
        elif change.operation == "move_stages":
            return  # positions are no evidence: a drag need not recount 5,000 stages' phases
        elif change.stages or change.edges or change.header:
            self._timer.start()  # only the evidence can change: once the burst is over

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _document(self) -> Lifecycle | None:
        # the window keeps the open lifecycle's document up to date; read the file otherwise
        cached = getattr(self.main_window, "docs", {}).get(self.lifecycle_id)
        if cached is not None:
            return cached
        try:
            return self.workspace.load(self.lifecycle_id)
        except WorkspaceError:  # a deleted lifecycle: show nothing
            return None

    def refresh(self) -> None:
        self._timer.stop()
        if self.lifecycle_id is None:
            return
        if not self.isVisible():
            self._dirty = True  # hidden (behind another tab, or the window not shown yet):
            return              # redraw when shown, so the window's start pays nothing
        self._dirty = False
        doc = self._document()
        if doc is None:
            return
        owners = {o.id: o.name for o in doc.owners}
        held = {p.number: p for p in doc.phases}
        for progress in phase_progress(doc):
            phase = held.get(progress.number)
            self.card(progress.number).show_phase(progress, phase.items if phase else [], owners)

    def new_item_id(self, number: int) -> str:
        doc = self._document()
        taken = {i.id for i in doc.items()} if doc else set()
        n = 1
        while f"p{number}-item{n}" in taken:
            n += 1
        return f"p{number}-item{n}"
