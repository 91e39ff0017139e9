"""The cost of accepting a workspace (issue 10): the open's checks, as ratios to reading the file.

- workspace open: ``Workspace.open`` + ``close`` of a 5,000-stage workspace (header, read-only
  schema comparison, ``integrity_check``, every cell checked in SQL, the read-write open with its
  lock) / a plain ``sqlite3`` connection reading every row of every table once.
- workspace open + load: the same plus ``load`` of the lifecycle (which validates it as a
  document) / the same plain read.

Times are CPU time of this process, interleaved, best of several (the machine is shared).
Run: ``python tests/benchmarks/bench_store.py``.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from generate import make_lifecycle  # noqa: E402

from desktop_app.store import Workspace  # noqa: E402


def _cpu(fn, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def run(rounds: int = 7) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.lcstudio"
        with Workspace.create(path) as ws:
            lid = ws.create_lifecycle(make_lifecycle(5000, 10000)).lifecycle_id
        tables = [r[0] for r in sqlite3.connect(path).execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table'")]

        def plain() -> None:
            conn = sqlite3.connect(path)
            for table in tables:
                conn.execute(f"SELECT * FROM {table}").fetchall()
            conn.close()

        def open_only() -> None:
            Workspace.open(path).close()

        def open_and_load() -> None:
            with Workspace.open(path) as ws:
                ws.load(lid)

        t_plain = t_open = t_load = float("inf")
        for _ in range(rounds):
            t_plain = min(t_plain, _cpu(plain, 1))
            t_open = min(t_open, _cpu(open_only, 1))
            t_load = min(t_load, _cpu(open_and_load, 1))
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    return [
        ("workspace open (5,000 stages)", t_open / t_plain,
         f"no target; open with every check {t_open * 1e3:.0f} ms vs reading every row "
         f"{t_plain * 1e3:.0f} ms ({pages} pages)"),
        ("workspace open + load (5,000)", t_load / t_plain,
         f"no target; {t_load * 1e3:.0f} ms, load validated as a document"),
    ]


if __name__ == "__main__":
    for figure, ratio, note in run():
        print(f"{figure:<34} {ratio:7.2f}x  {note}")
