"""View ▸ Theme (System, Light, Dark): chosen from the menu, shown everywhere (disabled controls
and the canvas too), and remembered at the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.store import Workspace
from desktop_app.ui.app import first_lifecycle
from desktop_app.ui.main_window import MainWindow
from tests.ui.conftest import flush_deletes


def choose(window, *path: str) -> None:
    """Pick a menu entry by its visible text, as a user clicks through the menu bar."""
    actions = window.menuBar().actions()
    for n, text in enumerate(path):
        act = next(a for a in actions if a.text().replace("&", "") == text)
        if n == len(path) - 1:
            act.trigger()
            QApplication.processEvents()   # palette changes reach the widgets as events
            return
        menu: QMenu = act.menu()
        menu.aboutToShow.emit()
        actions = menu.actions()


def background_lightness(widget) -> int:
    """The lightness of the colour covering most of the widget as a user sees it (its background)."""
    from collections import Counter

    image = widget.grab().toImage()
    step = max(1, min(image.width(), image.height()) // 40)
    counts = Counter(image.pixel(x, y) for x in range(0, image.width(), step)
                     for y in range(0, image.height(), step))
    return QColor(counts.most_common(1)[0][0]).lightness()


def test_dark_theme_covers_disabled_controls_and_the_canvas(window):
    choose(window, "View", "Theme", "Dark")
    QApplication.processEvents()
    # a disabled button and a disabled text field, as the Findings dock and a greyed window show them
    fix = window.findings_dock.fix_button
    assert not fix.isEnabled()   # no finding picked: Quick fix is greyed out
    assert background_lightness(fix) < 90, "a disabled button is light in the dark theme"
    window.setEnabled(False)   # what the whole window looks like while a workspace opens
    QApplication.processEvents()
    try:
        for widget in [window.lifecycles_dock.list, window.palette_dock.list, window.inspector_dock,
                       window.statusBar()]:
            assert background_lightness(widget) < 90, f"{type(widget).__name__} is light in the dark theme"
    finally:
        window.setEnabled(True)
    view = window.current_view()
    corner = QColor(view.grab().toImage().pixel(3, 3))
    assert corner.lightness() < 90, "the canvas stayed light"
    assert window.theme_actions["dark"].isChecked()


def test_the_theme_choice_is_remembered_at_the_next_start(window, workspace_path, tmp_path, qtbot):
    choose(window, "View", "Theme", "Dark")
    assert QApplication.palette().window().color().lightness() < 90
    window.close()
    flush_deletes()

    ws = Workspace.open(workspace_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = MainWindow(ws, settings, open_lifecycle=first_lifecycle(ws))
    try:
        again.show()
        qtbot.waitExposed(again)
        assert again.theme_actions["dark"].isChecked()
        assert QApplication.palette().window().color().lightness() < 90
        assert background_lightness(again.lifecycles_dock.list) < 90
        choose(again, "View", "Theme", "Light")
        assert QApplication.palette().window().color().lightness() > 180
        assert background_lightness(again.lifecycles_dock.list) > 180
    finally:
        again.close()
        again.deleteLater()
        flush_deletes()
