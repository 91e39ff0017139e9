"""A process killed mid-edit loses nothing it committed, and never leaves a damaged file."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.model.document import Lifecycle, Stage
from desktop_app.store import Workspace

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 25


def _run_and_kill(path: Path, start: int, rng: random.Random) -> list[tuple[str, int]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(CHILD), str(path), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reported: list[tuple[str, int]] = []
    # let it make a few edits, then kill it at a random moment
    deadline = time.monotonic() + 30
    wanted = rng.randint(1, 25)
    buffer = b""
    while len(reported) < wanted and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            reported += [(kind, int(n)) for kind, n, _rev in (line.decode().split() for line in lines)]
    time.sleep(rng.random() * 0.02)
    proc.send_signal(signal.SIGKILL)
    rest, err = proc.communicate(timeout=30)
    lines = (buffer + rest).split(b"\n")
    # a line fully written before the kill was reported after its commit returned
    reported += [(kind, int(n)) for kind, n, _rev in (line.decode().split() for line in lines[:-1] if line)]
    assert proc.returncode == -signal.SIGKILL, err.decode()
    return reported


def test_killed_editor_loses_nothing_it_reported(tmp_path):
    rng = random.Random(20261126)
    path = tmp_path / "crash.lcstudio"
    with Workspace.create(path) as ws:
        ws.create_lifecycle(Lifecycle("Crash test", stages=[Stage("anchor", "Anchor", "monitor")]))
    committed: list[tuple[str, int]] = []
    start = 0
    for _ in range(ROUNDS):
        reported = _run_and_kill(path, start, rng)
        committed += reported
        start = max([start] + [n for _, n in reported]) + 1
        # after every kill the file opens and is sound
        with Workspace.open(path) as ws:
            assert ws.integrity_problems() == []
            doc = ws.load(ws.lifecycles()[0].id)
        stage_ids = {s.id for s in doc.stages}
        edge_ids = {e.id for e in doc.edges}
        for kind, n in committed:
            if kind == "stage":
                assert f"s{n}" in stage_ids
            elif kind == "edge":
                assert f"x{n}" in edge_ids
        last_move = max((n for kind, n in committed if kind == "move"), default=None)
        if last_move is not None:
            # the anchor is where the last reported move put it, or one later unreported move
            assert doc.stage("anchor").x >= last_move
    assert len(committed) > ROUNDS
