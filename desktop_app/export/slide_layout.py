"""Where everything goes on a slide, in points, before python-pptx writes a single shape.

A slide is not the canvas scaled down: scaled, an eight-stage diagram has 9 pt names that no one
reads from the back of a room. So the diagram is laid out again for the slide, keeping the
canvas's arrangement (stages in the same columns and rows, in the same order) but sizing every box
from its measured text at a size chosen to be read when projected:

- text is measured with DejaVu Sans (shipped with matplotlib, so always at hand), which is wider
  than the Arial the slide asks for: measured text fits in PowerPoint (Arial) and LibreOffice
  (which substitutes Liberation Sans or DejaVu Sans) alike;
- boxes grow to fit: a name is never cut, long names wrap and the box gets taller;
- names are at least 12 pt on a slide of up to 25 stages; a diagram that does not fit at a
  readable size is split into parts, each on its own slide at 12 pt, after an overview slide;
- edges are straight between the connection sites (top, left, bottom, right) chosen so the line
  crosses no other stage; when no pair of sites does, the edge runs through the gaps between the
  rows and columns instead (which hold no stage by construction); an edge never takes the sites
  another edge between the same two stages already uses, so opposite edges never coincide.

Pure geometry and font metrics: no python-pptx, no Qt (the tests measure with the same
functions the layout used).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop_app.model.text import BREAKS, CONTROL, clean_lines, one_line, wrap_lines
from desktop_app.export.palette import KIND_LABEL, STAGE_HEIGHT, STAGE_WIDTH
from desktop_app.model.document import Edge, Lifecycle

SLIDE_W, SLIDE_H = 960.0, 540.0       # 13.333 in x 7.5 in: 16:9
EMU_PER_PT = 12700
FONT_FACE = "Arial"                  # what the slide asks for; DejaVu Sans is what we measure
LINE = 1.2                           # line height as a multiple of the font size
INSET_X, INSET_Y = 7.2, 3.6          # PowerPoint's default text frame insets (0.1 in, 0.05 in)
MARGIN = 24.0
READABLE_PT = 12.0                   # names on a slide of up to 25 stages
SMALLEST_PT = 10.0                   # bigger diagrams on one slide; below it, parts
PART_PT = 12.0
RADIUS = 10.0                        # corner radius of a stage box
# a rounded rectangle's text area is inset from its bounds by 0.29289 of the corner radius on
# each side (the preset geometry's text rectangle), on top of the text frame's insets
SHAPE_TEXT_INSET = 0.29289 * RADIUS


# ---- text ----------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _face(bold: bool):
    from PIL import ImageFont
    import matplotlib

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    # the basic layout: no shaping library that may be missing or refuse odd text
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), 100,
                              layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def _char(ch: str, bold: bool) -> float:
    return _face(bold).getlength(ch) / 100.0


@lru_cache(maxsize=65536)
def _advance(text: str, bold: bool) -> float:
    """The sum of the characters' advances, without kerning: a little wider than a renderer
    that kerns draws it (so measured text fits), and quick for a 10,000-character name, where
    measuring whole strings over and over took seconds."""
    return sum(_char(ch, bold) for ch in CONTROL.sub("", BREAKS.sub(" ", text)))


def text_width(text: str, pt: float, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``pt`` points, in points."""
    return _advance(text, bold) * pt


