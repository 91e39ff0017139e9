"""A server workspace is untrusted input, as a mailed file is (issue 13 review): its owner, or
anyone who may change its schema, could plant code that runs as whoever opens it, or hide rows
from the app. Such a database is refused at open, before any statement of the app could run the
code, with the one-line "changed outside Lifecycle Studio" message."""

from __future__ import annotations

import pytest

from desktop_app.model.document import Lifecycle, Stage
from desktop_app.store import APPLICATION_ID, Workspace, WorkspaceError
from tests.pg_server import run_psql

CHANGED = "the workspace's tables were changed outside Lifecycle Studio (unexpected "

# a table outside ``public`` that the planted code writes to when it runs, readable by all
TRAP = ("CREATE SCHEMA trap; CREATE TABLE trap.ran (who text); GRANT USAGE ON SCHEMA trap TO PUBLIC; "
        "GRANT INSERT, SELECT ON trap.ran TO PUBLIC; "
        "CREATE FUNCTION trap.note() RETURNS text LANGUAGE sql "
        "AS $$ INSERT INTO trap.ran VALUES (current_user) RETURNING who $$; ")

PLANTED = {
    # the CVE-2018-1058 pattern: ``=`` on two varchars in public matches the app's
    # ``stages.key = 'watch'`` more exactly than pg_catalog's text = text, and runs as the opener
    "operator": (
        TRAP + "CREATE FUNCTION public.same(varchar, varchar) RETURNS boolean LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM trap.note(); RETURN $1::text = $2::text; END $$; "
        "CREATE OPERATOR public.= (leftarg = varchar, rightarg = varchar, function = public.same)",
        "function 'same'"),
    "default": (TRAP + "ALTER TABLE activity ALTER COLUMN summary SET DEFAULT trap.note()",
                       "expression calling 'activity' 'function trap.note()'"),
    "check": (TRAP + "ALTER TABLE stages DROP CONSTRAINT ck_stages_name; ALTER TABLE stages ADD "
                     "CONSTRAINT ck_stages_name CHECK (name <> trap.note())",
                     "expression calling 'stages' 'function trap.note()'"),
    "index": (TRAP + "CREATE FUNCTION trap.same(text) RETURNS text IMMUTABLE LANGUAGE sql AS "
                     "$$ SELECT $1 $$; DROP INDEX IF EXISTS ix_activity_lifecycle_revision; "
                     "CREATE INDEX ix_activity_lifecycle_revision ON activity (trap.same(summary))",
                     "expression calling 'ix_activity_lifecycle_revision' 'function trap.same(text)'"),
    "type": ("CREATE DOMAIN public.label AS text", "type 'label'"),
    "row security": ("ALTER TABLE stages ENABLE ROW LEVEL SECURITY; "
                     "ALTER TABLE stages FORCE ROW LEVEL SECURITY", "row security on 'stages'"),
    "inheritance": ("CREATE SCHEMA more; CREATE TABLE more.stages () INHERITS (public.stages)",
                    "inheriting table 'stages' 'stages'"),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_database_with_planted_code_or_hidden_rows_is_refused(case, pg_cluster, pg_url):
    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")])).lifecycle_id
    database = pg_url.rsplit("/", 1)[1]
    sql, unexpected = PLANTED[case]
    run_psql(pg_cluster, sql, db=database)
    for opening in (Workspace.open, Workspace.open_for_reading):
        with pytest.raises(WorkspaceError) as refused:
            with opening(pg_url) as ws:
                ws.update_stage(lid, "watch", name="Drift watch")   # what the app would do next
        assert refused.value.reason.startswith(CHANGED + unexpected)
    if "trap" in sql:   # (a CHECK ran once as the superuser who added it)
        assert ("lead",) not in run_psql(pg_cluster, "SELECT who FROM trap.ran", db=database)


@pytest.mark.parametrize("sql, value", [
    ("UPDATE items SET due = '20000-01-01'", "date too large (after year 10K): '20000-01-01'"),
    ("UPDATE lifecycles SET created_at = '-infinity'", "timestamp too small (before year 1): '-infinity'"),
])
def test_a_stored_value_python_cannot_hold_is_the_workspaces_fault_not_the_servers(sql, value, pg_cluster,
                                                                                  pg_url):
    from desktop_app.model.document import Item

    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")])).lifecycle_id
        ws.add_item(lid, 1, Item(id="i1", title="Define metrics"))
    run_psql(pg_cluster, sql, db=pg_url.rsplit("/", 1)[1])
    with Workspace.open_for_reading(pg_url) as ws:
        with pytest.raises(WorkspaceError) as refused:
            ws.load(lid)
    # was "the server reported an error (...)": the server is fine, a row is not
    assert refused.value.reason == f"the workspace holds a value this app cannot read ({value}); nothing was changed"


def test_a_database_with_a_planted_operator_is_no_empty_database_for_a_new_workspace(pg_cluster, pg_url,
                                                                                    tmp_path, capsys):
    from desktop_app.cli import main

    database = pg_url.rsplit("/", 1)[1]
    run_psql(pg_cluster, PLANTED["operator"][0], db=database)
    mine = tmp_path / "my.lcstudio"
    with Workspace.create(mine) as ws:
        ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("watch", "Monitoring", "monitor")]))
    for command in (["new", pg_url], ["copy", str(mine), pg_url]):
        assert main(command) == 2
        # was "the workspace's tables were changed outside Lifecycle Studio (unexpected expression
        # calling 'edges' 'operator =(...)'...": the migrations' checks had bound to the planted "="
        assert capsys.readouterr().err == (
            f"lifecycle-studio {command[0]}: {pg_url}: the database is not empty (it holds function "
            "'same' and 1 more); a new workspace needs an empty database: create one with createdb\n")
    # nothing was made: the database holds what it held
    assert run_psql(pg_cluster, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace",
                    db=database) == [(0,)]


