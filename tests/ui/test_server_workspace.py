"""A workspace on a server in the app: File ▸ Open Server Workspace…, the password prompt (never
kept), recent files, the session's tabs and one window per workspace with an address."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.model.document import Lifecycle, Stage
from desktop_app.store import Workspace
from desktop_app.ui import session
from desktop_app.ui.app import start_window
from desktop_app.ui.server_workspace import ServerAddressDialog, short_name
from desktop_app.ui.single_instance import server_name
from desktop_app.store.location import parse_location
from tests.pg_server import PASSWORD, PASSWORD_ROLE, run_psql
from tests.ui.conftest import answer_modal, flush_deletes
from tests.ui.test_export_dialogs import Answers, save_as


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


# ---- on a real server (tests/pg_server.py) --------------------------------------------------------

def _server_workspace(url: str, names: tuple[str, ...] = ("Churn model", "Fraud model")) -> None:
    with Workspace.create(url) as ws:
        for name in names:
            ws.create_lifecycle(Lifecycle(name, stages=[Stage("data", "Data refresh", "data"),
                                                        Stage("watch", "Monitoring", "monitor", x=220)]))


def _fill_address(text: str):
    def act(dialog):
        assert isinstance(dialog, ServerAddressDialog)
        dialog.address.setEditText(text)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Open).click()
    return act


def test_open_server_workspace_from_the_file_menu(window, qtbot, pg_url, tmp_path):
    _server_workspace(pg_url)
    answer_modal(_fill_address(pg_url.replace("postgresql+psycopg://", "postgresql://")))
    window.act_open_server.trigger()
    qtbot.waitUntil(lambda: window.workspace.is_server)
    assert [i.name for i in window.workspace.lifecycles()] == ["Churn model", "Fraud model"]
    assert window.current_lifecycle_id() is not None
    database = pg_url.rsplit("/", 1)[1]
    assert window.windowTitle().startswith(f"Churn model — {database} on 127.0.0.1")
    # recent files keep the address, in its one spelling, first
    assert window.recent_files()[0] == pg_url
    window.recent_menu.aboutToShow.emit()
    assert window.recent_menu.actions()[0].text() == pg_url
    # an edit goes to the server
    lid = window.current_lifecycle_id()
    window.rename_stage(lid, "data", "Nightly data refresh")
    with Workspace.open_for_reading(pg_url) as other:
        assert other.load(lid).stage("data").name == "Nightly data refresh"


def test_the_password_is_asked_for_never_kept_and_a_wrong_one_asked_again(
        window, qtbot, pg_cluster, pg_url, tmp_path, monkeypatch):
    _server_workspace(pg_url)
    database = pg_url.rsplit("/", 1)[1]
    run_psql(pg_cluster, f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}; "
                         f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {PASSWORD_ROLE}", db=database)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url = pg_cluster.url(database, user=PASSWORD_ROLE)
    prompts: list[str] = []

    def type_password(password: str, then=None):
        def act(dialog):
            prompts.append(dialog.labelText())
            dialog.setTextValue(password)
            if then is not None:
                answer_modal(then)
            dialog.accept()
        return act

    answer_modal(type_password("not it", then=type_password(PASSWORD)))
    assert window.open_location(url)
    assert window.workspace.is_server and window.workspace.location_text == url
    assert prompts == [f"Password for {PASSWORD_ROLE} on {database} (127.0.0.1):",
                       f"The password was not accepted. Password for {PASSWORD_ROLE} on {database} (127.0.0.1):"]
    window.save_settings()
    window.settings.sync()
    kept = Path(window.settings.fileName()).read_text(encoding="utf-8")
    assert url in kept                      # the recent files and the session know the workspace
    assert PASSWORD not in kept and "not it" not in kept


def test_closing_the_password_prompt_opens_nothing_and_says_nothing(window, qtbot, pg_cluster, pg_url,
                                                                    tmp_path, monkeypatch):
    _server_workspace(pg_url)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    before = window.workspace
    answer_modal(lambda dialog: dialog.reject())
    assert not window.open_location(pg_cluster.url(pg_url.rsplit("/", 1)[1], user=PASSWORD_ROLE))
    assert window.workspace is before and window.message_box is None


def test_a_server_that_cannot_be_used_is_a_clear_message_and_the_window_stays(window, qtbot, pg_url):
    # an empty database: not a workspace yet
    before = window.workspace
    assert not window.open_location(pg_url)
    assert window.workspace is before
    box = window.message_box
    assert box is not None and box.text().endswith("cannot be opened.")
    assert "this database is not a Lifecycle Studio workspace" in box.informativeText()
    assert "Nothing was changed." in box.informativeText()
    box.close()


def test_a_start_on_an_address_opens_it_and_the_next_start_restores_its_tabs(qtbot, pg_url, tmp_path):
    _server_workspace(pg_url)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = start_window(pg_url, settings, single_instance=False)
    assert window is not None
    try:
        qtbot.waitExposed(window)
        assert window.workspace.is_server
        fraud = window.workspace.lifecycle_id("Fraud model")
        churn = window.workspace.lifecycle_id("Churn model")
        window.open_lifecycle(fraud)
        window.open_lifecycle(churn)
        assert window.tab_lifecycle_ids() == [churn, fraud]
        tabs = window.tab_lifecycle_ids()
    finally:
        window.close()
        flush_deletes()
    again = start_window(pg_url.replace("postgresql+psycopg://", "postgresql://"), settings, single_instance=False)
    assert again is not None
    try:
        qtbot.waitExposed(again)
        assert again.tab_lifecycle_ids() == tabs
        assert again.current_lifecycle_id() == churn
    finally:
        again.close()
        flush_deletes()


def test_save_as_on_a_server_workspace_saves_a_copy_to_take_along(window, qtbot, pg_url, tmp_path):
    _server_workspace(pg_url)
    assert window.open_location(pg_url)
    lid = window.workspace.lifecycle_id("Churn model")
    window.open_lifecycle(lid)
    window.rename_stage(lid, "watch", "Drift watch")
    assert "this window stays on the server" in window.act_save_as.statusTip()
    plane = tmp_path / "plane.lcstudio"
    assert window.save_as(str(plane))
    # the window stays on the team's workspace; the file holds everything, the edit too
    assert window.workspace.is_server and window.workspace.location_text == pg_url
    assert "this window stays on the server" in window.statusBar().currentMessage()
    with Workspace.open(plane) as copy, Workspace.open_for_reading(pg_url) as team:
        assert copy.lifecycles() == team.lifecycles()
        assert copy.load(lid) == team.load(lid)
        assert copy.load(lid).stage("watch").name == "Drift watch"
        assert copy.activity(lid) == team.activity(lid)
    # a second Save As onto the same name never overwrites it
    before = plane.read_bytes()
    assert not window.save_as(str(plane))
    assert "already exists" in window.message_box.informativeText() + window.message_box.text()
    window.message_box.close()
    assert plane.read_bytes() == before


def test_your_name_signs_your_edits_in_the_activity_log_and_stays_on_this_computer(window, qtbot, tmp_path):
    lid = window.current_lifecycle_id()

    def type_name(dialog):
        dialog.setTextValue('  Alice <b>"R&D"</b>  ')
        dialog.accept()

    answer_modal(type_name)
    window.act_display_name.trigger()
    stage = window.docs[lid].stages[0].id
    window.rename_stage(lid, stage, "Signed")
    assert window.workspace.activity(lid)[-1].author == 'Alice <b>"R&D"</b>'
    window.settings.sync()
    assert window.settings.value("identity/displayName") == 'Alice <b>"R&D"</b>'
    # the next workspace opened in this window signs with it too
    other = tmp_path / "other.lcstudio"
    with Workspace.create(other) as ws:
        ws.create_lifecycle(Lifecycle("Other", stages=[Stage("a", "A", "data")]))
    assert window.open_location(str(other))
    assert window.workspace.author == 'Alice <b>"R&D"</b>'


def test_file_dialogs_of_a_server_workspace_start_in_documents(window, pg_url, tmp_path, documents):
    """A server workspace has no folder: Save As and Open still open, in the documents folder."""
    _server_workspace(pg_url)
    assert window.open_location(pg_url) and window.workspace.path is None
    answers = Answers(save_as(documents / "take-along.lcstudio"))
    window.save_as_dialog()
    assert answers.opened_in == [str(documents)] and (documents / "take-along.lcstudio").is_file()
    answers = Answers(lambda d: d.reject())
    window.open_dialog()
    assert answers.opened_in == [str(documents)]
