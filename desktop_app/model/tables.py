"""The workspace schema: a typed SQLAlchemy 2 mapping of every FORMAT.md field, plus snapshots,
the activity log and retrospectives.

Rows carry an integer primary key (``pk``) for foreign keys, and the document's own id as ``key``,
unique within its lifecycle, so renaming an id never rewrites a reference. ``seq`` keeps the
document order, so a lifecycle exported from a workspace lists things as they were imported.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class LifecycleRow(Base):
    __tablename__ = "lifecycles"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    paradigm: Mapped[str] = mapped_column(String(20), default="hybrid")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # a deleted lifecycle is kept (with its snapshots) until the workspace is compacted, so that
    # deleting it is undoable without losing its history
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # +1 per committed operation on the lifecycle (store/revisions.py): what a writer states its
    # edit was made against, so another writer's change in between is not overwritten
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the revision at which the name, paradigm or description last changed
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OwnerRow(Base):
    __tablename__ = "owners"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "key"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), default="team")
    seq: Mapped[float] = mapped_column(Float)
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StageRow(Base):
    __tablename__ = "stages"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "key"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    owner_pk: Mapped[int | None] = mapped_column(ForeignKey("owners.pk"), nullable=True)
    automation: Mapped[str] = mapped_column(String(10), default="manual")
    criteria: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    x: Mapped[float] = mapped_column(Float, default=0.0)
    y: Mapped[float] = mapped_column(Float, default=0.0)
    seq: Mapped[float] = mapped_column(Float)
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class EdgeRow(Base):
    __tablename__ = "edges"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "key"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    source_pk: Mapped[int] = mapped_column(ForeignKey("stages.pk", ondelete="CASCADE"), index=True)
    target_pk: Mapped[int] = mapped_column(ForeignKey("stages.pk", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="flow")
    trigger: Mapped[str] = mapped_column(String(10), default="manual")
    latency_days: Mapped[float | None] = mapped_column(Float, nullable=True)
    label: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[float] = mapped_column(Float)
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PhaseRow(Base):
    __tablename__ = "phases"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "number"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    planned_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    planned_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    seq: Mapped[float] = mapped_column(Float)
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ItemRow(Base):
    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "key"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    phase_pk: Mapped[int] = mapped_column(ForeignKey("phases.pk", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="todo")
    owner_pk: Mapped[int | None] = mapped_column(ForeignKey("owners.pk"), nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[float] = mapped_column(Float)
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RuleSettingRow(Base):
    """One entry of the document's ``rules``: a rule's severity override and its parameters."""

    __tablename__ = "rule_settings"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "code"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str | None] = mapped_column(String(10), nullable=True)
    # the rule's own parameters (CHECKS.md names them), as a JSON object
    parameters: Mapped[str] = mapped_column(Text, default="{}")
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SuppressionRow(Base):
    __tablename__ = "suppressions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(10))
    # a stage id as text, not a foreign key: a suppression may name a stage that no longer exists
    # (LC901 then reports it)
    stage: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    seq: Mapped[float] = mapped_column(Float)
    # the lifecycle revision at which this row last changed (store/revisions.py)
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SnapshotRow(Base):
    __tablename__ = "snapshots"
    __table_args__ = (UniqueConstraint("lifecycle_pk", "label"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200))
    taken_at: Mapped[datetime] = mapped_column(DateTime)
    auto: Mapped[bool] = mapped_column(Boolean, default=False)
    document: Mapped[str] = mapped_column(Text)  # the lifecycle as a FORMAT.md document


class ActivityRow(Base):
    __tablename__ = "activity"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    # no foreign key: the log outlives what it talks about
    lifecycle_pk: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    operation: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    # who made the change (a display name, the database user or the login name), the lifecycle
    # revision it produced, and the operation with its arguments as JSON (store/replay.py)
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    args: Mapped[str | None] = mapped_column(Text, nullable=True)


class RemovalRow(Base):
    """What was deleted from a lifecycle and at which revision, so an edit of something another
    writer deleted meanwhile is refused by name ("“Monitoring” was deleted by alice")."""

    __tablename__ = "removals"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))  # stage, edge, owner, item, rule, suppression
    key: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)  # the display name when it was deleted
    rev: Mapped[int] = mapped_column(Integer)


class RetrospectiveRow(Base):
    __tablename__ = "retrospectives"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    lifecycle_pk: Mapped[int] = mapped_column(ForeignKey("lifecycles.pk", ondelete="CASCADE"))
    since_snapshot_pk: Mapped[int | None] = mapped_column(
        ForeignKey("snapshots.pk", ondelete="SET NULL"), nullable=True
    )
    until_snapshot_pk: Mapped[int | None] = mapped_column(
        ForeignKey("snapshots.pk", ondelete="SET NULL"), nullable=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ActionItemRow(Base):
    __tablename__ = "action_items"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    retrospective_pk: Mapped[int] = mapped_column(
        ForeignKey("retrospectives.pk", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # the phase item this action became, once promoted
    promoted_item: Mapped[str | None] = mapped_column(String(64), nullable=True)
    seq: Mapped[float] = mapped_column(Float)


Index("ix_stages_lifecycle_seq", StageRow.lifecycle_pk, StageRow.seq)
Index("ix_edges_lifecycle_seq", EdgeRow.lifecycle_pk, EdgeRow.seq)
Index("ix_removals_lifecycle_key", RemovalRow.lifecycle_pk, RemovalRow.kind, RemovalRow.key)
Index("ix_activity_lifecycle_revision", ActivityRow.lifecycle_pk, ActivityRow.revision)
