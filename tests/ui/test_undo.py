"""Undo is a stack of operations: any sequence of edits, undone, gives back the first file;
redone, the last one."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF

from desktop_app.model.document import STAGE_KINDS, Suppression
from desktop_app.ui import commands as cmd


def random_edit(window, rng: random.Random, lid: int) -> None:
    """One edit as the window makes it when a user acts (the same entry points)."""
    doc = window.docs[lid]
    scene = window.views[lid].lifecycle_scene()
    stages = [s.id for s in doc.stages]
    edges = [e.id for e in doc.edges]
    owners = [o.id for o in doc.owners]
    choice = rng.choice(["add", "add", "connect", "connect", "rename", "move", "move", "kind", "owner",
                         "edge", "delete_stage", "delete_edge", "add_owner", "rename_owner",
                         "delete_owner", "lifecycle", "rule", "suppress", "layout"])
    if choice == "add" or len(stages) < 2:
        window.add_stage(lid, rng.choice(STAGE_KINDS), QPointF(rng.randrange(0, 60) * 20, rng.randrange(0, 30) * 20))
    elif choice == "connect":
        window.connect_stages(lid, rng.choice(stages), rng.choice(stages), feedback=rng.random() < 0.4)
    elif choice == "rename":
        sid = rng.choice(stages)
        window.rename_stage(lid, sid, f"Stage {rng.randrange(1000)}")
    elif choice == "move":
        picked = rng.sample(stages, k=min(len(stages), rng.randint(1, 3)))
        before = {s: (doc.stage(s).x, doc.stage(s).y) for s in picked}
        after = {s: (x + 20 * rng.randint(-5, 5), y + 20 * rng.randint(-5, 5)) for s, (x, y) in before.items()}
        scene.stagesMoved.emit(before, after)
    elif choice == "kind":
        s = doc.stage(rng.choice(stages))
        window._inspector_edit("stage", s.id, {"kind": s.kind}, {"kind": rng.choice(STAGE_KINDS)})
    elif choice == "owner":
        s = doc.stage(rng.choice(stages))
        window._inspector_edit("stage", s.id, {"owner": s.owner}, {"owner": rng.choice(owners + [None])})
    elif choice == "edge" and edges:
        e = doc.edge(rng.choice(edges))
        field, value = rng.choice([("kind", rng.choice(["flow", "feedback"])),
                                   ("trigger", rng.choice(["manual", "alert", "drift", "schedule"])),
                                   ("latency_days", rng.choice([None, 0.5, 3.0, 40.0])),
                                   ("label", f"label {rng.randrange(99)}")])
        window._inspector_edit("edge", e.id, {field: getattr(e, field)}, {field: value})
    elif choice == "delete_stage":
        scene.select_ids(rng.sample(stages, k=min(2, len(stages) - 1)))
        window.delete_selection()
    elif choice == "delete_edge" and edges:
        scene.select_ids(edge_ids=[rng.choice(edges)])
        window.delete_selection()
    elif choice == "add_owner":
        window.add_owner(f"Team {rng.randrange(100)}")
    elif choice == "rename_owner" and owners:
        chosen = rng.choice(owners)   # one choice (a choice per owner might match none)
        o = next(o for o in doc.owners if o.id == chosen)
        window._owner_edit(o.id, {"name": o.name}, {"name": f"{o.name}!"})
    elif choice == "delete_owner" and len(owners) > 1:
        oid = rng.choice(owners)
        window.delete_owner(oid, reassign_to=rng.choice([None] + [o for o in owners if o != oid]))
    elif choice == "lifecycle":
        window._inspector_edit("lifecycle", None, {"description": doc.description},
                               {"description": f"edited {rng.randrange(99)}"})
    elif choice == "rule":
        window._rule_edit("LC206", doc.rules.get("LC206"), {"max_feedback_days": rng.randrange(1, 60)})
    elif choice == "suppress":
        window.push(cmd.AddSuppressionCommand(window, lid, Suppression("LC104", "accepted", rng.choice(stages)),
                                              len(doc.suppressions)))
    else:
        window.auto_layout()


@pytest.mark.parametrize("seed", [1, 7])
def test_random_edits_undo_to_first_and_redo_to_last(window, seed):
    lid = window.current_lifecycle_id()
    ws = window.workspace
    first = ws.load(lid)
    rng = random.Random(seed)
    n = 0
    while window.undo_stack.count() < 50:
        random_edit(window, rng, lid)
        n += 1
        assert n < 200, "edits keep being refused"
    last = ws.load(lid)
    assert last != first
    steps = window.undo_stack.count()
    assert steps >= 50

    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert ws.load(lid) == first
    # the canvas followed: the same stages and edges as the file
    scene = window.views[lid].lifecycle_scene()
    assert set(scene.stages) == {s.id for s in first.stages}
    assert set(scene.edges) == {e.id for e in first.edges}

    while window.undo_stack.canRedo():
        window.undo_stack.redo()
    assert ws.load(lid) == last
    assert set(scene.stages) == {s.id for s in last.stages}
    for s in last.stages:
        assert (scene.stages[s.id].pos().x(), scene.stages[s.id].pos().y()) == (s.x, s.y)


def test_a_refused_first_write_is_dropped_and_shown(window):
    lid = window.current_lifecycle_id()
    depth = window.undo_stack.count()
    # a stage id that already exists: the store refuses, nothing reaches the stack
    ok = window.push(cmd.UpdateStageCommand(window, lid, "okr", {"id": "okr"}, {"id": "data"}, "Clash"))
    assert not ok
    assert window.undo_stack.count() == depth
    assert window.message_box is not None and window.message_box.text()
    window.message_box.close()
