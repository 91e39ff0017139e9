"""An undo (or redo) the store refuses, because someone else changed the same things since
(``ConflictError``) or they are gone: the refusal is shown, the undo stack stays exactly as it
was (the step can be tried again, the steps before it stay undoable), and the window shows the
lifecycle as it is now.

QUndoStack moves its index before it can be told no: the command writes nothing and says so
(``StoreCommand._refused``), and here, when the index has moved, the stack is moved back by a
redo (an undo) that the command lets pass without writing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_app.store import WorkspaceError

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


class UndoRefusal(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending: list[tuple[object, WorkspaceError, bool]] = []
        self._restoring = False
        window.undo_stack.indexChanged.connect(self._index_changed)

    def note(self, command, exc: WorkspaceError, undoing: bool) -> None:
        """Called by a command whose undo (redo) the store refused; nothing was written."""
        self._pending.append((command, exc, undoing))

    def _index_changed(self, _index: int) -> None:
        if self._restoring or not self._pending:
            return
        pending, self._pending = self._pending, []
        command, exc, undoing = pending[0]
        stack = self.window.undo_stack
        self._restoring = True
        try:
            # back where it was: the refused step passes, the others of a macro are made again
            stack.redo() if undoing else stack.undo()
        finally:
            self._restoring = False
        self._show(command, exc, undoing, {c.lifecycle_id for c, _e, _u in pending})

    def _show(self, command, exc: WorkspaceError, undoing: bool, lifecycles: set) -> None:
        w = self.window
        for lid in sorted(l for l in lifecycles if l is not None):
            w.live.apply_lifecycle(lid)   # the plan as it is now, not as the undo wanted it
        step = "Undo" if undoing else "Redo"
        reason = exc.reason
        what = command.text() if hasattr(command, "text") else ""
        w.statusBar().showMessage(f"{step} refused: {reason}", 15000)
        w.show_error(f"{step} refused",
                     # the step's own text names things in quotes already: "Undo of rename “A” to “B”"
                     f"{step} of {what[:1].lower() + what[1:]} was refused." if what
                     else f"The {step.lower()} was refused.",
                     f"{reason.rstrip('.')}.\n\nThe window shows the plan as it is now; your undo history is kept.")
