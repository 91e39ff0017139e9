"""Pictures of the diagram as a recipient opens them: whole names, fonts a browser knows, a PNG
of a size anyone can open."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.cli import main  # noqa: E402
from desktop_app.export.images import MAX_PNG_SIDE, write_image  # noqa: E402
from desktop_app.interchange import write_document  # noqa: E402
from desktop_app.model.document import Edge, Lifecycle, Stage  # noqa: E402

LONG = "Quarterly business review of every model in production with the risk committee"
WORD = "Supercalifragilisticexpialidociousnessinstagewithmore"


def _lifecycle(far: float = 220.0) -> Lifecycle:
    return Lifecycle(name="Pictures", paradigm="hybrid", stages=[
        Stage("a", LONG, "learn", x=0, y=0),
        Stage("b", WORD, "data", x=far, y=0),
        Stage("c", "Short", "deploy", x=0, y=240),
    ], edges=[Edge("ab", "a", "b"), Edge("bc", "b", "c")])


def _svg_text(path) -> str:
    root = ET.parse(path).getroot()
    return " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))


def test_svg_has_whole_names_and_a_css_font_list(tmp_path):
    out = tmp_path / "d.svg"
    write_image(_lifecycle(), out)
    text = _svg_text(out)
    assert "\u2026" not in text, "no name cut short with an ellipsis"
    for word in LONG.split():
        assert word in text
    assert WORD in "".join(text.split())  # a word wider than the box wraps, whole
    families = set(re.findall(r'font-family="([^"]*)"', out.read_text(encoding="utf-8")))
    assert families and all(f.split(",")[-1].strip() == "sans-serif" for f in families), families


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_pdf_picture_has_whole_names_as_text(tmp_path):
    out = tmp_path / "d.pdf"
    write_image(_lifecycle(), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "\u2026" not in text
    assert " ".join(LONG.split()) in " ".join(text.split())


def test_png_long_side_is_capped_and_the_command_says_so(tmp_path, capsys):
    doc = tmp_path / "far.lifecycle.json"
    write_document(_lifecycle(far=30000.0), doc)
    out = tmp_path / "far.png"
    assert main(["export", str(doc), "--to", str(out)]) == 0
    with Image.open(out) as image:
        assert max(image.size) == MAX_PNG_SIDE == 8000
    said = capsys.readouterr().out
    assert "8,000 px" in said and "far.png" in said
    # a small diagram keeps its full scale and is not remarked on
    small = tmp_path / "small.png"
    write_document(_lifecycle(), doc)
    assert main(["export", str(doc), "--to", str(small)]) == 0
    assert "8,000 px" not in capsys.readouterr().out


def test_control_characters_in_names_leave_a_well_formed_svg(tmp_path):
    lc = _lifecycle()
    lc.name = "Title\x00 with\x07 bell"
    lc.stages[2].name = "Short\x00\x1b[31m\u2028next line"
    lc.edges[0].label = "label\x01"
    out = tmp_path / "c.svg"
    write_image(lc, out)
    text = _svg_text(out)      # parses: no control character left in the XML
    assert "Short[31m" in text and "next line" in text
    assert "<title>Title with bell</title>" in out.read_text(encoding="utf-8")
