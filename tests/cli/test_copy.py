"""``lifecycle-studio copy FROM TO`` between files: everything arrives, the copy is checked, a
refusal or a copy cut short leaves nothing at TO. (File ↔ server: tests/cli/test_server_commands.py.)"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.interchange import new_from_template
from desktop_app.model.document import Edge, Lifecycle, Stage, Suppression
from desktop_app.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = 'R&D "<script>" $x | ]\nline two'


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def build_rich_workspace(location) -> None:
    """Every kind of row a workspace holds: lifecycles (one deleted), stages (one deleted),
    edges, owners, phases and items, rule settings, suppressions, snapshots, a retrospective with
    action items (one promoted to a phase item), and the activity log of all of it."""
    with Workspace.create(location) as ws:
        hybrid = ws.create_lifecycle(new_from_template("hybrid", date(2026, 3, 2))).lifecycle_id
        ws.take_snapshot(hybrid, "kick-off")
        doc = ws.load(hybrid)
        first = doc.stages[0].id
        ws.add_stages(hybrid, [Stage("hostile", HOSTILE, "monitor", x=12.5, y=-40.25)])
        ws.connect(hybrid, Edge("back", "hostile", first, kind="feedback", trigger="alert",
                                latency_days=2.5))
        ws.update_stage(hybrid, first, notes="é ü 日本 🙂")
        ws.set_rule(hybrid, "LC201", {"severity": "info"})
        ws.add_suppression(hybrid, Suppression(rule="LC304", reason="Accepted: " + HOSTILE))
        ws.add_stages(hybrid, [Stage("brief", "Short-lived", "other", x=600, y=600)])
        ws.delete_stages(hybrid, ["brief"])
        ws.take_snapshot(hybrid, "after review")
        snaps = ws.snapshots(hybrid)
        retro = ws.save_retrospective(hybrid, snaps[0].id, snaps[1].id, "Loops " + HOSTILE).retrospective_id
        ws.add_action_item(retro, "Alert on drift")
        promoted = ws.add_action_item(retro, "Own the retraining").action_item_id
        ws.promote_action_item(promoted, 2)
        gone = ws.create_lifecycle(Lifecycle("Abandoned", stages=[Stage("a", "A", "data")])).lifecycle_id
        ws.delete_lifecycle(gone)
        ws.create_lifecycle(new_from_template("assembly-line", date(2026, 3, 2)))


def all_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with the standard library's sqlite3 (not the store)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
    finally:
        conn.close()


def test_copy_carries_every_row_of_every_table(tmp_path, capsys):
    source, target = tmp_path / "mine.lcstudio", tmp_path / "plane.lcstudio"
    build_rich_workspace(source)
    before = source.read_bytes()
    code, out, err = run(capsys, "copy", source, target)
    assert code == 0, err
    assert out.startswith(f"Copied {source} to {target}: 2 lifecycles, 2 snapshots")
    assert "read back and found equal" in out
    assert source.read_bytes() == before          # the source is only read
    rows = all_rows(target)
    assert rows == all_rows(source)
    # the copy is no empty shell: every table has rows, the rows the user made
    assert [name for name, table in rows.items() if not table] == []
    assert len(rows["lifecycles"]) == 3 and len(rows["action_items"]) == 2
    assert len(rows["activity"]) > 10
    assert not list(tmp_path.glob(".*copying*"))  # nothing left beside it


def test_the_copy_opens_reads_the_same_and_takes_new_edits(tmp_path, capsys):
    source, target = tmp_path / "mine.lcstudio", tmp_path / "copy.lcstudio"
    build_rich_workspace(source)
    code, _, err = run(capsys, "copy", source, target)
    assert code == 0, err
    with Workspace.open_for_reading(source) as a, Workspace.open(target) as b:
        assert b.lifecycles() == a.lifecycles()
        for info in a.lifecycles():
            assert b.load(info.id) == a.load(info.id)
            assert b.snapshots(info.id) == a.snapshots(info.id)
            assert b.retrospectives(info.id) == a.retrospectives(info.id)
            assert b.activity(info.id) == a.activity(info.id)
        hybrid = b.lifecycle_id("Hybrid: governed outer loop, fast inner loop")
        assert b.load(hybrid).stage("hostile").name == HOSTILE
        # new rows get new keys, clear of the copied ones
        b.add_stages(hybrid, [Stage("new", "Added after the copy", "data")])
        b.take_snapshot(hybrid, "on the plane")
        assert [s.label for s in b.snapshots(hybrid)] == ["kick-off", "after review", "on the plane"]


def test_copy_never_overwrites(tmp_path, capsys):
    source, target = tmp_path / "mine.lcstudio", tmp_path / "theirs.lcstudio"
    build_rich_workspace(source)
    target.write_bytes(b"someone else's work")
    code, out, err = run(capsys, "copy", source, target)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{target}: a file of that name already exists" in err
    assert target.read_bytes() == b"someone else's work"


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_text("just notes"), "not a Lifecycle Studio workspace"),
])
def test_a_source_that_cannot_be_used_leaves_nothing(tmp_path, capsys, make, message):
    source, target = tmp_path / "mine.lcstudio", tmp_path / "copy.lcstudio"
    make(source)
    code, out, err = run(capsys, "copy", source, target)
    assert code == 2 and out == ""
    assert err.startswith(f"lifecycle-studio copy: {source}: ") and message in err
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ([source.name] if source.exists() else [])


def test_copy_onto_itself_and_into_a_missing_folder_are_refused(tmp_path, capsys):
    source = tmp_path / "mine.lcstudio"
    build_rich_workspace(source)
    code, _, err = run(capsys, "copy", source, source)
    assert code == 2 and "that is the workspace being copied" in err
    code, _, err = run(capsys, "copy", source, tmp_path / "nowhere" / "copy.lcstudio")
    assert code == 2 and "the folder does not exist" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.lcstudio"]


@pytest.mark.parametrize("address, message", [
    ("sqlite:///tmp/x.db", "only PostgreSQL servers are supported"),
    ("mysql://lead@db.example/plans", "only PostgreSQL servers are supported"),
    ("postgresql://lead:s3cret@db.example/plans", "a password does not belong in the workspace address"),
])
def test_an_address_that_is_not_for_us_is_refused_in_one_line(tmp_path, capsys, address, message):
    source = tmp_path / "mine.lcstudio"
    build_rich_workspace(source)
    code, out, err = run(capsys, "copy", source, address)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert "s3cret" not in err


def _big_workspace(path: Path, stages: int) -> None:
    with Workspace.create(path) as ws:
        ws.create_lifecycle(Lifecycle(
            "Big", stages=[Stage(f"s{i}", f"Stage {i}", "develop", x=i % 100 * 200, y=i // 100 * 120)
                           for i in range(stages)],
            edges=[Edge(f"e{i}", f"s{i}", f"s{i + 1}") for i in range(stages - 1)]))


def kill_copy_half_way(source, target, env) -> None:
    """Start ``copy source target`` and SIGKILL it once rows are going in (after its first
    progress line, before it is done)."""
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "copy", str(source), str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    seen = b""
    while b"copying: " not in seen or b"copying: 0 of" in seen.splitlines()[-1]:
        line = proc.stderr.readline()
        assert line, "the copy ended before it could be killed"
        seen += line
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def test_a_big_copy_reports_progress(tmp_path):
    source, target = tmp_path / "big.lcstudio", tmp_path / "copy.lcstudio"
    _big_workspace(source, 6000)
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "copy", str(source), str(target)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    # not on a terminal: a line now and then (at most one per tenth), ending at all of it
    assert lines[0].startswith("copying: 0 of ") and 3 <= len(lines) <= 11
    total = lines[0].split(" of ")[1].split(" rows")[0]
    assert int(total.replace(",", "")) > 12000
    assert lines[-1] == f"copying: {total} of {total} rows (100%)"
    done = [int(line.split()[1].replace(",", "")) for line in lines]
    assert done == sorted(done)
    assert all_rows(target) == all_rows(source)


def test_a_copy_killed_half_way_leaves_no_workspace_at_to(tmp_path):
    source, target = tmp_path / "big.lcstudio", tmp_path / "copy.lcstudio"
    _big_workspace(source, 6000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kill_copy_half_way(source, target, env)
    assert not target.exists()
    # the next copy is not stopped by what the killed one left, and completes
    done = subprocess.run([sys.executable, "-m", "desktop_app", "copy", str(source), str(target)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert all_rows(target) == all_rows(source)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.lcstudio", "copy.lcstudio"]


_FULL_DISK_CHILD = """
import resource, signal, sys
from desktop_app.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(["copy", sys.argv[1], sys.argv[2]]))
"""


def test_a_copy_that_cannot_be_written_names_to_and_leaves_nothing(tmp_path):
    """A file size limit below the workspace's size: the portable stand-in for a full disk."""
    source, target = tmp_path / "big.lcstudio", tmp_path / "copy.lcstudio"
    _big_workspace(source, 3000)
    before = source.read_bytes()
    proc = subprocess.run([sys.executable, "-c", _FULL_DISK_CHILD, str(source), str(target),
                           str(len(before) // 2)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("copying: ")]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"lifecycle-studio copy: {target}: the copy could not be written (")
    assert lines[0].endswith("nothing was left behind")
    assert ".copying" not in proc.stderr and "unexpected error" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.lcstudio"]
    assert source.read_bytes() == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_rewrites_one_line(monkeypatch):
    """The default stream (stderr) on a terminal: the line is rewritten in place, not logged."""
    from desktop_app.commands.copy import _Progress

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = _Progress()
    for done in range(0, 6001, 500):
        progress(done, 6000)
    progress.finish()
    text = terminal.getvalue()
    assert text.count("\r") == 13 and text.count("\n") == 1
    assert text.endswith("\rcopying: 6,000 of 6,000 rows (100%)\n")
