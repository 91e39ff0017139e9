"""The operations API: the only code that writes a workspace.

Each public method is one transaction, is recorded in the activity log, and returns a ``Change``
listing the after-state of everything it touched. A refused edit raises ``OperationError`` and
writes nothing. Deletes return what they removed (``Change.removed``) so ``restore`` can undo them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable, Iterator

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from desktop_app.model import document as d
from desktop_app.model.naming import ARROW
from desktop_app.model.text import one_line, quoted

from .change import Change, Removed
from .errors import OperationError
from .replay import encode_call, made_ids
from .revisions import Revisions, operation
from .rows import (
    EDGE_FIELDS,
    EDGES,
    ITEM_FIELDS,
    ITEMS,
    LIFECYCLES,
    OWNER_FIELDS,
    OWNERS,
    PHASES,
    RULE_SETTINGS,
    STAGE_FIELDS,
    STAGES,
    SUPPRESSIONS,
    check_fields,
    edge_doc,
    edge_values,
    item_doc,
    item_values,
    owner_doc,
    rule_setting_values,
    stage_doc,
    stage_values,
)
from .workspace import SNAPSHOTS, WorkspaceBase, _now

_EDGE_ID = re.compile(r"e(\d+)")


def _chunks(values: list, size: int = 500) -> Iterator[list]:
    """``values`` in slices, so an IN (...) stays under the engine's limit of bound values."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Workspace(Revisions, WorkspaceBase):
    # ---- lookups inside a transaction ---------------------------------------------------------
    def _lifecycle(self, conn: Connection, lifecycle_id: int):
        """The lifecycle's row, its revision raised first (revisions.py: this locks it on a
        server, so operations on one lifecycle queue)."""
        self._bump(conn, lifecycle_id)
        row = conn.execute(select(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id)).first()
        if row is None or row.deleted:
            if row is not None:
                self._check_rev(conn, lifecycle_id, row.revision - 1,
                                lambda: f"the lifecycle {quoted(row.name)}", "deleted")
            raise OperationError(self.location_text, f"no lifecycle with id {lifecycle_id}")
        return row

    def _pk(self, conn: Connection, table, lifecycle_id: int, key: str, what: str,
            touch: bool = True) -> int:
        """A row's primary key by its id; refused when it is not there, or (revisions.py) when
        another writer deleted it, or changed it and this operation changes it too (``touch``)."""
        pk = self._find(conn, what, lifecycle_id, key, touch=touch)
        if pk is None:
            raise OperationError(self.location_text, f"no {what} with id {key!r}")
        return pk

    def _owner_pk(self, conn: Connection, lifecycle_id: int, key: str | None) -> int | None:
        return None if key is None else self._pk(conn, OWNERS, lifecycle_id, key, "owner", touch=False)

    def _next_seq(self, conn: Connection, table, lifecycle_id: int) -> float:
        top = conn.execute(
            select(func.max(table.c.seq)).where(table.c.lifecycle_pk == lifecycle_id)
        ).scalar()
        return (top or 0.0) + 1.0

    def _stage_after(self, conn: Connection, pk: int) -> d.Stage:
        row = conn.execute(
            select(STAGES, OWNERS.c.key.label("owner_key"))
            .join(OWNERS, OWNERS.c.pk == STAGES.c.owner_pk, isouter=True)
            .where(STAGES.c.pk == pk)
        ).one()
        return stage_doc(row, row.owner_key)

    def _edge_after(self, conn: Connection, pk: int) -> d.Edge:
        src, tgt = STAGES.alias("src"), STAGES.alias("tgt")
        row = conn.execute(
            select(EDGES, src.c.key.label("source_key"), tgt.c.key.label("target_key"))
            .join(src, src.c.pk == EDGES.c.source_pk)
            .join(tgt, tgt.c.pk == EDGES.c.target_pk)
            .where(EDGES.c.pk == pk)
        ).one()
        return edge_doc(row, row.source_key, row.target_key)

    def _item_after(self, conn: Connection, pk: int) -> d.Item:
        row = conn.execute(
            select(ITEMS, OWNERS.c.key.label("owner_key"))
            .join(OWNERS, OWNERS.c.pk == ITEMS.c.owner_pk, isouter=True)
            .where(ITEMS.c.pk == pk)
        ).one()
        return item_doc(row, row.owner_key)

    def _stage_name(self, conn: Connection, lifecycle_id: int, key: str) -> str:
        """A stage's display name for a summary (users read names, never ids)."""
        name = conn.execute(select(STAGES.c.name).where(
            STAGES.c.lifecycle_pk == lifecycle_id, STAGES.c.key == key)).scalar()
        return one_line(name if name is not None else key)

    def _edge_words(self, conn: Connection, lifecycle_id: int, e: d.Edge) -> str:
        return (f"{self._stage_name(conn, lifecycle_id, e.source)} {ARROW} "
                f"{self._stage_name(conn, lifecycle_id, e.target)}")

    def _commit(self, conn: Connection, change: Change) -> Change:
        """Stamp the change with its revision and author, log it with the operation's arguments
        (store/replay.py) and announce it (a server's other windows hear of it)."""
        revision = self._finish(conn, change)
        call = self._book.call
        self._log(conn, change, encode_call(call[0], call[1], made_ids(change)) if call else None)
        announce = getattr(self, "_announce", None)
        if announce is not None and change.lifecycle_id is not None and revision is not None:
            announce(conn, change.lifecycle_id, revision)
        return change

    # ---- lifecycles --------------------------------------------------------------------------
    def _check_name_free(self, conn: Connection, name: str, except_id: int | None = None) -> None:
        if not isinstance(name, str) or not name or len(name) > 200:
            raise OperationError(self.location_text, "a lifecycle's name must be 1 to 200 characters")
        clash = conn.execute(
            select(LIFECYCLES.c.pk).where(
                LIFECYCLES.c.name == name, LIFECYCLES.c.deleted.is_(False)
            )
        ).scalar()
        if clash is not None and clash != except_id:
            raise OperationError(self.location_text, f"a lifecycle named {name!r} already exists")

    def _insert_content(self, conn: Connection, lifecycle_id: int, doc: d.Lifecycle) -> None:
        rev = self._rev(lifecycle_id)
        owner_pks: dict[str, int] = {}
        for seq, o in enumerate(doc.owners, 1):
            owner_pks[o.id] = conn.execute(
                insert(OWNERS).values(
                    lifecycle_pk=lifecycle_id, key=o.id, name=o.name, kind=o.kind, seq=seq, rev=rev
                )
            ).inserted_primary_key[0]
        stage_pks: dict[str, int] = {}
        for seq, s in enumerate(doc.stages, 1):
            values = stage_values(s, owner_pks[s.owner] if s.owner else None)
            stage_pks[s.id] = conn.execute(
                insert(STAGES).values(lifecycle_pk=lifecycle_id, seq=seq, rev=rev, **values)
            ).inserted_primary_key[0]
        if doc.edges:
            conn.execute(
                insert(EDGES),
                [
                    dict(lifecycle_pk=lifecycle_id, seq=seq, rev=rev,
                         **edge_values(e, stage_pks[e.source], stage_pks[e.target]))
                    for seq, e in enumerate(doc.edges, 1)
                ],
            )
        item_seq = 0
        for seq, p in enumerate(doc.phases, 1):
            phase_pk = conn.execute(
                insert(PHASES).values(
                    lifecycle_pk=lifecycle_id, number=p.number, planned_start=p.planned_start,
                    planned_end=p.planned_end, seq=seq, rev=rev,
                )
            ).inserted_primary_key[0]
            for item in p.items:
                item_seq += 1
                conn.execute(
                    insert(ITEMS).values(
                        lifecycle_pk=lifecycle_id, phase_pk=phase_pk, seq=item_seq, rev=rev,
                        **item_values(item, owner_pks[item.owner] if item.owner else None),
                    )
                )
        for code, setting in doc.rules.items():
            conn.execute(insert(RULE_SETTINGS).values(
                lifecycle_pk=lifecycle_id, rev=rev, **rule_setting_values(code, setting)))
        for seq, s in enumerate(doc.suppressions, 1):
            conn.execute(
                insert(SUPPRESSIONS).values(
                    lifecycle_pk=lifecycle_id, rule=s.rule, stage=s.stage, reason=s.reason, seq=seq,
                    rev=rev,
                )
            )

    def _clear_content(self, conn: Connection, lifecycle_id: int) -> None:
        for table in (SUPPRESSIONS, RULE_SETTINGS, ITEMS, PHASES, EDGES, STAGES, OWNERS):
            conn.execute(delete(table).where(table.c.lifecycle_pk == lifecycle_id))

    @operation
    def create_lifecycle(self, doc: d.Lifecycle) -> Change:
        """Add a lifecycle (from a template, an import, a duplicate); its id is in the Change.
        It starts at revision 0."""
        with self._transaction() as conn:
            self._check_name_free(conn, doc.name)
            lifecycle_id = conn.execute(
                insert(LIFECYCLES).values(
                    name=doc.name, paradigm=doc.paradigm, description=doc.description or "",
                    created_at=_now(), deleted=False, revision=0, rev=0,
                )
            ).inserted_primary_key[0]
            self._book.pending[lifecycle_id] = 0
            self._insert_content(conn, lifecycle_id, doc)
            return self._commit(
                conn,
                Change("create_lifecycle", f"Created lifecycle {quoted(doc.name)}", lifecycle_id,
                       lifecycles=True, header=True),
            )

    @operation
    def replace_lifecycle(self, lifecycle_id: int, doc: d.Lifecycle) -> Change:
        """Put a whole new content in place (import --replace): same id, snapshots and log kept."""
        with self._transaction() as conn:
            row = self._lifecycle(conn, lifecycle_id)
            self._check_whole(conn, lifecycle_id, row.name, row.revision - 1)
            self._check_name_free(conn, doc.name, except_id=lifecycle_id)
            conn.execute(
                update(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id).values(
                    name=doc.name, paradigm=doc.paradigm, description=doc.description or "",
                    rev=self._rev(lifecycle_id),
                )
            )
            self._clear_content(conn, lifecycle_id)
            self._insert_content(conn, lifecycle_id, doc)
            return self._commit(
                conn,
                Change("replace_lifecycle", f"Replaced lifecycle {quoted(doc.name)}", lifecycle_id,
                       lifecycles=True, header=True, phases={p.number for p in doc.phases}),
            )

    @operation
    def delete_lifecycle(self, lifecycle_id: int) -> Change:
        """Delete a lifecycle; kept in the file (with its snapshots) so the delete can be undone."""
        with self._transaction() as conn:
            row = self._lifecycle(conn, lifecycle_id)
            self._check_whole(conn, lifecycle_id, row.name, row.revision - 1)
            conn.execute(
                update(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id).values(deleted=True)
            )
            return self._commit(
                conn,
                Change("delete_lifecycle", f"Deleted lifecycle {quoted(row.name)}", lifecycle_id,
                       lifecycles=True),
            )

    @operation
    def undelete_lifecycle(self, lifecycle_id: int) -> Change:
        with self._transaction() as conn:
            self._bump(conn, lifecycle_id)
            row = conn.execute(select(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id)).first()
            if row is None or not row.deleted:
                raise OperationError(self.location_text, f"no deleted lifecycle with id {lifecycle_id}")
            self._check_name_free(conn, row.name)
            conn.execute(
                update(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id).values(deleted=False)
            )
            return self._commit(
                conn,
                Change("undelete_lifecycle", f"Restored lifecycle {quoted(row.name)}", lifecycle_id,
                       lifecycles=True, header=True),
            )

    @operation
    def update_lifecycle(self, lifecycle_id: int, **fields: Any) -> Change:
        check_fields("lifecycle", fields, ("name", "paradigm", "description"))
        with self._transaction() as conn:
            row = self._lifecycle(conn, lifecycle_id)
            self._check_header(conn, lifecycle_id, row)
            if "name" in fields:
                self._check_name_free(conn, fields["name"], except_id=lifecycle_id)
            self._write(conn, LIFECYCLES, lifecycle_id, lifecycle_id, fields)
            what = ", ".join(sorted(fields))
            summary = f"Changed the lifecycle's {what}"
            if set(fields) == {"name"} and fields["name"] != row.name:
                # both names: the others' windows and the log say which plan it was
                summary = f"Renamed the lifecycle {quoted(row.name)} to {quoted(fields['name'])}"
            return self._commit(
                conn,
                Change("update_lifecycle", summary, lifecycle_id,
                       header=True, lifecycles="name" in fields or "paradigm" in fields),
            )

    # ---- stages ------------------------------------------------------------------------------
    @operation
    def add_stages(
        self, lifecycle_id: int, stages: Iterable[d.Stage], edges: Iterable[d.Edge] = ()
    ) -> Change:
        stages, edges = list(stages), list(edges)
        for s in stages:
            check_fields("stage", {k: getattr(s, k) for k in STAGE_FIELDS if k != "owner"}, STAGE_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            change = Change(
                "add_stages",
                f"Added stage {quoted(stages[0].name)}" if len(stages) == 1 else f"Added {len(stages)} stages",
                lifecycle_id,
            )
            seq = self._next_seq(conn, STAGES, lifecycle_id)
            for s in stages:
                self._check_new(conn, "stage", lifecycle_id, s.id)
                self._forget_removal(conn, lifecycle_id, "stage", s.id)
                pk = conn.execute(
                    insert(STAGES).values(
                        lifecycle_pk=lifecycle_id, seq=seq, rev=self._rev(lifecycle_id),
                        **stage_values(s, self._owner_pk(conn, lifecycle_id, s.owner)),
                    )
                ).inserted_primary_key[0]
                seq += 1
                change.stages[s.id] = self._stage_after(conn, pk)
            for e in edges:
                self._insert_edge(conn, lifecycle_id, e, change)
            return self._commit(conn, change)

    @operation
    def update_stage(self, lifecycle_id: int, stage_id: str, **fields: Any) -> Change:
        check_fields("stage", fields, STAGE_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            rev = self._rev(lifecycle_id)
            pk = self._pk(conn, STAGES, lifecycle_id, stage_id, "stage")
            # the name before a rename, for the log: "Renamed stage “Train” to “Train nightly”"
            # says which stage it was to someone who did not see it happen (read for a rename
            # only: a move or any other edit does not pay a query for it)
            before = (conn.execute(select(STAGES.c.name).where(STAGES.c.pk == pk)).scalar_one()
                      if set(fields) == {"name"} else None)
            values = {("key" if k == "id" else k): v for k, v in fields.items() if k != "owner"}
            if "owner" in fields:
                values["owner_pk"] = self._owner_pk(conn, lifecycle_id, fields["owner"])
            if "x" in values:
                values["x"] = float(values["x"])
            if "y" in values:
                values["y"] = float(values["y"])
            self._write(conn, STAGES, pk, lifecycle_id, values)
            after = self._stage_after(conn, pk)
            change = Change("update_stage", self._stage_summary(after.name, fields, before), lifecycle_id)
            if "id" in fields and fields["id"] != stage_id:
                change.stages[stage_id] = None
                # under its old id the stage is gone, for a writer who still names it so
                self._record_removal(conn, lifecycle_id, "stage", stage_id, quoted(after.name))
                self._forget_removal(conn, lifecycle_id, "stage", after.id)
                # edges keep their stage by primary key; their documents now name the new id
                for (epk,) in conn.execute(
                    select(EDGES.c.pk).where((EDGES.c.source_pk == pk) | (EDGES.c.target_pk == pk))
                ).all():
                    conn.execute(update(EDGES).where(EDGES.c.pk == epk).values(rev=rev))
                    e = self._edge_after(conn, epk)
                    change.edges[e.id] = e
                conn.execute(
                    update(SUPPRESSIONS)
                    .where(SUPPRESSIONS.c.lifecycle_pk == lifecycle_id, SUPPRESSIONS.c.stage == stage_id)
                    .values(stage=fields["id"], rev=rev)
                )
                change.header = True
            change.stages[after.id] = after
            return self._commit(conn, change)

    @staticmethod
    def _stage_summary(name: str, fields: dict[str, Any], before: str | None = None) -> str:
        if set(fields) == {"name"}:
            if before is not None and before != name:
                return f"Renamed stage {quoted(before)} to {quoted(name)}"
            return f"Renamed stage to {quoted(name)}"
        if set(fields) <= {"x", "y"}:
            return f"Moved stage {quoted(name)}"
        return f"Changed {', '.join(sorted(fields))} of stage {quoted(name)}"

    @operation
    def move_stages(self, lifecycle_id: int, positions: dict[str, tuple[float, float]]) -> Change:
        """Move stages (a drag, a multi-select move, an auto-layout of thousands): read, check and
        written in batches, not a query per stage."""
        for key, (x, y) in positions.items():
            check_fields("stage", {"x": x, "y": y}, STAGE_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            change = Change(
                "move_stages",
                f"Moved {_plural(len(positions), 'stage')}",
                lifecycle_id,
            )
            keys = list(positions)
            rows = {}
            for chunk in _chunks(keys):
                rows.update((r.key, r) for r in conn.execute(
                    select(STAGES.c.pk, STAGES.c.key, STAGES.c.rev, STAGES.c.x, STAGES.c.y)
                    .where(STAGES.c.lifecycle_pk == lifecycle_id, STAGES.c.key.in_(chunk))))
            moved = []
            for key in keys:
                row = rows.get(key)
                if row is None:
                    self._pk(conn, STAGES, lifecycle_id, key, "stage")  # the refusal, by name
                self._check_rev(conn, lifecycle_id, row.rev, lambda: self._row_name(conn, "stage", row.pk))
                x, y = (float(v) for v in positions[key])
                if (row.x, row.y) != (x, y):  # onto its own place: no change (revisions.py)
                    moved.append({"b_pk": row.pk, "b_x": x, "b_y": y})
            if moved:
                conn.execute(
                    update(STAGES).where(STAGES.c.pk == bindparam("b_pk"))
                    .values(x=bindparam("b_x"), y=bindparam("b_y"), rev=self._rev(lifecycle_id)),
                    moved)
            after = {}
            for chunk in _chunks([rows[k].pk for k in keys]):
                for r in conn.execute(
                        select(STAGES, OWNERS.c.key.label("owner_key"))
                        .join(OWNERS, OWNERS.c.pk == STAGES.c.owner_pk, isouter=True)
                        .where(STAGES.c.pk.in_(chunk))):
                    after[r.key] = stage_doc(r, r.owner_key)
            change.stages.update((k, after[k]) for k in keys)
            if len(change.stages) == 1:
                # by its name: the log, the status line ("alice moved “Monitoring”"), the report
                change.summary = f"Moved stage {quoted(next(iter(change.stages.values())).name)}"
            return self._commit(conn, change)

    @operation
    def delete_stages(self, lifecycle_id: int, stage_ids: Iterable[str]) -> Change:
        stage_ids = list(dict.fromkeys(stage_ids))
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            removed = Removed()
            change = Change("delete_stages", "", lifecycle_id, removed=removed)
            pks = {key: self._pk(conn, STAGES, lifecycle_id, key, "stage") for key in stage_ids}
            edge_pks = conn.execute(
                select(EDGES.c.pk, EDGES.c.seq, EDGES.c.rev)
                .where(EDGES.c.source_pk.in_(pks.values()) | EDGES.c.target_pk.in_(pks.values()))
                .order_by(EDGES.c.seq)
            ).all()
            for epk, seq, erev in edge_pks:
                # an edge someone else just drew to the stage goes too: theirs to see first
                self._check_rev(conn, lifecycle_id, erev, lambda: self._row_name(conn, "edge", epk))
                e = self._edge_after(conn, epk)
                removed.edges.append((seq, e))
                change.edges[e.id] = None
                self._record_removal(conn, lifecycle_id, "edge", e.id, self._row_name(conn, "edge", epk))
            names = []
            for key, pk in pks.items():
                seq = conn.execute(select(STAGES.c.seq).where(STAGES.c.pk == pk)).scalar()
                s = self._stage_after(conn, pk)
                names.append(s.name)
                removed.stages.append((seq, s))
                change.stages[key] = None
                self._record_removal(conn, lifecycle_id, "stage", key, quoted(s.name))
            conn.execute(delete(EDGES).where(EDGES.c.pk.in_([p for p, _, _ in edge_pks])))
            conn.execute(delete(STAGES).where(STAGES.c.pk.in_(pks.values())))
            change.summary = (
                f"Deleted stage {quoted(names[0])}" if len(names) == 1 else f"Deleted {len(names)} stages"
            )
            return self._commit(conn, change)

    # ---- edges -------------------------------------------------------------------------------
    def _free_edge_id(self, conn: Connection, lifecycle_id: int) -> str:
        taken = conn.execute(select(EDGES.c.key).where(EDGES.c.lifecycle_pk == lifecycle_id)).scalars()
        numbers = {int(m.group(1)) for k in taken if (m := _EDGE_ID.fullmatch(k))}
        n = 1
        while n in numbers:
            n += 1
        return f"e{n}"

    def _insert_edge(
        self, conn: Connection, lifecycle_id: int, e: d.Edge, change: Change, seq: float | None = None
    ) -> d.Edge:
        if not e.id:
            e = d.Edge(**{**e.__dict__, "id": self._free_edge_id(conn, lifecycle_id)})
        check_fields("edge", {k: getattr(e, k) for k in EDGE_FIELDS if k not in ("source", "target")},
                     EDGE_FIELDS)
        source = self._pk(conn, STAGES, lifecycle_id, e.source, "stage", touch=False)
        target = self._pk(conn, STAGES, lifecycle_id, e.target, "stage", touch=False)
        self._check_new(conn, "edge", lifecycle_id, e.id)
        self._forget_removal(conn, lifecycle_id, "edge", e.id)
        pk = conn.execute(
            insert(EDGES).values(
                lifecycle_pk=lifecycle_id, rev=self._rev(lifecycle_id),
                seq=seq if seq is not None else self._next_seq(conn, EDGES, lifecycle_id),
                **edge_values(e, source, target),
            )
        ).inserted_primary_key[0]
        after = self._edge_after(conn, pk)
        change.edges[after.id] = after
        return after

    @operation
    def connect(self, lifecycle_id: int, edge: d.Edge) -> Change:
        """Add an edge; an empty ``edge.id`` gets the next free ``eN``."""
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            change = Change("connect", "", lifecycle_id)
            e = self._insert_edge(conn, lifecycle_id, edge, change)
            change.summary = (f"Connected {quoted(self._stage_name(conn, lifecycle_id, e.source))} to "
                              f"{quoted(self._stage_name(conn, lifecycle_id, e.target))} ({e.kind})")
            return self._commit(conn, change)

    @operation
    def update_edge(self, lifecycle_id: int, edge_id: str, **fields: Any) -> Change:
        check_fields("edge", fields, EDGE_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            pk = self._pk(conn, EDGES, lifecycle_id, edge_id, "edge")
            values = {("key" if k == "id" else k): v for k, v in fields.items()
                      if k not in ("source", "target")}
            if "source" in fields:
                values["source_pk"] = self._pk(conn, STAGES, lifecycle_id, fields["source"], "stage", touch=False)
            if "target" in fields:
                values["target_pk"] = self._pk(conn, STAGES, lifecycle_id, fields["target"], "stage", touch=False)
            if values.get("latency_days") is not None:
                values["latency_days"] = float(values["latency_days"])
            self._write(conn, EDGES, pk, lifecycle_id, values)
            after = self._edge_after(conn, pk)
            change = Change(
                "update_edge",
                f"Changed {', '.join(sorted(fields))} of edge {self._edge_words(conn, lifecycle_id, after)}",
                lifecycle_id,
            )
            if after.id != edge_id:
                change.edges[edge_id] = None
                self._record_removal(conn, lifecycle_id, "edge", edge_id, self._row_name(conn, "edge", pk))
                self._forget_removal(conn, lifecycle_id, "edge", after.id)
            change.edges[after.id] = after
            return self._commit(conn, change)

    @operation
    def disconnect(self, lifecycle_id: int, edge_ids: Iterable[str]) -> Change:
        edge_ids = list(dict.fromkeys(edge_ids))
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            removed = Removed()
            change = Change("disconnect", f"Deleted {_plural(len(edge_ids), 'edge')}", lifecycle_id,
                            removed=removed)
            for key in edge_ids:
                pk = self._pk(conn, EDGES, lifecycle_id, key, "edge")
                seq = conn.execute(select(EDGES.c.seq).where(EDGES.c.pk == pk)).scalar()
                removed.edges.append((seq, self._edge_after(conn, pk)))
                change.edges[key] = None
                name = self._row_name(conn, "edge", pk)
                self._record_removal(conn, lifecycle_id, "edge", key, name)
                conn.execute(delete(EDGES).where(EDGES.c.pk == pk))
                if len(edge_ids) == 1:
                    change.summary = f"Deleted {name}"   # by its ends' names: the log, the status line
            return self._commit(conn, change)

    # ---- owners ------------------------------------------------------------------------------
    @operation
    def add_owner(self, lifecycle_id: int, owner: d.Owner) -> Change:
        check_fields("owner", owner.__dict__, OWNER_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            self._check_new(conn, "owner", lifecycle_id, owner.id)
            self._forget_removal(conn, lifecycle_id, "owner", owner.id)
            if conn.execute(
                select(OWNERS.c.pk).where(OWNERS.c.lifecycle_pk == lifecycle_id, OWNERS.c.key == owner.id)
            ).first():
                raise OperationError(self.location_text, f"an owner with id {owner.id!r} already exists")
            conn.execute(
                insert(OWNERS).values(
                    lifecycle_pk=lifecycle_id, key=owner.id, name=owner.name, kind=owner.kind,
                    seq=self._next_seq(conn, OWNERS, lifecycle_id), rev=self._rev(lifecycle_id),
                )
            )
            change = Change("add_owner", f"Added owner {quoted(owner.name)}", lifecycle_id)
            change.owners[owner.id] = d.Owner(owner.id, owner.name, owner.kind)
            return self._commit(conn, change)

    @operation
    def update_owner(self, lifecycle_id: int, owner_id: str, **fields: Any) -> Change:
        check_fields("owner", fields, OWNER_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            rev = self._rev(lifecycle_id)
            pk = self._pk(conn, OWNERS, lifecycle_id, owner_id, "owner")
            renaming = set(fields) == {"name"}
            before = (conn.execute(select(OWNERS.c.name).where(OWNERS.c.pk == pk)).scalar_one()
                      if renaming else None)
            values = {("key" if k == "id" else k): v for k, v in fields.items()}
            self._write(conn, OWNERS, pk, lifecycle_id, values)
            after = owner_doc(conn.execute(select(OWNERS).where(OWNERS.c.pk == pk)).one())
            summary = f"Changed owner {quoted(after.name)}"
            if renaming and before != after.name:
                summary = f"Renamed owner {quoted(before)} to {quoted(after.name)}"
            change = Change("update_owner", summary, lifecycle_id)
            change.owners[after.id] = after
            if after.id != owner_id:
                change.owners[owner_id] = None
                self._record_removal(conn, lifecycle_id, "owner", owner_id, quoted(after.name))
                self._forget_removal(conn, lifecycle_id, "owner", after.id)
                # the stages and items they own now name the new id
                conn.execute(update(STAGES).where(STAGES.c.owner_pk == pk).values(rev=rev))
                conn.execute(update(ITEMS).where(ITEMS.c.owner_pk == pk).values(rev=rev))
                for (spk,) in conn.execute(select(STAGES.c.pk).where(STAGES.c.owner_pk == pk)).all():
                    s = self._stage_after(conn, spk)
                    change.stages[s.id] = s
                for (ipk,) in conn.execute(select(ITEMS.c.pk).where(ITEMS.c.owner_pk == pk)).all():
                    i = self._item_after(conn, ipk)
                    change.items[i.id] = i
            return self._commit(conn, change)

    @operation
    def delete_owner(self, lifecycle_id: int, owner_id: str, reassign_to: str | None = None) -> Change:
        """Delete an owner; their stages and items go to ``reassign_to`` (or to nobody)."""
        if reassign_to == owner_id:
            raise OperationError(self.location_text, "cannot reassign an owner's stages to the same owner")
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            pk = self._pk(conn, OWNERS, lifecycle_id, owner_id, "owner")
            new_pk = self._owner_pk(conn, lifecycle_id, reassign_to)
            row = conn.execute(select(OWNERS).where(OWNERS.c.pk == pk)).one()
            removed = Removed(owners=[(row.seq, owner_doc(row))])
            change = Change("delete_owner", f"Deleted owner {quoted(row.name)}", lifecycle_id, removed=removed)
            change.owners[owner_id] = None
            stage_pks = conn.execute(select(STAGES.c.pk, STAGES.c.key).where(STAGES.c.owner_pk == pk)).all()
            item_pks = conn.execute(select(ITEMS.c.pk, ITEMS.c.key).where(ITEMS.c.owner_pk == pk)).all()
            rev = self._rev(lifecycle_id)
            conn.execute(update(STAGES).where(STAGES.c.owner_pk == pk).values(owner_pk=new_pk, rev=rev))
            conn.execute(update(ITEMS).where(ITEMS.c.owner_pk == pk).values(owner_pk=new_pk, rev=rev))
            for spk, key in stage_pks:
                removed.stage_owners[key] = owner_id
                change.stages[key] = self._stage_after(conn, spk)
            for ipk, key in item_pks:
                removed.item_owners[key] = owner_id
                change.items[key] = self._item_after(conn, ipk)
            self._record_removal(conn, lifecycle_id, "owner", owner_id, quoted(row.name))
            conn.execute(delete(OWNERS).where(OWNERS.c.pk == pk))
            return self._commit(conn, change)

    # ---- phases and items --------------------------------------------------------------------
    def _phase_pk(self, conn: Connection, lifecycle_id: int, number: int, create: bool = False) -> int:
        pk = conn.execute(
            select(PHASES.c.pk).where(PHASES.c.lifecycle_pk == lifecycle_id, PHASES.c.number == number)
        ).scalar()
        if pk is None:
            if not create or number not in d.PHASE_NAMES:
                raise OperationError(self.location_text, f"no phase {number}")
            # phases are kept in their number order, whatever order they were added in
            pk = conn.execute(
                insert(PHASES).values(lifecycle_pk=lifecycle_id, number=number, seq=float(number),
                                      rev=self._rev(lifecycle_id))
            ).inserted_primary_key[0]
        return pk

    def _phase_complete(self, conn: Connection, phase_pk: int) -> bool:
        statuses = conn.execute(select(ITEMS.c.status).where(ITEMS.c.phase_pk == phase_pk)).scalars().all()
        return bool(statuses) and all(s == "done" for s in statuses)

    def _completed_phases(self, conn: Connection, lifecycle_id: int) -> set[int]:
        rows = conn.execute(
            select(PHASES.c.pk, PHASES.c.number).where(PHASES.c.lifecycle_pk == lifecycle_id)
        ).all()
        return {number for pk, number in rows if self._phase_complete(conn, pk)}

    def _auto_snapshot(self, conn: Connection, lifecycle_id: int, before: set[int], change: Change) -> None:
        """One snapshot, taken automatically, when an edit completes a phase."""
        newly = sorted(self._completed_phases(conn, lifecycle_id) - before)
        for number in newly:
            base = f"Phase {number} complete"
            label, n = base, 1
            while conn.execute(
                select(SNAPSHOTS.c.pk).where(SNAPSHOTS.c.lifecycle_pk == lifecycle_id,
                                             SNAPSHOTS.c.label == label)
            ).first():
                n += 1
                label = f"{base} ({n})"
            change.snapshot_id = self._insert_snapshot(conn, lifecycle_id, label, auto=True)
            change.summary += f"; phase {number} complete, snapshot {quoted(label)} taken"

    @operation
    def set_phase(self, lifecycle_id: int, number: int, *, planned_start: date | None,
                  planned_end: date | None) -> Change:
        if planned_start and planned_end and planned_start > planned_end:
            raise OperationError(self.location_text, f"phase {number}: the planned start is after the planned end")
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            self._check_phase(conn, lifecycle_id, number)
            pk = self._phase_pk(conn, lifecycle_id, number, create=True)
            self._write(conn, PHASES, pk, lifecycle_id,
                        {"planned_start": planned_start, "planned_end": planned_end})
            return self._commit(conn, Change("set_phase", f"Planned phase {number}", lifecycle_id,
                                             phases={number}))

    def _item_seq_at(self, conn: Connection, lifecycle_id: int, phase_pk: int, index: int | None) -> float:
        seqs = conn.execute(
            select(ITEMS.c.seq).where(ITEMS.c.phase_pk == phase_pk).order_by(ITEMS.c.seq)
        ).scalars().all()
        if index is None or index >= len(seqs):
            return self._next_seq(conn, ITEMS, lifecycle_id)
        index = max(index, 0)
        before = seqs[index - 1] if index > 0 else seqs[0] - 1.0
        return (before + seqs[index]) / 2.0

    @operation
    def add_item(self, lifecycle_id: int, phase_number: int, item: d.Item, index: int | None = None,
                 _seq: float | None = None) -> Change:
        check_fields("item", {k: getattr(item, k) for k in ITEM_FIELDS if k != "owner"}, ITEM_FIELDS)
        self._check_done_on(item.status, item.done_on)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            before = self._completed_phases(conn, lifecycle_id)
            change = Change("add_item", f"Added item {quoted(item.title)} to phase {phase_number}",
                            lifecycle_id, phases={phase_number})
            self._insert_item(conn, lifecycle_id, phase_number, item, index, _seq, change)
            self._auto_snapshot(conn, lifecycle_id, before, change)
            return self._commit(conn, change)

    def _insert_item(self, conn: Connection, lifecycle_id: int, phase_number: int, item: d.Item,
                     index: int | None, seq: float | None, change: Change) -> None:
        self._check_new(conn, "item", lifecycle_id, item.id)
        if conn.execute(
            select(ITEMS.c.pk).where(ITEMS.c.lifecycle_pk == lifecycle_id, ITEMS.c.key == item.id)
        ).first():
            raise OperationError(self.location_text, f"an item with id {item.id!r} already exists")
        self._forget_removal(conn, lifecycle_id, "item", item.id)
        phase_pk = self._phase_pk(conn, lifecycle_id, phase_number, create=True)
        if seq is None:
            seq = self._item_seq_at(conn, lifecycle_id, phase_pk, index)
        pk = conn.execute(
            insert(ITEMS).values(
                lifecycle_pk=lifecycle_id, phase_pk=phase_pk, seq=seq, rev=self._rev(lifecycle_id),
                **item_values(item, self._owner_pk(conn, lifecycle_id, item.owner)),
            )
        ).inserted_primary_key[0]
        change.items[item.id] = self._item_after(conn, pk)
        change.phases.add(phase_number)

    def _check_done_on(self, status: str, done_on: date | None) -> None:
        if status == "done" and done_on is None:
            raise OperationError(self.location_text, "a done item needs its done_on date")
        if status != "done" and done_on is not None:
            raise OperationError(self.location_text, "only a done item has a done_on date")

    @operation
    def update_item(self, lifecycle_id: int, item_id: str, **fields: Any) -> Change:
        """Edit an item. Marking it done sets ``done_on`` to today unless given; leaving done
        clears it. Completing the last open item of a phase takes a snapshot."""
        check_fields("item", fields, ITEM_FIELDS)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            pk = self._pk(conn, ITEMS, lifecycle_id, item_id, "item")
            row = conn.execute(select(ITEMS).where(ITEMS.c.pk == pk)).one()
            before = self._completed_phases(conn, lifecycle_id)
            values = {("key" if k == "id" else k): v for k, v in fields.items() if k != "owner"}
            if "owner" in fields:
                values["owner_pk"] = self._owner_pk(conn, lifecycle_id, fields["owner"])
            status = fields.get("status", row.status)
            if "status" in fields and "done_on" not in fields:
                if status == "done" and row.status != "done":
                    values["done_on"] = date.today()
                elif status != "done":
                    values["done_on"] = None
                if "done_on" in values:
                    # the log keeps the date given, so a replay another day gives the same plan
                    self._book.call[1]["done_on"] = values["done_on"]
            self._check_done_on(status, values.get("done_on", row.done_on))
            self._write(conn, ITEMS, pk, lifecycle_id, values)
            number = conn.execute(select(PHASES.c.number).where(PHASES.c.pk == row.phase_pk)).scalar()
            after = self._item_after(conn, pk)
            change = Change("update_item", f"Changed {', '.join(sorted(fields))} of item {quoted(after.title)}",
                            lifecycle_id, phases={number})
            if after.id != item_id:
                change.items[item_id] = None
                self._record_removal(conn, lifecycle_id, "item", item_id, quoted(after.title))
                self._forget_removal(conn, lifecycle_id, "item", after.id)
            change.items[after.id] = after
            self._auto_snapshot(conn, lifecycle_id, before, change)
            return self._commit(conn, change)

    @operation
    def move_item(self, lifecycle_id: int, item_id: str, phase_number: int, index: int) -> Change:
        """Reorder an item within its phase or move it to another (``index`` in the target list)."""
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            pk = self._pk(conn, ITEMS, lifecycle_id, item_id, "item")
            row = conn.execute(select(ITEMS).where(ITEMS.c.pk == pk)).one()
            old_number = conn.execute(select(PHASES.c.number).where(PHASES.c.pk == row.phase_pk)).scalar()
            before = self._completed_phases(conn, lifecycle_id)
            phase_pk = self._phase_pk(conn, lifecycle_id, phase_number, create=True)
            # take the item out of the list before finding its new place
            conn.execute(update(ITEMS).where(ITEMS.c.pk == pk).values(phase_pk=phase_pk, seq=-1e18))
            others = conn.execute(
                select(ITEMS.c.seq).where(ITEMS.c.phase_pk == phase_pk, ITEMS.c.pk != pk).order_by(ITEMS.c.seq)
            ).scalars().all()
            if index >= len(others):
                seq = self._next_seq(conn, ITEMS, lifecycle_id)
            else:
                index = max(index, 0)
                lo = others[index - 1] if index > 0 else others[0] - 1.0
                seq = (lo + others[index]) / 2.0
            conn.execute(update(ITEMS).where(ITEMS.c.pk == pk).values(seq=seq, rev=self._rev(lifecycle_id)))
            change = Change("move_item", f"Moved item {quoted(row.title)}", lifecycle_id,
                            phases={old_number, phase_number})
            change.items[item_id] = self._item_after(conn, pk)
            self._auto_snapshot(conn, lifecycle_id, before, change)
            return self._commit(conn, change)

    def item_position(self, lifecycle_id: int, item_id: str) -> tuple[int, int]:
        """(phase number, index within the phase) of an item: what ``move_item`` undoes to."""
        doc = self.load(lifecycle_id)
        for phase in doc.phases:
            for index, item in enumerate(phase.items):
                if item.id == item_id:
                    return phase.number, index
        raise OperationError(self.location_text, f"no item with id {item_id!r}")

    @operation
    def delete_items(self, lifecycle_id: int, item_ids: Iterable[str]) -> Change:
        item_ids = list(dict.fromkeys(item_ids))
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            removed = Removed()
            change = Change("delete_items", f"Deleted {_plural(len(item_ids), 'item')}", lifecycle_id,
                            removed=removed)
            for key in item_ids:
                pk = self._pk(conn, ITEMS, lifecycle_id, key, "item")
                row = conn.execute(select(ITEMS).where(ITEMS.c.pk == pk)).one()
                number = conn.execute(select(PHASES.c.number).where(PHASES.c.pk == row.phase_pk)).scalar()
                removed.items.append((row.seq, number, self._item_after(conn, pk)))
                change.items[key] = None
                self._record_removal(conn, lifecycle_id, "item", key, quoted(row.title))
                change.phases.add(number)
                conn.execute(delete(ITEMS).where(ITEMS.c.pk == pk))
                if len(item_ids) == 1:
                    change.summary = f"Deleted item {quoted(row.title)}"
            return self._commit(conn, change)

    # ---- rules and suppressions --------------------------------------------------------------
    @operation
    def set_rule(self, lifecycle_id: int, code: str, setting: dict[str, Any] | None) -> Change:
        """Set (or with None, clear) a rule's settings: severity and parameters."""
        if setting:
            self._check_rule_setting(code, setting)
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            self._find(conn, "rule", lifecycle_id, code, touch=True)
            conn.execute(delete(RULE_SETTINGS).where(RULE_SETTINGS.c.lifecycle_pk == lifecycle_id,
                                                     RULE_SETTINGS.c.code == code))
            if setting:
                self._forget_removal(conn, lifecycle_id, "rule", code)
                conn.execute(insert(RULE_SETTINGS).values(
                    lifecycle_pk=lifecycle_id, rev=self._rev(lifecycle_id), **rule_setting_values(code, setting)))
            else:
                self._record_removal(conn, lifecycle_id, "rule", code, f"the settings of {code}")
            return self._commit(conn, Change("set_rule", f"Changed the settings of {code}",
                                             lifecycle_id, header=True))

    def _check_rule_setting(self, code: str, setting: dict[str, Any]) -> None:
        """Refuse a setting the lifecycle format refuses (an unknown rule or parameter, a value
        of the wrong type): written, it would stop every later snapshot, and the lifecycle would
        be refused the next time it is opened."""
        from desktop_app.interchange import document_dict
        from desktop_app.interchange.validation import document_problems

        problems = document_problems(document_dict(d.Lifecycle("rule check", rules={code: setting})))
        if problems:
            raise OperationError(self.location_text, f"the settings of {one_line(code, 20)} were refused "
                                 f"({one_line(problems[0], 160)}); nothing was changed")

    @operation
    def add_suppression(self, lifecycle_id: int, suppression: d.Suppression) -> Change:
        if not suppression.reason or not suppression.reason.strip():
            raise OperationError(self.location_text, "a suppression needs a reason")
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            conn.execute(insert(SUPPRESSIONS).values(
                lifecycle_pk=lifecycle_id, rule=suppression.rule, stage=suppression.stage,
                reason=suppression.reason, seq=self._next_seq(conn, SUPPRESSIONS, lifecycle_id),
                rev=self._rev(lifecycle_id)))
            where = (f" on {quoted(self._stage_name(conn, lifecycle_id, suppression.stage))}"
                     if suppression.stage else "")
            return self._commit(conn, Change("add_suppression",
                                             f"Suppressed {suppression.rule}{where}", lifecycle_id,
                                             header=True))

    @operation
    def remove_suppression(self, lifecycle_id: int, index: int) -> Change:
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            self._check_suppressions(conn, lifecycle_id)
            rows = conn.execute(
                select(SUPPRESSIONS).where(SUPPRESSIONS.c.lifecycle_pk == lifecycle_id)
                .order_by(SUPPRESSIONS.c.seq)
            ).all()
            if not 0 <= index < len(rows):
                raise OperationError(self.location_text, f"no suppression number {index}")
            row = rows[index]
            removed = Removed(suppressions=[(row.seq, d.Suppression(row.rule, row.reason, row.stage))])
            self._record_removal(conn, lifecycle_id, "suppression", str(row.pk),
                                 f"the suppression of {row.rule}")
            conn.execute(delete(SUPPRESSIONS).where(SUPPRESSIONS.c.pk == row.pk))
            return self._commit(conn, Change("remove_suppression", f"Removed the suppression of {row.rule}",
                                             lifecycle_id, header=True, removed=removed))

    # ---- undo of deletes ---------------------------------------------------------------------
    @operation
    def restore(self, lifecycle_id: int, removed: Removed) -> Change:
        """Put back exactly what a delete removed, in its place in document order."""
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            rev = self._rev(lifecycle_id)
            change = Change("restore", "Restored what was deleted", lifecycle_id)
            for seq, o in removed.owners:
                self._check_new(conn, "owner", lifecycle_id, o.id)
                self._forget_removal(conn, lifecycle_id, "owner", o.id)
                conn.execute(insert(OWNERS).values(lifecycle_pk=lifecycle_id, key=o.id, name=o.name,
                                                   kind=o.kind, seq=seq, rev=rev))
                change.owners[o.id] = o
            for seq, s in removed.stages:
                self._check_new(conn, "stage", lifecycle_id, s.id)
                self._forget_removal(conn, lifecycle_id, "stage", s.id)
                pk = conn.execute(insert(STAGES).values(
                    lifecycle_pk=lifecycle_id, seq=seq, rev=rev,
                    **stage_values(s, self._owner_pk(conn, lifecycle_id, s.owner)))).inserted_primary_key[0]
                change.stages[s.id] = self._stage_after(conn, pk)
            for seq, e in removed.edges:
                self._insert_edge(conn, lifecycle_id, e, change, seq=seq)
            for seq, number, item in removed.items:
                self._insert_item(conn, lifecycle_id, number, item, None, seq, change)
            for seq, s in removed.suppressions:
                conn.execute(insert(SUPPRESSIONS).values(lifecycle_pk=lifecycle_id, rule=s.rule,
                                                         stage=s.stage, reason=s.reason, seq=seq, rev=rev))
                change.header = True
            for key, owner in removed.stage_owners.items():
                pk = self._pk(conn, STAGES, lifecycle_id, key, "stage")
                self._write(conn, STAGES, pk, lifecycle_id, {"owner_pk": self._owner_pk(conn, lifecycle_id, owner)})
                change.stages[key] = self._stage_after(conn, pk)
            for key, owner in removed.item_owners.items():
                pk = self._pk(conn, ITEMS, lifecycle_id, key, "item")
                self._write(conn, ITEMS, pk, lifecycle_id, {"owner_pk": self._owner_pk(conn, lifecycle_id, owner)})
                change.items[key] = self._item_after(conn, pk)
            return self._commit(conn, change)

    # ---- snapshots ---------------------------------------------------------------------------
    def _insert_snapshot(self, conn: Connection, lifecycle_id: int, label: str, auto: bool) -> int:
        from desktop_app.interchange import dumps_document

        doc = self._load(conn, lifecycle_id)
        return conn.execute(insert(SNAPSHOTS).values(
            lifecycle_pk=lifecycle_id, label=label, taken_at=_now(), auto=auto,
            document=dumps_document(doc))).inserted_primary_key[0]

    @operation
    def take_snapshot(self, lifecycle_id: int, label: str, auto: bool = False) -> Change:
        label = (label or "").strip()
        if not label or len(label) > 200:
            raise OperationError(self.location_text, "a snapshot needs a label of 1 to 200 characters")
        with self._transaction() as conn:
            self._lifecycle(conn, lifecycle_id)
            if conn.execute(select(SNAPSHOTS.c.pk).where(
                    SNAPSHOTS.c.lifecycle_pk == lifecycle_id, SNAPSHOTS.c.label == label)).first():
                raise OperationError(self.location_text, f"a snapshot labelled {label!r} already exists")
            change = Change("take_snapshot", f"Took snapshot {quoted(label)}", lifecycle_id)
            change.snapshot_id = self._insert_snapshot(conn, lifecycle_id, label, auto)
            return self._commit(conn, change)
