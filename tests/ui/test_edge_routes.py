"""A diagram's edges are routed all at once when its scene is built (export/painter.route_edges)
and one by one after an edit (route_edge): both ways draw every edge the same, or an edge
would jump when a neighbour is edited. And a dragged stage snaps to the grid and takes its
edges along, followed without Qt's itemChange (StageItem.mouseMoveEvent)."""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, Qt

from desktop_app.export import painter
from desktop_app.export.palette import GRID
from desktop_app.model.document import Edge, Lifecycle, Stage
from desktop_app.ui.canvas.scene import LifecycleScene
from desktop_app.ui.canvas.view import CanvasView

KINDS = ("data", "develop", "validate", "deploy", "monitor")


def crowded_lifecycle() -> Lifecycle:
    """Stages scattered so that boxes overlap routes, with parallel, opposite, curved and
    self-loop edges, and long names (taller boxes)."""
    rng = random.Random(11)
    stages = [Stage(f"s{i}", f"Stage {i}" + (" with a long name that wraps" * (i % 3)),
                    KINDS[i % len(KINDS)], x=rng.uniform(-2500, 2500), y=rng.uniform(-1500, 1500))
              for i in range(220)]
    edges = []
    for i in range(700):
        a = rng.randrange(len(stages))
        b = a if rng.random() < 0.05 else (a + 1 if rng.random() < 0.3 else rng.randrange(len(stages)))
        b %= len(stages)
        edges.append(Edge(f"e{i}", f"s{a}", f"s{b}", "feedback" if rng.random() < 0.4 else "flow"))
    for i in range(40):   # both ways between neighbours, straight and curved
        edges.append(Edge(f"r{i}", f"s{(i * 7 + 1) % len(stages)}", f"s{i * 7 % len(stages)}",
                          "feedback" if i % 2 else "flow"))
    return Lifecycle("Crowded", stages=stages, edges=edges)


def _elements(path) -> list[tuple[int, float, float]]:
    return [(int(path.elementAt(i).type.value), path.elementAt(i).x, path.elementAt(i).y)
            for i in range(path.elementCount())]


def test_edges_routed_at_build_are_drawn_as_one_edge_routed_alone(qapp):
    doc = crowded_lifecycle()
    scene = LifecycleScene(1, doc)
    # the index an edit keeps: stage boxes set one at a time
    index = painter.RectIndex()
    boxes = {sid: item.scene_box() for sid, item in scene.stages.items()}
    for sid, box in boxes.items():
        index.set(sid, box)
    routes = painter.edge_routes(doc.edges)
    sides = set()
    for e in doc.edges:
        alone = painter.route_edge(e, boxes[e.source], boxes[e.target], routes[e.id], index)
        drawn = scene.edges[e.id].geom
        assert _elements(drawn.path) == _elements(alone.path), e.id
        assert (drawn.tip, drawn.angle, drawn.label_at) == (alone.tip, alone.angle, alone.label_at)
        if e.kind == "feedback" and e.source != e.target:
            sides.add(painter._geometry(boxes[e.source].getRect(), boxes[e.target].getRect(),
                                        "feedback", routes[e.id].lane, False, 1.0).tip == drawn.tip)
    assert sides == {True, False}, "some curves bend right of travel, some left (boxes in the way)"
    # the export draws the same routes
    _, exported = painter.diagram_geometry(doc)
    assert all(_elements(exported[k].path) == _elements(v.geom.path) for k, v in scene.edges.items())


def test_a_dragged_stage_snaps_to_the_grid_and_takes_its_edges(qapp, qtbot):
    doc = Lifecycle("Two", stages=[Stage("a", "A", "data", x=0, y=0), Stage("b", "B", "develop", x=400, y=0)],
                    edges=[Edge("ab", "a", "b")])
    scene = LifecycleScene(1, doc)
    view = CanvasView(scene)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    vp = view.viewport()
    start = scene.stages["b"].scene_box().center()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.mapFromScene(start))
    qtbot.mouseMove(vp, view.mapFromScene(start + QPointF(40, 60)))
    qtbot.mouseMove(vp, view.mapFromScene(start + QPointF(83, 127)))
    item = scene.stages["b"]
    pos = item.pos()
    assert pos != QPointF(400, 0), "the stage follows the pointer"
    assert pos.x() % GRID == 0 and pos.y() % GRID == 0, "and sits on the grid"
    tip = scene.edges["ab"].geom.tip
    assert item.scene_box().adjusted(-3, -3, 3, 3).contains(tip), "its edge ends at its new place"
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       view.mapFromScene(start + QPointF(83, 127)))
    view.close()


def test_a_move_on_a_big_diagram_is_shown_on_the_next_turn_in_order_and_undone(qapp, qtbot, tmp_path):
    """A move of one stage of a big diagram reaches the canvas one turn of the event loop after
    the store's commit (so the commit and the repaint of long edges do not stall the window
    together), with its edges, before any later change, and undo puts it back."""
    from desktop_app.store import Workspace
    from desktop_app.ui import commands as cmd
    from tests.ui.conftest import shown_window

    n = LifecycleScene.DEFER_MOVES_FROM
    doc = Lifecycle("Long chain", stages=[Stage(f"s{i}", f"Stage {i}", KINDS[i % len(KINDS)],
                                                x=(i % 40) * 300, y=(i // 40) * 200) for i in range(n)],
                    edges=[Edge(f"e{i}", f"s{i}", f"s{i + 1}") for i in range(n - 1)])
    with Workspace.create(tmp_path / "big.lcstudio") as ws:
        lid = ws.create_lifecycle(doc).lifecycle_id
    windows = shown_window(qtbot, Workspace.open(tmp_path / "big.lcstudio"), tmp_path)
    window = next(windows)
    try:
        scene = window.views[lid].lifecycle_scene()
        item, edge = scene.stages["s500"], scene.edges["e500"]
        start = item.pos()
        assert start == QPointF(6000, 2400)
        window.push(cmd.MoveStagesCommand(window, lid, {"s500": (6000, 2400)}, {"s500": (60, 540)}))
        assert window.workspace.load(lid).stage("s500").x == 60, "the move is saved at once"
        assert item.pos() == start, "the canvas follows on the next turn of the event loop"
        qtbot.waitUntil(lambda: item.pos() == QPointF(60, 540))
        assert item.scene_box().adjusted(-3, -3, 3, 3).contains(edge.geom.path.pointAtPercent(0)), \
            "its edge starts at its new place"

        # a move and, in the same turn, the stage's rename: both shown, the move first
        window.push(cmd.MoveStagesCommand(window, lid, {"s500": (60, 540)}, {"s500": (120, 540)}))
        window.rename_stage(lid, "s500", "Moved & renamed")
        assert scene.stages["s500"].stage.name == "Moved & renamed"
        assert scene.stages["s500"].pos() == QPointF(120, 540), "the earlier move is shown first"

        window.undo_stack.undo()   # the rename
        window.undo_stack.undo()   # the second move
        qtbot.waitUntil(lambda: scene.stages["s500"].pos() == QPointF(60, 540))
        assert scene.stages["s500"].stage.name == "Stage 500"
        window.undo_stack.undo()   # the first move
        qtbot.waitUntil(lambda: scene.stages["s500"].pos() == start)
        assert window.workspace.load(lid).stage("s500").x == 6000
    finally:
        next(windows, None)
