"""Starting the app: QApplication, the default workspace on first run, the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from desktop_app.store import WorkspaceError
from desktop_app.ui.main_window import APP_NAME, MainWindow
from desktop_app.ui.theme import SYSTEM, apply_theme, remember_system_palette

if TYPE_CHECKING:
    from desktop_app.store import Workspace

DEFAULT_NAME = "default.lcstudio"
FIRST_TEMPLATE = "hybrid"


def default_workspace_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_NAME


def create_default_workspace(path: Path) -> Workspace:
    """A new workspace holding every bundled template, so a new user lands on a real,
    checkable lifecycle (DESIGN.md, first run). Built under a temporary name and renamed into
    place when complete, so a first run cut short never leaves a workspace missing templates."""
    from datetime import date

    from desktop_app.interchange import new_from_template, template_names

    from desktop_app.store import Workspace

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    names = template_names()
    with Workspace.create(partial) as ws:
        for name in [FIRST_TEMPLATE] + [n for n in names if n != FIRST_TEMPLATE]:
            if name in names:
                # plans that start today: nothing overdue, nothing done yet (issue 8)
                ws.create_lifecycle(new_from_template(name, date.today()))
    partial.replace(path)
    return Workspace.open(path)


def open_or_create(path: Path) -> Workspace:
    from desktop_app.store import Workspace

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
    remember_system_palette()   # before any palette of ours, so View > Theme > System finds it
    if sys.platform.startswith("linux") and "Fusion" in QStyleFactory.keys():
        # Fusion follows the palette, which is how the dark mode reaches every widget
        app.setStyle("Fusion")
    apply_theme(SYSTEM)   # until the window applies the user's choice (View > Theme)
    return app


class Forwarded(Exception):
    """Another app already had the workspace open, and brought its window forward."""


def _refuse(window: MainWindow | None, exc: WorkspaceError, unchanged: str) -> None:
    print(f"lifecycle-studio: {exc}", file=sys.stderr)   # for whoever started it from a shell
    from desktop_app.ui.wording import outcome_said

    # most refusals say the outcome themselves ("it was not opened and nothing was changed")
    said = outcome_said(str(exc))
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: cannot open the workspace",
                      str(exc) if said else f"{exc}\n\n{unchanged}", QMessageBox.StandardButton.Ok,
                      window)
    box.setTextFormat(Qt.TextFormat.PlainText)   # the address and the server's words, as they are
    box.exec()
    box.deleteLater()


def start_window(workspace_path: str | None, settings: QSettings | None = None,
                 before_show=None, single_instance: bool = True) -> MainWindow | None:
    """The app's start: the window paints first, then the workspace opens and fills it
    (DESIGN.md principle 6: opening loads the store, which is the slow part), with the tabs it
    had open last time. ``workspace_path`` is a file or a server address (a password prompt
    when the server wants one libpq could not find). None, with the reason on stderr and in a
    dialog, when the workspace cannot be opened. Raises Forwarded when an app running on the
    same workspace took over."""
    from desktop_app.store import WorkspaceInUse
    from desktop_app.store.location import parse_location
    from desktop_app.ui.server_workspace import Cancelled, open_workspace
    from desktop_app.ui.single_instance import InstanceServer, bring_forward_running

    try:
        path = parse_location(workspace_path) if workspace_path else default_workspace_path()
    except WorkspaceError as exc:   # another kind of address, or one with a password in it
        _refuse(None, exc, "Nothing was opened.")
        return None
    on_file = isinstance(path, Path)
    server = None
    if single_instance:
        if bring_forward_running(path):
            raise Forwarded(path)
        server = InstanceServer(path)
        server.listen()   # listening before the slow open, so a start right after finds us
    window = MainWindow(None, settings if settings is not None else QSettings(APP_NAME, APP_NAME),
                        opening=path)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if server is not None:
        server.setParent(window)
        window.instance_server = server
        server.activationRequested.connect(window.bring_forward)
    if before_show is not None:
        before_show(window)
    window.show()
    QApplication.processEvents()  # the window's first paint, before the store loads
    try:
        if workspace_path and on_file and not path.exists():
            raise WorkspaceError(path, "no such file")
        ws = open_or_create(path) if on_file else open_workspace(window, path)
    except Cancelled:   # the password prompt closed: nothing to report
        print(f"lifecycle-studio: {path}: no password was given; nothing was opened", file=sys.stderr)
        window.close()
        return None
    except WorkspaceError as exc:
        if single_instance and isinstance(exc, WorkspaceInUse) and bring_forward_running(path):
            # an app started at the same moment got there first: it has the window
            window.close()
            raise Forwarded(path) from None
        _refuse(window, exc, "The file was not changed." if on_file else "Nothing was changed.")
        window.close()
        return None
    window.attach_workspace(ws, None)
    if not window.restore_tabs():
        first = first_lifecycle(ws)
        if first is not None:
            window.open_lifecycle(first)
    return window


def _report_unexpected(kind, exc, tb) -> None:
    """An error no code expected, in a slot: say so in a dialog instead of dying silently. Every
    edit already made is in the file (each is its own transaction)."""
    import traceback

    traceback.print_exception(kind, exc, tb, file=sys.stderr)
    QMessageBox.critical(QApplication.activeWindow(), f"{APP_NAME}: unexpected error",
                         f"{type(exc).__name__}: {exc}\n\nEvery edit made so far is saved in the "
                         "workspace. This is a bug: please report it with what you were doing.")


def run_app(workspace_path: str | None) -> int:
    app = make_application()
    sys.excepthook = _report_unexpected
    try:
        window = start_window(workspace_path)
    except Forwarded as done:
        print(f"lifecycle-studio: {done.args[0]} is open in a window already; brought it forward",
              file=sys.stderr)
        return 0
    if window is None:
        return 2
    return app.exec()
