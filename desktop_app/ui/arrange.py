"""Arrange ▸ Align and Distribute for the selected stages, each one undoable step.

Align moves every selected box so one of its edges (or its centre line) meets the selection's
bounding box: left, centre, right, top, middle, bottom. Distribute keeps the two outermost
boxes and spaces the centres of those between them evenly. The positions are computed from
the document (box sizes from the shared painter), and a MoveStagesCommand writes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_app.export.painter import stage_size
from desktop_app.model.document import Stage
from desktop_app.ui.commands import MoveStagesCommand
from desktop_app.ui.selection import on_selection_changed, selected_stages
from desktop_app.ui.wording import plural

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

# name, menu text, keys, the edge or line the boxes meet
ALIGNMENTS = (
    ("left", "Align &Left", "Alt+Shift+L", "left edges"),
    ("centre", "Align &Centre", "Alt+Shift+C", "vertical centre line"),
    ("right", "Align &Right", "Alt+Shift+R", "right edges"),
    ("top", "Align &Top", "Alt+Shift+T", "top edges"),
    ("middle", "Align &Middle", "Alt+Shift+M", "horizontal centre line"),
    ("bottom", "Align &Bottom", "Alt+Shift+B", "bottom edges"),
)
DISTRIBUTIONS = (
    ("horizontal", "Distribute &Horizontally", "Alt+Shift+H"),
    ("vertical", "Distribute &Vertically", "Alt+Shift+V"),
)


def aligned(stages: list[Stage], how: str) -> dict[str, tuple[float, float]]:
    """New (x, y) of each stage when the boxes are aligned ``how``."""
    boxes = {s.id: (s.x, s.y, *stage_size(s.name)) for s in stages}
    left = min(x for x, _y, _w, _h in boxes.values())
    right = max(x + w for x, _y, w, _h in boxes.values())
    top = min(y for _x, y, _w, _h in boxes.values())
    bottom = max(y + h for _x, y, _w, h in boxes.values())
    out = {}
    for sid, (x, y, w, h) in boxes.items():
        if how == "left":
            x = left
        elif how == "centre":
            x = (left + right) / 2 - w / 2
        elif how == "right":
            x = right - w
        elif how == "top":
            y = top
        elif how == "middle":
            y = (top + bottom) / 2 - h / 2
        elif how == "bottom":
            y = bottom - h
        else:
            raise ValueError(f"unknown alignment {how!r}")
        out[sid] = (round(x), round(y))   # whole scene units, as a drag leaves them
    return out


def distributed(stages: list[Stage], axis: str) -> dict[str, tuple[float, float]]:
    """New (x, y) of each stage with the centres evenly spaced along ``axis``; the first and
    the last (by centre) stay where they are. Fewer than three stages stay put."""
    horizontal = axis == "horizontal"
    if axis not in ("horizontal", "vertical"):
        raise ValueError(f"unknown axis {axis!r}")

    def centre(s: Stage) -> float:
        w, h = stage_size(s.name)
        return s.x + w / 2 if horizontal else s.y + h / 2

    order = sorted(stages, key=lambda s: (centre(s), s.id))
    out = {s.id: (s.x, s.y) for s in stages}
    if len(order) < 3:
        return out
    first, last = centre(order[0]), centre(order[-1])
    step = (last - first) / (len(order) - 1)
    for n, s in enumerate(order[1:-1], start=1):
        w, h = stage_size(s.name)
        c = first + n * step
        out[s.id] = (round(c - w / 2), s.y) if horizontal else (s.x, round(c - h / 2))
    return out


class ArrangeActions(QObject):
    """The Arrange menu's align and distribute actions, for the current tab's selection."""

    def __init__(self, window: MainWindow, menu) -> None:
        super().__init__(window)
        self.window = window
        self.align_actions = {}
        for how, text, keys, line in ALIGNMENTS:
            self.align_actions[how] = window._action(
                menu, text, lambda _c=False, h=how: self.align(h), keys,
                f"Move the selected stages so their {line} meet")
        menu.addSeparator()
        self.distribute_actions = {}
        for axis, text, keys in DISTRIBUTIONS:
            self.distribute_actions[axis] = window._action(
                menu, text, lambda _c=False, a=axis: self.distribute(a), keys,
                f"Space the selected stages evenly, {axis}ly (three or more)")
        on_selection_changed(window, self.update_enabled)

    def update_enabled(self) -> None:
        scene = self.window.current_scene()
        n = len(scene.selected_stage_ids()) if scene is not None else 0
        for act in self.align_actions.values():
            act.setEnabled(n >= 2)
        for act in self.distribute_actions.values():
            act.setEnabled(n >= 3)

    def _move(self, stages: list[Stage], after: dict[str, tuple[float, float]], text: str) -> bool:
        before = {s.id: (s.x, s.y) for s in stages}
        changed = {k: v for k, v in after.items() if before[k] != v}
        if not changed:
            self.window.statusBar().showMessage(f"{text}: the stages are already so", 4000)
            return False
        lid = self.window.current_lifecycle_id()
        return self.window.push(MoveStagesCommand(self.window, lid, {k: before[k] for k in changed}, changed, text))

    def align(self, how: str) -> bool:
        stages = selected_stages(self.window)
        if len(stages) < 2:
            return False
        return self._move(stages, aligned(stages, how), f"Align {plural(len(stages), 'stage')} {how}")

    def distribute(self, axis: str) -> bool:
        stages = selected_stages(self.window)
        if len(stages) < 3:
            return False
        return self._move(stages, distributed(stages, axis), f"Distribute {plural(len(stages), 'stage')} {axis}ly")


def install(window: MainWindow) -> ArrangeActions:
    """An Arrange menu, next in the menu bar, holding align, distribute and auto-layout."""
    menu = window.menuBar().addMenu("&Arrange")
    menu.setObjectName("arrangeMenu")
    actions = ArrangeActions(window, menu)
    layout = getattr(window, "act_layout", None)
    if layout is not None:
        menu.addSeparator()
        menu.addAction(layout)
    window.arrange_menu = menu
    return actions
