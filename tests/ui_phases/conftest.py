"""GUI fixtures for the Phases and Retrospective docks: offscreen Qt, the real main window on
a fresh default workspace (every bundled template, with the playbook)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.store import Workspace  # noqa: E402
from desktop_app.ui.app import create_default_workspace, make_application  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402


def flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@pytest.fixture(scope="session")
def qapp(qapp_args, pytestconfig):
    return make_application(["pytest"])


@pytest.fixture
def window(qapp, qtbot, tmp_path: Path):
    path = tmp_path / "team.lcstudio"
    create_default_workspace(path).close()
    ws = Workspace.open(path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings)
    win.resize(1500, 950)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if not win.workspace.closed:
        win.close()
    win.deleteLater()
    flush_deletes()


def open_named(window: MainWindow, name_part: str) -> int:
    """Open the lifecycle whose name contains ``name_part`` and return its id."""
    lid = next(i.id for i in window.workspace.lifecycles() if name_part in i.name)
    window.open_lifecycle(lid)
    return lid
