"""Speed of the checks, as ratios to one networkx strongly-connected-components pass.

The machines are noisy and shared, so every figure is a ratio to a baseline measured in the same
run, and the runs interleave: each round times the baseline, then the catalogue, then the
command; the figure is the best catalogue time over the best baseline time. Times are CPU time
of this process (``time.process_time``): on a shared machine wall-clock time mostly measures
the neighbours.

Figures (CHECKS.md, Speed; the issue's targets):
- checks: ``check_lifecycle`` on 5,000 stages and 10,000 edges / one
  ``nx.strongly_connected_components`` pass over the same graph: G of CHECKS.md, the directed
  multigraph of every edge, as an ``nx.MultiDiGraph`` built beforehand (not timed). The note
  also gives the ratio against an ``nx.DiGraph`` of the same edges (a slightly faster pass).
  Target <= 6.
- check command: ``lifecycle-studio check FILE --format json`` in-process on that document written
  as ``.lifecycle.json`` (reading, validating, checking and printing; process start-up
  excluded) / the same baseline. Target <= 20.
- checks (100 stages): the catalogue on 100 stages and 200 edges / one SCC pass on that graph;
  the note gives milliseconds (the editor reruns the checks after every edit: about 1 ms).

Run: ``python tests/benchmarks/bench_checks.py`` (prints the figures).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx  # noqa: E402

from desktop_app.checks import check_lifecycle  # noqa: E402
from desktop_app.model.document import Lifecycle  # noqa: E402
from generate import make_lifecycle  # noqa: E402

TODAY = datetime.date(2026, 11, 26)


def _graph(lc: Lifecycle, kind: type = nx.MultiDiGraph) -> nx.DiGraph:
    g = kind()
    g.add_nodes_from(s.id for s in lc.stages)
    g.add_edges_from((e.source, e.target) for e in lc.edges)
    return g


def _timer(fn: Callable[[], object]) -> Callable[[], float]:
    def once() -> float:
        start = time.process_time()
        fn()
        return time.process_time() - start
    return once


def _interleaved(timers: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    best = {name: float("inf") for name in timers}
    for _ in range(rounds):
        for name, t in timers.items():
            best[name] = min(best[name], t())
    return best


def _run_command(path: str) -> None:
    from desktop_app.cli import main

    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        main(["check", path, "--format", "json", "--today", TODAY.isoformat()])


def run(rounds: int = 11) -> list[tuple[str, float, str]]:
    from desktop_app.checks.formats import Checked, format_json
    from desktop_app.interchange import read_document, write_document

    big = make_lifecycle(5000, 10000)
    small = make_lifecycle(100, 200)
    g_big, g_small = _graph(big), _graph(small)
    d_big = _graph(big, nx.DiGraph)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "big.lifecycle.json")
        write_document(big, path)
        _run_command(path)  # warm the imports: start-up is not what is measured
        # the catalogue and its baselines are quick: many rounds find the quiet moments
        best = _interleaved({
            "scc": _timer(lambda: list(nx.strongly_connected_components(g_big))),
            "scc_digraph": _timer(lambda: list(nx.strongly_connected_components(d_big))),
            "checks": _timer(lambda: check_lifecycle(big, today=TODAY)),
        }, rounds * 3)
        best.update(_interleaved({
            "command": _timer(lambda: _run_command(path)),
            "read": _timer(lambda: read_document(path)),
            "print": _timer(lambda: format_json(
                [Checked(path, path, check_lifecycle(big, today=TODAY))])),
        }, rounds))
    small_best = _interleaved({
        "scc": _timer(lambda: list(nx.strongly_connected_components(g_small))),
        "checks": _timer(lambda: check_lifecycle(small, today=TODAY)),
    }, rounds * 20)
    base = best["scc"]
    return [
        ("checks (5,000 stages, 10,000 edges)", best["checks"] / base,
         f"target <= 6; {best['checks'] * 1e3:.1f} ms vs one nx SCC pass {base * 1e3:.1f} ms "
         f"(MultiDiGraph); {best['checks'] / best['scc_digraph']:.2f}x against a DiGraph pass"),
        ("check command (json, same document)", best["command"] / base,
         f"target <= 20; {best['command'] * 1e3:.1f} ms: read_document (parse, validate, "
         f"build) {best['read'] / base:.1f}x, checks {best['checks'] / base:.1f}x, "
         f"JSON output {max(0.0, best['print'] - best['checks']) / base:.1f}x"),
        ("checks at 100 stages, 200 edges", small_best["checks"] / small_best["scc"],
         f"{small_best['checks'] * 1e3:.2f} ms per run (editor reruns after each edit; "
         f"target about 1 ms)"),
    ]


def main() -> None:
    for name, ratio, note in run():
        print(f"{name:<38} {ratio:7.2f}x  {note}")


if __name__ == "__main__":
    main()
