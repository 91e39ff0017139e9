"""Accepting a file as a workspace before anything writes to it or runs on it.

A workspace is untrusted input (leads mail them to each other), so the open goes in this order,
each step read-only:

1. the path: a regular, non-empty file (a FIFO or a device would hang or grow without end);
2. its first 100 bytes, read directly: the SQLite header, ``application_id`` and ``user_version``
   (SQLite itself would turn a 1-byte or empty file into a database on the first transaction);
3. a read-only SQLite connection (``mode=ro``, ``trusted_schema=OFF``, ``cell_size_check=ON``):
   ``sqlite_schema`` holds exactly the objects of its schema version (schema_objects.py), the
   Alembic revision matches, ``integrity_check`` passes, and every cell holds what the app writes
   (cells.py).

Only then does the store open the file read-write and take its lock (engine.py).
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import stat
from pathlib import Path

from .errors import NewerWorkspace, WorkspaceError
from .schema_objects import EXPECTED

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

# Full ``integrity_check`` (which also compares every index with its table) up to this many
# pages; above it only ``quick_check``. Measured on this machine: about 60 microseconds a page,
# 34 ms for a 5,000-stage workspace (365 pages), 0.47 s for 100,000 stages (7,507 pages, 30 MB).
# 65,536 pages of 4 KiB is 256 MiB, about 8 times the 100,000-stage file: about 4 s, still small
# beside loading such a lifecycle. Beyond the line, a file too big to draw anyway is not held
# up by a check longer than its load (docs/security.md).
FULL_CHECK_MAX_PAGES = 65_536


def damaged(path: Path, detail: str) -> WorkspaceError:
    """The one-line refusal of a damaged file, with what to do about it."""
    first = " ".join(str(detail).split())[:120]
    return WorkspaceError(
        path,
        f"the workspace is damaged ({first}) and was not opened; nothing was written to it. "
        "Open an earlier copy (a backup, or a .bak file beside it), or copy out what can still be "
        f"read: lifecycle-studio export --salvage {shlex.quote(str(path))} --to copy.lifecycle.json",
    )


def usable_file(path: Path) -> os.stat_result:
    """The file's status when it can be a workspace at all; a refusal otherwise (in the words
    the document readers use, interchange/files.py)."""
    from desktop_app.interchange.files import kind_problem, os_problem

    try:
        st = path.stat()
    except OSError as exc:
        raise WorkspaceError(path, os_problem(exc, path)) from None
    except ValueError:  # a NUL byte in the name
        raise WorkspaceError(path, "no such file (the name holds a NUL character)") from None
    problem = kind_problem(st.st_mode, "a workspace")
    if problem is not None:
        raise WorkspaceError(path, problem)
    if st.st_size == 0:
        raise WorkspaceError(path, "this is an empty file, not a Lifecycle Studio workspace")
    return st


def read_header(path: Path) -> bytes:
    """The first 100 bytes, read without following the file anywhere else.

    Closing a descriptor drops every POSIX lock this process holds on the file; the store never
    gets here for a file it already has open (engine.OPEN_FILES), so no lock of ours is lost.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise WorkspaceError(path, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise WorkspaceError(path, f"the file cannot be read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since usable_file looked
            raise WorkspaceError(path, "this is not a regular file, not a workspace")
        return os.pread(fd, HEADER_SIZE, 0)
    except OSError as exc:
        raise WorkspaceError(path, f"the file cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def check_header(path: Path, header: bytes, application_id: int, schema_version: int) -> int:
    """Refuse what the header shows is not a workspace of a version this app reads; return
    its ``user_version``."""
    if not header.startswith(SQLITE_MAGIC):
        if len(header) < len(SQLITE_MAGIC) and SQLITE_MAGIC.startswith(header):
            raise damaged(path, "cut short inside its header")
        raise WorkspaceError(path, "this is not a Lifecycle Studio workspace (not an SQLite database)")
    if len(header) < HEADER_SIZE:
        raise damaged(path, "cut short inside its header")
    app_id = int.from_bytes(header[68:72], "big")
    user_version = int.from_bytes(header[60:64], "big", signed=True)
    if app_id != application_id:
        if app_id == 0:
            raise WorkspaceError(
                path, "this is an SQLite database of another application, not a Lifecycle Studio workspace"
            )
        raise WorkspaceError(
            path,
            f"this is an SQLite database of another application (application id {app_id:#x}), "
            "not a Lifecycle Studio workspace",
        )
    if user_version > schema_version:
        raise NewerWorkspace(
            path,
            f"the workspace was written by a newer version of Lifecycle Studio "
            f"(schema {user_version}; this version knows up to {schema_version}); update the app to open it",
        )
    if user_version < 0:
        raise damaged(path, f"schema version {user_version}")
    return user_version


def harden(conn: sqlite3.Connection) -> None:
    """Settings for a connection to an untrusted file (docs/security.md says why)."""
    # functions in the schema (views, triggers, CHECK, index expressions) may not be ones with
    # side effects, whatever the file holds
    conn.execute("PRAGMA trusted_schema = OFF")
    # a cell whose size disagrees with its page is reported as corruption, not read past
    conn.execute("PRAGMA cell_size_check = ON")


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: SQLite refuses every write (and the recovery of a hot
    journal, which tells the caller the last session crashed)."""
    uri = path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=0.2, isolation_level=None, check_same_thread=False)
    harden(conn)
    return conn


def schema_differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """What the file's schema has that version ``version`` does not define, and what it lacks."""
    expected = EXPECTED.get(version)
    if expected is None:
        return [f"schema version {version} is unknown"]
    def text(value: bytes | None) -> str | None:
        # read as bytes: text that is not UTF-8 would stop the read; replaced, it differs
        return None if value is None else value.decode("utf-8", "replace")

    found = {
        (text(t), text(n), text(tb), None if s is None else " ".join(text(s).split()))
        for t, n, tb, s in conn.execute(
            "SELECT CAST(type AS BLOB), CAST(name AS BLOB), CAST(tbl_name AS BLOB), CAST(sql AS BLOB) "
            "FROM sqlite_schema")
    }
    wanted = set(expected)
    wanted_names = {(t, n) for t, n, _tb, _s in wanted}
    found_names = {(t, n) for t, n, _tb, _s in found}
    problems = []
    def shown(kind: str | None, name: str | None) -> str:
        # names come from the file: escaped and cut, whatever they hold
        text = repr(name)
        return f"{kind} {text if len(text) <= 42 else text[:41] + chr(0x2026)}"

    for t, n, _tb, _s in sorted(found - wanted, key=str):
        problems.append(f"{shown(t, n)} differs from the one this version creates" if (t, n) in wanted_names
                        else f"unexpected {shown(t, n)}")
    problems += [f"{shown(t, n)} is missing" for t, n, _tb, _s in sorted(wanted - found, key=str)
                 if (t, n) not in found_names]
    return problems


def check_schema(path: Path, conn: sqlite3.Connection, version: int, revisions: tuple[str, ...]) -> None:
    """Refuse any schema object the app did not create, and an Alembic revision that does not
    match ``user_version``. Reads ``sqlite_schema`` only: nothing of the file runs."""
    try:
        problems = schema_differences(conn, version)
    except UnicodeDecodeError:
        # SQLite could not parse the schema and quoted the bad bytes in its error message
        raise damaged(path, "its schema cannot be parsed: it holds text that is not UTF-8") from None
    if problems:
        more = f" and {len(problems) - 1} more difference(s)" if len(problems) > 1 else ""
        raise WorkspaceError(
            path,
            f"the workspace holds database objects Lifecycle Studio did not create "
            f"({problems[0]}{more}); it was not opened, since they could run on every edit. "
            "Ask the sender to export the lifecycle as a .lifecycle.json document, and import that",
        )
    if version == 0:
        return
    rows = conn.execute("SELECT CAST(version_num AS BLOB) FROM alembic_version").fetchall()
    if rows != [(revisions[version - 1].encode(),)]:
        found = repr([r[0] for r in rows[:2]])
        found = found if len(found) <= 42 else found[:41] + "\u2026"
        raise damaged(path, f"its schema revision {found} does not match schema version {version}")


def check_integrity(path: Path, conn: sqlite3.Connection) -> None:
    """``integrity_check`` (indexes against tables too) up to FULL_CHECK_MAX_PAGES, else
    ``quick_check``; a damaged file is refused in one line."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    pragma = "integrity_check(20)" if pages <= FULL_CHECK_MAX_PAGES else "quick_check(20)"
    problems = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
    if problems != ["ok"]:
        # a cell of the wrong type in a STRICT table is reported here without its row: say
        # which row when a scan of the tables can (cells.py), else that the file is damaged
        from .cells import check_columns

        try:
            check_columns(path, conn)
        except sqlite3.Error:
            pass
        error = damaged(path, problems[0] if problems else "no answer from the check")
        error.detail = "\n".join(problems)  # SQLite's whole report, for --verbose
        raise error
