"""A workspace in a PostgreSQL database: connecting, the marker, the checks, the upgrade, and the
server's errors in the user's words.

The same tables and Alembic revisions as a file (store/migrations); what a file keeps in its header
(``application_id``, ``user_version``) a server database keeps in the one row of
``lcstudio_workspace``. A database is opened only when that row says it is ours, its schema is
exactly the one its version defines (server_schema.py, compared through the system catalogs), and
no reference crosses from one lifecycle into another (what cells.py checks in a file; the types,
enumerations and ids are held by the columns' types and the CHECK constraints of r0003 on a
server, and the schema check makes sure those constraints are all there).

Unlike a file, a server database is shared: no lock is held while it is open, several windows
and processes open it at once, and each operation is one transaction, writers taking turns
(workspace.py runs again one that lost a race all the same).
psycopg is imported here only, so nothing that does not touch a server pays for the driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from desktop_app.model.text import one_line

from . import engine as eng
from .errors import (
    NewerWorkspace, OperationError, PasswordNeeded, PasswordRefused, WorkspaceError,
)
from .location import ServerLocation
from .server_schema import EXPECTED_SERVER

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

MARKER_TABLE = "lcstudio_workspace"
CONNECT_TIMEOUT_S = 10

# Each operation is one transaction at REPEATABLE READ: it reads one snapshot and, when another
# session committed a change to a row it also changes after that snapshot, PostgreSQL refuses it
# with a serialization failure instead of letting it overwrite the other's write (no lost update);
# the operation then runs again from the start on the new state (workspace.py), where the
# revision checks see what changed. Every operation writes its lifecycle's row (its revision), so
# two operations on one lifecycle always meet there. SERIALIZABLE would add predicate locks that
# also fail operations on unrelated lifecycles, for nothing more here.
#
# Writers take turns (take_writers_turn): each operation's first statement locks the lifecycles
# table against other writers (readers go on), and since a LOCK takes no snapshot, the snapshot
# is taken after the previous writer committed. Operations from this app then never lose a race
# at all; the retry stays for a writer that does not take turns (another program, a manual
# UPDATE). Operations last milliseconds (an import of thousands of stages, a second or two), so
# a team's leads do not notice the queue.
ISOLATION_LEVEL = "REPEATABLE READ"
SERIALIZATION_STATES = ("40001", "40P01")  # serialization_failure, deadlock_detected

NOT_OURS = "this database is not a Lifecycle Studio workspace"


def make_engine(location: ServerLocation, password: str | None) -> "Engine":
    """One engine with a small pool per open workspace. The password, when the app asked for
    it, goes to libpq as a connection argument, never into the URL (which is shown and kept)."""
    from sqlalchemy import create_engine, event

    query = {key.lower() for key, _ in parse_qsl(urlsplit(location.url).query)}
    connect_args: dict[str, object] = {"application_name": "Lifecycle Studio"}
    if "connect_timeout" not in query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    if password is not None:
        connect_args["password"] = password
    engine = create_engine(
        location.url, isolation_level=ISOLATION_LEVEL, pool_size=2, max_overflow=2,
        pool_pre_ping=True, connect_args=connect_args,
    )

    @event.listens_for(engine, "connect")
    def _public_schema(dbapi_connection, _record) -> None:
        # the workspace lives in ``public``, whatever the role's search_path says ("$user" first)
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET search_path TO public")
            # floats exactly as stored, whatever the database or role sets (extra_float_digits =
            # -15 read a stage at x 1.2345678 back as 1.0, and the next edit wrote it so)
            cursor.execute("SET extra_float_digits TO 3")
        dbapi_connection.commit()

    return engine


# ---- errors in the user's words ---------------------------------------------------------------
def _driver_error(exc: BaseException) -> BaseException:
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def is_serialization_failure(exc: BaseException) -> bool:
    return getattr(_driver_error(exc), "sqlstate", None) in SERIALIZATION_STATES


def is_driver_error(exc: BaseException) -> bool:
    """An error from the server or the driver (psycopg), directly or wrapped by SQLAlchemy."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(exc, psycopg.Error)


