"""Auto-layout: a pure function from a lifecycle to stage positions (no Qt, easy to test).

Sugiyama-style, in the spirit of the lifecycle: layers from the flow edges (left to right),
cycles among flow edges broken by a depth-first search so they never stall it, an ordering of
each layer by barycentres to untangle crossings, then grid coordinates. Stages tied in only by
feedback edges (a "learn" stage between monitoring and objectives) go on a row below the
flow, under the middle of their neighbours, so the loops they close run back underneath.
"""

from __future__ import annotations

from collections import defaultdict

from desktop_app.model.document import Lifecycle

LAYER_SPACING = 240.0
ROW_SPACING = 130.0
GRID = 20.0


def _snap(v: float) -> float:
    return round(v / GRID) * GRID


def _acyclic_flow(ids: list[str], succ: dict[str, list[str]]) -> dict[str, list[str]]:
    """The flow graph with its back edges (found by an iterative DFS) left out."""
    state: dict[str, int] = {}   # 1 on the stack, 2 done
    kept: dict[str, list[str]] = defaultdict(list)
    for root in ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(succ.get(root, ())))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                continue
            if state.get(nxt) == 1:
                continue          # back edge: closes a cycle, ignore it for layering
            kept[node].append(nxt)
            if nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(succ.get(nxt, ()))))
    return kept


def _longest_path_layers(ids: list[str], dag: dict[str, list[str]]) -> dict[str, int]:
    indeg = {i: 0 for i in ids}
    for u in ids:
        for v in dag.get(u, ()):
            indeg[v] += 1
    layer = {i: 0 for i in ids}
    ready = [i for i in ids if indeg[i] == 0]
    while ready:
        u = ready.pop()
        for v in dag.get(u, ()):
            layer[v] = max(layer[v], layer[u] + 1)
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
    return layer


def auto_layout(lc: Lifecycle) -> dict[str, tuple[float, float]]:
    """New top-left positions for every stage, keyed by stage id."""
    ids = [s.id for s in lc.stages]
    known = set(ids)
    flow_succ: dict[str, list[str]] = defaultdict(list)
    flow_touched: set[str] = set()
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in lc.edges:
        if e.source not in known or e.target not in known or e.source == e.target:
            continue
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
        if e.kind == "flow":
            flow_succ[e.source].append(e.target)
            flow_touched.update((e.source, e.target))

    main = [i for i in ids if i in flow_touched]
    dag = _acyclic_flow(main, flow_succ)
    layer = _longest_path_layers(main, dag)

    # stages off the flow: under the middle of their laid-out neighbours, or after the flow
    n_layers = max(layer.values(), default=-1) + 1
    below: dict[str, int] = {}
    loose: list[str] = []
    for i in ids:
        if i in layer:
            continue
        placed = [layer[n] for n in neighbours.get(i, ()) if n in layer]
        if placed:
            below[i] = round(sum(placed) / len(placed))
        else:
            loose.append(i)

    # order within layers: start in document order, then barycentre sweeps both ways
    layers: dict[int, list[str]] = defaultdict(list)
    for i in main:
        layers[layer[i]].append(i)
    preds: dict[str, list[str]] = defaultdict(list)
    for u, vs in dag.items():
        for v in vs:
            preds[v].append(u)
    pos = {i: k for lay in layers.values() for k, i in enumerate(lay)}
    for sweep in range(8):
        order = range(1, n_layers) if sweep % 2 == 0 else range(n_layers - 2, -1, -1)
        for li in order:
            ref = preds if sweep % 2 == 0 else dag
            def bary(i: str) -> float:
                ns = ref.get(i, ())
                return sum(pos[n] for n in ns) / len(ns) if ns else pos[i]
            layers[li].sort(key=bary)
            for k, i in enumerate(layers[li]):
                pos[i] = k

    out: dict[str, tuple[float, float]] = {}
    rows = max((len(v) for v in layers.values()), default=0)
    for li, lay in layers.items():
        for k, i in enumerate(lay):
            out[i] = (_snap(li * LAYER_SPACING), _snap(k * ROW_SPACING))
    # the row (or rows) below the flow, one column per layer, shifted right when taken
    base = rows * ROW_SPACING + ROW_SPACING * 0.5
    taken: dict[tuple[int, int], bool] = {}
    for i in ids:
        if i not in below:
            continue
        col, row = below[i], 0
        while taken.get((col, row)):
            row += 1
        taken[(col, row)] = True
        out[i] = (_snap(col * LAYER_SPACING), _snap(base + row * ROW_SPACING))
    # stages tied to nothing: a tidy row underneath everything else
    last_row = max((y for _, y in out.values()), default=-ROW_SPACING) + ROW_SPACING * 1.5
    for k, i in enumerate(loose):
        out[i] = (_snap(k * LAYER_SPACING), _snap(last_row))
    return out
