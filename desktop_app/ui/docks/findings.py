"""Findings of the current lifecycle: filter by severity, click to find the stages on the
canvas, apply a quick fix, suppress with a reason, show the suppressed ones."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDockWidget, QHBoxLayout, QHeaderView, QLabel, QStyledItemDelegate, QStyleOptionViewItem,
    QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.model.naming import Names
from desktop_app.ui.icons import severity_icon, suppressed_icon
from desktop_app.ui.wording import plural

SEVERITIES = ("error", "warning", "info")
PLURAL = {"error": "Errors", "warning": "Warnings", "info": "Info"}


NARROW = 560   # px: below this the "Where" and "Code" columns give their room to the message


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's current width (a tree view asks its
    delegate for a size without saying the width, so nothing would wrap)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())

    def sizeHint(self, option, index):
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(self.tree.header().sectionSize(index.column()))
        opt.rect.setHeight(100_000)
        size = super().sizeHint(opt, index)
        size.setHeight(size.height() + 6)   # a little air between wrapped messages
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
        self.tree = QTreeWidget(body)
        self.tree.setRootIsDecorated(False)
        # the message wraps to the column's width, so a narrow column beside the canvas (a
        # laptop) shows it whole rather than a few words and "…"
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(["Severity", "Code", "Message", "Where"])
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(3, 220)
        self.tree.itemClicked.connect(lambda it, _c: self.findingActivated.emit(it.data(0, Qt.ItemDataRole.UserRole)))
        self.tree.itemActivated.connect(lambda it, _c: self.findingActivated.emit(it.data(0, Qt.ItemDataRole.UserRole)))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
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
        out = []
        for i in range(self.tree.topLevelItemCount()):
            out.append(self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole))
        return out

    def _refill(self) -> None:
        current = self.current_finding()
        key = (current.rule, current.stages, current.edges, current.items, current.owners) if current else None
        self.tree.clear()
        shown = 0
        for f in self.findings:
            if not self.filters[f.severity].isChecked():
                continue
            if f.suppressed and not self.show_suppressed.isChecked():
                continue
            # stages first (a finding on stages and edges is found by its stages), then edges
            # by their ends, items and owners; a phase or the whole lifecycle otherwise
            names = self.names
            where = (names.where(stages=f.stages) or names.where(edges=f.edges)
                     or names.where(items=f.items, owners=f.owners, phase=f.phase)
                     or "whole lifecycle")
            msg = f.message + (f"  (suppressed: {f.reason})" if f.suppressed else "")
            item = QTreeWidgetItem([f.severity, f.rule, msg, where])
            item.setIcon(0, suppressed_icon() if f.suppressed else severity_icon(f.severity))
            item.setData(0, Qt.ItemDataRole.UserRole, f)
            item.setToolTip(2, f"<b>{f.rule} {f.name}</b><br>{f.message}<br><i>{f.hint}</i>"
                               f"<br>Where: {html.escape(where)}")
            if f.suppressed:
                for c in range(4):
                    item.setForeground(c, self.palette().placeholderText())
            self.tree.addTopLevelItem(item)
            shown += 1
            if key == (f.rule, f.stages, f.edges, f.items, f.owners):
                self.tree.setCurrentItem(item)
        self.tree.setVisible(shown > 0)
        self.placeholder.setVisible(shown == 0)
        self._update_buttons()

    def current_finding(self):
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def select_finding(self, rule: str) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole).rule == rule:
                self.tree.setCurrentItem(item)
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
