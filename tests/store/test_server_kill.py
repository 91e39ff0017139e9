"""SIGKILL of a client editing a server workspace loses none of the edits it reported committed
(issue 13, "Must show"). The child prints each edit with its revision once the operation has
returned; it is killed at a random moment, several times; every printed edit and revision is
in the database afterwards, and the revisions it printed are the lifecycle's, in order."""

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
ROUNDS = 8


def _run_and_kill(url: str, start: int, rng: random.Random) -> list[tuple[str, int, int]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(CHILD), url, str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reported: list[tuple[str, int, int]] = []
    deadline = time.monotonic() + 60
    wanted = rng.randint(1, 30)
    buffer = b""

    def parse(lines):
        return [(kind, int(n), int(rev)) for kind, n, rev in (line.decode().split() for line in lines if line)]

    while len(reported) < wanted and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            reported += parse(lines)
    # at a random moment: often in the middle of the next operation's transaction
    time.sleep(rng.random() * 0.03)
    proc.send_signal(signal.SIGKILL)
    rest, err = proc.communicate(timeout=60)
    lines = (buffer + rest).split(b"\n")
    # a line fully written before the kill was printed after its commit returned
    reported += parse(lines[:-1])
    assert proc.returncode == -signal.SIGKILL, err.decode()
    assert reported, f"the child committed nothing before it was killed: {err.decode()[-2000:]}"
    return reported


def test_a_killed_client_loses_no_edit_it_reported(pg_url):
    rng = random.Random(20261201)
    with Workspace.create(pg_url) as ws:
        ws.create_lifecycle(Lifecycle("Kill test", stages=[Stage("anchor", "Anchor", "monitor")]))
    committed: list[tuple[str, int, int]] = []
    start = 0
    for _ in range(ROUNDS):
        reported = _run_and_kill(pg_url, start, rng)
        # the revisions one client printed follow one another
        revisions = [rev for _, _, rev in reported]
        assert revisions == sorted(revisions) and len(set(revisions)) == len(revisions)
        committed += reported
        start = max(n for _, n, _ in committed) + 1
        # after every kill: a new client opens the workspace and finds every reported edit
        with Workspace.open(pg_url) as ws:
            lid = ws.lifecycles()[0].id
            doc = ws.load(lid)
            revision = ws.revision(lid)
            logged = {e.revision: e.operation for e in ws.activity(lid)}
        stage_ids = {s.id for s in doc.stages}
        edge_ids = {e.id for e in doc.edges}
        for kind, n, rev in committed:
            # every printed revision is in the activity log, as the operation printed with it
            assert logged.get(rev) == {"stage": "add_stages", "move": "move_stages", "edge": "connect"}[kind], \
                (kind, n, rev, logged.get(rev))
            if kind == "stage":
                assert f"s{n}" in stage_ids
            elif kind == "edge":
                assert f"x{n}" in edge_ids
        last_move = max((n for kind, n, _ in committed if kind == "move"), default=None)
        if last_move is not None:
            # where the last reported move put it, or one later move committed unreported
            assert doc.stage("anchor").x >= last_move
        # the lifecycle is at least at the last revision reported (one more if the kill came
        # between a commit and its line)
        assert revision >= max(rev for _, _, rev in committed)
    assert len(committed) > ROUNDS
