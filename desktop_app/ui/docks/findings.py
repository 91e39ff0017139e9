"""Findings of the current lifecycle: filter by severity, click to find the stages on the
canvas, apply a quick fix, suppress with a reason, show the suppressed ones.

Model/view with the data on demand: a big lifecycle has thousands of findings, some naming
hundreds of stages, so the Where text and the tooltip of a row are made when the view asks for
that row (the rows on screen), never for every finding up front.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QStyledItemDelegate, QStyleOptionViewItem,
    QToolButton, QTreeView, QVBoxLayout, QWidget,
)

from desktop_app.model.naming import Names
from desktop_app.ui.icons import severity_icon, suppressed_icon
from desktop_app.ui.wording import plural

SEVERITIES = ("error", "warning", "info")
PLURAL = {"error": "Errors", "warning": "Warnings", "info": "Info"}


NARROW = 560   # px: below this the "Where" and "Code" columns give their room to the message
HEADERS = ("Severity", "Code", "Message", "Where")
_DISPLAY, _TOOLTIP, _DECORATION, _FOREGROUND, _USER = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole)


def where_text(names: Names, f) -> str:
    """Stages first (a finding on stages and edges is found by its stages), then edges by
    their ends, items and owners; a phase or the whole lifecycle otherwise."""
    return (names.where(stages=f.stages) or names.where(edges=f.edges)
            or names.where(items=f.items, owners=f.owners, phase=f.phase)
            or "whole lifecycle")


class FindingsModel(QAbstractTableModel):
    """The shown findings, one row each; texts made when a row is asked for and kept while
    the findings stay (the view asks for the same cells on every paint)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self.names = Names()
        self.muted = None           # the brush of suppressed rows
        self._where: dict[int, str] = {}

    def reset(self, rows: list, names: Names, muted) -> None:
        self.beginResetModel()
        self.rows, self.names, self.muted = rows, names, muted
        self._where = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return HEADERS[section]
        return None

    def where(self, row: int) -> str:
        text = self._where.get(row)
        if text is None:
            text = self._where[row] = where_text(self.names, self.rows[row])
        return text

    def text(self, row: int, column: int) -> str:
        f = self.rows[row]
        if column == 0:
            return f.severity
        if column == 1:
            return f.rule
        if column == 2:
            return f.message + (f"  (suppressed: {f.reason})" if f.suppressed else "")
        return self.where(row)

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self.text(row, column)
        f = self.rows[row]
        if role == _USER:
            return f
        if role == _DECORATION and column == 0:
            return suppressed_icon() if f.suppressed else severity_icon(f.severity)
        if role == _TOOLTIP and column == 2:
            # rich text: the message quotes names, which may hold markup ("<it>", "&")
            return (f"<b>{f.rule} {html.escape(f.name)}</b><br>{html.escape(f.message)}"
                    f"<br><i>{html.escape(f.hint)}</i><br>Where: {html.escape(self.where(row))}")
        if role == _FOREGROUND and f.suppressed:
            return self.muted
        return None


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width (a tree view asks its
    delegate for a size without saying the width, so nothing would wrap)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        # the view asks for the same cells again and again (layout, header, paint); laying out
        # a wrapped Where of hundreds of names each time stalled the window: sizes are kept
        # per cell and width until the rows change (model reset) or a column is resized
        self._sizes: dict[tuple[int, int, int], object] = {}
        # a width change lays the rows out at once and again after the event that caused it: a
        # relayout asked for only inside the header's own resize (a scrollbar appearing as the rows
        # grow narrows the stretched message column) was lost, and rows kept the height of
        # the wider column, cutting the message's last line
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(tree.doItemsLayout)
        tree.header().sectionResized.connect(self._width_changed)
        tree.model().modelReset.connect(self._sizes.clear)

    def _width_changed(self, *_) -> None:
        self._sizes.clear()
        self.tree.doItemsLayout()
        self._relayout.start()

    def sizeHint(self, option, index):
        width = self.tree.header().sectionSize(index.column())
        key = (index.row(), index.column(), width)
        size = self._sizes.get(key)
        if size is None:
            opt = QStyleOptionViewItem(option)
            opt.rect.setWidth(width)
            opt.rect.setHeight(100_000)
            size = super().sizeHint(opt, index)
            size.setHeight(size.height() + 6)   # a little air between wrapped messages
            self._sizes[key] = size
        return size


