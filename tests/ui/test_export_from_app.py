"""File ▸ Export and File ▸ Write Retrospective Report, as a user runs them from the window."""

from __future__ import annotations

import re

from pptx import Presentation
from PIL import Image

from tests.ui.conftest import open_named


def test_export_menu_writes_what_the_canvas_shows(window, tmp_path):
    lid = open_named(window, "Hybrid")
    assert window.act_export.shortcut().toString() == "Ctrl+E"
    png = tmp_path / "plan.png"
    assert window.export_to(str(png))
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size[0] > image.size[1]
    deck = tmp_path / "plan.pptx"
    assert window.export_to(str(deck))
    names = {s.name for s in Presentation(str(deck)).slides[0].shapes}
    assert {f"stage {s.id}" for s in window.workspace.load(lid).stages} <= names


def test_export_to_a_folder_that_does_not_exist_is_a_clear_error(window, tmp_path, monkeypatch):
    open_named(window, "Hybrid")
    shown = []
    monkeypatch.setattr(window, "show_error", lambda title, text, detail="": shown.append((title, text)))
    assert not window.export_to(str(tmp_path / "missing" / "plan.svg"))
    assert shown and shown[0][0] == "Cannot export the lifecycle" and "missing" in shown[0][1]


def test_report_compares_with_the_snapshot_chosen_in_the_retrospective_dock(window, tmp_path, qtbot):
    lid = open_named(window, "Hybrid")
    window.workspace.take_snapshot(lid, "Kick-off")
    window.workspace.delete_stages(lid, ["review"])
    retro = next(d for d in window.bottom_docks if d.objectName() == "retroDock")
    retro.set_lifecycle(lid)
    assert retro.since_box.findText("Kick-off") >= 0
    retro.since_box.setCurrentIndex(retro.since_box.findText("Kick-off"))
    assert window._retro_range() == ("Kick-off", None)

    out = tmp_path / "retro.html"
    assert window.write_report_to(str(out))
    html = out.read_text()
    assert "Kick-off" in html
    assert re.search(r"removed\s+Quarterly business review", html)  # by name, not its id
