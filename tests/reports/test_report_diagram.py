"""The report's diagram is the canvas's own drawing (one painter), markers of findings included."""

from __future__ import annotations

import base64
import io
import os
import re

from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.checks import check_lifecycle  # noqa: E402
from desktop_app.cli import main  # noqa: E402
from desktop_app.export.images import write_image  # noqa: E402
from desktop_app.export.painter import worst_markers  # noqa: E402
from desktop_app.interchange import load_template  # noqa: E402


def test_html_report_embeds_the_painters_picture(tmp_path):
    ws = tmp_path / "w.lcstudio"
    assert main(["new", str(ws), "--template", "hybrid"]) == 0
    out = tmp_path / "report.html"
    name = load_template("hybrid").name
    assert main(["report", str(ws), "--lifecycle", name, "--to", str(out)]) == 0
    html = out.read_text()
    match = re.search(r'<figure id="diagram"><img [^>]*src="data:image/(png|svg\+xml);base64,([^"]+)"',
                      html)
    assert match, "the report has a diagram figure"
    embedded = base64.b64decode(match.group(2))

    lc = load_template("hybrid")
    markers = worst_markers(check_lifecycle(lc).findings)
    png, svg = tmp_path / "expected.png", tmp_path / "expected.svg"
    write_image(lc, png, markers=markers)
    write_image(lc, svg, markers=markers)
    # the smaller of the painter's two pictures: for a small diagram, the SVG
    assert match.group(1) == ("svg+xml" if svg.stat().st_size < png.stat().st_size else "png")
    if match.group(1) == "svg+xml":
        assert embedded == svg.read_bytes()
        return
    with Image.open(io.BytesIO(embedded)) as got, Image.open(png) as want:
        assert got.size == want.size
        assert got.convert("RGB").tobytes() == want.convert("RGB").tobytes()
