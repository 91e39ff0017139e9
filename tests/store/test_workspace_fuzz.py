"""Damaged and tampered workspace bytes through the command line (issue 10): a seeded mutation
loop, bounded to about 40 seconds, over real workspaces of today's schema and of the previous
one (which the open migrates).

For every mutated file, ``check`` and ``list`` either accept it (exit 0 or 1) or refuse it with
exit 2 and one line naming the file; never "unexpected error" or a traceback, and a refused file
is left byte for byte as it was, with no journal beside it. ``export --salvage`` then writes a
readable copy or refuses, and never changes the file.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from desktop_app.cli import main
from desktop_app.interchange import read_document
from desktop_app.model.document import Item, Phase
from desktop_app.store import Workspace

from tests.store.conftest import small_lifecycle
from tests.store.test_migrations import _make_workspace_at

SEED = 20261201
BUDGET_S = 40.0
MAX_CASES = 1500


def _today(path: Path) -> bytes:
    lc = small_lifecycle()
    lc.phases = [Phase(1, items=[Item("p1-a", "Log predictions", status="doing")])]
    lc.rules = {"LC206": {"severity": "warning", "max_feedback_days": 10}}
    with Workspace.create(path) as ws:
        lid = ws.create_lifecycle(lc).lifecycle_id
        ws.take_snapshot(lid, "baseline")
        ws.update_stage(lid, "train", name="Train weekly")
    return path.read_bytes()


def _previous(path: Path) -> bytes:
    _make_workspace_at(path, "r0002")
    return path.read_bytes()


def _mutate(data: bytes, rng: random.Random, page_size: int) -> bytes:
    buf = bytearray(data)
    kind = rng.randrange(9)
    if kind == 0:  # bit flips anywhere
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    elif kind == 1:  # bit flips in the header (page size, counts, versions, ids)
        for _ in range(rng.randint(1, 3)):
            buf[rng.randrange(16, 100)] ^= 1 << rng.randrange(8)
    elif kind == 2:  # cut short
        del buf[rng.randrange(1, len(buf)):]
    elif kind == 3:  # junk appended
        buf += bytes(rng.randrange(256) for _ in range(rng.randint(1, 3 * page_size)))
    elif kind == 4:  # a page zeroed
        page = rng.randrange(len(buf) // page_size)
        buf[page * page_size:(page + 1) * page_size] = bytes(page_size)
    elif kind == 5:  # a page copied over another
        a, b = rng.randrange(len(buf) // page_size), rng.randrange(len(buf) // page_size)
        buf[b * page_size:(b + 1) * page_size] = data[a * page_size:(a + 1) * page_size]
    elif kind == 6:  # random bytes over a run inside a page (cells, pointers)
        start = rng.randrange(len(buf))
        for i in range(start, min(len(buf), start + rng.randint(1, 64))):
            buf[i] = rng.randrange(256)
    elif kind == 7:  # user_version or application_id set to something else
        offset = rng.choice((60, 68))
        buf[offset:offset + 4] = rng.randrange(-5, 2**31).to_bytes(4, "big", signed=True)
    else:  # one byte of a page's header (type, freeblock, cell count, content start)
        page = rng.randrange(len(buf) // page_size)
        base = page * page_size + (100 if page == 0 else 0)
        buf[base + rng.randrange(8)] = rng.randrange(256)
    return bytes(buf)


def _run(command: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(command)
    return code, capsys.readouterr().err


def test_mutated_workspaces_are_accepted_or_refused_cleanly(tmp_path, capsys):
    rng = random.Random(SEED)
    bases = {"today": _today(tmp_path / "today.lcstudio"), "previous": _previous(tmp_path / "previous.lcstudio")}
    page_size = sqlite3.connect(tmp_path / "today.lcstudio").execute("PRAGMA page_size").fetchone()[0]
    work = tmp_path / "case"
    work.mkdir()
    counts = {"accepted": 0, "refused": 0, "salvaged": 0}
    deadline = time.monotonic() + BUDGET_S
    cases = 0
    while time.monotonic() < deadline and cases < MAX_CASES:
        cases += 1
        base_name = rng.choice(sorted(bases))
        mutated = _mutate(bases[base_name], rng, page_size)
        for leftover in work.iterdir():
            leftover.unlink()
        path = work / f"fuzz {cases}.lcstudio"
        path.write_bytes(mutated)
        for command in (["check", str(path)], ["list", str(path)]):
            code, err = _run(command, capsys)
            what = f"case {cases} ({base_name}), {command[0]}: exit {code}, {err!r}"
            assert "unexpected error" not in err and "Traceback" not in err, what
            if code == 2:
                counts["refused"] += 1
                assert err.startswith(f"lifecycle-studio {command[0]}: {path}"), what
                assert len(err.strip().splitlines()) == 1, what
                assert path.read_bytes() == mutated, what
                assert not Path(f"{path}-journal").exists(), what
                break  # list would refuse it the same way
            counts["accepted"] += 1
            assert code in ((0, 1) if command[0] == "check" else (0,)), what
            if base_name == "today":  # a file of today's schema is read, never written
                assert path.read_bytes() == mutated, what
        # the way out of a refusal: salvage writes a copy or refuses, and never the file
        path.write_bytes(mutated)
        for leftover in work.glob("*.bak*"):
            leftover.unlink()
        out = work / "copy.lifecycle.json"
        code, err = _run(["export", "--salvage", str(path), "--to", str(out)], capsys)
        what = f"case {cases} ({base_name}), export --salvage: exit {code}, {err!r}"
        assert code in (0, 2) and "unexpected error" not in err and "Traceback" not in err, what
        assert path.read_bytes() == mutated, what
        if code == 0:
            counts["salvaged"] += 1
            assert read_document(out).name == "Churn model" or read_document(out).name == "Old plan", what
    assert cases >= 50, f"only {cases} cases ran in {BUDGET_S} s"
    # the loop saw both outcomes, so it tested the refusals and the reads
    assert counts["accepted"] > 0 and counts["refused"] > 0 and counts["salvaged"] > 0, counts
