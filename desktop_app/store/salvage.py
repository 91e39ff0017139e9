"""Copying out what can still be read from a damaged workspace (``export --salvage``).

The open refuses a damaged file (inspection.py); this is the way out it names. It never writes:
a read-only connection, with the same header and schema checks as the open (a file whose schema
the app did not create is refused here too, so nothing of it runs), then every table read by a
plain scan (``NOT INDEXED``: an index that disagrees with its table is the commonest damage, and
reading through it loses rows), keeping the rows whose cells hold what the app writes and whose
references resolve, and stopping a table at its first unreadable page. What was left out is
listed, so the user knows what to check in the copy.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app.model import document as d

from desktop_app.model.text import one_line

from . import engine as eng
from .cells import COLUMNS
from .errors import WorkspaceError
from .inspection import check_header, check_schema, connect_read_only, read_header, usable_file


@dataclass
class Salvaged:
    lifecycle: d.Lifecycle
    left_out: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.left_out: list[str] = []

    def rows(self, table: str, columns: str, where: str = "1", params: tuple = ()) -> list[sqlite3.Row]:
        """The rows of ``table`` with sound cells, by a plain scan, in ``seq`` order when the
        table has one; a table cut short by a damaged page keeps the rows before it."""
        bad = " OR ".join(cond for cond, _what in COLUMNS[table].values())
        order = " ORDER BY seq, pk" if "seq" in COLUMNS[table] else " ORDER BY pk"
        kept: list[sqlite3.Row] = []
        try:
            cursor = self.conn.execute(
                f"SELECT {columns} FROM {table} NOT INDEXED WHERE ({where}) AND NOT ({bad}){order}", params)
            for row in cursor:
                kept.append(row)
        except sqlite3.DatabaseError as exc:
            self.left_out.append(f"{table}: the rows after the first {len(kept)} could not be read "
                                 f"({one_line(exc, 60)})")
            return kept
        try:
            refused = self.conn.execute(
                f"SELECT count(*) FROM {table} NOT INDEXED WHERE ({where}) AND ({bad})", params).fetchone()[0]
        except sqlite3.DatabaseError:
            refused = 0
        if refused:
            self.left_out.append(f"{table}: {refused} row(s) with values the app does not write")
        return kept


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def salvage(path: str | Path, name: str | None = None) -> Salvaged:
    """The lifecycle ``name`` (or the only one) of a possibly damaged workspace, as far as it
    can be read; WorkspaceError when the file is not a workspace at all or nothing is left."""
    path = Path(path)
    st = usable_file(path)
    if eng.file_key(st) in eng.OPEN_FILES:
        raise eng.in_use(path)
    version = check_header(path, read_header(path), eng.APPLICATION_ID, eng.SCHEMA_VERSION)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise eng.classify_sqlite_error(path, exc) from None
    try:
        conn.execute("BEGIN")
        try:
            check_schema(path, conn, version, eng.REVISIONS)
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorcode", None) == 776:  # SQLITE_READONLY_ROLLBACK
                raise WorkspaceError(
                    path, "the last session that wrote this workspace crashed: open it once (or run "
                    "lifecycle-studio list on it) so it recovers, then salvage it") from None
            raise eng.classify_sqlite_error(path, exc) from None
        conn.row_factory = sqlite3.Row
        # text that is not UTF-8 is kept, its bad bytes shown as U+FFFD, rather than lost
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        return _salvage(path, _Reader(path, conn), name)
    finally:
        conn.close()


def _salvage(path: Path, r: _Reader, name: str | None) -> Salvaged:
    heads = [h for h in r.rows("lifecycles", "pk, name, paradigm, description", "deleted = 0")]
    def shown(text: str) -> str:
        # names come from the file: escaped and cut
        quoted = repr(text)
        return quoted if len(quoted) <= 62 else quoted[:61] + "\u2026"

    if name is not None:
        heads = [h for h in heads if h["name"] == name]
    if not heads:
        what = f"no readable lifecycle named {shown(name)}" if name else "no readable lifecycle"
        raise WorkspaceError(path, f"{what} is left in the damaged workspace")
    if len(heads) > 1:
        names = ", ".join(shown(h["name"]) for h in heads[:10]) + (", \u2026" if len(heads) > 10 else "")
        raise WorkspaceError(path, f"name a lifecycle with --lifecycle (readable: {names})")
    head = heads[0]
    lid = head["pk"]
    lc = d.Lifecycle(name=head["name"], paradigm=head["paradigm"], description=head["description"])
    dropped: dict[str, int] = {}

    def drop(what: str) -> None:
        dropped[what] = dropped.get(what, 0) + 1

    owners: dict[int, str] = {}
    for o in r.rows("owners", "pk, key, name, kind", "lifecycle_pk = ?", (lid,)):
        if o["key"] in owners.values():
            drop("owners with a repeated id")
            continue
        owners[o["pk"]] = o["key"]
        lc.owners.append(d.Owner(o["key"], o["name"], o["kind"]))
    stages: dict[int, str] = {}
    for s in r.rows("stages", "pk, key, name, kind, owner_pk, automation, criteria, notes, x, y",
                    "lifecycle_pk = ?", (lid,)):
        if s["key"] in stages.values():
            drop("stages with a repeated id")
            continue
        owner = owners.get(s["owner_pk"])
        if s["owner_pk"] is not None and owner is None:
            drop("stage owners that could not be read (the stages are kept, unowned)")
        stages[s["pk"]] = s["key"]
        lc.stages.append(d.Stage(s["key"], s["name"], s["kind"], owner, s["automation"], s["criteria"],
                                 s["notes"], float(s["x"]), float(s["y"])))
    edge_ids: set[str] = set()
    for e in r.rows("edges", "key, source_pk, target_pk, kind, \"trigger\", latency_days, label",
                    "lifecycle_pk = ?", (lid,)):
        source, target = stages.get(e["source_pk"]), stages.get(e["target_pk"])
        if source is None or target is None or e["key"] in edge_ids:
            drop("edges whose stages or id could not be read")
            continue
        edge_ids.add(e["key"])
        lc.edges.append(d.Edge(e["key"], source, target, e["kind"], e["trigger"],
                               None if e["latency_days"] is None else float(e["latency_days"]), e["label"]))
    phases: dict[int, d.Phase] = {}
    for p in r.rows("phases", "pk, number, planned_start, planned_end", "lifecycle_pk = ?", (lid,)):
        if any(q.number == p["number"] for q in phases.values()):
            drop("phases with a repeated number")
            continue
        start, end = _day(p["planned_start"]), _day(p["planned_end"])
        if start and end and start > end:
            start = end = None
            drop("phase plans whose dates were out of order (the phases are kept, unplanned)")
        phases[p["pk"]] = d.Phase(p["number"], start, end)
    item_ids: set[str] = set()
    for i in r.rows("items", "phase_pk, key, title, status, owner_pk, due, done_on, notes",
                    "lifecycle_pk = ?", (lid,)):
        phase = phases.get(i["phase_pk"])
        done_on = _day(i["done_on"])
        if phase is None or i["key"] in item_ids or (i["status"] == "done") != (done_on is not None):
            drop("phase items whose phase, id or done date could not be read")
            continue
        item_ids.add(i["key"])
        phase.items.append(d.Item(i["key"], i["title"], i["status"], owners.get(i["owner_pk"]),
                                  _day(i["due"]), done_on, i["notes"]))
    lc.phases = sorted(phases.values(), key=lambda p: p.number)
    for rule in r.rows("rule_settings", "code, severity, parameters", "lifecycle_pk = ?", (lid,)):
        setting = {} if rule["severity"] is None else {"severity": rule["severity"]}
        setting.update(json.loads(rule["parameters"]))
        lc.rules[rule["code"]] = setting
    for sup in r.rows("suppressions", "rule, stage, reason", "lifecycle_pk = ?", (lid,)):
        lc.suppressions.append(d.Suppression(sup["rule"], sup["reason"], sup["stage"]))
    _drop_what_the_format_refuses(lc, drop)
    left_out = r.left_out + [f"{what}: {n}" for what, n in dropped.items()]
    return Salvaged(lc, left_out)


def _drop_what_the_format_refuses(lc: d.Lifecycle, drop) -> None:
    """Rules and suppressions the document validation refuses are left out one by one, so the
    copy is a document the app reads back."""
    from desktop_app.interchange import document_dict
    from desktop_app.interchange.validation import document_problems

    for code in list(lc.rules):
        if document_problems(document_dict(d.Lifecycle(lc.name, rules={code: lc.rules[code]}))):
            del lc.rules[code]
            drop("rule settings the format does not allow")
    kept = []
    for sup in lc.suppressions:
        if document_problems(document_dict(d.Lifecycle(lc.name, suppressions=[sup]))):
            drop("suppressions the format does not allow")
        else:
            kept.append(sup)
    lc.suppressions = kept
