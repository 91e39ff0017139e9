"""The open workspace: the reads, the transactions, and the life of the workspace (create,
open with checks and migration, Save As, close). A workspace is a file (one SQLite connection,
engine.py and inspection.py) or a PostgreSQL database (a small pool, server.py); the same
``Workspace`` class, and every operation in ``operations``, works on both."""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import sqlite3
import time
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from sqlalchemy import Connection, func, insert, select

from desktop_app.model import document as d
from desktop_app.model.tables import ActivityRow, SnapshotRow

from desktop_app.model.text import one_line

from . import engine as eng
from .change import ActivityEntry, Change, LifecycleInfo, SnapshotInfo
from .errors import OperationError, WorkspaceError
from .inspection import usable_file
from .location import ServerLocation, location_text, parse_location
from .rows import (
    EDGES,
    ITEMS,
    LIFECYCLES,
    OWNERS,
    PHASES,
    RULE_SETTINGS,
    STAGES,
    SUPPRESSIONS,
    edge_doc,
    item_doc,
    owner_doc,
    rule_setting_doc,
    stage_doc,
)

ACTIVITY = ActivityRow.__table__
SNAPSHOTS = SnapshotRow.__table__

if TYPE_CHECKING:
    from sqlalchemy import Engine

# How often an operation that lost a race on the server (a serialization failure) runs again
# before it is refused, and the pause before each new attempt (grows, with jitter, so two
# sessions that keep meeting fall out of step).
SERVER_ATTEMPTS = 6
_RETRY_PAUSE_S = 0.02

_F = TypeVar("_F", bound=Callable[..., Any])


class _LostRace(OperationError):
    """A server transaction refused with a serialization failure: another session changed what
    this one changed, after this one's snapshot. Nothing was written; the operation runs again
    (``_retried``). Worded for the user in case it gets out."""


def _retried(method: _F) -> _F:
    """Run an operation again from its start when its transaction lost a race on the server.

    The operation's transaction rolled back, so running it again reads the new state (and the
    revision checks refuse it when the other session changed what it is about). Only the
    outermost operation retries: one operation calling another is one attempt."""

    @functools.wraps(method)
    def run(self: "WorkspaceBase", *args: Any, **kwargs: Any) -> Any:
        if self._attempting:
            return method(self, *args, **kwargs)
        self._attempting = True
        try:
            for attempt in range(SERVER_ATTEMPTS):
                try:
                    return method(self, *args, **kwargs)
                except _LostRace:
                    if attempt == SERVER_ATTEMPTS - 1:
                        raise
                    # at once the first time: the race was lost to a commit that just ended,
                    # and the other session is reading now; waiting lets it take the lock again
                    if attempt:
                        time.sleep(_RETRY_PAUSE_S * attempt * (1 + uuid.uuid4().int % 100 / 100))
        finally:
            self._attempting = False
        raise AssertionError("unreachable")

    return run  # type: ignore[return-value]



def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF == 13 or "disk is full" in str(exc)


# what a reader raises on a stored value it cannot use
_UNREADABLE = (ValueError, TypeError, KeyError, RecursionError)


