"""A workspace of an older schema is migrated on open, with a backup copy beside it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop_app.model.document import Lifecycle, Stage
from desktop_app.model.tables import Base
from desktop_app.store import SCHEMA_VERSION, Workspace, WorkspaceError
from desktop_app.store import engine as eng


def _make_old_workspace(path):
    """What the first release (schema revision r0001) wrote, with one lifecycle in it."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute(f"PRAGMA application_id = {eng.APPLICATION_ID}")
    engine = eng.make_engine(raw)
    with engine.connect() as conn:
        eng.run_migrations(conn, "r0001")
        conn.commit()
    raw.execute(
        "INSERT INTO lifecycles (pk, name, paradigm, description, created_at, deleted) "
        "VALUES (1, 'Old plan', 'assembly-line', '', ?, 0)", (datetime(2025, 1, 1).isoformat(" "),)
    )
    raw.execute(
        "INSERT INTO stages (lifecycle_pk, key, name, kind, owner_pk, automation, criteria, notes, x, y, seq) "
        "VALUES (1, 'train', 'Train', 'develop', NULL, 'manual', '', '', 10, 20, 1)"
    )
    engine.dispose()
    raw.close()


def test_an_older_workspace_is_migrated_with_a_backup(tmp_path):
    path = tmp_path / "old.lcstudio"
    _make_old_workspace(path)
    original = list(sqlite3.connect(path).iterdump())
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1

    with Workspace.open(path) as ws:
        doc = ws.load(ws.lifecycle_id("Old plan"))
        assert doc.stage("train").x == 10 and doc.paradigm == "assembly-line"
        # the new tables work
        ws.save_retrospective(ws.lifecycle_id("Old plan"), None, None, "first retro")
        assert ws.integrity_problems() == []

    backup = tmp_path / "old.lcstudio.schema1.bak"
    assert backup.exists()
    # the backup holds the file as it was before the upgrade, row for row
    assert list(sqlite3.connect(backup).iterdump()) == original
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == eng.HEAD_REVISION


# STRICT tables (r0003) store each mapped type in one of SQLite's own: dates and times as text
# (SQLAlchemy writes ISO strings), booleans as integers
_STORED_AS = {"INTEGER": "INTEGER", "BOOLEAN": "INTEGER", "FLOAT": "REAL", "VARCHAR": "TEXT",
              "TEXT": "TEXT", "DATE": "TEXT", "DATETIME": "TEXT"}


def _strict_type_differs(_context, _inspected_column, _metadata_column, inspected_type, metadata_type):
    mapped = type(metadata_type).__visit_name__.upper()
    if mapped == "STRING":
        mapped = "VARCHAR"
    return _STORED_AS.get(mapped, mapped) != str(inspected_type).split("(")[0].upper()


def test_the_migrations_build_exactly_the_mapped_schema(ws):
    """The Alembic history and the SQLAlchemy mapping describe the same tables."""
    with ws._engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": _strict_type_differs})
        diff = compare_metadata(context, Base.metadata)
        conn.rollback()
    assert diff == []


