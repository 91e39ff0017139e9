"""Phase rules, LC401 to LC404: does the progress claimed match the graph and the calendar?"""

from __future__ import annotations

from typing import Iterator

from desktop_app.checks.catalogue import Hit, Params, listing, q, rule
from desktop_app.checks.graph import QUALITY, Analysis
from desktop_app.model.document import PHASE_NAMES


def phase_label(number: int, word: str = "phase") -> str:
    name = PHASE_NAMES.get(number)
    return f"{word} {number} ({name})" if name else f"{word} {number}"


def missing_evidence(ctx: Analysis, number: int) -> list[str]:
    """What the graph lacks for a phase's claim (CHECKS.md, LC401); empty when supported."""
    kinds = set(ctx.kinds)
    closing = ctx.loop_closing
    missing: list[str] = []
    if number == 1:
        if "monitor" not in kinds:
            missing.append("a monitor stage")
    elif number == 2:
        if not closing:
            missing.append("a feedback loop")
        if "develop" not in kinds:
            missing.append("a develop stage")
    elif number == 3:
        if not any(e.trigger in ("schedule", "alert", "drift") for e, _u, _v in closing):
            missing.append("a feedback loop triggered by a schedule, an alert or drift")
        if not kinds & QUALITY:
            missing.append("a validate or gate stage")
    elif number == 4:
        if not any(e.trigger in ("drift", "alert") for e, _u, _v in closing):
            missing.append("a feedback loop triggered by drift or an alert")
        if not any(s.kind == "deploy" and s.automation == "automated" for s in ctx.lc.stages):
            missing.append("an automated deploy stage")
    return missing


@rule("LC401")
def phase_claim_unsupported(ctx: Analysis, params: Params) -> Iterator[Hit]:
    for phase in ctx.lc.phases:
        if phase.items and all(item.status == "done" for item in phase.items):
            missing = missing_evidence(ctx, phase.number)
            if missing:
                yield Hit(f"{phase_label(phase.number, 'Phase')} is marked done but the graph "
                          f"lacks {listing(missing)}",
                          "Draw what the phase put in place, or reopen the items that are not "
                          "really done",
                          phase=phase.number)


@rule("LC402")
def phase_out_of_order(ctx: Analysis, params: Params) -> Iterator[Hit]:
    phases = sorted(ctx.lc.phases, key=lambda p: p.number)
    lagging: int | None = None  # the earliest phase so far with items, under half of them done
    for phase in phases:
        if lagging is not None and any(item.status == "done" for item in phase.items):
            yield Hit(f"{phase_label(phase.number, 'Phase')} has done items while "
                      f"{phase_label(lagging)} has fewer than half of its items done",
                      "Finish the earlier phase first, or move the items to the phase they "
                      "belong to",
                      phase=phase.number)
        items = phase.items
        if lagging is None and items:
            done = sum(1 for item in items if item.status == "done")
            if 2 * done < len(items):
                lagging = phase.number


@rule("LC403")
def overdue_item(ctx: Analysis, params: Params) -> Iterator[Hit]:
    today = ctx.today
    for item in ctx.lc.items():
        if item.due is not None and item.due < today and item.status != "done":
            yield Hit(f"Item {q(item.title)} was due on {item.due.isoformat()} and is "
                      f"still {item.status}",
                      "Finish it, or move its due date",
                      items=(item.id,))


@rule("LC404")
def unowned_active_item(ctx: Analysis, params: Params) -> Iterator[Hit]:
    for item in ctx.lc.items():
        if item.status in ("doing", "blocked") and not item.owner:
            yield Hit(f"Item {q(item.title)} is {item.status} and has no owner",
                      "Assign who is working on it",
                      items=(item.id,))
