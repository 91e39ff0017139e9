"""A workspace in a PostgreSQL database (a real throwaway server, tests/pg_server.py): made and
opened like a file, marked as ours, refused when it is not ours, newer, or altered; read-only
roles, passwords and lost connections in the user's words, and no password in any message."""

from __future__ import annotations

import json
import os
import pprint
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from desktop_app.model.document import Stage
from desktop_app.store import NewerWorkspace, OperationError, Workspace, WorkspaceError
from desktop_app.store import engine as eng
from desktop_app.store import server
from desktop_app.store.errors import PasswordNeeded
from desktop_app.store.location import ServerLocation, parse_location
from desktop_app.store.server_schema import EXPECTED_SERVER
from tests.pg_server import (
    PASSWORD,
    PASSWORD_ROLE,
    _free_port,
    create_database,
    drop_database,
    plain_rows,
    run_psql,
)
from tests.store.conftest import small_lifecycle

REPO = Path(__file__).resolve().parents[2]


def _db(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.fixture
def server_ws(pg_url):
    ws = Workspace.create(pg_url)
    yield ws
    ws.close()


@pytest.fixture
def no_libpq_password(monkeypatch, tmp_path):
    """No password from the environment, ~/.pgpass or a service file: only what the app gives."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such.pgpass"))


# ---- the schema ---------------------------------------------------------------------------------
def _built_by_migrations(pg_cluster, version: int) -> tuple:
    name = create_database(pg_cluster)
    try:
        loc = parse_location(pg_cluster.url(name))
        engine, conn = server.connect(loc, None)
        with conn.begin():
            conn.execute(server._text(
                f"CREATE TABLE {server.MARKER_TABLE} (application_id INTEGER NOT NULL, "
                "schema_version INTEGER NOT NULL)"))
            conn.execute(server._text(f"INSERT INTO {server.MARKER_TABLE} VALUES ({eng.APPLICATION_ID}, 0)"))
            eng.run_migrations(conn, eng.REVISIONS[version - 1])
            built = server.schema_snapshot(conn)
        conn.close()
        engine.dispose()
        return built
    finally:
        drop_database(pg_cluster, name)


def test_every_server_schema_version_is_listed_as_the_migrations_build_it(pg_cluster):
    built = {v: _built_by_migrations(pg_cluster, v) for v in range(min(EXPECTED_SERVER), eng.SCHEMA_VERSION + 1)}
    assert set(EXPECTED_SERVER) == set(built), (
        "server_schema.EXPECTED_SERVER should read:\n" + pprint.pformat(built, width=100))
    for version, entries in built.items():
        assert set(EXPECTED_SERVER[version]) == set(entries), (
            f"server schema version {version} changed; server_schema.EXPECTED_SERVER should read:\n"
            + pprint.pformat(built, width=100))


def test_a_new_server_workspace_is_marked_as_ours(pg_url):
    Workspace.create(pg_url).close()
    assert plain_rows(pg_url, "SELECT application_id, schema_version FROM lcstudio_workspace") == [
        (0x4C437374, eng.SCHEMA_VERSION)]
    assert plain_rows(pg_url, "SELECT version_num FROM alembic_version") == [(eng.HEAD_REVISION,)]


# ---- made, opened, edited, opened again ----------------------------------------------------------
def test_a_server_workspace_is_made_edited_and_opened_again(pg_url):
    with Workspace.create(pg_url) as ws:
        assert ws.is_server and ws.path is None and not ws.read_only
        assert ws.location == ServerLocation(pg_url, pg_url, _db(pg_url), "lead")
        assert ws.location_text == pg_url
        lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
        ws.update_stage(lid, "train", name="Train nightly")
    with Workspace.open(pg_url) as ws:
        doc = ws.load(lid)
        assert [s.name for s in doc.stages] == ["Data refresh", "Train nightly", "Ship", "Watch"]
        ws.move_stages(lid, {"ship": (500.0, 40.0)})
    with Workspace.open_for_reading(pg_url) as ws:
        assert ws.read_only
        assert ws.load(lid).stages[2].x == 500.0
        with pytest.raises(WorkspaceError, match="opened for reading only; nothing was changed"):
            ws.update_stage(lid, "ship", name="Release")
    assert plain_rows(pg_url, "SELECT name FROM stages WHERE key = 'ship'") == [("Ship",)]


def test_several_windows_open_one_server_workspace_and_see_each_others_edits(server_ws, pg_url):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    with Workspace.open(pg_url) as other:
        other.update_stage(lid, "watch", name="Watch drift")
        assert server_ws.load(lid).stages[3].name == "Watch drift"
        server_ws.update_stage(lid, "data", name="Data nightly")
        assert other.load(lid).stages[0].name == "Data nightly"


def test_a_plain_postgresql_address_opens_the_same_workspace(server_ws, pg_url):
    server_ws.create_lifecycle(small_lifecycle())
    plain = "postgresql://" + pg_url.split("://", 1)[1]
    with Workspace.open(plain) as ws:
        assert ws.location_text == pg_url
        assert [lc.name for lc in ws.lifecycles()] == ["Churn model"]


# ---- refusals --------------------------------------------------------------------------------------
def test_an_empty_database_is_not_a_workspace_and_is_left_empty(pg_url):
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(pg_url)
    assert str(refused.value) == (
        f"{pg_url}: this database is not a Lifecycle Studio workspace (the database is empty: "
        "make it one with lifecycle-studio new, or copy a workspace into it with lifecycle-studio copy)")
    assert plain_rows(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_a_database_of_another_application_is_refused_untouched(pg_cluster, pg_url):
    run_psql(pg_cluster, "CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)", db=_db(pg_url))
    run_psql(pg_cluster, "ALTER TABLE invoices OWNER TO lead", db=_db(pg_url))
    for opening in (Workspace.open, Workspace.open_for_reading):
        with pytest.raises(WorkspaceError, match="not a Lifecycle Studio workspace \\(it holds other tables\\)"):
            opening(pg_url)
    with pytest.raises(WorkspaceError, match="the database is not empty \\(it holds 1 table"):
        Workspace.create(pg_url)
    assert plain_rows(pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'") == [
        ("invoices",)]


def test_a_marker_of_another_application_is_refused(pg_cluster, server_ws, pg_url):
    server_ws.close()
    run_psql(pg_cluster, "UPDATE lcstudio_workspace SET application_id = 7", db=_db(pg_url))
    with pytest.raises(WorkspaceError, match="not a Lifecycle Studio workspace \\(its lcstudio_workspace"):
        Workspace.open(pg_url)


def test_a_newer_server_workspace_is_refused_and_not_changed(pg_cluster, server_ws, pg_url):
    server_ws.create_lifecycle(small_lifecycle())
    server_ws.close()
    run_psql(pg_cluster, f"UPDATE lcstudio_workspace SET schema_version = {eng.SCHEMA_VERSION + 1}",
             db=_db(pg_url))
    for opening in (Workspace.open, Workspace.open_for_reading):
        with pytest.raises(NewerWorkspace) as refused:
            opening(pg_url)
        assert str(refused.value) == (
            f"{pg_url}: the workspace was written by a newer version of Lifecycle Studio (schema "
            f"{eng.SCHEMA_VERSION + 1}; this version knows up to {eng.SCHEMA_VERSION}); update the app to open it")
    assert plain_rows(pg_url, "SELECT schema_version FROM lcstudio_workspace") == [(eng.SCHEMA_VERSION + 1,)]


@pytest.mark.parametrize("alteration, named", [
    ("ALTER TABLE stages ADD COLUMN secret text", "unexpected column 'stages' 'secret' text null"),
    ("ALTER TABLE stages ALTER COLUMN name TYPE text", "unexpected column 'stages' 'name' text not null"),
    ("ALTER TABLE stages DROP CONSTRAINT ck_stages_kind", "constraint 'stages' 'ck_stages_kind' c is missing"),
    ("CREATE FUNCTION public.spy() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'; "
     "CREATE TRIGGER spy BEFORE UPDATE ON stages FOR EACH ROW EXECUTE FUNCTION public.spy()",
     "unexpected trigger 'stages' 'spy'"),
    ("CREATE VIEW everything AS SELECT * FROM stages", "unexpected relation 'everything' 'v'"),
    ("CREATE RULE quiet AS ON DELETE TO activity DO INSTEAD NOTHING", "unexpected rule 'activity' 'quiet'"),
])
def test_a_server_workspace_whose_tables_were_altered_is_refused(pg_cluster, server_ws, pg_url,
                                                                  alteration, named):
    server_ws.create_lifecycle(small_lifecycle())
    server_ws.close()
    run_psql(pg_cluster, alteration, db=_db(pg_url))
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(pg_url)
    message = str(refused.value)
    assert message.startswith(f"{pg_url}: the workspace's tables were changed outside Lifecycle Studio ({named}")
    assert "it was not opened and nothing was changed" in message


def test_a_reference_across_lifecycles_is_refused(pg_cluster, server_ws, pg_url):
    first = server_ws.create_lifecycle(small_lifecycle("First")).lifecycle_id
    second = server_ws.create_lifecycle(small_lifecycle("Second")).lifecycle_id
    server_ws.close()
    run_psql(pg_cluster, f"UPDATE edges SET source_pk = (SELECT pk FROM stages WHERE lifecycle_pk = {second} "
             f"AND key = 'data') WHERE lifecycle_pk = {first} AND key = 'e1'", db=_db(pg_url))
    with pytest.raises(WorkspaceError, match="table edges, row \\d+, column source_pk: refers to stages row "
                                             "\\d+, which belongs to another lifecycle"):
        Workspace.open(pg_url)


def test_a_missing_database_is_named_as_missing(pg_cluster):
    url = pg_cluster.url("no_such_database")
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(url)
    assert str(refused.value) == (
        f"{url}: the database does not exist on the server; create it first (createdb), "
        "or check its name in the address")


def test_an_unreachable_server_is_named_as_unreachable(pg_cluster):
    url = f"postgresql+psycopg://lead@127.0.0.1:{_free_port()}/plans"
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(url)
    message = str(refused.value)
    assert message.startswith(f"{url}: the server cannot be reached (")
    assert message.endswith("check the address, the network and that the server is running")
    assert "\n" not in message


def test_text_with_a_nul_character_is_refused_clearly(server_ws):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    with pytest.raises(OperationError, match="holds a NUL character .* nothing was changed"):
        server_ws.update_stage(lid, "train", name="Train\x00nightly")
    assert server_ws.load(lid).stages[1].name == "Train"


# ---- roles and passwords ---------------------------------------------------------------------------
def test_a_read_only_role_opens_read_only_and_an_edit_is_refused_clearly(pg_cluster, server_ws, pg_url):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    db = _db(pg_url)
    run_psql(pg_cluster, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'auditor') "
             "THEN CREATE ROLE auditor LOGIN; END IF; END $$")
    run_psql(pg_cluster, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor", db=db)
    url = pg_cluster.url(db, user="auditor")
    with Workspace.open(url) as ws:
        assert ws.read_only
        assert ws.load(lid) == small_lifecycle()
        with pytest.raises(WorkspaceError) as refused:
            ws.move_stages(lid, {"train": (1.0, 2.0)})
        assert str(refused.value) == (
            f"{url}: your database role may only read this workspace (read only); nothing was changed")
    assert server_ws.load(lid) == small_lifecycle()


def test_a_role_that_may_not_read_is_told_permission_denied(pg_cluster, server_ws, pg_url):
    run_psql(pg_cluster, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'outsider') "
             "THEN CREATE ROLE outsider LOGIN; END IF; END $$")
    url = pg_cluster.url(_db(pg_url), user="outsider")
    with pytest.raises(WorkspaceError, match="permission denied: your database role may not read this workspace"):
        Workspace.open(url)


@pytest.fixture
def keyholder_url(pg_cluster):
    name = create_database(pg_cluster, owner=PASSWORD_ROLE)
    yield pg_cluster.url(name, user=PASSWORD_ROLE)
    drop_database(pg_cluster, name)


def test_a_missing_password_raises_password_needed_and_the_given_one_opens(no_libpq_password, keyholder_url):
    with pytest.raises(PasswordNeeded) as asked:
        Workspace.create(keyholder_url)
    assert str(asked.value).startswith(f"{keyholder_url}: the server asks for a password")
    Workspace.create(keyholder_url, password=PASSWORD).close()
    with pytest.raises(PasswordNeeded):
        Workspace.open(keyholder_url)
    with pytest.raises(PasswordNeeded):
        Workspace.open_for_reading(keyholder_url)
    with Workspace.open(keyholder_url, password=PASSWORD) as ws:
        assert not ws.read_only and ws.lifecycles() == []


def test_libpq_finds_the_password_itself(no_libpq_password, keyholder_url, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    Workspace.create(keyholder_url).close()
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:*:*:{PASSWORD_ROLE}:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with Workspace.open(keyholder_url) as ws:
        assert ws.lifecycles() == []


def test_the_password_never_appears_in_a_message(no_libpq_password, keyholder_url, pg_cluster):
    wrong = "wrong-Secret-9f3$|<script>"
    messages = []
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(keyholder_url, password=wrong)
    assert str(refused.value) == (
        f"{keyholder_url}: authentication failed: the server did not accept the password for this "
        "user; nothing was changed")
    messages += [str(refused.value), refused.value.detail]
    with pytest.raises(WorkspaceError) as refused:
        Workspace.create(keyholder_url, password=wrong)
    messages += [str(refused.value), refused.value.detail]
    # a right password, then a failure after it was accepted: still not in any message
    with Workspace.create(keyholder_url, password=PASSWORD) as ws:
        lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
        _drop_connections(pg_cluster, _db(keyholder_url))
        with pytest.raises(WorkspaceError) as refused:
            ws.update_stage(lid, "train", name="Lost")
        messages += [str(refused.value), refused.value.detail, repr(ws.location), ws.location_text]
    for text in messages:
        assert wrong not in text and PASSWORD not in text


# ---- connections and concurrency ------------------------------------------------------------------
def _drop_connections(pg_cluster, db: str) -> None:
    run_psql(pg_cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
             f"WHERE datname = '{db}' AND pid <> pg_backend_pid()")


def test_a_lost_connection_loses_that_edit_only_and_the_next_one_reconnects(pg_cluster, server_ws, pg_url):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    _drop_connections(pg_cluster, _db(pg_url))
    with pytest.raises(WorkspaceError) as refused:
        server_ws.update_stage(lid, "train", name="Lost edit")
    assert str(refused.value) == (
        f"{pg_url}: the connection to the server was lost: the change was not saved; "
        "check the network and try again")
    server_ws.update_stage(lid, "ship", name="Release")
    assert [s.name for s in server_ws.load(lid).stages] == ["Data refresh", "Train", "Release", "Watch"]


def _wait_until_blocked(pg_url: str) -> None:
    for _ in range(500):
        rows = plain_rows(pg_url, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                  f"AND datname = '{_db(pg_url)}'")
        if rows[0][0]:
            return
        time.sleep(0.01)
    raise AssertionError("the operation never waited for the other session's lock")


def test_an_operation_that_loses_a_race_runs_again_on_the_new_state(server_ws, pg_url):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    other = psycopg.connect("postgresql://" + pg_url.split("://", 1)[1])
    # another session changes the stage and holds its transaction open...
    other.execute("UPDATE stages SET name = 'Train weekly' WHERE key = 'train'")
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(
        server_ws.move_stages(lid, {"train": (300.0, 60.0)})))
    worker.start()
    # ...the move reads its snapshot, then waits for the row; the other commits under it, so
    # the server refuses the move's write (serialization failure) and the store runs it again
    _wait_until_blocked(pg_url)
    other.commit()
    other.close()
    worker.join(30)
    assert len(results) == 1 and results[0].stages["train"].x == 300.0
    doc = server_ws.load(lid)
    assert (doc.stages[1].name, doc.stages[1].x, doc.stages[1].y) == ("Train weekly", 300.0, 60.0)
    assert [a.operation for a in server_ws.activity(lid)].count("move_stages") == 1


def test_a_change_is_announced_on_commit_only(server_ws, pg_url):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    listener = psycopg.connect("postgresql://" + pg_url.split("://", 1)[1], autocommit=True)
    listener.execute("LISTEN lcstudio")
    with pytest.raises(RuntimeError):
        with server_ws._transaction() as conn:
            server_ws._announce(conn, lid, 6)
            raise RuntimeError("rolled back")
    with server_ws._transaction() as conn:
        server_ws._announce(conn, lid, 7)
    notices = [json.loads(n.payload) for n in listener.notifies(timeout=2, stop_after=1)]
    listener.close()
    assert notices == [{"lifecycle": lid, "revision": 7, "session": server_ws.session_id}]


def test_every_workspace_object_has_its_own_session_id(server_ws, pg_url, tmp_path):
    with Workspace.open(pg_url) as other, Workspace.create(tmp_path / "w.lcstudio") as file_ws:
        ids = {server_ws.session_id, other.session_id, file_ws.session_id}
        assert len(ids) == 3 and all(len(i) == 32 for i in ids)
        assert not file_ws.is_server and file_ws.location_text == str(tmp_path / "w.lcstudio")


def test_check_on_a_file_does_not_load_the_postgresql_driver(tmp_path):
    path = tmp_path / "plain.lcstudio"
    with Workspace.create(path) as ws:
        ws.create_lifecycle(small_lifecycle())
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"code = main(['check', {str(path)!r}])\n"
        "print('DRIVER', sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg'), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                          timeout=120, env=os.environ.copy())
    assert "DRIVER []" in proc.stderr, proc.stderr


# ---- an older server workspace ---------------------------------------------------------------------
def _older_server_workspace(pg_cluster, version: int) -> str:
    """A server workspace as an earlier release made it (schema ``version``), with a lifecycle."""
    url = pg_cluster.url(create_database(pg_cluster))
    engine, conn = server.connect(parse_location(url), None)
    with conn.begin():
        conn.execute(server._text(
            f"CREATE TABLE {server.MARKER_TABLE} (application_id INTEGER NOT NULL, schema_version INTEGER NOT NULL)"))
        conn.execute(server._text(f"INSERT INTO {server.MARKER_TABLE} VALUES ({eng.APPLICATION_ID}, 0)"))
        eng.run_migrations(conn, eng.REVISIONS[version - 1])
        conn.execute(server._text(
            "INSERT INTO lifecycles (name, paradigm, description, created_at, deleted) "
            "VALUES ('Old plan', 'hybrid', '', '2025-01-01 09:00:00', false)"))
        conn.execute(server._text(
            "INSERT INTO stages (lifecycle_pk, key, name, kind, owner_pk, automation, criteria, notes, x, y, seq) "
            "SELECT pk, 'train', 'Train', 'develop', NULL, 'manual', '', '', 10, 20, 1 FROM lifecycles"))
    conn.close()
    engine.dispose()
    return url


def test_an_older_server_workspace_is_upgraded_on_open_and_keeps_its_plan(pg_cluster):
    url = _older_server_workspace(pg_cluster, min(EXPECTED_SERVER))
    with Workspace.open(url) as ws:
        lid = ws.lifecycle_id("Old plan")
        assert [(s.id, s.x, s.y) for s in ws.load(lid).stages] == [("train", 10.0, 20.0)]
        ws.add_stages(lid, [Stage("ship", "Ship", "deploy")])
    assert plain_rows(url, "SELECT schema_version FROM lcstudio_workspace") == [(eng.SCHEMA_VERSION,)]
    assert plain_rows(url, "SELECT version_num FROM alembic_version") == [(eng.HEAD_REVISION,)]


def test_an_older_server_workspace_is_not_upgraded_by_a_reading(pg_cluster):
    version = min(EXPECTED_SERVER)
    url = _older_server_workspace(pg_cluster, version)
    with pytest.raises(WorkspaceError, match=f"older version \\(schema {version}\\) and must be upgraded"):
        Workspace.open_for_reading(url)
    assert plain_rows(url, "SELECT schema_version FROM lcstudio_workspace") == [(version,)]


def test_the_server_schema_is_exactly_the_mapped_one(server_ws):
    """The same Alembic history builds on PostgreSQL exactly the tables, columns and types the
    SQLAlchemy mapping (which the operations use) describes; the marker table is the server's
    own header."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop_app.model.tables import Base

    def ours(name, type_, _parent_names) -> bool:
        return not (type_ == "table" and name == server.MARKER_TABLE)

    with server_ws._engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": ours})
        diff = compare_metadata(context, Base.metadata)
        conn.rollback()
    assert diff == []


def test_a_role_whose_transactions_are_read_only_opens_read_only(pg_cluster, server_ws, pg_url):
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    db = _db(pg_url)
    run_psql(pg_cluster, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'viewer') "
             "THEN CREATE ROLE viewer LOGIN; END IF; END $$")
    run_psql(pg_cluster, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO viewer", db=db)
    run_psql(pg_cluster, f"ALTER ROLE viewer IN DATABASE {db} SET default_transaction_read_only = on")
    url = pg_cluster.url(db, user="viewer")
    with Workspace.open(url) as ws:
        assert ws.read_only
        with pytest.raises(WorkspaceError, match="accepts only reading on this connection .* nothing was changed"):
            ws.update_stage(lid, "train", name="Train weekly")
        assert ws.load(lid) == small_lifecycle()


def test_an_altered_older_server_workspace_is_not_upgraded_and_left_as_it_was(pg_cluster):
    version = min(EXPECTED_SERVER)
    url = _older_server_workspace(pg_cluster, version)
    run_psql(pg_cluster, "ALTER TABLE stages ADD COLUMN secret text", db=_db(url))
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(url)
    message = str(refused.value)
    assert message.startswith(f"{url}: the workspace could not be upgraded to this version (the "
                              "workspace's tables were changed outside Lifecycle Studio (unexpected column")
    assert message.endswith("; it is unchanged")
    assert plain_rows(url, "SELECT schema_version FROM lcstudio_workspace") == [(version,)]
    assert plain_rows(url, "SELECT version_num FROM alembic_version") == [(eng.REVISIONS[version - 1],)]


def test_sslmode_goes_through_to_libpq(server_ws, pg_url):
    server_ws.create_lifecycle(small_lifecycle())
    with Workspace.open(pg_url + "?sslmode=disable") as ws:
        assert ws.location_text == pg_url + "?sslmode=disable"
        assert [lc.name for lc in ws.lifecycles()] == ["Churn model"]
    # the throwaway server has no certificate: libpq must refuse, since the address requires SSL
    with pytest.raises(WorkspaceError, match="SSL"):
        Workspace.open(pg_url + "?sslmode=require")


def test_a_service_file_gives_the_password(no_libpq_password, keyholder_url, monkeypatch, tmp_path):
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[team]\npassword={PASSWORD}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("PGSERVICE", "team")
    Workspace.create(keyholder_url).close()
    with Workspace.open_for_reading(keyholder_url) as ws:
        assert ws.lifecycles() == []


def test_writers_take_turns_so_an_operation_of_the_app_never_loses_a_race(server_ws, pg_url, monkeypatch):
    from desktop_app.store import workspace as workspace_module

    # no second attempt: an operation that lost a race would be refused here
    monkeypatch.setattr(workspace_module, "SERVER_ATTEMPTS", 1)
    lid = server_ws.create_lifecycle(small_lifecycle()).lifecycle_id
    errors: list[BaseException] = []

    def moves(stage: str) -> None:
        try:
            with Workspace.open(pg_url) as ws:
                ws.load(lid)
                for i in range(40):
                    ws.move_stages(lid, {stage: (float(i), float(i))})
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    workers = [threading.Thread(target=moves, args=(key,)) for key in ("train", "ship", "watch")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert errors == []
    doc = server_ws.load(lid)
    assert {s.id: (s.x, s.y) for s in doc.stages if s.id != "data"} == {
        "train": (39.0, 39.0), "ship": (39.0, 39.0), "watch": (39.0, 39.0)}
    assert server_ws.revision(lid) == 120