_UNREACHABLE = (
    "connection refused", "could not connect", "could not translate host name", "timeout expired",
    "no route to host", "network is unreachable", "name or service not known", "no such file or directory",
    "connection timed out",
)
_LOST = (
    "server closed the connection", "connection is closed", "connection is lost", "terminating connection",
    "consuming input failed", "connection already closed", "the connection is bad", "ssl syscall error",
    "eof detected",
)


def _reason(message: str) -> str:
    """libpq's reason without its preamble: 'connection failed: connection to server at
    "db" (10.0.0.5), port 5432 failed: FATAL:  ...' says what matters after the last 'failed: '
    (the address is in the refusal already)."""
    first = message.strip().splitlines()[0] if message.strip() else message
    head, sep, tail = first.rpartition(" failed: ")
    reason = tail if sep and tail.strip() else first
    return reason.removeprefix("FATAL:").strip()


def server_error(where: str, exc: BaseException, *, writing: bool = False,
                 connecting: bool = False) -> WorkspaceError:
    """What the server or libpq reported, as a one-line refusal naming the workspace.

    libpq's messages never hold the password (and the URL the user sees holds none)."""
    orig = _driver_error(exc)
    state = getattr(orig, "sqlstate", None) or ""
    message = str(orig)
    low = message.lower()
    short = one_line(_reason(message), 100)
    outcome = "the change was not saved" if writing else "nothing was changed"
    error: WorkspaceError
    if "no password supplied" in low or "password is required" in low:
        error = PasswordNeeded(
            where, "the server asks for a password, and none was found in ~/.pgpass, "
            "PGPASSWORD or a PGSERVICE file: put it there (the commands do not ask for it; the "
            "app asks when it opens the workspace, and never keeps it)")
    elif state == "28P01" or "password authentication failed" in low:
        error = PasswordRefused(
            where, "authentication failed: the server did not accept the password for this user; "
            "nothing was changed")
    elif state == "28000" or "pg_hba.conf" in low or ("role" in low and "does not exist" in low):
        error = WorkspaceError(where, f"the server refused this user ({short}); nothing was changed")
    elif state == "3D000" or ("database" in low and "does not exist" in low):
        error = WorkspaceError(
            where, "the database does not exist on the server; create it first (createdb), "
            "or check its name in the address")
    elif state == "42501" or "permission denied" in low:
        what = "change" if writing else "read"
        error = WorkspaceError(
            where, f"permission denied: your database role may not {what} this workspace "
            f"({short}); {outcome}")
    elif state in SERIALIZATION_STATES:
        error = OperationError(
            where, "someone else changed the workspace at the same moment, again and again; "
            "nothing was changed, try again")
    elif state.startswith("23"):
        error = OperationError(where, f"the edit was refused ({one_line(message, 160)})")
    elif "nul (0x00)" in low or "0x00" in low:
        error = OperationError(
            where, "a text holds a NUL character (\\0), which a server workspace cannot store; "
            "nothing was changed")
    elif "does not support ssl" in low:
        error = WorkspaceError(
            where, "the server does not offer SSL, which the address asks for (sslmode); "
            "nothing was changed")
    elif connecting and (any(p in low for p in _UNREACHABLE) or state.startswith("08")
                         or any(p in low for p in _LOST)):
        error = WorkspaceError(
            where, f"the server cannot be reached ({short}); check the address, the network and "
            "that the server is running")
    elif (getattr(exc, "connection_invalidated", False) or state.startswith("08")
          or state in ("57P01", "57P02", "57P03") or any(p in low for p in _LOST)
          or any(p in low for p in _UNREACHABLE)):
        error = WorkspaceError(
            where, f"the connection to the server was lost: {outcome}; "
            "check the network and try again")
    elif not state and type(orig).__name__ == "DataError":
        # psycopg could not turn a stored value into Python's (a date after year 9999, a
        # timestamp of 'infinity'): the workspace's content, not the server, is at fault
        error = WorkspaceError(where, f"the workspace holds a value this app cannot read ({short}); "
                                      f"{outcome}")
    elif state == "25006" or "read-only transaction" in low:
        error = WorkspaceError(where, f"the server accepts only reading now ({short}); {outcome}")
    elif connecting:
        error = WorkspaceError(where, f"the connection to the server failed ({short}); {outcome}")
    else:
        error = WorkspaceError(where, f"the server reported an error ({short}); {outcome}")
    error.detail = message
    return error


