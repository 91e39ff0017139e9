"""Progress through the four implementation phases, and whether the drawn graph backs each one.

A phase's status is derived from its items, never stored: no items or all ``todo`` is "not
started", every item ``done`` is "complete", anything else "in progress". The evidence line calls
rule LC401's own test (CHECKS.md): what the graph must show for a phase's claim to hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from desktop_app.model.document import PHASE_NAMES, Lifecycle, Phase

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
COMPLETE = "complete"

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


def missing_evidence(lc: Lifecycle, numbers: Iterable[int] = tuple(PHASE_NAMES)) -> dict[int, list[str]]:
    """What the graph lacks for each phase's claim, as rule LC401 sees it (empty: supported).

    The rule's own test is called, so the dock, the reports and ``check`` never disagree; the
    checks load on first use, not with the window."""
    from desktop_app.checks.graph import Analysis
    from desktop_app.checks.rules_phases import missing_evidence as lc401_missing

    analysis = Analysis(lc, date.today())  # the evidence does not depend on the day
    return {n: lc401_missing(analysis, n) for n in numbers}


def phase_supported(lc: Lifecycle, number: int) -> bool:
    """True when the graph shows what phase ``number`` claims (the LC401 evidence)."""
    return not missing_evidence(lc, (number,))[number]


def evidence(number: int, status: str, missing: list[str]) -> Evidence:
    if not missing:
        return Evidence(True, f"The graph supports phase {number}: it shows {CLAIMS[number]}")
    gap = " and ".join(missing)
    if status == COMPLETE:
        return Evidence(False, f"Phase {number} claims {CLAIMS[number]}, but the graph lacks {gap}")
    return Evidence(False, f"Phase {number} is to bring {CLAIMS[number]}; the graph still lacks {gap}")


def phase_progress(lc: Lifecycle) -> list[PhaseProgress]:
    """The four phases in order; a phase the document does not hold counts as empty."""
    held = {p.number: p for p in lc.phases}
    missing = missing_evidence(lc)
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
            evidence=evidence(number, status, missing[number]),
        ))
    return out
