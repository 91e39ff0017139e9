"""Others' edits in the open window (issue 13, "Live"): a lifecycle that another session changed
is read again and the difference from what the window shows is applied as one Change, through
the same ``MainWindow.broadcast`` path the window's own edits take. The canvas, findings,
phases and retrospective follow it as they follow an undo command; the selection stays (an item
still there keeps its selection), and the undo stack is not touched: undo covers one's own edits.

The notices come from ``store.live.ChangeListener`` on a thread of its own; here they are
carried to the UI thread by a queued signal and applied after a short pause, so a burst of
commits (a multi-step paste) is read once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit

from desktop_app.model.document import Lifecycle, Owner
from desktop_app.model.text import one_line, quoted
from desktop_app.store import Change, OperationError, WorkspaceError

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

# a burst of notices (another window's multi-step paste, a restore) is read once
COALESCE_MS = 50
# while a mouse button is down (a drag, a connection being drawn) the canvas is left alone,
# and while a name or text is being typed in and not committed yet (showing the others' edit
# would put the stored text back over it), for at most MAX_DEFER_MS
RETRY_MS = 150
MAX_DEFER_MS = 20_000
# a read of the others' edits that failed (a dropped connection) is tried again, this often
READ_RETRIES = 5
READ_RETRY_MS = 1000
# a bigger lifecycle on a server is read on a worker thread, through a connection of its own
# (reading 5,000 stages takes a quarter of a second, which the window would stall for at
# every commit of a colleague); a smaller one is read at once
READ_IN_BACKGROUND_ABOVE = 400
REMOTE = "remote"   # Change.operation of what another session did


def difference(lifecycle_id: int, shown: Lifecycle, current: Lifecycle, summary: str) -> Change:
    """The Change that turns the lifecycle as shown into the lifecycle as stored now: every
    stage, edge, owner and item added (its new state), changed (its new state) or removed
    (None), the phases whose plan or items changed, and ``header`` when the name, paradigm,
    description, rule settings or suppressions changed. Empty when nothing differs."""
    change = Change(REMOTE, summary, lifecycle_id)
    for attr in ("stages", "edges", "owners"):
        before = {x.id: x for x in getattr(shown, attr)}
        after = {x.id: x for x in getattr(current, attr)}
        touched = getattr(change, attr)
        for key, value in after.items():
            if before.get(key) != value:
                touched[key] = value
        for key in before.keys() - after.keys():
            touched[key] = None
    items_before = {i.id: i for i in shown.items()}
    items_after = {i.id: i for i in current.items()}
    for key, value in items_after.items():
        if items_before.get(key) != value:
            change.items[key] = value
    for key in items_before.keys() - items_after.keys():
        change.items[key] = None
    phases_before = {p.number: p for p in shown.phases}
    for p in current.phases:
        if phases_before.get(p.number) != p:
            change.phases.add(p.number)
    change.phases |= phases_before.keys() - {p.number for p in current.phases}
    change.header = (
        (shown.name, shown.paradigm, shown.description, shown.rules, shown.suppressions)
        != (current.name, current.paradigm, current.description, current.rules, current.suppressions)
    )
    # the Lifecycles list shows the name and counts
    change.lifecycles = (shown.name != current.name or len(shown.stages) != len(current.stages)
                         or len(shown.edges) != len(current.edges))
    return change


def shown_document(window: MainWindow, lifecycle_id: int) -> Lifecycle | None:
    """The lifecycle as the window shows it: stages, edges and owner names as drawn on the
    canvas, the rest (phases, items, settings) from the window's copy. The copy alone will not
    do: it is read again after some of one's own edits (a phase, an item, the header) and may
    then hold another's edit the canvas has not drawn yet."""
    doc = window.docs.get(lifecycle_id)
    view = window.views.get(lifecycle_id)
    if doc is None or view is None:
        return doc
    scene = view.lifecycle_scene()
    drawn = scene.owner_names
    owners = [o if drawn.get(o.id) == o.name else replace(o, name=drawn[o.id]) for o in doc.owners if o.id in drawn]
    known = {o.id for o in owners}
    owners += [Owner(id=oid, name=name) for oid, name in drawn.items() if oid not in known]
    return replace(doc, stages=[item.stage for item in scene.stages.values()],
                   edges=[item.edge for item in scene.edges.values()], owners=owners)


