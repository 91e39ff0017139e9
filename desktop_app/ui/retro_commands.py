"""Undo commands for a retrospective's notes and action items: saved as typed, undone like
every other edit (DESIGN.md principle 2). Each calls the store's operations with stored ids and
before/after values; a first write that is refused drops the command."""

from __future__ import annotations

from desktop_app.model.text import quoted
from desktop_app.ui.commands import Editor, StoreCommand


class SaveNotesCommand(StoreCommand):
    """The notes of the retrospective of one pair of snapshots (``until_id`` None: now), from
    ``before`` to ``after``. The first save of a pair starts its retrospective; the id it gets
    is kept, so an undo and a redo write the same row."""

    def __init__(self, editor: Editor, lifecycle_id: int, since_id: int | None, until_id: int | None,
                 retrospective_id: int | None, before: str, after: str) -> None:
        super().__init__(editor, lifecycle_id, "Edit retrospective notes")
        self.since_id, self.until_id = since_id, until_id
        self.retrospective_id = retrospective_id
        self.before, self.after = before, after

    def _save(self, notes: str):
        change = self.ws.save_retrospective(self.lifecycle_id, self.since_id, self.until_id, notes,
                                            retrospective_id=self.retrospective_id)
        self.retrospective_id = change.retrospective_id
        return [change]

    def _redo(self):
        return self._save(self.after)

    def _undo(self):
        return self._save(self.before)


class AddActionItemCommand(StoreCommand):
    """Add an action item; the undo deletes it, a redo puts it back under the same id."""

    def __init__(self, editor: Editor, lifecycle_id: int, retrospective_id: int, title: str) -> None:
        super().__init__(editor, lifecycle_id, f"Add action item {quoted(title.strip())}")
        self.retrospective_id = retrospective_id
        self.title = title
        self.action_item_id: int | None = None
        self.seq: float | None = None

    def _redo(self):
        change = self.ws.add_action_item(self.retrospective_id, self.title,
                                         action_item_id=self.action_item_id, seq=self.seq)
        self.action_item_id = change.action_item_id
        return [change]

    def _undo(self):
        _info, self.seq = self.ws.action_item(self.action_item_id)
        return [self.ws.delete_action_item(self.action_item_id)]


class SetActionItemDoneCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, action_item_id: int, title: str,
                 done: bool) -> None:
        super().__init__(editor, lifecycle_id,
                         f"{'Tick' if done else 'Untick'} action item {quoted(title)}")
        self.action_item_id = action_item_id
        self.done = done

    def _redo(self):
        return [self.ws.update_action_item(self.action_item_id, done=self.done)]

    def _undo(self):
        return [self.ws.update_action_item(self.action_item_id, done=not self.done)]


class DeleteActionItemCommand(StoreCommand):
    """Delete an action item; the undo puts it back, in its place, under the same id."""

    def __init__(self, editor: Editor, lifecycle_id: int, retrospective_id: int, action_item_id: int,
                 title: str) -> None:
        super().__init__(editor, lifecycle_id, f"Delete action item {quoted(title)}")
        self.retrospective_id = retrospective_id
        self.action_item_id = action_item_id
        self.kept = None   # (ActionItemInfo, seq) as it was

    def _redo(self):
        self.kept = self.ws.action_item(self.action_item_id)
        return [self.ws.delete_action_item(self.action_item_id)]

    def _undo(self):
        info, seq = self.kept
        return [self.ws.add_action_item(self.retrospective_id, info.title, action_item_id=info.id,
                                        done=info.done, promoted_item=info.promoted_item, seq=seq)]
