"""The store's refusals: each names the file and says what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path


class WorkspaceError(Exception):
    """A workspace file that cannot be used as asked; nothing in it was changed.

    ``reason`` is one line; ``detail`` keeps SQLite's whole diagnostic when there was one
    (shown by ``--verbose``)."""

    detail: str = ""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class WorkspaceInUse(WorkspaceError):
    """Another window or process has the workspace open."""


class NewerWorkspace(WorkspaceError):
    """The file was written by a newer version of the app."""


class OperationError(WorkspaceError):
    """An edit refused by the store (unknown id, duplicate name, ...); nothing was written."""


class ConflictError(OperationError):
    """Another writer changed or deleted what an edit touches after this workspace last saw
    it (store/revisions.py); nothing was written."""


class PasswordNeeded(WorkspaceError):
    """The server asks for a password that libpq did not find (~/.pgpass, PGPASSWORD, a service
    file): the app asks the user and opens again with ``password=``; nothing is stored."""


class PasswordRefused(WorkspaceError):
    """The server did not accept the password it was given (typed in the app's prompt, or found by
    libpq in ~/.pgpass or PGPASSWORD); the app asks again for a typed one. Its own class, so no
    caller has to recognise it by the words of its message."""
