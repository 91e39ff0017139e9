"""Every cell of a workspace holds what the app writes, or the file is refused by table, row and
column before anything reads it.

A workspace from someone else may have been written by any program: a date that is no date, bytes
where text belongs, a stage kind the app does not know, an edge to a stage that does not exist or
belongs to another lifecycle, rule parameters that are not JSON. Each would otherwise surface
later as a crash far from its cause. The checks are SQL run by SQLite over each table once (a
5,000-stage workspace in a few milliseconds), so only a bad row costs Python time.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.model import document as d

from .errors import WorkspaceError


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _text(c: str) -> tuple[str, str]:
    return f"typeof({c}) != 'text'", "must be text"


def _text_or_null(c: str) -> tuple[str, str]:
    return f"({c} IS NOT NULL AND typeof({c}) != 'text')", "must be text or empty"


def _name(c: str, longest: int | None = None) -> tuple[str, str]:
    cond = f"typeof({c}) != 'text' OR {c} = ''"
    if longest:
        return f"({cond} OR length({c}) > {longest})", f"must be text of 1 to {longest} characters"
    return f"({cond})", "must be text, not empty"


def _choice(c: str, values: tuple[str, ...], null_ok: bool = False) -> tuple[str, str]:
    cond = f"(typeof({c}) != 'text' OR {c} NOT IN ({_quoted(values)}))"
    what = f"must be one of {', '.join(values)}"
    if null_ok:
        return f"({c} IS NOT NULL AND {cond})", what + " (or empty)"
    return cond, what


def _id(c: str, null_ok: bool = False) -> tuple[str, str]:
    cond = (f"(typeof({c}) != 'text' OR length({c}) NOT BETWEEN 1 AND 64 "
            f"OR {c} GLOB '*[^A-Za-z0-9_.-]*')")
    what = "must be an id of 1 to 64 letters, digits, '_', '.' or '-'"
    if null_ok:
        return f"({c} IS NOT NULL AND {cond})", what + " (or empty)"
    return cond, what


def _integer(c: str, null_ok: bool = False) -> tuple[str, str]:
    if null_ok:
        return f"({c} IS NOT NULL AND typeof({c}) != 'integer')", "must be a whole number or empty"
    return f"typeof({c}) != 'integer'", "must be a whole number"


_FINITE = "abs({c}) <= 1.7976931348623157e308"


def _number(c: str, null_ok: bool = False, at_least: float | None = None) -> tuple[str, str]:
    cond = f"typeof({c}) NOT IN ('integer', 'real') OR NOT ({_FINITE.format(c=c)})"
    what = "must be a finite number"
    if at_least is not None:
        cond += f" OR {c} < {at_least}"
        what = f"must be a number >= {at_least:g}"
    if null_ok:
        return f"({c} IS NOT NULL AND ({cond}))", what + " (or empty)"
    return f"({cond})", what


def _boolean(c: str) -> tuple[str, str]:
    return f"(typeof({c}) != 'integer' OR {c} NOT IN (0, 1))", "must be 0 or 1"


def _date(c: str) -> tuple[str, str]:
    # date(x, '+0 days') normalises: '2025-02-30' becomes '2025-03-02', so only real dates pass
    return (f"({c} IS NOT NULL AND (typeof({c}) != 'text' OR date({c}, '+0 days') IS NOT {c}))",
            "must be a calendar date YYYY-MM-DD (or empty)")


def _datetime(c: str) -> tuple[str, str]:
    return (f"(typeof({c}) != 'text' OR datetime(substr({c}, 1, 19), '+0 days') IS NOT substr({c}, 1, 19) "
            f"OR NOT (length({c}) = 19 OR (length({c}) = 26 "
            f"AND substr({c}, 20) GLOB '.[0-9][0-9][0-9][0-9][0-9][0-9]')))",
            "must be a date and time YYYY-MM-DD HH:MM:SS")


def _json(c: str, object_only: bool) -> tuple[str, str]:
    cond = f"typeof({c}) != 'text' OR NOT json_valid({c})"
    if object_only:
        # CASE, not OR: SQLite may evaluate json_type() of text that is not JSON, and fail
        return f"(CASE WHEN {cond} THEN 1 ELSE json_type({c}) != 'object' END)", "must be a JSON object"
    return f"({cond})", "must be JSON text"


def _rule_code(c: str) -> tuple[str, str]:
    return f"(typeof({c}) != 'text' OR {c} NOT GLOB 'LC[0-9][0-9][0-9]')", "must be a rule code like LC101"


def _count(c: str) -> tuple[str, str]:
    return f"(typeof({c}) != 'integer' OR {c} < 0)", "must be a whole number, 0 or more"


def _json_or_null(c: str) -> tuple[str, str]:
    return (f"({c} IS NOT NULL AND (typeof({c}) != 'text' OR NOT json_valid({c})))",
            "must be JSON text (or empty)")


_SEQ = _number("seq")
_LC = _integer("lifecycle_pk")
# the lifecycle revision a row last changed at (store/revisions.py)
_REV = _count("rev")

# table -> column -> (SQL that is true for a bad value, what a good value is)
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "lifecycles": {
        "name": _name("name", 200), "paradigm": _choice("paradigm", d.PARADIGMS),
        "description": _text("description"), "created_at": _datetime("created_at"),
        "deleted": _boolean("deleted"), "revision": _count("revision"), "rev": _REV,
    },
    "owners": {
        "lifecycle_pk": _LC, "key": _id("key"), "name": _text("name"),
        "kind": _choice("kind", d.OWNER_KINDS), "seq": _SEQ, "rev": _REV,
    },
    "stages": {
        "lifecycle_pk": _LC, "key": _id("key"), "name": _name("name", 200),
        "kind": _choice("kind", d.STAGE_KINDS), "owner_pk": _integer("owner_pk", null_ok=True),
        "automation": _choice("automation", d.AUTOMATIONS), "criteria": _text("criteria"),
        "notes": _text("notes"), "x": _number("x"), "y": _number("y"), "seq": _SEQ, "rev": _REV,
    },
    "edges": {
        "lifecycle_pk": _LC, "key": _id("key"), "source_pk": _integer("source_pk"),
        "target_pk": _integer("target_pk"), "kind": _choice("kind", d.EDGE_KINDS),
        "trigger": _choice('"trigger"', d.TRIGGERS),
        "latency_days": _number("latency_days", null_ok=True, at_least=0),
        "label": _text("label"), "seq": _SEQ, "rev": _REV,
    },
    "phases": {
        "lifecycle_pk": _LC,
        "number": ("(typeof(number) != 'integer' OR number NOT BETWEEN 1 AND 4)", "must be 1, 2, 3 or 4"),
        "planned_start": _date("planned_start"), "planned_end": _date("planned_end"), "seq": _SEQ, "rev": _REV,
    },
    "items": {
        "lifecycle_pk": _LC, "phase_pk": _integer("phase_pk"), "key": _id("key"),
        "title": _text("title"), "status": _choice("status", d.ITEM_STATUSES),
        "owner_pk": _integer("owner_pk", null_ok=True), "due": _date("due"),
        "done_on": _date("done_on"), "notes": _text("notes"), "seq": _SEQ, "rev": _REV,
    },
    "rule_settings": {
        "lifecycle_pk": _LC, "code": _rule_code("code"),
        "severity": _choice("severity", d.SEVERITY_SETTINGS, null_ok=True),
        "parameters": _json("parameters", object_only=True), "rev": _REV,
    },
    "suppressions": {
        "lifecycle_pk": _LC, "rule": _rule_code("rule"), "stage": _id("stage", null_ok=True),
        "reason": _text("reason"), "seq": _SEQ, "rev": _REV,
    },
    "snapshots": {
        "lifecycle_pk": _LC, "label": _text("label"), "taken_at": _datetime("taken_at"),
        "auto": _boolean("auto"), "document": _json("document", object_only=True),
    },
    "activity": {
        "lifecycle_pk": _integer("lifecycle_pk", null_ok=True), "at": _datetime("at"),
        "operation": _text("operation"), "summary": _text("summary"), "author": _text("author"),
        "revision": _integer("revision", null_ok=True),
        "args": _json_or_null("args"),
    },
    "removals": {
        "lifecycle_pk": _LC, "kind": _choice("kind", ("stage", "edge", "owner", "item", "rule", "suppression")),
        "key": _text("key"), "name": _text("name"), "rev": _REV,
    },
    "retrospectives": {
        "lifecycle_pk": _LC, "since_snapshot_pk": _integer("since_snapshot_pk", null_ok=True),
        "until_snapshot_pk": _integer("until_snapshot_pk", null_ok=True), "notes": _text("notes"),
        "created_at": _datetime("created_at"),
    },
    "action_items": {
        "retrospective_pk": _integer("retrospective_pk"), "title": _text("title"),
        "done": _boolean("done"), "promoted_item": _id("promoted_item", null_ok=True), "seq": _SEQ,
    },
}

# references that must stay inside one lifecycle: (table, column, parent table)
SAME_LIFECYCLE: tuple[tuple[str, str, str], ...] = (
    ("stages", "owner_pk", "owners"),
    ("edges", "source_pk", "stages"),
    ("edges", "target_pk", "stages"),
    ("items", "phase_pk", "phases"),
    ("items", "owner_pk", "owners"),
    ("retrospectives", "since_snapshot_pk", "snapshots"),
    ("retrospectives", "until_snapshot_pk", "snapshots"),
)


def _shown(conn: sqlite3.Connection, table: str, column: str, pk: int) -> str:
    """The bad value, short and printable (a repr cut to 40 characters)."""
    try:
        value = conn.execute(f'SELECT "{column}" FROM {table} WHERE pk = ?', (pk,)).fetchone()[0]
    except (sqlite3.Error, UnicodeDecodeError):  # text that is not UTF-8, for one
        return "text that is not UTF-8"
    if value is None:
        return "empty (NULL)"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "\u2026"


def bad_cell(path: Path, table: str, pk: object, column: str, problem: str) -> WorkspaceError:
    return WorkspaceError(
        path,
        f"table {table}, row {pk}, column {column}: {problem}. The workspace was not opened and "
        "nothing in it was changed; it was not written by Lifecycle Studio as it is now "
        "(open an earlier copy, or ask the sender for an exported document)",
    )


def check_cells(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse the first bad cell, dangling reference or reference across lifecycles, if any."""
    check_columns(path, conn)
    problem = find_text_not_utf8(path, conn)
    if problem is not None:
        raise problem
    check_references(path, conn)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}


