"""Where an export or report goes: the target is looked at before anything is drawn, the file is
written beside it and renamed into place, and a failure leaves the old file and no debris."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.export.files import written_beside
from tests.examples import EXAMPLES

HYBRID = EXAMPLES / "hybrid.lifecycle.json"
IMAGE_AND_SLIDE = ["svg", "pdf", "png", "pptx"]


def export(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    # a child process: Qt's own warnings go to the process's stderr, past pytest's capture
    return subprocess.run([sys.executable, "-m", "desktop_app", "export", *map(str, argv)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="/proc: a folder no one can create files in")
@pytest.mark.parametrize("ext", IMAGE_AND_SLIDE)
def test_an_unwritable_folder_is_one_line_before_anything_is_drawn(ext):
    # /proc refuses new files even to root, as a read-only share refuses them to a user
    out = f"/proc/lifecycle.{ext}"
    done = export(HYBRID, "--to", out)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"lifecycle-studio export: {out}: cannot be written "
        "(cannot create a file in '/proc': No such file or directory)"]


@pytest.mark.parametrize("ext", IMAGE_AND_SLIDE + ["lifecycle.json", "graphml"])
def test_a_folder_in_the_way_is_refused_in_one_line(tmp_path, ext):
    out = tmp_path / f"diagram.{ext}"
    out.mkdir()
    done = export(HYBRID, "--to", out)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"lifecycle-studio export: {out}: cannot be written (is a folder, not a file)"]
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("ext", ["lifecycle.json", "graphml", "drawio", "mmd", "dot"])
def test_an_export_leaves_only_its_file(tmp_path, capsys, ext):
    out = tmp_path / f"diagram.{ext}"
    assert main(["export", str(HYBRID), "--to", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
    assert out.stat().st_size > 0


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path):
    out = tmp_path / "diagram.svg"
    out.write_text("the old picture")

    def half_then_fail(path: Path) -> list[Path]:
        path.write_text("<svg>half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError) as failed:
        written_beside(out, half_then_fail)
    assert failed.value.filename == str(out)
    assert failed.value.strerror == "No space left on device"
    assert out.read_text() == "the old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["diagram.svg"]


def test_an_export_through_a_symlink_writes_the_file_it_points_to(tmp_path, capsys):
    real = tmp_path / "real.lifecycle.json"
    real.write_text("old")
    link = tmp_path / "link.lifecycle.json"
    link.symlink_to(real.name)
    assert main(["export", str(HYBRID), "--to", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == HYBRID.read_text(encoding="utf-8")


def test_a_markdown_report_and_its_images_land_together(tmp_path, capsys):
    ws = tmp_path / "w.lcstudio"
    assert main(["new", str(ws), "--template", "hybrid"]) == 0
    name = "Hybrid: governed outer loop, fast inner loop"
    assert main(["snapshot", str(ws), "--lifecycle", name, "--label", "start"]) == 0
    out = tmp_path / "retro.md"
    assert main(["report", str(ws), "--lifecycle", name, "--since", "start", "--to", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["retro.md", "retro_files", "w.lcstudio"]
    images = sorted((tmp_path / "retro_files").iterdir())
    assert images
    text = out.read_text(encoding="utf-8")
    for image in images:
        assert f"retro_files/{image.name}" in text
