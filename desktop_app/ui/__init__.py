"""PySide6 widgets: the main window, the canvas, the docks, dialogs and undo commands."""
