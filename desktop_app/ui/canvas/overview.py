"""The canvas's overview: a small map of the whole diagram in the corner of the canvas, with
the part in view outlined, shown while some of the diagram is out of view (a laptop screen,
zoomed in). A click or drag on it moves the view there, as in yEd's overview."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsView, QWidget

SIZE = QSize(180, 116)
MARGIN = 10   # px from the canvas's edges
PAD = 6       # px inside the map
BIG = 1000    # stages: above this the extent is measured from the stages only


class Overview(QWidget):
    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.setObjectName("canvasOverview")
        self.view = view
        self.setFixedSize(SIZE)
        # opaque: a repaint of the map (every scroll step) need not repaint the canvas beneath
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The whole diagram: the outline is what the canvas shows. Click or drag to move there.")
        self._diagram = QRectF()
        self._map: tuple[tuple, QPixmap] | None = None   # the drawn stages and what they were drawn for
        self._timer = QTimer(self)        # changes come in bursts (a paste, undo of many): once per burst
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self.refresh)
        view.horizontalScrollBar().valueChanged.connect(lambda _v: self.refresh(False))
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.refresh(False))
        # measured and drawn again when the store changed the drawing, not on the scene's
        # every repaint: a hover or a drag step would walk every stage and redraw the map
        # (~0.1 s at 5,000 stages); a drag shows on the map when it is dropped
        view.scene().drawingChanged.connect(self._timer.start)
        self.hide()

    # ---- geometry -------------------------------------------------------------------------------

    def _measure(self) -> None:
        scene = self.view.scene()
        rect = QRectF()
        if scene is None:   # the tab is closing
            self._diagram = rect
            return
        # edges bend out past the stages a little; in a big diagram the stages alone will do
        items = list(scene.stages.values())
        if len(items) <= BIG:
            items += list(scene.edges.values())
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        self._diagram = rect
        self._map = None   # the stages moved: draw the map again

    def visible_scene_rect(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def refresh(self, measure: bool = True) -> None:
        """Show the map while part of the diagram is out of view; hide it otherwise."""
        if self.view.scene() is None:
            self.hide()
            return
        if measure or self._diagram.isNull():
            self._measure()
        visible = self.visible_scene_rect()
        show = not self._diagram.isNull() and not visible.contains(self._diagram)
        if show:
            vp = self.view.viewport().geometry()
            self.move(vp.right() - SIZE.width() - MARGIN, vp.bottom() - SIZE.height() - MARGIN)
            self.raise_()
        self.setVisible(show)
        if show:
            self.update()

    def _frame(self) -> tuple[QRectF, float, QPointF]:
        """The scene rectangle the map shows, its scale, and where it starts in the map."""
        world = self._diagram.united(self.visible_scene_rect())
        inner = QRectF(PAD, PAD, SIZE.width() - 2 * PAD, SIZE.height() - 2 * PAD)
        scale = min(inner.width() / max(world.width(), 1.0), inner.height() / max(world.height(), 1.0))
        offset = QPointF(inner.x() + (inner.width() - world.width() * scale) / 2,
                         inner.y() + (inner.height() - world.height() * scale) / 2)
        return world, scale, offset

    def to_map(self, rect: QRectF) -> QRectF:
        world, scale, offset = self._frame()
        return QRectF(offset.x() + (rect.x() - world.x()) * scale, offset.y() + (rect.y() - world.y()) * scale,
                      rect.width() * scale, rect.height() * scale)

    def to_scene(self, point: QPointF) -> QPointF:
        world, scale, offset = self._frame()
        return QPointF(world.x() + (point.x() - offset.x()) / scale, world.y() + (point.y() - offset.y()) / scale)

    # ---- drawing and input ----------------------------------------------------------------------

    def _stages_picture(self) -> QPixmap:
        """The map without the outline, drawn once per layout of the diagram and of the map (a
        scroll repaints only the outline: 5,000 stages take ~0.1 s to draw)."""
        theme = self.view.scene().theme
        world, scale, offset = self._frame()
        key = (world.getRect(), theme.dark, self.devicePixelRatioF())
        if self._map is not None and self._map[0] == key:
            return self._map[1]
        ratio = self.devicePixelRatioF()
        pm = QPixmap(int(SIZE.width() * ratio), int(SIZE.height() * ratio))
        pm.setDevicePixelRatio(ratio)
        pm.fill(QColor(theme.background))
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(theme.subtle_text), 1))
        p.setBrush(QColor(theme.background))
        p.drawRect(QRectF(0.5, 0.5, SIZE.width() - 1, SIZE.height() - 1))
        for item in self.view.scene().stages.values():
            kind = item.stage.kind
            p.setPen(QPen(QColor(theme.kind_border[kind]), 1))
            p.setBrush(QColor(theme.kind_fill[kind]))
            p.drawRect(self.to_map(item.sceneBoundingRect()))
        p.end()
        self._map = (key, pm)
        return pm

    def paintEvent(self, _event) -> None:
        theme = self.view.scene().theme
        p = QPainter(self)
        p.drawPixmap(0, 0, self._stages_picture())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(theme.selection), 1.5))
        p.drawRect(self.to_map(self.visible_scene_rect()))
        p.end()

    def mousePressEvent(self, event) -> None:
        self.view.centerOn(self.to_scene(event.position()))
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.view.centerOn(self.to_scene(event.position()))
        event.accept()
