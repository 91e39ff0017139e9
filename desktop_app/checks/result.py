"""What a check returns: findings, counts and the assessment, in the JSON shape of CHECKS.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str
    message: str
    hint: str
    stages: tuple[str, ...] = ()
    edges: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    phase: int | None = None
    suppressed: bool = False
    reason: str | None = None
    fixable: bool = False

    def sort_key(self) -> tuple:
        # CHECKS.md: severity, code, then the stage, edge, item and owner ids, then phase;
        # the message last only so that equal keys still give one order
        return (SEVERITY_ORDER.get(self.severity, 3), self.rule, self.stages, self.edges,
                self.items, self.owners, (self.phase is not None, self.phase or 0), self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "stages": list(self.stages),
            "edges": list(self.edges),
            "items": list(self.items),
            "owners": list(self.owners),
            "phase": self.phase,
            "suppressed": self.suppressed,
            "reason": self.reason,
            "fixable": self.fixable,
        }


def quick_finding(rule: str, name: str, severity: str, message: str, hint: str,
                  stages: tuple[str, ...], edges: tuple[str, ...], items: tuple[str, ...],
                  owners: tuple[str, ...], phase: int | None, fixable: bool) -> Finding:
    """``Finding(...)`` (unsuppressed) without the frozen dataclass's ``__init__``, which sets
    each of the 13 fields through ``object.__setattr__``: that took a third of the engine's own
    time on the 1,800 findings of a big lifecycle. The instance dict is filled at once; the
    object is the same in every way (equality, hash, repr, ``replace``), as a test checks."""
    finding = _new(Finding)
    finding.__dict__.update({
        "rule": rule, "name": name, "severity": severity, "message": message, "hint": hint,
        "stages": stages, "edges": edges, "items": items, "owners": owners, "phase": phase,
        "suppressed": False, "reason": None, "fixable": fixable,
    })
    return finding


_new = object.__new__


@dataclass(frozen=True)
class Assessment:
    classification: str | None  # None only when computing it raised (an LC000 says why)
    loop_coverage: float
    automated_feedback: float | None
    feedback_latency_days: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "classification": self.classification,
            "loop_coverage": self.loop_coverage,
            "automated_feedback": self.automated_feedback,
            "feedback_latency_days": self.feedback_latency_days,
        }


@dataclass(frozen=True)
class CheckResult:
    lifecycle: str
    findings: tuple[Finding, ...]
    counts: dict[str, int]
    assessment: Assessment

    def unsuppressed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.suppressed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "lifecycle": self.lifecycle,
            "findings": [f.to_dict() for f in self.findings],
            "counts": dict(self.counts),
            "assessment": self.assessment.to_dict(),
        }


def count(findings: tuple[Finding, ...]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for f in findings:
        counts["suppressed" if f.suppressed else f.severity] += 1
    return counts
