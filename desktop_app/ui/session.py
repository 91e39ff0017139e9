"""What the window had open, per workspace, for the next start: the lifecycle tabs in their
order and the one selected. Kept in the app's QSettings under a hash of the workspace's key
(``workspace_key``: a resolved path, or a server's address; either has slashes, which QSettings
reads as groups)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.store.location import ServerLocation, is_server_address, parse_location


def workspace_key(location: Path | ServerLocation | str) -> str:
    """What names a workspace from one start to the next (these tabs, one window per
    workspace): a file's resolved path, or a server workspace's normalised address, so
    ``postgresql://`` and ``postgresql+psycopg://`` are one workspace (never a password: the
    store refuses an address holding one)."""
    if isinstance(location, str) and is_server_address(location):
        location = parse_location(location)
    if isinstance(location, ServerLocation):
        return location.url
    return str(Path(location).expanduser().resolve())


def _group(path: Path | ServerLocation | str) -> str:
    return "session/" + hashlib.sha256(workspace_key(path).encode("utf-8")).hexdigest()[:20]


def save_tabs(settings: QSettings, path: Path | ServerLocation | str, tabs: list[int], current: int | None) -> None:
    group = _group(path)
    # as text: an INI file gives a one-element list back as a plain string otherwise
    settings.setValue(f"{group}/tabs", ",".join(str(t) for t in tabs))
    settings.setValue(f"{group}/current", "" if current is None else str(current))


def saved_tabs(settings: QSettings, path: Path | ServerLocation | str) -> tuple[list[int], int | None]:
    """The tabs saved for the workspace at ``path`` (ids, possibly of lifecycles deleted since)
    and the selected one; ([], None) when nothing was saved or the value is unreadable."""
    group = _group(path)
    raw = settings.value(f"{group}/tabs", "")
    tabs: list[int] = []
    for part in str(raw or "").split(","):
        if part.strip().isdigit():
            tabs.append(int(part))
    current = str(settings.value(f"{group}/current", "") or "")
    return tabs, (int(current) if current.isdigit() else None)
