"""Speed of the checks, as ratios to one networkx strongly-connected-components pass.

Every figure runs on both 5,000-stage graphs of ``generate.py``: the layered lifecycle
(``make_lifecycle(5000, 10000)``) and the big-SCC one (``make_scc_lifecycle(5000)``: long
random edges, one component holding most stages; LC208 names over 100,000 stage ids there).

The baseline is one ``nx.strongly_connected_components`` pass over G of CHECKS.md (the directed
multigraph of every edge, as an ``nx.MultiDiGraph`` built beforehand, not timed). Every time is
a median of many passes after a warm-up, and the passes interleave (baseline, then the measured
thing, then the baseline again...), so a noisy neighbour on the shared machine hits both sides.
Times are CPU time (``time.process_time`` in process; user + system time of the child for the
command), since on a shared machine wall-clock time mostly measures the neighbours; the notes
give wall time of the command too.

Figures (CHECKS.md, Speed; issue 11's targets):
- checks: ``check_lifecycle`` in process / the SCC pass. Target <= 5 on both graphs.
- check command: ``lifecycle-studio check FILE --format json`` end to end in process (argv to
  the printed JSON: reading, validating, checking, printing) / the SCC pass. Target <= 12. The
  note splits it: read_document, the catalogue, the JSON output.
- check process: the same command in a fresh process (``python -m desktop_app``), CPU time
  of the child, interpreter start-up and imports included / the SCC pass. No target: Python's
  own start-up with this machine's site packages is about 10 SCC passes.
- checks at 100 stages: the catalogue on 100 stages and 200 edges, in ms (the editor reruns the
  checks after every edit).

Run: ``python tests/benchmarks/bench_checks.py [passes]`` (prints the figures).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from desktop_app.checks import check_lifecycle  # noqa: E402
from desktop_app.model.document import Lifecycle  # noqa: E402
from generate import make_lifecycle, make_scc_lifecycle  # noqa: E402

TODAY = datetime.date(2026, 11, 26)
GRAPHS: dict[str, Callable[[], Lifecycle]] = {
    "layered": lambda: make_lifecycle(5000, 10000),
    "big SCC": lambda: make_scc_lifecycle(5000),
}


def graph_of(lc: Lifecycle) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(s.id for s in lc.stages)
    g.add_edges_from((e.source, e.target) for e in lc.edges)
    return g


def cpu(fn: Callable[[], object]) -> Callable[[], float]:
    def once() -> float:
        start = time.process_time()
        fn()
        return time.process_time() - start
    return once


def medians(timers: dict[str, Callable[[], float]], passes: int,
            warmup: int = 2) -> dict[str, float]:
    """Median of ``passes`` interleaved passes of each timer, after ``warmup`` unrecorded ones."""
    for _ in range(warmup):
        for t in timers.values():
            t()
    seen: dict[str, list[float]] = {name: [] for name in timers}
    for _ in range(passes):
        for name, t in timers.items():
            seen[name].append(t())
    return {name: statistics.median(v) for name, v in seen.items()}


def _command_child(path: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``check --format json`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "check", path, "--format",
                                 "json", "--today", TODAY.isoformat()], stdout=out,
                                stderr=subprocess.PIPE, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"check exited {proc.returncode}: {proc.stderr.read()!r}")
        proc.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall


def _in_process_command(path: str) -> None:
    from desktop_app.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        main(["check", path, "--format", "json", "--today", TODAY.isoformat()])


def run_graph(label: str, lc: Lifecycle, passes: int, tmp: Path) -> list[tuple[str, float, str]]:
    from desktop_app.checks.formats import Checked, format_json
    from desktop_app.interchange import read_document, write_document

    g = graph_of(lc)
    path = str(tmp / f"{label.replace(' ', '-')}.lifecycle.json")
    write_document(lc, path)
    scc = cpu(lambda: list(nx.strongly_connected_components(g)))
    result = check_lifecycle(lc, today=TODAY)
    ids = sum(len(f.stages) for f in result.findings)
    inner = medians({"scc": scc, "checks": cpu(lambda: check_lifecycle(lc, today=TODAY))},
                    passes * 3)
    parts = medians({
        "scc": scc,
        "read": cpu(lambda: read_document(path)),
        "print": cpu(lambda: format_json([Checked(path, path, result)])),
        "in process": cpu(lambda: _in_process_command(path)),
    }, passes)
    # the command in fresh processes, each beside an SCC pass of this process
    child_cpu, child_wall, base = [], [], []
    _command_child(path)  # warm the file cache
    for _ in range(max(5, passes // 2)):
        base.append(scc())
        c, w = _command_child(path)
        child_cpu.append(c)
        child_wall.append(w)
    scc_all = statistics.median([*base, inner["scc"], parts["scc"]])
    command = statistics.median(child_cpu)
    return [
        (f"checks ({label})", inner["checks"] / inner["scc"],
         f"target <= 5; catalogue {inner['checks'] * 1e3:.1f} ms vs one SCC pass "
         f"{inner['scc'] * 1e3:.1f} ms; {len(result.findings)} findings naming {ids} stage ids"),
        (f"check command ({label})", parts["in process"] / parts["scc"],
         f"target <= 12; end to end in process (argv to printed JSON) "
         f"{parts['in process'] * 1e3:.0f} ms: read_document {parts['read'] / parts['scc']:.1f}x, "
         f"catalogue {inner['checks'] / inner['scc']:.1f}x, JSON output "
         f"{parts['print'] / parts['scc']:.1f}x"),
        (f"check process ({label})", command / scc_all,
         f"no target; a fresh python -m desktop_app check: {command * 1e3:.0f} ms CPU "
         f"({statistics.median(child_wall) * 1e3:.0f} ms wall), interpreter and imports included"),
    ]


def run(passes: int = 15) -> list[tuple[str, float, str]]:
    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, build in GRAPHS.items():
            figures += run_graph(label, build(), passes, Path(tmp))
    small = make_lifecycle(100, 200)
    g_small = graph_of(small)
    small_t = medians({
        "scc": cpu(lambda: list(nx.strongly_connected_components(g_small))),
        "checks": cpu(lambda: check_lifecycle(small, today=TODAY)),
    }, passes * 20)
    figures.append(("checks (100 stages, 200 edges)", small_t["checks"] / small_t["scc"],
                    f"{small_t['checks'] * 1e3:.2f} ms per run (the editor reruns them after "
                    f"each edit)"))
    return figures


def main(argv: list[str]) -> None:
    passes = int(argv[1]) if len(argv) > 1 else 15
    for name, ratio, note in run(passes):
        print(f"{name:<34} {ratio:7.2f}x  {note}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
