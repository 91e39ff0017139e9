"""A second start on an open workspace brings the running window forward (one window per
workspace), and the next start opens the tabs the last one had, with the same one selected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.ui.app import start_window
from tests.ui.conftest import flush_deletes
from tests.ui.test_editor import double_click

pytestmark = pytest.mark.desktop


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def started(qtbot, workspace_path, settings):
    """The app as `lifecycle-studio WORKSPACE` starts it, in this process."""
    windows = []

    def start():
        window = start_window(str(workspace_path), settings)
        assert window is not None
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        try:
            window.close()
        except RuntimeError:
            pass   # deleted already (closed by the test)
    flush_deletes()


def test_a_second_start_brings_the_running_window_forward(qtbot, started, workspace_path, tmp_path):
    window = started()
    other = QWidget()
    other.setWindowTitle("some other program")
    other.resize(300, 200)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)

    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    second = subprocess.Popen([sys.executable, "-m", "desktop_app", str(workspace_path)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # this process answers the second start from its event loop, so wait without blocking it
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        if second.poll() is None:
            second.kill()
        out, err = second.communicate(timeout=30)
        other.close()
        other.deleteLater()
    assert second.returncode == 0, err
    assert "Traceback" not in err
    assert "brought it forward" in err and workspace_path.name in err
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.isEnabled() and window.current_lifecycle_id() is not None
    assert "open here already" in window.statusBar().currentMessage()


def _tab_names(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_open_tabs_and_the_selected_lifecycle_come_back_at_the_next_start(qtbot, started):
    window = started()
    first = _tab_names(window)
    assert len(first) == 1
    # open two more lifecycles from the Lifecycles dock, as a user does: double-click them
    lst = window.lifecycles_dock.list
    wanted = [lst.item(i).text() for i in range(lst.count()) if lst.item(i).text() not in first][:2]
    for name in wanted:
        item = next(lst.item(i) for i in range(lst.count()) if lst.item(i).text() == name)
        double_click(qtbot, lst.viewport(), lst.visualItemRect(item).center())
    assert _tab_names(window) == first + wanted
    # select the middle tab by clicking it, then quit with the keyboard
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert window.tabs.currentIndex() == 1
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.current_view(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    flush_deletes()

    again = started()
    assert _tab_names(again) == first + wanted
    assert again.tabs.currentIndex() == 1
    assert again.windowTitle().startswith(wanted[0])
