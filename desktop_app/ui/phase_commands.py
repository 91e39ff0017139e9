"""Undo commands for phase items, planned windows and retrospectives.

Built on ``commands.StoreCommand``: each calls the store's operations with stored ids and
before/after values, a first write that is refused drops the command, and every Change goes
through the window's ``broadcast`` so the canvas, the checks and the docks follow.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from desktop_app.model.document import Item
from desktop_app.store import Removed
from desktop_app.ui.commands import Editor, StoreCommand


class UpdateItemCommand(StoreCommand):
    """Change fields of one item. Marking it done lets the store set ``done_on`` to today; the
    day it set is kept, so a redo after an undo gives the same date."""

    def __init__(self, editor: Editor, lifecycle_id: int, item_id: str, before: dict[str, Any],
                 after: dict[str, Any], text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.item_id = item_id
        self.before = dict(before)
        self.after = dict(after)
        if "status" in self.after:
            # the undo puts back the date the item had (null unless it was done)
            self.before.setdefault("done_on", None)

    def _redo(self):
        ch = self.ws.update_item(self.lifecycle_id, self.item_id, **self.after)
        item = ch.items.get(self.item_id)
        if "status" in self.after and item is not None:
            self.after["done_on"] = item.done_on
        return [ch]

    def _undo(self):
        return [self.ws.update_item(self.lifecycle_id, self.item_id, **self.before)]


class AddItemCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, phase_number: int, item: Item,
                 index: int | None = None) -> None:
        super().__init__(editor, lifecycle_id, f"Add item {item.title!r} to phase {phase_number}")
        self.phase_number = phase_number
        self.item = copy.copy(item)
        self.index = index

    def _redo(self):
        return [self.ws.add_item(self.lifecycle_id, self.phase_number, self.item, self.index)]

    def _undo(self):
        return [self.ws.delete_items(self.lifecycle_id, [self.item.id])]


class RemoveItemsCommand(StoreCommand):
    """Remove items; the undo puts them back where they were (``restore``)."""

    def __init__(self, editor: Editor, lifecycle_id: int, item_ids: list[str], text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.item_ids = list(item_ids)
        self.removed: Removed | None = None

    def _redo(self):
        ch = self.ws.delete_items(self.lifecycle_id, self.item_ids)
        self.removed = ch.removed
        return [ch]

    def _undo(self):
        return [self.ws.restore(self.lifecycle_id, self.removed)] if self.removed else []


class MoveItemCommand(StoreCommand):
    """Reorder an item in its phase, or move it to another: (phase, index) before and after."""

    def __init__(self, editor: Editor, lifecycle_id: int, item_id: str, before: tuple[int, int],
                 after: tuple[int, int], text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.item_id = item_id
        self.before = before
        self.after = after

    def _redo(self):
        return [self.ws.move_item(self.lifecycle_id, self.item_id, *self.after)]

    def _undo(self):
        return [self.ws.move_item(self.lifecycle_id, self.item_id, *self.before)]


class SetPhaseWindowCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, number: int,
                 before: tuple[date | None, date | None], after: tuple[date | None, date | None]) -> None:
        super().__init__(editor, lifecycle_id, f"Plan phase {number}")
        self.number = number
        self.before = before
        self.after = after

    def _apply(self, window):
        start, end = window
        return [self.ws.set_phase(self.lifecycle_id, self.number, planned_start=start, planned_end=end)]

    def _redo(self):
        return self._apply(self.after)

    def _undo(self):
        return self._apply(self.before)


class PromoteActionItemCommand(StoreCommand):
    """An action item becomes a phase item in one click; the undo removes that phase item and
    the action item's mark, so the action can be promoted again."""

    def __init__(self, editor: Editor, lifecycle_id: int, action_item_id: int, title: str,
                 phase_number: int) -> None:
        super().__init__(editor, lifecycle_id, f"Make {title!r} a phase {phase_number} item")
        self.action_item_id = action_item_id
        self.phase_number = phase_number

    def _redo(self):
        return [self.ws.promote_action_item(self.action_item_id, self.phase_number)]

    def _undo(self):
        return [self.ws.unpromote_action_item(self.action_item_id)]
