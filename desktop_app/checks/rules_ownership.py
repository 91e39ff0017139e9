"""Ownership rules, LC301 to LC307: is someone accountable for every part of the loop?

LC302 is retired: an owner id that names no owner is refused by FORMAT.md.
"""

from __future__ import annotations

from typing import Iterator

from desktop_app.checks.catalogue import (
    Hit, Params, listing, owner_name, plural, rule, sorted_ids, stage, stage_list,
)
from desktop_app.checks.graph import Analysis


@rule("LC301")
def unowned_stage(ctx: Analysis, params: Params) -> Iterator[Hit]:
    for i, owner in enumerate(ctx.owner):
        if owner is None:
            yield Hit(f"Stage {stage(ctx, i)} has no owner",
                      "Assign the team, role or person accountable for it",
                      stages=(ctx.ids[i],))


@rule("LC303")
def production_handoff(ctx: Analysis, params: Params) -> Iterator[Hit]:
    reached = ctx.improvement_owners_reached
    bits = ctx.owner_bit
    for i in ctx.of_kind("monitor"):
        owner = ctx.owner[i]
        if owner is None or not reached[i] or reached[i] & bits[owner]:
            continue
        others = [o for o, b in bits.items() if reached[i] & b]
        who = listing(sorted(owner_name(ctx, o) for o in others))
        yield Hit(f"Monitor stage {stage(ctx, i)} is owned by {owner_name(ctx, owner)}, who own "
                  f"none of the improvement stages it feeds (those belong to {who}): the team "
                  "that watches production cannot act on what it sees",
                  "Give the monitoring team a share of an improvement stage it feeds, or "
                  "suppress the finding with the reason the handoff is accepted",
                  stages=(ctx.ids[i],))


@rule("LC304")
def loop_ownership_sprawl(ctx: Analysis, params: Params) -> Iterator[Hit]:
    limit = params["max_loop_owners"]
    owner = ctx.owner
    for members in ctx.looped_components:
        owners = {owner[i] for i in members if owner[i] is not None}
        if len(owners) > limit:
            yield Hit(f"The feedback loop through {stage_list(ctx, members)} has "
                      f"{plural(len(owners), 'owner')}, more than the {limit} allowed",
                      "Give the loop fewer owners (one accountable team is best), or raise "
                      "max_loop_owners for LC304",
                      stages=sorted_ids(ctx, members))


@rule("LC305")
def handoff_chain(ctx: Analysis, params: Params) -> Iterator[Hit]:
    limit = params["max_handoffs"]
    for i, h in ctx.deploy_handoffs.items():
        if h > limit:
            yield Hit(f"Work changes hands {plural(h, 'time')} on the way to deploy stage "
                      f"{stage(ctx, i)}, more than the {limit} allowed",
                      "Let fewer teams share the path to release, or raise max_handoffs for LC305",
                      stages=(ctx.ids[i],))


@rule("LC306")
def gate_without_criteria(ctx: Analysis, params: Params) -> Iterator[Hit]:
    for i, s in enumerate(ctx.lc.stages):
        if s.kind in ("gate", "validate") and not s.criteria.strip():
            yield Hit(f"{s.kind.capitalize()} stage {stage(ctx, i)} has no criteria",
                      "Write down what must hold for work to pass it",
                      stages=(ctx.ids[i],))


@rule("LC307")
def idle_owner(ctx: Analysis, params: Params) -> Iterator[Hit]:
    busy = set(ctx.owner)
    busy.update(item.owner for item in ctx.lc.items())
    for o in ctx.lc.owners:
        if o.id not in busy:
            yield Hit(f"Owner {owner_name(ctx, o.id)} owns no stage and no item",
                      "Give it a stage or an item, or remove it",
                      owners=(o.id,))
