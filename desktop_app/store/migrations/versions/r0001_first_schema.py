"""The first schema: lifecycles, owners, stages, edges, phases, items, rules, suppressions,
snapshots and the activity log.

Revision ID: r0001
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.migrations import set_schema_version

revision = "r0001"
down_revision = None
branch_labels = None
depends_on = None


def _pk() -> sa.Column:
    return sa.Column("pk", sa.Integer, primary_key=True)


def _lifecycle_fk() -> sa.Column:
    return sa.Column(
        "lifecycle_pk", sa.Integer, sa.ForeignKey("lifecycles.pk", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "lifecycles",
        _pk(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("paradigm", sa.String(20), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_table(
        "owners",
        _pk(),
        _lifecycle_fk(),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("seq", sa.Float, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "key"),
    )
    op.create_table(
        "stages",
        _pk(),
        _lifecycle_fk(),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("owner_pk", sa.Integer, sa.ForeignKey("owners.pk"), nullable=True),
        sa.Column("automation", sa.String(10), nullable=False),
        sa.Column("criteria", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("x", sa.Float, nullable=False),
        sa.Column("y", sa.Float, nullable=False),
        sa.Column("seq", sa.Float, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "key"),
    )
    op.create_index("ix_stages_lifecycle_seq", "stages", ["lifecycle_pk", "seq"])
    op.create_table(
        "edges",
        _pk(),
        _lifecycle_fk(),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("source_pk", sa.Integer, sa.ForeignKey("stages.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("target_pk", sa.Integer, sa.ForeignKey("stages.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("trigger", sa.String(10), nullable=False),
        sa.Column("latency_days", sa.Float, nullable=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("seq", sa.Float, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "key"),
    )
    op.create_index("ix_edges_source_pk", "edges", ["source_pk"])
    op.create_index("ix_edges_target_pk", "edges", ["target_pk"])
    op.create_index("ix_edges_lifecycle_seq", "edges", ["lifecycle_pk", "seq"])
    op.create_table(
        "phases",
        _pk(),
        _lifecycle_fk(),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("planned_start", sa.Date, nullable=True),
        sa.Column("planned_end", sa.Date, nullable=True),
        sa.Column("seq", sa.Float, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "number"),
    )
    op.create_table(
        "items",
        _pk(),
        _lifecycle_fk(),
        sa.Column("phase_pk", sa.Integer, sa.ForeignKey("phases.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("owner_pk", sa.Integer, sa.ForeignKey("owners.pk"), nullable=True),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("done_on", sa.Date, nullable=True),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("seq", sa.Float, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "key"),
    )
    op.create_index("ix_items_phase_pk", "items", ["phase_pk"])
    op.create_table(
        "rule_settings",
        _pk(),
        _lifecycle_fk(),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("severity", sa.String(10), nullable=True),
        sa.Column("parameters", sa.Text, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "code"),
    )
    op.create_table(
        "suppressions",
        _pk(),
        _lifecycle_fk(),
        sa.Column("rule", sa.String(10), nullable=False),
        sa.Column("stage", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("seq", sa.Float, nullable=False),
    )
    op.create_table(
        "snapshots",
        _pk(),
        _lifecycle_fk(),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("taken_at", sa.DateTime, nullable=False),
        sa.Column("auto", sa.Boolean, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.UniqueConstraint("lifecycle_pk", "label"),
    )
    op.create_table(
        "activity",
        _pk(),
        sa.Column("lifecycle_pk", sa.Integer, nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("operation", sa.String(40), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )
    op.create_index("ix_activity_lifecycle_pk", "activity", ["lifecycle_pk"])
    set_schema_version(1)


def downgrade() -> None:
    for table in ("activity", "snapshots", "suppressions", "rule_settings", "items", "phases", "edges", "stages",
                  "owners", "lifecycles"):
        op.drop_table(table)