def is_empty(change: Change) -> bool:
    return not (change.stages or change.edges or change.owners or change.items or change.phases
                or change.header or change.lifecycles)


def said_by(author: str | None, summary: str) -> str:
    """"alice moved “Monitoring”" from the activity log's author and summary ("Moved …"). Both
    come from the workspace (untrusted: any client may have written the log), so each is made
    one line and cut to a length a status line can show."""
    summary = one_line(summary, 300)
    author = one_line(author, 60) if author else ""
    if not author:
        return summary
    if summary[:1].isupper() and not summary[1:2].isupper():
        summary = summary[0].lower() + summary[1:]
    return f"{author} {summary}"


class _Reader:
    """The workspace opened a second time, for reading, used by one worker job at a time."""

    def __init__(self, location, password: str | None) -> None:
        self.location, self.password = location, password
        self.ws = None

    def close(self) -> None:
        ws, self.ws = self.ws, None
        if ws is not None:
            ws.close()


class _Read(QRunnable):
    """Read one lifecycle on a worker thread (the window's own connection stays the UI's)."""

    def __init__(self, reader: _Reader, lifecycle_id: int, done) -> None:
        super().__init__()
        self.reader, self.lifecycle_id, self.done = reader, lifecycle_id, done

    def run(self) -> None:
        from desktop_app.store import Workspace

        reader, lid = self.reader, self.lifecycle_id
        try:
            if reader.ws is None:
                reader.ws = Workspace.open_for_reading(reader.location, password=reader.password)
            try:
                doc = reader.ws.load(lid, seen=True)   # its revision: what the window marks seen
            except OperationError:
                if any(info.id == lid for info in reader.ws.lifecycles()):
                    raise
                doc = None   # deleted
            revision = reader.ws.seen_revision(lid) if doc is not None else -1
            self.done.emit(lid, doc, -1 if revision is None else revision, "")
        except WorkspaceError as exc:
            reader.close()   # opened again by the next read
            self.done.emit(lid, None, -1, exc.reason or "refused")
        except Exception as exc:   # noqa: BLE001 - said in the window, never lost in a thread
            reader.close()
            self.done.emit(lid, None, -1, f"{type(exc).__name__}: {exc}")


class _Notices(QObject):
    # lifecycle id (-1: reload everything), revision (-1: unknown), session id
    arrived = Signal(int, int, str)
    # listening?, why not
    state = Signal(bool, str)
    # lifecycle id, the document read (None: deleted), its revision, why it failed ("" if not)
    read = Signal(int, object, int, str)


