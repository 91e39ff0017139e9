"""Pictures of the diagram as a recipient opens them: whole names, fonts a browser knows, a PNG
of a size anyone can open, painted band by band without a seam."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageChops

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.cli import main  # noqa: E402
from desktop_app.export import images  # noqa: E402
from desktop_app.export.images import MAX_PNG_PIXELS, MAX_PNG_SIDE, write_image  # noqa: E402
from desktop_app.interchange import write_document  # noqa: E402
from desktop_app.model.document import Edge, Lifecycle, Stage  # noqa: E402
from tests.examples import EXAMPLES  # noqa: E402

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
    # at 0.27 px per unit a name would be 3 px tall: the note says they are not drawn
    assert "names, which are left out" in said
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


def _kind_pixels(path, kinds) -> dict[str, int]:
    """How many pixels of the PNG at ``path`` have each kind's fill colour, exactly."""
    from desktop_app.export.palette import theme

    fills = {k: tuple(int(theme(False).kind_fill[k][i:i + 2], 16) for i in (1, 3, 5)) for k in kinds}
    with Image.open(path) as image:
        counts = {color[:3]: n for n, color in image.convert("RGB").getcolors(1 << 24)}
    return {k: counts.get(fill, 0) for k, fill in fills.items()}


def test_a_big_png_keeps_to_the_pixel_budget_and_still_shows_every_stage(tmp_path, capsys):
    # four stages at the corners of a 3,500-unit square: 7,600 px a side at the full scale,
    # under the side cap, but 56 million pixels, so the scale comes down to the budget
    kinds = ("data", "develop", "deploy", "monitor")
    lc = Lifecycle(name="Corners", paradigm="hybrid", stages=[
        Stage(f"s{i}", f"Stage {i}", kind, x=3500.0 * (i % 2), y=3500.0 * (i // 2))
        for i, kind in enumerate(kinds)], edges=[Edge("e", "s0", "s3", kind="feedback")])
    doc = tmp_path / "corners.lifecycle.json"
    write_document(lc, doc)
    out = tmp_path / "corners.png"
    assert main(["export", str(doc), "--to", str(out)]) == 0
    with Image.open(out) as image:
        width, height = image.size
        dpi = image.info["dpi"][0]
    assert width * height <= MAX_PNG_PIXELS == 16_000_000
    assert width * height > 0.99 * MAX_PNG_PIXELS, "the budget is used, not undershot"
    assert max(width, height) < MAX_PNG_SIDE
    assert 96 < dpi < 192, "the scale is lowered, and the file says its resolution"
    said = capsys.readouterr().out
    assert "16 million pixels" in said and "corners.png" in said and f"{width:,} × {height:,}" in said
    assert "left out" not in said, "at about 1 px per unit the names are drawn"
    # every stage is there, a box of its kind's colour the size of a stage at that scale
    # (180 x 72 units, less its border and text: more than half of it)
    scale = dpi / 96
    for kind, n in _kind_pixels(out, kinds).items():
        assert n > 0.5 * 180 * 72 * scale * scale, kind
    assert out.stat().st_size < 2_000_000


def test_a_png_painted_in_bands_has_no_seam(tmp_path, monkeypatch):
    """Painted one band at a time (here bands of 40 rows), the file has the very pixels of the
    picture painted in one piece: dashed feedback edges run across the bands unbroken."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from desktop_app.export.painter import lifecycle_bounds, render_lifecycle
    from desktop_app.export.palette import theme
    from desktop_app.interchange import read_document

    images.ensure_gui_application()   # text is measured for the bounds
    lc = read_document(EXAMPLES / "hybrid.lifecycle.json")
    assert any(e.kind == "feedback" for e in lc.edges)
    bounds = lifecycle_bounds(lc)
    width, height = round(bounds.width() * 2), round(bounds.height() * 2)
    monkeypatch.setattr(images, "BAND_BYTES", 4 * width * 40)
    monkeypatch.setattr(images, "CONVERT_ROWS", 16)   # and each band written 16 rows at a time
    for transparent in (False, True):
        out = tmp_path / f"bands-{transparent}.png"
        write_image(lc, out, transparent=transparent)
        whole = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        whole.fill(0)
        painter = QPainter(whole)
        render_lifecycle(painter, lc, theme(False), QRectF(0, 0, width, height),
                         background=not transparent)
        painter.end()
        mode = "RGBA" if transparent else "RGB"
        whole = whole.convertToFormat(QImage.Format.Format_RGBA8888)
        expected = Image.frombuffer("RGBA", (width, height), bytes(whole.constBits()), "raw",
                                    "RGBA", whole.bytesPerLine(), 1).convert(mode)
        with Image.open(out) as image:
            assert image.mode == mode and image.size == (width, height)
            diff = ImageChops.difference(image.convert(mode), expected)
        # a seam would differ by the whole contrast of a dash (about 200 levels)
        assert max(high for _, high in diff.getextrema()) <= 8, f"transparent={transparent}"
        if transparent:
            with Image.open(out) as image:
                assert image.getpixel((0, 0))[3] == 0, "the background stays clear"
