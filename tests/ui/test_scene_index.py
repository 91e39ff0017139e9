"""The scene's item index: a big diagram of long edges goes without Qt's BSP tree (it took
seconds to build), and every lookup a user relies on (click, double-click, hover, rubber band)
still finds the right stage under either index."""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsScene

from desktop_app.model.document import Edge, Lifecycle, Stage
from desktop_app.ui.canvas.scene import LifecycleScene

KINDS = ("data", "train", "evaluate", "deploy", "monitor")


def grid_lifecycle(n: int, long_edges: bool) -> Lifecycle:
    """``n`` stages on a grid 300 x 200 apart; each flows to the next, plus a second edge to a
    random stage anywhere (long) or two places on (short)."""
    rng = random.Random(7)
    cols = 40
    stages = [Stage(f"s{i}", f"Stage {i}", KINDS[i % len(KINDS)], x=(i % cols) * 300.0,
                    y=(i // cols) * 200.0) for i in range(n)]
    edges = []
    for i in range(n - 1):
        edges.append(Edge(f"f{i}", f"s{i}", f"s{i + 1}"))
        other = rng.randrange(n) if long_edges else min(n - 1, i + 2)
        edges.append(Edge(f"x{i}", f"s{i}", f"s{other}", "feedback" if i % 5 == 0 else "flow"))
    return Lifecycle("Grid", stages=stages, edges=edges)


def _check_lookups(scene: LifecycleScene, doc: Lifecycle) -> None:
    for s in doc.stages[::37]:
        # the middle of the box's name and a point near its lower-left corner
        for p in (QPointF(s.x + 90, s.y + 40), QPointF(s.x + 8, s.y + 60)):
            item = scene.stage_at(p)
            assert item is not None and item.stage_id == s.id, (s.id, p)
    # between four boxes (columns 300 apart, boxes 180 wide): no stage there
    assert scene.stage_at(QPointF(3 * 300 + 240, 2 * 200 + 150)) is None
    # a rubber band over columns 2-4 of rows 1-2 selects exactly those six stages
    area = QPainterPath()
    area.addRect(QRectF(2 * 300 - 20, 200 - 20, 3 * 300 - 80, 2 * 200 - 40))
    scene.setSelectionArea(area, Qt.ItemSelectionOperation.ReplaceSelection,
                           Qt.ItemSelectionMode.ContainsItemShape)
    assert set(scene.selected_stage_ids()) == {f"s{r * 40 + c}" for r in (1, 2) for c in (2, 3, 4)}


def test_long_edges_in_a_big_diagram_go_without_the_bsp_tree_and_lookups_stay_right(qapp):
    doc = grid_lifecycle(1200, long_edges=True)
    scene = LifecycleScene(1, doc)
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex
    _check_lookups(scene, doc)


def test_short_edges_keep_the_bsp_tree_and_the_same_lookups(qapp):
    doc = grid_lifecycle(1200, long_edges=False)
    scene = LifecycleScene(1, doc)
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
    _check_lookups(scene, doc)


def test_a_small_diagram_keeps_the_bsp_tree(qapp):
    scene = LifecycleScene(1, grid_lifecycle(60, long_edges=True))
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_lookups_follow_a_moved_stage_without_an_index(qapp):
    doc = grid_lifecycle(1200, long_edges=True)
    scene = LifecycleScene(1, doc)
    item = scene.stages["s5"]
    item.setPos(QPointF(-1000, -1000))
    assert scene.stage_at(QPointF(-1000 + 90, -1000 + 40)) is item
    assert scene.stage_at(QPointF(5 * 300 + 90, 40)) is None
