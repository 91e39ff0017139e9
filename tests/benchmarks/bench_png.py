"""The PNG export of issue 11: ``lifecycle-studio export WORKSPACE --to OUT.png`` of a 5,000-stage
lifecycle, both graphs of generate.py, each in a fresh process (editor_child.py export).

    python tests/benchmarks/bench_png.py [ROUNDS]

Targets are absolute (issue 11): at most 5 s and 150 MB, a capped file. Each row's ratio is the
figure over its target (<= 1 meets it); the note carries the same-run baseline, the export of a
12-stage lifecycle in a fresh process (Python, Qt and the store starting: most of what a small
export costs), so a busy machine shows in both. Wall time is from launch to exit (median of
ROUNDS, default 3); memory is the child's own peak (VmHWM), the largest of the rounds.
"""

from __future__ import annotations

import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

TARGET_S = 5.0
TARGET_MB = 150.0


def export_once(workspace: Path, out: Path) -> dict[str, float]:
    """One fresh ``export`` process: wall seconds, peak MB, file bytes and pixel size."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "editor_child.py"), "export", str(workspace),
                           str(out)], capture_output=True, text=True, env=env, timeout=600,
                          check=False)
    wall = time.perf_counter() - started
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None or not out.exists():
        raise RuntimeError(f"export failed: {done.stdout[-300:]} {done.stderr[-300:]}")
    result = json.loads(line[len("RESULT "):])
    with open(out, "rb") as png:   # IHDR: width and height right after the signature
        width, height = struct.unpack(">II", png.read(24)[16:24])
    return {"wall": wall, "peak_mb": result["peak_kb"] / 1024, "bytes": out.stat().st_size,
            "width": width, "height": height}


def run(rounds: int = 3) -> list[tuple[str, float, str]]:
    from generate import make_lifecycle, make_scc_lifecycle

    from desktop_app.store import Workspace

    graphs = {"12 stages": make_lifecycle(12, 16), "layered": make_lifecycle(5000, 10000),
              "big SCC": make_scc_lifecycle(5000)}
    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for label, doc in graphs.items():
            paths[label] = Path(tmp) / f"{label.replace(' ', '-')}.lcstudio"
            with Workspace.create(paths[label]) as ws:
                ws.create_lifecycle(doc)
        runs: dict[str, list[dict[str, float]]] = {label: [] for label in graphs}
        for _ in range(rounds):   # interleaved, so a busy moment hits every graph
            for label, path in paths.items():
                runs[label].append(export_once(path, Path(tmp) / "out.png"))
    small = statistics.median(r["wall"] for r in runs["12 stages"])
    for label in ("layered", "big SCC"):
        rs = runs[label]
        wall = statistics.median(r["wall"] for r in rs)
        peak = max(r["peak_mb"] for r in rs)
        last = rs[-1]
        size = f"{last['width']:,} x {last['height']:,} px, file {last['bytes'] / 1e6:.1f} MB"
        note = (f"target <= 1 ({TARGET_S:g} s); {wall:.1f} s launch to exit (median of {rounds}), "
                f"12 stages {small:.1f} s; {size}")
        figures.append((f"png ({label}, 5,000 stages)", wall / TARGET_S, note))
        figures.append((f"png memory ({label})", peak / TARGET_MB,
                        f"target <= 1 ({TARGET_MB:g} MB); peak {peak:.0f} MB"))
    return figures


if __name__ == "__main__":
    for name, ratio, note in run(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(f"{name:<32} {ratio:6.2f}x  {note}", flush=True)
