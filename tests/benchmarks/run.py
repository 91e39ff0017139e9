"""Print every figure of DESIGN.md ("Figures"), each a ratio to a baseline in the same run.

    python tests/benchmarks/run.py            all figures
    python tests/benchmarks/run.py checks     only the modules whose name contains "checks"
    python tests/benchmarks/run.py --no-huge  without the 20,000 and 50,000-stage rows

Each bench_*.py module has ``run() -> list[(figure, ratio, note)]`` and can also run alone.
The editor's figures start Qt offscreen, so this runs on a machine with no display.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGETS = {
    "start": 3.0, "checks": 5.0, "check command": 12.0, "open": 4.0, "render": 2.0, "edit": 1.5,
    "ready": 4.0, "memory": 3.0, "edit+recheck": 4.0, "stall": 1.0, "png": 1.0, "png memory": 1.0,
}


def main(argv: list[str]) -> int:
    if "--no-huge" in argv:
        os.environ["BENCH_NO_HUGE"] = "1"
    wanted = [a for a in argv[1:] if not a.startswith("--")]
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    modules = [m for m in modules if not wanted or any(w in m for w in wanted)]
    print(f"{'figure':<34} {'ratio':>8}  {'target':>7}  note")
    for name in modules:
        started = time.perf_counter()
        module = importlib.import_module(name)
        try:
            figures = module.run()
        except Exception as exc:  # one broken benchmark must not hide the others
            print(f"{name:<34} {'failed':>8}  {'':>7}  {type(exc).__name__}: {exc}")
            continue
        for figure, ratio, note in figures:
            target = next((t for key, t in TARGETS.items() if figure.split(" (")[0] == key), None)
            target_text = f"<= {target:g}x" if target else ""
            print(f"{figure:<34} {ratio:7.2f}x  {target_text:>7}  {note}")
        print(f"{'':<34} {'':>8}  {'':>7}  ({name}: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
