"""The desktop part of the GUI tests (marked ``desktop``: shortcuts, window activation, dialogs,
drag gestures, the laptop layout) once more on a real X server: Xvfb, Qt's xcb platform.

Offscreen, Qt uses its generic key bindings and has no window manager, no focus and no screen
size of its own; the xcb platform is what a Linux desktop runs, and where Redo once went dead.
Xvfb (``xvfb-run``) and the xcb libraries are system packages: .ci/run installs them, and the
README lists them. This test fails, rather than skips, without them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.desktop
def test_the_platform_is_the_one_the_run_asked_for(qapp):
    """So the X11 run below cannot quietly fall back to offscreen."""
    assert QGuiApplication.platformName() == os.environ["QT_QPA_PLATFORM"]


def test_the_desktop_tests_pass_under_a_real_x_server(tmp_path):
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, ("xvfb-run is missing: install the xvfb package (and the xcb libraries the "
                      "README lists) to run the desktop tests on a real X server")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_RUNTIME_DIR": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    proc = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1920x1200x24",
         sys.executable, "-m", "pytest", "-m", "desktop", "-q", "-p", "no:cacheprovider",
         "-o", "addopts=--import-mode=importlib", str(ROOT / "tests" / "ui")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    tail = (proc.stdout + proc.stderr)[-4000:]
    assert proc.returncode == 0, f"the desktop tests failed under Xvfb (xcb):\n{tail}"
    summary = re.search(r"(\d+) passed", proc.stdout)
    assert summary and int(summary.group(1)) >= 30, tail
    assert " skipped" not in proc.stdout.splitlines()[-1], tail
