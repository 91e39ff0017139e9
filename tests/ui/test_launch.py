"""The README's run command: `lifecycle-studio` on a fresh machine creates the default workspace
with the bundled lifecycles and opens it; a file that is not a workspace is refused clearly."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.interchange import template_names
from desktop_app.store import Workspace, WorkspaceInUse


def _launch(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    return subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_until(condition, seconds: float = 90.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _held_by_the_app(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        Workspace.open(path).close()
    except WorkspaceInUse:
        return True
    except Exception:
        return False
    return False


def test_first_run_creates_and_opens_the_default_workspace(tmp_path):
    default = tmp_path / "data" / "Lifecycle Studio" / "default.lcstudio"
    app = _launch(tmp_path)
    try:
        # the running app holds its workspace: a second opener is told it is in use
        assert _wait_until(lambda: _held_by_the_app(default) or app.poll() is not None)
        assert app.poll() is None, app.stderr.read()
    finally:
        app.kill()
        _, err = app.communicate(timeout=30)
    assert "Traceback" not in err
    with Workspace.open(default) as ws:
        assert len(ws.lifecycles()) == len(template_names()) == 5
        assert ws.integrity_problems() == []


@pytest.mark.parametrize("content", [b"not a workspace at all\n"])
def test_a_file_that_is_not_a_workspace_is_refused_and_left_alone(tmp_path, content):
    bad = tmp_path / "notes.lcstudio"
    bad.write_bytes(content)
    app = _launch(tmp_path, str(bad))
    try:
        # the refusal goes to stderr (and to a dialog, which this test does not wait on)
        lines: list[str] = []
        assert _wait_until(lambda: bool(lines.append(app.stderr.readline()) or any(
            str(bad) in line for line in lines)))
    finally:
        app.kill()
        app.communicate(timeout=30)
    message = next(line for line in lines if str(bad) in line)
    assert "not a Lifecycle Studio workspace" in message
    assert bad.read_bytes() == content


def test_the_window_paints_before_the_store_loads(tmp_path):
    """DESIGN.md principle 6: the first paint needs no SQLAlchemy, networkx or matplotlib; the
    workspace opens right after it and fills the same window."""
    script = tmp_path / "start.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, QSettings\n"
        "from desktop_app.ui.app import make_application, start_window\n"
        "app = make_application(['t'])\n"
        "seen = {}\n"
        "class Watch(QObject):\n"
        "    def eventFilter(self, obj, event):\n"
        "        if event.type() == QEvent.Type.Paint and 'paint' not in seen:\n"
        "            seen['paint'] = sorted(m for m in ('sqlalchemy', 'networkx', 'matplotlib')\n"
        "                                   if m in sys.modules)\n"
        "        return False\n"
        "watch = Watch()\n"
        f"settings = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)\n"
        "window = start_window(None, settings,\n"
        "                      before_show=lambda w: w.installEventFilter(watch))\n"
        "print('heavy at first paint:', seen['paint'])\n"
        "print('open:', window.windowTitle(), window.current_lifecycle_id() is not None)\n"
        "window.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert "heavy at first paint: []" in proc.stdout
    assert "open: Hybrid: governed outer loop, fast inner loop — default.lcstudio — Lifecycle Studio True" \
        in proc.stdout