def _columns_in(conn: sqlite3.Connection, table: str) -> dict[str, tuple[str, str]]:
    """The rules of the columns ``table`` has: a file of an older schema version (checked before
    it is upgraded) lacks the later ones, e.g. ``rev`` before r0004."""
    present = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    return {c: rule for c, rule in COLUMNS[table].items() if c in present}


def check_columns(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse the first cell that breaks its column's rule (table scans only: no index is
    trusted, so this also runs on a file integrity_check found wrong, to say where)."""
    tables = _tables(conn)
    for table in COLUMNS:
        if table not in tables:
            continue
        conds = list(_columns_in(conn, table).items())
        where = " OR ".join(cond for _col, (cond, _what) in conds)
        flags = ", ".join(f"({cond})" for _col, (cond, _what) in conds)
        row = conn.execute(f"SELECT pk, {flags} FROM {table} WHERE {where} LIMIT 1").fetchone()
        if row is not None:
            pk, *bad = row
            column, (_cond, what) = next(c for c, flag in zip(conds, bad) if flag)
            raise bad_cell(path, table, pk, column, f"{what}, not {_shown(conn, table, column, pk)}")


def check_references(path: Path, conn: sqlite3.Connection) -> None:
    """Refuse a reference to a row that does not exist or belongs to another lifecycle.

    One join per foreign key (what ``foreign_key_check`` does, by primary key), with the
    same-lifecycle condition in the same pass where it applies."""
    tables = _tables(conn)
    same = {(table, column) for table, column, _parent in SAME_LIFECYCLE}
    for table in COLUMNS:
        if table not in tables:
            continue
        for row in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall():
            parent, column = row[2], row[3]
            across = (table, column) in same
            found = conn.execute(
                f"SELECT c.pk, c.{column}, p.pk IS NULL FROM {table} c LEFT JOIN {parent} p "
                f"ON p.pk = c.{column} WHERE c.{column} IS NOT NULL AND (p.pk IS NULL"
                + (" OR p.lifecycle_pk != c.lifecycle_pk)" if across else ")") + " LIMIT 1"
            ).fetchone()
            if found is not None:
                pk, value, missing = found
                raise bad_cell(path, table, pk, column,
                               f"refers to {parent} row {value}, which "
                               + ("does not exist" if missing else "belongs to another lifecycle"))


def find_text_not_utf8(path: Path, conn: sqlite3.Connection) -> WorkspaceError | None:
    """The first text cell that is not UTF-8, by table, row and column.

    SQLite does not check the encoding of what it stores. Only cells holding something beyond
    printable ASCII (GLOB reads an invalid byte as some character outside ' '..'~') are fetched,
    as bytes, and decoded here, so mostly-ASCII workspaces cost little."""
    tables = _tables(conn)
    for table in COLUMNS:
        if table not in tables:
            continue
        names = list(_columns_in(conn, table))
        casts = ", ".join(f'CAST("{c}" AS BLOB)' for c in names)
        beyond_ascii = " OR ".join(f"\"{c}\" GLOB '*[^ -~]*'" for c in names)
        for pk, *values in conn.execute(f"SELECT pk, {casts} FROM {table} NOT INDEXED WHERE {beyond_ascii}"):
            for column, value in zip(names, values):
                if isinstance(value, bytes):
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError:
                        return bad_cell(path, table, pk, column, "holds text that is not UTF-8")
    return None
