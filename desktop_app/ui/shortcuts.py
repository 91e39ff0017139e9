"""Key sequences for actions, the same on X11, Windows and macOS.

A platform's standard key (QKeySequence.StandardKey) means different keys per platform: Redo is
Ctrl+Y on Windows but Ctrl+Shift+Z on X11, where Ctrl+Y is bound to nothing. So every action
lists the keys the README promises as text, plus the platform's own primary key, and each key
once: a key held twice (by one action or two) is ambiguous to Qt, which then fires neither.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

KeySpec = str | QKeySequence | QKeySequence.StandardKey


def key_sequences(*specs: KeySpec) -> list[QKeySequence]:
    """The distinct, non-empty sequences of ``specs``, in order. A standard key gives its
    platform's primary binding (the others, like X11's Ctrl+D for Delete, would clash with keys
    other actions own)."""
    keys: list[QKeySequence] = []
    seen: set[str] = set()
    for spec in specs:
        seq = QKeySequence(spec)
        text = seq.toString(QKeySequence.SequenceFormat.PortableText)
        if not seq.isEmpty() and text not in seen:
            seen.add(text)
            keys.append(seq)
    return keys
