"""The schema objects the open accepts are exactly those the migrations create, version by
version (a new migration without a new entry in schema_objects.py fails here)."""

from __future__ import annotations

import pprint
import sqlite3

from desktop_app.store import engine as eng
from desktop_app.store.schema_objects import EXPECTED


def _built_by_migrations(revision: str) -> tuple:
    raw = sqlite3.connect(":memory:", isolation_level=None)
    engine = eng.make_engine(raw)
    with engine.connect() as conn:
        eng.run_migrations(conn, revision)
        conn.commit()
    rows = raw.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").fetchall()
    engine.dispose()
    raw.close()
    return tuple((t, n, tb, None if s is None else " ".join(s.split())) for t, n, tb, s in rows)


def test_every_schema_version_is_listed_as_the_migrations_build_it():
    built = {0: ()} | {i: _built_by_migrations(rev) for i, rev in enumerate(eng.REVISIONS, 1)}
    assert set(EXPECTED) == set(built) and max(built) == eng.SCHEMA_VERSION
    for version, objects in built.items():
        assert set(EXPECTED[version]) == set(objects), (
            f"schema version {version} changed; schema_objects.EXPECTED should read:\n"
            + pprint.pformat(built, width=110))
