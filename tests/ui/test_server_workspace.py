"""A workspace on a server in the app: File ▸ Open Server Workspace…, the password prompt (never
kept), recent files, the session's tabs and one window per workspace with an address."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.ui import session
from desktop_app.ui.server_workspace import ServerAddressDialog, short_name
from desktop_app.ui.single_instance import server_name
from desktop_app.store.location import parse_location


def _type(dialog: ServerAddressDialog, text: str) -> None:
    dialog.address.setEditText(text)


def _open_enabled(dialog: ServerAddressDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()


def test_the_address_dialog_says_what_is_wrong_and_never_repeats_a_password(qtbot):
    recent = ["/home/lead/mine.lcstudio", "postgresql+psycopg://lead@db.example/lifecycles"]
    dialog = ServerAddressDialog(recent)
    qtbot.addWidget(dialog)
    # the recent server addresses are offered, the files are not
    assert [dialog.address.itemText(i) for i in range(dialog.address.count())] == [recent[1]]
    assert not _open_enabled(dialog)

    _type(dialog, "postgresql://lead:s3cret@db.example/lifecycles")
    assert not _open_enabled(dialog)
    assert "a password does not belong in the workspace address" in dialog.problem.text().lower()
    assert "s3cret" not in dialog.problem.text()

    _type(dialog, "mysql://lead@db.example/lifecycles")
    assert not _open_enabled(dialog)
    assert "only postgresql servers are supported" in dialog.problem.text().lower()

    _type(dialog, "/home/lead/mine.lcstudio")
    assert not _open_enabled(dialog) and "not a server address" in dialog.problem.text().lower()

    _type(dialog, "postgresql://lead@db.example:5433/lifecycles?sslmode=require")
    assert _open_enabled(dialog) and dialog.problem.isHidden()
    assert dialog.location().url == "postgresql+psycopg://lead@db.example:5433/lifecycles?sslmode=require"


def test_both_spellings_of_an_address_are_one_workspace_for_the_session_and_the_single_window():
    a, b = "postgresql://lead@db.example/lifecycles", "postgresql+psycopg://lead@db.example/lifecycles"
    assert session.workspace_key(a) == session.workspace_key(b) == b
    assert session.workspace_key(parse_location(a)) == b
    assert server_name(a) == server_name(b)
    assert server_name(a) != server_name("postgresql+psycopg://lead@db.example/other")
    assert short_name(parse_location(a)) == "lifecycles on db.example"
