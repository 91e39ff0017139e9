"""One fresh process of the editor's benchmarks (bench_editor.py starts it with subprocess, so by
fork and exec): it does one thing and prints one JSON line, ``RESULT {...}``.

Memory is this process's own peak resident set, ``VmHWM`` of /proc/self/status: it belongs to
the address space exec made, so unlike ``ru_maxrss`` it does not carry the peak of the parent
the process was forked from.

    python editor_child.py bare                 a bare PySide6 window: its first paint
    python editor_child.py bare+store           the same after importing the store (SQLAlchemy)
    python editor_child.py app WORKSPACE        the app's start on WORKSPACE: first paint of the
                                                window, of the lifecycle ("ready"), and when its
                                                findings are shown
    python editor_child.py scene N KIND         plain Qt items and LifecycleScene for a generated
                                                lifecycle of N stages (KIND layered or scc),
                                                interleaved, best of 2; the document is in memory
    python editor_child.py export WORKSPACE OUT ``lifecycle-studio export WORKSPACE --to OUT``
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def report(**values: object) -> None:
    print("RESULT " + json.dumps({**values, "peak_kb": peak_kb()}), flush=True)
    os._exit(0)


def first_paint_filter(key: str, painted: dict[str, float], then=None):
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and key not in painted:
                painted[key] = time.time()
                if then is not None:
                    then()
            return False

    return FirstPaint()


def bare(with_store: bool) -> None:
    if with_store:
        import desktop_app.store.retrospectives  # noqa: F401  (the store with SQLAlchemy)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 900)
    painted: dict[str, float] = {}
    watcher = first_paint_filter("window", painted,
                                 lambda: QTimer.singleShot(0, lambda: report(first=painted["window"])))
    window.installEventFilter(watcher)
    window.show()
    app.exec()


def app_start(path: str, wait_findings: float = 600.0) -> None:
    from PySide6.QtCore import QSettings, QTimer

    from desktop_app.ui.app import make_application, start_window

    app = make_application(sys.argv[:1])
    settings = QSettings(path + ".ini", QSettings.Format.IniFormat)
    painted: dict[str, float] = {}
    keep = []

    def before_show(window):
        window.resize(1400, 900)
        keep.append(first_paint_filter("window", painted))
        window.installEventFilter(keep[-1])

    def finish() -> None:
        report(first=painted["window"], ready=painted.get("ready", painted["window"]),
               findings=painted.get("findings"))

    window = start_window(path, settings, before_show=before_show)
    if window is None:
        raise SystemExit("the workspace did not open")

    def shown(_result) -> None:
        if "findings" not in painted:
            painted["findings"] = time.time()
            QTimer.singleShot(0, finish)

    window.checks_updated.connect(shown)
    keep.append(first_paint_filter("ready", painted))
    window.current_view().viewport().installEventFilter(keep[-1])
    window.current_view().viewport().update()
    QTimer.singleShot(int(wait_findings * 1000), finish)
    app.exec()


def plain_scene(doc):
    """The baseline of every open figure: a rectangle, a text and a line per stage and edge,
    in plain Qt items (what any Qt drawing of the lifecycle costs at least)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor, QPen
    from PySide6.QtWidgets import QGraphicsScene

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
    return scene


def scenes(n: int, kind: str) -> None:

    from desktop_app.ui.app import make_application
    from desktop_app.ui.canvas.scene import LifecycleScene
    from generate import make_lifecycle, make_scc_lifecycle

    make_application(sys.argv[:1])
    doc = make_lifecycle(n, 2 * n) if kind == "layered" else make_scc_lifecycle(n)

    def plain():
        return plain_scene(doc)

    best = {"plain": float("inf"), "ours": float("inf")}
    for _ in range(2):
        for name, build in (("plain", plain), ("ours", lambda: LifecycleScene(1, doc))):
            t0 = time.perf_counter()
            scene = build()
            scene.itemsBoundingRect()  # what a fitted view asks first
            best[name] = min(best[name], time.perf_counter() - t0)
            del scene
    report(plain=best["plain"], ours=best["ours"])


def export(path: str, out: str) -> None:
    from desktop_app.cli import main

    t0 = time.perf_counter()
    code = main(["export", path, "--to", out])
    report(seconds=time.perf_counter() - t0, exit=code,
           bytes=os.path.getsize(out) if os.path.exists(out) else None)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode in ("bare", "bare+store"):
        bare(mode == "bare+store")
    elif mode == "app":
        app_start(sys.argv[2])
    elif mode == "scene":
        scenes(int(sys.argv[2]), sys.argv[3])
    elif mode == "export":
        export(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
