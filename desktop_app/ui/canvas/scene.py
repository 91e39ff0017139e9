"""The scene of one lifecycle: built once from a document, then kept in step by Change notices.

The scene never writes: a drag, a new connection, a double-click on empty canvas each becomes
a request (a signal) that the window turns into an undo command; the store's answer (a Change)
comes back through ``apply_change``, which touches only the items the Change names.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene

from desktop_app.export import painter
from desktop_app.export.palette import Theme
from desktop_app.model.document import Edge, Lifecycle, Stage
from desktop_app.ui.canvas.items import EdgeItem, StageItem, snap
from desktop_app.ui.theme import current_theme


# Qt's BSP index files an item under every cell its bounds touch: a diagram whose edges run
# across it (long random edges, one big strongly connected component) puts thousands of edges
# in every cell, and building the tree took 17-21 s at 20,000 stages, while a lookup still had to
# test those edges. Past this many edges, and when an edge's bounds cover on average more than
# this share of the drawing, the scene goes without an index: a lookup tests every item in C++.
NO_INDEX_MIN_EDGES = 1000
NO_INDEX_MEAN_COVER = 0.01


def choose_index_method(edges) -> QGraphicsScene.ItemIndexMethod:
    """NoIndex where the BSP tree costs more than it saves (long edges in a big diagram),
    the BSP tree otherwise (short edges: cheap to file, fast lookups for hover and clicks)."""
    rects = [item.rect().getRect() for item in edges]   # (x, y, w, h): one call per edge
    if len(rects) < NO_INDEX_MIN_EDGES:
        return QGraphicsScene.ItemIndexMethod.BspTreeIndex
    x1 = min(r[0] for r in rects)
    y1 = min(r[1] for r in rects)
    x2 = max(r[0] + r[2] for r in rects)
    y2 = max(r[1] + r[3] for r in rects)
    area = max((x2 - x1) * (y2 - y1), 1.0)
    cover = sum(r[2] * r[3] for r in rects) / area / len(rects)
    if cover > NO_INDEX_MEAN_COVER:
        return QGraphicsScene.ItemIndexMethod.NoIndex
    return QGraphicsScene.ItemIndexMethod.BspTreeIndex


class FindingNotes:
    """stage id -> the lines its tooltip lists ("LC203 error: ..."), made for the stage asked
    about from the unsuppressed findings that name it, when its tooltip is shown."""

    def __init__(self, findings=()) -> None:
        self.findings = tuple(f for f in findings if not f.suppressed)

    def get(self, stage_id: str, default=None) -> list[str] | None:
        notes = [f"{f.rule} {f.severity}: {f.message}" for f in self.findings if stage_id in f.stages]
        return notes or default

    def __getitem__(self, stage_id: str) -> list[str]:
        notes = self.get(stage_id)
        if notes is None:
            raise KeyError(stage_id)
        return notes


class LifecycleScene(QGraphicsScene):
    # {stage id: (old x, old y)}, {stage id: (new x, new y)}
    stagesMoved = Signal(dict, dict)
    # source id, target id, feedback?
    connectRequested = Signal(str, str, bool)
    # kind (or "" for the palette's current kind), scene position
    addStageRequested = Signal(str, QPointF)
    renameRequested = Signal(str)
    # the stages or edges changed place, size or number (after a store change): what the
    # overview map follows, rather than every repaint (a hover, a selection)
    drawingChanged = Signal()

    def __init__(self, lifecycle_id: int, doc: Lifecycle, theme: Theme | None = None, parent=None) -> None:
        super().__init__(parent)
        self.lifecycle_id = lifecycle_id
        self.theme = theme or current_theme()
        self.stages: dict[str, StageItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self.owner_names: dict[str, str] = {}
        self._adjacent: dict[str, set[str]] = {}
        self._routes: dict[str, painter.Route] = {}
        self._index = painter.RectIndex()
        self._press_positions: dict[str, QPointF] = {}
        self._connect_from: StageItem | None = None
        self._connect_line: QGraphicsLineItem | None = None
        self._connect_travel = 0.0
        self.markers: dict[str, str] = {}
        self.finding_notes = FindingNotes()   # stage id -> its findings, for tooltips
        # the toolbar's connect mode: a drag from anywhere on a stage connects, not only from its dot
        self.connect_mode = False
        # a workspace open for reading only (ui/read_only.py): no drags, connections or new stages
        self.read_only = False
        # store moves not shown yet (follow_change): applied on the next turn of the event loop
        self._pending: list = []
        self.build(doc)

    # --- building ------------------------------------------------------------------------------

    def build(self, doc: Lifecycle) -> None:
        self.clear()
        self.stages.clear()
        self.edges.clear()
        self._adjacent.clear()
        self._index = painter.RectIndex()
        self.owner_names = {o.id: o.name for o in doc.owners}
        # items are routed before they enter the scene (so its index takes each one once, with
        # its final bounds), and edges enter first, so they stack under the stages without a
        # z value each
        boxes: dict[str, painter.Box] = {}
        for s in doc.stages:
            item = self._add_stage_item(s, add=False, indexed=False)
            box = item.box()
            boxes[s.id] = (float(s.x), float(s.y), box.width(), box.height())
        self._index = painter.RectIndex.of(boxes)
        for e in doc.edges:
            self._add_edge_item(e, below=False, add=False)
        edges = [it.edge for it in self.edges.values()]
        self._routes = painter.edge_routes(edges)
        for eid, geom in painter.route_edges(edges, boxes, self._routes, self._index).items():
            self.edges[eid].set_geometry(geom, repaint=False)
        self.setItemIndexMethod(choose_index_method(self.edges.values()))
        for item in self.edges.values():
            self.addItem(item)
        for item in self.stages.values():
            self.addItem(item)
        self._update_scene_rect()

    def _add_stage_item(self, s: Stage, add: bool = True, indexed: bool = True) -> StageItem:
        item = StageItem(s, self.owner_names.get(s.owner) if s.owner else None)
        item.look.marker = self.markers.get(s.id)
        self.stages[s.id] = item
        self._adjacent.setdefault(s.id, set())
        if indexed:   # (a build indexes every stage at once)
            self._index.set(s.id, item.scene_box())
        if add:
            self.addItem(item)
        return item

    def _remove_stage_item(self, sid: str) -> None:
        item = self.stages.pop(sid, None)
        if item is None:
            return
        self._index.set(sid, None)
        for eid in list(self._adjacent.pop(sid, ())):
            self._remove_edge_item(eid)
        self.removeItem(item)

    def _add_edge_item(self, e: Edge, below: bool = True, add: bool = True) -> EdgeItem | None:
        if e.source not in self.stages or e.target not in self.stages:
            return None
        item = EdgeItem(e)
        self.edges[e.id] = item
        self._adjacent[e.source].add(e.id)
        self._adjacent[e.target].add(e.id)
        if below:
            item.set_below()
        if add:
            self.addItem(item)
        return item

    def _remove_edge_item(self, eid: str) -> None:
        item = self.edges.pop(eid, None)
        if item is None:
            return
        for sid in (item.edge.source, item.edge.target):
            self._adjacent.get(sid, set()).discard(eid)
        self.removeItem(item)

    def _route(self, item: EdgeItem) -> None:
        e = item.edge
        src, dst = self.stages[e.source].scene_box(), self.stages[e.target].scene_box()
        item.set_geometry(painter.route_edge(e, src, dst, self._routes.get(e.id, painter.NO_ROUTE),
                                             self._index))

    def _recompute_routes(self, touched: set[str]) -> None:
        """Lanes depend on every edge between the same two stages: recompute them all (cheap,
        no Qt) and re-route the touched edges plus any whose lane moved."""
        routes = painter.edge_routes([it.edge for it in self.edges.values()])
        for eid, route in routes.items():
            if eid in touched or self._routes.get(eid) != route:
                self._routes[eid] = route
                self._route(self.edges[eid])
        self._routes = routes

    def _update_scene_rect(self) -> None:
        # generous room around the drawing so there is always empty canvas to drop onto
        rect = self.itemsBoundingRect()
        if rect.isNull():
            rect = QRectF(0, 0, 800, 600)
        self.setSceneRect(rect.adjusted(-2000, -2000, 2000, 2000))

    def _grow_scene_rect(self, items) -> None:
        """Keep room around items that moved or arrived, without walking every item (a move
        in a 5,000-stage lifecycle touches one or two)."""
        rect = self.sceneRect()
        for item in items:
            box = item.sceneBoundingRect().adjusted(-1000, -1000, 1000, 1000)
            if not rect.contains(box):
                rect = rect.united(box)
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    # --- following the store -------------------------------------------------------------------

    # from this many stages a move from the store is shown on the next turn of the event loop
    DEFER_MOVES_FROM = 1000

    def follow_change(self, change) -> None:
        """Show a store Change: now, or for a move on a big diagram on the next turn of the event
        loop. Moving one stage of a fitted 5,000-stage diagram repaints its long edges' bounding
        boxes, thousands of items (~40 ms); run in the same turn as the store's commit (its fsync,
        10-40 ms) the window stood still for both. Split, it answers in between (issue 11's edit
        stall). Changes keep their order: any other Change shows the pending moves first."""
        if change.operation == "move_stages" and len(self.stages) >= self.DEFER_MOVES_FROM:
            self._pending.append(change)
            if len(self._pending) == 1:
                QTimer.singleShot(0, self, self.apply_pending)   # dropped with the scene
            return
        self.apply_change(change)

    def apply_pending(self) -> None:
        """Show the moves follow_change held back (the next turn of the event loop does)."""
        pending, self._pending = self._pending, []
        for change in pending:
            self._apply(change)

    def apply_change(self, change) -> None:
        if self._pending:
            self.apply_pending()
        self._apply(change)

    def _apply(self, change) -> None:
        if change.lifecycle_id != self.lifecycle_id:
            return
        owners_touched = set()
        for oid, owner in change.owners.items():
            owners_touched.add(oid)
            if owner is None:
                self.owner_names.pop(oid, None)
            else:
                self.owner_names[oid] = owner.name
        touched_edges: set[str] = set()
        # an item replaced by the change (a stage's new id, an edge's new end) stays selected
        was_selected = {k for k, v in change.stages.items() if k in self.stages and self.stages[k].isSelected()}
        renamed_stage = change.operation == "update_stage" and any(v is None for v in change.stages.values())
        for sid, st in change.stages.items():
            if st is None:
                self._remove_stage_item(sid)
            elif sid in self.stages:
                item = self.stages[sid]
                old_box = item.scene_box()
                item.update_stage(st, self.owner_names.get(st.owner) if st.owner else None)
                if item.scene_box() != old_box:
                    self._index.set(sid, item.scene_box())
                    touched_edges |= self._adjacent.get(sid, set())
            else:
                item = self._add_stage_item(st)
                if renamed_stage and was_selected:
                    item.setSelected(True)
        if owners_touched:
            for item in self.stages.values():
                if item.stage.owner in owners_touched:
                    item.update_stage(item.stage, self.owner_names.get(item.stage.owner))
        edges_changed = False
        for eid, e in change.edges.items():
            if e is None:
                self._remove_edge_item(eid)
                edges_changed = True
            elif eid in self.edges and (self.edges[eid].edge.source, self.edges[eid].edge.target) == (e.source, e.target):
                kind_changed = self.edges[eid].edge.kind != e.kind
                self.edges[eid].update_edge(e)
                touched_edges.add(eid)
                edges_changed |= kind_changed
            else:
                selected = eid in self.edges and self.edges[eid].isSelected()
                self._remove_edge_item(eid)
                item = self._add_edge_item(e)
                if item is not None:
                    touched_edges.add(eid)
                    if selected:
                        item.setSelected(True)
                edges_changed = True
        touched_edges &= set(self.edges)
        if edges_changed:
            self._recompute_routes(touched_edges)
        else:
            for eid in touched_edges:
                self._route(self.edges[eid])
        if change.stages:
            self._grow_scene_rect([self.stages[k] for k, v in change.stages.items() if v is not None and k in self.stages])
        if change.stages or change.edges:
            self.drawingChanged.emit()

    def set_markers(self, markers: dict[str, str]) -> None:
        old = self.markers
        self.markers = markers
        for sid in set(old) | set(markers):
            item = self.stages.get(sid)
            if item is not None:
                item.set_marker(markers.get(sid))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    # --- interaction ---------------------------------------------------------------------------

    def stage_item_moved(self, item: StageItem) -> None:
        """While dragging: keep the index and the stage's edges with the box."""
        if self.stages.get(item.stage_id) is not item:
            return
        self._index.set(item.stage_id, item.scene_box())
        for eid in self._adjacent.get(item.stage_id, ()):
            self._route(self.edges[eid])

    def selected_stage_ids(self) -> list[str]:
        return [i.stage_id for i in self.selectedItems() if isinstance(i, StageItem)]

    def selected_edge_ids(self) -> list[str]:
        return [i.edge_id for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_ids(self, stage_ids=(), edge_ids=()) -> None:
        """Select exactly these items, announcing it once: Qt emits selectionChanged for each
        item, and each listener reads the whole selection, so selecting all of 500 stages
        took seconds (quadratic)."""
        before = self.selectedItems()
        self.blockSignals(True)
        try:
            self.clearSelection()
            for sid in stage_ids:
                if sid in self.stages:
                    self.stages[sid].setSelected(True)
            for eid in edge_ids:
                if eid in self.edges:
                    self.edges[eid].setSelected(True)
        finally:
            self.blockSignals(False)
        if self.selectedItems() != before:
            self.selectionChanged.emit()

    def stage_at(self, pos: QPointF) -> StageItem | None:
        for item in self.items(pos):
            if isinstance(item, StageItem):
                return item
        return None

    def helpEvent(self, event) -> None:
        """Tooltips are built on demand, for the item under the pointer only."""
        from PySide6.QtWidgets import QToolTip

        for item in self.items(event.scenePos()):
            if isinstance(item, (StageItem, EdgeItem)):
                text = item.tooltip_text()
                notes = self.finding_notes.get(item.stage_id) if isinstance(item, StageItem) else None
                if notes:
                    from html import escape

                    text += "<hr>" + "<br>".join(escape(n) for n in notes[:6])
                    if len(notes) > 6:
                        text += f"<br>… and {len(notes) - 6} more in the Findings panel"
                QToolTip.showText(event.screenPos(), text, event.widget())
                event.accept()
                return
        QToolTip.hideText()
        event.ignore()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.read_only:
            item = self.stage_at(event.scenePos())
            if item is not None and (self.connect_mode or item.on_handle(item.mapFromScene(event.scenePos()))):
                self._start_connect(item, event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_positions = {i.stage_id: QPointF(i.pos()) for i in self.selectedItems()
                                     if isinstance(i, StageItem)}

    def mouseMoveEvent(self, event) -> None:
        if self._connect_from is not None and self._connect_line is not None:
            line = self._connect_line.line()
            self._connect_travel = max(self._connect_travel,
                                       QLineF(line.p1(), event.scenePos()).length())
            self._connect_line.setLine(QLineF(line.p1(), event.scenePos()))
            feedback = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._style_connect_line(feedback)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._connect_from is not None:
            source = self._connect_from
            self._finish_connect()
            target = self.stage_at(event.scenePos())
            if target is not None and (target is not source or self._connect_travel > 60):
                feedback = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.connectRequested.emit(source.stage_id, target.stage_id, feedback)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._press_positions:
            before, after = {}, {}
            for sid, old in self._press_positions.items():
                item = self.stages.get(sid)
                if item is not None and item.pos() != old:
                    before[sid] = (old.x(), old.y())
                    after[sid] = (item.pos().x(), item.pos().y())
            self._press_positions = {}
            if after:
                self.stagesMoved.emit(before, after)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.read_only:
            item = self.stage_at(event.scenePos())
            if item is not None:
                self.renameRequested.emit(item.stage_id)
                event.accept()
                return
            if not any(isinstance(i, EdgeItem) for i in self.items(event.scenePos())):
                p = event.scenePos()
                self.addStageRequested.emit("", QPointF(snap(p.x() - 90), snap(p.y() - 36)))
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def _start_connect(self, item: StageItem, pos: QPointF) -> None:
        self._connect_from = item
        self._connect_travel = 0.0
        start = item.mapToScene(item.handle_center())
        self._connect_line = QGraphicsLineItem(QLineF(start, pos))
        self._connect_line.setZValue(10)
        self._style_connect_line(False)
        self.addItem(self._connect_line)

    def _style_connect_line(self, feedback: bool) -> None:
        if self._connect_line is None:
            return
        pen = QPen(QColor(self.theme.feedback_edge if feedback else self.theme.selection), 2,
                   Qt.PenStyle.DashLine if feedback else Qt.PenStyle.SolidLine)
        self._connect_line.setPen(pen)

    def _finish_connect(self) -> None:
        if self._connect_line is not None:
            self.removeItem(self._connect_line)
        self._connect_line = None
        self._connect_from = None

    def is_connecting(self) -> bool:
        return self._connect_from is not None
