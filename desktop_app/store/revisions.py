"""Several writers on one workspace: revisions, conflicts and authors.

Every lifecycle carries ``revision``, +1 per committed operation on it; every row of its plan
carries ``rev``, the revision at which it last changed, and ``removals`` keeps what was deleted
(by id and display name) and when. A ``Workspace`` object remembers, per lifecycle, the revision
it has seen (read with the lifecycle, or marked by the window once it shows a later state) and
the revisions it made itself. An operation touching a row that changed (or vanished) at a
revision newer than the one it was made against, and not by this workspace object, is refused
with ``ConflictError`` naming the thing and who changed it: no lost updates between writers,
while edits of different things by different people all land.

Operations on one lifecycle are serialised by the database itself: each begins by raising the
lifecycle's revision (``_bump``), an UPDATE that locks its row until the transaction ends, so a
second writer waits; at REPEATABLE READ (server.py) it then fails to serialise and the whole
operation runs again (workspace.py) with a fresh snapshot, and its checks see the first's commit.
"""

from __future__ import annotations

import functools
import getpass
import inspect
from collections.abc import ItemsView, KeysView, ValuesView
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy import Connection, delete, insert, select, update

from desktop_app.model.naming import ARROW
from desktop_app.model.text import one_line, quoted
from desktop_app.model.tables import RemovalRow

from .change import Change
from .errors import ConflictError, OperationError
from .rows import EDGES, ITEMS, LIFECYCLES, OWNERS, PHASES, RULE_SETTINGS, STAGES, SUPPRESSIONS

REMOVALS = RemovalRow.__table__

# kind -> (table, column holding its id); a rule setting is named by its code
KINDS: dict[str, tuple[Any, str]] = {
    "stage": (STAGES, "key"),
    "edge": (EDGES, "key"),
    "owner": (OWNERS, "key"),
    "item": (ITEMS, "key"),
    "rule": (RULE_SETTINGS, "code"),
}

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class _Book:
    """What one open workspace object knows of each lifecycle's revisions."""

    seen: dict[int, int] = field(default_factory=dict)
    own: dict[int, set[int]] = field(default_factory=dict)
    # the revision an operation is checked against instead of ``seen`` (undo: ``based_on``)
    based_on: dict[int, int] = field(default_factory=dict)
    # set by the operation running now: its name and arguments (for the log), and the revision
    # it is producing per lifecycle
    call: tuple[str, dict[str, Any]] | None = None
    pending: dict[int, int] = field(default_factory=dict)
    author: str | None = None
    # ``trial``: operations run every check and are then rolled back
    trial: bool = False


class _TrialDone(Exception):
    """Raised at the commit of an operation run on trial: its transaction is rolled back."""


def operation(method: F) -> F:
    """A public operation: its name and arguments are kept for the activity log (what
    store/replay.py replays), and the revision it produced counts as this workspace object's
    own. Each call starts its bookkeeping afresh, so an attempt run again after a lost race on
    the server (workspace.py) reads and checks everything again."""
    signature = inspect.signature(method)

    @functools.wraps(method)
    def run(self, *args: Any, **kwargs: Any):
        bound = signature.bind(self, *args, **kwargs)
        for name, value in bound.arguments.items():
            if isinstance(value, (Iterator, KeysView, ValuesView, ItemsView)):
                # a generator or a dict's view: read once, into what the log can keep
                bound.arguments[name] = list(value)
        args, kwargs = bound.args[1:], bound.kwargs
        call: dict[str, Any] = {}
        for name, value in list(bound.arguments.items())[1:]:
            if signature.parameters[name].kind is inspect.Parameter.VAR_KEYWORD:
                call.update(value)
            else:
                call[name] = value
        book = self._book
        if book.call is not None:
            # an operation calling another runs inside the first's bookkeeping
            return method(self, *args, **kwargs)
        book.call = (method.__name__, call)
        book.pending = {}
        try:
            change = method(self, *args, **kwargs)
        except _TrialDone:
            return None
        else:
            self._made(change)
            return change
        finally:
            book.call = None
            book.pending = {}

    # what store/replay.py may call from a log (a log comes from a file: never any other method)
    run.replayable = True  # type: ignore[attr-defined]
    return run  # type: ignore[return-value]


