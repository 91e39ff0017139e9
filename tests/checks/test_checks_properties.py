"""Properties of the engine on random lifecycles (hypothesis):

- findings and assessment do not depend on the order of stages and edges in the document;
- renaming ids renames them in the findings and changes nothing else;
- the graph rules agree with a plain networkx reading of CHECKS.md (descendants, Dijkstra, SCC),
  which is slow but obviously right.
"""

from __future__ import annotations

import datetime
import random

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.checks import check_lifecycle
from desktop_app.model.document import (
    AUTOMATIONS, STAGE_KINDS, TRIGGERS, Edge, Item, Lifecycle, Owner, Phase, Stage, Suppression,
)

TODAY = datetime.date(2026, 11, 26)
NAMES = ["Train", "train ", "Deploy", "Watch", "Data", "Review", "Gate", "Ship it"]
OWNERS = ["ds", "ops", "risk"]
# latencies exact in binary: sums do not depend on the order they are added in
LATENCIES = [None, 0, 1, 2.5, 7, 30, 31.5]
SUPPRESSIBLE = ["LC104", "LC105", "LC203", "LC204", "LC301", "LC303", "LC306", "LC201"]
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def lifecycles(draw, max_stages: int = 8) -> Lifecycle:
    n = draw(st.integers(0, max_stages))
    owners = [Owner(o, o.upper()) for o in OWNERS]
    stages = [Stage(f"s{i}", draw(st.sampled_from(NAMES)), draw(st.sampled_from(STAGE_KINDS)),
                    draw(st.sampled_from([None, *OWNERS])),
                    automation=draw(st.sampled_from(AUTOMATIONS)),
                    criteria=draw(st.sampled_from(["", " ", "must pass"])))
              for i in range(n)]
    edges = []
    if n:
        for k in range(draw(st.integers(0, 3 * n))):
            edges.append(Edge(f"e{k + 1}", f"s{draw(st.integers(0, n - 1))}",
                              f"s{draw(st.integers(0, n - 1))}",
                              draw(st.sampled_from(["flow", "flow", "feedback"])),
                              draw(st.sampled_from(TRIGGERS)),
                              draw(st.sampled_from(LATENCIES))))
    phases = []
    item_no = 0
    for number in draw(st.lists(st.integers(1, 4), unique=True, max_size=3)):
        items = []
        for _ in range(draw(st.integers(0, 3))):
            item_no += 1
            status = draw(st.sampled_from(["todo", "doing", "done", "blocked"]))
            items.append(Item(f"i{item_no}", f"Item {item_no}", status,
                              draw(st.sampled_from([None, *OWNERS])),
                              draw(st.sampled_from([None, datetime.date(2026, 1, 1),
                                                    datetime.date(2027, 1, 1)])),
                              datetime.date(2026, 1, 1) if status == "done" else None))
        phases.append(Phase(number, items=items))
    suppressions = [Suppression(draw(st.sampled_from(SUPPRESSIBLE)), "accepted",
                                draw(st.sampled_from([None, "nowhere", *(s.id for s in stages)])))
                    for _ in range(draw(st.integers(0, 2)))]
    rules = draw(st.sampled_from([{}, {"LC206": {"max_feedback_days": 5}},
                                  {"LC305": {"max_handoffs": 1}, "LC104": {"severity": "off"}},
                                  {"LC304": {"max_loop_owners": 1}, "LC201": {"severity": "info"}}]))
    return Lifecycle(name="Random", paradigm=draw(st.sampled_from(
        ["assembly-line", "feedback-loop", "hybrid"])), owners=owners, stages=stages,
        edges=edges, phases=phases, rules=rules, suppressions=suppressions)


def check(lc: Lifecycle):
    return check_lifecycle(lc, today=TODAY)


