"""A workspace on a PostgreSQL server, from the window's side: File ▸ Open Server Workspace…
(the address, checked as it is typed) and the password prompt.

The password is asked only when the server wants one that libpq could not find (``~/.pgpass``,
``PGPASSWORD``, a ``PGSERVICE`` file); it is handed to the store for this session and never
written anywhere: not in QSettings, not in recent files, not in a message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from desktop_app.model.naming import one_line
from desktop_app.store.errors import WorkspaceError
from desktop_app.store.location import (
    EXAMPLE_ADDRESS, ServerLocation, is_server_address, location_text, parse_location,
)

if TYPE_CHECKING:
    from desktop_app.store import Workspace

T = TypeVar("T")

# wrong passwords in a row before the prompt gives up (the server's refusal is then shown)
PASSWORD_TRIES = 3

WHERE_THE_PASSWORD_COMES_FROM = (
    "No password in the address: it comes from ~/.pgpass, PGPASSWORD or a PGSERVICE file, "
    "or you are asked for it (and it is not kept)."
)


class Cancelled(Exception):
    """The user closed the password prompt: nothing was opened, nothing to report."""


def short_name(location: Path | ServerLocation) -> str:
    """The workspace's name in the title bar: a file's name, or "database on host"."""
    if isinstance(location, ServerLocation):
        host = urlsplit(location.url).hostname or "this computer"
        # a database's name may hold a line break (%0A in the address): the title is one line
        return f"{one_line(location.database)} on {host}"
    return location.name


def server_addresses(recent: list[str]) -> list[str]:
    return [text for text in recent if is_server_address(text)]


class ServerAddressDialog(QDialog):
    """The address of a workspace on a server: typed, or picked from the recent ones. OK stays
    disabled while the text is not an address the store accepts, and the reason is shown."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverAddressDialog")
        self.setWindowTitle("Open Server Workspace")
        layout = QVBoxLayout(self)
        intro = QLabel("The workspace's PostgreSQL address, such as\n" + EXAMPLE_ADDRESS, self)
        layout.addWidget(intro)
        self.address = QComboBox(self)
        self.address.setObjectName("serverAddress")
        self.address.setEditable(True)
        self.address.addItems(server_addresses(recent))
        self.address.setCurrentIndex(-1)
        self.address.lineEdit().setPlaceholderText(EXAMPLE_ADDRESS)
        self.address.setMinimumWidth(480)
        layout.addWidget(self.address)
        self.problem = QLabel(self)
        self.problem.setObjectName("addressProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)   # it may quote the typed address
        layout.addWidget(self.problem)
        hint = QLabel(WHERE_THE_PASSWORD_COMES_FROM, self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.address.editTextChanged.connect(self._check)
        self._location: ServerLocation | None = None
        self._check(self.address.currentText())

    def _check(self, text: str) -> None:
        self._location, problem = None, ""
        if text.strip():
            try:
                location = parse_location(text.strip())
            except WorkspaceError as exc:
                problem = exc.reason   # names no password: the store cut it out
            else:
                if isinstance(location, ServerLocation):
                    self._location = location
                else:
                    problem = f"not a server address; it looks like {EXAMPLE_ADDRESS}"
        self.problem.setText(problem[:1].upper() + problem[1:])
        self.problem.setVisible(bool(problem))
        # the wrapped lines need height: grow (or shrink back) to fit them, never clip them
        self.layout().activate()
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > 0 and needed != self.height():
            self.resize(self.width(), max(needed, self.minimumSizeHint().height()))
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(self._location is not None)

    def location(self) -> ServerLocation | None:
        return self._location


def ask_password(parent: QWidget | None, location: ServerLocation, again: bool) -> str | None:
    """The password for ``location``, typed hidden; None when the user cancels."""
    who = f"{one_line(location.user, 60)} on " if location.user else ""
    host = urlsplit(location.url).hostname or "this computer"
    text = (("The password was not accepted. " if again else "")
            + f"Password for {who}{one_line(location.database)} ({host}):")
    dialog = QInputDialog(parent)
    dialog.setObjectName("passwordPrompt")
    dialog.setWindowTitle("Password needed")
    dialog.setLabelText(text)
    for label in dialog.findChildren(QLabel):   # a role named "<b>…</b>" is shown as typed
        label.setTextFormat(Qt.TextFormat.PlainText)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()
    finally:
        dialog.setTextValue("")
        dialog.deleteLater()


def with_password(parent: QWidget | None, location: Path | ServerLocation,
                  open_it: Callable[[str | None], T]) -> T:
    """``open_it(None)``, and when the server wants a password libpq could not find, the prompt
    and ``open_it(password)`` again (a few times for a mistyped one). Raises Cancelled when
    the user closes the prompt, and the store's refusal after the last wrong password."""
    from desktop_app.store.errors import PasswordNeeded, PasswordRefused

    password: str | None = None
    tries = 0
    while True:
        try:
            return open_it(password)
        except WorkspaceError as exc:
            # the server wants a password, or did not take the one typed (a refused one that
            # libpq found in ~/.pgpass or PGPASSWORD is shown as it is: the user fixes the file)
            refused = password is not None and isinstance(exc, PasswordRefused)
            if (not isinstance(location, ServerLocation) or tries >= PASSWORD_TRIES
                    or not (isinstance(exc, PasswordNeeded) or refused)):
                raise
            password = ask_password(parent, location, again=refused)
            if password is None:
                raise Cancelled(location_text(location)) from None
            tries += 1


def open_workspace(parent: QWidget | None, location: Path | ServerLocation) -> "Workspace":
    """The workspace at ``location`` opened for editing, asking for a password if need be."""
    from desktop_app.store import Workspace

    if isinstance(location, Path):
        return Workspace.open(location)
    def open_it(password: str | None) -> "Workspace":
        ws = Workspace.open(location, password=password)
        if password is not None:
            # kept in memory for this session's own further connections (the live updates'
            # listener, ui/live_updates.py); never written anywhere
            ws.password = password
        return ws

    return with_password(parent, location, open_it)


# ---- who the edits are by ---------------------------------------------------------------------------
# kept in this computer's settings (README "what stays local"); empty: the database role's name on
# a server, the login name on a file (store/revisions.py)
DISPLAY_NAME_KEY = "identity/displayName"


def display_name(settings) -> str:
    return str(settings.value(DISPLAY_NAME_KEY, "") or "").strip()


def apply_display_name(settings, workspace) -> None:
    """The name the activity log and the others' windows show for this user's edits."""
    workspace.author = display_name(settings) or None


def ask_display_name(parent: QWidget | None, settings) -> str | None:
    """File ▸ Your Name in the Activity Log…: the name to sign edits with; None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("displayNamePrompt")
    dialog.setWindowTitle("Your name in the activity log")
    dialog.setLabelText("The name the activity log, the retrospective and the others' windows show "
                        "for your edits.\nLeave it empty to use your database role (on a server) "
                        "or login name:")
    dialog.setTextValue(display_name(settings))
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name = " ".join(dialog.textValue().split())[:200]
    finally:
        dialog.deleteLater()
    settings.setValue(DISPLAY_NAME_KEY, name)
    return name