class Revisions:
    """The revision bookkeeping of ``Workspace`` (mixed into operations.Workspace)."""

    path: Any

    @property
    def _book(self) -> _Book:
        book = self.__dict__.get("_revision_book")
        if book is None:
            book = self.__dict__["_revision_book"] = _Book()
        return book

    # ---- what the window and the commands use ------------------------------------------------
    @property
    def author(self) -> str:
        """Who the edits are by: the display name the app set, else the database user on a
        server, else the login name."""
        book = self._book
        if book.author is None:
            book.author = self._default_author()
        return book.author

    @author.setter
    def author(self, name: str | None) -> None:
        # a name of only control characters or spaces is no name: the default signs instead
        self._book.author = (one_line(name, 200) if name else "") or None

    def _author_in(self, conn: Connection) -> str:
        """``author``, asked inside an operation's transaction (on a server the database user is
        read on the operation's own connection, not in a read of its own that would end it)."""
        book = self._book
        if book.author is None:
            book.author = self._default_author(conn)
        return book.author

    def _default_author(self, conn: Connection | None = None) -> str:
        # a role or login name may hold line breaks and control characters (a quoted identifier
        # can): the log keeps the one line every message shows, as it does for a display name
        if getattr(self, "is_server", False):
            if conn is not None:
                name = conn.exec_driver_sql("SELECT current_user").scalar()
            else:
                with self._reading() as reading:
                    name = reading.exec_driver_sql("SELECT current_user").scalar()
            return one_line(str(name or ""), 200)
        try:
            return one_line(getpass.getuser(), 200)
        except (OSError, KeyError, ImportError):  # no login name in this environment
            return ""

    def seen_revision(self, lifecycle_id: int) -> int | None:
        """The revision of ``lifecycle_id`` this workspace object shows its user: set by
        ``load(..., seen=True)`` (a plain load does not) and ``mark_seen``, moved on by its own
        edits; None before then (its edits are then not checked)."""
        return self._book.seen.get(lifecycle_id)

    def mark_seen(self, lifecycle_id: int, revision: int) -> None:
        """The window now shows the lifecycle as it is at ``revision`` (it applied the others'
        edits up to there)."""
        seen = self._book.seen
        seen[lifecycle_id] = max(revision, seen.get(lifecycle_id, revision))

    def _saw(self, lifecycle_id: int, revision: int) -> None:
        # a fresh read shows everything up to its revision. The own revisions stay: an undo is
        # checked against its command's older revision, and its own later edits are no conflict
        self._book.seen[lifecycle_id] = revision

    def revision(self, lifecycle_id: int) -> int:
        """The lifecycle's current revision in the database."""
        with self._reading() as conn:
            value = conn.execute(select(LIFECYCLES.c.revision).where(LIFECYCLES.c.pk == lifecycle_id)).scalar()
        if value is None:
            raise OperationError(self.location_text, f"no lifecycle with id {lifecycle_id}")
        return value

    @contextmanager
    def based_on(self, lifecycle_id: int, revision: int | None) -> Iterator[None]:
        """Check the operations inside against ``revision`` instead of the seen one: an undo is
        made against the revision its command produced, so it is refused when someone else has
        changed the same things since (it would overwrite their change)."""
        book = self._book
        before = book.based_on.get(lifecycle_id)
        if revision is not None:
            book.based_on[lifecycle_id] = revision
        try:
            yield
        finally:
            if before is None:
                book.based_on.pop(lifecycle_id, None)
            else:
                book.based_on[lifecycle_id] = before

    # ---- inside an operation's transaction ---------------------------------------------------
    @contextmanager
    def trial(self) -> Iterator[None]:
        """Operations inside run every check, then are rolled back and return None: whether an
        undo would be refused, asked before the undo stack moves (a refused undo must leave the
        stack where it was)."""
        book = self._book
        book.trial = True
        try:
            yield
        finally:
            book.trial = False

    def _base(self, lifecycle_id: int) -> int | None:
        book = self._book
        return book.based_on.get(lifecycle_id, book.seen.get(lifecycle_id))

    def _by_others(self, lifecycle_id: int, rev: int) -> bool:
        """True when ``rev`` is newer than what the operation was made against and was not made
        by this workspace object."""
        base = self._base(lifecycle_id)
        return base is not None and rev > base and rev not in self._book.own.get(lifecycle_id, ())

    def _bump(self, conn: Connection, lifecycle_id: int) -> int:
        """Raise the lifecycle's revision, once per operation: the revision this operation
        produces. The UPDATE locks the lifecycle's row on a server until the commit."""
        pending = self._book.pending
        if lifecycle_id not in pending:
            conn.execute(update(LIFECYCLES).where(LIFECYCLES.c.pk == lifecycle_id)
                         .values(revision=LIFECYCLES.c.revision + 1))
            pending[lifecycle_id] = conn.execute(
                select(LIFECYCLES.c.revision).where(LIFECYCLES.c.pk == lifecycle_id)).scalar() or 0
        return pending[lifecycle_id]

    def _rev(self, lifecycle_id: int) -> int:
        """The revision the operation running now produces (what changed rows are stamped with)."""
        return self._book.pending[lifecycle_id]

    def _author_at(self, conn: Connection, lifecycle_id: int, revision: int) -> str:
        from .workspace import ACTIVITY

        author = conn.execute(
            select(ACTIVITY.c.author).where(ACTIVITY.c.lifecycle_pk == lifecycle_id,
                                            ACTIVITY.c.revision == revision)
            .order_by(ACTIVITY.c.pk.desc())).scalar()
        return one_line(author, 60) if author else "someone else"

    def _conflict(self, conn: Connection, lifecycle_id: int, what: str, verb: str, rev: int) -> ConflictError:
        who = self._author_at(conn, lifecycle_id, rev)
        if lifecycle_id in self._book.based_on:
            # an undo or redo: the user may well have seen the other's change; it would be lost
            return ConflictError(
                self.location_text,
                f"{what} was {verb} by {who} after your edit; undoing or redoing it would overwrite "
                "their change, so nothing was changed")
        return ConflictError(
            self.location_text,
            f"{what} was {verb} by {who} after you last saw it; nothing was changed, and the window "
            "now shows the current plan: make your change again if it still applies")

    def _check_rev(self, conn: Connection, lifecycle_id: int, rev: int, what: Callable[[], str],
                   verb: str = "changed") -> None:
        if self._by_others(lifecycle_id, rev):
            raise self._conflict(conn, lifecycle_id, what(), verb, rev)

    def _check_removed(self, conn: Connection, lifecycle_id: int, kind: str, key: str) -> None:
        """Refuse, naming it, an edit of something another writer deleted after the edit's base."""
        row = conn.execute(
            select(REMOVALS.c.name, REMOVALS.c.rev)
            .where(REMOVALS.c.lifecycle_pk == lifecycle_id, REMOVALS.c.kind == kind, REMOVALS.c.key == key)
            .order_by(REMOVALS.c.rev.desc())).first()
        if row is not None and self._by_others(lifecycle_id, row.rev):
            raise self._conflict(conn, lifecycle_id, row.name, "deleted", row.rev)

    def _row_name(self, conn: Connection, kind: str, pk: int) -> str:
        """A row's display name for a message: “Monitoring”, “Monitoring → Retrain”."""
        if kind == "stage":
            return quoted(conn.execute(select(STAGES.c.name).where(STAGES.c.pk == pk)).scalar() or "")
        if kind == "owner":
            return quoted(conn.execute(select(OWNERS.c.name).where(OWNERS.c.pk == pk)).scalar() or "")
        if kind == "item":
            return quoted(conn.execute(select(ITEMS.c.title).where(ITEMS.c.pk == pk)).scalar() or "")
        if kind == "edge":
            src, tgt = STAGES.alias("src"), STAGES.alias("tgt")
            row = conn.execute(
                select(src.c.name.label("a"), tgt.c.name.label("b"))
                .join(EDGES, EDGES.c.source_pk == src.c.pk).join(tgt, EDGES.c.target_pk == tgt.c.pk)
                .where(EDGES.c.pk == pk)).one()
            return f"the edge {quoted(f'{one_line(row.a)} {ARROW} {one_line(row.b)}', 170)}"
        if kind == "rule":
            code = conn.execute(select(RULE_SETTINGS.c.code).where(RULE_SETTINGS.c.pk == pk)).scalar()
            return f"the settings of {code}"
        raise ValueError(kind)

    def _find(self, conn: Connection, kind: str, lifecycle_id: int, key: str, *, touch: bool) -> int | None:
        """The primary key of a ``kind`` row by its id, or None. ``touch``: the operation changes
        the row, so a change by someone else since the base is a conflict; otherwise it only
        needs the row to be there (an edge's ends, a stage's owner). A row another writer deleted
        since the base is a conflict either way."""
        table, column = KINDS[kind]
        row = conn.execute(select(table.c.pk, table.c.rev).where(
            table.c.lifecycle_pk == lifecycle_id, table.c[column] == key)).first()
        if row is None:
            self._check_removed(conn, lifecycle_id, kind, key)
            return None
        if touch:
            self._check_rev(conn, lifecycle_id, row.rev, lambda: self._row_name(conn, kind, row.pk))
        return row.pk

    def _check_new(self, conn: Connection, kind: str, lifecycle_id: int, key: str) -> None:
        """Before adding a ``kind`` with id ``key``: one another writer added meanwhile is a
        conflict (two people adding the same thing), named."""
        table, column = KINDS[kind]
        row = conn.execute(select(table.c.pk, table.c.rev).where(
            table.c.lifecycle_pk == lifecycle_id, table.c[column] == key)).first()
        if row is not None:
            self._check_rev(conn, lifecycle_id, row.rev, lambda: self._row_name(conn, kind, row.pk), "added")

    def _check_phase(self, conn: Connection, lifecycle_id: int, number: int) -> None:
        rev = conn.execute(select(PHASES.c.rev).where(
            PHASES.c.lifecycle_pk == lifecycle_id, PHASES.c.number == number)).scalar()
        if rev is not None:
            self._check_rev(conn, lifecycle_id, rev, lambda: f"phase {number}")

    def _check_suppressions(self, conn: Connection, lifecycle_id: int) -> None:
        """Suppressions are addressed by their place in the list: any added, changed or removed
        by someone else since the base moves the places."""
        revs = list(conn.execute(select(SUPPRESSIONS.c.rev).where(
            SUPPRESSIONS.c.lifecycle_pk == lifecycle_id)).scalars())
        revs += conn.execute(select(REMOVALS.c.rev).where(
            REMOVALS.c.lifecycle_pk == lifecycle_id, REMOVALS.c.kind == "suppression")).scalars()
        for rev in sorted(set(revs)):
            self._check_rev(conn, lifecycle_id, rev, lambda: "the list of suppressed findings")

    def _check_header(self, conn: Connection, lifecycle_id: int, row) -> None:
        self._check_rev(conn, lifecycle_id, row.rev, lambda: f"the lifecycle {quoted(row.name)}")

    def _check_whole(self, conn: Connection, lifecycle_id: int, name: str, before: int) -> None:
        """For an operation on the whole lifecycle (replace it, delete it): any change by
        someone else since the base is a conflict."""
        from .workspace import ACTIVITY

        base = self._base(lifecycle_id)
        if base is None or before <= base:
            return
        own = self._book.own.get(lifecycle_id, set())
        for rev in conn.execute(select(ACTIVITY.c.revision).where(
                ACTIVITY.c.lifecycle_pk == lifecycle_id, ACTIVITY.c.revision > base)
                .order_by(ACTIVITY.c.revision)).scalars():
            if rev is not None and rev not in own:
                raise self._conflict(conn, lifecycle_id, f"the lifecycle {quoted(name)}", "changed", rev)

    def _write(self, conn: Connection, table: Any, pk: int, lifecycle_id: int, values: dict[str, Any]) -> bool:
        """Update one row with ``values``, stamped with this operation's revision, only when they
        differ from what it holds: a write that changes nothing (a status set to what it was, a
        stage moved onto its place) is no change to refuse another writer's edit over."""
        if not values:
            return False
        current = conn.execute(select(*(table.c[k] for k in values)).where(table.c.pk == pk)).one()
        if all(held == wanted for held, wanted in zip(current, values.values())):
            return False
        conn.execute(update(table).where(table.c.pk == pk).values(rev=self._rev(lifecycle_id), **values))
        return True

    def _record_removal(self, conn: Connection, lifecycle_id: int, kind: str, key: str, name: str) -> None:
        """Keep that ``key`` was deleted at this revision (one entry per id: the latest)."""
        self._forget_removal(conn, lifecycle_id, kind, key)
        conn.execute(insert(REMOVALS).values(lifecycle_pk=lifecycle_id, kind=kind, key=key, name=name,
                                             rev=self._rev(lifecycle_id)))

    def _forget_removal(self, conn: Connection, lifecycle_id: int, kind: str, key: str) -> None:
        conn.execute(delete(REMOVALS).where(REMOVALS.c.lifecycle_pk == lifecycle_id,
                                            REMOVALS.c.kind == kind, REMOVALS.c.key == key))

    def _finish(self, conn: Connection, change: Change) -> int | None:
        """Stamp ``change`` with its revision and author (called by ``_commit``)."""
        if self._book.trial:
            raise _TrialDone()
        lifecycle_id = change.lifecycle_id
        if lifecycle_id is not None and self._book.call is not None:
            change.revision = self._bump(conn, lifecycle_id)
        change.author = self._author_in(conn)
        return change.revision

    def _made(self, change: Change) -> None:
        """After the commit: the revision is this object's own; when nothing came between the
        base and it, the object has seen everything up to it."""
        lifecycle_id, revision = change.lifecycle_id, change.revision
        if lifecycle_id is None or revision is None:
            return
        book = self._book
        book.own.setdefault(lifecycle_id, set()).add(revision)
        if book.seen.get(lifecycle_id, revision - 1) == revision - 1:
            book.seen[lifecycle_id] = revision
        # an undo's base moves with it: the next undo or redo of the same command starts here
        if lifecycle_id in book.based_on:
            book.based_on[lifecycle_id] = max(book.based_on[lifecycle_id], revision)
