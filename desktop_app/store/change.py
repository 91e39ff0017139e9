"""What an operation touched, so that every view refreshes only that (Anki's way)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.model.document import Edge, Item, Owner, Stage, Suppression


@dataclass
class Removed:
    """Everything a delete took out, with its place in document order, so ``restore`` can put it
    back exactly (the undo of any delete)."""

    stages: list[tuple[float, Stage]] = field(default_factory=list)
    edges: list[tuple[float, Edge]] = field(default_factory=list)
    owners: list[tuple[float, Owner]] = field(default_factory=list)
    items: list[tuple[float, int, Item]] = field(default_factory=list)  # (seq, phase number, item)
    suppressions: list[tuple[float, Suppression]] = field(default_factory=list)
    # references reassigned by the delete: stage id / item id -> owner id it had
    stage_owners: dict[str, str | None] = field(default_factory=dict)
    item_owners: dict[str, str | None] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.stages or self.edges or self.owners or self.items or self.suppressions)


@dataclass
class Change:
    operation: str
    summary: str
    lifecycle_id: int | None
    stages: dict[str, Stage | None] = field(default_factory=dict)
    edges: dict[str, Edge | None] = field(default_factory=dict)
    owners: dict[str, Owner | None] = field(default_factory=dict)
    items: dict[str, Item | None] = field(default_factory=dict)
    phases: set[int] = field(default_factory=set)
    header: bool = False
    lifecycles: bool = False
    removed: Removed | None = None
    # set by take_snapshot (and by the automatic snapshot of a completed phase)
    snapshot_id: int | None = None
    # retrospective notes or action items changed
    retrospective_id: int | None = None
    # the action item an operation added or changed
    action_item_id: int | None = None
    # the lifecycle revision this operation produced (store/revisions.py), and who made it
    revision: int | None = None
    author: str = ""

    @property
    def graph_changed(self) -> bool:
        return bool(self.stages or self.edges or self.owners)


@dataclass(frozen=True)
class LifecycleInfo:
    id: int
    name: str
    paradigm: str
    stage_count: int
    edge_count: int


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    lifecycle_id: int
    label: str
    taken_at: datetime
    auto: bool


@dataclass(frozen=True)
class ActivityEntry:
    at: datetime
    operation: str
    summary: str
    author: str = ""
    lifecycle_id: int | None = None
    # the lifecycle revision the operation produced; None in entries written before schema 4
    revision: int | None = None
    # the operation and its arguments as JSON (store/replay.py); None when not replayable
    args: str | None = None


@dataclass(frozen=True)
class ActionItemInfo:
    id: int
    title: str
    done: bool
    promoted_item: str | None


@dataclass(frozen=True)
class RetrospectiveInfo:
    id: int
    lifecycle_id: int
    since_snapshot_id: int | None
    until_snapshot_id: int | None  # None: compared with the lifecycle as it is now
    notes: str
    created_at: datetime
    action_items: tuple[ActionItemInfo, ...]
