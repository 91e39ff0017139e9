"""Feedback rules, LC201 to LC209: does what production teaches reach the people who can act?"""

from __future__ import annotations

from typing import Iterator

from desktop_app.checks.assessment import assess
from bisect import bisect_left

from desktop_app.checks.catalogue import (
    Hit, Params, SortedIds, ids, plural, rule, stage, stage_list,
)
from desktop_app.checks.graph import AUTOMATED_TRIGGERS, IMPROVEMENT, Analysis


def days(value: float) -> str:
    return plural(1, "day") if value == 1 else f"{value:g} days"


@rule("LC201")
def no_feedback_loop(ctx: Analysis, params: Params) -> Iterator[Hit]:
    if ctx.n >= 2 and not ctx.loop_closing:
        yield Hit("The lifecycle has no feedback loop: nothing learned in production "
                  "returns to earlier work",
                  "Add a feedback edge from a monitor or learn stage back to a business, "
                  "data or develop stage")


@rule("LC202")
def no_monitoring(ctx: Analysis, params: Params) -> Iterator[Hit]:
    deploys = ctx.of_kind("deploy")
    if deploys and not ctx.of_kind("monitor"):
        yield Hit(f"Nothing monitors what {stage_list(ctx, deploys)} "
                  f"{'ships' if len(deploys) == 1 else 'ship'}: the lifecycle has no monitor stage",
                  "Add a monitor stage after the deploy stage",
                  stages=ids(ctx, deploys))


@rule("LC203")
def deployment_cliff(ctx: Analysis, params: Params) -> Iterator[Hit]:
    reached = ctx.improvement_owners_reached
    for i in ctx.of_kind("deploy"):
        if not reached[i]:
            yield Hit(f"Deploy stage {stage(ctx, i)} never leads back to an improvement stage: "
                      "the model is shipped and never improved",
                      "Monitor what it ships and add a feedback edge to a business, data or "
                      "develop stage",
                      stages=(ctx.ids[i],))


@rule("LC204")
def monitoring_dead_end(ctx: Analysis, params: Params) -> Iterator[Hit]:
    reached = ctx.improvement_owners_reached
    for i in ctx.of_kind("monitor"):
        if not reached[i]:
            yield Hit(f"Monitor stage {stage(ctx, i)} reaches no improvement stage: "
                      "its signals are observed and go nowhere",
                      "Add a feedback edge from it (or from a learn stage after it) to a "
                      "business, data or develop stage",
                      stages=(ctx.ids[i],))


@rule("LC205")
def manual_feedback_only(ctx: Analysis, params: Params) -> Iterator[Hit]:
    feedback = ctx.feedback
    if feedback and all(e.trigger == "manual" for e, _u, _v in feedback):
        which = {1: "The only feedback edge is", 2: "Both feedback edges are"}.get(
            len(feedback), f"All {len(feedback)} feedback edges are")
        yield Hit(f"{which} manual: production signals come back only when someone remembers",
                  "Trigger at least one feedback edge on a schedule, an alert or drift",
                  edges=[e.id for e, _u, _v in feedback])


@rule("LC206")
def slow_feedback(ctx: Analysis, params: Params) -> Iterator[Hit]:
    limit = params["max_feedback_days"]
    for i, d in ctx.monitor_latency.items():
        if d > limit:
            yield Hit(f"Feedback from monitor stage {stage(ctx, i)} takes {days(d)} to reach an "
                      f"improvement stage, more than the {days(limit)} allowed",
                      "Shorten the slowest step on the way back (automate its trigger), or raise "
                      "max_feedback_days for LC206",
                      stages=(ctx.ids[i],))


@rule("LC207")
def unguarded_automated_loop(ctx: Analysis, params: Params) -> Iterator[Hit]:
    untested = None
    kinds = ctx.kinds
    for e, u, v in ctx.feedback:
        if e.trigger in AUTOMATED_TRIGGERS and kinds[v] in IMPROVEMENT:
            if untested is None:
                untested = ctx.releases_untested
            if untested[v]:
                yield Hit(f"Feedback from {stage(ctx, u)} to {stage(ctx, v)}, triggered by "
                          f"{e.trigger}, reaches a deploy stage without passing a validate or "
                          "gate stage: automated retraining reaches production untested",
                          "Put a validate or gate stage between the retraining and the deploy "
                          "stage",
                          stages=(ctx.ids[u], ctx.ids[v]), edges=(e.id,))


@rule("LC208")
def untested_release(ctx: Analysis, params: Params) -> Iterator[Hit]:
    # develop stages of one component share their deploy list (the same list object): its
    # wording and its sorted ids are made once, and each finding only places its develop id
    shared: dict[int, tuple[str, list[str]]] = {}
    for i, deploys in ctx.deploys_untested.items():
        made = shared.get(id(deploys))
        if made is None:
            made = shared[id(deploys)] = (
                f"reaches deploy stage{'s' if len(deploys) > 1 else ''} "
                f"{stage_list(ctx, deploys)} without passing a validate or gate stage",
                sorted(set(ids(ctx, deploys))))
        wording, sorted_ids = made
        own = ctx.ids[i]
        at = bisect_left(sorted_ids, own)
        if at < len(sorted_ids) and sorted_ids[at] == own:
            named = SortedIds(sorted_ids)
        else:
            named = SortedIds((*sorted_ids[:at], own, *sorted_ids[at:]))
        yield Hit(f"Develop stage {stage(ctx, i)} {wording}",
                  "Add a validate or gate stage between it and the deploy stage",
                  stages=named)


@rule("LC209")
def paradigm_mismatch(ctx: Analysis, params: Params) -> Iterator[Hit]:
    if ctx.n < 2:
        return
    assessed = assess(ctx).classification
    declared = ctx.lc.paradigm
    if assessed is not None and declared != assessed:
        yield Hit(f"The lifecycle is declared {declared} but its graph reads as {assessed}",
                  f"Set the paradigm to {assessed}, or change the graph to match {declared}")
