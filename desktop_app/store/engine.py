"""Opening the workspace file: the connection, its pragmas, the lock, the checks, the migrations.

SQLite as an application file format: one file, rollback journal with ``synchronous=FULL`` so a
committed edit survives a crash, and ``locking_mode=EXCLUSIVE`` so that the window holding the
workspace keeps every other window and process out (they are told the file is in use) until it
closes. Before any of that, the file is accepted read-only (inspection.py). Its header is read
directly only when this process does not have it open already (OPEN_FILES): closing a
descriptor on the file would drop the POSIX locks SQLite holds for this process.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.model.text import one_line

from .errors import WorkspaceError, WorkspaceInUse
from .inspection import (
    check_header,
    check_integrity,
    check_schema,
    connect_read_only,
    harden,
    read_header,
)

# "LCst" as a big-endian integer: marks the file as ours (PRAGMA application_id)
APPLICATION_ID = 0x4C437374
# PRAGMA user_version of the newest schema this build knows; the Alembic revision ids, in order
SCHEMA_VERSION = 4
REVISIONS = ("r0001", "r0002", "r0003", "r0004")
HEAD_REVISION = REVISIONS[-1]

_BUSY_TIMEOUT_S = 0.2


def in_use(path: Path) -> WorkspaceInUse:
    return WorkspaceInUse(
        path,
        "the workspace is in use by another window or program; close it there, "
        "or open a copy of the file",
    )


# The files this process has open as workspaces, by (device, inode). A second open in the same
# process is told at once that the file is in use, before any descriptor on it is opened: closing
# one would drop the POSIX locks SQLite holds for the first (they belong to the process).
OPEN_FILES: set[tuple[int, int]] = set()


def file_key(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


_NOTHING_LOST = "everything saved before it is intact"


def classify_sqlite_error(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    """The user's words for what SQLite reported, by its result code (text as a fallback)."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    detail = str(exc)
    if primary in (5, 6) or "locked" in text or "busy" in text:  # SQLITE_BUSY, SQLITE_LOCKED
        error = in_use(path)
    elif primary == 26 or "not a database" in text:  # SQLITE_NOTADB
        error = WorkspaceError(path, "this is not a Lifecycle Studio workspace (not an SQLite database)")
    elif primary == 13 or "disk is full" in text:  # SQLITE_FULL
        error = WorkspaceError(
            path, f"the disk is full: the change was not saved, and {_NOTHING_LOST}; "
            "free some space and try again")
    elif code == 1032:  # SQLITE_READONLY_DBMOVED
        error = WorkspaceError(
            path, f"the workspace file was moved or deleted while open: the change was not saved, and "
            f"{_NOTHING_LOST} in the open window; use Save As to keep it")
    elif primary == 8 or "readonly" in text:  # SQLITE_READONLY
        error = WorkspaceError(
            path, f"the workspace file is read-only: the change was not saved, and {_NOTHING_LOST}; "
            "make the file writable, or use Save As to keep a copy you can edit")
    elif primary == 11 or "malformed" in text or "corrupt" in text:  # SQLITE_CORRUPT
        from .inspection import damaged

        error = damaged(path, one_line(exc, 100))
    elif primary == 10 or "disk i/o" in text:  # SQLITE_IOERR
        error = WorkspaceError(
            path, f"the disk reported an error ({one_line(exc, 80)}): the change was not saved, and "
            f"{_NOTHING_LOST}; check the drive and try again")
    elif primary == 14 or "unable to open" in text:  # SQLITE_CANTOPEN
        error = WorkspaceError(
            path, "the file or its folder cannot be opened for writing (gone, or read-only); "
            f"nothing was changed ({one_line(exc, 80)})")
    else:
        error = WorkspaceError(path, f"the workspace cannot be read ({one_line(exc, 100)})")
    error.detail = detail
    return error