# ---- life of a server workspace -----------------------------------------------------------------
def connect(location: ServerLocation, password: str | None) -> tuple["Engine", "Connection"]:
    engine = make_engine(location, password)
    try:
        return engine, engine.connect()
    except Exception as exc:
        engine.dispose()
        if is_driver_error(exc):
            raise server_error(location.display, exc, connecting=True) from None
        raise


def _text(sql: str):
    from sqlalchemy import text

    return text(sql)


def _table_count(conn: "Connection") -> int:
    return conn.execute(_text(
        "SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind IN ('r', 'v', 'm', 'f', 'p')")).scalar_one()


def take_writers_turn(conn: "Connection") -> None:
    """Wait for the other writers' operations to end; the first statement of every write
    transaction. SHARE ROW EXCLUSIVE conflicts with itself and with other sessions' writes, not
    with reads; every writer has UPDATE on ``lifecycles`` (each operation raises a revision),
    which is the privilege this lock needs."""
    conn.execute(_text("LOCK TABLE lifecycles IN SHARE ROW EXCLUSIVE MODE"))


def read_marker(where: str, conn: "Connection") -> int:
    """The workspace's schema version from ``lcstudio_workspace``; a refusal when the database
    is not ours or is newer than this app."""
    present = conn.execute(_text(f"SELECT to_regclass('public.{MARKER_TABLE}') IS NOT NULL")).scalar_one()
    if not present:
        if _table_count(conn) == 0:
            raise WorkspaceError(
                where, f"{NOT_OURS} (the database is empty: make it one with "
                "lifecycle-studio new, or copy a workspace into it with lifecycle-studio copy)")
        raise WorkspaceError(where, f"{NOT_OURS} (it holds other tables); nothing was changed")
    rows = conn.execute(_text(f"SELECT application_id, schema_version FROM {MARKER_TABLE}")).all()
    if len(rows) != 1 or rows[0][0] != eng.APPLICATION_ID or not isinstance(rows[0][1], int):
        raise WorkspaceError(where, f"{NOT_OURS} (its {MARKER_TABLE} table says otherwise)")
    version = rows[0][1]
    if version < min(EXPECTED_SERVER):
        # server workspaces begin at the first version listed; an older number is no workspace's
        raise WorkspaceError(where, f"{NOT_OURS} (its {MARKER_TABLE} table says otherwise)")
    if version > eng.SCHEMA_VERSION:
        raise NewerWorkspace(
            where,
            f"the workspace was written by a newer version of Lifecycle Studio (schema {version}; "
            f"this version knows up to {eng.SCHEMA_VERSION}); update the app to open it",
        )
    return version


def schema_snapshot(conn: "Connection") -> tuple[tuple[str, ...], ...]:
    """Everything in the ``public`` schema that could change what the app's statements do:
    relations (tables, views, indexes, sequences), columns with types and nullability,
    constraints, triggers and rules, from the system catalogs; sorted."""
    found: set[tuple[str, ...]] = set()
    for name, kind in conn.execute(_text(
            "SELECT relname, relkind FROM pg_catalog.pg_class "
            "WHERE relnamespace = 'public'::regnamespace")):
        found.add(("relation", name, kind))
    for table, column, type_, not_null in conn.execute(_text(
            "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull "
            "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'f', 'p') "
            "AND a.attnum > 0 AND NOT a.attisdropped")):
        found.add(("column", table, column, type_, "not null" if not_null else "null"))
    # names and kinds, not pg_get_constraintdef's text, which may be worded differently by
    # another PostgreSQL version for the same constraint
    for table, name, kind in conn.execute(_text(
            "SELECT c.relname, k.conname, k.contype FROM pg_catalog.pg_constraint k "
            "JOIN pg_catalog.pg_class c ON c.oid = k.conrelid "
            "WHERE c.relnamespace = 'public'::regnamespace")):
        found.add(("constraint", table, name, kind))
    for table, name in conn.execute(_text(
            "SELECT c.relname, t.tgname FROM pg_catalog.pg_trigger t "
            "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal")):
        found.add(("trigger", table, name))
    for table, name in conn.execute(_text(
            "SELECT tablename, rulename FROM pg_catalog.pg_rules WHERE schemaname = 'public'")):
        found.add(("rule", table, name))
    for table, name in conn.execute(_text(
            "SELECT tablename, policyname FROM pg_catalog.pg_policies WHERE schemaname = 'public'")):
        found.add(("policy", table, name))
    found |= _code_in_schema(conn)
    return tuple(sorted(found))


