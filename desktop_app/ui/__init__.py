"""PySide6 widgets: the main window, the canvas, the docks, dialogs and undo commands."""

from PySide6 import QtCore  # noqa: F401  (first, so the import hook below is tamed before the rest)

from desktop_app.export.qt_imports import skip_source_scan

skip_source_scan()   # every module imported after Qt no longer has its source read (export/qt_imports.py)
