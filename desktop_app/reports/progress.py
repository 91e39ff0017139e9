"""Progress through the four implementation phases, and whether the drawn graph backs each one.

A phase's status is derived from its items, never stored: no items or all ``todo`` is "not
started", every item ``done`` is "complete", anything else "in progress". The evidence line uses
the same test as rule LC401 (CHECKS.md): what the graph must show for a phase's claim to hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.model.document import (
    PHASE_NAMES, QUALITY_KINDS, Edge, Lifecycle, Phase,
)

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
COMPLETE = "complete"

AUTOMATED_TRIGGERS = frozenset({"schedule", "alert", "drift"})
SIGNAL_TRIGGERS = frozenset({"drift", "alert"})

# what each phase claims, in the words of the evidence line
CLAIMS: dict[int, str] = {
    1: "instrumentation",
    2: "a retraining loop",
    3: "automated retraining",
    4: "automatic, signal-driven optimisation",
}


@dataclass(frozen=True)
class Evidence:
    supported: bool
    text: str


@dataclass(frozen=True)
class PhaseProgress:
    number: int
    name: str
    planned_start: date | None
    planned_end: date | None
    done: int
    total: int
    status: str
    actual_start: date | None  # the first done_on among its items
    actual_end: date | None    # the last done_on, once the phase is complete
    evidence: Evidence

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def derived_status(phase: Phase | None) -> str:
    items = phase.items if phase else []
    if items and all(i.status == "done" for i in items):
        return COMPLETE
    if any(i.status != "todo" for i in items):
        return IN_PROGRESS
    return NOT_STARTED


def loop_closing_feedback_edges(lc: Lifecycle) -> list[Edge]:
    """Feedback edges u->v (u != v) where v reaches u: both ends in one strongly connected
    component of the whole graph (one SCC pass, no path enumeration)."""
    import networkx as nx  # on first use, so the app's start does not pay for it

    graph = nx.DiGraph()
    graph.add_nodes_from(s.id for s in lc.stages)
    graph.add_edges_from((e.source, e.target) for e in lc.edges if e.source != e.target)
    component: dict[str, int] = {}
    for n, comp in enumerate(nx.strongly_connected_components(graph)):
        for stage_id in comp:
            component[stage_id] = n
    return [
        e for e in lc.edges
        if e.kind == "feedback" and e.source != e.target
        and e.source in component and component.get(e.source) == component.get(e.target)
    ]


def _edge_phrase(lc: Lifecycle, e: Edge) -> str:
    names = {s.id: s.name for s in lc.stages}
    return f"{names.get(e.source, e.source)} -> {names.get(e.target, e.target)} ({e.trigger})"


def _gaps(lc: Lifecycle, number: int) -> tuple[list[str], list[str]]:
    """(what is missing, what supports) for phase ``number``, following LC401."""
    kinds = {s.kind for s in lc.stages}
    loops = loop_closing_feedback_edges(lc)
    missing: list[str] = []
    support: list[str] = []

    def need(ok: bool, lack: str, have: str) -> None:
        (support if ok else missing).append(have if ok else lack)

    if number == 1:
        monitors = [s.name for s in lc.stages if s.kind == "monitor"]
        need(bool(monitors), "no monitor stage is drawn", f"monitor stage {', '.join(monitors)}")
    elif number == 2:
        need(bool(loops), "no feedback edge closes a loop",
             f"feedback loop through {_edge_phrase(lc, loops[0])}" if loops else "")
        need("develop" in kinds, "no develop stage is drawn", "a develop stage")
    elif number == 3:
        auto = [e for e in loops if e.trigger in AUTOMATED_TRIGGERS]
        if not auto and any(e.kind == "feedback" and e.trigger in AUTOMATED_TRIGGERS for e in lc.edges):
            lack = "no feedback edge triggered by a schedule, an alert or drift closes a loop"
        else:
            lack = "no feedback edge is triggered by a schedule, an alert or drift"
        need(bool(auto), lack, f"automated feedback {_edge_phrase(lc, auto[0])}" if auto else "")
        need(bool(kinds & QUALITY_KINDS), "no quality stage (validate or gate) is drawn",
             "a quality stage")
    elif number == 4:
        signal = [e for e in loops if e.trigger in SIGNAL_TRIGGERS]
        if not signal and any(e.kind == "feedback" and e.trigger in SIGNAL_TRIGGERS for e in lc.edges):
            lack = "no feedback edge triggered by drift or an alert closes a loop"
        else:
            lack = "no feedback edge is triggered by drift or an alert"
        need(bool(signal), lack, f"signal-driven feedback {_edge_phrase(lc, signal[0])}" if signal else "")
        automated = [s.name for s in lc.stages if s.kind == "deploy" and s.automation == "automated"]
        need(bool(automated), "no deploy stage is automated",
             f"automated deploy stage {', '.join(automated)}")
    return missing, support


def phase_supported(lc: Lifecycle, number: int) -> bool:
    """True when the graph shows what phase ``number`` claims (the LC401 evidence)."""
    return not _gaps(lc, number)[0]


def evidence(lc: Lifecycle, number: int, status: str) -> Evidence:
    missing, support = _gaps(lc, number)
    if not missing:
        return Evidence(True, f"The graph supports phase {number}: {'; '.join(support)}")
    gap = " and ".join(missing)
    if status == COMPLETE:
        return Evidence(False, f"Phase {number} claims {CLAIMS[number]}, but {gap}")
    return Evidence(False, f"Phase {number} will claim {CLAIMS[number]}; the graph does not show it yet: {gap}")


def phase_progress(lc: Lifecycle) -> list[PhaseProgress]:
    """The four phases in order; a phase the document does not hold counts as empty."""
    held = {p.number: p for p in lc.phases}
    out = []
    for number in sorted(PHASE_NAMES):
        phase = held.get(number)
        items = phase.items if phase else []
        status = derived_status(phase)
        done_dates = sorted(i.done_on for i in items if i.status == "done" and i.done_on)
        out.append(PhaseProgress(
            number=number,
            name=PHASE_NAMES[number],
            planned_start=phase.planned_start if phase else None,
            planned_end=phase.planned_end if phase else None,
            done=sum(1 for i in items if i.status == "done"),
            total=len(items),
            status=status,
            actual_start=done_dates[0] if done_dates else None,
            actual_end=done_dates[-1] if done_dates and status == COMPLETE else None,
            evidence=evidence(lc, number, status),
        ))
    return out
