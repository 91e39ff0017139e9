"""GUI test fixtures: offscreen Qt, a fresh workspace per test, and a leak check on windows."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.store import Workspace  # noqa: E402
from desktop_app.ui.app import create_default_workspace, first_lifecycle, make_application  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402


def flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@pytest.fixture(scope="session")
def qapp_cls():
    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args, qapp_cls, pytestconfig):
    # the app's own setup (style, names) so the tests see what a user sees
    return make_application(["pytest"])


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp):
    """Every test leaves the set of top-level widgets as it found it."""
    flush_deletes()
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    flush_deletes()
    # collect the test's garbage here, after Qt's deferred deletes, rather than at a random
    # moment of the next test, so a crash in the collector shows in the test that caused it
    # (PySide6 6.12 on Python 3.11 crashed it so; pyproject pins below 6.12)
    gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before]
    assert not leaked, f"top-level widgets leaked: {[type(w).__name__ + ' ' + w.objectName() for w in leaked]}"


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    path = tmp_path / "test.lcstudio"
    create_default_workspace(path).close()
    return path


def shown_window(qtbot, ws, tmp_path: Path):
    """A main window on ``ws``, shown, active and fitted, closed and deleted after the test."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings, open_lifecycle=first_lifecycle(ws))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    # the window a user works in is the active one; on X11 keys reach shortcuts only then
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.current_view().fit()
    yield win
    if not win.workspace.closed:
        win.close()
    win.deleteLater()
    flush_deletes()


@pytest.fixture
def window(qapp, qtbot, workspace_path: Path, tmp_path: Path):
    yield from shown_window(qtbot, Workspace.open(workspace_path), tmp_path)


class Reopen:
    """Read what is in the file, independently of the window: the window keeps its workspace
    locked (DESIGN.md), so take a copy with the backup API and open that copy as a new
    Workspace, which reads only from disk."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.n = 0

    def __call__(self, window: MainWindow, lifecycle_id: int):
        self.n += 1
        copy = self.tmp_path / f"reopened-{self.n}.lcstudio"
        window.workspace.save_as(copy)
        with Workspace.open(copy) as ws:
            return ws.load(lifecycle_id)


@pytest.fixture
def reopen(tmp_path: Path) -> Reopen:
    return Reopen(tmp_path)


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    """A documents folder of the user's own (XDG user dirs), not the workspace's folder."""
    docs = tmp_path / "My documents"
    docs.mkdir()
    config = tmp_path / "config"
    config.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{docs}"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return docs


def answer_modal(action, attempts: int = 200) -> None:
    """Act on the next modal dialog as a user would (fill it in, press a button)."""
    def handler(left=attempts):
        w = QApplication.activeModalWidget()
        if w is None:
            if left:
                QTimer.singleShot(10, lambda: handler(left - 1))
            return
        action(w)
    QTimer.singleShot(0, handler)


def open_named(window: MainWindow, name_part: str) -> int:
    """Open the lifecycle whose name contains ``name_part`` and return its id."""
    lid = next(i.id for i in window.workspace.lifecycles() if name_part in i.name)
    window.open_lifecycle(lid)
    return lid


def press_on_canvas(qtbot, window: MainWindow, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed on the canvas, as a user types it (the window's shortcuts answer)."""
    window.activateWindow()
    view = window.current_view()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)   # on X11 focus comes a moment later
    qtbot.keyClick(view, key, modifier)