@SETTINGS
@given(lifecycles(), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_document_order(lc, rnd):
    before = check(lc)
    shuffled = Lifecycle(**{**lc.__dict__, "stages": rnd.sample(lc.stages, len(lc.stages)),
                            "edges": rnd.sample(lc.edges, len(lc.edges))})
    after = check(shuffled)
    assert after.findings == before.findings
    assert after.counts == before.counts
    assert after.assessment == before.assessment


def _renamed(lc: Lifecycle, rnd: random.Random) -> tuple[Lifecycle, dict[str, str]]:
    old = [s.id for s in lc.stages] + [e.id for e in lc.edges] + [o.id for o in lc.owners] \
        + [i.id for i in lc.items()]
    new = [f"z{k}-{rnd.randrange(10**6)}" for k in range(len(old))]
    rnd.shuffle(new)
    m = dict(zip(old, new))
    r = lambda x: None if x is None else m.get(x, x)  # noqa: E731  ("nowhere" stays)
    return Lifecycle(
        name=lc.name, paradigm=lc.paradigm, description=lc.description,
        owners=[Owner(m[o.id], o.name, o.kind) for o in lc.owners],
        stages=[Stage(m[s.id], s.name, s.kind, r(s.owner), s.automation, s.criteria)
                for s in lc.stages],
        edges=[Edge(m[e.id], m[e.source], m[e.target], e.kind, e.trigger, e.latency_days)
               for e in lc.edges],
        phases=[Phase(p.number, items=[Item(m[i.id], i.title, i.status, r(i.owner), i.due,
                                            i.done_on) for i in p.items]) for p in lc.phases],
        rules=lc.rules,
        suppressions=[Suppression(s.rule, s.reason, r(s.stage)) for s in lc.suppressions],
    ), m


@SETTINGS
@given(lifecycles(), st.randoms(use_true_random=False))
def test_renaming_ids_renames_them_in_the_findings_and_nothing_else(lc, rnd):
    renamed, m = _renamed(lc, rnd)
    before, after = check(lc), check(renamed)

    def view(f, mapping):
        ids = lambda xs: tuple(sorted(mapping.get(x, x) for x in xs))  # noqa: E731
        return (f.rule, f.name, f.severity, f.message, f.hint, ids(f.stages), ids(f.edges),
                ids(f.items), ids(f.owners), f.phase, f.suppressed, f.reason, f.fixable)

    assert sorted(view(f, m) for f in before.findings) == sorted(view(f, {}) for f in after.findings)
    assert after.counts == before.counts and after.assessment == before.assessment


# ---- networkx oracle ----------------------------------------------------------------------

IMPROVEMENT = {"business", "data", "develop"}
QUALITY = {"validate", "gate"}


class Oracle:
    """CHECKS.md read literally, on networkx, one search per stage: fine for 8 stages."""

    def __init__(self, lc: Lifecycle) -> None:
        self.lc = lc
        self.kind = {s.id: s.kind for s in lc.stages}
        self.owner = {s.id: s.owner for s in lc.stages}
        self.g = nx.MultiDiGraph()
        self.g.add_nodes_from(self.kind)
        self.g.add_edges_from((e.source, e.target, {"e": e}) for e in lc.edges
                              if e.source != e.target)

    def reach(self, a: str, graph=None) -> set[str]:
        g = self.g if graph is None else graph
        out: set[str] = set()
        for s in g.successors(a):
            out |= {s} | nx.descendants(g, s)
        return out

    def loop_closing(self) -> list[Edge]:
        return [e for e in self.lc.edges if e.kind == "feedback" and e.source != e.target
                and e.source in self.reach(e.target)]

    def of(self, kind: str) -> list[str]:
        return [s for s, k in self.kind.items() if k == kind]

    def expected(self) -> dict[str, set[tuple[str, ...]]]:
        lc, kind = self.lc, self.kind
        exp: dict[str, set[tuple[str, ...]]] = {}
        improving = {s: {t for t in self.reach(s) if kind[t] in IMPROVEMENT} for s in kind}
        exp["LC203"] = {(d,) for d in self.of("deploy") if not improving[d]}
        exp["LC204"] = {(m,) for m in self.of("monitor") if not improving[m]}
        exp["LC110"] = {tuple(sorted((e.source, e.target))) + (e.id,) for e in lc.edges
                        if e.kind == "feedback" and e.source != e.target
                        and e.source not in self.reach(e.target)}
        flow = nx.DiGraph()
        flow.add_nodes_from(kind)
        flow.add_edges_from((e.source, e.target) for e in lc.edges
                            if e.kind == "flow" and e.source != e.target)
        exp["LC109"] = {tuple(sorted(c)) for c in nx.strongly_connected_components(flow)
                        if len(c) > 1}
        h = self.g.subgraph([s for s in kind if kind[s] not in QUALITY])
        exp["LC208"] = set()
        for d in self.of("develop"):
            deploys = sorted(t for t in nx.descendants(h, d) if kind[t] == "deploy")
            if deploys:
                exp["LC208"].add(tuple(sorted([d, *deploys])))
        exp["LC207"] = {tuple(sorted((e.source, e.target))) + (e.id,) for e in lc.edges
                        if e.kind == "feedback" and e.source != e.target
                        and e.trigger in ("schedule", "alert", "drift")
                        and kind[e.target] in IMPROVEMENT
                        and any(kind[t] == "deploy" for t in nx.descendants(h, e.target))}
        exp["LC303"] = set()
        for m in self.of("monitor"):
            o = self.owner[m]
            if o and improving[m] and all(self.owner[t] != o for t in improving[m]):
                exp["LC303"].add((m,))
        entries = [s for s in kind if not any(e.kind == "flow" and e.target == s != e.source
                                              for e in lc.edges)]
        reached = set(entries).union(*(nx.descendants(self.g, s) for s in entries))
        orphan = {s for s in kind if len(kind) > 1 and self.g.degree(s) == 0}
        exp["LC103"] = {(s,) for s in kind if entries and s not in reached and s not in orphan}
        return exp

    def handoffs(self) -> dict[str, int]:
        g = nx.DiGraph()
        g.add_nodes_from(self.kind)
        for u, v in self.g.edges():
            g.add_edge(u, v, weight=int(self.owner[u] != self.owner[v]))
        entries = [s for s in self.kind if not any(
            e.kind == "flow" and e.target == s != e.source for e in self.lc.edges)]
        if not entries:
            return {}
        dist = nx.multi_source_dijkstra_path_length(g, set(entries))
        return {d: dist[d] for d in self.of("deploy") if d in dist}

    def latencies(self) -> dict[str, float]:
        g = nx.DiGraph()
        g.add_nodes_from(self.kind)
        for u, v, data in self.g.edges(data=True):
            w = data["e"].latency_days or 0
            if not g.has_edge(v, u) or g[v][u]["weight"] > w:
                g.add_edge(v, u, weight=w)  # reversed: from improvement stages outwards
        sources = {s for s, k in self.kind.items() if k in IMPROVEMENT}
        if not sources:
            return {}
        dist = nx.multi_source_dijkstra_path_length(g, sources)
        return {m: float(dist[m]) for m in self.of("monitor") if m in dist}


@SETTINGS
@given(lifecycles())
def test_graph_rules_agree_with_networkx(lc):
    lc.rules, lc.suppressions = {}, []
    result = check(lc)
    oracle = Oracle(lc)
    got: dict[str, set[tuple[str, ...]]] = {}
    for f in result.findings:
        got.setdefault(f.rule, set()).add(f.stages + f.edges)
    for code, want in oracle.expected().items():
        assert got.get(code, set()) == want, code
    closing = oracle.loop_closing()
    assert ("LC201" in got) == (len(lc.stages) >= 2 and not closing)
    latencies = oracle.latencies()
    assert result.assessment.feedback_latency_days == min(latencies.values(), default=None)
    for limit in (0, 1, 2.5, 7):
        lc.rules = {"LC206": {"max_feedback_days": limit}}
        slow = {f.stages for f in check_lifecycle(lc, today=TODAY, select=["LC206"]).findings}
        assert slow == {(m,) for m, d in latencies.items() if d > limit}
    handoffs = oracle.handoffs()
    for limit in range(4):
        lc.rules = {"LC305": {"max_handoffs": limit}}
        chains = {f.stages for f in check_lifecycle(lc, today=TODAY, select=["LC305"]).findings}
        assert chains == {(d,) for d, h in handoffs.items() if h > limit}
    if closing:
        auto = sum(e.trigger != "manual" for e in closing) / len(closing)
        assert result.assessment.automated_feedback == auto
    else:
        assert result.assessment.automated_feedback is None
        assert result.assessment.classification == "assembly-line"
