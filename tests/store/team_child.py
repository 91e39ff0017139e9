"""Run as a child process by test_team_editing: one of two leads editing one server workspace.

Like a window, it acts on the plan as it last saw it: it reads the lifecycle (its seen revision),
takes a moment, and makes one random edit of what it saw (moves, renames, adds, deletes,
connects, items), many of them on a few "hot" stages both leads like to touch. An edit refused
as a conflict is reported with its message; the next round reads the plan again. One JSON line
per operation on stdout: what it did, on which ids it depended, the revision it was made against,
and the revision it produced or the refusal.
"""

from __future__ import annotations

import json
import random
import sys
import time

from desktop_app.model.document import Edge, Item, Lifecycle, Stage
from desktop_app.store import ConflictError, Workspace

PLAN = "Team plan"
HOT = ("hot-1", "hot-2", "hot-3", "hot-4")


def _stage_name(author: str, n: int) -> str:
    # hostile on purpose: the refusals must name it as it is, on one line
    return f"{author.title()}'s step {n} <b>&amp; | ] $x\nnext line"


def _choose(rng: random.Random, doc: Lifecycle, author: str, n: int):
    """(operation, keyword arguments, ids it changes, ids it needs to exist, stage it deletes)."""
    stages = [s.id for s in doc.stages]
    mine = [s for s in stages if s.startswith(author + "-")]
    edges = [e.id for e in doc.edges]
    items = [i.id for p in doc.phases for i in p.items]
    my_items = [i for i in items if i.startswith(author + "-")]

    def some_stage() -> str:
        hot = [s for s in HOT if s in stages]
        return rng.choice(hot) if hot and rng.random() < 0.7 else rng.choice(stages)

    roll = rng.random()
    if roll < 0.28:
        moved = {some_stage(): (float(rng.randint(-900, 900)), float(rng.randint(-600, 600)))
                 for _ in range(rng.randint(1, 2))}
        return "move_stages", {"positions": moved}, [("stage", k) for k in moved], [], None
    if roll < 0.38:
        key = some_stage()
        return ("update_stage", {"stage_id": key, "name": f"{author.title()}'s name {n} for it"},
                [("stage", key)], [], None)
    if roll < 0.50:
        key = f"{author}-{n}"
        to = rng.choice(stages)
        return ("add_stages", {"stages": [Stage(key, _stage_name(author, n), "develop", x=n * 3.0, y=n)],
                               "edges": [Edge("", key, to)]}, [], [("stage", to)], None)
    if roll < 0.56 and mine:
        key = rng.choice(mine)
        return "delete_stages", {"stage_ids": [key]}, [("stage", key)], [], key
    if roll < 0.66:
        a, b = some_stage(), some_stage()
        kind = rng.choice(["flow", "feedback"])
        return "connect", {"edge": Edge("", a, b, kind=kind)}, [], [("stage", a), ("stage", b)], None
    if roll < 0.72 and edges:
        key = rng.choice(edges)
        return "disconnect", {"edge_ids": [key]}, [("edge", key)], [], None
    if roll < 0.78 and edges:
        key = rng.choice(edges)
        return ("update_edge", {"edge_id": key, "label": f"{author} {n}"}, [("edge", key)], [], None)
    if roll < 0.86 or not items:
        key = f"{author}-i{n}"
        return ("add_item", {"phase_number": rng.randint(1, 4), "item": Item(key, f"{author.title()}'s task {n}")},
                [], [], None)
    if roll < 0.96 or not my_items:
        key = rng.choice(items)
        fields = rng.choice([{"status": rng.choice(["todo", "doing", "done", "blocked"])},
                             {"title": f"{author.title()} retitled {n}"}])
        return "update_item", {"item_id": key, **fields}, [("item", key)], [], None
    key = rng.choice(my_items)
    return "delete_items", {"item_ids": [key]}, [("item", key)], [], None


def main(url: str, author: str, seed: int, count: int) -> None:
    rng = random.Random(seed)
    ws = Workspace.open(url)
    ws.author = author
    lid = ws.lifecycle_id(PLAN)
    for n in range(count):
        doc = ws.load(lid, seen=True)  # the plan as the window shows it now
        base = ws.seen_revision(lid)
        op, kwargs, changes, needs, deletes = _choose(rng, doc, author, n)
        time.sleep(rng.random() * 0.012)  # the user's moment between seeing and acting
        record = {"n": n, "op": op, "base": base, "changes": changes, "needs": needs, "deletes": deletes}
        try:
            change = getattr(ws, op)(lid, **kwargs)
            record.update(ok=True, revision=change.revision)
        except ConflictError as refused:
            record.update(ok=False, message=refused.reason)
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()
    ws.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
