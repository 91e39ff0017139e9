"""The rule catalogue as static data: codes, names, default severities, parameters, quick fixes.

Both the checks (which run the rules) and the interchange validator (which refuses a document
whose ``rules`` or ``suppressions`` name an unknown code or parameter) read this table, so it
lives in the model layer: checks and interchange stay independent of each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from desktop_app.model.document import SEVERITY_SETTINGS


@dataclass(frozen=True)
class ParamInfo:
    """One rule parameter. ``type`` uses JSON Schema words: ``number`` or ``integer``."""

    name: str
    type: str
    default: float | int
    minimum: float | int = 0
    description: str = ""


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    # (feedback-loop and hybrid, assembly-line): CHECKS.md's "by paradigm"; equal when it is not
    severity: tuple[str, str]
    params: tuple[ParamInfo, ...] = ()
    fixable: bool = False
    summary: str = ""

    def default_severity(self, paradigm: str | None) -> str:
        return self.severity[1] if paradigm == "assembly-line" else self.severity[0]

    @property
    def defaults(self) -> dict[str, float | int]:
        return {p.name: p.default for p in self.params}


def _r(code: str, name: str, severity: str, summary: str, *params: ParamInfo,
       fixable: bool = False) -> RuleInfo:
    first, _, second = severity.partition("/")
    return RuleInfo(code, name, (first, second or first), tuple(params), fixable, summary)


RULE_TABLE: dict[str, RuleInfo] = {r.code: r for r in (
    _r("LC000", "rule-error", "error", "a rule raised an exception"),
    # structure
    _r("LC101", "empty-lifecycle", "error", "the lifecycle has no stage"),
    _r("LC102", "no-entry", "error", "the lifecycle has stages but no entry stage"),
    _r("LC103", "unreachable-stage", "error", "a stage that no entry stage reaches"),
    _r("LC104", "dead-end", "warning/info", "a stage with no edge to another stage"),
    _r("LC105", "orphan-stage", "error", "a stage with no edge to or from another stage"),
    _r("LC106", "self-loop", "warning", "an edge whose source is its target", fixable=True),
    _r("LC107", "duplicate-edge", "warning", "edges with the same source, target and kind",
       fixable=True),
    _r("LC108", "duplicate-stage-name", "warning", "stages with the same name"),
    _r("LC109", "undeclared-loop", "warning", "a loop drawn with flow edges only", fixable=True),
    _r("LC110", "feedback-goes-nowhere", "warning", "a feedback edge that closes no loop",
       fixable=True),
    # feedback
    _r("LC201", "no-feedback-loop", "error/info", "the lifecycle has no feedback loop"),
    _r("LC202", "no-monitoring", "error/warning", "a deploy stage exists and no monitor stage"),
    _r("LC203", "deployment-cliff", "error", "a deploy stage that reaches no improvement stage"),
    _r("LC204", "monitoring-dead-end", "error",
       "a monitor stage that reaches no improvement stage"),
    _r("LC205", "manual-feedback-only", "warning/info", "every feedback edge is manual"),
    _r("LC206", "slow-feedback", "warning", "feedback from a monitor stage takes too long",
       ParamInfo("max_feedback_days", "number", 30, 0,
                 "longest acceptable latency from a monitor stage to an improvement stage")),
    _r("LC207", "unguarded-automated-loop", "error",
       "automated retraining reaches a deploy stage without a quality stage"),
    _r("LC208", "untested-release", "error",
       "a develop stage reaches a deploy stage without a quality stage"),
    _r("LC209", "paradigm-mismatch", "info", "the declared paradigm differs from the assessed one"),
    # ownership
    _r("LC301", "unowned-stage", "error", "a stage with no owner", fixable=True),
    _r("LC303", "production-handoff", "warning/info",
       "the team that watches production owns none of the improvement stages it feeds"),
    _r("LC304", "loop-ownership-sprawl", "warning", "a feedback loop with too many owners",
       ParamInfo("max_loop_owners", "integer", 3, 0, "most distinct owners in one loop")),
    _r("LC305", "handoff-chain", "info", "too many ownership changes on the way to a deploy stage",
       ParamInfo("max_handoffs", "integer", 3, 0,
                 "most ownership changes from an entry stage to a deploy stage")),
    _r("LC306", "gate-without-criteria", "warning", "a gate or validate stage without criteria"),
    _r("LC307", "idle-owner", "info", "an owner that owns no stage and no item"),
    # phases
    _r("LC401", "phase-claim-unsupported", "warning",
       "a phase marked done while the graph lacks its evidence"),
    _r("LC402", "phase-out-of-order", "info", "a phase has done items while an earlier one lags"),
    _r("LC403", "overdue-item", "warning", "an item past its due date and not done"),
    _r("LC404", "unowned-active-item", "warning", "an item in progress or blocked with no owner"),
    # the checker itself
    _r("LC901", "unused-suppression", "warning", "a suppression that matched no finding"),
)}


def known_rule_codes() -> frozenset[str]:
    """Every code a document's ``rules`` or ``suppressions`` may name."""
    return frozenset(RULE_TABLE)


def rule_parameters(code: str) -> dict[str, ParamInfo]:
    """The parameters of one rule by name (KeyError for an unknown code)."""
    return {p.name: p for p in RULE_TABLE[code].params}


def setting_problems(code: str, setting: Mapping[str, Any]) -> list[str]:
    """What is wrong with one entry of a document's ``rules`` (empty when nothing is).

    Messages are relative to the entry, e.g. ``max_feedback_days: must be a number >= 0``;
    the caller prefixes the path (``rules.LC206``).
    """
    if code not in RULE_TABLE:
        return [f"unknown rule code {code!r}"]
    problems: list[str] = []
    params = rule_parameters(code)
    for key, value in setting.items():
        if key == "severity":
            if value not in SEVERITY_SETTINGS:
                problems.append(f"severity: {value!r} is not one of {', '.join(SEVERITY_SETTINGS)}")
            continue
        param = params.get(key)
        if param is None:
            known = ", ".join(["severity", *params]) or "severity"
            problems.append(f"{key}: unknown parameter of {code} (it takes {known})")
            continue
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if param.type == "integer" and not (is_number and isinstance(value, int)):
            problems.append(f"{key}: {value!r} is not an integer >= {param.minimum}")
        elif not is_number:
            problems.append(f"{key}: {value!r} is not a number >= {param.minimum}")
        elif value < param.minimum:
            problems.append(f"{key}: {value!r} is less than {param.minimum}")
    return problems
