"""The big-SCC edit stall taken apart: per move of one stage of the 5,000-stage big-SCC graph,
the longest gap between ticks of a 0 ms timer from the move until its findings are shown (as
bench_editor.py's ``move_with_recheck``), when it came (ms after the move), the push's own wall
and CPU time (the store's commit and what follows it) and each repaint of the canvas (ms after
the move, wall, CPU).

    python tests/benchmarks/edit_stall.py [WINDOWS] [STAGES]    (defaults 2 windows x 3 edits, 5000)

Run it on two trees one after the other (``PYTHONPATH=TREE``, from the tree) for a before/after.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(windows: int = 2, stages: int = 5000) -> None:
    from PySide6.QtCore import QSettings, QTimer

    from desktop_app.store import Workspace
    from desktop_app.ui import commands as cmd
    from desktop_app.ui import main_window as mw
    from desktop_app.ui.app import make_application
    from desktop_app.ui.canvas.view import CanvasView
    from bench_editor import wait_for_findings
    from generate import make_scc_lifecycle

    app = make_application([])
    paints: list[tuple[float, float, float]] = []
    plain_paint = CanvasView.paintEvent

    def timed_paint(self, event) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        plain_paint(self, event)
        paints.append((t0, time.perf_counter() - t0, time.process_time() - c0))

    CanvasView.paintEvent = timed_paint
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "scc.lcstudio"
    with Workspace.create(path) as ws:
        lid = ws.create_lifecycle(make_scc_lifecycle(stages)).lifecycle_id

    stalls = []
    for w in range(windows):
        settings = QSettings(str(tmp / "edit.ini"), QSettings.Format.IniFormat)
        window = mw.MainWindow(Workspace.open(path), settings, open_lifecycle=lid)
        window.resize(1400, 900)
        window.show()
        wait_for_findings(window, 300)   # the first run of the checks, not measured
        sid = window.docs[lid].stages[len(window.docs[lid].stages) // 2].id
        for e in range(3):
            ticks: list[float] = []
            ticker = QTimer()
            ticker.setInterval(0)
            ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
            started: list[float] = []
            push: list[tuple[float, float]] = []

            def edit() -> None:
                started.append(time.perf_counter())
                c0 = time.process_time()
                s = window.docs[lid].stage(sid)
                window.push(cmd.MoveStagesCommand(window, lid, {sid: (s.x, s.y)}, {sid: (s.x + 20, s.y)}))
                push.append((time.perf_counter() - started[0], time.process_time() - c0))

            paints.clear()
            ticker.start()
            QTimer.singleShot(50, edit)
            shown = wait_for_findings(window, 300)
            ticker.stop()
            during = [t for t in ticks if started[0] - 0.02 <= t <= shown] + [shown]
            stall, at = max((b - a, a) for a, b in zip(during, during[1:]))
            ms = [(round((t - started[0]) * 1e3), round(d * 1e3), round(c * 1e3))
                  for t, d, c in paints if t >= started[0] - 0.02]
            print(f"window {w} edit {e}: stall {stall * 1e3:.0f} ms at +{(at - started[0]) * 1e3:.0f}; "
                  f"push wall/CPU {push[0][0] * 1e3:.0f}/{push[0][1] * 1e3:.0f} ms; "
                  f"repaints (at, wall, CPU) {ms[:4]}", flush=True)
            stalls.append(stall)
        window.close()
        window.deleteLater()
        app.processEvents()
    print(f"stall median {statistics.median(stalls) * 1e3:.0f} ms, "
          f"{min(stalls) * 1e3:.0f}-{max(stalls) * 1e3:.0f} ms")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
