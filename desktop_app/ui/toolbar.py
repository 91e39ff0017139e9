"""The main toolbar: the actions a user reaches for most (new stage, connect mode, auto-layout,
fit, undo, redo, export), as draw.io and yEd put them above the canvas.

The buttons are the window's own actions, so a button, its menu item and its key are one thing;
only "New Stage" (with a menu of kinds) and "Connect" (a mode) are made here. The icons are
drawn in the palette's text colour, so they follow light and dark themes and stay sharp at any
device pixel ratio.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton

from desktop_app.export.palette import KIND_LABEL
from desktop_app.model.document import STAGE_KINDS
from desktop_app.ui.icons import _pixmap, kind_icon
from desktop_app.ui.wording import escape_mnemonic, strip_mnemonic

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

ICON = 24


def _icon(draw: Callable[[QPainter, QColor], None], palette: QPalette | None = None) -> QIcon:
    """An icon drawn in the text colour (and a greyed copy for the disabled state)."""
    icon = QIcon()
    palette = palette or QApplication.palette()
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        pm = _pixmap(ICON)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = palette.color(group, QPalette.ColorRole.ButtonText)
        p.setPen(QPen(colour, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        draw(p, colour)
        p.end()
        icon.addPixmap(pm, mode)
    return icon


def _arrow_head(p: QPainter, tip: QPointF, dx: float, dy: float) -> None:
    """A small open arrowhead at ``tip`` pointing along (dx, dy) (a unit-ish vector)."""
    size = 4.5
    left = QPointF(tip.x() - size * dx + size * 0.8 * dy, tip.y() - size * dy - size * 0.8 * dx)
    right = QPointF(tip.x() - size * dx - size * 0.8 * dy, tip.y() - size * dy + size * 0.8 * dx)
    p.drawPolyline([left, tip, right])


def _new_stage(p: QPainter, _c: QColor) -> None:
    p.drawRoundedRect(QRectF(2.5, 6.5, 15, 11), 3, 3)
    p.drawLine(QPointF(19, 3), QPointF(19, 11))
    p.drawLine(QPointF(15, 7), QPointF(23, 7))


def _connect(p: QPainter, _c: QColor) -> None:
    # two boxes and an arrow from one to the other: "draw an edge"
    p.drawRoundedRect(QRectF(1.5, 8.5, 6, 7), 1.5, 1.5)
    p.drawRoundedRect(QRectF(16.5, 8.5, 6, 7), 1.5, 1.5)
    p.drawLine(QPointF(8, 12), QPointF(15.5, 12))
    _arrow_head(p, QPointF(15.5, 12), 1, 0)


def _layout(p: QPainter, _c: QColor) -> None:
    p.drawRect(QRectF(2.5, 9.5, 5, 5))
    p.drawRect(QRectF(16.5, 3.5, 5, 5))
    p.drawRect(QRectF(16.5, 15.5, 5, 5))
    p.drawLine(QPointF(7.5, 12), QPointF(16.5, 6))
    p.drawLine(QPointF(7.5, 12), QPointF(16.5, 18))


def _fit(p: QPainter, _c: QColor) -> None:
    for x, y, dx, dy in ((3, 3, 1, 1), (21, 3, -1, 1), (3, 21, 1, -1), (21, 21, -1, -1)):
        p.drawPolyline([QPointF(x, y + 5 * dy), QPointF(x, y), QPointF(x + 5 * dx, y)])
    p.drawRoundedRect(QRectF(8, 9, 8, 6), 1.5, 1.5)


def _undo(p: QPainter, _c: QColor, mirror: bool = False) -> None:
    if mirror:
        p.translate(ICON, 0)
        p.scale(-1, 1)
    path = QPainterPath(QPointF(5, 9))
    path.lineTo(QPointF(14, 9))
    path.cubicTo(QPointF(22, 9), QPointF(22, 20), QPointF(14, 20))
    path.lineTo(QPointF(9, 20))
    p.drawPath(path)
    _arrow_head(p, QPointF(4.5, 9), -1, 0)


def _export(p: QPainter, _c: QColor) -> None:
    p.drawPolyline([QPointF(9, 6.5), QPointF(3.5, 6.5), QPointF(3.5, 20.5), QPointF(17.5, 20.5), QPointF(17.5, 15)])
    p.drawLine(QPointF(10, 14), QPointF(20.5, 3.5))
    p.drawPolyline([QPointF(14, 3.5), QPointF(20.5, 3.5), QPointF(20.5, 10)])


class MainToolBar(QToolBar):
    def __init__(self, window: MainWindow) -> None:
        super().__init__("Toolbar", window)
        self.setObjectName("mainToolBar")      # saveState/restoreState find it by this name
        self.setMovable(True)
        self.setIconSize(QSize(ICON, ICON))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.window_ = window

        # New Stage: a click adds the palette's kind at the centre; the arrow picks another kind
        self.act_new_stage = QAction("New Stage", self)
        self.act_new_stage.setToolTip("Add a stage of the kind chosen in the palette at the centre of the canvas")
        self.act_new_stage.triggered.connect(lambda: self.new_stage(window.palette_dock.current_kind()))
        kinds = QMenu(self)
        kinds.setObjectName("newStageKinds")
        for kind in STAGE_KINDS:
            act = kinds.addAction(kind_icon(kind), KIND_LABEL[kind])
            act.triggered.connect(lambda _c=False, k=kind: self.new_stage(k))
        self.act_new_stage.setMenu(kinds)
        self.addAction(self.act_new_stage)
        button = self.widgetForAction(self.act_new_stage)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

        self.act_connect = QAction("Connect", self)
        self.act_connect.setCheckable(True)
        self.act_connect.setToolTip("Connect mode: drag from any stage to another to connect them "
                                    "(hold Shift for a feedback edge); Esc or a second click leaves it")
        self.act_connect.toggled.connect(self.set_connect_mode)
        self.addAction(self.act_connect)
        self.addSeparator()

        self._paint_icons()
        window.act_fit.setIconText("Fit")
        window.act_export.setIconText("Export")
        # the menu items read "Undo Move stage"; the buttons keep one short word, the tooltip the rest
        window.act_undo.setIconText("Undo")
        window.act_redo.setIconText("Redo")
        # QUndoStack writes the step's text into the Edit menu item as it is: a name with "&"
        # ("R&D") would lose it to a mnemonic; write it again, escaped (this runs after Qt's)
        stack = window.undo_stack
        stack.undoTextChanged.connect(
            lambda t: window.act_undo.setText(f"&Undo {escape_mnemonic(t)}" if t else "&Undo"))
        stack.redoTextChanged.connect(
            lambda t: window.act_redo.setText(f"&Redo {escape_mnemonic(t)}" if t else "&Redo"))
        for act in (window.act_undo, window.act_redo):
            act.changed.connect(lambda a=act: self._tooltip(a))
            self._tooltip(act)
        for act in (window.act_layout, window.act_fit):
            self.addAction(act)
        self.addSeparator()
        for act in (window.act_undo, window.act_redo):
            self.addAction(act)
        self.addSeparator()
        self.addAction(window.act_export)
        window.tabs.currentChanged.connect(lambda _i: self.set_connect_mode(self.act_connect.isChecked()))

    def _paint_icons(self) -> None:
        """The icons in the current palette's text colour: again when the theme changes."""
        w, palette = self.window_, self.palette()
        for act, draw in ((self.act_new_stage, _new_stage), (self.act_connect, _connect),
                          (w.act_layout, _layout), (w.act_fit, _fit), (w.act_undo, _undo),
                          (w.act_redo, lambda p, c: _undo(p, c, mirror=True)), (w.act_export, _export)):
            act.setIcon(_icon(draw, palette))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()

    @staticmethod
    def _tooltip(act: QAction) -> None:
        keys = act.shortcut().toString(act.shortcut().SequenceFormat.NativeText)
        tip = strip_mnemonic(act.text()) + (f" ({keys})" if keys else "")
        if act.toolTip() != tip:
            act.setToolTip(tip)

    def new_stage(self, kind: str) -> None:
        if self.window_.current_view() is not None:
            self.window_.palette_dock.addRequested.emit(kind)

    def set_connect_mode(self, on: bool) -> None:
        """Connect mode on the current canvas (each tab asks when it becomes current)."""
        view = self.window_.current_view()
        if view is None:
            return
        view.lifecycle_scene().connect_mode = on
        if on:
            view.viewport().setCursor(Qt.CursorShape.CrossCursor)
            view.installEventFilter(self)       # Esc on the canvas leaves the mode
        else:
            view.viewport().unsetCursor()
            view.removeEventFilter(self)
        for other in self.window_.views.values():
            if other is not view:
                other.lifecycle_scene().connect_mode = False


    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                and self.act_connect.isChecked()):
            self.act_connect.setChecked(False)
            return True
        return super().eventFilter(obj, event)


def install(window: MainWindow) -> MainToolBar:
    toolbar = MainToolBar(window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar
