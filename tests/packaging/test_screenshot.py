"""`python3 packaging/screenshot.py` works after the README's non-editable install: the script
uses the installed package and its resources (importlib.resources), not the source tree, where
the resources are not a package (resources/ becomes desktop_app.resources only in the wheel)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import venv
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshot_script_runs_on_a_non_editable_install(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, timeout=300)
    (wheel,) = wheels.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # the venv's own packages only: an inherited PYTHONPATH (a checkout with its egg-info) would
    # make pip think the app is installed already
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300, env=clean)
    # the dependencies (PySide6 and the rest) from this interpreter's site-packages, given as a
    # plain path: its .pth files, among them an editable install of this checkout, are not read
    site = str(Path(PySide6.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": site, "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = tmp_path / "shots" / "laptop.png"
    # run from the checkout, as the README says, where desktop_app/ (without resources) is near
    proc = subprocess.run([str(python), "packaging/screenshot.py", "--out", str(out), "--width", "1280",
                           "--height", "800"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert png_size(out) == (1280, 800)


def test_the_readme_shows_both_screenshots():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in ("docs/screenshot.png", "docs/screenshot-laptop.png"):
        assert f"]({name})" in readme
        assert (ROOT / name).is_file()
    assert png_size(ROOT / "docs" / "screenshot-laptop.png") == (1280, 800)
    assert png_size(ROOT / "docs" / "screenshot.png") == (1600, 1000)