def connect_raw(path: Path) -> sqlite3.Connection:
    """A raw connection in autocommit mode: transactions are begun explicitly by the engine."""
    try:
        conn = sqlite3.connect(
            str(path), timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        harden(conn)
    except sqlite3.Error as exc:
        raise classify_sqlite_error(path, exc) from None
    return conn


def read_ids(conn: sqlite3.Connection) -> tuple[int, int]:
    return (
        conn.execute("PRAGMA application_id").fetchone()[0],
        conn.execute("PRAGMA user_version").fetchone()[0],
    )


def inspect_read_only(path: Path) -> tuple[int, bool]:
    """Every check of a file before it is opened for writing (inspection.py), on a read-only
    connection; returns its ``user_version`` and whether the checks ran (False when the last
    session crashed and left a journal only a writer may roll back)."""
    header = read_header(path)
    version = check_header(path, header, APPLICATION_ID, SCHEMA_VERSION)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise classify_sqlite_error(path, exc) from None
    try:
        conn.execute("BEGIN")
        # its first read (the ids) is where a hot journal shows up
        inspect_contents(path, conn, expect_version=version)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) == 776:  # SQLITE_READONLY_ROLLBACK
            return version, False
        raise classify_sqlite_error(path, exc) from None
    finally:
        conn.close()
    return version, True


def connect_read_only_checked(path: Path, version: int) -> sqlite3.Connection:
    """A read-only connection for reading the file ``inspect_read_only`` accepted, once its
    ids and schema are seen to be the ones accepted (the file may have been replaced since)."""
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise classify_sqlite_error(path, exc) from None
    return _rechecked(path, conn, version)


def private_copy(path: Path, source: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """The database of ``source`` copied into memory with the SQLite backup API (``source`` is
    closed): something to upgrade and read that is no one's file. The copy's ids and schema are
    checked again, in case the file changed since it was inspected."""
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        harden(copy)
        source.backup(copy)
    except sqlite3.Error as exc:
        copy.close()
        raise classify_sqlite_error(path, exc) from None
    finally:
        source.close()
    return _rechecked(path, copy, version)


def _rechecked(path: Path, conn: sqlite3.Connection, version: int) -> sqlite3.Connection:
    """``conn`` once its ids and schema are seen to be the ones accepted; closed, and the
    refusal in the user's words, otherwise."""
    try:
        conn.execute("BEGIN")
        inspect_contents(path, conn, expect_version=version, full=False)
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error):
            raise classify_sqlite_error(path, exc) from None
        raise
    return conn


def inspect_contents(path: Path, conn: sqlite3.Connection, *, expect_version: int, full: bool = True) -> None:
    """ids, schema objects and (``full``) integrity and cells, in that order, inside a read
    transaction on ``conn``."""
    app_id, version = read_ids(conn)
    if app_id != APPLICATION_ID or version != expect_version:
        raise WorkspaceError(path, "the file changed while it was being opened; try again")
    check_schema(path, conn, version, REVISIONS)
    if full:
        check_integrity(path, conn)
        from .cells import check_cells

        check_cells(path, conn)


def lock_and_inspect(path: Path, conn: sqlite3.Connection, *, new: bool, version: int = 0,
                     checked: bool = True) -> int:
    """Take the exclusive lock (kept until close) and make sure the file is still the one the
    read-only inspection accepted; when that inspection could not run (a crashed session's
    journal, rolled back by this first read) run it all now, before anything else. Nothing
    here writes to the file beyond SQLite's own rollback of that journal."""
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        # the exclusive lock is taken here and, in this locking mode, kept until close
        conn.execute("BEGIN EXCLUSIVE")
        try:
            if not new:
                inspect_contents(path, conn, expect_version=version, full=not checked)
        finally:
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise classify_sqlite_error(path, exc) from None
    return version


def configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


if TYPE_CHECKING:
    from sqlalchemy import Connection


def make_engine(conn: sqlite3.Connection, *, read_only: bool = False):
    """A SQLAlchemy engine over exactly this one connection (one connection per open workspace).
    ``read_only``: its transactions are plain reads, taking no write lock on the file."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: "Connection") -> None:
        # the driver runs in autocommit mode; we say when a transaction starts
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def run_migrations(connection: "Connection", target: str = HEAD_REVISION) -> None:
    """Upgrade the schema with Alembic on this connection (imported only when needed)."""
    from importlib.resources import files

    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("desktop_app.store") / "migrations"))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, target)