def test_floats_are_read_exactly_whatever_the_database_sets(pg_cluster, pg_url):
    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(Lifecycle("Plan", stages=[
            Stage("watch", "Monitoring", "monitor", x=1.2345678901234567, y=0.1 + 0.2)])).lifecycle_id
    database = pg_url.rsplit("/", 1)[1]
    # the database's owner (or a role setting, or the server's configuration) asks for fewer digits
    run_psql(pg_cluster, f"ALTER DATABASE {database} SET extra_float_digits = -15")
    with Workspace.open(pg_url) as ws:
        stage = ws.load(lid).stage("watch")
        assert (stage.x, stage.y) == (1.2345678901234567, 0.1 + 0.2)


@pytest.mark.parametrize("version", [4, 3])
def test_a_marker_table_alone_is_refused_as_changed_not_as_a_server_error(pg_cluster, pg_url, version):
    database = pg_url.rsplit("/", 1)[1]
    run_psql(pg_cluster, "CREATE TABLE lcstudio_workspace (application_id INTEGER NOT NULL, "
                         f"schema_version INTEGER NOT NULL); INSERT INTO lcstudio_workspace VALUES "
                         f"({APPLICATION_ID}, {version}); ALTER TABLE lcstudio_workspace OWNER TO lead", db=database)
    for opening in (Workspace.open, Workspace.open_for_reading):
        with pytest.raises(WorkspaceError) as refused:
            opening(pg_url)
        # was "the server reported an error (relation "stages" does not exist)"
        assert "the workspace's tables were changed outside Lifecycle Studio (" in refused.value.reason
        assert "relation" not in refused.value.reason.split("(", 1)[0]


@pytest.mark.parametrize("version", [0, 2, -1])
def test_a_marker_with_a_version_no_server_workspace_had_is_not_a_workspace(pg_cluster, pg_url, version):
    database = pg_url.rsplit("/", 1)[1]
    run_psql(pg_cluster, "CREATE TABLE lcstudio_workspace (application_id INTEGER NOT NULL, "
                         f"schema_version INTEGER NOT NULL); INSERT INTO lcstudio_workspace VALUES "
                         f"({APPLICATION_ID}, {version}); ALTER TABLE lcstudio_workspace OWNER TO lead",
             db=database)
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open_for_reading(pg_url)
    # was "the workspace is of an older version (schema 0) and must be upgraded ..."
    assert refused.value.reason == ("this database is not a Lifecycle Studio workspace (its "
                                    "lcstudio_workspace table says otherwise)")