def test_a_new_workspace_is_marked_as_ours(ws_path):
    Workspace.create(ws_path).close()
    conn = sqlite3.connect(ws_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == eng.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def _make_workspace_at(path, revision: str) -> None:
    """A file as the release of ``revision`` wrote it, with a lifecycle, a snapshot and a
    retrospective in it (r0002 on)."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute(f"PRAGMA application_id = {eng.APPLICATION_ID}")
    engine = eng.make_engine(raw)
    with engine.connect() as conn:
        eng.run_migrations(conn, revision)
        conn.commit()
    raw.execute("INSERT INTO lifecycles VALUES (1, 'Old plan', 'hybrid', 'kept', '2025-01-01 09:30:00.000000', 0)")
    raw.execute("INSERT INTO owners VALUES (1, 1, 'pod', 'Model pod', 'team', 1.0)")
    raw.execute("INSERT INTO stages VALUES (1, 1, 'train', 'Train', 'develop', 1, 'partial', 'AUC > 0.8', '', 10, 20.5, 1)")
    raw.execute("INSERT INTO stages VALUES (2, 1, 'watch', 'Watch', 'monitor', NULL, 'manual', '', 'n', 300, 20, 2)")
    raw.execute("INSERT INTO edges VALUES (1, 1, 'e1', 1, 2, 'flow', 'manual', NULL, '', 1)")
    raw.execute("INSERT INTO edges VALUES (2, 1, 'e2', 2, 1, 'feedback', 'drift', 4.5, 'retrain', 2)")
    raw.execute("INSERT INTO phases VALUES (1, 1, 1, '2025-01-06', '2025-03-31', 1)")
    raw.execute("INSERT INTO items VALUES (1, 1, 1, 'p1-a', 'Log predictions', 'done', 1, '2025-02-01', '2025-01-30', '', 1)")
    raw.execute("INSERT INTO rule_settings VALUES (1, 1, 'LC206', 'warning', '{\"max_feedback_days\": 10}')")
    raw.execute("INSERT INTO suppressions VALUES (1, 1, 'LC301', 'watch', 'known gap', 1)")
    raw.execute("INSERT INTO activity VALUES (1, 1, '2025-01-01 09:30:00.000000', 'create', 'made it')")
    if revision >= "r0002":
        raw.execute("INSERT INTO snapshots VALUES (1, 1, 'v1', '2025-01-02 10:00:00.000000', 0, '{}')")
        raw.execute("INSERT INTO retrospectives VALUES (1, 1, 1, NULL, 'went well', '2025-01-03 10:00:00.000000')")
        raw.execute("INSERT INTO action_items VALUES (1, 1, 'add alerts', 0, NULL, 1)")
    engine.dispose()
    raw.close()


@pytest.mark.parametrize("revision", ["r0001", "r0002"])
def test_todays_workspaces_move_to_strict_tables_with_every_row(tmp_path, revision):
    path = tmp_path / "today.lcstudio"
    _make_workspace_at(path, revision)
    rows_before = {t: sqlite3.connect(path).execute(f"SELECT * FROM {t} ORDER BY pk").fetchall()
                   for t in ("lifecycles", "owners", "stages", "edges", "phases", "items", "rule_settings",
                             "suppressions", "activity")}
    with Workspace.open(path) as ws:
        doc = ws.load(ws.lifecycle_id("Old plan"))
        assert doc.stage("train").owner == "pod" and doc.edge("e2").latency_days == 4.5
        assert doc.phases[0].items[0].done_on.isoformat() == "2025-01-30"
        assert doc.rules == {"LC206": {"severity": "warning", "max_feedback_days": 10}}
        ws.update_stage(ws.lifecycle_id("Old plan"), "train", name="Train weekly")
    conn = sqlite3.connect(path)
    strict = conn.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%) STRICT'").fetchone()
    assert strict[0] == 13  # every table but alembic_version, with r0004's removals
    for table, before in rows_before.items():
        # the columns they had (later revisions add columns at the end: rev, author, ...)
        after = [r[: len(before[0])] for r in conn.execute(f"SELECT * FROM {table} ORDER BY pk")]
        if table == "stages":
            after = [r[:3] + ("Train",) + r[4:] if r[2] == "train" else r for r in after]
        if table == "activity":
            after = after[: len(before)]
        assert after == before, table
    with Workspace.open(path) as again:  # the migrated file passes the open's own checks
        assert again.load(again.lifecycle_id("Old plan")).stage("train").name == "Train weekly"


def test_the_strict_tables_refuse_what_the_format_refuses(ws):
    lid = ws.create_lifecycle(Lifecycle("Plan", stages=[Stage("a", "A", "data")])).lifecycle_id
    raw = ws._raw
    for statement in ("UPDATE stages SET kind = 'wizard'", "UPDATE stages SET x = 'left'",
                      "UPDATE stages SET name = ''", "UPDATE lifecycles SET deleted = 2",
                      "INSERT INTO phases (lifecycle_pk, number, planned_start, seq) VALUES (1, 1, '2025-02-30', 1)",
                      "UPDATE stages SET \"key\" = 'a b'"):
        with pytest.raises(sqlite3.IntegrityError):
            raw.execute(statement)
    assert ws.load(lid).stage("a").kind == "data"


def test_an_old_workspace_with_a_bad_cell_is_refused_before_any_backup(tmp_path):
    path = tmp_path / "bad.lcstudio"
    _make_workspace_at(path, "r0002")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE stages SET kind = 'wizard' WHERE key = 'watch'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="table stages, row 2, column kind"):
        Workspace.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.lcstudio"]


_FULL_DISK_CHILD = """
import resource, signal, sys
from desktop_app.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(["snapshot", sys.argv[1], "--lifecycle", "Old plan", "--label", "before"]))  # a write command
"""


def test_a_migration_on_a_full_disk_names_no_backup_that_does_not_exist(tmp_path):
    """The backup is written first; when writing it fails part way (here: a file size limit
    below the workspace's size, the portable stand-in for a full disk, which SQLite reports as
    a disk I/O error), the refusal says so, names no backup, leaves no .bak or .bak.part, and
    the file is unchanged."""
    path = tmp_path / "old.lcstudio"
    _make_workspace_at(path, "r0002")
    before = path.read_bytes()
    proc = subprocess.run([sys.executable, "-c", _FULL_DISK_CHILD, str(path), str(len(before) // 2 + 100)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "backup copy is made first, but it could not be written" in proc.stderr
    assert "not changed and no backup was kept" in proc.stderr
    assert ".bak" not in proc.stderr and "unexpected error" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.lcstudio"]
    # with room again, the same file upgrades
    with Workspace.open(path) as ws:
        assert ws.load(ws.lifecycle_id("Old plan")).stage("watch").x == 300
