"""Every file the store refuses: the message names the file and the problem, and the file is
left byte for byte as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.store import NewerWorkspace, Workspace, WorkspaceError, WorkspaceInUse

from tests.store.conftest import small_lifecycle


def _make_workspace(path: Path) -> None:
    with Workspace.create(path) as ws:
        ws.create_lifecycle(small_lifecycle())


def _refused(path: Path, *fragments: str, error=WorkspaceError) -> None:
    before = path.read_bytes()
    with pytest.raises(error) as info:
        Workspace.open(path)
    message = str(info.value)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message
    assert path.read_bytes() == before
    assert not Path(str(path) + "-journal").exists()


def test_a_text_file_is_not_a_workspace(tmp_path):
    path = tmp_path / "notes.lcstudio"
    path.write_text("Quarterly plan: retrain monthly\n" * 50)
    _refused(path, "not a Lifecycle Studio workspace", "not an SQLite database")


def test_an_sqlite_file_of_another_application(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('x')")
    conn.commit()
    conn.close()
    _refused(path, "SQLite database of another application")


def test_an_sqlite_file_with_a_foreign_application_id(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused(path, "another application", "0x4d2")


def test_a_workspace_written_by_a_newer_version(tmp_path):
    path = tmp_path / "future.lcstudio"
    _make_workspace(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    _refused(path, "newer version of Lifecycle Studio", "schema 99", error=NewerWorkspace)


def test_a_truncated_workspace(tmp_path):
    path = tmp_path / "cut.lcstudio"
    _make_workspace(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "damaged")


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.lcstudio"
    path.write_bytes(b"")
    _refused(path, "empty file")


def test_a_missing_file(tmp_path):
    with pytest.raises(WorkspaceError, match="no such file"):
        Workspace.open(tmp_path / "nope.lcstudio")


def test_a_second_opener_in_this_process_is_told_the_file_is_in_use(tmp_path):
    path = tmp_path / "shared.lcstudio"
    _make_workspace(path)
    with Workspace.open(path) as first:
        with pytest.raises(WorkspaceInUse, match="in use by another window or program"):
            Workspace.open(path)
        # the first window still works and still holds its data
        assert [i.name for i in first.lifecycles()] == ["Churn model"]
        lid = first.lifecycle_id("Churn model")
        first.update_stage(lid, "train", name="Train weekly")
    with Workspace.open(path) as again:
        assert again.load(again.lifecycle_id("Churn model")).stage("train").name == "Train weekly"


def test_a_second_process_is_told_the_file_is_in_use(tmp_path):
    path = tmp_path / "shared.lcstudio"
    _make_workspace(path)
    # read before opening: closing any descriptor on the file in this process would drop the
    # locks SQLite holds for the open workspace (POSIX advisory locks are per process)
    before = path.read_bytes()
    with Workspace.open(path):
        proc = subprocess.run(
            [sys.executable, "-m", "desktop_app", "list", str(path)],
            capture_output=True, text=True, timeout=60,
        )
        assert proc.returncode == 2
        assert str(path) in proc.stderr and "in use" in proc.stderr
        assert "Traceback" not in proc.stderr
    assert path.read_bytes() == before


def test_create_refuses_an_existing_file(tmp_path):
    path = tmp_path / "keep.lcstudio"
    path.write_text("precious")
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(path)
    assert path.read_text() == "precious"
