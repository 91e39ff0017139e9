"""A retrospective over a workspace: the two sides to compare, and everything a report needs.

A side is a snapshot (checked as of the day it was taken) or the lifecycle as it is now (checked
as of today). Used by the ``diff``/``report`` commands and the Retrospective dock alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from desktop_app.checks import check_lifecycle
from desktop_app.model.document import Lifecycle
from desktop_app.reports.diff import Comparison, compare
from desktop_app.reports.report import ReportData
from desktop_app.store.change import ActionItemInfo, RetrospectiveInfo

if TYPE_CHECKING:
    from desktop_app.store import Workspace

NOW = "now"


@dataclass(frozen=True)
class Side:
    label: str               # the snapshot's label, or "now"
    day: date                # the day its findings are computed for
    doc: Lifecycle
    snapshot_id: int | None  # None for now


def snapshot_side(ws: Workspace, lifecycle_id: int, label: str) -> Side:
    """The snapshot labelled ``label``; KeyError naming the labels there are when none is."""
    for info in ws.snapshots(lifecycle_id):
        if info.label == label:
            return Side(info.label, info.taken_at.date(), ws.load_snapshot(info.id), info.id)
    labels = [i.label for i in ws.snapshots(lifecycle_id)]
    known = ", ".join(repr(x) for x in labels) if labels else "none yet"
    raise KeyError(f"no snapshot labelled {label!r} (the snapshots are: {known})")


def snapshot_side_by_id(ws: Workspace, lifecycle_id: int, snapshot_id: int) -> Side:
    for info in ws.snapshots(lifecycle_id):
        if info.id == snapshot_id:
            return Side(info.label, info.taken_at.date(), ws.load_snapshot(info.id), info.id)
    raise KeyError(f"no snapshot with id {snapshot_id}")


def now_side(ws: Workspace, lifecycle_id: int, today: date) -> Side:
    return Side(NOW, today, ws.load(lifecycle_id), None)


def compare_sides(since: Side, until: Side) -> Comparison:
    return compare(since.doc, until.doc,
                   check_lifecycle(since.doc, today=since.day).findings,
                   check_lifecycle(until.doc, today=until.day).findings)


def findings_series(ws: Workspace, lifecycle_id: int,
                    now_counts: dict[str, int]) -> list[tuple[str, dict[str, int]]]:
    """Finding counts per snapshot (oldest first, each as of its day), then ``now_counts``."""
    series = [
        (info.label, dict(check_lifecycle(ws.load_snapshot(info.id), today=info.taken_at.date()).counts))
        for info in ws.snapshots(lifecycle_id)
    ]
    series.append((NOW, dict(now_counts)))
    return series


def saved_retrospective(ws: Workspace, lifecycle_id: int, since_id: int | None,
                        until_id: int | None) -> RetrospectiveInfo | None:
    """The latest retrospective kept for this pair of snapshots (``until_id`` None: now)."""
    found = [r for r in ws.retrospectives(lifecycle_id)
             if r.since_snapshot_id == since_id and r.until_snapshot_id == until_id]
    return found[-1] if found else None


def activity_between(ws: Workspace, lifecycle_id: int, since: str | None,
                     until: str | None) -> list:
    """``activity_span`` between the snapshots labelled ``since`` and ``until``."""
    ids = {info.label: info.id for info in ws.snapshots(lifecycle_id)}
    return activity_span(ws, lifecycle_id, ids.get(since) if since is not None else None,
                         ids.get(until) if until is not None else None)


def activity_span(ws: Workspace, lifecycle_id: int, since_id: int | None,
                  until_id: int | None) -> list:
    """The activity log's entries after snapshot ``since_id`` (all of them without one) up to
    snapshot ``until_id`` (or now): who changed what over the compared span. A snapshot's place
    in the log is the revision of the operation that took it; for a log older than revisions,
    its time."""
    from desktop_app.store.replay import decode_call

    entries = ws.activity(lifecycle_id)
    snapshots = {info.id: info for info in ws.snapshots(lifecycle_id)}
    taken_at: dict[int, int] = {}   # snapshot id -> index of the entry that took it
    for index, entry in enumerate(entries):
        if entry.args:
            # the log is read from the workspace (untrusted, like the file or server it is in):
            # arguments that cannot be read place no snapshot, whose time then bounds the span
            try:
                made = decode_call(entry.args)[2].get("snapshot")
            except (ValueError, KeyError, TypeError, AttributeError, IndexError):
                continue
            if isinstance(made, int):
                taken_at[made] = index

    def bound(snapshot_id: int | None, default: int) -> int | datetime:
        """Where the span ends at that snapshot: an index into the log, or a time."""
        info = snapshots.get(snapshot_id) if snapshot_id is not None else None
        if info is None:
            return default
        return taken_at.get(info.id, info.taken_at)

    start, end = bound(since_id, -1), bound(until_id, len(entries))
    return [e for i, e in enumerate(entries)
            if (i > start if isinstance(start, int) else e.at >= start)
            and (i <= end if isinstance(end, int) else e.at <= end)]


def gather_report(ws: Workspace, lifecycle_id: int, today: date, since: str | None = None,
                  until: str | None = None) -> ReportData:
    """Everything a report shows. KeyError (with a message) for an unknown label."""
    current = now_side(ws, lifecycle_id, today)
    result = check_lifecycle(current.doc, today=today)
    comparison = None
    notes: str = ""
    actions: list[ActionItemInfo] = []
    if since is not None:
        a = snapshot_side(ws, lifecycle_id, since)
        b = snapshot_side(ws, lifecycle_id, until) if until is not None else current
        comparison = compare_sides(a, b)
        retro = saved_retrospective(ws, lifecycle_id, a.snapshot_id, b.snapshot_id)
        if retro is not None:
            notes, actions = retro.notes, list(retro.action_items)
    return ReportData(
        activity=activity_between(ws, lifecycle_id, since, until),
        lifecycle=current.doc, today=today, result=result, comparison=comparison,
        since_label=since, until_label=until,
        findings_series=findings_series(ws, lifecycle_id, result.counts),
        notes=notes, action_items=actions,
    )