class LiveUpdates(QObject):
    """Keeps one window in step with the other sessions on its workspace."""

    applied = Signal(int)   # a lifecycle id whose newer state the window now shows

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending: set[int | None] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._apply_pending)
        self._deferred = QElapsedTimer()   # since when the user's drag or typing holds them back
        self._failures = 0   # reads of the others' edits failed in a row
        self._notices = _Notices(self)
        # queued: the listener calls from its own thread; the window is touched only here
        self._notices.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._notices.state.connect(self._state, Qt.ConnectionType.QueuedConnection)
        self._notices.read.connect(self._read_done, Qt.ConnectionType.QueuedConnection)
        # reads of big lifecycles: one worker, one at a time, on the reader's own connection
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._reader: _Reader | None = None
        self._reading: int | None = None   # the lifecycle being read in the background
        self._read_at_once: set[int] = set()   # whose background read failed: read here next
        # said while the others' edits cannot be heard of (the connection is down)
        self.offline = QLabel("Offline: reconnecting…", window.statusBar())
        self.offline.setObjectName("liveOfflineLabel")
        self.offline.setContentsMargins(8, 0, 8, 0)
        window.statusBar().addPermanentWidget(self.offline)
        self.offline.hide()
        self.listener = None
        # per lifecycle: the revision the window showed after its last apply, and the
        # revisions its own edits produced, so the status line tells only the others' edits
        self._shown: dict[int, int] = {}
        self._own: dict[int, set[int]] = {}
        window.change_applied.connect(self._note_own)

    def _note_own(self, change: Change) -> None:
        revision = getattr(change, "revision", None)
        if change.operation != REMOTE and change.lifecycle_id is not None and revision is not None:
            self._own.setdefault(change.lifecycle_id, set()).add(revision)
            if self.listener is not None and (change.header or change.phases or change.items):
                # the window read its copy again after this edit (MainWindow._patched), with
                # whatever others committed before it: draw that now, not at their notice
                self._pending.add(change.lifecycle_id)
                self._timer.start()

    # ---- the listener ----------------------------------------------------------------------------

    def follow(self, workspace) -> None:
        """Listen for the other sessions' commits on ``workspace`` (a server workspace; a file
        has one writer, this window, and nothing to listen to)."""
        self.stop()
        if not getattr(workspace, "is_server", False):
            return
        from desktop_app.store.live import ChangeListener

        self._reader = _Reader(workspace.location, getattr(workspace, "password", None))
        self.listener = ChangeListener(workspace.location, getattr(workspace, "password", None),
                                       self.notify, own_session=workspace.session_id,
                                       on_state=lambda up, why: self._notices.state.emit(up, why or ""))
        self.listener.start()

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        self._pool.waitForDone(10_000)
        self._reading = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self._pending.clear()
        self._timer.stop()
        self.offline.hide()
        self._shown.clear()
        self._own.clear()

    def notify(self, lifecycle_id: int | None, revision: int | None, session_id: str) -> None:
        """The listener's callback, on its thread: hand the notice to the UI thread."""
        try:
            self._notices.arrived.emit(-1 if lifecycle_id is None else lifecycle_id,
                                       -1 if revision is None else revision, session_id or "")
        except RuntimeError:
            # the window was deleted without being closed: nobody to tell, stop listening
            listener = self.listener
            if listener is not None:
                listener.stop(wait=0)

    def _state(self, listening: bool, why: str) -> None:
        if self.listener is None:
            return   # stopped meanwhile (another workspace, the window closing)
        self.offline.setVisible(not listening)
        self.offline.setToolTip("" if listening else
                                "The connection to the server was lost: others' edits are not shown "
                                f"until it is back ({why}).")

    def _arrived(self, lifecycle_id: int, revision: int, _session: str) -> None:
        lid = None if lifecycle_id < 0 else lifecycle_id
        ws = self.window.workspace
        if ws is None or getattr(ws, "closed", False):
            return
        if lid is not None and revision >= 0 and revision <= self._shown.get(lifecycle_id, -1):
            # drawn already by an apply that read it (the window's own record of what it drew;
            # the workspace's seen revision also moves on with the window's own edits)
            return
        self._pending.add(lid)
        self._timer.start()

    # ---- applying -----------------------------------------------------------------------------------

    def _busy(self) -> bool:
        """The user is in the middle of something that showing the others' edits would spoil."""
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return True   # a drag, a rubber band, a connection being drawn
        focus = QApplication.focusWidget()
        if focus is None or not self.window.isAncestorOf(focus):
            return False
        if isinstance(focus, QLineEdit):
            return focus.isModified() and not focus.isReadOnly()   # typed, not committed
        if isinstance(focus, QPlainTextEdit) and self.window.inspector_dock.isAncestorOf(focus):
            return focus.document().isModified() and not focus.isReadOnly()
        return False

    def _apply_pending(self) -> None:
        if self._busy():
            if not self._deferred.isValid():
                self._deferred.start()
            if self._deferred.elapsed() < MAX_DEFER_MS:
                self._timer.start(RETRY_MS)   # after it
                return
        self._deferred.invalidate()
        pending, self._pending = self._pending, set()
        try:
            if None in pending:
                self.reload_everything()
                return
            for lid in sorted(pending):
                if self._in_background(lid) and lid not in self._read_at_once:
                    self._read_later(lid)
                else:
                    self._read_at_once.discard(lid)
                    self.apply_lifecycle(lid)
        except WorkspaceError as exc:
            # the connection went away between the notice and the read (the pool opens a new
            # one on the next read): said, and tried again a few times
            reason = exc.reason
            self.window.statusBar().showMessage(f"Others' edits could not be read: {reason}", 8000)
            self._failures += 1
            if self._failures <= READ_RETRIES:
                self._pending |= pending
                self._timer.start(READ_RETRY_MS)
            return
        self._failures = 0

    def _in_background(self, lifecycle_id: int) -> bool:
        doc = self.window.docs.get(lifecycle_id)
        return (self._reader is not None and doc is not None
                and len(doc.stages) > READ_IN_BACKGROUND_ABOVE)

    def _read_later(self, lifecycle_id: int) -> None:
        if self._reading is not None:
            self._pending.add(lifecycle_id)   # after the read under way
            return
        self._reading = lifecycle_id
        self._pool.start(_Read(self._reader, lifecycle_id, self._notices.read))

    def _read_done(self, lifecycle_id: int, doc, revision: int, problem: str) -> None:
        if self._reading != lifecycle_id:
            return   # stopped meanwhile (another workspace, the window closing)
        self._reading = None
        w = self.window
        if self._pending:
            self._timer.start()   # what came while it was read
        if lifecycle_id not in w.docs:
            return   # its tab was closed meanwhile
        if problem:
            # read at once instead: a refusal there is said and tried again (_apply_pending)
            self._pending.add(lifecycle_id)
            self._reader.close()
            self._read_at_once.add(lifecycle_id)
            self._timer.start(READ_RETRY_MS)
            return
        own = self._own.get(lifecycle_id, set())
        if self._busy() or (doc is not None and own and max(own) > revision):
            # the user's drag or typing, or an edit of their own after the read: read again
            self._pending.add(lifecycle_id)
            self._timer.start(RETRY_MS)
            return
        ws = w.workspace
        read_before = getattr(ws, "seen_revision", lambda _lid: None)(lifecycle_id)
        shown = shown_document(w, lifecycle_id)
        try:
            self._show_read(lifecycle_id, shown, doc, revision if doc is not None else None, read_before, None)
        except WorkspaceError as exc:
            reason = exc.reason
            w.statusBar().showMessage(f"Others' edits could not be read: {reason}", 8000)
            return
        if doc is not None and revision >= 0 and hasattr(ws, "mark_seen"):
            ws.mark_seen(lifecycle_id, revision)   # the window shows it now

    def after_refusal(self, command) -> None:
        """An edit refused because another's edit overtook it (ConflictError): the window
        shows the lifecycle as it is now, as the refusal says, without waiting for the notice."""
        from desktop_app.store import ConflictError

        lid = getattr(command, "lifecycle_id", None)
        if isinstance(getattr(command, "error", None), ConflictError) and lid is not None:
            self.apply_lifecycle(lid)

    def reload_everything(self) -> None:
        """After a lost connection: every open lifecycle and the Lifecycles list read again."""
        w = self.window
        w.lifecycles_dock.set_lifecycles(w.workspace.lifecycles(), w.current_lifecycle_id())
        for lid in list(w.docs):
            self.apply_lifecycle(lid, "The workspace was read again after the connection came back")

    def apply_lifecycle(self, lifecycle_id: int, summary: str | None = None) -> bool:
        """Show the lifecycle's state as stored now. Returns True when anything changed. A
        lifecycle that is not open only refreshes the Lifecycles list; one deleted by someone
        else has its tab closed. Reading it marks its revision seen (store/revisions.py): the
        user's next edit is checked against what the window now shows."""
        w = self.window
        ws = w.workspace
        shown = shown_document(w, lifecycle_id)
        if shown is None:
            w.lifecycles_dock.set_lifecycles(ws.lifecycles(), w.current_lifecycle_id())
            return False
        read_before = getattr(ws, "seen_revision", lambda _lid: None)(lifecycle_id)
        try:
            current = ws.load(lifecycle_id, seen=True)   # drawn below
        except OperationError:
            if any(info.id == lifecycle_id for info in ws.lifecycles()):
                raise
            current = None
        now = getattr(ws, "seen_revision", lambda _lid: None)(lifecycle_id)
        return self._show_read(lifecycle_id, shown, current, now, read_before, summary)

    def _show_read(self, lifecycle_id: int, shown: Lifecycle, current: Lifecycle | None, now: int | None,
                   read_before: int | None, summary: str | None) -> bool:
        """Apply ``current`` (the lifecycle read at revision ``now``; None: it was deleted) to
        the window showing ``shown``."""
        w = self.window
        ws = w.workspace
        seen = self._shown.get(lifecycle_id)
        if current is None:
            # deleted by someone else: the same path as one's own delete of it
            gone = Change(REMOTE, summary or self._summary(lifecycle_id, seen) or "The lifecycle was deleted",
                          lifecycle_id, lifecycles=True)
            w.broadcast(gone)
            return True
        change = difference(lifecycle_id, shown, current, "")
        if now is not None:
            self._shown[lifecycle_id] = now
        if is_empty(change):
            # not the plan but what goes with it (a snapshot, a retrospective's notes or action
            # items): the retrospective reads its snapshots again, the status line tells who
            told = summary or self._summary(lifecycle_id, seen if seen is not None else read_before)
            if not told:
                return False
            snapshots = ws.snapshots(lifecycle_id)
            beside = Change(REMOTE, told, lifecycle_id, snapshot_id=snapshots[-1].id if snapshots else None)
            w.statusBar().showMessage(told, 4000)
            w.change_applied.emit(beside)
            self.applied.emit(lifecycle_id)
            return True
        change.summary = (summary or self._summary(lifecycle_id, seen)
                          or f"{quoted(current.name)} was changed in another window")
        # the window's copy becomes the stored one; the Change then updates only what it names
        w.docs[lifecycle_id] = current
        w._positions.pop(lifecycle_id, None)
        w.broadcast(change)
        self.applied.emit(lifecycle_id)
        return True

    def _summary(self, lifecycle_id: int, seen: int | None) -> str | None:
        """Who changed what, from the activity log: "alice moved “Monitoring”", and how many
        more changes came with it since the window last showed the lifecycle (``seen``; None
        when not known: the latest change alone)."""
        own = self._own.get(lifecycle_id, set())
        # since the last apply; before the first one, since the window's own last edit
        since = seen if seen is not None else max(own, default=None)
        try:
            # only what came after (the log of a long-lived plan is long)
            entries = self.window.workspace.activity(lifecycle_id, since_revision=since)
        except WorkspaceError:
            return None
        entries = [e for e in entries if getattr(e, "revision", None) not in own]
        if since is None:
            entries = entries[-1:]
        if not entries:
            return None
        last = entries[-1]
        text = said_by(getattr(last, "author", None), last.summary)
        more = len(entries) - 1
        if more:
            authors = sorted({one_line(e.author, 60) for e in entries if getattr(e, "author", "")})
            by = f" by {', '.join(authors)}" if authors else ""
            text += f" (and {more} more change{'s' if more > 1 else ''}{by})"
        return text