# Code a database's owner could plant to run as whoever opens the workspace (the
# CVE-2018-1058 pattern): an operator or function in ``public`` matching the app's statements
# more exactly than pg_catalog's (``=`` on two varchars), a type, or a default, check or index
# expression calling a function or operator outside pg_catalog, and a table of another schema
# inheriting a workspace table (its rows would be read as the workspace's). A workspace has none,
# and no row security either.
_CODE_QUERIES = (
    ("function", "SELECT proname, '' FROM pg_catalog.pg_proc "
                 "WHERE pronamespace = 'public'::regnamespace"),
    ("operator", "SELECT oprname, '' FROM pg_catalog.pg_operator "
                 "WHERE oprnamespace = 'public'::regnamespace"),
    # not the tables' own row types, nor array types (their element is listed itself)
    ("type", "SELECT typname, '' FROM pg_catalog.pg_type "
             "WHERE typnamespace = 'public'::regnamespace AND typrelid = 0 AND typcategory <> 'A'"),
    # row security hides rows from the app (an edge would name a stage it cannot see)
    ("row security on", "SELECT relname, '' FROM pg_catalog.pg_class "
                        "WHERE relnamespace = 'public'::regnamespace "
                        "AND (relrowsecurity OR relforcerowsecurity)"),
    ("inheriting table", "SELECT p.relname, c.relname FROM pg_catalog.pg_inherits i "
                         "JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
                         "JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid "
                         "WHERE p.relnamespace = 'public'::regnamespace"),
    ("expression calling", """
        WITH uses AS (
            SELECT d.classid, d.objid, d.refclassid, d.refobjid FROM pg_catalog.pg_depend d
            WHERE (d.refclassid = 'pg_catalog.pg_proc'::regclass AND d.refobjid IN (
                       SELECT oid FROM pg_catalog.pg_proc
                       WHERE pronamespace <> 'pg_catalog'::regnamespace))
               OR (d.refclassid = 'pg_catalog.pg_operator'::regclass AND d.refobjid IN (
                       SELECT oid FROM pg_catalog.pg_operator
                       WHERE oprnamespace <> 'pg_catalog'::regnamespace)))
        SELECT c.relname, pg_catalog.pg_describe_object(u.refclassid, u.refobjid, 0) FROM uses u
        JOIN pg_catalog.pg_attrdef a ON u.classid = 'pg_catalog.pg_attrdef'::regclass AND a.oid = u.objid
        JOIN pg_catalog.pg_class c ON c.oid = a.adrelid AND c.relnamespace = 'public'::regnamespace
        UNION
        SELECT c.relname, pg_catalog.pg_describe_object(u.refclassid, u.refobjid, 0) FROM uses u
        JOIN pg_catalog.pg_constraint k ON u.classid = 'pg_catalog.pg_constraint'::regclass AND k.oid = u.objid
        JOIN pg_catalog.pg_class c ON c.oid = k.conrelid AND c.relnamespace = 'public'::regnamespace
        UNION
        SELECT c.relname, pg_catalog.pg_describe_object(u.refclassid, u.refobjid, 0) FROM uses u
        JOIN pg_catalog.pg_class c ON u.classid = 'pg_catalog.pg_class'::regclass AND c.oid = u.objid
             AND c.relnamespace = 'public'::regnamespace"""),
)


