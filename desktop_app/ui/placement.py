"""Where a new stage goes: the nearest free grid spot to where the user asked (the view's centre,
the click, the drop), so a new stage never lands on top of another; the free id and name a new
or pasted stage or owner takes; and the small popup that asks which kind a double-click on empty
canvas should make (no invisible "last picked" kind).
"""

from __future__ import annotations

import math
import re
from typing import Callable, Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.export.palette import KIND_LABEL
from desktop_app.model.document import MAX_ID, MAX_NAME, STAGE_KINDS
from desktop_app.model.palette import GRID, STAGE_HEIGHT, STAGE_WIDTH
from desktop_app.ui.icons import kind_icon

Rect = tuple[float, float, float, float]   # x, y, width, height
_BUCKET = 400.0    # the side of a cell of the spatial index, in scene units
_MAX_RINGS = 400   # search this many grid steps out before giving up (then: as asked)
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def free_id(base: str, taken: set[str]) -> str:
    """``base`` as an id (what FORMAT.md allows: letters, digits, "_", "." and "-"), itself when
    free, else with the first free "-2", "-3", … (cut to fit the id limit)."""
    base = _ID_CHARS.sub("-", base).strip("-")[:MAX_ID] or "x"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = base[:MAX_ID - len(suffix)] + suffix, n + 1
    return candidate


def copy_suffix(n: int) -> str:
    return " copy" if n == 1 else f" copy {n}"


def free_name(name: str, taken: set[str], suffix: Callable[[int], str] = copy_suffix) -> str:
    """``name`` itself when no name in ``taken`` (stripped and casefolded) is the same, else
    with the first free ``suffix(1)``, ``suffix(2)``, … ("name copy", "name copy 2"), cut to fit
    the name limit: two stages of one name would be a finding (LC108)."""
    candidate, n = name, 1
    while candidate.strip().casefold() in taken:
        tail = suffix(n)
        candidate, n = name[:MAX_NAME - len(tail)] + tail, n + 1
    return candidate


class _Index:
    """The boxes already on the canvas, bucketed, so one look at a spot costs a few boxes even
    with thousands of stages."""

    def __init__(self, rects: Iterable[Rect]) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = {}
        for r in rects:
            for cell in self._cells(r):
                self.cells.setdefault(cell, []).append(r)

    @staticmethod
    def _cells(r: Rect) -> Iterable[tuple[int, int]]:
        x, y, w, h = r
        for i in range(math.floor(x / _BUCKET), math.floor((x + w) / _BUCKET) + 1):
            for j in range(math.floor(y / _BUCKET), math.floor((y + h) / _BUCKET) + 1):
                yield i, j

    def hits(self, r: Rect) -> bool:
        x, y, w, h = r
        for cell in self._cells(r):
            for ox, oy, ow, oh in self.cells.get(cell, ()):
                if x < ox + ow and ox < x + w and y < oy + oh and oy < y + h:
                    return True
        return False


def free_spot(occupied: Iterable[Rect], x: float, y: float, width: float = STAGE_WIDTH,
              height: float = STAGE_HEIGHT, gap: float = GRID) -> tuple[float, float]:
    """The grid point nearest to (``x``, ``y``) (a box's top-left corner) where a box of this
    size, with ``gap`` around it, touches no box of ``occupied``."""
    index = _Index(occupied)
    gx, gy = round(x / GRID) * GRID, round(y / GRID) * GRID

    def free(px: float, py: float) -> bool:
        return not index.hits((px - gap, py - gap, width + 2 * gap, height + 2 * gap))

    if free(gx, gy):
        return gx, gy
    best: tuple[float, float] | None = None
    best_d = math.inf
    for ring in range(1, _MAX_RINGS):
        if ring * GRID > best_d:   # every spot further out is further than the best found
            break
        for i in range(-ring, ring + 1):
            for j in (-ring, ring) if abs(i) != ring else range(-ring, ring + 1):
                px, py = gx + i * GRID, gy + j * GRID
                d = math.hypot(px - x, py - y)
                if d < best_d and free(px, py):
                    best, best_d = (px, py), d
    return best if best is not None else (gx, gy)


def ask_kind(parent: QWidget, global_pos: QPoint, default: str,
             chosen: Callable[[str], None]) -> QMenu:
    """A small popup at the pointer listing the kinds, ``default`` highlighted; ``chosen`` gets
    the kind picked (Escape or a click elsewhere makes nothing). Returned so tests can read it."""
    menu = QMenu(parent)
    menu.setObjectName("newStageKindMenu")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    title = menu.addAction("New stage of kind:")
    title.setEnabled(False)
    active = None
    for kind in STAGE_KINDS:
        act = menu.addAction(kind_icon(kind), KIND_LABEL[kind])
        act.setData(kind)
        act.triggered.connect(lambda _c=False, k=kind: chosen(k))
        if kind == default:
            active = act
    menu.popup(global_pos, active)
    if active is not None:
        menu.setActiveAction(active)
    return menu
