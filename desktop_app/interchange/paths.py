"""Where in a document a problem is: ``stages[3].kind``, and ordering problems as the file reads."""

from __future__ import annotations

import re
from typing import Any

from desktop_app.model.text import echoed

Path = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")

# How a problem about the document as a whole is placed (a missing top-level key, not an object).
ROOT = "document"


def format_path(path: Path) -> str:
    """``("stages", 3, "kind")`` -> ``stages[3].kind``; the empty path -> ``document``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(part):
            # a key someone made up (a rule code, say) is shown quoted, clipped and escaped
            text += f"[{echoed(part)}]"
        else:
            text += f".{part}" if text else str(part)
    return text or ROOT


def document_order(document: Any, path: Path) -> tuple[int, ...]:
    """A sort key that puts problems in the order their places appear in the document."""
    key: list[int] = []
    node = document
    for part in path:
        if isinstance(node, dict) and part in node:
            key.append(list(node).index(part))
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            key.append(part)
            node = node[part]
        else:
            # A key that is not there (a missing done_on, say) goes after what is there.
            key.append(1 << 30)
            node = None
    return tuple(key)