def _unreadable(where: str | Path | None, exc: BaseException) -> WorkspaceError:
    return WorkspaceError(
        where,
        f"the workspace holds a value this app cannot read ({type(exc).__name__}: "
        f"{one_line(exc, 80)}); nothing was changed",
    )


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class WorkspaceBase:
    """The life of the workspace and the reads; ``Workspace`` adds the operations.

    ``location`` is the file's Path or the ServerLocation; ``location_text`` is what messages
    show (never a password); ``path`` is the file's Path, None on a server."""

    is_server = False
    _attempting = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # every public method of the operations classes retries a transaction that lost a race
        # on the server (one place, so no operation can forget it); reads never lose one
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and callable(value) and not isinstance(
                    value, (classmethod, staticmethod, type)):
                setattr(cls, name, _retried(value))

    def __init__(self, path: Path, raw: sqlite3.Connection, key: tuple[int, int] | None = None,
                 *, read_only: bool = False) -> None:
        self.path: Path | None = path
        self.location: Path | ServerLocation = path
        self._raw: sqlite3.Connection | None = raw
        # which file this is, to notice it deleted or replaced under the open workspace
        self._key = key if key is not None else eng.file_key(path.stat())
        eng.OPEN_FILES.add(self._key)
        self._setup(eng.make_engine(raw, read_only=read_only), read_only=read_only,
                    read_only_reason="the workspace was opened for reading only; nothing was changed")

    def _setup(self, engine: "Engine", *, read_only: bool, read_only_reason: str | None,
               conn: Connection | None = None) -> None:
        self._read_only = read_only
        self._read_only_reason = read_only_reason
        self._engine = engine
        self._conn: Connection = conn if conn is not None else engine.connect()
        self._closed = False
        # the lifecycles loaded and validated as documents in this session
        self._validated: set[int] = set()
        # tells this object's own change notices from the others' (live updates)
        self.session_id: str = uuid.uuid4().hex

    @classmethod
    def _on_server(cls, location: ServerLocation, engine: "Engine", conn: Connection, *,
                   read_only: bool, read_only_reason: str | None) -> "WorkspaceBase":
        ws = cls.__new__(cls)
        ws.path = None
        ws.location = location
        ws._raw = None
        ws._key = None
        ws.is_server = True
        ws._setup(engine, read_only=read_only, read_only_reason=read_only_reason, conn=conn)
        return ws

    @property
    def location_text(self) -> str:
        """The workspace as messages, titles and recent files show it (a server's address
        never holds a password)."""
        return location_text(self.location)

    @property
    def read_only(self) -> bool:
        """True when opened for reading, or when the server role may not change it."""
        return self._read_only

    # ---- life of the workspace ---------------------------------------------------------------
    @classmethod
    def create(cls, location: str | Path | ServerLocation, *,
               password: str | None = None) -> "WorkspaceBase":
        """A new workspace: a new file, or the schema made in an existing, empty database
        (``password``: one the app asked for, when libpq found none)."""
        loc = parse_location(location)
        if isinstance(loc, ServerLocation):
            return cls._create_on_server(loc, password)
        path = loc
        if path.exists():
            raise WorkspaceError(path, "a file of that name already exists; choose another name")
        if not path.parent.is_dir():
            raise WorkspaceError(path, "the folder does not exist")
        raw = eng.connect_raw(path)
        try:
            eng.lock_and_inspect(path, raw, new=True)
            raw.execute(f"PRAGMA application_id = {eng.APPLICATION_ID}")
            eng.configure(raw)
            ws = cls(path, raw)
        except BaseException:
            raw.close()
            path.unlink(missing_ok=True)
            raise
        try:
            raw.execute("PRAGMA foreign_keys = OFF")  # as in _migrate
            eng.run_migrations(ws._conn)
            ws._conn.commit()
            raw.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            ws.close()
            path.unlink(missing_ok=True)
            raise
        return ws

    @classmethod
    def _create_on_server(cls, loc: ServerLocation, password: str | None) -> "WorkspaceBase":
        from . import server

        engine, conn = server.connect(loc, password)
        ws = cls._on_server(loc, engine, conn, read_only=False, read_only_reason=None)
        try:
            with conn.begin():
                server.create_schema(ws.location_text, conn)
        except Exception as exc:
            ws.close()
            if server.is_driver_error(exc):
                raise server.server_error(ws.location_text, exc, writing=True) from None
            raise
        return ws

    @classmethod
    def _open_on_server(cls, loc: ServerLocation, password: str | None, *,
                        for_reading: bool) -> "WorkspaceBase":
        """Open a server workspace once it has passed server.inspect's checks."""
        from . import server

        engine, conn = server.connect(loc, password)
        try:
            read_only, reason = server.inspect(loc.display, conn, for_reading=for_reading)
        except BaseException as exc:
            conn.close()
            engine.dispose()
            if isinstance(exc, Exception) and server.is_driver_error(exc):
                raise server.server_error(loc.display, exc) from None
            raise
        return cls._on_server(loc, engine, conn, read_only=read_only, read_only_reason=reason)

    @classmethod
    def open(cls, location: str | Path | ServerLocation, *,
             password: str | None = None) -> "WorkspaceBase":
        """Open a workspace after it has been accepted read-only (inspection.py): nothing is
        written to a file, and nothing in it runs, before it has passed every check. A server
        workspace is checked likewise (server.py); ``password`` is one the app asked for."""
        loc = parse_location(location)
        if isinstance(loc, ServerLocation):
            return cls._open_on_server(loc, password, for_reading=False)
        path = loc
        st = usable_file(path)
        if eng.file_key(st) in eng.OPEN_FILES:
            raise eng.in_use(path)
        version, checked = eng.inspect_read_only(path)
        raw = eng.connect_raw(path)
        try:
            eng.lock_and_inspect(path, raw, new=False, version=version, checked=checked)
            eng.configure(raw)
        except BaseException:
            raw.close()
            raise
        ws = cls(path, raw)
        if ws._key != eng.file_key(st):
            # another file was put in its place between the checks and the lock
            ws.close()
            raise WorkspaceError(path, "the file was replaced while it was being opened; try again")
        if version < eng.SCHEMA_VERSION:
            ws._migrate(version)
        return ws

    @classmethod
    def open_for_reading(cls, location: str | Path | ServerLocation, *,
                         password: str | None = None) -> "WorkspaceBase":
        """Open a workspace for the commands that only read (check, list, export, diff,
        report): nothing is written to the file or beside it, so a read-only file or folder
        will do. The file passes every check of ``open``; a file of an older schema is copied
        with the SQLite backup API into memory and that private copy is upgraded and read,
        leaving the original byte for byte as it was and no backup beside it (a colleague's
        mailed file is theirs to upgrade, by opening it in the app). A server workspace is
        opened read only after the same checks as ``open``; it is never upgraded by a reading."""
        loc = parse_location(location)
        if isinstance(loc, ServerLocation):
            return cls._open_on_server(loc, password, for_reading=True)
        path = loc
        st = usable_file(path)
        if eng.file_key(st) in eng.OPEN_FILES:
            raise eng.in_use(path)
        version, checked = eng.inspect_read_only(path)
        if checked:
            raw = eng.connect_read_only_checked(path, version)
        else:
            # a crashed session's journal, which only a writer may roll back (docs/security.md):
            # the one write a reading may cause, and the file must pass every check after it
            raw = eng.connect_raw(path)
            try:
                eng.lock_and_inspect(path, raw, new=False, version=version, checked=False)
            except BaseException:
                raw.close()
                raise
        if version < eng.SCHEMA_VERSION:
            raw = eng.private_copy(path, raw, version)
        ws = cls(path, raw, key=eng.file_key(st), read_only=True)
        if version < eng.SCHEMA_VERSION:
            ws._upgrade_private_copy()
        return ws

    def _upgrade_private_copy(self) -> None:
        """Upgrade the in-memory copy ``open_for_reading`` made of an older file, checked as
        the upgrade of the file itself is; the file is never touched."""
        try:
            self._raw.execute("PRAGMA foreign_keys = OFF")  # as in _migrate
            eng.run_migrations(self._conn)
            self._conn.commit()
            self._raw.execute("PRAGMA foreign_keys = ON")
            problems = [r[0] for r in self._raw.execute("PRAGMA integrity_check")]
            if problems != ["ok"] or self._raw.execute("PRAGMA foreign_key_check").fetchall():
                raise WorkspaceError(self.path, f"the upgrade failed its checks ({one_line(problems[0], 80)})")
        except Exception as exc:
            self.close()
            reason = exc.reason if isinstance(exc, WorkspaceError) else one_line(exc, 200)
            raise WorkspaceError(
                self.path,
                f"the workspace is of an older version and could not be read by this one ({reason}); "
                "nothing was written to it",
            ) from None

    def _migrate(self, version: int) -> None:
        """Bring an older file up to date: back it up first, check it after, and on any failure
        leave the original as it was (and say where the backup is only when there is one)."""
        backup = self.path.with_name(f"{self.path.name}.schema{version}.bak")
        try:
            self._backup_to(backup)
        except (sqlite3.Error, OSError) as exc:
            self.close()
            backup.with_name(backup.name + ".part").unlink(missing_ok=True)
            why = ("the disk is full" if _disk_full(exc)
                   else f"it could not be written: {one_line(exc, 80)}")
            raise WorkspaceError(
                self.path,
                f"the workspace must be upgraded to this version of the app, and a backup copy is "
                f"made first, but {why}; the workspace was not changed and no backup was kept. "
                "Free some space (about the size of the workspace) and open it again",
            ) from None
        committed = False
        try:
            # a rebuilt parent table must not cascade into its children: keys off, checked after
            self._raw.execute("PRAGMA foreign_keys = OFF")
            eng.run_migrations(self._conn)
            self._conn.commit()
            committed = True
            self._raw.execute("PRAGMA foreign_keys = ON")
            problems = [r[0] for r in self._raw.execute("PRAGMA integrity_check")]
            fk_problems = self._raw.execute("PRAGMA foreign_key_check").fetchall()
            if problems != ["ok"] or fk_problems:
                raise WorkspaceError(
                    self.path, f"the migrated workspace failed its checks ({one_line(problems[0], 80)})")
        except Exception as exc:
            self.close()
            if committed:
                # the upgrade was written but is unsound: the backup is the original
                shutil.copyfile(backup, self.path)
            # not committed: SQLite rolled the transaction back, the file is as it was
            reason = exc.reason if isinstance(exc, WorkspaceError) else one_line(
                eng.classify_sqlite_error(self.path, exc.orig).reason
                if isinstance(getattr(exc, "orig", None), sqlite3.Error)
                else eng.classify_sqlite_error(self.path, exc).reason if isinstance(exc, sqlite3.Error)
                else f"{type(exc).__name__}: {exc}", 200)
            raise WorkspaceError(
                self.path,
                f"the workspace could not be upgraded to this version ({reason}); "
                f"it is unchanged, and a backup copy of it is at {backup.name}",
            ) from None

    def _backup_to(self, target: Path) -> None:
        """Copy the open database with the SQLite backup API (never a plain file copy)."""
        tmp = target.with_name(target.name + ".part")
        tmp.unlink(missing_ok=True)
        dst = sqlite3.connect(str(tmp))
        try:
            self._raw.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        tmp.replace(target)

    def save_as(self, path: str | Path) -> None:
        """Write a copy of the workspace to ``path``; this workspace stays open on its own file."""
        target = Path(path)
        if self.path is None:
            raise WorkspaceError(
                target, "a server workspace is copied with lifecycle-studio copy; nothing was written")
        if target.resolve() == self.path.resolve():
            raise WorkspaceError(target, "that is the workspace's own file")
        try:
            self._backup_to(target)
        except (sqlite3.Error, OSError) as exc:
            target.with_name(target.name + ".part").unlink(missing_ok=True)
            why = "the disk is full" if _disk_full(exc) else one_line(exc, 100)
            raise WorkspaceError(
                target, f"the copy could not be written ({why}); the open workspace is unchanged"
            ) from None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._key is not None:
            eng.OPEN_FILES.discard(self._key)
        try:
            self._conn.close()
        except Exception:  # a server connection already lost: nothing left to close
            pass
        self._engine.dispose()
        if self._raw is not None:
            self._raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    # ---- transactions -----------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        if self._closed:
            raise WorkspaceError(self.location_text, "the workspace is closed")
        if self._read_only:
            raise WorkspaceError(self.location_text, self._read_only_reason
                                 or "the workspace was opened for reading only; nothing was changed")
        if self.is_server:
            with self._server_transaction() as conn:
                yield conn
            return
        self._check_still_there()
        try:
            with self._conn.begin():
                yield self._conn
        except sqlite3.Error as exc:
            raise eng.classify_sqlite_error(self.path, exc) from None
        except Exception as exc:
            orig = getattr(exc, "orig", None)
            if isinstance(orig, sqlite3.IntegrityError):
                raise OperationError(self.path, f"the edit was refused ({one_line(orig, 160)})") from None
            if isinstance(orig, sqlite3.Error):
                raise eng.classify_sqlite_error(self.path, orig) from None
            raise

    @contextmanager
    def _server_transaction(self) -> Iterator[Connection]:
        """One operation's transaction on the server (REPEATABLE READ, server.py says why): the
        writers' lock first (server.take_writers_turn), then the operation; a serialization
        failure becomes ``_LostRace`` so the operation runs again."""
        from . import server

        try:
            with self._conn.begin():
                server.take_writers_turn(self._conn)
                yield self._conn
        except WorkspaceError:
            raise
        except Exception as exc:
            if not server.is_driver_error(exc):
                raise
            if server.is_serialization_failure(exc):
                raise _LostRace(
                    self.location_text, "someone else changed the workspace at the same moment; "
                    "nothing was changed, try again") from None
            raise server.server_error(self.location_text, exc, writing=True) from None

    def _announce(self, conn: Connection, lifecycle_id: int | None, revision: int) -> None:
        """Tell the other windows on a server workspace, when this operation's transaction
        commits, that ``lifecycle_id`` is now at ``revision`` (called just before the commit).
        Nothing to tell on a file: no one else can have it open."""
        if self.is_server:
            from .live import announce

            announce(conn, lifecycle_id, revision, self.session_id)

    def _check_still_there(self) -> None:
        """In exclusive locking mode SQLite does not notice its file deleted or replaced and
        would write on into a file no one can open again: refuse the edit instead, while Save
        As can still keep everything."""
        try:
            same = eng.file_key(os.stat(self.path)) == self._key
        except OSError:
            same = False
        if not same:
            raise WorkspaceError(
                self.path,
                "the workspace file was moved or deleted while open: the change was not saved, and "
                "everything saved before it is still in the open window; use Save As to keep it",
            )

    def _log(self, conn: Connection, change: Change, args: str | None = None) -> None:
        conn.execute(
            insert(ACTIVITY).values(
                lifecycle_pk=change.lifecycle_id, at=_now(), operation=change.operation,
                summary=change.summary, author=change.author, revision=change.revision, args=args,
            )
        )

    # ---- reads --------------------------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read, with SQLite's errors put in the user's words as a write's are; the read
        transaction ends with it."""
        if self._closed:
            raise WorkspaceError(self.location_text, "the workspace is closed")
        if self.is_server:
            with self._server_reading() as conn:
                yield conn
            return
        try:
            yield self._conn
        except WorkspaceError:
            raise
        except Exception as exc:
            if isinstance(exc, UnicodeDecodeError) or "decode" in str(exc):
                # a text cell that is not UTF-8 (cells.py leaves finding it to the first read)
                self._conn.rollback()
                from .cells import find_text_not_utf8

                located = find_text_not_utf8(self.path, self._raw)
                if located is not None:
                    raise located from None
            if isinstance(exc, sqlite3.Error):
                raise eng.classify_sqlite_error(self.path, exc) from None
            orig = getattr(exc, "orig", None)
            if isinstance(orig, sqlite3.Error):
                raise eng.classify_sqlite_error(self.path, orig) from None
            if isinstance(exc, _UNREADABLE):
                # a value the open's checks (cells.py) let through but a reader cannot use
                raise _unreadable(self.path, exc) from None
            raise
        finally:
            self._conn.rollback()

    @contextmanager
    def _server_reading(self) -> Iterator[Connection]:
        """A read on the server: one snapshot for the whole read (REPEATABLE READ), the server's
        errors in the user's words, the transaction ended after it."""
        from . import server

        try:
            yield self._conn
        except WorkspaceError:
            raise
        except Exception as exc:
            if server.is_driver_error(exc):
                raise server.server_error(self.location_text, exc) from None
            if isinstance(exc, _UNREADABLE):
                raise _unreadable(self.location_text, exc) from None
            raise
        finally:
            try:
                self._conn.rollback()
            except Exception:  # the connection was lost: the error above says so
                pass

    def lifecycles(self) -> list[LifecycleInfo]:
        with self._reading() as conn:
            return self._lifecycles(conn)

    def _lifecycles(self, conn: Connection) -> list[LifecycleInfo]:
        stage_counts = dict(
            conn.execute(
                select(STAGES.c.lifecycle_pk, func.count()).group_by(STAGES.c.lifecycle_pk)
            ).all()
        )
        edge_counts = dict(
            conn.execute(
                select(EDGES.c.lifecycle_pk, func.count()).group_by(EDGES.c.lifecycle_pk)
            ).all()
        )
        rows = conn.execute(
            select(LIFECYCLES.c.pk, LIFECYCLES.c.name, LIFECYCLES.c.paradigm)
            .where(LIFECYCLES.c.deleted.is_(False))
            .order_by(LIFECYCLES.c.name)
        ).all()
        return [
            LifecycleInfo(r.pk, r.name, r.paradigm, stage_counts.get(r.pk, 0), edge_counts.get(r.pk, 0))
            for r in rows
        ]

    def lifecycle_id(self, name: str) -> int:
        with self._reading() as conn:
            pk = conn.execute(
                select(LIFECYCLES.c.pk).where(LIFECYCLES.c.name == name, LIFECYCLES.c.deleted.is_(False))
            ).scalar()
        if pk is None:
            raise KeyError(name)
        return pk

    def load(self, lifecycle_id: int, *, seen: bool = False) -> d.Lifecycle:
        """The whole lifecycle as a document, in document order.

        ``seen``: the caller shows this state to the user (the window opening the lifecycle or
        drawing others' edits, a script about to edit what it read), so the edits that follow
        are checked against the revision read (revisions.py). A plain read (a dock, the checks,
        a copy) leaves the seen revision alone: it must not hide another's change from the
        check while the canvas still draws the plan before it (a lost update)."""
        with self._reading() as conn:
            lc = self._load(conn, lifecycle_id)
            if seen:
                # the revision read first, with the state (what edits are made against)
                self._saw(lifecycle_id, self._loaded_revision)
        if lifecycle_id not in self._validated:
            # once a session: after that only the store writes the file (it holds the lock)
            self._validate_as_document(lc)
            self._validated.add(lifecycle_id)
        return lc

    def _saw(self, lifecycle_id: int, revision: int) -> None:
        """A read showed the lifecycle at ``revision`` (operations.Workspace keeps it)."""

    def _validate_as_document(self, lc: d.Lifecycle) -> None:
        """A loaded lifecycle passes the same validation as a document (FORMAT.md): the cells
        were checked on open (cells.py); this adds what spans fields and rows (done items have
        a done date, planned dates in order, known rule codes and parameters of the right
        type), so no reader, check or export meets a lifecycle the format does not allow."""
        from desktop_app.interchange import document_dict
        from desktop_app.interchange.validation import document_problems

        # numbers_checked: SQLite holds no NaN, and the open refused infinities
        problems = document_problems(document_dict(lc), numbers_checked=True)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise WorkspaceError(
                self.location_text,
                f"the lifecycle {one_line(lc.name, 80)!r} holds what the lifecycle format does not "
                f"allow: {one_line(problems[0], 160)}{more}; it was not opened and nothing was "
                "changed (it was not written by Lifecycle Studio as it is now)",
            )

    def _load(self, conn: Connection, lifecycle_id: int) -> d.Lifecycle:
        head = conn.execute(select(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id)).first()
        if head is None or head.deleted:
            raise OperationError(self.location_text, f"no lifecycle with id {lifecycle_id}")
        self._loaded_revision = head.revision
        lc = d.Lifecycle(
            name=head.name, paradigm=head.paradigm, description=head.description,
            rules={
                r.code: rule_setting_doc(r)
                for r in conn.execute(
                    select(RULE_SETTINGS)
                    .where(RULE_SETTINGS.c.lifecycle_pk == lifecycle_id)
                    .order_by(RULE_SETTINGS.c.pk)
                )
            },
        )
        owner_rows = conn.execute(
            select(OWNERS).where(OWNERS.c.lifecycle_pk == lifecycle_id).order_by(OWNERS.c.seq)
        ).all()
        owner_keys = {r.pk: r.key for r in owner_rows}
        lc.owners = [owner_doc(r) for r in owner_rows]
        stage_rows = conn.execute(
            select(STAGES).where(STAGES.c.lifecycle_pk == lifecycle_id).order_by(STAGES.c.seq)
        ).all()
        stage_keys = {r.pk: r.key for r in stage_rows}
        lc.stages = [stage_doc(r, owner_keys.get(r.owner_pk)) for r in stage_rows]
        lc.edges = [
            edge_doc(r, stage_keys[r.source_pk], stage_keys[r.target_pk])
            for r in conn.execute(
                select(EDGES).where(EDGES.c.lifecycle_pk == lifecycle_id).order_by(EDGES.c.seq)
            )
        ]
        phase_rows = conn.execute(
            select(PHASES).where(PHASES.c.lifecycle_pk == lifecycle_id).order_by(PHASES.c.seq)
        ).all()
        phases = {
            r.pk: d.Phase(number=r.number, planned_start=r.planned_start, planned_end=r.planned_end)
            for r in phase_rows
        }
        for r in conn.execute(
            select(ITEMS).where(ITEMS.c.lifecycle_pk == lifecycle_id).order_by(ITEMS.c.seq)
        ):
            phases[r.phase_pk].items.append(item_doc(r, owner_keys.get(r.owner_pk)))
        lc.phases = list(phases.values())
        lc.suppressions = [
            d.Suppression(rule=r.rule, reason=r.reason, stage=r.stage)
            for r in conn.execute(
                select(SUPPRESSIONS)
                .where(SUPPRESSIONS.c.lifecycle_pk == lifecycle_id)
                .order_by(SUPPRESSIONS.c.seq)
            )
        ]
        return lc

    def activity(self, lifecycle_id: int | None = None, *,
                 since_revision: int | None = None) -> list[ActivityEntry]:
        """The activity log, oldest first; of one lifecycle, and (``since_revision``) only the
        operations after that revision of it: what others did since a window last looked."""
        query = select(ACTIVITY).order_by(ACTIVITY.c.pk)
        if lifecycle_id is not None:
            query = query.where(ACTIVITY.c.lifecycle_pk == lifecycle_id)
            if since_revision is not None:
                query = query.where(ACTIVITY.c.revision > since_revision)
        with self._reading() as conn:
            rows = conn.execute(query).all()
        return [ActivityEntry(r.at, r.operation, r.summary, r.author, r.lifecycle_pk, r.revision, r.args)
                for r in rows]

    def snapshots(self, lifecycle_id: int) -> list[SnapshotInfo]:
        with self._reading() as conn:
            rows = conn.execute(
                select(SNAPSHOTS.c.pk, SNAPSHOTS.c.label, SNAPSHOTS.c.taken_at, SNAPSHOTS.c.auto)
                .where(SNAPSHOTS.c.lifecycle_pk == lifecycle_id)
                .order_by(SNAPSHOTS.c.taken_at, SNAPSHOTS.c.pk)
            ).all()
        return [SnapshotInfo(r.pk, lifecycle_id, r.label, r.taken_at, r.auto) for r in rows]

    def snapshot_id(self, lifecycle_id: int, label: str) -> int:
        with self._reading() as conn:
            pk = conn.execute(
                select(SNAPSHOTS.c.pk).where(
                    SNAPSHOTS.c.lifecycle_pk == lifecycle_id, SNAPSHOTS.c.label == label
                )
            ).scalar()
        if pk is None:
            raise KeyError(label)
        return pk

    def load_snapshot(self, snapshot_id: int) -> d.Lifecycle:
        from desktop_app.interchange import DocumentError, parse_document

        with self._reading() as conn:
            text = conn.execute(
                select(SNAPSHOTS.c.document).where(SNAPSHOTS.c.pk == snapshot_id)
            ).scalar()
        if text is None:
            raise OperationError(self.location_text, f"no snapshot with id {snapshot_id}")
        try:
            return parse_document(json.loads(text), source=f"{self.location_text} (snapshot {snapshot_id})")
        except (ValueError, RecursionError, DocumentError) as exc:
            problem = "; ".join(exc.problems[:2]) if isinstance(exc, DocumentError) else type(exc).__name__
            raise WorkspaceError(
                self.location_text,
                f"table snapshots, row {snapshot_id}, column document: not a lifecycle document "
                f"this app can read ({one_line(problem, 120)}); the other snapshots are unaffected",
            ) from None

    def integrity_problems(self) -> list[str]:
        """``integrity_check`` and ``foreign_key_check`` of the open file: empty when sound. On
        a server, which keeps its own pages and keys, the references that must stay inside one
        lifecycle (server.py)."""
        if self.is_server:
            from . import server

            with self._reading() as conn:
                problem = server.reference_problem(self.location_text, conn)
            return [] if problem is None else [problem.reason]
        problems = [r[0] for r in self._raw.execute("PRAGMA integrity_check")]
        fk = self._raw.execute("PRAGMA foreign_key_check").fetchall()
        return ([] if problems == ["ok"] else problems) + [f"foreign key: {row}" for row in fk]
