"""Where the catalogue's time goes: CPU milliseconds per rule on the 5,000-stage graphs.

    python tests/benchmarks/rule_times.py [layered] [scc]

Each rule runs on a fresh analysis in the engine's order, so a fact shared by several rules
(the components of G, the predecessors...) is charged to the first rule that asks for it;
"findings" is turning the rules' hits into findings, "sort" their ordering, "total" the whole
``check_lifecycle``. The cycle collector is off throughout and every figure is the median of
15 passes. Not a figure of DESIGN.md: a tool for finding what to make faster.
"""

from __future__ import annotations

import datetime
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import networkx as nx  # noqa: E402

from desktop_app.checks import engine  # noqa: E402
from desktop_app.checks.catalogue import IMPLEMENTATIONS  # noqa: E402
from desktop_app.checks.graph import Analysis  # noqa: E402
from desktop_app.checks.result import Finding  # noqa: E402
from desktop_app.model.rules import RULE_TABLE  # noqa: E402
from generate import make_lifecycle, make_scc_lifecycle  # noqa: E402

TODAY = datetime.date(2026, 11, 26)


def rule_times(kind: str, passes: int = 15) -> dict[str, float]:
    lc = make_scc_lifecycle(5000) if kind == "scc" else make_lifecycle(5000, 10000)
    g = nx.MultiDiGraph()
    g.add_nodes_from(s.id for s in lc.stages)
    g.add_edges_from((e.source, e.target) for e in lc.edges)
    clock = time.process_time
    seen: dict[str, list[float]] = {}
    gc.disable()
    try:
        for _ in range(passes):
            t = clock()
            list(nx.strongly_connected_components(g))
            seen.setdefault("SCC pass", []).append(clock() - t)
            t = clock()
            ctx = Analysis(lc, TODAY)
            seen.setdefault("analysis", []).append(clock() - t)
            findings, making = [], 0.0
            for code in engine.RUN_ORDER:
                t = clock()
                hits = list(IMPLEMENTATIONS[code](ctx, dict(RULE_TABLE[code].defaults)))
                t2 = clock()
                findings += [engine._finding(code, "error", h, False) for h in hits]
                making += clock() - t2
                seen.setdefault(code, []).append(t2 - t)
            seen.setdefault("findings", []).append(making)
            t = clock()
            findings.sort(key=Finding.sort_key)
            seen.setdefault("sort", []).append(clock() - t)
            t = clock()
            engine.check_lifecycle(lc, today=TODAY)
            seen.setdefault("total", []).append(clock() - t)
    finally:
        gc.enable()
    return {k: statistics.median(v) * 1e3 for k, v in seen.items()}


def main(argv: list[str]) -> None:
    for kind in argv[1:] or ["layered", "scc"]:
        times = rule_times(kind)
        shown = "  ".join(f"{k} {v:.1f}" for k, v in times.items() if v >= 0.3)
        print(f"{kind}: {shown}  (ms)")


if __name__ == "__main__":
    main(sys.argv)
