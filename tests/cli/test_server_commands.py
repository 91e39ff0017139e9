"""The command line on a server workspace (a real throwaway PostgreSQL cluster, tests/pg_server.py):
every workspace argument takes an address, `copy` moves a whole workspace file ↔ server, and a
server that cannot be used is a one-line refusal naming the workspace, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from desktop_app.cli import main
from desktop_app.store import Workspace
from tests.cli.test_copy import (ROOT, _big_workspace, all_rows, build_rich_workspace,
                                 kill_copy_half_way, run)
from tests.examples import EXAMPLES
from tests.pg_server import PASSWORD, PASSWORD_ROLE, run_psql


def _tables(cluster, database: str) -> list[str]:
    return sorted(r[0] for r in run_psql(
        cluster, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                 "AND relkind = 'r'", db=database))


def _database(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_a_file_goes_to_the_server_and_comes_back_the_same(tmp_path, pg_url, capsys):
    mine, back = tmp_path / "mine.lcstudio", tmp_path / "back.lcstudio"
    build_rich_workspace(mine)
    code, out, err = run(capsys, "copy", mine, pg_url)
    assert code == 0, err
    assert out.startswith(f"Copied {mine} to {pg_url}: 2 lifecycles, 2 snapshots")
    code, out, err = run(capsys, "copy", pg_url, back)
    assert code == 0, err
    # every row of every table, read by sqlite3 itself: through the server and back unchanged
    assert all_rows(back) == all_rows(mine)
    # and the server workspace is one the store opens and edits (new keys clear of the copied)
    with Workspace.open(pg_url) as ws:
        lid = ws.lifecycle_id("Hybrid: governed outer loop, fast inner loop")
        ws.take_snapshot(lid, "published")
        assert [s.label for s in ws.snapshots(lid)] == ["kick-off", "after review", "published"]


def test_every_command_takes_the_address(tmp_path, pg_url, capsys):
    code, out, err = run(capsys, "new", pg_url, "--template", "hybrid")
    assert code == 0, err
    assert out == f"Created {pg_url} with the hybrid lifecycle\n"
    code, out, err = run(capsys, "import", EXAMPLES / "feedback-loop.lifecycle.json", "--into", pg_url)
    assert code == 0, err
    assert out.startswith("Imported ") and f" into {pg_url}: " in out
    code, out, _ = run(capsys, "list", pg_url)
    assert code == 0 and len(out.splitlines()) == 2
    name = "Hybrid: governed outer loop, fast inner loop"
    code, out, err = run(capsys, "check", pg_url, "--lifecycle", name)
    assert code in (0, 1), err
    assert out.startswith(f"{pg_url} ({name}): LC")
    out_json = tmp_path / "out.lifecycle.json"
    code, _, err = run(capsys, "export", pg_url, "--lifecycle", name, "--to", out_json)
    assert code == 0, err
    assert json.loads(out_json.read_text(encoding="utf-8"))["name"] == name
    code, out, err = run(capsys, "snapshot", pg_url, "--lifecycle", name, "--label", "kick-off")
    assert code == 0, err
    assert out == f"{pg_url}: took snapshot 'kick-off' of {name!r}\n"
    code, out, err = run(capsys, "diff", pg_url, "--lifecycle", name, "--since", "kick-off")
    assert code == 0, err
    report = tmp_path / "retro.html"
    code, out, err = run(capsys, "report", pg_url, "--lifecycle", name, "--to", report)
    assert code == 0, err
    assert name in report.read_text(encoding="utf-8")
    # `postgresql://` is the same workspace, named the one way
    code, out, _ = run(capsys, "list", pg_url.replace("postgresql+psycopg://", "postgresql://"))
    assert code == 0 and len(out.splitlines()) == 2
    code, _, err = run(capsys, "check", pg_url, "--lifecycle", "No such plan")
    assert code == 2
    assert err == (f"lifecycle-studio check: {pg_url}: no lifecycle named 'No such plan' "
                   f"(it holds: 'Continuous feedback loop', {name!r})\n")


def test_copy_into_a_database_that_is_not_empty_changes_nothing(tmp_path, pg_cluster, pg_url, capsys):
    mine = tmp_path / "mine.lcstudio"
    build_rich_workspace(mine)
    database = _database(pg_url)
    run_psql(pg_cluster, "CREATE TABLE payroll (who text); INSERT INTO payroll VALUES ('alice')", db=database)
    code, out, err = run(capsys, "copy", mine, pg_url)
    assert code == 2 and out == ""
    assert err.startswith(f"lifecycle-studio copy: {pg_url}: the database is not empty")
    assert err.count("\n") == 1
    assert _tables(pg_cluster, database) == ["payroll"]
    assert run_psql(pg_cluster, "SELECT who FROM payroll", db=database) == [("alice",)]


def test_copy_onto_a_workspace_on_the_server_is_refused(tmp_path, pg_url, capsys):
    mine = tmp_path / "mine.lcstudio"
    build_rich_workspace(mine)
    assert run(capsys, "copy", mine, pg_url)[0] == 0
    code, _, err = run(capsys, "copy", mine, pg_url)
    assert code == 2 and "the database is not empty" in err
    with Workspace.open_for_reading(pg_url) as ws:
        assert len(ws.lifecycles()) == 2   # one copy, not two


def test_a_copy_to_the_server_killed_half_way_leaves_the_database_empty(tmp_path, pg_cluster, pg_url):
    big = tmp_path / "big.lcstudio"
    _big_workspace(big, 6000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kill_copy_half_way(big, pg_url, env)
    # the schema went in the same transaction as the rows: nothing of it is left
    assert _tables(pg_cluster, _database(pg_url)) == []
    done = subprocess.run([sys.executable, "-m", "desktop_app", "copy", str(big), pg_url],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    back = tmp_path / "back.lcstudio"
    assert main(["copy", pg_url, str(back)]) == 0
    assert all_rows(back) == all_rows(big)


def _refusal_cases(cluster, url):
    """case -> (the address given, what the refusal says, how it names the workspace)"""
    database = _database(url)
    host = f"{cluster.host}:{cluster.port}"
    unreachable = f"postgresql+psycopg://lead@127.0.0.1:1/{database}"
    missing = f"postgresql+psycopg://lead@{host}/no_such_database"
    locked = f"postgresql+psycopg://{PASSWORD_ROLE}@{host}/{database}"
    other = f"mysql://lead@{host}/{database}"
    with_password = f"postgresql://{PASSWORD_ROLE}:{PASSWORD.replace(' ', '%20')}@{host}/{database}"
    return {
        "unreachable": (unreachable, "the server cannot be reached", unreachable),
        "no such database": (missing, "the database does not exist", missing),
        "password needed": (locked, "asks for a password", locked),
        "not ours": (url, "this database is not a Lifecycle Studio workspace", url),
        "not postgres": (other, "only PostgreSQL servers are supported", other),
        "password in it": (with_password, "a password does not belong in the workspace address",
                           f"postgresql://{PASSWORD_ROLE}@{host}/{database}"),
    }


CASES = ["unreachable", "no such database", "password needed", "not ours", "not postgres", "password in it"]
COMMANDS = ["list", "check", "export", "snapshot", "copy-from", "copy-to", "new"]
# an empty database is just what `new` and `copy` to a server want (not ours, not empty: above)
WRITING_INTO = {"new", "copy-to"}


@pytest.mark.parametrize("command, case", [(command, case) for command in COMMANDS for case in CASES
                                           if not (case == "not ours" and command in WRITING_INTO)])
def test_a_server_that_cannot_be_used_is_one_line_naming_it(tmp_path, pg_cluster, pg_url, monkeypatch,
                                                             capsys, case, command):
    # no password from anywhere but the prompt the commands do not have
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url, message, shown = _refusal_cases(pg_cluster, pg_url)[case]
    mine = tmp_path / "mine.lcstudio"
    if command == "copy-to":
        build_rich_workspace(mine)
    argv = {
        "list": ["list", url],
        "check": ["check", url],
        "export": ["export", url, "--to", tmp_path / "out.png"],
        "snapshot": ["snapshot", url, "--lifecycle", "Churn", "--label", "x"],
        "copy-from": ["copy", url, tmp_path / "copy.lcstudio"],
        "copy-to": ["copy", mine, url],
        "new": ["new", url],
    }[command]
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert message in err and "Traceback" not in err
    assert err.startswith(f"lifecycle-studio {argv[0]}: {shown}: ")
    assert PASSWORD not in err and PASSWORD.replace(" ", "%20") not in err
    assert not (tmp_path / "copy.lcstudio").exists() and not (tmp_path / "out.png").exists()


def test_check_on_a_file_does_not_load_the_database_driver(tmp_path):
    ws = tmp_path / "mine.lcstudio"
    build_rich_workspace(ws)
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"code = main(['check', {str(ws)!r}, '--format', 'json'])\n"
        "print('DRIVER', sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg'), 'CODE', code, "
        "file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "DRIVER [] CODE" in proc.stderr, proc.stderr


def test_an_older_file_is_published_at_todays_schema_and_left_as_it_was(tmp_path, pg_url, capsys):
    from tests.store.test_migrations import _make_workspace_at

    old = tmp_path / "old.lcstudio"
    _make_workspace_at(old, "r0002")
    before = old.read_bytes()
    code, out, err = run(capsys, "copy", old, pg_url)
    assert code == 0, err
    # the upgrade happened to a private copy: the colleague's file is theirs to upgrade
    assert old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.lcstudio"]
    with Workspace.open(pg_url) as ws:
        lid = ws.lifecycle_id("Old plan")
        doc = ws.load(lid)
        assert [s.name for s in doc.stages] == ["Train", "Watch"]
        assert doc.edge("e2").latency_days == 4.5
        assert [r.notes for r in ws.retrospectives(lid)] == ["went well"]
        ws.update_stage(lid, "train", name="Train nightly")
        assert ws.load(lid).stage("train").name == "Train nightly"


def test_salvage_is_for_a_damaged_file_not_a_server(tmp_path, pg_url, capsys):
    assert run(capsys, "new", pg_url, "--template", "hybrid")[0] == 0
    code, out, err = run(capsys, "export", pg_url, "--salvage", "--to", tmp_path / "plan.lifecycle.json")
    assert code == 2 and out == ""
    assert err == (f"lifecycle-studio export: {pg_url}: --salvage reads what is left of a damaged "
                   "workspace file; a server workspace is not a file (export without it)\n")
    assert not (tmp_path / "plan.lifecycle.json").exists()
