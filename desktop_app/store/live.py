"""Live updates on a server workspace (issue 13): every committed operation announces itself with
PostgreSQL's NOTIFY on channel ``lcstudio`` (``announce``, inside the operation's transaction, so
the notice goes out at commit and never for a rolled-back edit), and a window listens with a
``ChangeListener``: its own connection, ``LISTEN lcstudio``, a thread of its own delivering
``(lifecycle_id, revision, session_id)`` to a callback.

No Qt here: the UI wraps the callback in a queued signal (ui/live_updates.py). A lost connection
is opened again, with growing pauses; notices sent meanwhile are lost, so after reconnecting the
listener reports ``(None, None, "")``: "read everything again".
"""

from __future__ import annotations

import json
import threading
from typing import Callable

from sqlalchemy import Connection, text

CHANNEL = "lcstudio"
# how long the thread waits for a notice before it looks at its stop flag again: the longest a
# window's close waits for the thread
POLL_SECONDS = 0.25
# pauses between attempts to reconnect after the server went away (seconds)
RECONNECT_PAUSES = (0.2, 0.5, 1.0, 2.0, 5.0)
CONNECT_TIMEOUT = 5

Callback = Callable[[int | None, int | None, str], None]
# (listening?, why not, in a line)
StateCallback = Callable[[bool, str | None], None]


def announce(conn: Connection, lifecycle_id: int | None, revision: int | None, session_id: str) -> None:
    """Tell the listeners what this transaction changed; PostgreSQL delivers it at commit (and
    drops it on rollback). Called from the workspace's ``_announce`` on a server."""
    payload = json.dumps({"lifecycle": lifecycle_id, "revision": revision, "session": session_id})
    conn.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


def libpq_address(location) -> str:
    """The libpq connection URI of a server location (a ServerLocation or its URL): the
    SQLAlchemy dialect name taken out (``postgresql+psycopg://`` -> ``postgresql://``); query
    parameters such as ``sslmode`` go through as they are."""
    url = getattr(location, "url", None) or str(location)
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a server address: {url}")
    return "postgresql://" + rest


def parse_notice(payload: str) -> tuple[int | None, int | None, str] | None:
    """``(lifecycle_id, revision, session_id)`` from a notice's payload; None for a payload
    this app did not write (anyone with access may NOTIFY on the channel)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    lifecycle, revision, session = data.get("lifecycle"), data.get("revision"), data.get("session", "")
    if lifecycle is not None and (not isinstance(lifecycle, int) or isinstance(lifecycle, bool)):
        return None
    if revision is not None and (not isinstance(revision, int) or isinstance(revision, bool)):
        return None
    if not isinstance(session, str):
        return None
    return lifecycle, revision, session


class ChangeListener:
    """Listens for the other sessions' commits on one server workspace.

    ``callback(lifecycle_id, revision, session_id)`` is called on the listener's thread for every
    notice not sent by ``own_session``, and with ``(None, None, "")`` after a lost connection
    came back; ``on_state(listening, reason)`` when it starts or stops listening (a window says
    so: edits by others are not seen meanwhile). ``start`` opens the connection in the thread;
    ``stop`` ends it and waits for it.
    """

    def __init__(self, location, password: str | None, callback: Callback, *,
                 own_session: str | None = None, on_state: StateCallback | None = None) -> None:
        self.address = libpq_address(location)
        self._password = password
        self.callback = callback
        self.own_session = own_session
        self.on_state = on_state
        self._told: bool | None = None   # the state last told on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()   # set while LISTEN is in place
        self.last_error: str | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="lcstudio-listener", daemon=True)
        self._thread.start()

    def stop(self, wait: float = 5.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ---- the thread -------------------------------------------------------------------------------

    def _connect(self):
        import psycopg

        kwargs = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT,
                  "application_name": "Lifecycle Studio (listening)"}
        if self._password is not None:
            kwargs["password"] = self._password
        conn = psycopg.connect(self.address, **kwargs)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _run(self) -> None:
        import psycopg

        attempt = 0
        lost = False
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except psycopg.Error as exc:
                self.last_error = _one_line(exc)
                lost = True
                self._tell(False)
                self._stop.wait(RECONNECT_PAUSES[min(attempt, len(RECONNECT_PAUSES) - 1)])
                attempt += 1
                continue
            attempt = 0
            self.connected.set()
            self._tell(True)
            try:
                if lost:
                    # what was announced while the connection was down is gone: read it all again
                    self._deliver(None, None, "")
                    lost = False
                self._listen(conn)
            except psycopg.Error as exc:
                self.last_error = _one_line(exc)
                lost = True
                if not self._stop.is_set():
                    self._tell(False)
            finally:
                self.connected.clear()
                try:
                    conn.close()
                except psycopg.Error:
                    pass

    def _listen(self, conn) -> None:
        while not self._stop.is_set():
            # wakes at least every POLL_SECONDS to look at the stop flag
            for notice in conn.notifies(timeout=POLL_SECONDS):
                if notice.channel != CHANNEL:
                    continue
                parsed = parse_notice(notice.payload)
                if parsed is None:
                    continue
                lifecycle, revision, session = parsed
                if self.own_session is not None and session == self.own_session:
                    continue   # our own edit: the window has shown it already
                self._deliver(lifecycle, revision, session)
                if self._stop.is_set():
                    return

    def _tell(self, listening: bool) -> None:
        if self.on_state is None or self._told == listening:
            return
        self._told = listening
        try:
            self.on_state(listening, None if listening else self.last_error)
        except Exception:   # noqa: BLE001 - as in _deliver
            import traceback

            traceback.print_exc()

    def _deliver(self, lifecycle: int | None, revision: int | None, session: str) -> None:
        try:
            self.callback(lifecycle, revision, session)
        except Exception:   # noqa: BLE001 - a failing receiver must not end the listening
            import traceback

            traceback.print_exc()


def _one_line(exc: BaseException) -> str:
    """libpq's message, first line (it never holds the password)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
