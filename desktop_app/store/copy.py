"""``copy FROM TO``: a whole workspace, file or server, into a new file or an empty database.

Everything goes: lifecycles (deleted ones kept for undo too), snapshots, retrospectives, action
items and the activity log, with their own keys so every reference between rows holds. The
tables and their columns come from the model's metadata (``Base.metadata``), not from a list
written here, so a column or table a later schema adds is carried without touching this file.

Nothing half-made is left behind: a file is built under a temporary name beside the target and
put in place only once it has been read back and found equal to the source (a copy killed
half-way leaves at most that temporary file, never a workspace that looks whole); on a server,
the schema and every row go in one transaction (PostgreSQL's DDL is transactional), so a copy
killed half-way leaves the database empty as it was, and one found unequal is removed again.

The password is libpq's business (``~/.pgpass``, ``PGPASSWORD``, ``PGSERVICE``): the command line
never asks for one.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from sqlalchemy import Connection, Table, func, select, text

from desktop_app.model.tables import Base
from desktop_app.model.text import one_line

from .errors import WorkspaceError
from .location import ServerLocation, location_text, parse_location

if TYPE_CHECKING:
    from .retrospectives import Workspace

# rows read and written per statement: big enough to be quick, small enough to keep memory flat
BATCH = 2000

Progress = Callable[[int, int], None]


@dataclass
class CopyResult:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)   # table -> rows copied
    lifecycles: int = 0
    snapshots: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copied_tables() -> list[Table]:
    """The tables a workspace holds, parents before children (so every foreign key finds its
    row when the target checks keys as it goes)."""
    return list(Base.metadata.sorted_tables)


def _rows(conn: Connection, table: Table) -> Iterator[list[dict]]:
    """The table's rows in key order, a batch at a time (keyset paging: no OFFSET rescans)."""
    (pk,) = table.primary_key.columns
    last = None
    while True:
        query = select(table).order_by(pk).limit(BATCH)
        if last is not None:
            query = query.where(pk > last)
        batch = [dict(r._mapping) for r in conn.execute(query)]
        if not batch:
            return
        yield batch
        last = batch[-1][pk.name]


def _counts(conn: Connection, tables: list[Table]) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


def _same_place(a: Path | ServerLocation, b: Path | ServerLocation) -> bool:
    if isinstance(a, ServerLocation) or isinstance(b, ServerLocation):
        return isinstance(a, ServerLocation) and isinstance(b, ServerLocation) and a.url == b.url
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def copy_workspace(source: str | Path | ServerLocation, target: str | Path | ServerLocation, *,
                   progress: Progress | None = None) -> CopyResult:
    """Copy the workspace at ``source`` to ``target`` (a file that does not exist yet, or an
    empty database) and check the copy: the same rows in every table, and every lifecycle
    loading as the same document. ``progress(done, total)`` is called as rows go in. Raises
    WorkspaceError (naming the place, never a password) and then leaves nothing at ``target``."""
    from .retrospectives import Workspace

    src_loc, dst_loc = parse_location(source), parse_location(target)
    if _same_place(src_loc, dst_loc):
        raise WorkspaceError(location_text(dst_loc), "that is the workspace being copied")
    if isinstance(dst_loc, Path) and (dst_loc.exists() or dst_loc.is_symlink()):
        raise WorkspaceError(dst_loc, "a file of that name already exists; a copy never "
                                      "overwrites: choose a new name")
    with Workspace.open_for_reading(src_loc) as src, src._reading() as conn:
        # one read of the source for the copy and its check: on a server, one snapshot
        # (REPEATABLE READ), so what others change meanwhile neither tears the copy nor fails
        # the comparison
        source = _Source(conn)
        if isinstance(dst_loc, Path):
            return _copy_to_file(src, source, dst_loc, progress)
        return _copy_to_server(src, source, dst_loc, progress)


@dataclass
class _Source:
    conn: Connection   # the source's reading connection, one snapshot for the copy and its check


def _copy_rows(source: _Source, dst_conn: Connection, result: CopyResult,
               progress: Progress | None) -> None:
    tables = copied_tables()
    counts = _counts(source.conn, tables)
    total, done = sum(counts.values()), 0
    if progress is not None:
        progress(0, total)
    for table in tables:
        for batch in _rows(source.conn, table):
            dst_conn.execute(table.insert(), batch)
            done += len(batch)
            result.rows[table.name] = result.rows.get(table.name, 0) + len(batch)
            if progress is not None:
                progress(done, total)
        result.rows.setdefault(table.name, 0)


