"""Stage and edge items: thin wrappers that hand their drawing to the shared painter."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from desktop_app.export import painter
from desktop_app.export.palette import GRID
from desktop_app.model.document import Edge, Stage
from desktop_app.model.naming import ARROW
from desktop_app.model.text import one_line
from desktop_app.ui.wording import days

if TYPE_CHECKING:
    from desktop_app.ui.canvas.scene import LifecycleScene

HANDLE_RADIUS = 7.0
# combined once: building Qt flag values costs Python enum work, per item otherwise
_STAGE_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
_EDGE_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_NO_BRUSH = Qt.BrushStyle.NoBrush   # looked up once: a fitted big diagram paints 10,000s of edges


def snap(v: float) -> float:
    return round(v / GRID) * GRID


class StageItem(QGraphicsRectItem):
    """A stage box. Its position is the stage's (x, y); dragging it snaps to the grid.

    It is a rectangle item only for its bounding box: Qt then asks C++, not Python, for the
    bounds, which a scene does tens of thousands of times per frame; drawing is ours. It has no
    ``itemChange``: Qt calls that for every flag, scene entry and first show of every item (six
    calls into Python per stage before the first paint, ~0.5 s at 20,000 stages), so a drag is
    followed in ``mouseMoveEvent`` instead, and the store's moves in the scene's apply_change.
    """

    Type = QGraphicsItem.UserType + 1

    def __init__(self, stage: Stage, owner_name: str | None) -> None:
        w, h = painter.stage_size(stage.name)
        self._rect = QRectF(0, 0, w, h)
        super().__init__(self._bounds_for(self._rect))   # (its default pen only pads the bounds)
        self.stage = stage
        self.look = painter.StageLook(stage.name, stage.kind, owner_name, stage.automation)
        self.hovered = False
        self.setPos(stage.x, stage.y)
        self.setFlags(_STAGE_FLAGS)
        self.setAcceptHoverEvents(True)

    def type(self) -> int:
        return self.Type

    @property
    def stage_id(self) -> str:
        return self.stage.id

    def tooltip_text(self) -> str:
        """Built when asked (the scene shows it on hover), not for every item up front."""
        s = self.stage
        lines = [f"<b>{escape(s.name)}</b> ({s.kind}, {s.automation})"]
        if self.look.owner_name:
            lines.append(f"Owner: {escape(self.look.owner_name)}")
        if s.criteria:
            lines.append(f"Criteria: {escape(s.criteria)}")
        lines.append("<i>Drag the dot on the right to connect; hold Shift for a feedback edge.</i>")
        return "<br>".join(lines)

    def update_stage(self, stage: Stage, owner_name: str | None) -> None:
        resized = stage.name != self.stage.name
        self.stage = stage
        self.look = painter.StageLook(stage.name, stage.kind, owner_name, stage.automation,
                                      self.look.marker)
        if resized:
            w, h = painter.stage_size(stage.name)
            self._rect = QRectF(0, 0, w, h)
            self.setRect(self._bounds_for(self._rect))
        if self.pos() != QPointF(stage.x, stage.y):
            self.setPos(stage.x, stage.y)
        self.update()

    def set_marker(self, severity: str | None) -> None:
        if severity != self.look.marker:
            self.look.marker = severity
            self.update()

    def box(self) -> QRectF:
        return self._rect

    def scene_box(self) -> QRectF:
        return self._rect.translated(self.pos())

    def handle_center(self) -> QPointF:
        return QPointF(self._rect.right(), self._rect.center().y())

    def on_handle(self, local: QPointF) -> bool:
        c = self.handle_center()
        return (local - c).manhattanLength() <= HANDLE_RADIUS * 1.8

    @staticmethod
    def _bounds_for(box: QRectF) -> QRectF:
        # room for the selection ring, the severity marker and the connect handle
        return box.adjusted(-7, -14, HANDLE_RADIUS + 6, 7)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)   # box and handle overlap: keep both solid
        path.addRoundedRect(self._rect, 10, 10)
        path.addEllipse(self.handle_center(), HANDLE_RADIUS + 2, HANDLE_RADIUS + 2)
        return path

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        scene: LifecycleScene = self.scene()  # type: ignore[assignment]
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        selected = self.isSelected()
        if lod < painter.LOD_ICON:
            # far out: a block of the kind's colour, drawn right here (thousands per frame)
            th = scene.theme
            kind = self.look.kind if self.look.kind in th.kind_fill else "other"
            p.setPen(painter._hairline(th.selection if selected else th.kind_border[kind]))
            p.setBrush(painter._color(th.kind_border[kind] if selected else th.kind_fill[kind]))
            p.drawRect(self._rect)
            if self.look.marker and lod >= 0.08:
                p.fillRect(QRectF(self._rect.right() - 24, 0, 24, 24), painter._color(th.severity[self.look.marker]))
            return
        painter.paint_stage(p, self._rect, self.look, scene.theme, selected=selected,
                            hovered=self.hovered, lod=lod)
        if (self.hovered or selected) and lod >= painter.LOD_TEXT and not scene.read_only:
            c = self.handle_center()   # the connect handle: none where nothing can be connected
            p.setPen(QPen(QColor(scene.theme.background), 2))
            p.setBrush(QColor(scene.theme.selection))
            p.drawEllipse(c, HANDLE_RADIUS - 1, HANDLE_RADIUS - 1)

    def hoverEnterEvent(self, event) -> None:
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event) -> None:
        scene = self.scene()
        self.setCursor(Qt.CursorShape.CrossCursor if self.on_handle(event.pos()) and not scene.read_only
                       else Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.hovered = False
        self.unsetCursor()
        self.update()
        super().hoverLeaveEvent(event)

    def mouseMoveEvent(self, event) -> None:
        """A drag: Qt moves this stage and every selected one, then each snaps to the grid and
        takes its edges along (a position from the store, such as aligned boxes of two heights
        or an imported document, is shown as it is, so the canvas and the file agree)."""
        scene = self.scene()
        if scene is None:
            super().mouseMoveEvent(event)
            return
        if scene.read_only:
            event.accept()   # read only: a drag does not move it
            return
        moving = [i for i in scene.selectedItems() if isinstance(i, StageItem)]
        if self not in moving:
            moving.append(self)
        before = [i.pos() for i in moving]
        super().mouseMoveEvent(event)
        for item, old in zip(moving, before):
            pos = item.pos()
            snapped = QPointF(snap(pos.x()), snap(pos.y()))
            if snapped != pos:
                item.setPos(snapped)
            if snapped != old:
                scene.stage_item_moved(item)


class EdgeItem(QGraphicsRectItem):
    """An edge between two stage items; its route comes from the shared painter (a rectangle
    item only for its bounds, as StageItem)."""

    Type = QGraphicsItem.UserType + 2

    def __init__(self, edge: Edge) -> None:
        super().__init__()
        self.edge = edge
        self.geom: painter.EdgeGeometry | None = None
        self._shape: QPainterPath | None = None   # made on first use (shape())
        self.caption = painter.edge_caption(edge)
        self.setFlags(_EDGE_FLAGS)
        # under the stages: the scene adds edges before stages when it builds, and lowers the
        # ones added later (set_below), so building 10,000 edges makes no z call

    def type(self) -> int:
        return self.Type

    @property
    def edge_id(self) -> str:
        return self.edge.id

    def tooltip_text(self) -> str:
        e = self.edge
        lat = "" if e.latency_days is None else f", {days(e.latency_days)}"
        # the ends by their names, as the user knows them (never the stage ids)
        stages = getattr(self.scene(), "stages", {})
        ends = [stages[k].stage.name if k in stages else k for k in (e.source, e.target)]
        return (f"{e.kind} edge {escape(f'{one_line(ends[0])} {ARROW} {one_line(ends[1])}')} ({e.trigger}{lat})"
                + (f"<br>{escape(e.label)}" if e.label else ""))

    def set_below(self) -> None:
        self.setZValue(-1)

    def update_edge(self, edge: Edge) -> None:
        self.edge = edge
        self.caption = painter.edge_caption(edge)
        self.update()

    def set_geometry(self, geom: painter.EdgeGeometry, repaint: bool = True) -> None:
        """``repaint`` False while the scene is built (the item is not in it yet)."""
        self.geom = geom
        self._shape = None    # the fat outline for hit tests is built on first use
        bounds = geom.path.boundingRect().adjusted(-12, -12, 12, 12)
        if self.caption:
            bounds = bounds.united(QRectF(geom.label_at.x() - 90, geom.label_at.y() - 12, 180, 24))
        self.setRect(bounds)
        if repaint:
            self.update()

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = painter.edge_shape(self.geom) if self.geom is not None else QPainterPath()
        return self._shape

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        geom = self.geom
        if geom is None:
            return
        scene: LifecycleScene = self.scene()  # type: ignore[assignment]
        lod = option.levelOfDetailFromTransform(p.worldTransform())
        # a throwaway copy of the route is drawn: Qt keeps a converted copy (~3 KB) with every
        # path it has drawn, 30 MB for the 10,000 edges of a fitted 5,000-stage diagram; the
        # conversion done again costs ~5% of a full repaint
        if lod < painter.LOD_ARROW and not self.isSelected():
            th = scene.theme
            p.setPen(painter._hairline(th.feedback_edge if self.edge.kind == "feedback" else th.flow_edge))
            p.setBrush(_NO_BRUSH)
            p.drawPath(geom.path.translated(0, 0))
            return
        selected = self.isSelected()
        painter.paint_edge(p, painter.EdgeGeometry(geom.path.translated(0, 0), geom.tip, geom.angle,
                                                   geom.label_at),
                           self.edge.kind, scene.theme, caption=self.caption, selected=selected, lod=lod)
