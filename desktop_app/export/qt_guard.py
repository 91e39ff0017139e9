"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

PySide6/shiboken 6.12 returns ``None`` from every void method (``setPos``, ``setText``,
``QPainter.drawRect``, …) without taking a reference to it. From Python 3.12 on ``None`` is
immortal (PEP 683) and nothing happens; on 3.11 each call takes one reference away, and after
some tens of thousands of calls (one 5,000-stage scene, or a long session) the interpreter
aborts with "none_dealloc: deallocating None" or crashes in the garbage collector.

The guard measures whether the running PySide6 leaks, and only then gives ``None`` a reference
count no process can exhaust, which is what 3.12 does. It is a no-op on fixed versions.
"""

from __future__ import annotations

import ctypes
import sys

_SPARE = 1 << 48
_done = False


def leaks_none() -> bool:
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(16):
        point.setX(1.0)
    return sys.getrefcount(None) < before


def guard_none_refcount() -> bool:
    """Apply the guard if needed; True when it was applied (now or earlier)."""
    global _done
    if _done:
        return True
    if sys.version_info >= (3, 12) or not leaks_none():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _SPARE
    _done = True
    return True