def wrap(text: str, width: float, pt: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points at ``pt`` (model/text.wrap_lines)."""
    return wrap_lines(text, lambda line: text_width(line, pt, bold), width)


def block_height(lines: int, pt: float) -> float:
    return lines * pt * LINE


def title_fit(text: str, width: float, sizes=(28.0, 24.0, 20.0, 16.0), max_lines: int = 2
              ) -> tuple[float, list[str]]:
    """The biggest title size at which ``text`` takes at most ``max_lines`` lines of ``width``;
    at the smallest size a title longer still is shortened with an ellipsis (a title is a
    heading, not a stage's name: the name itself is on the stages and in the tables)."""
    for pt in sizes:
        lines = wrap(one_line(text, None), width, pt, True)
        if len(lines) <= max_lines:
            return pt, lines
    pt = sizes[-1]
    lines = wrap(one_line(text, None), width, pt, True)[:max_lines]
    last = lines[-1]
    while last and text_width(last + "\u2026", pt, True) > width:
        last = last[:-1]
    lines[-1] = last + "\u2026"
    return pt, lines


# ---- stage boxes -----------------------------------------------------------------------------

@dataclass
class StageText:
    """The three paragraphs of a stage box, with their sizes and wrapped lines."""

    caption: list[str]
    caption_pt: float
    name: list[str]
    name_pt: float
    owner: list[str]
    owner_pt: float

    def paragraphs(self) -> list[tuple[list[str], float, bool]]:
        return [(self.caption, self.caption_pt, True), (self.name, self.name_pt, True),
                (self.owner, self.owner_pt, False)]

    def height(self) -> float:
        return sum(block_height(len(lines), pt) for lines, pt, _ in self.paragraphs())


def width_slack() -> float:
    """How much wider a stage box is than its text: the frame's insets, the rounded corners'
    text inset, and a little room for rendering differences."""
    return 2 * INSET_X + 2 * SHAPE_TEXT_INSET + 4.0


def text_room(box_width: float) -> float:
    """The width text may take in a stage box ``box_width`` wide (as the renderer sees it, less
    the margin for rendering differences)."""
    return box_width - width_slack()


def caption_of(kind: str, automation: str) -> str:
    caption = KIND_LABEL.get(kind, kind).upper()
    if automation and automation != "manual":
        caption += " \u00b7 " + automation.upper()
    return caption


def stage_box(name: str, caption: str, owner: str, pt: float, widest: float = 16.0
              ) -> tuple[float, float, StageText]:
    """Width, height and text of a stage box with its name at ``pt``: as wide as the name on one
    line (up to ``widest`` times the size), wrapping beyond, as tall as its lines."""
    small = max(9.0, round(pt * 0.78))
    min_w, max_w = 7.0 * pt, max(7.0, widest) * pt
    slack = width_slack()
    lines = clean_lines(name)
    longest = max(text_width(line, pt, True) for line in lines) + slack + 0.5
    # never so narrow that a word must be cut, unless the word alone is wider than any box
    words = [(w, pt, True) for line in lines for w in line.split(" ")]
    words += [(w, small, True) for line in clean_lines(caption) for w in line.split(" ")]
    words += [(w, small, False) for line in clean_lines(owner) for w in line.split(" ")]
    longest_word = max(text_width(w, size, bold) for w, size, bold in words) + slack + 0.5
    width = max(min_w, min(max_w, longest), min(longest_word, 2 * max_w))
    room = width - slack
    text = StageText(wrap(caption, room, small, True), small, wrap(name, room, pt, True), pt,
                     wrap(owner, room, small), small)
    height = max(4.6 * pt, text.height() + 2 * INSET_Y + 2 * SHAPE_TEXT_INSET + 6.0)
    return width, height, text


# ---- the grid --------------------------------------------------------------------------------

@dataclass
class Box:
    id: str
    col: int
    row: int
    w: float
    h: float
    text: StageText
    x: float = 0.0
    y: float = 0.0
    # a name too long for any slide (thousands of characters): the box is as tall as the slide
    # allows and the text shrinks by this factor (PowerPoint's autofit font scale) to fit
    shrink: float = 1.0

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def site(self, k: int) -> tuple[float, float]:
        """Connection sites of a rectangle, as PowerPoint numbers them: 0 top, 1 left, 2 bottom,
        3 right."""
        return ((self.cx, self.y), (self.x, self.cy), (self.cx, self.y + self.h),
                (self.x + self.w, self.cy))[k]


NORMALS = ((0.0, -1.0), (-1.0, 0.0), (0.0, 1.0), (1.0, 0.0))


def grid_cells(lc: Lifecycle) -> dict[str, tuple[int, int]]:
    """Each stage's (column, row): canvas positions clustered into columns and rows, so the slide
    keeps the canvas's arrangement; two stages in one cell get rows of their own."""

    def clusters(values: list[float], gap: float) -> dict[float, int]:
        index, out, last = -1, {}, None
        for v in sorted(set(values)):
            if last is None or v - last > gap:
                index += 1
                last = v
            out[v] = index
        return out

    cols = clusters([s.x for s in lc.stages], STAGE_WIDTH * 0.5)
    rows = clusters([s.y for s in lc.stages], STAGE_HEIGHT * 0.5)
    taken: dict[tuple[int, int], int] = {}
    cells: dict[str, tuple[int, int, int]] = {}
    for s in sorted(lc.stages, key=lambda s: (s.y, s.x)):
        c, r = cols[s.x], rows[s.y]
        k = taken.get((c, r), 0)
        taken[(c, r)] = k + 1
        cells[s.id] = (c, r, k)
    # sub-rows: a row with two stages in one cell becomes as many rows as it needs
    depth: dict[int, int] = {}
    for c, r, k in cells.values():
        depth[r] = max(depth.get(r, 0), k + 1)
    start, acc = {}, 0
    for r in sorted(depth):
        start[r] = acc
        acc += depth[r]
    return {sid: (c, start[r] + k) for sid, (c, r, k) in cells.items()}


@dataclass
class Grid:
    pt: float
    boxes: dict[str, Box]
    col_w: dict[int, float]
    row_h: dict[int, float]
    col_gap: float
    row_gap: float

    def size(self, cols: list[int], rows: list[int]) -> tuple[float, float]:
        """Width and height of the given columns and rows, with half a gap around them (the
        outer corridors that routed edges may use)."""
        return (sum(self.col_w[c] for c in cols) + self.col_gap * len(cols),
                sum(self.row_h[r] for r in rows) + self.row_gap * len(rows))


def build_grid(lc: Lifecycle, pt: float, owner_names: dict[str, str],
               cells: dict[str, tuple[int, int]], widest: float = 16.0,
               tallest: float = math.inf) -> Grid:
    boxes: dict[str, Box] = {}
    col_w: dict[int, float] = {}
    row_h: dict[int, float] = {}
    for s in lc.stages:
        owner = owner_names.get(s.owner, "No owner") if s.owner else "No owner"
        w, h, text = stage_box(s.name, caption_of(s.kind, s.automation), owner, pt, widest)
        c, r = cells[s.id]
        shrink = 1.0
        if h > tallest:
            # the square root: the text shrinks in both directions, so its area by the square
            shrink = max(0.25, math.sqrt((tallest - 2 * INSET_Y - 2 * SHAPE_TEXT_INSET - 6.0)
                                         / (h - 2 * INSET_Y - 2 * SHAPE_TEXT_INSET - 6.0)) * 0.95)
            h = tallest
        boxes[s.id] = Box(s.id, c, r, w, h, text, shrink=shrink)
        col_w[c] = max(col_w.get(c, 0.0), w)
        row_h[r] = max(row_h.get(r, 0.0), h)
    return Grid(pt, boxes, col_w, row_h, col_gap=3.0 * pt, row_gap=2.6 * pt)


# ---- routes ----------------------------------------------------------------------------------

def segment_hits_box(p: tuple[float, float], q: tuple[float, float],
                     box: tuple[float, float, float, float], pad: float = 1.0) -> bool:
    """Whether the segment p-q passes through the rectangle (x, y, w, h) grown by ``pad``
    (Liang-Barsky clipping)."""
    x0, y0 = box[0] - pad, box[1] - pad
    x1, y1 = box[0] + box[2] + pad, box[1] + box[3] + pad
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for d, lo, hi, v in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-9:
            if v < lo or v > hi:
                return False
            continue
        a, b = (lo - v) / d, (hi - v) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-6


@dataclass
class Route:
    edge: Edge
    points: list[tuple[float, float]]          # first and last are glue points on the stages
    begin_site: int
    end_site: int
    routed: bool = False                         # through the gaps, in several straight pieces
    label: str = ""
    label_box: tuple[float, float, float, float] | None = None


@dataclass
class Placed:
    """One slide's diagram: boxes at their places and edges' routes, in slide points."""

    grid: Grid
    boxes: dict[str, Box]
    routes: list[Route] = field(default_factory=list)
    outside: list[Edge] = field(default_factory=list)   # edges to stages on other parts


def place(grid: Grid, cols: list[int], rows: list[int], area: tuple[float, float, float, float],
          edges: list[Edge], caption_of_edge, label_pt: float) -> Placed:
    """Put the boxes of ``cols`` x ``rows`` in ``area`` (centred), then route the edges."""
    ax, ay, aw, ah = area
    width, height = grid.size(cols, rows)
    left = ax + max(0.0, (aw - width) / 2) + grid.col_gap / 2
    top = ay + max(0.0, (ah - height) / 2) + grid.row_gap / 2
    col_x, x = {}, left
    for c in cols:
        col_x[c] = x
        x += grid.col_w[c] + grid.col_gap
    row_y, y = {}, top
    for r in rows:
        row_y[r] = y
        y += grid.row_h[r] + grid.row_gap
    boxes: dict[str, Box] = {}
    for b in grid.boxes.values():
        if b.col in col_x and b.row in row_y:
            nb = Box(b.id, b.col, b.row, b.w, b.h, b.text, shrink=b.shrink)
            nb.x = col_x[b.col] + (grid.col_w[b.col] - b.w) / 2
            nb.y = row_y[b.row] + (grid.row_h[b.row] - b.h) / 2
            boxes[b.id] = nb
    placed = Placed(grid, boxes)
    _route_all(placed, edges, col_x, row_y, caption_of_edge, label_pt)
    return placed


def _route_all(placed: Placed, edges: list[Edge], col_x: dict[int, float], row_y: dict[int, float],
               caption_of_edge, label_pt: float) -> None:
    grid, boxes = placed.grid, placed.boxes
    rects = {sid: (b.x, b.y, b.w, b.h) for sid, b in boxes.items()}
    used: dict[frozenset, set[frozenset]] = {}     # stage pair -> point pairs already drawn
    busy: dict[tuple[str, int], int] = {}           # (stage, site) -> lines using it
    lanes = 0
    for e in edges:
        if e.source not in boxes and e.target not in boxes:
            continue
        if e.source not in boxes or e.target not in boxes:
            placed.outside.append(e)
            continue
        a, b = boxes[e.source], boxes[e.target]
        pair = frozenset((e.source, e.target))
        taken = used.setdefault(pair, set())
        route = None if e.source == e.target else _direct(a, b, rects, taken, busy)
        if route is None:
            route = _through_gaps(a, b, grid, col_x, row_y, lanes)
            lanes += 1
        begin, end, points = route
        taken.add(frozenset((points[0], points[-1])))
        busy[(a.id, begin)] = busy.get((a.id, begin), 0) + 1
        busy[(b.id, end)] = busy.get((b.id, end), 0) + 1
        r = Route(e, points, begin, end, routed=len(points) > 2, label=caption_of_edge(e))
        placed.routes.append(r)
    taken_labels: list[tuple[float, float, float, float]] = []
    for r in placed.routes:
        if r.label:
            r.label_box = _label_box(r, rects, label_pt, taken_labels)
            taken_labels.append(r.label_box)


def _direct(a: Box, b: Box, rects, taken: set[frozenset], busy: dict[tuple[str, int], int]):
    """The shortest straight line between a site of ``a`` and a site of ``b`` that leaves both
    boxes outwards, crosses no other stage, and is not drawn already; None when there is none."""
    best = None
    for i in range(4):
        p = a.site(i)
        for j in range(4):
            q = b.site(j)
            dx, dy = q[0] - p[0], q[1] - p[1]
            length = math.hypot(dx, dy)
            if length < 1.0:
                continue
            ux, uy = dx / length, dy / length
            out_a = ux * NORMALS[i][0] + uy * NORMALS[i][1]
            into_b = -(ux * NORMALS[j][0] + uy * NORMALS[j][1])
            if out_a <= 0.05 or into_b <= 0.05:
                continue                      # the line would run through its own stage
            if frozenset((p, q)) in taken:
                continue                      # the opposite (or a parallel) edge is there
            if any(segment_hits_box(p, q, rect) for sid, rect in rects.items()
                   if sid not in (a.id, b.id)):
                continue
            # short and head-on lines first: a glancing line reads badly
            cost = length * (2.0 - min(out_a, into_b))
            # a site already in use makes lines leave a stage on top of each other
            cost *= 1.0 + 0.6 * (busy.get((a.id, i), 0) + busy.get((b.id, j), 0))
            if best is None or cost < best[0]:
                best = (cost, i, j, [p, q])
    return None if best is None else best[1:]


def _through_gaps(a: Box, b: Box, grid: Grid, col_x, row_y, lane: int):
    """A route in straight pieces through the gaps between rows and columns, which hold no
    stage: out of ``a``'s top or bottom into the gap beside its row, along that gap, along a
    column gap to ``b``'s row, and into ``b`` from above or below. Each such route takes a lane
    of its own in the gaps, so two of them do not lie on one line."""
    off = ((lane % 5) - 2) * min(3.0, grid.row_gap / 8, grid.col_gap / 8)

    def above(r):
        return row_y[r] - grid.row_gap / 2 + off

    def below(r):
        return row_y[r] + grid.row_h[r] + grid.row_gap / 2 + off

    def left_of(c):
        return col_x[c] - grid.col_gap / 2 + off

    def right_of(c):
        return col_x[c] + grid.col_w[c] + grid.col_gap / 2 + off

    best = None
    for i, ya in ((0, above(a.row)), (2, below(a.row))):
        for j, yb in ((0, above(b.row)), (2, below(b.row))):
            p, q = a.site(i), b.site(j)
            ax, bx = p[0] + off, q[0] + off
            if abs(ya - yb) < 1e-6:
                points = [p, (ax, ya), (bx, yb), q]
            else:
                if a.col == b.col and a.id == b.id:
                    xv = right_of(b.col)
                else:
                    xv = left_of(b.col) if a.col <= b.col else right_of(b.col)
                points = [p, (ax, ya), (xv, ya), (xv, yb), (bx, yb), q]
            if a.id == b.id:
                # a self-loop: out of the top, round the right-hand gap, back in at the bottom
                if (i, j) != (0, 2):
                    continue
                xv = right_of(a.col)
                points = [p, (ax, ya), (xv, ya), (xv, yb), (bx, yb), q]
            # drop points that repeat, and bends that do not bend
            clean = [points[0]]
            for pt in points[1:]:
                if math.dist(pt, clean[-1]) > 0.5:
                    clean.append(pt)
            length = sum(math.dist(u, v) for u, v in zip(clean, clean[1:]))
            if best is None or length < best[0]:
                best = (length, i, j, clean)
    return best[1:]


def _label_box(route: Route, rects, pt: float, labels) -> tuple[float, float, float, float]:
    """A text box for an edge's caption, on its longest piece, where it covers no stage and no
    other caption if such a place exists along the piece."""
    w = text_width(route.label, pt) + 2 * INSET_X + 4.0
    h = block_height(1, pt) + 2 * INSET_Y
    if route.edge.kind == "feedback" and not route.routed:
        # a curved connector: where the curve passes, not where a straight line would. Between
        # sites facing the same way round (left-right, top-bottom) that is the middle of the two
        # ends; between a side and a top or bottom the curve bends round the corner the two
        # directions make (as LibreOffice draws it), passing a quarter of the way into it
        p, q = route.points[0], route.points[-1]
        if (route.begin_site % 2) == (route.end_site % 2):
            cx, cy = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
        else:
            corner = (q[0], p[1]) if route.begin_site % 2 else (p[0], q[1])
            cx = 0.25 * p[0] + 0.5 * corner[0] + 0.25 * q[0]
            cy = 0.25 * p[1] + 0.5 * corner[1] + 0.25 * q[1]
        return (cx - w / 2, cy - h / 2, w, h)
    pieces = sorted(zip(route.points, route.points[1:]), key=lambda s: -math.dist(*s))
    along = (0.5, 0.35, 0.65, 0.2, 0.8)
    first = None
    for p, q in pieces:
        for t in along:
            cx, cy = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
            box = (cx - w / 2, cy - h / 2, w, h)
            first = first or box
            if not any(_overlap(box, r) for r in rects.values()) and \
                    not any(_overlap(box, r) for r in labels):
                return box
    return first


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


# ---- one slide or several ----------------------------------------------------------------------

@dataclass
class Part:
    number: int
    cols: list[int]
    rows: list[int]
    stage_ids: list[str]


@dataclass
class Plan:
    pt: float
    grid: Grid
    parts: list[Part]            # one part: the whole diagram on one slide


def _chunks(keys: list[int], sizes: dict[int, float], gap: float, room: float) -> list[list[int]]:
    """``keys`` (columns or rows) in consecutive runs that each fit ``room``: as few runs as
    fit, of about equal size (not five full ones and a sixth with a single column)."""
    def greedy(limit: float) -> list[list[int]]:
        out: list[list[int]] = [[]]
        used = 0.0
        for k in keys:
            need = sizes[k] + gap
            if out[-1] and used + need > limit:
                out.append([])
                used = 0.0
            out[-1].append(k)
            used += need
        return out

    best = greedy(room)
    # shrink the limit while the number of runs stays the same: the runs even out
    total = sum(sizes[k] + gap for k in keys)
    low = total / len(best)
    for _ in range(20):
        mid = (low + room) / 2
        if len(greedy(mid)) == len(best):
            room = mid
        else:
            low = mid
    return greedy(room)


def plan(lc: Lifecycle, area: tuple[float, float], owner_names: dict[str, str]) -> Plan:
    """The size of the names and how the diagram is spread over slides: the biggest size from
    18 pt down that fits one slide (not below 12 pt up to 25 stages, 10 pt beyond); else parts at
    12 pt, as many as the columns and rows need."""
    cells = grid_cells(lc)
    tallest = area[1] * 0.85   # no box taller than a slide holds, whatever its name
    floor = READABLE_PT if len(lc.stages) <= 25 else SMALLEST_PT
    sizes = [18.0, 16.0, 14.0, 13.0, 12.0, 11.0, 10.0]
    cols = sorted({c for c, _ in cells.values()})
    rows = sorted({r for _, r in cells.values()})
    # a bigger size with names on two lines reads better than a smaller one on one line
    def cannot_fit(pt: float, n_cols: int, n_rows: int) -> bool:
        # the narrowest and lowest a box can be: skip sizes that cannot fit before measuring
        # every name (thousands of stages, a dozen sizes)
        return (n_cols * (7.0 * pt + 3.0 * pt) > area[0]
                or n_rows * (4.6 * pt + 2.6 * pt) > area[1])

    for pt in (s for s in sizes if s >= floor):
        if cannot_fit(pt, len(cols), len(rows)):
            continue
        for widest in (16.0, 12.0, 9.5, 8.0):
            grid = build_grid(lc, pt, owner_names, cells, widest, tallest)
            w, h = grid.size(cols, rows)
            if w <= area[0] and h <= area[1]:
                return Plan(pt, grid, [Part(1, cols, rows, [s.id for s in lc.stages])])
    grid = build_grid(lc, PART_PT, owner_names, cells, 9.5, tallest)
    parts: list[Part] = []
    for row_chunk in _chunks(rows, grid.row_h, grid.row_gap, area[1]):
        for col_chunk in _chunks(cols, grid.col_w, grid.col_gap, area[0]):
            members = [sid for sid, b in grid.boxes.items()
                       if b.col in col_chunk and b.row in row_chunk]
            if members:
                parts.append(Part(len(parts) + 1, col_chunk, row_chunk, members))
    # the parts were cut at 12 pt; their slides may well hold bigger names
    for pt in (s for s in sizes if s > PART_PT):
        if any(cannot_fit(pt, len(p.cols), len(p.rows)) for p in parts):
            continue
        for widest in (12.0, 9.5):
            bigger = build_grid(lc, pt, owner_names, cells, widest, tallest)
            if all(w <= area[0] and h <= area[1]
                   for w, h in (bigger.size(p.cols, p.rows) for p in parts)):
                return Plan(pt, bigger, parts)
    return Plan(PART_PT, grid, parts)
