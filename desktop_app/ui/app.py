"""Starting the app: QApplication, the default workspace on first run, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from desktop_app.store import Workspace, WorkspaceError
from desktop_app.ui.main_window import APP_NAME, MainWindow
from desktop_app.ui.theme import dark_palette, system_is_dark

DEFAULT_NAME = "default.lcstudio"
FIRST_TEMPLATE = "hybrid"


def default_workspace_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_NAME


def create_default_workspace(path: Path) -> Workspace:
    """A new workspace holding every bundled template, so a new user lands on a real,
    checkable lifecycle (DESIGN.md, first run). Built under a temporary name and renamed into
    place when complete, so a first run cut short never leaves a workspace missing templates."""
    from desktop_app.interchange import load_template, template_names

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    names = template_names()
    with Workspace.create(partial) as ws:
        for name in [FIRST_TEMPLATE] + [n for n in names if n != FIRST_TEMPLATE]:
            if name in names:
                ws.create_lifecycle(load_template(name))
    partial.replace(path)
    return Workspace.open(path)


def open_or_create(path: Path) -> Workspace:
    if path.exists():
        return Workspace.open(path)
    return create_default_workspace(path)


def first_lifecycle(ws: Workspace) -> int | None:
    """The hybrid template's lifecycle if there is one, else the first."""
    import json
    from importlib.resources import files

    infos = ws.lifecycles()
    try:
        # just the name, read as plain JSON: validating the whole template would pull the
        # document reader into start-up
        text = files("desktop_app.resources").joinpath("templates", f"{FIRST_TEMPLATE}.lifecycle.json").read_text("utf-8")
        hybrid = json.loads(text)["name"]
        for info in infos:
            if info.name == hybrid:
                return info.id
    except (OSError, KeyError, ValueError):
        pass
    return infos[0].id if infos else None


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("lifecycle-studio")
    if sys.platform.startswith("linux") and "Fusion" in QStyleFactory.keys():
        # Fusion follows the palette, which is how the dark mode reaches every widget
        app.setStyle("Fusion")
        if system_is_dark():
            app.setPalette(dark_palette())
    return app


def run_app(workspace_path: str | None) -> int:
    app = make_application()
    path = Path(workspace_path) if workspace_path else default_workspace_path()
    try:
        if workspace_path and not path.exists():
            raise WorkspaceError(path, "no such file")
        ws = open_or_create(path)
    except WorkspaceError as exc:
        print(f"lifecycle-studio: {exc}", file=sys.stderr)   # for whoever started it from a shell
        QMessageBox.critical(None, f"{APP_NAME}: cannot open the workspace",
                             f"{exc}\n\nThe file was not changed.")
        return 2
    window = MainWindow(ws, QSettings(APP_NAME, APP_NAME), open_lifecycle=first_lifecycle(ws))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return app.exec()
