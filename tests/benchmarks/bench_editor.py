"""The editor's figures of DESIGN.md and issue 11, each a ratio to a baseline measured in the same run.

    python tests/benchmarks/bench_editor.py [--no-huge]

Every 5,000-stage figure runs on both graphs of generate.py: "layered" (``make_lifecycle(5000,
10000)``) and "big SCC" (``make_scc_lifecycle(5000)``, long random edges). Times in this process
are medians of several interleaved passes after a warm-up; fresh processes (editor_child.py)
report their own peak memory (VmHWM: see there) and wall times from launch.

- start:  the app's first painted window on the default workspace / a bare PySide6 window
          (fresh processes, median of 3, the app's modules loaded from bytecode as installed:
          see PYCACHE); ready: the lifecycle drawn, same baseline
- memory: peak resident memory of a fresh process with the 5,000-stage lifecycle open and its
          findings shown / a fresh process with a bare PySide6 window
- open:   building the scene of a 5,000-stage lifecycle already in memory / plain Qt items (a
          rectangle and a text per stage, a line per edge) for the same counts; "open+load"
          adds reading the lifecycle from the workspace on both sides
- render: painting the whole scene fitted in a 1600x1000 image / the same for the plain items
- edit:   one committed stage move (undo command -> store transaction -> canvas update), at
          5,000 stages / at 50 stages, without the checks; "edit+recheck": from the move until
          its findings are shown (the debounce subtracted) / the catalogue alone on that
          lifecycle; "stall": the longest time the event loop did not run during that
- open 20,000 / 50,000 stages (layered): the scene / plain items, in a fresh process; and the
          app's start on such a workspace (ready, findings shown, peak memory) in another,
          killed above 4 GB (skipped with --no-huge or BENCH_NO_HUGE=1)
- png:    see bench_png.py (both graphs, fresh processes)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SMALL = (50, 100)
HUGE = (20000, 50000)
CAP_MB = 4096  # a child growing past this is killed: the machine is shared


# Children load the app's modules from bytecode, as an installed app does (pip compiles .pyc
# files at install). A machine that sets PYTHONDONTWRITEBYTECODE (this one does) would otherwise
# compile ~80 of the app's modules from source at every start: ~100 ms no user pays. The
# bytecode goes to a folder of this run (PYTHONPYCACHEPREFIX), written by a first, unmeasured
# start (the first child run() starts); BENCH_SOURCE_START=1 measures the starts from source instead.
PYCACHE = Path(tempfile.mkdtemp(prefix="bench-pycache-"))


def child(*args: str, cap_mb: int = CAP_MB, timeout: float = 900) -> dict[str, object]:
    """Run editor_child.py; its RESULT, with ``launched`` (the wall time it was started), or
    ``killed`` saying why it was stopped."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    if os.environ.get("BENCH_SOURCE_START") != "1":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    launched = time.time()
    proc = subprocess.Popen([sys.executable, str(HERE / "editor_child.py"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    killed = None
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status", encoding="ascii") as status:
                rss = next((int(l.split()[1]) for l in status if l.startswith("VmRSS:")), 0)
        except OSError:
            rss = 0
        elapsed = time.time() - launched
        if rss > cap_mb * 1024 or elapsed > timeout:
            killed = (f"killed above {rss / 1024:.0f} MB after {elapsed:.0f} s" if rss > cap_mb * 1024
                      else f"killed after {elapsed:.0f} s")
            proc.kill()
            break
        time.sleep(0.1)
    out, err = proc.communicate()
    if killed:
        return {"killed": killed, "launched": launched}
    line = next((l for l in out.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"{args[0]} child failed: {err.strip()[-400:]}")
    return {**json.loads(line[len("RESULT "):]), "launched": launched}


def wait_for_findings(window, seconds: float) -> float | None:
    """When the window next showed its findings (perf_counter), or None after ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    shown: list[float] = []

    def done(_result) -> None:
        shown.append(time.perf_counter())
        QTimer.singleShot(0, loop.quit)

    window.checks_updated.connect(done)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    window.checks_updated.disconnect(done)
    return shown[0] if shown else None


def _interleaved_medians(fns: dict[str, object], passes: int) -> dict[str, float]:
    for fn in fns.values():  # warm-up
        fn()
    seen: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(passes):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            seen[k].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in seen.items()}


def _mb(kb: object) -> str:
    return f"{int(kb) / 1024:.0f} MB"


def run(rounds: int = 3, huge: bool | None = None) -> list[tuple[str, float, str]]:
    if huge is None:
        huge = os.environ.get("BENCH_NO_HUGE") != "1"
    from PySide6.QtCore import QRectF, QSettings, QTimer
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop_app.checks import check_lifecycle
    from desktop_app.store import Workspace
    from desktop_app.ui import commands as cmd
    from desktop_app.ui import main_window as mw
    from desktop_app.ui.app import create_default_workspace, make_application
    from desktop_app.ui.canvas.scene import LifecycleScene
    from generate import make_lifecycle, make_scc_lifecycle

    graphs = {"layered": make_lifecycle(5000, 10000), "big SCC": make_scc_lifecycle(5000)}
    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        default = tmp_path / "default.lcstudio"
        create_default_workspace(default).close()
        paths: dict[str, tuple[Path, int]] = {}
        for label, doc in [*graphs.items(), ("small", make_lifecycle(*SMALL))]:
            path = tmp_path / f"{label.replace(' ', '-')}.lcstudio"
            with Workspace.create(path) as ws:
                paths[label] = (path, ws.create_lifecycle(doc).lifecycle_id)

        # --- start and memory: fresh processes ------------------------------------------------
        child("app", str(default))   # not measured: writes the bytecode the next starts load
        runs: dict[str, list[dict]] = {"bare": [], "app": [], "bare+store": []}
        for _ in range(rounds):
            runs["bare"].append(child("bare"))
            runs["app"].append(child("app", str(default)))
            runs["bare+store"].append(child("bare+store"))

        def since(r: dict, key: str) -> float:
            return float(r[key]) - float(r["launched"])

        bare = statistics.median(since(r, "first") for r in runs["bare"])
        bare_kb = statistics.median(int(r["peak_kb"]) for r in runs["bare"])
        app_first = statistics.median(since(r, "first") for r in runs["app"])
        app_ready = statistics.median(since(r, "ready") for r in runs["app"])
        store = statistics.median(since(r, "first") for r in runs["bare+store"])
        figures.append(("start (first painted window)", app_first / bare,
                        f"target <= 3; app {app_first * 1e3:.0f} ms vs bare window {bare * 1e3:.0f} ms "
                        f"(medians of {rounds}); the store and SQLAlchemy alone {store / bare:.2f}x"))
        figures.append(("ready (hybrid lifecycle drawn)", app_ready / bare,
                        f"target <= 4; {app_ready * 1e3:.0f} ms from launch to the canvas's first paint"))
        for label in graphs:
            r = child("app", str(paths[label][0]))
            if "killed" in r:
                figures.append((f"memory ({label}, 5,000 open)", float("nan"), str(r["killed"])))
                continue
            shown = ("findings never shown" if r.get("findings") is None
                     else f"findings shown {since(r, 'findings'):.1f} s after launch")
            figures.append((f"memory ({label}, 5,000 open)", int(r["peak_kb"]) / bare_kb,
                            f"target <= 3; peak {_mb(r['peak_kb'])} vs bare window {_mb(bare_kb)} "
                            f"(VmHWM of each fresh process); ready {since(r, 'ready'):.1f} s "
                            f"({since(r, 'ready') / bare:.1f}x bare), {shown}"))

        # --- open and render: in this process ---------------------------------------------------
        app = make_application(["bench"])

        from editor_child import plain_scene as plain

        def render(scene) -> None:
            image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor("#FFFFFF"))
            p = QPainter(image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            scene.render(p, QRectF(0, 0, 1600, 1000), scene.itemsBoundingRect())
            p.end()

        for label, doc in graphs.items():
            path, lid = paths[label]
            ws = Workspace.open(path)
            held: dict[str, object] = {}

            def ours_scene(d=doc):
                held["ours"] = LifecycleScene(lid, d)
                held["ours"].itemsBoundingRect()

            def plain_scene(d=doc):
                held["plain"] = plain(d)
                held["plain"].itemsBoundingRect()

            t = _interleaved_medians({"plain": plain_scene, "ours": ours_scene}, rounds)
            figures.append((f"open ({label}, scene only)", t["ours"] / t["plain"],
                            f"target <= 4; scene {t['ours'] * 1e3:.0f} ms vs plain items "
                            f"{t['plain'] * 1e3:.0f} ms (median of {rounds})"))
            tl = _interleaved_medians({
                "plain": lambda: plain_scene(ws.load(lid)),
                "ours": lambda: ours_scene(ws.load(lid)),
                "load": lambda: ws.load(lid),
            }, rounds)
            figures.append((f"open+load ({label})", tl["ours"] / tl["plain"],
                            f"load + scene {tl['ours'] * 1e3:.0f} ms vs load + plain items "
                            f"{tl['plain'] * 1e3:.0f} ms (the load alone {tl['load'] * 1e3:.0f} ms)"))
            tr = _interleaved_medians({"plain": lambda: render(held["plain"]),
                                       "ours": lambda: render(held["ours"])}, rounds)
            figures.append((f"render ({label}, fitted 1600x1000)", tr["ours"] / tr["plain"],
                            f"target <= 2; {tr['ours'] * 1e3:.0f} ms vs plain items "
                            f"{tr['plain'] * 1e3:.0f} ms"))
            held.clear()
            ws.close()

        # --- edit: committed moves through the window, then the recheck -------------------------
        def window_on(label: str):
            path, lid = paths[label]
            settings = QSettings(str(tmp_path / "edit.ini"), QSettings.Format.IniFormat)
            window = mw.MainWindow(Workspace.open(path), settings, open_lifecycle=lid)
            window.resize(1400, 900)
            window.show()
            wait_for_findings(window, 300)  # the first run of the checks, not measured
            return window, lid

        def move(window, lid, sid, dx=20.0) -> None:
            s = window.docs[lid].stage(sid)
            window.push(cmd.MoveStagesCommand(window, lid, {sid: (s.x, s.y)}, {sid: (s.x + dx, s.y)}))

        def moves_without_checks(label: str) -> float:
            window, lid = window_on(label)
            sid = window.docs[lid].stages[len(window.docs[lid].stages) // 2].id
            x0 = window.docs[lid].stage(sid).x
            times = []
            for _ in range(1 + max(5, rounds * 3)):
                t0 = time.perf_counter()
                move(window, lid, sid)
                times.append(time.perf_counter() - t0)
                window._check_timer.stop()  # the checks run later, debounced: not part of this
            assert window.workspace.load(lid).stage(sid).x == x0 + 20 * len(times), "moves saved"
            window.close()
            window.deleteLater()
            app.processEvents()
            return statistics.median(times[1:])

        def move_with_recheck(label: str) -> tuple[float, float]:
            """(seconds from the move to its findings shown, longest event-loop stall)."""
            window, lid = window_on(label)
            sid = window.docs[lid].stages[len(window.docs[lid].stages) // 2].id
            ticks: list[float] = []
            ticker = QTimer()
            ticker.setInterval(0)
            ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
            started: list[float] = []

            def edit() -> None:
                started.append(time.perf_counter())
                move(window, lid, sid)

            ticker.start()
            QTimer.singleShot(50, edit)
            shown = wait_for_findings(window, 300)
            ticker.stop()
            window.close()
            window.deleteLater()
            app.processEvents()
            if shown is None or not started:
                return float("nan"), float("nan")
            during = [t for t in ticks if started[0] - 0.02 <= t <= shown] + [shown]
            stall = max(b - a for a, b in zip(during, during[1:])) if len(during) > 1 else shown - started[0]
            return shown - started[0], stall

        small_edit = statistics.median(moves_without_checks("small") for _ in range(2))
        for label, doc in graphs.items():
            big_edit = moves_without_checks(label)
            figures.append((f"edit ({label}, one move)", big_edit / small_edit,
                            f"target <= 1.5; median {big_edit * 1e3:.1f} ms vs {small_edit * 1e3:.1f} ms "
                            f"at 50 stages (a durable SQLite commit each; checks not included)"))
            catalogue = statistics.median(
                _interleaved_medians({"c": lambda: check_lifecycle(doc)}, rounds).values())
            rechecks = [move_with_recheck(label) for _ in range(rounds)]
            shown = statistics.median(r[0] for r in rechecks) - mw.CHECK_DELAY_MS / 1000
            stall = statistics.median(r[1] for r in rechecks)
            figures.append((f"edit+recheck ({label})", shown / catalogue,
                            f"target <= 4; findings shown {shown * 1e3:.0f} ms after the move "
                            f"({mw.CHECK_DELAY_MS} ms debounce not counted) vs the catalogue "
                            f"{catalogue * 1e3:.0f} ms"))
            figures.append((f"stall ({label}, edit+recheck)", stall / 0.050,
                            f"target <= 1 (50 ms); the event loop stood still {stall * 1e3:.0f} ms "
                            f"at most (median of {rounds} edits)"))
        small_rechecks = [move_with_recheck("small") for _ in range(rounds)]
        small_stall = statistics.median(r[1] for r in small_rechecks)
        figures.append(("stall (50 stages, edit+recheck)", small_stall / 0.050,
                        f"{small_stall * 1e3:.0f} ms at most"))

        # --- 20,000 and 50,000 stages: fresh processes -------------------------------------------
        if huge:
            for n in HUGE:
                r = child("scene", str(n), "layered")
                label = f"open ({n:,} stages, scene only)"
                if "killed" in r:
                    figures.append((label, float("nan"), str(r["killed"])))
                else:
                    figures.append((label, float(r["ours"]) / float(r["plain"]),
                                    f"target <= 4; scene {float(r['ours']):.1f} s vs plain items "
                                    f"{float(r['plain']):.1f} s (best of 2 in a fresh process)"))
                path = tmp_path / f"huge{n}.lcstudio"
                with Workspace.create(path) as ws:
                    ws.create_lifecycle(make_lifecycle(n, 2 * n))
                r = child("app", str(path))
                label = f"memory ({n:,} stages open)"
                if "killed" in r:
                    figures.append((label, float("nan"), f"the app's start {r['killed']}"))
                else:
                    shown = ("findings never shown" if r.get("findings") is None
                             else f"findings {since(r, 'findings'):.1f} s")
                    figures.append((label, int(r["peak_kb"]) / bare_kb,
                                    f"target <= {600 if n == 20000 else 1536} MB; peak "
                                    f"{_mb(r['peak_kb'])}; ready {since(r, 'ready'):.1f} s after "
                                    f"launch, {shown}"))
                path.unlink()
    return figures


def main(argv: list[str]) -> None:
    huge = "--no-huge" not in argv
    try:
        for name, ratio, note in run(huge=huge):
            print(f"{name:<40} {ratio:7.2f}x  {note}", flush=True)
    finally:
        shutil.rmtree(PYCACHE, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv)
