"""PySide6 widgets: the main window, the canvas, the docks, dialogs and undo commands."""

from desktop_app.export.qt_guard import guard_none_refcount

guard_none_refcount()   # before any widget exists: see qt_guard for the PySide6 6.12 bug
