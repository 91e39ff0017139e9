"""Several writers: a revision per lifecycle, the revision each row last changed at, what was
deleted, and who made each change with the arguments to replay it.

- ``lifecycles.revision`` (+1 per committed operation) and ``lifecycles.rev`` (its header's
  last change); ``rev`` on owners, stages, edges, phases, items, rule settings, suppressions;
- ``removals``: what was deleted, by kind, id and display name, at which revision;
- ``activity.author``, ``activity.revision``, ``activity.args`` (JSON, store/replay.py).

The same revision on both engines. Columns are added with Alembic's portable ``add_column``
(on SQLite an ``ALTER TABLE ADD COLUMN``, allowed on the STRICT tables r0003 made, with types
STRICT accepts: INTEGER, TEXT). The new table is written out as SQL on SQLite, STRICT with its
CHECK constraints as r0003 wrote the others, so the schema a file holds (schema_objects.py)
never depends on SQLAlchemy's rendering; on PostgreSQL it is made by ``create_table``.

Revision ID: r0004
Revises: r0003
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.migrations import set_schema_version

revision = "r0004"
down_revision = "r0003"
branch_labels = None
depends_on = None

ROW_TABLES = ("owners", "stages", "edges", "phases", "items", "rule_settings", "suppressions")

REMOVALS_SQLITE = """CREATE TABLE removals (
    pk INTEGER NOT NULL PRIMARY KEY,
    lifecycle_pk INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('stage', 'edge', 'owner', 'item', 'rule', 'suppression')),
    "key" TEXT NOT NULL,
    name TEXT NOT NULL,
    rev INTEGER NOT NULL CHECK (rev >= 0),
    FOREIGN KEY (lifecycle_pk) REFERENCES lifecycles (pk) ON DELETE CASCADE
) STRICT"""


def _counter(name: str) -> sa.Column:
    # NOT NULL with a default: the rows already there start at revision 0
    return sa.Column(name, sa.Integer, nullable=False, server_default=sa.text("0"))


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("lifecycles", _counter("revision"))
    op.add_column("lifecycles", _counter("rev"))
    for table in ROW_TABLES:
        op.add_column(table, _counter("rev"))
    op.add_column("activity", sa.Column("author", sa.Text, nullable=False, server_default=sa.text("''")))
    op.add_column("activity", sa.Column("revision", sa.Integer, nullable=True))
    op.add_column("activity", sa.Column("args", sa.Text, nullable=True))
    if sqlite:
        op.execute(REMOVALS_SQLITE)
    else:
        op.create_table(
            "removals",
            sa.Column("pk", sa.Integer, primary_key=True),
            sa.Column("lifecycle_pk", sa.Integer, sa.ForeignKey("lifecycles.pk", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("kind", sa.String(12), nullable=False),
            sa.Column("key", sa.Text, nullable=False),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("rev", sa.Integer, nullable=False),
            sa.CheckConstraint("kind IN ('stage', 'edge', 'owner', 'item', 'rule', 'suppression')"),
            sa.CheckConstraint("rev >= 0"),
        )
    op.create_index("ix_removals_lifecycle_key", "removals", ["lifecycle_pk", "kind", "key"])
    # who made a lifecycle's revision n, what came after the revision a window last saw
    op.create_index("ix_activity_lifecycle_revision", "activity", ["lifecycle_pk", "revision"])
    set_schema_version(4)


def downgrade() -> None:
    raise NotImplementedError("a workspace is never moved to an older schema")
