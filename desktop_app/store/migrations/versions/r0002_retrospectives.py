"""Retrospectives: notes and action items kept between two snapshots.

Revision ID: r0002
Revises: r0001
"""

import sqlalchemy as sa
from alembic import op

from desktop_app.store.migrations import set_schema_version

revision = "r0002"
down_revision = "r0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retrospectives",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column(
            "lifecycle_pk", sa.Integer, sa.ForeignKey("lifecycles.pk", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "since_snapshot_pk", sa.Integer, sa.ForeignKey("snapshots.pk", ondelete="SET NULL"), nullable=True
        ),
        sa.Column(
            "until_snapshot_pk", sa.Integer, sa.ForeignKey("snapshots.pk", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "action_items",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column(
            "retrospective_pk",
            sa.Integer,
            sa.ForeignKey("retrospectives.pk", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("done", sa.Boolean, nullable=False),
        sa.Column("promoted_item", sa.String(64), nullable=True),
        sa.Column("seq", sa.Float, nullable=False),
    )
    op.create_index("ix_action_items_retrospective_pk", "action_items", ["retrospective_pk"])
    set_schema_version(2)


def downgrade() -> None:
    op.drop_table("action_items")
    op.drop_table("retrospectives")
    set_schema_version(1)
