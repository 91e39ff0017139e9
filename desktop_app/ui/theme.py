"""Light and dark, following the system: which painter theme to use and the widget palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.export.palette import Theme, theme


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    # unknown scheme (e.g. offscreen): judge by the window colour
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def current_theme(dark: bool | None = None) -> Theme:
    return theme(system_is_dark() if dark is None else dark)


def dark_palette() -> QPalette:
    """A dark widget palette for platforms whose style does not supply one (Fusion)."""
    p = QPalette()
    base, window, text = QColor("#1E1F22"), QColor("#2B2D30"), QColor("#DFE1E5")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#25272A"))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, window)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.Highlight, QColor("#2F65CA"))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
        p.setColor(group, QPalette.ColorRole.ToolTipBase, window)
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#8C8F94"))
        p.setColor(group, QPalette.ColorRole.Link, QColor("#6EA2FF"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6F737A"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6F737A"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6F737A"))
    return p