class FindingsDock(QDockWidget):
    findingActivated = Signal(object)
    quickFixRequested = Signal(object)
    suppressRequested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__("Findings", parent)
        self.setObjectName("findingsDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        self.filters: dict[str, QToolButton] = {}
        for sev in SEVERITIES:
            b = QToolButton(body)
            b.setCheckable(True)
            b.setChecked(True)
            b.setIcon(severity_icon(sev))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setAutoRaise(True)
            b.setToolTip(f"Show {PLURAL[sev].lower()}")
            b.toggled.connect(self._refill)
            self.filters[sev] = b
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        # a second row: the dock sits in a narrow column beside the canvas (a laptop's width)
        bar = QHBoxLayout()
        self.show_suppressed = QCheckBox("Show suppressed", body)
        self.show_suppressed.toggled.connect(self._refill)
        bar.addWidget(self.show_suppressed)
        bar.addStretch(1)
        self.fix_button = QToolButton(body)
        self.fix_button.setText("Quick fix")
        self.fix_button.setToolTip("Apply the one obvious repair for this finding (undoable)")
        self.fix_button.clicked.connect(lambda: self._with_current(self.quickFixRequested.emit))
        self.suppress_button = QToolButton(body)
        self.suppress_button.setText("Suppress…")
        self.suppress_button.setToolTip("Accept this finding on purpose, with a reason")
        self.suppress_button.clicked.connect(lambda: self._with_current(self.suppressRequested.emit))
        bar.addWidget(self.fix_button)
        bar.addWidget(self.suppress_button)
        layout.addLayout(bar)
        self.model = FindingsModel(self)
        self.tree = QTreeView(body)
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        # the message wraps to the column's width, so a narrow column beside the canvas (a
        # laptop) shows it whole rather than a few words and "…"
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(3, 220)
        self.tree.clicked.connect(lambda index: self.findingActivated.emit(index.data(_USER)))
        self.tree.activated.connect(lambda index: self.findingActivated.emit(index.data(_USER)))
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree)
        self.placeholder = QLabel("No findings: nothing to fix.", body)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.hide()
        layout.addWidget(self.placeholder)
        self.setWidget(body)
        self.findings: tuple = ()
        self.names = Names()
        self._update_buttons()

    def set_findings(self, findings, names: Names) -> None:
        """``names``: the lifecycle's display names, for the Where column (never ids)."""
        self.findings = tuple(findings)
        self.names = names
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            if not f.suppressed:
                counts[f.severity] += 1
        for sev, b in self.filters.items():
            b.setText(plural(counts[sev], sev))
        self._refill()

    def visible_findings(self) -> list:
        return list(self.model.rows)

    def _refill(self) -> None:
        current = self.current_finding()
        key = (current.rule, current.stages, current.edges, current.items, current.owners) if current else None
        shown_severities = {sev for sev, b in self.filters.items() if b.isChecked()}
        with_suppressed = self.show_suppressed.isChecked()
        rows = [f for f in self.findings
                if f.severity in shown_severities and (with_suppressed or not f.suppressed)]
        self.model.reset(rows, self.names, self.palette().placeholderText())
        if key is not None:
            for row, f in enumerate(rows):
                if key == (f.rule, f.stages, f.edges, f.items, f.owners):
                    self.tree.setCurrentIndex(self.model.index(row, 0))
                    break
        self.tree.setVisible(bool(rows))
        self.placeholder.setVisible(not rows)
        self._update_buttons()

    def current_finding(self):
        index = self.tree.currentIndex()
        return index.data(_USER) if index.isValid() else None

    def select_finding(self, rule: str) -> bool:
        for row, f in enumerate(self.model.rows):
            if f.rule == rule:
                self.tree.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _with_current(self, fn) -> None:
        f = self.current_finding()
        if f is not None:
            fn(f)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # narrow (a laptop's side column): the message gets the room, "Where" shows on click
        # (the stages are selected) and in the tooltip
        self.tree.setColumnHidden(3, self.width() < NARROW)
        self.tree.header().setSectionHidden(1, self.width() < NARROW)   # the code is in the tooltip

    def _update_buttons(self) -> None:
        f = self.current_finding()
        self.fix_button.setEnabled(bool(f is not None and f.fixable and not f.suppressed))
        self.suppress_button.setEnabled(bool(f is not None and not f.suppressed))
