"""Opening the workspace file: the connection, its pragmas, the lock, the checks, the migrations.

SQLite as an application file format: one file, rollback journal with ``synchronous=FULL`` so a
committed edit survives a crash, and ``locking_mode=EXCLUSIVE`` so that the window holding the
workspace keeps every other window and process out (they are told the file is in use) until it
closes. The file's header is never read with ``open()``: closing any descriptor on the file
would drop the POSIX locks SQLite holds for another connection of this process.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import NewerWorkspace, WorkspaceError, WorkspaceInUse

# "LCst" as a big-endian integer: marks the file as ours (PRAGMA application_id)
APPLICATION_ID = 0x4C437374
# PRAGMA user_version of the newest schema this build knows; the Alembic revision ids, in order
SCHEMA_VERSION = 2
REVISIONS = ("r0001", "r0002")
HEAD_REVISION = REVISIONS[-1]

_BUSY_TIMEOUT_S = 0.2


def _in_use(path: Path) -> WorkspaceInUse:
    return WorkspaceInUse(
        path,
        "the workspace is in use by another window or program; close it there, "
        "or open a copy of the file",
    )


def classify_sqlite_error(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return _in_use(path)
    if "not a database" in text:
        return WorkspaceError(path, "this is not a Lifecycle Studio workspace (not an SQLite database)")
    if "malformed" in text or "corrupt" in text or "disk i/o" in text:
        return WorkspaceError(
            path,
            "the workspace is damaged (truncated or corrupt) and cannot be opened; "
            "restore it from a backup copy",
        )
    if "unable to open" in text:
        return WorkspaceError(path, f"the file cannot be opened ({exc})")
    return WorkspaceError(path, f"the workspace cannot be read ({exc})")


def connect_raw(path: Path) -> sqlite3.Connection:
    """A raw connection in autocommit mode: transactions are begun explicitly by the engine."""
    try:
        conn = sqlite3.connect(
            str(path), timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise classify_sqlite_error(path, exc) from None
    return conn


def lock_and_inspect(path: Path, conn: sqlite3.Connection, *, new: bool) -> int:
    """Take the exclusive lock, check the file is ours, sound and not newer; return user_version.

    Nothing here writes to the file, so a refused file is left byte for byte as it was.
    """
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        # the exclusive lock is taken here and, in this locking mode, kept until close
        conn.execute("BEGIN EXCLUSIVE")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not new:
                if app_id != APPLICATION_ID:
                    if app_id == 0 and not tables:
                        raise WorkspaceError(
                            path, "this is an empty file, not a Lifecycle Studio workspace"
                        )
                    if app_id == 0:
                        raise WorkspaceError(
                            path,
                            "this is an SQLite database of another application, "
                            "not a Lifecycle Studio workspace",
                        )
                    raise WorkspaceError(
                        path,
                        f"this is an SQLite database of another application "
                        f"(application id {app_id:#x}), not a Lifecycle Studio workspace",
                    )
                if user_version > SCHEMA_VERSION:
                    raise NewerWorkspace(
                        path,
                        f"the workspace was written by a newer version of Lifecycle Studio "
                        f"(schema {user_version}; this version knows up to {SCHEMA_VERSION}); "
                        "update the app to open it",
                    )
                problems = [r[0] for r in conn.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise WorkspaceError(
                        path,
                        "the workspace is damaged (truncated or corrupt) and cannot be opened; "
                        f"restore it from a backup copy ({problems[0]})",
                    )
        finally:
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise classify_sqlite_error(path, exc) from None
    return user_version


def configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")


if TYPE_CHECKING:
    from sqlalchemy import Connection


def make_engine(conn: sqlite3.Connection):
    """A SQLAlchemy engine over exactly this one connection (one connection per open workspace)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection: "Connection") -> None:
        # the driver runs in autocommit mode; we say when a transaction starts
        connection.exec_driver_sql("BEGIN IMMEDIATE")

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
