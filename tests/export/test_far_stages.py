"""A stage placed absurdly far away (a workspace is untrusted input: any finite coordinate is a
valid one, up to 1.8e308) still exports as an SVG, and the report that embeds it is written; the
SVG's size attribute, an int in Qt, overflowed into an "unexpected error" (issue 13 review: a
server's rows are as untrusted as a file's)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop_app.export.images import write_image
from desktop_app.model.document import Edge, Lifecycle, Stage


def test_a_stage_at_the_far_end_of_the_plane_exports_as_svg(tmp_path):
    lc = Lifecycle("Far", stages=[Stage("near", "Near", "data"), Stage("far", "Far away", "monitor", x=1e308)],
                   edges=[Edge("e", "near", "far")])
    out = tmp_path / "far.svg"
    write_image(lc, out)
    root = ET.parse(out).getroot()
    width = float(root.get("viewBox").split()[2])
    assert width >= 1e308
    assert any("Far away" in (t.text or "") for t in root.iter() if t.tag.endswith("text"))
