"""Panels that fit a narrow column beside the canvas (a laptop screen) and spread out when
widened: side-by-side parts stack when the panel is narrow, and lists of choices may shrink."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel, QLayout, QSplitter, QWidget


def shrinkable_combos(widget: QWidget, letters: int = 10) -> None:
    """Combo boxes whose width does not follow their longest entry (a snapshot label, a phase
    name), which would otherwise set the panel's minimum width."""
    for combo in widget.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(letters)
        combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * letters + 40)


def wrapping_labels(widget: QWidget) -> None:
    """Sentences in labels (also those set later) wrap rather than set the panel's minimum width."""
    for label in widget.findChildren(QLabel):
        label.setWordWrap(True)


class Reflow(QObject):
    """Stacks ``splitters`` and ``layouts`` (left-to-right parts) top to bottom while
    ``widget`` is narrower than ``narrow_below`` pixels or ``in_column()`` says it sits in a
    side column (where its wide minimum would be what sets the column's width)."""

    def __init__(self, widget: QWidget, narrow_below: int, splitters: list[QSplitter] = (),
                 layouts: list[QBoxLayout] = (), in_column=lambda: False) -> None:
        super().__init__(widget)
        self.widget, self.narrow_below, self.in_column = widget, narrow_below, in_column
        self.splitters, self.layouts = list(splitters), list(layouts)
        self.narrow: bool | None = None
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        narrow = self.in_column() or self.widget.width() < self.narrow_below
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for splitter in self.splitters:
            splitter.setOrientation(Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal)
        for layout in self.layouts:
            layout.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        for layout in self.widget.findChildren(QLayout):
            layout.invalidate()   # minimum sizes cached from the other arrangement

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget and event.type() == QEvent.Type.Resize:
            self.apply()
        return False
