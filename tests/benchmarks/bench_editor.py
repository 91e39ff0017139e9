"""The editor's figures of DESIGN.md, each a ratio to a baseline measured in the same run.

    python tests/benchmarks/bench_editor.py

- start:  the app's first painted window on the default workspace / a bare PySide6 window
          (each in a fresh process, wall time from launch to the first paint; best of 3)
- open:   loading a 5,000-stage lifecycle from the workspace and building its scene / plain Qt
          items (a rectangle and a text per stage, a line per edge) for the same counts
- render: painting the whole 5,000-stage scene fitted in a 1600×1000 image / the same for the
          plain items
- edit:   one committed stage move (undo command → store transaction → canvas update) in a
          5,000-stage lifecycle / the same in a 50-stage lifecycle
- memory: peak resident memory of a process with the 5,000-stage lifecycle open in the window /
          a process with a bare PySide6 window

The lifecycles come from ``generate.make_lifecycle`` (5,000 stages and 10,000 edges; 50 and 100).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BIG = (5000, 10000)
SMALL = (50, 100)

# A child process: show a window, print the wall time of its first paint and its peak memory.
CHILD = textwrap.dedent(r'''
    import os, resource, sys, time
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QEvent, QObject, QTimer
    mode, path = sys.argv[1], sys.argv[2]
    painted = {{}}

    class FirstPaint(QObject):
        # records the wall time of the first paint of what it watches
        def __init__(self, key, finish):
            super().__init__()
            self.key, self.finish = key, finish

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and self.key not in painted:
                painted[self.key] = time.time()
                if self.finish:
                    QTimer.singleShot(0, done)
            return False

    def done():
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        first = painted["window"]
        print(f"painted {{first:.6f}} {{painted.get('ready', first):.6f}} {{peak_kb}}", flush=True)
        os._exit(0)

    filters = []
    if mode in ("bare", "bare+store"):
        if mode == "bare+store":
            import desktop_app.store.retrospectives  # noqa: F401  (the store layer with SQLAlchemy)
        from PySide6.QtWidgets import QApplication, QMainWindow
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1400, 900)
        filters.append(FirstPaint("window", True))
        window.installEventFilter(filters[-1])
        window.show()
    else:
        # exactly the app's start (desktop_app.ui.app.start_window): the window paints, then the
        # workspace opens and the lifecycle is drawn ("ready")
        from PySide6.QtCore import QSettings
        from desktop_app.ui.app import make_application, start_window
        app = make_application(sys.argv[:1])
        settings = QSettings(path + ".ini", QSettings.Format.IniFormat)

        def before_show(window):
            window.resize(1400, 900)
            filters.append(FirstPaint("window", False))
            window.installEventFilter(filters[-1])

        window = start_window(path, settings, before_show=before_show)
        filters.append(FirstPaint("ready", True))
        window.current_view().viewport().installEventFilter(filters[-1])
        window.current_view().viewport().update()
    app.exec()
''')


def _child(mode: str, path: str, script: Path) -> tuple[float, float, int]:
    start = time.time()
    out = subprocess.run([sys.executable, str(script), mode, path], capture_output=True, text=True,
                         timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = next((l for l in out.stdout.splitlines() if l.startswith("painted ")), None)
    if line is None:
        raise RuntimeError(f"{mode} window never painted: {out.stderr.strip()[-400:]}")
    _, first, ready, peak_kb = line.split()
    return float(first) - start, float(ready) - start, int(peak_kb)


def _best(fn, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run(rounds: int = 3) -> list[tuple[str, float, str]]:
    from PySide6.QtCore import QRectF, QSettings
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
    from PySide6.QtWidgets import QGraphicsScene

    from desktop_app.store import Workspace
    from desktop_app.ui import commands as cmd
    from desktop_app.ui.app import create_default_workspace, make_application
    from desktop_app.ui.canvas.scene import LifecycleScene
    from desktop_app.ui.main_window import MainWindow
    from generate import make_lifecycle

    big = make_lifecycle(*BIG)
    small = make_lifecycle(*SMALL)
    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        script = tmp_path / "child.py"
        script.write_text(CHILD.format(root=str(ROOT)))
        default = tmp_path / "default.lcstudio"
        create_default_workspace(default).close()
        big_ws_path = tmp_path / "big.lcstudio"
        with Workspace.create(big_ws_path) as ws:
            big_id = ws.create_lifecycle(big).lifecycle_id
        small_ws_path = tmp_path / "small.lcstudio"
        with Workspace.create(small_ws_path) as ws:
            small_id = ws.create_lifecycle(small).lifecycle_id

        # --- start and memory: separate processes ------------------------------------------
        starts = {"bare": float("inf"), "app": float("inf"), "ready": float("inf"),
                  "bare+store": float("inf")}
        peaks = {"bare": 0, "big": 0}
        for _ in range(rounds):
            t, _r, kb = _child("bare", "", script)
            starts["bare"] = min(starts["bare"], t)
            peaks["bare"] = kb
            t, ready, _kb = _child("app", str(default), script)
            starts["app"] = min(starts["app"], t)
            starts["ready"] = min(starts["ready"], ready)
            t, _r, _kb = _child("bare+store", "", script)
            starts["bare+store"] = min(starts["bare+store"], t)
        _t, _r, peaks["big"] = _child("app", str(big_ws_path), script)
        figures.append(("start (first painted window)", starts["app"] / starts["bare"],
                        f"target <= 3; app {starts['app'] * 1e3:.0f} ms vs bare window {starts['bare'] * 1e3:.0f} ms; "
                        f"the workspace opens after that paint (the store and SQLAlchemy alone: "
                        f"{starts['bare+store'] / starts['bare']:.2f}x)"))
        figures.append(("ready (hybrid lifecycle drawn)", starts["ready"] / starts["bare"],
                        f"no target; {starts['ready'] * 1e3:.0f} ms from launch to the canvas's first paint"))

        # --- open and render: in this process --------------------------------------------------
        app = make_application(["bench"])
        ws = Workspace.open(big_ws_path)
        holder: dict[str, object] = {}

        def open_ours() -> None:
            doc = ws.load(big_id)
            holder["ours"] = LifecycleScene(big_id, doc)

        def open_plain() -> None:
            doc = ws.load(big_id)
            scene = QGraphicsScene()
            pen, brush = QPen(QColor("#555555")), QBrush(QColor("#DDEEFF"))
            pos = {}
            for s in doc.stages:
                scene.addRect(QRectF(s.x, s.y, 180, 72), pen, brush)
                scene.addSimpleText(s.name).setPos(s.x + 12, s.y + 28)
                pos[s.id] = (s.x + 90, s.y + 36)
            for e in doc.edges:
                (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
                scene.addLine(x1, y1, x2, y2, pen)
            holder["plain"] = scene

        # interleaved, best of several: the machine is shared and noisy
        t_open_plain = t_open_ours = float("inf")
        for _ in range(rounds + 1):
            t_open_plain = min(t_open_plain, _best(open_plain, 1))
            t_open_ours = min(t_open_ours, _best(open_ours, 1))
        figures.append(("open (5,000 stages)", t_open_ours / t_open_plain,
                        f"target <= 4; load + scene {t_open_ours * 1e3:.0f} ms vs load + plain items "
                        f"{t_open_plain * 1e3:.0f} ms"))

        def render(scene) -> None:
            image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor("#FFFFFF"))
            p = QPainter(image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            scene.render(p, QRectF(0, 0, 1600, 1000), scene.itemsBoundingRect())
            p.end()

        # interleaved, best of several: the machine is shared and noisy
        t_render_plain = t_render_ours = float("inf")
        for _ in range(rounds + 2):
            t_render_plain = min(t_render_plain, _best(lambda: render(holder["plain"]), 1))
            t_render_ours = min(t_render_ours, _best(lambda: render(holder["ours"]), 1))
        figures.append(("render (5,000 stages fitted, 1600x1000)", t_render_ours / t_render_plain,
                        f"target <= 2; {t_render_ours * 1e3:.0f} ms vs plain items {t_render_plain * 1e3:.0f} ms"))
        holder.clear()
        ws.close()

        # --- edit: a committed move through the window ----------------------------------------
        def edit_time(path: Path, lid: int) -> tuple[float, float]:
            settings = QSettings(str(tmp_path / "edit.ini"), QSettings.Format.IniFormat)
            window = MainWindow(Workspace.open(path), settings, open_lifecycle=lid)
            window.resize(1400, 900)
            window.show()
            app.processEvents()
            window._check_timer.stop()
            doc = window.docs[lid]
            stage = doc.stages[len(doc.stages) // 2]
            times = []
            for i in range(max(5, rounds * 3)):
                x, y = window.docs[lid].stage(stage.id).x, window.docs[lid].stage(stage.id).y
                t0 = time.perf_counter()
                window.push(cmd.MoveStagesCommand(window, lid, {stage.id: (x, y)}, {stage.id: (x + 20, y)}))
                times.append(time.perf_counter() - t0)
                window._check_timer.stop()   # the checks run later, debounced: not part of the edit
            moved = window.workspace.load(lid).stage(stage.id).x
            assert moved == stage.x + 20 * len(times), "every move reached the file"
            window.close()
            window.deleteLater()
            app.processEvents()
            times.sort()
            return times[len(times) // 2], times[0]

        big_edit, big_min = edit_time(big_ws_path, big_id)
        small_edit, small_min = edit_time(small_ws_path, small_id)
        figures.append(("edit (one move, 5,000 vs 50 stages)", big_edit / small_edit,
                        f"target <= 1.5; median {big_edit * 1e3:.1f} ms vs {small_edit * 1e3:.1f} ms "
                        f"(best {big_min * 1e3:.1f} vs {small_min * 1e3:.1f} ms; a durable SQLite commit each)"))

        figures.append(("memory (5,000 stages open)", peaks["big"] / peaks["bare"],
                        f"peak RSS {peaks['big'] / 1024:.0f} MB vs bare window {peaks['bare'] / 1024:.0f} MB"))
    return figures


def main() -> None:
    for name, ratio, note in run():
        print(f"{name:<40} {ratio:7.2f}x  {note}")


if __name__ == "__main__":
    main()
