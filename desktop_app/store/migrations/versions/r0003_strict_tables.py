"""STRICT tables with CHECK constraints: a cell holds its declared type, and the enumerations,
ids, dates and JSON hold what FORMAT.md allows, whoever writes the file.

SQLite cannot make a table STRICT in place, so each table is rebuilt: created under a new name
with its constraints, filled from the old one, the old one dropped, the new one renamed, its
indexes made again. The SQL is written out here, not rendered by SQLAlchemy, so the schema a
file holds (which the open compares object by object, schema_objects.py) never depends on the
library's version. The store turns foreign keys off around the migration (a dropped parent
table must not cascade) and runs foreign_key_check and integrity_check after it.

Revision ID: r0003
Revises: r0002
"""

from alembic import op

from desktop_app.store.migrations import set_schema_version

revision = "r0003"
down_revision = "r0002"
branch_labels = None
depends_on = None

ID = "length({c}) BETWEEN 1 AND 64 AND {c} NOT GLOB '*[^A-Za-z0-9_.-]*'"
DATE = "date({c}, '+0 days') IS {c}"
DATETIME = ("datetime(substr({c}, 1, 19), '+0 days') IS substr({c}, 1, 19) AND (length({c}) = 19 "
            "OR (length({c}) = 26 AND substr({c}, 20) GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]'))")
FINITE = "abs({c}) <= 1.7976931348623157e308"
# No CHECK on the JSON columns (rule parameters, snapshot documents): SQLite 3.40's JSON
# functions are not marked innocuous, so with trusted_schema=OFF a schema may not use them.
# The open checks those cells (store/cells.py).


def _c(template: str, column: str) -> str:
    return template.format(c=column)