def _copy_to_file(src: "Workspace", source: _Source, target: Path,
                  progress: Progress | None) -> CopyResult:
    from .retrospectives import Workspace

    if not target.parent.is_dir():
        raise WorkspaceError(target, "the folder does not exist")
    result = CopyResult(src.location_text, str(target))
    # built beside the target under a name no workspace has, then put in place whole
    partial = target.with_name(f".{target.name}.copying")
    _remove_file(partial)
    try:
        with Workspace.create(partial) as dst:
            with dst._transaction() as conn:
                _copy_rows(source, conn, result, progress)
        with Workspace.open_for_reading(partial) as dst:
            _check_copy(src, source, dst, result, target)
        _put_in_place(partial, target)
    except WorkspaceError as exc:
        _remove_file(partial)
        if exc.path != str(partial):
            raise
        # the store named the temporary file, in words meant for an edit; the user knows only
        # the name they gave, and SQLite's own words ("database or disk is full") say enough
        why = one_line(exc.detail, 120) if exc.detail else exc.reason
        error = WorkspaceError(target, f"the copy could not be written ({why}); "
                                       "nothing was left behind")
        error.detail = exc.detail
        raise error from None
    except BaseException:
        _remove_file(partial)
        raise
    return result


def _copy_to_server(src: "Workspace", source: _Source, target: ServerLocation,
                    progress: Progress | None) -> CopyResult:
    from . import server
    from .retrospectives import Workspace

    result = CopyResult(src.location_text, target.display)
    engine, conn = server.connect(target, None)
    try:
        # one transaction: the schema (refused unless the database is empty), every row, the
        # key sequences; nothing of it is there unless all of it is
        with conn.begin():
            server.create_schema(target.display, conn)
            _copy_rows(source, conn, result, progress)
            _advance_sequences(conn)
    except WorkspaceError:
        raise
    except Exception as exc:
        if server.is_driver_error(exc):
            raise server.server_error(target.display, exc, writing=True) from None
        raise
    finally:
        conn.close()
        engine.dispose()
    try:
        with Workspace.open_for_reading(target) as fresh:
            _check_copy(src, source, fresh, result, target.display)
    except BaseException:
        _drop_workspace(target)
        raise
    return result


def _advance_sequences(conn: Connection) -> None:
    """Rows went in with their own keys; PostgreSQL's key sequences must continue after the
    largest, or the first new stage made on the server would collide with a copied one."""
    for table in copied_tables():
        (pk,) = table.primary_key.columns
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk.name}'), "
            f"COALESCE((SELECT MAX({pk.name}) FROM {table.name}), 1), "
            f"(SELECT MAX({pk.name}) FROM {table.name}) IS NOT NULL)"))


def _drop_workspace(target: ServerLocation) -> None:
    """Take the copy out of the database again (it was empty before the copy). Best effort:
    the error that brought us here is the one the user is told about."""
    from . import server

    names = [t.name for t in reversed(copied_tables())] + ["alembic_version", server.MARKER_TABLE]
    try:
        engine, conn = server.connect(target, None)
    except Exception:  # noqa: BLE001 - the server may be the very thing that failed
        return
    try:
        with conn.begin():
            for name in names:
                conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    except Exception:  # noqa: BLE001
        pass
    finally:
        conn.close()
        engine.dispose()


def _check_copy(src: "Workspace", source: _Source, dst: "Workspace", result: CopyResult,
                target: str | Path) -> None:
    """The copy read back through the store: every table holds the same rows (every column, in
    key order), and every lifecycle loads as the same document as in the source."""
    with dst._reading() as copied:
        for table in copied_tables():
            left, right = _rows(source.conn, table), _rows(copied, table)
            while True:
                x, y = next(left, None), next(right, None)
                if x != y:
                    raise WorkspaceError(target, f"the copy differs from the original in the table "
                                                 f"{table.name}; nothing was kept")
                if x is None:
                    break
    infos = src._lifecycles(source.conn)
    for info in infos:
        if src._load(source.conn, info.id) != dst.load(info.id):
            raise WorkspaceError(target, f"the lifecycle {info.name!r} reads differently in the copy; "
                                         "nothing was kept")
    result.lifecycles = len(infos)
    result.snapshots = result.rows.get("snapshots", 0)


def _put_in_place(partial: Path, target: Path) -> None:
    """Move the finished copy to its name, never over a file that appeared there meanwhile."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise WorkspaceError(target, "a file of that name appeared while copying; "
                                     "nothing was overwritten") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise WorkspaceError(target, f"the copy could not be put in place ({exc.strerror})") from None
        # a file system without hard links: the one moment of risk is between these two lines
        if target.exists():
            raise WorkspaceError(target, "a file of that name appeared while copying; "
                                         "nothing was overwritten") from None
        partial.replace(target)
        return
    partial.unlink()


def _remove_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
