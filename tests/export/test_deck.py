"""report --to OUT.pptx: a deck with the sections of the written reports, read back by python-pptx."""

from __future__ import annotations

import os

from pptx import Presentation

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.cli import main  # noqa: E402
from desktop_app.interchange import load_template  # noqa: E402
from tests.examples import EXAMPLES  # noqa: E402
from desktop_app.store import Workspace  # noqa: E402


def _titles(prs) -> list[str]:
    out = []
    for slide in prs.slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        out.append(texts[0].splitlines()[0] if texts else "")  # the title, not its subtitle
    return out


def test_retrospective_deck(tmp_path):
    ws = tmp_path / "w.lcstudio"
    # the example as shipped, overdue items included (``new --template`` makes a plan from today)
    main(["new", str(ws)])
    assert main(["import", str(EXAMPLES / "hybrid.lifecycle.json"), "--into", str(ws)]) == 0
    name = load_template("hybrid").name
    assert main(["snapshot", str(ws), "--lifecycle", name, "--label", "Q1"]) == 0
    with Workspace.open(ws) as w:
        lid = w.lifecycle_id(name)
        w.update_item(lid, "p2-runs", status="done")
        w.delete_stages(lid, ["review"])
    out = tmp_path / "retro.pptx"
    assert main(["report", str(ws), "--lifecycle", name, "--to", str(out), "--since", "Q1"]) == 0

    prs = Presentation(str(out))
    titles = _titles(prs)
    assert titles[0].startswith("Retrospective")
    for section in ("Diagram", "Assessment", "Findings", "Phases", "Comparison", "Notes"):
        assert section in titles, titles
    # the diagram slide is native shapes: one per stage, one connector per edge
    diagram = prs.slides[titles.index("Diagram")]
    stages = [s for s in diagram.shapes if s.name.startswith("stage ")]
    edges = [s for s in diagram.shapes if s.name.startswith("edge ")]
    assert len(stages) == 7 and len(edges) == 7
    # findings are a native table naming the rules
    findings = prs.slides[titles.index("Findings")]
    (table,) = [s for s in findings.shapes if s.has_table]
    codes = {table.table.cell(r, 1).text for r in range(1, len(table.table.rows))}
    assert "LC403" in codes
    # the comparison names what changed
    comparison = prs.slides[titles.index("Comparison")]
    text = " ".join(s.text_frame.text for s in comparison.shapes if s.has_text_frame)
    assert "removed Quarterly business review" in text  # names, not ids
    assert "Run the manual pipeline end to end three times" in text and "p2-runs" not in text
    # the charts are real pictures
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures and all(p.image.content_type == "image/png" for p in pictures)
