"""The one painter: how a stage and an edge are drawn, on the canvas and in every export.

The canvas items call ``paint_stage`` and ``paint_edge``; the PNG/SVG/PDF exports call
``render_lifecycle`` which uses the same two functions, so a picture looks like the screen
(DESIGN.md principle 4). Geometry (box sizes, edge routes, lanes for parallel and opposite
edges) lives here too, because an export has no canvas to ask.

Positions: a stage's ``x, y`` is the top-left corner of its box, in scene units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPainterPath, QPen,
    QPolygonF,
)

from desktop_app.model.text import one_line, wrap_lines
from desktop_app.export.palette import (
    KIND_LABEL, KIND_LETTER, SEVERITY_RANK, STAGE_HEIGHT, STAGE_RADIUS, STAGE_WIDTH, Theme,
)
from desktop_app.model.document import Edge, Lifecycle, Stage

MAX_STAGE_WIDTH = 340.0
ARROW_SIZE = 9.0
# Below these levels of detail (device pixels per scene unit) the drawing gets simpler, so a
# 5,000-stage lifecycle zoomed out stays a map, not a smear of unreadable text.
LOD_TEXT = 0.4
LOD_ICON = 0.25
LOD_ARROW = 0.2
AUTOMATION_SHORT = {"partial": "PARTIAL", "automated": "AUTO"}


# --- fonts -----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _font(pixel_size: int, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(QGuiApplication.font()) if QGuiApplication.instance() else QFont()
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def name_font() -> QFont:
    return _font(13, bold=True)


def caption_font() -> QFont:
    return _font(10, bold=True)


def owner_font(missing: bool = False) -> QFont:
    return _font(11, italic=missing)


def label_font() -> QFont:
    return _font(11)


@lru_cache(maxsize=None)
def _metrics(pixel_size: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(_font(pixel_size, bold))


# --- geometry --------------------------------------------------------------------------------

PAD = 12.0          # inner margin of a box
NAME_TOP = 28.0     # the name starts below the icon-and-kind row
NAME_LINE = 17.0    # line height of the name


def _wrap(text: str, fm: QFontMetricsF, room: float) -> tuple[str, ...]:
    return tuple(wrap_lines(text, fm.horizontalAdvance, room))


@lru_cache(maxsize=1 << 17)   # every stage of a 50,000-stage lifecycle, asked at build and paint
def name_lines(name: str) -> tuple[str, ...]:
    """The name in as many lines as it needs in the box's width: boxes keep one width and grow
    taller for a long name, which is never cut short (DESIGN.md, "Visual language")."""
    return _wrap(name, _metrics(13, True), STAGE_WIDTH - 2 * PAD)


def stage_size(name: str) -> tuple[float, float]:
    return STAGE_WIDTH, STAGE_HEIGHT + (len(name_lines(name)) - 1) * NAME_LINE


def stage_rect(stage: Stage) -> QRectF:
    w, h = stage_size(stage.name)
    return QRectF(stage.x, stage.y, w, h)


def _clip(hw: float, hh: float, x: float, y: float, tx: float, ty: float) -> tuple[float, float]:
    """Where the ray from (x, y), inside a box of half-size (hw, hh) around it, towards
    (tx, ty) leaves the box. Plain floats: a big diagram routes tens of thousands of these."""
    dx, dy = tx - x, ty - y
    if dx == 0 and dy == 0:
        return x, y
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return x + dx * t, y + dy * t


@dataclass(slots=True)   # one per edge: 10,000s in a big diagram
class EdgeGeometry:
    path: QPainterPath
    tip: QPointF
    angle: float          # direction of travel at the tip, radians (screen coordinates)
    label_at: QPointF


# A box as plain floats (x, y, width, height): routing reads each stage's box once, not through
# eight QRectF calls per edge.
Box = tuple[float, float, float, float]


def edge_geometry(src: QRectF, dst: QRectF, kind: str, lane: float = 0.0,
                  self_loop: bool = False, side: float = 1.0) -> EdgeGeometry:
    """The route of an edge between two boxes.

    Flow edges are straight, shifted ``lane`` units to the right of their direction of travel.
    Feedback edges curve to one side (``side`` +1 right of travel, -1 left), more for higher
    lanes; when curved edges run both ways between two stages both take the right of travel,
    so they bend to opposite sides and never overlap (``edge_routes`` sees to that).
    """
    return _geometry(src.getRect(), dst.getRect(), kind, lane, self_loop, side)


def _geometry(src: Box, dst: Box, kind: str, lane: float, self_loop: bool, side: float) -> EdgeGeometry:
    """edge_geometry on plain floats (the one place the routes are worked out)."""
    path = QPainterPath()
    if self_loop:
        size = 34.0 + 16.0 * lane
        r, t = src[0] + src[2], src[1]
        start = QPointF(r - 30.0 - size * 0.2, t)
        end = QPointF(r, t + 22.0)
        path.moveTo(start)
        path.cubicTo(QPointF(start.x(), t - size * 1.4), QPointF(r + size * 1.4, end.y()), end)
        angle = math.atan2(end.y() - end.y(), end.x() - (r + size * 1.4))
        return EdgeGeometry(path, end, angle, path.pointAtPercent(0.5) + QPointF(6, -6))

    sx0, sy0, sw, sh = src
    dx0, dy0, dw, dh = dst
    x1, y1 = sx0 + sw / 2, sy0 + sh / 2
    x2, y2 = dx0 + dw / 2, dy0 + dh / 2
    shw, shh = sw / 2 + 2.0, sh / 2 + 2.0
    dhw, dhh = dw / 2 + 2.0, dh / 2 + 2.0
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length   # right of travel in screen coordinates (y down)

    if kind == "feedback":
        bulge = (max(40.0, min(130.0, length * 0.18)) + 28.0 * lane) * side
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        # the control point of a quadratic is twice as far out as the curve's apex
        cx, cy = mx + nx * bulge * 2, my + ny * bulge * 2
        sx, sy = _clip(shw, shh, x1, y1, cx, cy)
        ex, ey = _clip(dhw, dhh, x2, y2, cx, cy)
        path.moveTo(sx, sy)
        path.quadTo(cx, cy, ex, ey)
        return EdgeGeometry(path, QPointF(ex, ey), math.atan2(ey - cy, ex - cx),
                            QPointF(mx + nx * bulge, my + ny * bulge))

    off = 10.0 * lane
    ax, ay = x1 + nx * off, y1 + ny * off
    bx, by = x2 + nx * off, y2 + ny * off
    sx, sy = _clip(shw, shh, ax, ay, bx, by)
    ex, ey = _clip(dhw, dhh, bx, by, ax, ay)
    path.moveTo(sx, sy)
    path.lineTo(ex, ey)
    return EdgeGeometry(path, QPointF(ex, ey), math.atan2(ey - sy, ex - sx),
                        QPointF((sx + ex) / 2 + nx * 10, (sy + ey) / 2 + ny * 10))


@dataclass(frozen=True, slots=True)
class Route:
    lane: float
    fixed_side: bool      # curved edges run both ways between the pair: keep right of travel


NO_ROUTE = Route(0.0, False)


def edge_routes(edges: list[Edge]) -> dict[str, Route]:
    """A lane per edge so that parallel and opposite edges between two stages stay apart.

    Straight (flow) edges: the first of a direction sits on the centre line unless the reverse
    direction is also drawn straight, then both move one lane to their right. Curved
    (feedback) edges: one more lane per earlier edge of the same direction. Self-loops: one
    more size step per earlier self-loop on the stage.
    """
    routes: dict[str, Route] = {}
    seen: dict[tuple[str, str, bool], int] = {}
    straight: set[tuple[str, str]] = set()
    curved: set[tuple[str, str]] = set()
    for e in edges:
        if e.source != e.target:
            (curved if e.kind == "feedback" else straight).add((e.source, e.target))
    for e in edges:
        is_curved = e.kind == "feedback" or e.source == e.target
        key = (e.source, e.target, is_curved)
        k = seen.get(key, 0)
        seen[key] = k + 1
        if is_curved:
            routes[e.id] = Route(float(k), (e.target, e.source) in curved)
        else:
            routes[e.id] = Route(float(k + (1 if (e.target, e.source) in straight else 0)), False)
    return routes


class RectIndex:
    """Stage boxes in a coarse grid, so a route can ask "is there a box here?" cheaply."""

    CELL = 240.0

    def __init__(self) -> None:
        # key -> (x1, y1, x2, y2) as set, and the same with a little clearance for hits()
        self._corners: dict[str, tuple[float, float, float, float]] = {}
        self._boxes: dict[str, tuple[float, float, float, float]] = {}
        self._cells: dict[tuple[int, int], set[str]] = {}

    def _keys(self, x1: float, y1: float, x2: float, y2: float) -> list[tuple[int, int]]:
        c = self.CELL
        js = range(math.floor(y1 / c), math.floor(y2 / c) + 1)
        return [(i, j) for i in range(math.floor(x1 / c), math.floor(x2 / c) + 1) for j in js]

    def set(self, key: str, rect: QRectF | None) -> None:
        old = self._corners.pop(key, None)
        if old is not None:
            for cell in self._keys(*old):
                bucket = self._cells.get(cell)
                if bucket:
                    bucket.discard(key)
        if rect is not None:
            x, y, w, h = rect.getRect()
            self._add(key, x, y, w, h)
        else:
            self._boxes.pop(key, None)

    def _add(self, key: str, x: float, y: float, w: float, h: float) -> None:
        x2, y2 = x + w, y + h
        self._corners[key] = (x, y, x2, y2)
        # plain floats, with a little clearance: hits() runs thousands of times per build
        self._boxes[key] = (x - 6, y - 6, x2 + 6, y2 + 6)
        cells = self._cells
        for cell in self._keys(x, y, x2, y2):
            bucket = cells.get(cell)
            if bucket is None:
                cells[cell] = {key}
            else:
                bucket.add(key)

    @classmethod
    def of(cls, boxes: dict[str, Box]) -> "RectIndex":
        """An index of these boxes (a new diagram's stages, all at once)."""
        index = cls()
        for key, (x, y, w, h) in boxes.items():
            index._add(key, x, y, w, h)
        return index

    def hits(self, x: float, y: float, exclude: tuple[str, ...] = ()) -> bool:
        cell = (math.floor(x / self.CELL), math.floor(y / self.CELL))
        boxes = self._boxes
        for key in self._cells.get(cell, ()):
            if key not in exclude:
                x1, y1, x2, y2 = boxes[key]
                if x1 <= x <= x2 and y1 <= y <= y2:
                    return True
        return False


# where a feedback curve is sampled for boxes it passes over (the ends sit on the two stages
# themselves), as the quadratic's weights of its start, control point and end
_SAMPLES = tuple(((1 - t) * (1 - t), 2 * (1 - t) * t, t * t) for t in (0.2, 0.35, 0.5, 0.65, 0.8))


def _feedback_crossings(src: Box, dst: Box, lane: float, side: float, index: RectIndex,
                        exclude: tuple[str, str]) -> int:
    """Boxes the curve of a feedback edge passes over, sampled at five points of the quadratic
    (computed here in plain arithmetic: building the path only to sample it is the slow part)."""
    x1, y1 = src[0] + src[2] / 2, src[1] + src[3] / 2
    x2, y2 = dst[0] + dst[2] / 2, dst[1] + dst[3] / 2
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    bulge = (max(40.0, min(130.0, length * 0.18)) + 28.0 * lane) * side
    cx, cy = (x1 + x2) / 2 + nx * bulge * 2, (y1 + y2) / 2 + ny * bulge * 2
    cell, cells, boxes, floor = index.CELL, index._cells, index._boxes, math.floor
    skip_a, skip_b = exclude
    n = 0
    for a, b, c in _SAMPLES:
        px, py = a * x1 + b * cx + c * x2, a * y1 + b * cy + c * y2
        for key in cells.get((floor(px / cell), floor(py / cell)), ()):
            if key != skip_a and key != skip_b:
                bx1, by1, bx2, by2 = boxes[key]
                if bx1 <= px <= bx2 and by1 <= py <= by2:
                    n += 1
                    break
    return n


def _route(edge: Edge, src: Box, dst: Box, route: Route, index: RectIndex | None) -> EdgeGeometry:
    self_loop = edge.source == edge.target
    if edge.kind != "feedback" or self_loop or route.fixed_side or index is None:
        return _geometry(src, dst, edge.kind, route.lane, self_loop,
                         1.0 if route.fixed_side or index is None else -1.0)
    exclude = (edge.source, edge.target)
    n_left = _feedback_crossings(src, dst, route.lane, -1.0, index, exclude)
    side = -1.0
    if n_left and _feedback_crossings(src, dst, route.lane, 1.0, index, exclude) < n_left:
        side = 1.0
    return _geometry(src, dst, edge.kind, route.lane, False, side)


def route_edge(edge: Edge, src: QRectF, dst: QRectF, route: Route,
               index: RectIndex | None = None) -> EdgeGeometry:
    """The drawn route of ``edge``: a feedback edge free to choose bends to the side that
    crosses fewer boxes (left of travel on a tie, which sends a backward loop under the row)."""
    return _route(edge, src.getRect(), dst.getRect(), route, index)


def route_edges(edges, boxes: dict[str, Box], routes: dict[str, Route],
                index: RectIndex) -> dict[str, EdgeGeometry]:
    """route_edge for many edges at once (a diagram's build), with the stages' boxes as plain
    floats; edges whose ends are not both in ``boxes`` are left out."""
    out: dict[str, EdgeGeometry] = {}
    for e in edges:
        src, dst = boxes.get(e.source), boxes.get(e.target)
        if src is not None and dst is not None:
            out[e.id] = _route(e, src, dst, routes.get(e.id, NO_ROUTE), index)
    return out


# --- drawing ---------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _pen(color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """Pens are cached: a big diagram paints thousands of edges with a handful of pens."""
    pen = QPen(QColor(color), width, style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


@lru_cache(maxsize=256)
def _hairline(color: str) -> QPen:
    pen = QPen(QColor(color), 0)   # cosmetic, one device pixel: far out, lines are just a map
    return pen


@lru_cache(maxsize=256)
def _color(color: str) -> QColor:
    return QColor(color)


@lru_cache(maxsize=16)
def _dashed(color: str, width: float) -> QPen:
    pen = QPen(_pen(color, width, Qt.PenStyle.DashLine))
    pen.setDashPattern([5.0, 3.0])
    return pen


def paint_kind_icon(p: QPainter, rect: QRectF, kind: str, color: str) -> None:
    """A small line icon per kind, drawn in ``rect`` (square), so kinds never rely on colour."""
    s = rect.width()
    x0, y0 = rect.left(), rect.top()

    def pt(fx: float, fy: float) -> QPointF:
        return QPointF(x0 + fx * s, y0 + fy * s)

    p.save()
    p.setPen(_pen(color, max(1.2, s / 11)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if kind == "business":      # a target: objectives
        c = pt(0.5, 0.5)
        p.drawEllipse(c, s * 0.40, s * 0.40)
        p.drawEllipse(c, s * 0.20, s * 0.20)
        p.setBrush(QColor(color))
        p.drawEllipse(c, s * 0.05, s * 0.05)
    elif kind == "data":        # a cylinder: a data store
        p.drawEllipse(QRectF(pt(0.18, 0.12), pt(0.82, 0.34)))
        p.drawLine(pt(0.18, 0.23), pt(0.18, 0.77))
        p.drawLine(pt(0.82, 0.23), pt(0.82, 0.77))
        path = QPainterPath(pt(0.18, 0.77))
        path.arcTo(QRectF(pt(0.18, 0.66), pt(0.82, 0.88)), 180, 180)
        p.drawPath(path)
        path = QPainterPath(pt(0.18, 0.50))
        path.arcTo(QRectF(pt(0.18, 0.39), pt(0.82, 0.61)), 180, 180)
        p.drawPath(path)
    elif kind == "develop":     # a flask: experiments
        path = QPainterPath(pt(0.38, 0.12))
        path.lineTo(pt(0.38, 0.40))
        path.lineTo(pt(0.16, 0.84))
        path.lineTo(pt(0.84, 0.84))
        path.lineTo(pt(0.62, 0.40))
        path.lineTo(pt(0.62, 0.12))
        p.drawPath(path)
        p.drawLine(pt(0.30, 0.12), pt(0.70, 0.12))
        p.drawLine(pt(0.27, 0.62), pt(0.73, 0.62))
    elif kind == "validate":    # a check mark in a circle
        p.drawEllipse(pt(0.5, 0.5), s * 0.40, s * 0.40)
        path = QPainterPath(pt(0.30, 0.52))
        path.lineTo(pt(0.45, 0.66))
        path.lineTo(pt(0.70, 0.36))
        p.drawPath(path)
    elif kind == "gate":        # a shield: approval
        path = QPainterPath(pt(0.5, 0.10))
        path.lineTo(pt(0.84, 0.22))
        path.cubicTo(pt(0.84, 0.58), pt(0.70, 0.78), pt(0.5, 0.90))
        path.cubicTo(pt(0.30, 0.78), pt(0.16, 0.58), pt(0.16, 0.22))
        path.closeSubpath()
        p.drawPath(path)
        p.drawLine(pt(0.5, 0.32), pt(0.5, 0.60))
        p.drawPoint(pt(0.5, 0.72))
    elif kind == "deploy":      # an arrow leaving a tray: release
        p.drawLine(pt(0.5, 0.12), pt(0.5, 0.62))
        path = QPainterPath(pt(0.30, 0.32))
        path.lineTo(pt(0.5, 0.12))
        path.lineTo(pt(0.70, 0.32))
        p.drawPath(path)
        path = QPainterPath(pt(0.16, 0.60))
        path.lineTo(pt(0.16, 0.86))
        path.lineTo(pt(0.84, 0.86))
        path.lineTo(pt(0.84, 0.60))
        p.drawPath(path)
    elif kind == "monitor":     # a pulse line: production signals
        path = QPainterPath(pt(0.08, 0.55))
        for fx, fy in ((0.30, 0.55), (0.40, 0.25), (0.55, 0.82), (0.66, 0.45), (0.72, 0.55),
                       (0.92, 0.55)):
            path.lineTo(pt(fx, fy))
        p.drawPath(path)
    elif kind == "learn":       # a light bulb: insight
        p.drawEllipse(pt(0.5, 0.40), s * 0.27, s * 0.27)
        p.drawLine(pt(0.38, 0.74), pt(0.62, 0.74))
        p.drawLine(pt(0.41, 0.88), pt(0.59, 0.88))
    else:                       # three dots: anything else
        p.setBrush(QColor(color))
        for fx in (0.22, 0.5, 0.78):
            p.drawEllipse(pt(fx, 0.5), s * 0.07, s * 0.07)
    p.restore()


def paint_severity_marker(p: QPainter, center: QPointF, severity: str, th: Theme,
                          radius: float = 9.0) -> None:
    """The worst finding on a stage: a red disc, an amber triangle or a blue disc, each with a
    glyph, so the severity reads without colour too."""
    color = QColor(th.severity[severity])
    p.save()
    p.setPen(QPen(QColor(th.background), 2.0))
    p.setBrush(color)
    if severity == "warning":
        r = radius * 1.2
        tri = QPolygonF([QPointF(center.x(), center.y() - r), QPointF(center.x() + r, center.y() + r * 0.8),
                         QPointF(center.x() - r, center.y() + r * 0.8)])
        p.drawPolygon(tri)
        glyph, dy = "!", radius * 0.15
    else:
        p.drawEllipse(center, radius, radius)
        glyph, dy = ("!" if severity == "error" else "i"), 0.0
    p.setPen(QColor("#1F1F1F" if severity == "warning" else "#FFFFFF"))
    p.setFont(_font(int(radius * 1.35), bold=True))
    p.drawText(QRectF(center.x() - radius, center.y() - radius + dy, radius * 2, radius * 2),
               Qt.AlignmentFlag.AlignCenter, glyph)
    p.restore()


@dataclass(slots=True)   # one per stage item
class StageLook:
    """What the painter needs to draw one stage, beyond its box."""

    name: str
    kind: str
    owner_name: str | None = None
    automation: str = "manual"
    marker: str | None = None      # worst unsuppressed finding's severity, or None


def paint_stage(p: QPainter, rect: QRectF, look: StageLook, th: Theme, *, selected: bool = False,
                hovered: bool = False, lod: float = 1.0) -> None:
    kind = look.kind if look.kind in th.kind_fill else "other"
    if lod < LOD_ICON:
        # far out: a plain coloured block, no text, no antialiased curves
        p.setPen(_hairline(th.selection if selected else th.kind_border[kind]))
        p.setBrush(_color(th.kind_border[kind] if selected else th.kind_fill[kind]))
        p.drawRect(rect)
        if look.marker and lod >= 0.08:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_color(th.severity[look.marker]))
            p.drawRect(QRectF(rect.right() - 24, rect.top(), 24, 24))
        return
    fill = _color(th.kind_fill[kind])
    border = _color(th.kind_border[kind])
    p.save()
    if selected:
        p.setPen(QPen(QColor(th.selection), 3.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), STAGE_RADIUS + 3, STAGE_RADIUS + 3)
    p.setPen(QPen(border, 2.2 if hovered else 1.6))
    p.setBrush(fill)
    p.drawRoundedRect(rect, STAGE_RADIUS, STAGE_RADIUS)

    accent = th.kind_accent[kind]
    if lod >= LOD_TEXT:
        paint_kind_icon(p, QRectF(rect.left() + PAD - 1, rect.top() + 7, 17, 17), kind, accent)
        # the kind (and automation when not manual) in small capitals beside the icon
        p.setPen(QColor(accent))
        p.setFont(caption_font())
        caption = KIND_LABEL.get(kind, kind).upper()
        if look.automation and look.automation != "manual":
            caption += " · " + AUTOMATION_SHORT.get(look.automation, look.automation.upper())
        p.drawText(QRectF(rect.left() + PAD + 22, rect.top() + 8, rect.width() - PAD - 50, 16),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, caption)
        p.setPen(QColor(th.text))
        p.setFont(name_font())
        y = rect.top() + NAME_TOP
        for line in name_lines(look.name):
            p.drawText(QRectF(rect.left() + PAD, y, rect.width() - 2 * PAD, NAME_LINE),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += NAME_LINE
        missing = not look.owner_name
        p.setFont(owner_font(missing))
        p.setPen(QColor(th.subtle_text))
        # the owner on one line (the box grows for the stage's name only); the full name is
        # in the inspector and the reports' tables
        owner_rect = QRectF(rect.left() + PAD, rect.bottom() - 24, rect.width() - 2 * PAD, 16)
        owner = one_line(look.owner_name or "No owner", None)
        owner = QFontMetricsF(owner_font(missing)).elidedText(owner, Qt.TextElideMode.ElideRight,
                                                             owner_rect.width())
        p.drawText(owner_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, owner)
    else:
        # mid distance: the icon, larger, and the kind letter; names would be unreadable
        p.setPen(QColor(accent))
        p.setFont(_font(40, bold=True))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, KIND_LETTER.get(kind, "?"))
    if look.marker:
        paint_severity_marker(p, QPointF(rect.right() - 2, rect.top() + 2), look.marker, th,
                              9.0 if lod >= LOD_TEXT else 14.0)
    p.restore()


def edge_caption(edge: Edge) -> str:
    """The text beside an edge: its label; for a feedback edge also what triggers it and how
    long it takes, since those decide how fast the loop closes."""
    if not edge.label and edge.kind != "feedback":
        return ""   # most edges: nothing to say (a big diagram asks for 10,000s of these)
    return _caption(edge.label, edge.kind, edge.trigger, edge.latency_days)


@lru_cache(maxsize=4096)   # feedback edges share a few ("drift · 14 d"): worked out once each
def _caption(label: str | None, kind: str, trigger: str, latency_days: float | None) -> str:
    parts = []
    if label:
        parts.append(label)
    if kind == "feedback":
        if trigger != "manual":
            parts.append(trigger)
        if latency_days is not None:
            parts.append(f"{latency_days:g} d")
    return one_line(" · ".join(parts), None)


def paint_edge(p: QPainter, geom: EdgeGeometry, kind: str, th: Theme, *, caption: str = "",
               selected: bool = False, lod: float = 1.0) -> None:
    feedback = kind == "feedback"
    name = th.selection if selected else (th.feedback_edge if feedback else th.flow_edge)
    if lod < LOD_ARROW:
        # far out: a hairline route, no dashes, head or caption
        p.setPen(_hairline(name))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(geom.path)
        return
    color = _color(name)
    width = (2.0 if feedback else 1.5) + (1.0 if selected else 0.0)
    pen = _dashed(name, width) if feedback else _pen(name, width)
    p.save()
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(geom.path)
    if lod >= LOD_ARROW:
        a = geom.angle
        tip = geom.tip
        size = ARROW_SIZE + (1.5 if feedback else 0.0)
        left = QPointF(tip.x() - size * math.cos(a - 0.42), tip.y() - size * math.sin(a - 0.42))
        right = QPointF(tip.x() - size * math.cos(a + 0.42), tip.y() - size * math.sin(a + 0.42))
        p.setPen(QPen(color, 1.0))
        p.setBrush(color)
        p.drawPolygon(QPolygonF([tip, left, right]))
    if caption and lod >= LOD_TEXT:
        p.setFont(label_font())
        fm = QFontMetricsF(label_font())
        w = fm.horizontalAdvance(caption) + 8
        box = QRectF(geom.label_at.x() - w / 2, geom.label_at.y() - 9, w, 18)
        p.setPen(Qt.PenStyle.NoPen)
        bg = QColor(th.background)
        bg.setAlpha(225)
        p.setBrush(bg)
        p.drawRoundedRect(box, 4, 4)
        p.setPen(color)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)
    p.restore()


def edge_shape(geom: EdgeGeometry, width: float = 10.0) -> QPainterPath:
    """A fat outline of the route, for hit testing (clicking near a thin line selects it)."""
    from PySide6.QtGui import QPainterPathStroker

    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(geom.path)


# --- whole diagrams (exports) ----------------------------------------------------------------

def worst_markers(findings) -> dict[str, str]:
    """stage id -> severity of its worst unsuppressed finding."""
    out: dict[str, str] = {}
    for f in findings:
        if getattr(f, "suppressed", False):
            continue
        for sid in f.stages:
            cur = out.get(sid)
            if cur is None or SEVERITY_RANK[f.severity] < SEVERITY_RANK[cur]:
                out[sid] = f.severity
    return out


def diagram_geometry(lc: Lifecycle) -> tuple[dict[str, QRectF], dict[str, EdgeGeometry]]:
    """Every stage box and edge route of a lifecycle, as the canvas draws them."""
    rects = {s.id: stage_rect(s) for s in lc.stages}
    boxes = {sid: rect.getRect() for sid, rect in rects.items()}
    return rects, route_edges(lc.edges, boxes, edge_routes(lc.edges), RectIndex.of(boxes))


@dataclass
class Drawing:
    """A lifecycle's routed geometry and its bounds, computed once per export: routing 10,000
    edges is the slow part of a big picture, and the bounds need the routes too."""

    bounds: QRectF
    rects: dict[str, QRectF]
    geoms: dict[str, EdgeGeometry]
    # how far up and down each stage and edge reaches (scene units), for drawing in bands
    stage_extents: dict[str, tuple[float, float]]
    edge_extents: dict[str, tuple[float, float]]


CULL_MARGIN = 30.0   # beyond a box or route: a marker, an arrowhead, a caption


def lifecycle_drawing(lc: Lifecycle, margin: float = 40.0) -> Drawing:
    rects, geoms = diagram_geometry(lc)
    rect = QRectF()
    stage_extents: dict[str, tuple[float, float]] = {}
    edge_extents: dict[str, tuple[float, float]] = {}
    for sid, r in rects.items():
        rect = rect.united(r)
        stage_extents[sid] = (r.top() - CULL_MARGIN, r.bottom() + CULL_MARGIN)
    for eid, g in geoms.items():
        box = g.path.boundingRect()
        rect = rect.united(box.adjusted(-40, -12, 40, 12))
        edge_extents[eid] = (box.top() - CULL_MARGIN, box.bottom() + CULL_MARGIN)
    if rect.isNull():
        rect = QRectF(0, 0, STAGE_WIDTH, STAGE_HEIGHT)
    return Drawing(rect.adjusted(-margin, -margin, margin, margin), rects, geoms, stage_extents,
                   edge_extents)


def lifecycle_bounds(lc: Lifecycle, margin: float = 40.0) -> QRectF:
    return lifecycle_drawing(lc, margin).bounds


def render_lifecycle(p: QPainter, lc: Lifecycle, th: Theme, target: QRectF | None = None,
                     markers: dict[str, str] | None = None, background: bool = True,
                     drawing: Drawing | None = None, only_visible: bool = False) -> QRectF:
    """Draw the whole lifecycle with ``p``. With ``target``, the diagram is scaled (keeping
    its aspect) and centred into it. Returns the scene rectangle drawn. ``drawing`` is the
    geometry when the caller has it already; ``only_visible`` skips the items outside the
    painter's clip (a big PNG is painted band by band, each band clipped)."""
    drawing = drawing or lifecycle_drawing(lc)
    source, rects, geoms = drawing.bounds, drawing.rects, drawing.geoms
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if target is not None:
        if background:
            p.fillRect(target, QColor(th.background))
        scale = min(target.width() / source.width(), target.height() / source.height())
        p.translate(target.center())
        p.scale(scale, scale)
        p.translate(-source.center())
    elif background:
        p.fillRect(source, QColor(th.background))
    lod = p.worldTransform().m11() if target is not None else 1.0
    top, bottom = -math.inf, math.inf
    if only_visible:
        seen = (p.clipBoundingRect() if p.hasClipping()   # in scene units, as drawn
                else p.worldTransform().inverted()[0].mapRect(QRectF(p.device().rect())))
        # two device pixels more: antialiasing reaches a pixel past a line
        top, bottom = seen.top() - 2 / lod, seen.bottom() + 2 / lod
    stage_extents, edge_extents = drawing.stage_extents, drawing.edge_extents
    owners = {o.id: o.name for o in lc.owners}
    for e in lc.edges:
        geom = geoms.get(e.id)
        if geom is None:
            continue
        y1, y2 = edge_extents[e.id]
        if y2 < top or y1 > bottom:
            continue
        if only_visible:
            # a throwaway copy of the route: Qt keeps a converted copy with every path it has
            # drawn (about 3 KB), 30 MB more for 10,000 edges that the bands need only once
            geom = EdgeGeometry(geom.path.translated(0, 0), geom.tip, geom.angle, geom.label_at)
        caption = edge_caption(e) if lod >= LOD_TEXT else ""   # not drawn any smaller
        paint_edge(p, geom, e.kind, th, caption=caption, lod=lod)
    markers = markers or {}
    for s in lc.stages:
        y1, y2 = stage_extents[s.id]
        if y2 < top or y1 > bottom:
            continue
        look = StageLook(s.name, s.kind, owners.get(s.owner) if s.owner else None, s.automation,
                         markers.get(s.id))
        paint_stage(p, rects[s.id], look, th, lod=lod)
    p.restore()
    return source
