"""A server workspace's refusals as a caller tells them apart: by class, never by the words of the
message (issue 13 review)."""

from __future__ import annotations

import pytest

from desktop_app.store import PasswordNeeded, PasswordRefused, Workspace, WorkspaceError
from tests.pg_server import PASSWORD, PASSWORD_ROLE, create_database, drop_database


@pytest.fixture
def no_libpq_password(monkeypatch, tmp_path):
    """No password from the environment, ~/.pgpass or a service file: only what the app gives."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such.pgpass"))


@pytest.fixture
def keyholder_url(pg_cluster):
    name = create_database(pg_cluster, owner=PASSWORD_ROLE)
    yield pg_cluster.url(name, user=PASSWORD_ROLE)
    drop_database(pg_cluster, name)


def test_a_wrong_password_is_its_own_refusal_and_a_missing_one_is_not(no_libpq_password, keyholder_url,
                                                                       monkeypatch):
    with pytest.raises(PasswordRefused) as refused:
        Workspace.create(keyholder_url, password="not it")
    assert str(refused.value) == (
        f"{keyholder_url}: authentication failed: the server did not accept the password for this "
        "user; nothing was changed")
    assert not isinstance(refused.value, PasswordNeeded)   # asking again is the app's choice
    Workspace.create(keyholder_url, password=PASSWORD).close()
    for opening in (Workspace.open, Workspace.open_for_reading):
        with pytest.raises(PasswordRefused):
            opening(keyholder_url, password="still not it")
        with pytest.raises(PasswordNeeded) as needed:
            opening(keyholder_url)
        assert not isinstance(needed.value, PasswordRefused)
    # a wrong password found by libpq itself (PGPASSWORD, ~/.pgpass) is refused the same way
    monkeypatch.setenv("PGPASSWORD", "stale")
    with pytest.raises(PasswordRefused):
        Workspace.open(keyholder_url)


def test_other_refusals_are_neither(pg_cluster, pg_url):
    # a database that is not a workspace yet: a plain refusal, no password asked for
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(pg_url)
    assert not isinstance(refused.value, (PasswordNeeded, PasswordRefused))
    assert "not a Lifecycle Studio workspace" in refused.value.reason


# ---- hostile names: a database role is the author of its edits -----------------------------------
HOSTILE_ROLE = 'o\'dd "r" <script>x</script> & $HOME | ]\nsecond\x07line'


def test_a_role_with_a_hostile_name_signs_its_edits_on_one_line(pg_cluster, pg_url):
    from urllib.parse import quote

    from psycopg import sql

    from desktop_app.model.document import Lifecycle, Stage
    from desktop_app.store import ConflictError
    import psycopg

    with psycopg.connect(pg_cluster.superuser_conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(HOSTILE_ROLE)))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(HOSTILE_ROLE)))
    database = pg_url.rsplit("/", 1)[1]
    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")])).lifecycle_id
    with psycopg.connect(pg_cluster.superuser_conninfo(database), autocommit=True) as conn:
        role = sql.Identifier(HOSTILE_ROLE)
        conn.execute(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(role))
        conn.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role))
    odd_url = pg_cluster.url(database, user=quote(HOSTILE_ROLE, safe=""))
    signed = 'o\'dd "r" <script>x</script> & $HOME | ] second line'
    with Workspace.open(pg_url) as mine, Workspace.open(odd_url) as theirs:
        assert theirs.author == signed
        mine.load(lid, seen=True)   # each shows the plan to its user
        theirs.load(lid, seen=True)
        theirs.update_stage(lid, "watch", name="Drift watch")
        assert theirs.activity(lid)[-1].author == signed
        with pytest.raises(ConflictError) as refused:
            mine.update_stage(lid, "watch", name="Mine")
        assert f"was changed by {signed[:59]}" in refused.value.reason
        assert "\n" not in refused.value.reason and "\x07" not in refused.value.reason


def test_a_command_without_a_password_says_where_to_put_it_not_to_type_it(no_libpq_password, keyholder_url,
                                                                        capsys):
    from desktop_app.cli import main

    Workspace.create(keyholder_url, password=PASSWORD).close()
    assert main(["list", keyholder_url]) == 2
    err = capsys.readouterr().err
    # a command asks for nothing: it said "type it when the app asks", and no prompt came
    assert err == (
        f"lifecycle-studio list: {keyholder_url}: the server asks for a password, and none was found "
        "in ~/.pgpass, PGPASSWORD or a PGSERVICE file: put it there (the commands do not ask for it; "
        "the app asks when it opens the workspace, and never keeps it)\n")


def test_a_display_name_of_only_control_characters_signs_with_the_role(pg_url):
    from desktop_app.model.document import Lifecycle, Stage

    with Workspace.create(pg_url) as ws:
        ws.author = "\x07\x1b\n\t "
        lid = ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")])).lifecycle_id
        # an empty author read "someone (before authors were recorded)" in the retrospective
        assert ws.author == "lead"
        assert ws.activity(lid)[-1].author == "lead"