def _code_in_schema(conn: "Connection") -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for kind, sql in _CODE_QUERIES:
        for name, detail in conn.execute(_text(sql)):
            found.add((kind, name, detail) if detail else (kind, name))
    return found


def _shown(entry: tuple[str, ...]) -> str:
    kind, *rest = entry
    text = " ".join(repr(part) if i < 2 else part for i, part in enumerate(rest))
    text = f"{kind} {text}"
    return text if len(text) <= 80 else text[:79] + "\u2026"


def schema_problems(conn: "Connection", version: int) -> list[str]:
    expected = EXPECTED_SERVER.get(version)
    if expected is None:
        return [f"schema version {version} is unknown"]
    found = set(schema_snapshot(conn))
    wanted = set(expected)
    # the biggest difference first: a whole table or view before its columns and constraints
    order = {kind: i for i, kind in enumerate(("relation", "column", "constraint", "trigger", "rule", "policy"))}
    def ordered(entries: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
        return sorted(entries, key=lambda e: (order.get(e[0], len(order)), e))

    problems = [f"unexpected {_shown(e)}" for e in ordered(found - wanted)]
    problems += [f"{_shown(e)} is missing" for e in ordered(wanted - found)]
    return problems


def check_schema(where: str, conn: "Connection", version: int) -> None:
    """Refuse a database whose tables, columns, types, constraints, triggers or rules are not
    exactly those of its schema version, and an Alembic revision that does not match it."""
    problems = schema_problems(conn, version)
    if problems:
        more = f" and {len(problems) - 1} more difference(s)" if len(problems) > 1 else ""
        raise WorkspaceError(
            where,
            f"the workspace's tables were changed outside Lifecycle Studio ({problems[0]}{more}); "
            "it was not opened and nothing was changed. Ask the database's owner to undo the "
            "change, or copy the workspace into a new database",
        )
    revisions = [r[0] for r in conn.execute(_text("SELECT version_num FROM alembic_version"))]
    if revisions != [eng.REVISIONS[version - 1]]:
        shown = one_line(repr(revisions[:2]), 42)
        raise WorkspaceError(
            where, f"the workspace's schema revision {shown} does not match its schema version "
            f"{version}; it was not opened")


def reference_problem(where: str, conn: "Connection") -> WorkspaceError | None:
    """The first reference from one lifecycle into another (a stage's owner, an edge's ends, an
    item's phase...): foreign keys hold that the row exists, not that it is in the same lifecycle."""
    from .cells import SAME_LIFECYCLE, bad_cell

    for table, column, parent in SAME_LIFECYCLE:
        row = conn.execute(_text(
            f"SELECT c.pk, c.{column} FROM {table} c JOIN {parent} p ON p.pk = c.{column} "
            "WHERE p.lifecycle_pk <> c.lifecycle_pk LIMIT 1")).first()
        if row is not None:
            return bad_cell(where, table, row[0], column,
                            f"refers to {parent} row {row[1]}, which belongs to another lifecycle")
    return None


ROLE_READS_ONLY = "your database role may only read this workspace (read only); nothing was changed"
SERVER_READS_ONLY = ("the server accepts only reading on this connection (a standby server, or "
                     "default_transaction_read_only for this role) (read only); nothing was changed")


def read_only_reason(conn: "Connection") -> str | None:
    """Why this connection may not change the workspace, or None when it may: a role without the
    privileges, or a server or role that makes every transaction read-only."""
    privileged = conn.execute(_text(
        "SELECT has_table_privilege(current_user, 'stages', 'UPDATE') "
        "AND has_table_privilege(current_user, 'lifecycles', 'UPDATE') "
        "AND has_table_privilege(current_user, 'activity', 'INSERT')")).scalar_one()
    if not privileged:
        return ROLE_READS_ONLY
    if conn.execute(_text("SELECT current_setting('transaction_read_only')")).scalar_one() == "on":
        return SERVER_READS_ONLY
    return None


def create_schema(where: str, conn: "Connection") -> None:
    """Make the empty database a workspace, in the transaction open on ``conn``: the marker, then
    the same migrations a file gets, then the check a later open makes."""
    encoding = conn.execute(_text("SHOW server_encoding")).scalar_one()
    if encoding.upper() not in ("UTF8", "UTF-8"):
        raise WorkspaceError(
            where, f"the database stores text as {encoding}, which cannot hold every name; "
            "create it with UTF8 (createdb -E UTF8 -T template0 ...)")
    count = _table_count(conn)
    if count:
        raise WorkspaceError(
            where, f"the database is not empty (it holds {count} table(s) or view(s)); a new "
            "workspace needs an empty database: create one with createdb")
    planted = sorted(_code_in_schema(conn))
    if planted:
        # a function or operator already in public would bind to the migrations' statements
        # and constraints (an "=" on varchars did): not an empty database either
        more = f" and {len(planted) - 1} more" if len(planted) > 1 else ""
        raise WorkspaceError(
            where, f"the database is not empty (it holds {_shown(planted[0])}{more}); a new "
            "workspace needs an empty database: create one with createdb")
    conn.execute(_text(
        f"CREATE TABLE {MARKER_TABLE} (application_id INTEGER NOT NULL, schema_version INTEGER NOT NULL)"))
    conn.execute(_text(f"INSERT INTO {MARKER_TABLE} VALUES ({eng.APPLICATION_ID}, 0)"))
    eng.run_migrations(conn)
    check_schema(where, conn, eng.SCHEMA_VERSION)


def upgrade(where: str, conn: "Connection") -> None:
    """Bring an older server workspace up to this version, in one transaction (PostgreSQL's DDL
    is transactional: a failed or unsound upgrade leaves the database as it was). The marker
    table is locked first, so two apps opening it at once do not both upgrade it."""
    try:
        with conn.begin():
            conn.execute(_text(f"LOCK TABLE {MARKER_TABLE} IN ACCESS EXCLUSIVE MODE"))
            version = read_marker(where, conn)  # another app may have upgraded it meanwhile
            if version < eng.SCHEMA_VERSION:
                check_schema(where, conn, version)
                eng.run_migrations(conn)
            check_schema(where, conn, eng.SCHEMA_VERSION)
    except WorkspaceError as exc:
        raise WorkspaceError(
            where, f"the workspace could not be upgraded to this version ({exc.reason}); it is unchanged"
        ) from None
    except Exception as exc:
        if is_driver_error(exc):
            reason = server_error(where, exc, writing=True).reason
            raise WorkspaceError(
                where, f"the workspace could not be upgraded to this version ({reason}); it is unchanged"
            ) from None
        raise


def inspect(where: str, conn: "Connection", *, for_reading: bool) -> tuple[bool, str | None]:
    """Every check of an existing server workspace before it is used; upgrades an older one when
    this role may. Returns whether to open it read only, and why (for the refusal of an edit)."""
    with conn.begin():
        version = read_marker(where, conn)
        # the schema first: the privilege check below names tables a pretender may lack (a
        # marker table alone read "the server reported an error (relation "stages" does not exist)")
        try:
            check_schema(where, conn, version)
        except WorkspaceError as exc:
            if version == eng.SCHEMA_VERSION:
                raise
            raise WorkspaceError(
                where, f"the workspace could not be upgraded to this version ({exc.reason}); "
                "it is unchanged") from None
        cannot_write = read_only_reason(conn)
        if version == eng.SCHEMA_VERSION:
            problem = reference_problem(where, conn)
            if problem is not None:
                raise problem
    if version < eng.SCHEMA_VERSION:
        if for_reading or cannot_write:
            raise WorkspaceError(
                where, f"the workspace is of an older version (schema {version}) and must be upgraded "
                "before this version of the app can read it; open it once with a role that may "
                "change it")
        upgrade(where, conn)
        with conn.begin():
            problem = reference_problem(where, conn)
            if problem is not None:
                raise problem
    if cannot_write:
        return True, cannot_write
    if for_reading:
        return True, "the workspace was opened for reading only; nothing was changed"
    return False, None

