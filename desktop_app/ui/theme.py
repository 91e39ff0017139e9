"""Light and dark: the user's choice (View ▸ Theme: System, Light, Dark), the widget palette that
goes with it, and which painter theme the canvas uses.

The dark palette sets every colour role in every group, the disabled group included: a role left
out falls back to Qt's light default, which is how a disabled field or button used to show up as
a white box in a dark window (and the whole window while a workspace is opening)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from desktop_app.export.palette import Theme, theme

SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)
CHOICE_LABEL = {SYSTEM: "&System", LIGHT: "&Light", DARK: "&Dark"}

_state: dict[str, object] = {}   # "system_palette": the platform's, before any choice; "dark"


def remember_system_palette() -> None:
    """Keep the platform's own palette (call before setting any), so System can go back to it."""
    app = QGuiApplication.instance()
    if app is not None and "system_palette" not in _state:
        _state["system_palette"] = QPalette(app.palette())


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    # unknown scheme (e.g. offscreen, a bare X server): judge by the platform's window colour
    palette = _state.get("system_palette") or app.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def is_dark() -> bool:
    """Whether the app shows dark now: the applied choice, else the system's."""
    applied = _state.get("dark")
    return bool(applied) if applied is not None else system_is_dark()


def current_theme(dark: bool | None = None) -> Theme:
    return theme(is_dark() if dark is None else dark)


def normalise(choice: object) -> str:
    text = str(choice or "").strip().lower()
    return text if text in CHOICES else SYSTEM


def apply_theme(choice: str) -> bool:
    """Set the widget palette for ``choice``; returns whether it is dark. Only the Fusion style
    draws everything from the palette, so a forced Light or Dark switches to it."""
    from PySide6.QtWidgets import QApplication, QStyleFactory

    app = QApplication.instance()
    choice = normalise(choice)
    remember_system_palette()
    dark = choice == DARK or (choice == SYSTEM and system_is_dark())
    _state["dark"] = dark
    if app is None:
        return dark
    if choice != SYSTEM and app.style().name().lower() != "fusion" and "Fusion" in QStyleFactory.keys():
        app.setStyle("Fusion")
    if dark:
        app.setPalette(dark_palette())
    elif choice == LIGHT or app.style().name().lower() == "fusion":
        app.setPalette(light_palette())
    else:
        app.setPalette(_state["system_palette"])
    return dark


def light_palette() -> QPalette:
    """Fusion's light palette: the platform's when that one is light, else Fusion's own."""
    from PySide6.QtWidgets import QApplication, QStyleFactory

    system = _state.get("system_palette")
    if isinstance(system, QPalette) and system.color(QPalette.ColorRole.Window).lightness() >= 128:
        return QPalette(system)
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        return fusion.standardPalette()
    return QApplication.style().standardPalette()


# the dark palette, role by role: (active and inactive, disabled)
_DARK_ROLES: dict[QPalette.ColorRole, tuple[str, str]] = {
    QPalette.ColorRole.Window: ("#2B2D30", "#2B2D30"),
    QPalette.ColorRole.WindowText: ("#DFE1E5", "#7A7E85"),
    QPalette.ColorRole.Base: ("#1E1F22", "#26282B"),
    QPalette.ColorRole.AlternateBase: ("#25272A", "#292B2E"),
    QPalette.ColorRole.Text: ("#DFE1E5", "#7A7E85"),
    QPalette.ColorRole.Button: ("#3A3C40", "#303235"),
    QPalette.ColorRole.ButtonText: ("#DFE1E5", "#7A7E85"),
    QPalette.ColorRole.BrightText: ("#FFFFFF", "#9A9DA3"),
    QPalette.ColorRole.Highlight: ("#2F65CA", "#3D4046"),
    QPalette.ColorRole.HighlightedText: ("#FFFFFF", "#9A9DA3"),
    QPalette.ColorRole.ToolTipBase: ("#2B2D30", "#2B2D30"),
    QPalette.ColorRole.ToolTipText: ("#DFE1E5", "#7A7E85"),
    QPalette.ColorRole.PlaceholderText: ("#8C8F94", "#5F6268"),
    QPalette.ColorRole.Link: ("#6EA2FF", "#56657F"),
    QPalette.ColorRole.LinkVisited: ("#B08CFF", "#66607A"),
    QPalette.ColorRole.Light: ("#4A4D52", "#3A3C40"),
    QPalette.ColorRole.Midlight: ("#404246", "#34363A"),
    QPalette.ColorRole.Mid: ("#2F3134", "#2B2D30"),
    QPalette.ColorRole.Dark: ("#18191B", "#1B1C1E"),
    QPalette.ColorRole.Shadow: ("#0E0E10", "#0E0E10"),
    QPalette.ColorRole.Accent: ("#2F65CA", "#3D4046"),
}


def dark_palette() -> QPalette:
    """A dark widget palette with every role of every group set (Fusion draws from it)."""
    p = QPalette()
    for role, (normal, disabled) in _DARK_ROLES.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            p.setColor(group, role, QColor(normal))
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p
