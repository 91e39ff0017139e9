"""What ships: the wheel carries the resources and migrations; the desktop files agree."""

from __future__ import annotations

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.lifecycle_studio.LifecycleStudio"


def test_the_wheel_ships_templates_schema_playbook_and_migrations(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
         str(tmp_path), str(ROOT)],
        check=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("assembly-line", "feedback-loop", "hybrid", "regulatory-classifier",
                     "content-personalization"):
        assert f"desktop_app/resources/templates/{template}.lifecycle.json" in names
    assert "desktop_app/resources/lifecycle.schema.json" in names
    assert "desktop_app/resources/playbook.json" in names
    assert "desktop_app/resources/icons/tab-close.svg" in names
    assert "desktop_app/store/migrations/env.py" in names
    assert any(n.startswith("desktop_app/store/migrations/versions/r0002") for n in names)
    # every module of the source tree is in the wheel (the package list in pyproject is explicit)
    for module in (ROOT / "desktop_app").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]" in text and "[gui_scripts]" in text
    assert text.count("lifecycle-studio = desktop_app.cli:main") == 2


def test_the_desktop_entry_launches_the_installed_command():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / f"{APP_ID}.desktop")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "lifecycle-studio"
    assert (PACKAGING / "icons" / f"{section['Icon']}.svg").exists()
    assert section["Categories"].endswith(";")


def test_the_appstream_metainfo_names_the_desktop_entry():
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == "lifecycle-studio"
    ET.parse(PACKAGING / "icons" / "lifecycle-studio.svg")
