"""The engine: runs the selected rules with the lifecycle's settings, isolates a rule that
raises (LC000), applies suppressions (LC901 for those that matched nothing), sorts and counts."""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Iterable, Sequence

from desktop_app.checks import (  # noqa: F401  (importing the modules registers their rules)
    rules_feedback, rules_ownership, rules_phases, rules_structure,
)
from desktop_app.checks.assessment import assess
from desktop_app.checks.catalogue import IMPLEMENTATIONS, Hit, SortedIds, q
from desktop_app.checks.graph import Analysis
from desktop_app.checks.result import Assessment, CheckResult, Finding, count, quick_finding
from desktop_app.model.document import SEVERITIES, Lifecycle
from desktop_app.model.rules import RULE_TABLE

RUN_ORDER: tuple[str, ...] = tuple(sorted(IMPLEMENTATIONS))


def _matches(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector that is a prefix of ``code``; -1 when none is."""
    best = -1
    for s in selectors:
        if code.startswith(s) and len(s) > best:
            best = len(s)
    return best


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that are no rule code nor the prefix of one."""
    return [s for s in selectors if not any(code.startswith(s) for code in RULE_TABLE)]


def selected_codes(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> frozenset[str]:
    """The codes that ``--select``/``--ignore`` let run, as ruff reads them: the longest
    matching prefix decides, and on a tie ``ignore`` wins. LC000 is never hidden."""
    select = [s.strip().upper() for s in select if s.strip()]
    ignore = [s.strip().upper() for s in ignore if s.strip()]
    bad = unknown_selectors([*select, *ignore])
    if bad:
        raise ValueError(f"unknown rule code or prefix: {', '.join(bad)}")
    chosen = set()
    for code in RULE_TABLE:
        sel = _matches(code, select) if select else 0
        if code == "LC000" or (sel >= 0 and sel > _matches(code, ignore)):
            chosen.add(code)
    return frozenset(chosen)


def _ids(named) -> tuple[str, ...]:
    """The ids a finding names, sorted, each once."""
    kind = type(named)
    if kind is tuple:
        if len(named) < 2:
            return named  # most findings name one stage, or none: nothing to sort
        if len(named) == 2:  # an edge's two stages
            a, b = named
            return named if a < b else (b, a) if b < a else (a,)
    elif kind is SortedIds:
        return tuple(named)  # the rule sorted them once for many findings
    return tuple(sorted(set(named)))


def _finding(code: str, severity: str, hit: Hit, fixable: bool) -> Finding:
    return quick_finding(code, RULE_TABLE[code].name, severity, hit.message, hit.hint,
                         _ids(hit.stages), _ids(hit.edges), _ids(hit.items), _ids(hit.owners),
                         hit.phase, fixable)


def _severity(lc: Lifecycle, code: str) -> str:
    setting = lc.rules.get(code) or {}
    chosen = setting.get("severity")
    if chosen in SEVERITIES or chosen == "off":
        return chosen
    return RULE_TABLE[code].default_severity(lc.paradigm)


def _rule_error(code: str, severity: str, exc: BaseException) -> Finding:
    info = RULE_TABLE[code]
    detail = " ".join(str(exc).split()) or "(no message)"
    return Finding(
        rule="LC000", name=RULE_TABLE["LC000"].name, severity=severity,
        message=f"Rule {code} {info.name} failed with {type(exc).__name__}: {detail}",
        hint="Report this with the lifecycle document; every other rule still ran",
    )


@contextmanager
def no_collection_pauses() -> Iterator[None]:
    """Python's cycle collector held off for a short burst of allocation.

    A check allocates tens of thousands of lists and tuples that hold no cycles and die
    together; the collector's sweeps over them took about a third of the big-SCC
    lifecycle's catalogue time (5,000 stages) and freed nothing. It runs again afterwards
    as before (a thread that found it already off leaves it to the one that turned it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_lifecycle(lc: Lifecycle, *, today: datetime.date | None = None,
                    select: Sequence[str] = (), ignore: Sequence[str] = ()) -> CheckResult:
    """Every rule of CHECKS.md on one lifecycle: a pure function of it and ``today``.

    ``select`` and ``ignore`` hold codes or code prefixes (``LC2``); an unknown one raises
    ValueError. A rule that raises becomes an LC000 finding and the others still run.
    """
    with no_collection_pauses():
        return _check(lc, today, select, ignore)


def _check(lc: Lifecycle, today: datetime.date | None, select: Sequence[str],
           ignore: Sequence[str]) -> CheckResult:
    ctx = Analysis(lc, today or datetime.date.today())
    chosen = selected_codes(select, ignore)
    lc000_severity = _severity(lc, "LC000")
    if lc000_severity == "off":  # LC000 is never hidden
        lc000_severity = RULE_TABLE["LC000"].severity[0]
    findings: list[Finding] = []
    for e in ctx.dangling:
        missing = e.source if e.source not in ctx.index else e.target
        findings.append(Finding(
            rule="LC000", name=RULE_TABLE["LC000"].name, severity=lc000_severity,
            message=f"Edge {e.id} names no stage {q(missing)}; every rule ignored it",
            hint="Delete the edge or connect it to an existing stage",
            edges=(e.id,) if e.id else ()))
    ran: set[str] = set()
    for code in RUN_ORDER:
        if code not in chosen:
            continue
        severity = _severity(lc, code)
        if severity == "off":
            continue
        info = RULE_TABLE[code]
        params = dict(info.defaults)
        setting = lc.rules.get(code) or {}
        params.update((k, v) for k, v in setting.items() if k != "severity")
        fixable = info.fixable and (code != "LC301" or bool(lc.owners))
        ran.add(code)
        try:
            hits = list(IMPLEMENTATIONS[code](ctx, params))
            findings.extend(_finding(code, severity, hit, fixable) for hit in hits)
        except Exception as exc:  # noqa: BLE001  (a broken rule must not hide the others)
            findings.append(_rule_error(code, lc000_severity, exc))

    try:
        assessment = assess(ctx)
    except Exception as exc:  # noqa: BLE001
        findings.append(Finding(
            rule="LC000", name=RULE_TABLE["LC000"].name, severity=lc000_severity,
            message=f"The assessment failed with {type(exc).__name__}: {' '.join(str(exc).split())}",
            hint="Report this with the lifecycle document; every rule still ran"))
        assessment = Assessment(None, 0.0, None, None)

    findings = _suppress(lc, ctx, findings, ran, chosen)
    findings.sort(key=Finding.sort_key)
    result = tuple(findings)
    return CheckResult(lc.name, result, count(result), assessment)


def _suppress(lc: Lifecycle, ctx: Analysis, findings: list[Finding], ran: set[str],
              chosen: frozenset[str]) -> list[Finding]:
    """Mark findings that a suppression accepts; report suppressions that matched nothing."""
    if not lc.suppressions:
        return findings
    used = [False] * len(lc.suppressions)
    by_rule: dict[str, list[int]] = {}
    for k, s in enumerate(lc.suppressions):
        by_rule.setdefault(s.rule, []).append(k)

    def apply(f: Finding) -> Finding:
        reason = None
        for k in by_rule.get(f.rule, ()):
            s = lc.suppressions[k]
            if s.stage is None or s.stage in f.stages:
                used[k] = True
                if reason is None:
                    reason = s.reason
        if reason is None:
            return f
        return replace(f, suppressed=True, reason=reason)

    out = [apply(f) for f in findings]
    lc901 = _severity(lc, "LC901")
    if "LC901" in chosen and lc901 != "off":
        stale = []
        for k, s in enumerate(lc.suppressions):
            # a suppression of a rule that did not run matched nothing only by our choice
            if used[k] or s.rule == "LC901" or s.rule not in ran:
                continue
            stale.append(_stale(ctx, s.rule, s.stage, lc901))
        out.extend(apply(f) for f in stale)
        for k, s in enumerate(lc.suppressions):
            if s.rule == "LC901" and not used[k]:
                out.append(_stale(ctx, s.rule, s.stage, lc901))
    return out


def _stale(ctx: Analysis, rule: str, stage_id: str | None, severity: str) -> Finding:
    info = RULE_TABLE.get(rule)
    what = f"{rule} ({info.name})" if info else rule
    if stage_id is None:
        where, why = "", ""
    elif stage_id in ctx.index:
        where, why = f" on stage {q(ctx.names[ctx.index[stage_id]])}", ""
    else:
        where, why = f" on stage id {q(stage_id)}", ", and no stage has that id"
    return Finding(
        rule="LC901", name=RULE_TABLE["LC901"].name, severity=severity,
        message=f"The suppression of {what}{where} matches no finding{why}",
        hint="Remove the suppression: what it accepted is gone",
    )