TABLES: dict[str, str] = {
    "lifecycles": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL CHECK (name != '' AND length(name) <= 200),
    paradigm TEXT NOT NULL CHECK (paradigm IN ('assembly-line', 'feedback-loop', 'hybrid')),
    description TEXT NOT NULL,
    created_at TEXT NOT NULL CHECK ({_c(DATETIME, 'created_at')}),
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1))""",
    "owners": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    "key" TEXT NOT NULL CHECK ({_c(ID, '"key"')}),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('team', 'role', 'person')),
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    UNIQUE (lifecycle_pk, "key"),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE""",
    "stages": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    "key" TEXT NOT NULL CHECK ({_c(ID, '"key"')}),
    name TEXT NOT NULL CHECK (name != '' AND length(name) <= 200),
    kind TEXT NOT NULL CHECK (kind IN ('business', 'data', 'develop', 'validate', 'gate', 'deploy',
                                       'monitor', 'learn', 'other')),
    owner_pk INTEGER,
    automation TEXT NOT NULL CHECK (automation IN ('manual', 'partial', 'automated')),
    criteria TEXT NOT NULL,
    notes TEXT NOT NULL,
    x REAL NOT NULL CHECK ({_c(FINITE, 'x')}),
    y REAL NOT NULL CHECK ({_c(FINITE, 'y')}),
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    UNIQUE (lifecycle_pk, "key"),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE,
    FOREIGN KEY (owner_pk) REFERENCES owners (pk)""",
    "edges": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    "key" TEXT NOT NULL CHECK ({_c(ID, '"key"')}),
    source_pk INTEGER NOT NULL,
    target_pk INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('flow', 'feedback')),
    "trigger" TEXT NOT NULL CHECK ("trigger" IN ('manual', 'schedule', 'alert', 'drift')),
    latency_days REAL CHECK (latency_days >= 0 AND {_c(FINITE, 'latency_days')}),
    label TEXT NOT NULL,
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    UNIQUE (lifecycle_pk, "key"),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE,
    FOREIGN KEY (source_pk) REFERENCES stages (pk) ON DELETE CASCADE,
    FOREIGN KEY (target_pk) REFERENCES stages (pk) ON DELETE CASCADE""",
    "phases": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4),
    planned_start TEXT CHECK ({_c(DATE, 'planned_start')}),
    planned_end TEXT CHECK ({_c(DATE, 'planned_end')}),
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    UNIQUE (lifecycle_pk, number),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE""",
    "items": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    phase_pk INTEGER NOT NULL,
    "key" TEXT NOT NULL CHECK ({_c(ID, '"key"')}),
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done', 'blocked')),
    owner_pk INTEGER,
    due TEXT CHECK ({_c(DATE, 'due')}),
    done_on TEXT CHECK ({_c(DATE, 'done_on')}),
    notes TEXT NOT NULL,
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    UNIQUE (lifecycle_pk, "key"),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE,
    FOREIGN KEY (phase_pk) REFERENCES phases (pk) ON DELETE CASCADE,
    FOREIGN KEY (owner_pk) REFERENCES owners (pk)""",
    "rule_settings": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    code TEXT NOT NULL CHECK (code GLOB 'LC[0-9][0-9][0-9]'),
    severity TEXT CHECK (severity IN ('error', 'warning', 'info', 'off')),
    parameters TEXT NOT NULL,
    UNIQUE (lifecycle_pk, code),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE""",
    "suppressions": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    rule TEXT NOT NULL CHECK (rule GLOB 'LC[0-9][0-9][0-9]'),
    stage TEXT CHECK ({_c(ID, 'stage')}),
    reason TEXT NOT NULL,
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE""",
    "snapshots": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    label TEXT NOT NULL,
    taken_at TEXT NOT NULL CHECK ({_c(DATETIME, 'taken_at')}),
    auto INTEGER NOT NULL CHECK (auto IN (0, 1)),
    document TEXT NOT NULL,
    UNIQUE (lifecycle_pk, label),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE""",
    "activity": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER,
    at TEXT NOT NULL CHECK ({_c(DATETIME, 'at')}),
    operation TEXT NOT NULL,
    summary TEXT NOT NULL""",
    "retrospectives": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    since_snapshot_pk INTEGER,
    until_snapshot_pk INTEGER,
    notes TEXT NOT NULL,
    created_at TEXT NOT NULL CHECK ({_c(DATETIME, 'created_at')}),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE,
    FOREIGN KEY (since_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL,
    FOREIGN KEY (until_snapshot_pk) REFERENCES snapshots (pk) ON DELETE SET NULL""",
    "action_items": f"""
    pk INTEGER NOT NULL PRIMARY KEY,
    retrospective_pk INTEGER NOT NULL,
    title TEXT NOT NULL,
    done INTEGER NOT NULL CHECK (done IN (0, 1)),
    promoted_item TEXT CHECK ({_c(ID, 'promoted_item')}),
    seq REAL NOT NULL CHECK ({_c(FINITE, 'seq')}),
    FOREIGN KEY (retrospective_pk) REFERENCES retrospectives (pk) ON DELETE CASCADE""",
}

INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_stages_lifecycle_seq", "stages", "lifecycle_pk, seq"),
    ("ix_edges_source_pk", "edges", "source_pk"),
    ("ix_edges_target_pk", "edges", "target_pk"),
    ("ix_edges_lifecycle_seq", "edges", "lifecycle_pk, seq"),
    ("ix_items_phase_pk", "items", "phase_pk"),
    ("ix_activity_lifecycle_pk", "activity", "lifecycle_pk"),
    ("ix_action_items_retrospective_pk", "action_items", "retrospective_pk"),
)


# PostgreSQL: its columns hold their declared types already (dates are dates, booleans are
# booleans), so the server gets only the CHECK constraints, written in its own SQL; named, so the
# open can see they are all there (store/server_schema.py).
PG_ID = "{c} ~ '^[A-Za-z0-9_.-]{{1,64}}$'"
# abs(NaN) is NaN, which PostgreSQL sorts above every number: this refuses NaN and infinities
PG_FINITE = "abs({c}) <= 1.7976931348623157e308"
PG_NAME = "{c} <> '' AND length({c}) <= 200"
PG_CODE = "{c} ~ '^LC[0-9]{{3}}$'"


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


SERVER_CHECKS: dict[str, tuple[tuple[str, str], ...]] = {
    "lifecycles": (
        ("name", _c(PG_NAME, "name")),
        ("paradigm", _in("paradigm", ("assembly-line", "feedback-loop", "hybrid"))),
    ),
    "owners": (
        ("key", _c(PG_ID, '"key"')),
        ("kind", _in("kind", ("team", "role", "person"))),
        ("seq", _c(PG_FINITE, "seq")),
    ),
    "stages": (
        ("key", _c(PG_ID, '"key"')),
        ("name", _c(PG_NAME, "name")),
        ("kind", _in("kind", ("business", "data", "develop", "validate", "gate", "deploy", "monitor",
                              "learn", "other"))),
        ("automation", _in("automation", ("manual", "partial", "automated"))),
        ("x", _c(PG_FINITE, "x")),
        ("y", _c(PG_FINITE, "y")),
        ("seq", _c(PG_FINITE, "seq")),
    ),
    "edges": (
        ("key", _c(PG_ID, '"key"')),
        ("kind", _in("kind", ("flow", "feedback"))),
        ("trigger", _in('"trigger"', ("manual", "schedule", "alert", "drift"))),
        ("latency_days", f"latency_days >= 0 AND {_c(PG_FINITE, 'latency_days')}"),
        ("seq", _c(PG_FINITE, "seq")),
    ),
    "phases": (
        ("number", "number BETWEEN 1 AND 4"),
        ("seq", _c(PG_FINITE, "seq")),
    ),
    "items": (
        ("key", _c(PG_ID, '"key"')),
        ("status", _in("status", ("todo", "doing", "done", "blocked"))),
        ("seq", _c(PG_FINITE, "seq")),
    ),
    "rule_settings": (
        ("code", _c(PG_CODE, "code")),
        ("severity", _in("severity", ("error", "warning", "info", "off"))),
    ),
    "suppressions": (
        ("rule", _c(PG_CODE, "rule")),
        ("stage", _c(PG_ID, "stage")),
        ("seq", _c(PG_FINITE, "seq")),
    ),
    "action_items": (
        ("promoted_item", _c(PG_ID, "promoted_item")),
        ("seq", _c(PG_FINITE, "seq")),
    ),
}


def _upgrade_server() -> None:
    for table, checks in SERVER_CHECKS.items():
        for column, condition in checks:
            op.execute(f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_{column} CHECK ({condition})")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _upgrade_server()
        set_schema_version(3)
        return
    for table, columns in TABLES.items():
        op.execute(f"CREATE TABLE new_{table} ({columns}\n) STRICT")
        # the same columns in the same order; a value the constraints refuse fails the
        # migration, and the store puts the original file back
        op.execute(f"INSERT INTO new_{table} SELECT * FROM {table}")
    for table in reversed(TABLES):
        op.execute(f"DROP TABLE {table}")
    for table in TABLES:
        op.execute(f"ALTER TABLE new_{table} RENAME TO {table}")
    for name, table, columns in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} ({columns})")
    set_schema_version(3)


def downgrade() -> None:
    raise NotImplementedError("a workspace is never moved to an older schema")
