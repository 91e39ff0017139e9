"""Cut, copy, paste and duplicate of stages with the edges between them (Ctrl+X/C/V/D).

The clipboard carries a FORMAT.md document (the selected stages, the edges whose both ends
are selected, the owners they name) under our own MIME type, and the stage names as plain text
for a chat or a note. A paste reads the document back through the same validation as a file,
so text from anywhere (another window, another workspace, a .lifecycle.json opened in an editor)
is either a valid lifecycle fragment or nothing. A paste is one undo step: one command that adds
the missing owners and then the stages with their edges, through the store's operations.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QPointF, QStringListModel, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop_app.model.document import Edge, Lifecycle, Owner, Stage
from desktop_app.ui.commands import StoreCommand
from desktop_app.ui.placement import free_id, free_name
from desktop_app.ui.selection import on_selection_changed, selected_stages
from desktop_app.ui.wording import plural, stages_text

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

STAGES_MIME = "application/x-lcstudio-stages+json"
PASTE_STEP = 40.0          # two grid steps: a paste lands beside what it copies, still on the grid


# ---- the fragment: what goes on the clipboard ------------------------------------------------

def fragment(doc: Lifecycle, stage_ids) -> Lifecycle:
    """The selected stages of ``doc`` (in the document's order), the edges whose two ends are
    among them and the owners they name, as a lifecycle document of their own."""
    chosen = set(stage_ids)
    stages = [copy.copy(s) for s in doc.stages if s.id in chosen]
    edges = [copy.copy(e) for e in doc.edges if e.source in chosen and e.target in chosen]
    named = {s.owner for s in stages if s.owner}
    owners = [copy.copy(o) for o in doc.owners if o.id in named]
    return Lifecycle(name=doc.name, paradigm=doc.paradigm, owners=owners, stages=stages, edges=edges)


def new_mime_data() -> QMimeData:
    """An empty QMimeData made by Qt itself. One made in Python (``QMimeData()``) is a PySide
    subclass whose destructor calls into Python; the clipboard keeps what it is given until
    the process ends, and deleting it after Python has shut down crashed the process at exit
    (PySide 6.11, offscreen platform). An item model's mimeData() is a plain QMimeData."""
    model = QStringListModel([""])
    mime = model.mimeData([model.index(0, 0)])
    for fmt in mime.formats():
        mime.removeFormat(fmt)
    return mime


def mime_data(part: Lifecycle) -> QMimeData:
    from desktop_app.interchange import dumps_document

    mime = new_mime_data()
    mime.setData(STAGES_MIME, dumps_document(part).encode("utf-8"))
    # the names for a chat or a note, one per line (a name's own line breaks become spaces)
    mime.setText("\n".join(" ".join(s.name.split()) for s in part.stages))
    return mime


def read_fragment(mime: QMimeData | None) -> tuple[Lifecycle | None, str]:
    """The lifecycle fragment on the clipboard (ours, or plain text that is a lifecycle
    document), or None and why there is nothing to paste."""
    nothing = "the clipboard holds no stages"
    if mime is None:
        return None, nothing
    if mime.hasFormat(STAGES_MIME):
        text = bytes(mime.data(STAGES_MIME)).decode("utf-8", errors="replace")
    elif mime.hasText() and mime.text().lstrip().startswith("{"):
        text = mime.text()
    else:
        return None, nothing
    from desktop_app.interchange import DocumentError, loads_document

    try:
        part = loads_document(text)
    except DocumentError as exc:
        first = exc.problems[0] if exc.problems else str(exc)
        return None, f"the clipboard's text is not a lifecycle document ({first[:200]})"
    return (part, "") if part.stages else (None, nothing)


# ---- placing a fragment in a lifecycle -------------------------------------------------------

def placed(part: Lifecycle, doc: Lifecycle, at: QPointF | None = None
           ) -> tuple[list[Stage], list[Edge], list[Owner]]:
    """The stages, edges and new owners that pasting ``part`` into ``doc`` adds.

    Stages get ids and names no stage of ``doc`` has; edges get fresh ids from the store.
    Owners are matched by id and name, then by name; an owner ``doc`` lacks is added.
    Without ``at``, the fragment lands one step right and down of where it was copied from,
    and further on while that spot is taken (a second paste beside the first); with ``at`` its
    top-left stage corner goes there."""
    by_id = {o.id: o for o in doc.owners}
    by_name = {o.name.casefold(): o.id for o in doc.owners}
    owner_map: dict[str, str] = {}
    new_owners: list[Owner] = []
    taken_owner_ids = set(by_id)
    for o in part.owners:
        if o.id in by_id and by_id[o.id].name == o.name:
            owner_map[o.id] = o.id
        elif o.name.casefold() in by_name:
            owner_map[o.id] = by_name[o.name.casefold()]
        else:
            oid = free_id(o.id, taken_owner_ids)
            taken_owner_ids.add(oid)
            new_owners.append(Owner(id=oid, name=o.name, kind=o.kind))
            owner_map[o.id] = oid

    left = min(s.x for s in part.stages)
    top = min(s.y for s in part.stages)
    if at is not None:
        dx, dy = at.x() - left, at.y() - top
    else:
        spots = {(round(s.x), round(s.y)) for s in doc.stages}
        k = 1
        while any((round(s.x + k * PASTE_STEP), round(s.y + k * PASTE_STEP)) in spots for s in part.stages):
            k += 1
        dx = dy = k * PASTE_STEP

    ids = {s.id for s in doc.stages}
    names = {s.name.strip().casefold() for s in doc.stages}
    new_id: dict[str, str] = {}
    stages: list[Stage] = []
    for s in part.stages:
        sid = free_id(s.id, ids)
        name = free_name(s.name, names)
        ids.add(sid)
        names.add(name.strip().casefold())
        new_id[s.id] = sid
        stages.append(Stage(id=sid, name=name, kind=s.kind, owner=owner_map.get(s.owner) if s.owner else None,
                            automation=s.automation, criteria=s.criteria, notes=s.notes,
                            x=s.x + dx, y=s.y + dy))
    edge_ids = _free_edge_ids(doc, sum(1 for e in part.edges if e.source in new_id and e.target in new_id))
    edges = [Edge(id=next(edge_ids), source=new_id[e.source], target=new_id[e.target], kind=e.kind,
                  trigger=e.trigger, latency_days=e.latency_days, label=e.label)
             for e in part.edges if e.source in new_id and e.target in new_id]
    return stages, edges, new_owners


def _free_edge_ids(doc: Lifecycle, count: int):
    """``count`` edge ids of the store's form (eN, the lowest free N first), found in one pass:
    left to the store, each edge of a paste looked through all the others (quadratic)."""
    taken = {e.id for e in doc.edges}
    n = 0
    for _ in range(count):
        n += 1
        while f"e{n}" in taken:
            n += 1
        yield f"e{n}"


class PasteCommand(StoreCommand):
    """Add the owners a fragment needs, then its stages with their edges: one undo step."""

    def __init__(self, editor, lifecycle_id: int, stages: list[Stage], edges: list[Edge],
                 owners: list[Owner], text: str) -> None:
        super().__init__(editor, lifecycle_id, text)
        self.stages = [copy.copy(s) for s in stages]
        self.edges = [copy.copy(e) for e in edges]
        self.owners = [copy.copy(o) for o in owners]

    def _redo(self):
        changes = [self.ws.add_owner(self.lifecycle_id, o) for o in self.owners]
        try:
            ch = self.ws.add_stages(self.lifecycle_id, self.stages, self.edges)
        except Exception:
            for o in reversed(self.owners[:len(changes)]):   # all or nothing, like one write
                self.ws.delete_owner(self.lifecycle_id, o.id)
            raise
        # the ids the store gave the edges, kept so a redo after an undo gives the same ones
        self.edges = [e for e in ch.edges.values() if e is not None] or self.edges
        return changes + [ch]

    def _undo(self):
        changes = [self.ws.delete_stages(self.lifecycle_id, [s.id for s in self.stages])]
        return changes + [self.ws.delete_owner(self.lifecycle_id, o.id) for o in reversed(self.owners)]


# ---- the actions -----------------------------------------------------------------------------

class ClipboardActions(QObject):
    """Edit ▸ Cut, Copy, Paste, Duplicate for the canvas of the current tab."""

    def __init__(self, window: MainWindow, menu) -> None:
        super().__init__(window)
        self.window = window
        std = QKeySequence.StandardKey
        self.act_cut = window._action(menu, "Cu&t", self.cut, std.Cut, "Remove the selected stages and keep them to paste")
        self.act_copy = window._action(menu, "&Copy", self.copy, std.Copy,
                                       "Copy the selected stages and the edges between them")
        self.act_paste = window._action(menu, "&Paste", lambda: self.paste(), std.Paste,
                                        "Add the copied stages to this lifecycle, beside where they were")
        self.act_duplicate = window._action(menu, "Dupl&icate", self.duplicate, "Ctrl+D",
                                            "Copy and paste the selected stages in one go")
        on_selection_changed(window, self.update_enabled)
        QApplication.clipboard().dataChanged.connect(self.update_enabled)

    @Slot()
    def update_enabled(self) -> None:
        scene = self.window.current_scene()
        has_stages = scene is not None and bool(scene.selected_stage_ids())
        for act in (self.act_cut, self.act_copy, self.act_duplicate):
            act.setEnabled(has_stages)
        self.act_paste.setEnabled(scene is not None and self.can_paste())

    def can_paste(self) -> bool:
        mime = QApplication.clipboard().mimeData()
        return mime is not None and (mime.hasFormat(STAGES_MIME) or (mime.hasText() and mime.text().lstrip().startswith("{")))

    def _selected_fragment(self) -> Lifecycle | None:
        stages = selected_stages(self.window)
        return fragment(self.window.current_doc(), [s.id for s in stages]) if stages else None

    def copy(self) -> bool:
        part = self._selected_fragment()
        if part is None:
            return False
        QApplication.clipboard().setMimeData(mime_data(part))
        self.window.statusBar().showMessage(f"Copied {plural(len(part.stages), 'stage')}", 4000)
        return True

    def cut(self) -> bool:
        part = self._selected_fragment()
        if part is None:
            return False
        QApplication.clipboard().setMimeData(mime_data(part))
        lid = self.window.current_lifecycle_id()
        what = stages_text([s.name for s in part.stages])
        from desktop_app.ui.commands import DeleteCommand

        return self.window.push(DeleteCommand(self.window, lid, [s.id for s in part.stages], [], f"Cut {what}"))

    def paste(self, at: QPointF | None = None) -> list[str]:
        """Paste what the clipboard holds; returns the new stages' ids (selected on the canvas)."""
        part, why = read_fragment(QApplication.clipboard().mimeData())
        if part is None:
            self.window.statusBar().showMessage(f"Nothing to paste: {why}", 6000)
            return []
        return self._add(part, "Paste", at)

    def duplicate(self) -> list[str]:
        """Copy and paste in one step, leaving the clipboard as it was (as draw.io does)."""
        part = self._selected_fragment()
        if part is None:
            return []
        return self._add(part, "Duplicate", None)

    def _add(self, part: Lifecycle, verb: str, at: QPointF | None) -> list[str]:
        window = self.window
        lid, doc = window.current_lifecycle_id(), window.current_doc()
        if doc is None:
            return []
        stages, edges, owners = placed(part, doc, at)
        what = stages_text([s.name for s in part.stages])   # as copied: "Duplicate “Release”"
        command = PasteCommand(window, lid, stages, edges, owners, f"{verb} {what}")
        if not window.push(command):
            return []
        ids = [s.id for s in stages]
        window.current_scene().select_ids(ids, [e.id for e in command.edges])
        return ids


def install(window: MainWindow, menu) -> ClipboardActions:
    """Add the clipboard's actions to ``menu`` (the Edit menu) and to the window."""
    return ClipboardActions(window, menu)
