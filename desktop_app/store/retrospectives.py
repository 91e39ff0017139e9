"""Retrospectives: notes and action items kept between two snapshots (or a snapshot and now)."""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, insert, select, update

from desktop_app.model import document as d
from desktop_app.model.text import quoted
from desktop_app.model.tables import ActionItemRow, RetrospectiveRow

from .change import ActionItemInfo, Change, RetrospectiveInfo
from .errors import OperationError
from .operations import Workspace as _Operations
from .revisions import operation
from .rows import ITEMS, PHASES
from .workspace import SNAPSHOTS, _now

RETROSPECTIVES = RetrospectiveRow.__table__
ACTION_ITEMS = ActionItemRow.__table__


class Workspace(_Operations):
    def _retro(self, conn: Connection, retrospective_id: int):
        row = conn.execute(select(RETROSPECTIVES).where(RETROSPECTIVES.c.pk == retrospective_id)).first()
        if row is None:
            raise OperationError(self.location_text, f"no retrospective with id {retrospective_id}")
        return row

    def _action(self, conn: Connection, action_item_id: int):
        row = conn.execute(select(ACTION_ITEMS).where(ACTION_ITEMS.c.pk == action_item_id)).first()
        if row is None:
            raise OperationError(self.location_text, f"no action item with id {action_item_id}")
        return row

    def _check_snapshot(self, conn: Connection, lifecycle_id: int, snapshot_id: int | None) -> None:
        if snapshot_id is not None and conn.execute(select(SNAPSHOTS.c.pk).where(
                SNAPSHOTS.c.pk == snapshot_id, SNAPSHOTS.c.lifecycle_pk == lifecycle_id)).first() is None:
            raise OperationError(self.location_text, f"no snapshot with id {snapshot_id} in this lifecycle")

    def retrospectives(self, lifecycle_id: int) -> list[RetrospectiveInfo]:
        with self._reading() as conn:
            rows = conn.execute(select(RETROSPECTIVES).where(
                RETROSPECTIVES.c.lifecycle_pk == lifecycle_id).order_by(RETROSPECTIVES.c.pk)).all()
            result = []
            for r in rows:
                actions = tuple(
                    ActionItemInfo(a.pk, a.title, a.done, a.promoted_item)
                    for a in conn.execute(select(ACTION_ITEMS).where(
                        ACTION_ITEMS.c.retrospective_pk == r.pk).order_by(ACTION_ITEMS.c.seq))
                )
                result.append(RetrospectiveInfo(r.pk, lifecycle_id, r.since_snapshot_pk, r.until_snapshot_pk,
                                                r.notes, r.created_at, actions))
        return result

    @operation
    def save_retrospective(self, lifecycle_id: int, since_snapshot_id: int | None,
                           until_snapshot_id: int | None, notes: str,
                           retrospective_id: int | None = None) -> Change:
        """Create a retrospective, or (with ``retrospective_id``) change its range and notes."""
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            self._check_snapshot(conn, lifecycle_id, since_snapshot_id)
            self._check_snapshot(conn, lifecycle_id, until_snapshot_id)
            values = dict(since_snapshot_pk=since_snapshot_id, until_snapshot_pk=until_snapshot_id,
                          notes=notes or "")
            if retrospective_id is None:
                retrospective_id = conn.execute(insert(RETROSPECTIVES).values(
                    lifecycle_pk=lifecycle_id, created_at=_now(), **values)).inserted_primary_key[0]
                summary = "Started a retrospective"
            else:
                self._retro(conn, retrospective_id)
                conn.execute(update(RETROSPECTIVES).where(RETROSPECTIVES.c.pk == retrospective_id)
                             .values(**values))
                summary = "Changed the retrospective's notes"
            change = Change("save_retrospective", summary, lifecycle_id, retrospective_id=retrospective_id)
            return self._commit(conn, change)

    @operation
    def add_action_item(self, retrospective_id: int, title: str, *, action_item_id: int | None = None,
                        done: bool = False, promoted_item: str | None = None,
                        seq: float | None = None) -> Change:
        """Add an action item at the end (or at ``seq``). ``action_item_id`` puts back one that
        was deleted under the same id (the redo of an add, the undo of a delete), so later
        commands that name it still find it. The Change carries the item's id."""
        if not title or not title.strip():
            raise OperationError(self.location_text, "an action item needs a title")
        with self._transaction() as conn:
            retro = self._retro(conn, retrospective_id)
            if seq is None:
                top = conn.execute(select(ACTION_ITEMS.c.seq).where(
                    ACTION_ITEMS.c.retrospective_pk == retrospective_id)
                    .order_by(ACTION_ITEMS.c.seq.desc())).scalar()
                seq = (top or 0.0) + 1.0
            values = dict(retrospective_pk=retrospective_id, title=title.strip(), done=bool(done),
                          promoted_item=promoted_item, seq=seq)
            if action_item_id is not None:
                if conn.execute(select(ACTION_ITEMS.c.pk).where(
                        ACTION_ITEMS.c.pk == action_item_id)).first() is not None:
                    raise OperationError(self.location_text, f"an action item with id {action_item_id} exists")
                values["pk"] = action_item_id
            pk = conn.execute(insert(ACTION_ITEMS).values(**values)).inserted_primary_key[0]
            change = Change("add_action_item", f"Added action item {quoted(title.strip())}",
                            retro.lifecycle_pk, retrospective_id=retrospective_id)
            change.action_item_id = pk
            return self._commit(conn, change)

    def action_item(self, action_item_id: int) -> tuple[ActionItemInfo, float]:
        """One action item and its place (``seq``), to put it back after a delete."""
        try:
            row = self._action(self._conn, action_item_id)
        finally:
            self._conn.rollback()   # a read: no transaction left open
        return ActionItemInfo(row.pk, row.title, row.done, row.promoted_item), row.seq

    @operation
    def update_action_item(self, action_item_id: int, *, title: str | None = None,
                           done: bool | None = None) -> Change:
        with self._transaction() as conn:
            row = self._action(conn, action_item_id)
            retro = self._retro(conn, row.retrospective_pk)
            values = {}
            if title is not None:
                if not title.strip():
                    raise OperationError(self.location_text, "an action item needs a title")
                values["title"] = title.strip()
            if done is not None:
                values["done"] = bool(done)
            if values:
                conn.execute(update(ACTION_ITEMS).where(ACTION_ITEMS.c.pk == action_item_id).values(**values))
            return self._commit(conn, Change("update_action_item", f"Changed action item {quoted(row.title)}",
                                             retro.lifecycle_pk, retrospective_id=retro.pk))

    @operation
    def delete_action_item(self, action_item_id: int) -> Change:
        with self._transaction() as conn:
            row = self._action(conn, action_item_id)
            retro = self._retro(conn, row.retrospective_pk)
            conn.execute(delete(ACTION_ITEMS).where(ACTION_ITEMS.c.pk == action_item_id))
            return self._commit(conn, Change("delete_action_item", f"Deleted action item {quoted(row.title)}",
                                             retro.lifecycle_pk, retrospective_id=retro.pk))

    @operation
    def promote_action_item(self, action_item_id: int, phase_number: int) -> Change:
        """Turn an action item into a phase item (todo), in one step."""
        with self._transaction() as conn:
            row = self._action(conn, action_item_id)
            retro = self._retro(conn, row.retrospective_pk)
            lifecycle_id = retro.lifecycle_pk
            self._lifecycle(conn, lifecycle_id)
            if row.promoted_item:
                raise OperationError(self.location_text, f"action item {row.title!r} is already phase item "
                                                f"{row.promoted_item!r}")
            taken = set(conn.execute(select(ITEMS.c.key).where(ITEMS.c.lifecycle_pk == lifecycle_id)).scalars())
            base = "action-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", row.title.lower()).strip("-")[:40] or "item")
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}-{n}"
            change = Change("promote_action_item",
                            f"Made action item {row.title!r} a phase {phase_number} item",
                            lifecycle_id, retrospective_id=retro.pk)
            before = self._completed_phases(conn, lifecycle_id)
            self._insert_item(conn, lifecycle_id, phase_number, d.Item(id=key, title=row.title), None, None,
                              change)
            conn.execute(update(ACTION_ITEMS).where(ACTION_ITEMS.c.pk == action_item_id)
                         .values(promoted_item=key))
            self._auto_snapshot(conn, lifecycle_id, before, change)
            return self._commit(conn, change)

    @operation
    def unpromote_action_item(self, action_item_id: int) -> Change:
        """Undo ``promote_action_item``: remove the phase item it made, and the mark."""
        with self._transaction() as conn:
            row = self._action(conn, action_item_id)
            retro = self._retro(conn, row.retrospective_pk)
            lifecycle_id = retro.lifecycle_pk
            self._lifecycle(conn, lifecycle_id)
            if not row.promoted_item:
                raise OperationError(self.location_text, f"action item {row.title!r} is not a phase item")
            change = Change("unpromote_action_item", f"Took back phase item {quoted(row.title)}",
                            lifecycle_id, retrospective_id=retro.pk)
            item = conn.execute(select(ITEMS).where(ITEMS.c.lifecycle_pk == lifecycle_id,
                                                    ITEMS.c.key == row.promoted_item)).first()
            if item is not None:  # it may have been deleted by hand since
                number = conn.execute(select(PHASES.c.number).where(PHASES.c.pk == item.phase_pk)).scalar()
                self._record_removal(conn, lifecycle_id, "item", item.key, quoted(item.title))
                conn.execute(delete(ITEMS).where(ITEMS.c.pk == item.pk))
                change.items[row.promoted_item] = None
                change.phases.add(number)
            conn.execute(update(ACTION_ITEMS).where(ACTION_ITEMS.c.pk == action_item_id)
                         .values(promoted_item=None))
            return self._commit(conn, change)
