"""Structure rules, LC101 to LC110: is the drawing a connected, well-formed process?"""

from __future__ import annotations

from typing import Iterator

from desktop_app.checks.catalogue import (
    Hit, Params, plural, rule, sorted_ids, stage, stage_list,
)
from desktop_app.checks.graph import Analysis


@rule("LC101")
def empty_lifecycle(ctx: Analysis, params: Params) -> Iterator[Hit]:
    if ctx.n == 0:
        yield Hit("The lifecycle has no stage",
                  "Add stages from the palette, or start from a template")


@rule("LC102")
def no_entry(ctx: Analysis, params: Params) -> Iterator[Hit]:
    if ctx.n and not ctx.entries:
        yield Hit("Every stage has an incoming flow edge, so the lifecycle has no entry stage",
                  "Mark the edge that brings work back to the first stage as feedback")


@rule("LC103")
def unreachable_stage(ctx: Analysis, params: Params) -> Iterator[Hit]:
    if not ctx.entries:
        return  # LC102 says it once
    reached, orphan = ctx.reached_from_entries, ctx.orphan
    for i in range(ctx.n):
        if not reached[i] and not orphan[i]:
            yield Hit(f"Stage {stage(ctx, i)} is not reached from any entry stage",
                      "Connect it to the flow from an entry stage, or delete it",
                      stages=(ctx.ids[i],))


@rule("LC104")
def dead_end(ctx: Analysis, params: Params) -> Iterator[Hit]:
    if ctx.n < 2:
        return
    succ, orphan = ctx.succ, ctx.orphan
    for i in range(ctx.n):
        if not succ[i] and not orphan[i]:
            yield Hit(f"Stage {stage(ctx, i)} is a dead end: no edge leads from it to another stage",
                      "Add an edge from it to the stage that acts on its output",
                      stages=(ctx.ids[i],))


@rule("LC105")
def orphan_stage(ctx: Analysis, params: Params) -> Iterator[Hit]:
    orphan = ctx.orphan
    for i in range(ctx.n):
        if orphan[i]:
            yield Hit(f"Stage {stage(ctx, i)} has no edge to or from another stage",
                      "Connect it to the lifecycle, or delete it",
                      stages=(ctx.ids[i],))


@rule("LC106")
def self_loop(ctx: Analysis, params: Params) -> Iterator[Hit]:
    for e, u in ctx.self_loops:
        yield Hit(f"{e.kind.capitalize()} edge from {stage(ctx, u)} back to itself",
                  "Delete the self-loop; a stage's own iterations need no edge",
                  stages=(ctx.ids[u],), edges=(e.id,))


@rule("LC107")
def duplicate_edge(ctx: Analysis, params: Params) -> Iterator[Hit]:
    # one integer per (source, target, kind); self-loops get distinct negative keys so that
    # they never group (only LC106 looks at them)
    if len(set(zip(ctx.src, ctx.tgt, ctx.is_feedback))) == len(ctx.src):
        return  # the usual case, found in C: no two edges alike, self-loops included
    n = ctx.n
    keys = [((u * n + v) << 1 | fb) if u != v else -1 - k
            for k, (u, v, fb) in enumerate(zip(ctx.src, ctx.tgt, ctx.is_feedback))]
    groups: dict[int, list[int]] = {}
    for k, key in enumerate(keys):
        groups.setdefault(key, []).append(k)
    edges = ctx.graph_edges
    for members in groups.values():
        if len(members) > 1:
            u, v, kind = ctx.src[members[0]], ctx.tgt[members[0]], edges[members[0]].kind
            yield Hit(f"{plural(len(members), kind + ' edge')} from {stage(ctx, u)} "
                      f"to {stage(ctx, v)}",
                      "Delete the extra edges, keeping one",
                      stages=(ctx.ids[u], ctx.ids[v]), edges=[edges[k].id for k in members])


@rule("LC108")
def duplicate_stage_name(ctx: Analysis, params: Params) -> Iterator[Hit]:
    folded = [name.strip().casefold() for name in ctx.names]
    if len(set(folded)) == len(folded):
        return
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(folded):
        groups.setdefault(name, []).append(i)
    for members in groups.values():
        if len(members) > 1:
            yield Hit(f"{plural(len(members), 'stage')} share one name: "
                      f"{stage_list(ctx, members)}",
                      "Rename the stages so that each name says which one it is",
                      stages=sorted_ids(ctx, members))


@rule("LC109")
def undeclared_loop(ctx: Analysis, params: Params) -> Iterator[Hit]:
    for members in ctx.flow_loops:
        yield Hit(f"Stages {stage_list(ctx, members)} form a loop of flow edges only",
                  "Mark the edge that carries signals back as feedback",
                  stages=sorted_ids(ctx, members))


@rule("LC110")
def feedback_goes_nowhere(ctx: Analysis, params: Params) -> Iterator[Hit]:
    comp = ctx.g_scc[0]
    for e, u, v in ctx.feedback:
        if comp[u] != comp[v]:
            yield Hit(f"Feedback edge from {stage(ctx, u)} to {stage(ctx, v)} closes no loop: "
                      f"{stage(ctx, v)} never leads back to {stage(ctx, u)}",
                      "Make it a flow edge, or connect its target onward so that the loop closes",
                      stages=(ctx.ids[u], ctx.ids[v]), edges=(e.id,))

