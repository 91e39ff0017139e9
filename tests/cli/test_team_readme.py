"""README "Working as a team", as written, on a real server: the lead publishes a file with `copy`,
runs the README's GRANT statements, and then a colleague's role edits the workspace while a
read-only role opens, checks, lists, exports and reports but is told "read only" on an edit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.model.document import Stage
from desktop_app.store import Workspace, WorkspaceError
from tests.cli.test_copy import build_rich_workspace
from tests.pg_server import run_psql

README = Path(__file__).resolve().parents[2] / "README.md"


def _team_section() -> str:
    """The README's "Working as a team" section."""
    text = README.read_text(encoding="utf-8")
    return text.split("## Working as a team", 1)[1].split("\n## ", 1)[0]


def _readme_grants() -> tuple[str, str]:
    """The psql line of the README's team section: the address it runs on and its SQL."""
    found = re.search(r'^psql (\S+) -c "(.*?)"$', _team_section(), flags=re.S | re.M)
    assert found, "the README's team section has no psql GRANT line"
    return found.group(1), found.group(2)


def _role(cluster, name: str) -> None:
    if not run_psql(cluster, f"SELECT 1 FROM pg_roles WHERE rolname = '{name}'"):
        run_psql(cluster, f"CREATE ROLE {name} LOGIN")


def test_the_readme_set_up_gives_an_editor_and_a_reader(tmp_path, pg_cluster, pg_url, capsys):
    import psycopg

    address, sql = _readme_grants()
    assert address == "postgresql://lead@db.example/lifecycles"
    for role in ("alice", "auditor"):
        _role(pg_cluster, role)
    database = pg_url.rsplit("/", 1)[1]
    mine = tmp_path / "my.lcstudio"
    build_rich_workspace(mine)
    assert main(["copy", str(mine), pg_url]) == 0
    # the lead runs the README's statements on the published workspace
    with psycopg.connect(f"host={pg_cluster.host} port={pg_cluster.port} user=lead dbname={database}",
                         autocommit=True) as conn:
        conn.execute(sql)
        # a table a later version's migration adds (made by the owner, as an upgrade is) is
        # open to the others as the README says
        conn.execute("CREATE TABLE later_version_table (pk SERIAL PRIMARY KEY, x TEXT)")
        rights = conn.execute(
            "SELECT has_table_privilege('alice', 'later_version_table', 'INSERT'), "
            "has_sequence_privilege('alice', 'later_version_table_pk_seq', 'USAGE'), "
            "has_table_privilege('auditor', 'later_version_table', 'SELECT'), "
            "has_table_privilege('auditor', 'later_version_table', 'INSERT')").fetchone()
        assert rights == (True, True, True, False)
        conn.execute("DROP TABLE later_version_table")

    name = "Hybrid: governed outer loop, fast inner loop"
    alice = pg_cluster.url(database, user="alice")
    with Workspace.open(alice) as ws:
        assert not ws.read_only
        lid = ws.lifecycle_id(name)
        ws.add_stages(lid, [Stage("alice-stage", "Added by alice", "monitor")])
        ws.take_snapshot(lid, "alice was here")

    auditor = pg_cluster.url(database, user="auditor")
    with Workspace.open(auditor) as ws:
        assert ws.read_only
        lid = ws.lifecycle_id(name)
        assert ws.load(lid).stage("alice-stage").name == "Added by alice"
        with pytest.raises(WorkspaceError, match="read only"):
            ws.add_stages(lid, [Stage("nope", "Not allowed", "data")])
    capsys.readouterr()
    assert main(["list", auditor]) == 0
    assert main(["check", auditor, "--lifecycle", name]) in (0, 1)
    assert main(["export", auditor, "--lifecycle", name, "--to", str(tmp_path / "plan.svg")]) == 0
    assert main(["report", auditor, "--lifecycle", name, "--since", "kick-off",
                 "--to", str(tmp_path / "retro.html")]) == 0
    # and the auditor may take the plan on a plane
    assert main(["copy", auditor, str(tmp_path / "plane.lcstudio")]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err


def _readme_blocks() -> list[str]:
    return re.findall(r"^```\n(.*?)^```$", _team_section(), flags=re.S | re.M)


def test_the_readme_pgpass_line_serves_the_copy_there_and_back(tmp_path, pg_cluster, capsys, monkeypatch):
    """The README's .pgpass line, for this cluster's password role, gives the password for the
    published database and for the second one the README copies the plane's file into."""
    from tests.pg_server import PASSWORD, PASSWORD_ROLE

    line = next(b for b in _readme_blocks() if b.startswith("db.example:")).strip()
    host, port, database, user, _password = line.split(":", 4)
    assert (host, port, user) == ("db.example", "5432", "lead")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{pg_cluster.host}:{pg_cluster.port}:{database}:{PASSWORD_ROLE}:{PASSWORD}\n")
    pgpass.chmod(0o600)
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    copies = [b for b in _readme_blocks() if "plane.lcstudio" in b][0]
    targets = re.findall(r"postgresql\+psycopg://lead@db\.example/(\w+)", copies)
    assert targets == ["lifecycles", "lifecycles_v2"]
    for name in targets:
        run_psql(pg_cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        run_psql(pg_cluster, f"CREATE DATABASE {name} OWNER {PASSWORD_ROLE}")
    try:
        mine = tmp_path / "my.lcstudio"
        build_rich_workspace(mine)
        first, second = (pg_cluster.url(name, user=PASSWORD_ROLE) for name in targets)
        assert main(["copy", str(mine), first]) == 0, capsys.readouterr().err
        plane = tmp_path / "plane.lcstudio"
        assert main(["copy", first, str(plane)]) == 0, capsys.readouterr().err
        assert main(["copy", str(plane), second]) == 0, capsys.readouterr().err
    finally:
        for name in targets:
            run_psql(pg_cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
