"""Names that come from a server workspace into the window (issue 13 review): the activity log
is written by any client of the database, so an author or a summary may hold line breaks,
control characters, markup or 10,000 characters; the status line shows one readable line."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.model.document import Lifecycle, Stage
from desktop_app.store import Workspace
from desktop_app.ui.main_window import MainWindow
from tests.pg_server import run_psql
from tests.ui.conftest import flush_deletes


@contextmanager
def _window_on_the_hybrid(qtbot, pg_url: str, tmp_path: Path):
    """A window on a new server workspace holding the hybrid template; (it, the lifecycle's id)."""
    from desktop_app.interchange import new_from_template

    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(new_from_template("hybrid", date(2026, 1, 5))).lifecycle_id
    window = MainWindow(Workspace.open(pg_url), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                        open_lifecycle=lid)
    try:
        window.show()
        qtbot.waitExposed(window)
        yield window, lid
    finally:
        window.close()
        window.deleteLater()
        flush_deletes()


def test_a_hostile_author_in_the_log_is_one_short_line_in_the_status_line(qapp, qtbot, pg_cluster, pg_url,
                                                                          tmp_path: Path):
    with _window_on_the_hybrid(qtbot, pg_url, tmp_path) as (window, lid):
        stage = window.docs[lid].stages[0]
        with Workspace.open(pg_url) as other:
            other.update_stage(lid, stage.id, name="Drift watch")
            revision = other.revision(lid)
        # another client of the database wrote the log row's author: a line break, a bell, markup,
        # and 10,000 characters
        hostile = "Mallory\n<b>&amp;</b> \x07$HOME | ]" + "x" * 10_000
        run_psql(pg_cluster, "UPDATE activity SET author = %s WHERE revision = %s" % (
            "'" + hostile.replace("'", "''") + "'", revision), db=pg_url.rsplit("/", 1)[1])
        assert window.live.apply_lifecycle(lid)
        status = window.statusBar().currentMessage()
        assert status.startswith("Mallory <b>&amp;</b> $HOME | ]xxx")   # the bell a space, spaces as one
        # which stage it was, for someone who did not see it happen: its old name and its new one
        assert status.endswith(f"renamed stage “{stage.name}” to “Drift watch”")
        assert "\n" not in status and "\x07" not in status
        assert len(status) < 120


def test_a_conflict_names_a_hostile_author_as_typed_and_says_the_outcome_once(qapp, qtbot, pg_url,
                                                                             tmp_path: Path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    with _window_on_the_hybrid(qtbot, pg_url, tmp_path) as (window, lid):
        stage = window.docs[lid].stages[0]
        with Workspace.open(pg_url) as other:
            other.author = '<b>Mallory</b> <a href="file:///etc/passwd">R&D</a>'
            other.load(lid)
            other.delete_stages(lid, [stage.id])
        # before the notice arrives, this window renames the stage the other session deleted
        window.rename_stage(lid, stage.id, "Too late")
        box = window.message_box
        assert box is not None
        assert box.text().startswith(
            f"“{stage.name}” was deleted by <b>Mallory</b> <a href=\"file:///etc/passwd\">R&D</a> "
            "after you last saw it; nothing was changed")
        # shown as typed: no label of the box renders markup (bold, a link to a local file)
        labels = [label for label in box.findChildren(QLabel) if label.text()]
        assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
        # the outcome once, not again underneath
        assert box.informativeText() == ""
        box.close()


def test_the_address_dialog_grows_to_show_the_whole_problem_and_shows_it_as_typed(qtbot):
    from PySide6.QtCore import Qt

    from desktop_app.ui.server_workspace import ServerAddressDialog

    dialog = ServerAddressDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # a problem of two wrapped lines appears under the address: the dialog makes room for it
    # (it was clipped, the hint below drawn over it); a key the user typed is shown as typed
    dialog.address.setEditText("postgresql://alice@db.example/lifecycles?<b>k</b>=1&<b>k</b>=2")
    assert dialog.problem.text() == "?<b>k</b>= is given twice in the address; give it once"
    assert dialog.problem.textFormat() == Qt.TextFormat.PlainText
    dialog.address.setEditText("postgresql://alice@db.example/lifecycles?user=postgres")
    qtbot.wait(50)
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    assert dialog.problem.geometry().bottom() < dialog.buttons.geometry().top()


def test_odd_database_and_role_names_are_one_plain_line_in_the_title_and_the_password_prompt(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from desktop_app.store.location import parse_location
    from desktop_app.ui.server_workspace import ask_password, short_name
    from tests.ui.conftest import answer_modal

    location = parse_location("postgresql://%3Ci%3Eu%3C%2Fi%3E%0Ax@db.example/team%0A%3Cb%3Eplan%3C%2Fb%3E")
    assert short_name(location) == "team <b>plan</b> on db.example"
    seen = {}

    def look(dialog):
        labels = [label for label in dialog.findChildren(QLabel) if label.text()]
        seen["texts"] = [label.text() for label in labels]
        seen["formats"] = {label.textFormat() for label in labels}
        dialog.reject()

    answer_modal(look)
    assert ask_password(None, location, again=False) is None
    assert seen["texts"] == ["Password for <i>u</i> x on team <b>plan</b> (db.example):"]
    assert seen["formats"] == {Qt.TextFormat.PlainText}


def test_a_refused_start_on_a_server_says_the_outcome_once(qtbot, pg_cluster, pg_url, tmp_path):
    from desktop_app.ui.app import start_window
    from tests.pg_server import run_psql
    from tests.store.test_server_untrusted import PLANTED
    from tests.ui.conftest import answer_modal

    with Workspace.create(pg_url) as ws:
        ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")]))
    run_psql(pg_cluster, PLANTED["type"][0], db=pg_url.rsplit("/", 1)[1])
    seen = {}

    def read(box):
        seen["text"] = box.text()
        box.accept()

    answer_modal(read)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert start_window(pg_url, settings, single_instance=False) is None
    flush_deletes()
    assert seen["text"].startswith(f"{pg_url}: the workspace's tables were changed outside Lifecycle Studio")
    # was followed by a second "Nothing was changed." under the reason that says so
    assert seen["text"].lower().count("nothing was changed") == 1


def test_open_server_workspace_on_a_refused_database_says_the_outcome_once(window, pg_cluster, pg_url):
    from tests.pg_server import run_psql
    from tests.store.test_server_untrusted import PLANTED

    with Workspace.create(pg_url) as ws:
        ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")]))
    run_psql(pg_cluster, PLANTED["type"][0], db=pg_url.rsplit("/", 1)[1])
    assert not window.open_location(pg_url)
    box = window.message_box
    assert box.informativeText().startswith("the workspace's tables were changed outside Lifecycle Studio")
    assert box.informativeText().lower().count("nothing was changed") == 1
    box.close()
