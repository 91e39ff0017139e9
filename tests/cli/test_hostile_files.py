"""Paths that are not documents, built as the attack built them: a named pipe, a device, a
symlink loop, a sparse file of 300 MB. Each is refused at once, in one line naming the file and
what it is, and nothing is written anywhere.

The commands that could hang run in a child process with a generous timeout: before the fix
they waited forever on the pipe (or read /dev/zero until the memory ran out), and a test run
must fail on that, not hang with it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.examples import EXAMPLES

HYBRID = EXAMPLES / "hybrid.lifecycle.json"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def cli(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([sys.executable, "-m", "desktop_app", *map(str, argv)], cwd=cwd,
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"lifecycle-studio {' '.join(map(str, argv))} did not return: it hung on its input")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@needs_fifo
@pytest.mark.parametrize("command", ["check", "import"])
def test_a_named_pipe_is_refused_at_once(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.lifecycle.json")
    argv = ["pipe.lifecycle.json"] + (["--into", "w.lcstudio"] if command == "import" else [])
    if command == "import":
        assert main(["new", str(tmp_path / "w.lcstudio")]) == 0
        before = digest(tmp_path / "w.lcstudio")
    done = cli(command, *argv, cwd=tmp_path)
    assert done.returncode == 2
    assert "pipe.lifecycle.json" in done.stderr and "named pipe" in done.stderr
    assert "unexpected error" not in done.stderr
    if command == "import":
        assert digest(tmp_path / "w.lcstudio") == before


@needs_fifo
def test_a_named_pipe_as_the_workspace_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe.lcstudio")
    done = cli("import", HYBRID, "--into", "pipe.lcstudio", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "lifecycle-studio import: pipe.lcstudio: is a named pipe (FIFO), not a workspace"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_check_of_dev_zero_is_refused_without_reading_it(tmp_path):
    done = cli("check", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "lifecycle-studio check: /dev/zero: is a device, not a workspace or lifecycle document"
    assert done.stdout == ""


def test_a_document_over_the_size_cap_is_refused_and_says_the_cap(tmp_path, capsys):
    big = tmp_path / "big.lifecycle.json"
    with big.open("wb") as fh:  # sparse: 300 MB on paper, nothing on the disk
        fh.truncate(300 * 1024 * 1024)
    assert main(["check", str(big)]) == 2
    err = capsys.readouterr().err
    assert f"{big}: refused: 1 problem" in err
    assert "file: is 300 MB, larger than 256 MB, the most a document may be" in err


@pytest.mark.parametrize("command", ["check", "import"])
def test_a_symlink_loop_is_called_a_symlink_loop(tmp_path, capsys, command):
    loop = tmp_path / "loop.lifecycle.json"
    loop.symlink_to(loop.name)  # a link to itself
    ws = tmp_path / "w.lcstudio"
    main(["new", str(ws)])
    capsys.readouterr()
    argv = [command, str(loop)] + (["--into", str(ws)] if command == "import" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert str(loop) in err
    assert "is a symlink loop" in err
    assert "no such file" not in err and "Too many levels" not in err


def test_a_two_link_loop_is_a_loop_too(tmp_path, capsys):
    (tmp_path / "a.lifecycle.json").symlink_to("b.lifecycle.json")
    (tmp_path / "b.lifecycle.json").symlink_to("a.lifecycle.json")
    assert main(["check", str(tmp_path / "a.lifecycle.json")]) == 2
    assert "a.lifecycle.json: is a symlink loop" in capsys.readouterr().err


def test_a_dangling_symlink_says_where_it_points(tmp_path, capsys):
    (tmp_path / "gone.lifecycle.json").symlink_to("moved-away.lifecycle.json")
    assert main(["check", str(tmp_path / "gone.lifecycle.json")]) == 2
    assert "gone.lifecycle.json: is a symlink to 'moved-away.lifecycle.json', which does not exist" \
        in capsys.readouterr().err
