"""A workspace of an older schema is migrated on open, with a backup copy beside it."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop_app.model.tables import Base
from desktop_app.store import SCHEMA_VERSION, Workspace
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


def test_the_migrations_build_exactly_the_mapped_schema(ws):
    """The Alembic history and the SQLAlchemy mapping describe the same tables."""
    with ws._engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        conn.rollback()
    assert diff == []


def test_a_new_workspace_is_marked_as_ours(ws_path):
    Workspace.create(ws_path).close()
    conn = sqlite3.connect(ws_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == eng.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
