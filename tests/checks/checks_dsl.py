"""A compact way to write small lifecycles in tests.

``make("d:develop:ds p:deploy:ops m:monitor:ops", "d>p p>m m~d:drift@3")`` builds stages
``id:kind[:owner]`` (named after their id, capitalised) and edges ``a>b`` (flow) or ``a~b``
(feedback) with an optional ``:trigger`` and ``@latency_days``; edge ids are e1, e2, ... in order.
Owners named by stages are created (id = name). Validate and gate stages get criteria unless
``criteria`` says otherwise, so that LC306 stays quiet where a test is about something else.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Iterable

from desktop_app.checks import CheckResult, Finding, check_lifecycle
from desktop_app.model.document import Edge, Lifecycle, Owner, Stage

TODAY = datetime.date(2026, 11, 26)
EDGE = re.compile(r"^(?P<s>[^>~]+)(?P<k>[>~])(?P<t>[^:@]+)(?::(?P<trig>\w+))?(?:@(?P<lat>[\d.]+))?$")


def make(stages: str = "", edges: str = "", *, paradigm: str = "hybrid",
         owners: Iterable[str] = (), criteria: dict[str, str] | None = None,
         automation: dict[str, str] | None = None, **fields: Any) -> Lifecycle:
    criteria = criteria or {}
    automation = automation or {}
    stage_list: list[Stage] = []
    owner_ids: list[str] = list(owners)
    for token in stages.split():
        sid, kind, *rest = token.split(":")
        owner = rest[0] if rest else None
        if owner and owner not in owner_ids:
            owner_ids.append(owner)
        default_criteria = "must pass" if kind in ("validate", "gate") else ""
        stage_list.append(Stage(sid, sid.capitalize(), kind, owner,
                                automation=automation.get(sid, "manual"),
                                criteria=criteria.get(sid, default_criteria)))
    edge_list: list[Edge] = []
    for token in edges.split():
        m = EDGE.match(token)
        assert m, token
        lat = m["lat"]
        edge_list.append(Edge(f"e{len(edge_list) + 1}", m["s"], m["t"],
                              "flow" if m["k"] == ">" else "feedback",
                              m["trig"] or "manual",
                              None if lat is None else float(lat)))
    return Lifecycle(name=fields.pop("name", "Test"), paradigm=paradigm,
                     owners=[Owner(o, o.upper()) for o in owner_ids],
                     stages=stage_list, edges=edge_list, **fields)


def run(lc: Lifecycle, *codes: str, today: datetime.date = TODAY, **kw: Any) -> CheckResult:
    return check_lifecycle(lc, today=today, select=codes, **kw)


def found(lc: Lifecycle, code: str, **kw: Any) -> list[Finding]:
    """The findings of one rule, run alone."""
    return [f for f in run(lc, code, **kw).findings if f.rule == code]


def named(findings: list[Finding]) -> list[tuple[str, ...]]:
    return [f.stages for f in findings]
