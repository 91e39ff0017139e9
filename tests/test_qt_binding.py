"""The Qt binding the app depends on keeps Python's reference counts right.

PySide6 6.12 on Python 3.11 returns None from every void call without taking a reference to
it, and a session ends in "Fatal Python error: none_dealloc" (pyproject pins below 6.12). This
test fails if an upgrade brings such a binding back.
"""

from __future__ import annotations

import subprocess
import sys


def test_void_calls_do_not_consume_references_to_none():
    code = (
        "import sys\n"
        "from PySide6.QtCore import QPointF\n"
        "p = QPointF(); before = sys.getrefcount(None)\n"
        "for _ in range(10000): p.setX(1.0)\n"
        "print(before - sys.getrefcount(None))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert int(proc.stdout.strip()) < 100
