"""Undo commands: each calls the store's operations with stored ids and before/after values.

A command changes only the workspace; the window hears about it through the Change each
operation returns (``Editor.broadcast``) and the views follow. A command whose first write is
refused is made obsolete, so QUndoStack drops it and the stack never runs ahead of the file;
the refusal is kept in ``error`` for the window to show.

Several writers (store/revisions.py): a command remembers the revision its last redo or undo
produced, and the next undo or redo is checked against it, so it is refused (ConflictError)
rather than overwrite what someone else changed since. ``undo_refusal``/``redo_refusal`` ask
that before the stack moves.
"""

from __future__ import annotations

import copy
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtGui import QUndoCommand

from desktop_app.model.document import Edge, Lifecycle, Owner, Stage, Suppression
from desktop_app.model.text import quoted
from desktop_app.store import Change, ConflictError, Removed, WorkspaceError

if TYPE_CHECKING:
    from desktop_app.store import Workspace


class Editor(Protocol):
    """What a command needs from the window: the workspace and a way to announce changes."""

    workspace: Workspace

    def broadcast(self, change: Change) -> None: ...


class StoreCommand(QUndoCommand):
    """Base: subclasses implement ``_redo`` and ``_undo`` returning the Changes they caused."""

    def __init__(self, editor: Editor, lifecycle_id: int | None, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.lifecycle_id = lifecycle_id
        self.error: WorkspaceError | None = None
        self._done_once = False
        # the lifecycle revision the last redo or undo produced: what the next is checked against
        self.revision: int | None = None

    @property
    def ws(self) -> Workspace:
        return self.editor.workspace

    def _emit(self, changes: list[Change]) -> None:
        for ch in changes:
            self.editor.broadcast(ch)

    def _against(self):
        """Run the store's operations checked against this command's revision (none before its
        first redo: that is an ordinary edit, checked against what the window has seen)."""
        based_on = getattr(self.ws, "based_on", None)
        if based_on is None or self.lifecycle_id is None or self.revision is None:
            return nullcontext()
        return based_on(self.lifecycle_id, self.revision)

    def _note(self, changes: list[Change]) -> None:
        revisions = [c.revision for c in changes
                     if c is not None and c.revision is not None and c.lifecycle_id == self.lifecycle_id]
        if revisions:
            self.revision = max(revisions)

    # a refused undo (or redo) leaves the stack where it was: Qt has moved its index by then, so
    # ui/undo_refusal.py moves it back with a redo (undo) that this flag makes write nothing
    _pass_next = False

    def redo(self) -> None:
        if self._pass_next:
            self._pass_next = False
            return
        try:
            with self._against():
                changes = self._redo()
        except WorkspaceError as exc:
            self.error = exc
            if not self._done_once:
                # the first write failed: nothing changed, drop the command
                self.setObsolete(True)
                return
            self._refused(exc, undoing=False)   # someone else changed it since
            return
        self._done_once = True
        self._note(changes)
        self._emit(changes)

    def undo(self) -> None:
        if self._pass_next:
            self._pass_next = False
            return
        try:
            with self._against():
                changes = self._undo()
        except WorkspaceError as exc:
            self._refused(exc, undoing=True)
            return
        self._note(changes)
        self._emit(changes)

    def _refused(self, exc: WorkspaceError, undoing: bool) -> None:
        tell = getattr(self.editor, "step_refused", None)
        if tell is None:
            raise exc
        self._pass_next = True
        tell(self, exc, undoing)

    def _refusal(self, step: Callable[[], object]) -> ConflictError | None:
        trial = getattr(self.ws, "trial", None)
        if trial is None:
            return None
        try:
            with trial(), self._against():
                step()
        except ConflictError as exc:
            return exc
        except Exception:  # noqa: BLE001 - a trial's other troubles show when it is done for real
            return None
        return None

    def undo_refusal(self) -> ConflictError | None:
        """The refusal undoing this command would meet now (someone else changed what it
        would change back), found by a trial the store rolls back; None when it would land."""
        return self._refusal(self._undo)

    def redo_refusal(self) -> ConflictError | None:
        return self._refusal(self._redo)

    def _redo(self) -> list[Change]:
        raise NotImplementedError

    def _undo(self) -> list[Change]:
        raise NotImplementedError


class AddStagesCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, stages: list[Stage], edges: list[Edge] = (),
                 text: str | None = None) -> None:
        name = quoted(stages[0].name) if len(stages) == 1 else f"{len(stages)} stages"
        super().__init__(editor, lifecycle_id, text or f"Add {name}")
        self.stages = [copy.copy(s) for s in stages]
        self.edges = [copy.copy(e) for e in edges]

    def _redo(self):
        ch = self.ws.add_stages(self.lifecycle_id, self.stages, self.edges)
        # keep the ids the store gave the edges, so a redo after an undo gives the same ones
        self.edges = [e for e in ch.edges.values() if e is not None] or self.edges
        return [ch]

    def _undo(self):
        return [self.ws.delete_stages(self.lifecycle_id, [s.id for s in self.stages])]


