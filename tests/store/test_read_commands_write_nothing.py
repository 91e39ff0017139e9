"""The commands that only read (check, list, export, diff, report) never write to a workspace or
beside it: a colleague's mailed file of an older schema is read through an upgraded private
copy, left byte for byte as it was with no .bak beside it, and a read-only file or folder is
read as well as any other. The app and the write commands (import, snapshot) still upgrade the
file in place, backup first."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.interchange import read_document
from desktop_app.store import SCHEMA_VERSION, Workspace, WorkspaceError

from tests.store.conftest import small_lifecycle
from tests.store.test_migrations import _make_workspace_at


def _today(path: Path) -> None:
    with Workspace.create(path) as ws:
        lid = ws.create_lifecycle(small_lifecycle("Old plan")).lifecycle_id
        ws.take_snapshot(lid, "v1")
        ws.update_stage(lid, "train", name="Train weekly")


def _make(path: Path, schema: str) -> None:
    if schema == "today":
        _today(path)
    else:
        _make_workspace_at(path, schema)


# what each file holds, as the builders above wrote it
_STAGES = {"r0001": ["Train", "Watch"], "r0002": ["Train", "Watch"],
           "today": ["Data refresh", "Train weekly", "Ship", "Watch"]}
_EDGES = {"r0001": 2, "r0002": 2, "today": 4}


def _snapshot_as_the_app_took_it(path: Path) -> None:
    """The builder's snapshot 'v1' holds '{}': give it a whole lifecycle document, as the app
    writes one, so diff has something to compare."""
    from desktop_app.interchange import document_dict

    conn = sqlite3.connect(path)
    conn.execute("UPDATE snapshots SET document = ? WHERE label = 'v1'",
                  (json.dumps(document_dict(small_lifecycle("Old plan"))),))
    conn.commit()
    conn.close()


def _folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _read_commands_give_the_right_answers(capsys, path: Path, schema: str, out_dir: Path) -> None:
    code, out, err = _run(capsys, "list", path)
    assert code == 0, err
    stages, edges = len(_STAGES[schema]), _EDGES[schema]
    assert out.split() == ["Old", "plan", "hybrid", str(stages), "stages,", str(edges), "edges"]

    exported = out_dir / "plan.lifecycle.json"
    code, out, err = _run(capsys, "export", path, "--to", exported)
    assert code == 0, err
    doc = read_document(exported)
    assert doc.name == "Old plan" and [s.name for s in doc.stages] == _STAGES[schema]
    assert len(doc.edges) == edges

    code, out, err = _run(capsys, "check", path, "--format", "json")
    assert code in (0, 1), err
    assert "unexpected error" not in err and json.loads(out)  # findings, as JSON


@pytest.mark.parametrize("schema", ["r0001", "r0002"])
def test_read_commands_leave_an_older_workspace_byte_identical_with_no_backup(tmp_path, capsys, schema):
    folder = tmp_path / "mailed"
    folder.mkdir()
    path = folder / "old.lcstudio"
    _make_workspace_at(path, schema)
    if schema == "r0002":
        _snapshot_as_the_app_took_it(path)
    before = _folder_state(folder)
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    _read_commands_give_the_right_answers(capsys, path, schema, out_dir)
    if schema == "r0002":  # retrospectives came with r0002
        code, out, err = _run(capsys, "diff", path, "--lifecycle", "Old plan", "--since", "v1", "--format", "json")
        assert code == 0, err
        # the snapshot held the four-stage lifecycle; the file holds Train and Watch, item p1-a done
        comparison = json.loads(out)
        assert comparison["stages"]["removed"] == ["data", "ship"]
        assert comparison["items"]["completed"] == ["p1-a"]
        report = out_dir / "retro.html"
        code, out, err = _run(capsys, "report", path, "--lifecycle", "Old plan", "--since", "v1", "--to", report)
        assert code == 0, err
        assert "went well" in report.read_text(encoding="utf-8")  # the retrospective's note

    # nothing written to the file or beside it: no upgrade, no .bak, no journal
    assert _folder_state(folder) == before


def test_a_write_command_still_upgrades_in_place_with_the_backup_first(tmp_path, capsys):
    path = tmp_path / "old.lcstudio"
    _make_workspace_at(path, "r0002")
    rows = list(sqlite3.connect(path).iterdump())
    code, _out, err = _run(capsys, "snapshot", path, "--lifecycle", "Old plan", "--label", "v2")
    assert code == 0, err
    # the backup holds the file as it was, row for row; the file itself is upgraded
    assert list(sqlite3.connect(tmp_path / "old.lcstudio.schema2.bak").iterdump()) == rows
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # and a read command then finds the upgraded file with the new snapshot in it
    code, out, err = _run(capsys, "diff", path, "--lifecycle", "Old plan", "--since", "v2", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["stages"] == {"added": [], "removed": [], "changed": [], "names": {}}


@pytest.fixture
def make_read_only():
    """Make a file or folder read-only for this process: chmod for a normal user; for root
    (whom permissions do not stop) the immutable attribute (a folder: no file made in it)."""
    made: list[tuple[Path, int]] = []

    def make(path: Path) -> None:
        mode = path.stat().st_mode & 0o777
        if os.geteuid() != 0:
            path.chmod(0o555 if path.is_dir() else 0o444)
        else:
            assert shutil.which("chattr"), "root needs chattr to make a file read-only"
            subprocess.run(["chattr", "+i", str(path)], check=True)
        made.append((path, mode))

    yield make
    for path, mode in reversed(made):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(mode)


@pytest.mark.parametrize("schema", ["today", "r0002"])
@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_commands_read_a_read_only_file_or_folder(tmp_path, capsys, make_read_only, schema, what):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "team.lcstudio"
    _make(path, schema)
    before = _folder_state(folder)
    make_read_only(path if what == "file" else folder)
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    _read_commands_give_the_right_answers(capsys, path, schema, out_dir)
    assert _folder_state(folder) == before


def test_a_workspace_opened_for_reading_refuses_an_edit_and_its_file_is_untouched(tmp_path):
    path = tmp_path / "old.lcstudio"
    _make_workspace_at(path, "r0002")
    before = _folder_state(tmp_path)
    with Workspace.open_for_reading(path) as ws:
        lid = ws.lifecycle_id("Old plan")
        with pytest.raises(WorkspaceError, match="opened for reading only; nothing was changed"):
            ws.update_stage(lid, "train", name="Renamed")
        assert ws.load(lid).stage("train").name == "Train"
    assert _folder_state(tmp_path) == before


@pytest.mark.parametrize("schema", ["today", "r0002"])
def test_a_crashed_sessions_journal_is_rolled_back_and_the_file_read_without_an_upgrade(tmp_path, capsys, schema):
    """The one write a read command may cause: SQLite must roll a hot journal back before the
    file can be read (docs/security.md). The file is then read as any other: an older one is
    still not upgraded, and no .bak is left."""
    from tests.store.test_untrusted_workspace import _crashed_copy

    path = tmp_path / "team.lcstudio"
    _make(path, schema)
    rows = list(sqlite3.connect(path).iterdump())
    crashed = tmp_path / "crashed.lcstudio"
    _crashed_copy(path, crashed, "UPDATE stages SET name = 'half-way', notes = hex(randomblob(3000))")
    assert Path(f"{crashed}-journal").stat().st_size > 0
    code, out, err = _run(capsys, "list", crashed)
    assert code == 0, err
    assert f"{len(_STAGES[schema])} stages" in out
    assert list(sqlite3.connect(crashed).iterdump()) == rows  # rolled back, and no more
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert sqlite3.connect(crashed).execute("PRAGMA user_version").fetchone()[0] == version
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crashed.lcstudio", "team.lcstudio"]
