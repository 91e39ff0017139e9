"""What the window had open, per workspace, for the next start: the lifecycle tabs in their
order and the one selected. Kept in the app's QSettings under a hash of the workspace's
resolved path (a path has slashes, which QSettings reads as groups)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings


def _group(path: Path | str) -> str:
    resolved = str(Path(path).expanduser().resolve())
    return "session/" + hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:20]


def save_tabs(settings: QSettings, path: Path | str, tabs: list[int], current: int | None) -> None:
    group = _group(path)
    # as text: an INI file gives a one-element list back as a plain string otherwise
    settings.setValue(f"{group}/tabs", ",".join(str(t) for t in tabs))
    settings.setValue(f"{group}/current", "" if current is None else str(current))


def saved_tabs(settings: QSettings, path: Path | str) -> tuple[list[int], int | None]:
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