class DeleteCommand(StoreCommand):
    """Delete stages (with their edges) and/or edges: one step, undone by ``restore``."""

    def __init__(self, editor: Editor, lifecycle_id: int, stage_ids: list[str], edge_ids: list[str],
                 text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.stage_ids = list(stage_ids)
        self.edge_ids = list(edge_ids)
        self.removed: list[Removed] = []

    def _redo(self):
        changes = []
        self.removed = []
        gone: set[str] = set()
        if self.stage_ids:
            ch = self.ws.delete_stages(self.lifecycle_id, self.stage_ids)
            changes.append(ch)
            self.removed.append(ch.removed)
            gone = {eid for eid, e in ch.edges.items() if e is None}
        rest = [e for e in self.edge_ids if e not in gone]
        if rest:
            ch = self.ws.disconnect(self.lifecycle_id, rest)
            changes.append(ch)
            self.removed.append(ch.removed)
        return changes

    def _undo(self):
        return [self.ws.restore(self.lifecycle_id, r) for r in reversed(self.removed) if r is not None]


class MoveStagesCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, before: dict[str, tuple[float, float]],
                 after: dict[str, tuple[float, float]], text: str | None = None) -> None:
        n = len(after)
        super().__init__(editor, lifecycle_id, text or ("Move stage" if n == 1 else f"Move {n} stages"))
        self.before = dict(before)
        self.after = dict(after)

    def _redo(self):
        return [self.ws.move_stages(self.lifecycle_id, self.after)]

    def _undo(self):
        return [self.ws.move_stages(self.lifecycle_id, self.before)]


class UpdateStageCommand(StoreCommand):
    """Change fields of one stage; an id change is followed (the undo uses the new id)."""

    def __init__(self, editor: Editor, lifecycle_id: int, stage_id: str, before: dict[str, Any],
                 after: dict[str, Any], text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.stage_id = stage_id
        self.before = dict(before)
        self.after = dict(after)

    def _redo(self):
        return [self.ws.update_stage(self.lifecycle_id, self.stage_id, **self.after)]

    def _undo(self):
        current = self.after.get("id", self.stage_id)
        return [self.ws.update_stage(self.lifecycle_id, current, **self.before)]


class ConnectCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, edge: Edge, text: str | None = None) -> None:
        # the window passes a text naming the stages; the ids are only a last resort
        super().__init__(editor, lifecycle_id, text or (
            f"Connect {edge.source} → {edge.target}" + (" (feedback)" if edge.kind == "feedback" else "")))
        self.edge = copy.copy(edge)

    def _redo(self):
        ch = self.ws.connect(self.lifecycle_id, self.edge)
        new = [e for e in ch.edges.values() if e is not None]
        if new:
            self.edge = copy.copy(new[0])   # the id the store gave it, reused on redo
        return [ch]

    def _undo(self):
        return [self.ws.disconnect(self.lifecycle_id, [self.edge.id])]


class UpdateEdgeCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, edge_id: str, before: dict[str, Any],
                 after: dict[str, Any], text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.edge_id = edge_id
        self.before = dict(before)
        self.after = dict(after)

    def _redo(self):
        return [self.ws.update_edge(self.lifecycle_id, self.edge_id, **self.after)]

    def _undo(self):
        current = self.after.get("id", self.edge_id)
        return [self.ws.update_edge(self.lifecycle_id, current, **self.before)]


class UpdateLifecycleCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, before: dict[str, Any], after: dict[str, Any],
                 text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.before = dict(before)
        self.after = dict(after)

    def _redo(self):
        return [self.ws.update_lifecycle(self.lifecycle_id, **self.after)]

    def _undo(self):
        return [self.ws.update_lifecycle(self.lifecycle_id, **self.before)]


class SetRuleCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, code: str, before: dict | None,
                 after: dict | None) -> None:
        super().__init__(editor, lifecycle_id, f"Change settings of {code}")
        self.code = code
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)

    def _redo(self):
        return [self.ws.set_rule(self.lifecycle_id, self.code, copy.deepcopy(self.after))]

    def _undo(self):
        return [self.ws.set_rule(self.lifecycle_id, self.code, copy.deepcopy(self.before))]


class AddOwnerCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, owner: Owner) -> None:
        super().__init__(editor, lifecycle_id, f"Add owner {quoted(owner.name)}")
        self.owner = copy.copy(owner)

    def _redo(self):
        return [self.ws.add_owner(self.lifecycle_id, self.owner)]

    def _undo(self):
        return [self.ws.delete_owner(self.lifecycle_id, self.owner.id)]


class UpdateOwnerCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, owner_id: str, before: dict, after: dict,
                 text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.owner_id = owner_id
        self.before = dict(before)
        self.after = dict(after)

    def _redo(self):
        return [self.ws.update_owner(self.lifecycle_id, self.owner_id, **self.after)]

    def _undo(self):
        current = self.after.get("id", self.owner_id)
        return [self.ws.update_owner(self.lifecycle_id, current, **self.before)]


class DeleteOwnerCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, owner_id: str, owner_name: str,
                 reassign_to: str | None) -> None:
        super().__init__(editor, lifecycle_id, f"Delete owner {quoted(owner_name)}")
        self.owner_id = owner_id
        self.reassign_to = reassign_to
        self.removed: Removed | None = None

    def _redo(self):
        ch = self.ws.delete_owner(self.lifecycle_id, self.owner_id, self.reassign_to)
        self.removed = ch.removed
        return [ch]

    def _undo(self):
        return [self.ws.restore(self.lifecycle_id, self.removed)] if self.removed else []


class AddSuppressionCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, suppression: Suppression, index: int,
                 stage_name: str | None = None) -> None:
        where = f" on “{stage_name or suppression.stage}”" if suppression.stage else ""
        super().__init__(editor, lifecycle_id, f"Suppress {suppression.rule}{where}")
        self.suppression = copy.copy(suppression)
        self.index = index     # where it lands: after the existing suppressions

    def _redo(self):
        return [self.ws.add_suppression(self.lifecycle_id, self.suppression)]

    def _undo(self):
        return [self.ws.remove_suppression(self.lifecycle_id, self.index)]


class RemoveSuppressionCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, index: int, rule: str) -> None:
        super().__init__(editor, lifecycle_id, f"Remove suppression of {rule}")
        self.index = index
        self.removed: Removed | None = None

    def _redo(self):
        ch = self.ws.remove_suppression(self.lifecycle_id, self.index)
        self.removed = ch.removed
        return [ch]

    def _undo(self):
        return [self.ws.restore(self.lifecycle_id, self.removed)] if self.removed else []


class CreateLifecycleCommand(StoreCommand):
    """New lifecycle (from a template, a duplicate or an import). Undo deletes it (kept in the
    file as deleted), redo brings that same lifecycle back."""

    def __init__(self, editor: Editor, doc: Lifecycle, text: str) -> None:
        super().__init__(editor, None, text)
        self.doc = copy.deepcopy(doc)

    def _redo(self):
        if self.lifecycle_id is None:
            ch = self.ws.create_lifecycle(self.doc)
            self.lifecycle_id = ch.lifecycle_id
            return [ch]
        return [self.ws.undelete_lifecycle(self.lifecycle_id)]

    def _undo(self):
        return [self.ws.delete_lifecycle(self.lifecycle_id)]


class DeleteLifecycleCommand(StoreCommand):
    def __init__(self, editor: Editor, lifecycle_id: int, name: str) -> None:
        super().__init__(editor, lifecycle_id, f"Delete lifecycle {quoted(name)}")

    def _redo(self):
        return [self.ws.delete_lifecycle(self.lifecycle_id)]

    def _undo(self):
        return [self.ws.undelete_lifecycle(self.lifecycle_id)]


class FunctionCommand(StoreCommand):
    """A one-off edit given as two callables (used by quick fixes that pick their own operation)."""

    def __init__(self, editor: Editor, lifecycle_id: int, text: str,
                 do: Callable[[Workspace], list[Change]], undo: Callable[[Workspace], list[Change]]) -> None:
        super().__init__(editor, lifecycle_id, text)
        self._do, self._un = do, undo

    def _redo(self):
        return self._do(self.ws)

    def _undo(self):
        return self._un(self.ws)


def push(stack, command: StoreCommand, on_error: Callable[[WorkspaceError], None]) -> bool:
    """Push ``command``; if its first write was refused, report it and return False."""
    stack.push(command)
    # read only Python attributes: Qt deletes an obsolete command as soon as push returns
    if command.error is not None and not command._done_once:
        on_error(command.error)
        return False
    return True
