"""Every export format, written by the command line and read back by a real reader."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image
from pptx import Presentation

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.cli import main  # noqa: E402
from desktop_app.interchange import read_document  # noqa: E402
from desktop_app.interchange.graph_formats import read_graphml  # noqa: E402

from tests.examples import EXAMPLES  # noqa: E402
HYBRID = EXAMPLES / "hybrid.lifecycle.json"
BROKEN = EXAMPLES / "broken.lifecycle.json"


@pytest.fixture
def hybrid_ws(tmp_path):
    ws = tmp_path / "w.lcstudio"
    # the example as shipped (``new --template`` makes a plan from today, issue 8)
    assert main(["new", str(ws)]) == 0
    assert main(["import", str(EXAMPLES / "hybrid.lifecycle.json"), "--into", str(ws)]) == 0
    return ws


def export(source: Path, out: Path, *extra: str) -> None:
    assert main(["export", str(source), "--to", str(out), *extra]) == 0
    assert out.exists()
    assert not list(out.parent.glob(".*.part"))


def test_png_is_a_real_picture_of_the_whole_diagram(tmp_path, hybrid_ws):
    out = tmp_path / "hybrid.png"
    export(hybrid_ws, out)
    with Image.open(out) as image:
        assert image.format == "PNG"
        width, height = image.size
        # the hybrid lifecycle is wide: six stages in a row
        assert width > 2 * height > 0
        colors = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert len(colors) > 50  # a drawing, not a blank page


def test_svg_holds_every_stage_name_as_text(tmp_path):
    out = tmp_path / "hybrid.svg"
    export(HYBRID, out)
    root = ET.parse(out).getroot()
    text = " ".join(t.strip() for t in root.itertext())
    for stage in read_document(HYBRID).stages:
        for word in stage.name.split():
            assert word in text


def test_pdf_has_a_page_with_the_stage_names(tmp_path):
    out = tmp_path / "broken.pdf"
    export(BROKEN, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed to read PDFs back"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for stage in read_document(BROKEN).stages:
        assert stage.name in text


def test_pptx_has_native_shapes_and_glued_connectors_with_arrowheads(tmp_path):
    out = tmp_path / "hybrid.pptx"
    export(HYBRID, out)
    doc = read_document(HYBRID)
    slide = Presentation(str(out)).slides[0]
    stages = {s.name.removeprefix("stage "): s for s in slide.shapes if s.name.startswith("stage ")}
    assert set(stages) == {s.id for s in doc.stages}
    assert stages["release"].text_frame.text.splitlines()[1] == "Release"
    connectors = {c.name.removeprefix("edge "): c for c in slide.shapes if c.name.startswith("edge ")}
    assert set(connectors) == {e.id for e in doc.edges}
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    by_shape_id = {s.shape_id: key for key, s in stages.items()}
    for edge in doc.edges:
        xml = connectors[edge.id]._element
        start = xml.find(".//" + ns + "stCxn")
        end = xml.find(".//" + ns + "endCxn")
        assert by_shape_id[int(start.get("id"))] == edge.source
        assert by_shape_id[int(end.get("id"))] == edge.target
        assert xml.find(".//" + ns + "tailEnd").get("type") == "triangle"
        dashed = xml.find(".//" + ns + "prstDash")
        assert (dashed is not None and dashed.get("val") == "dash") == (edge.kind == "feedback")


def test_graphml_reads_back_equal_and_networkx_reads_it(tmp_path, hybrid_ws):
    out = tmp_path / "hybrid.graphml"
    export(hybrid_ws, out)
    assert read_graphml(out) == read_document(HYBRID)
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 9
    assert graph.nodes["release"]["kind"] == "deploy"
    # and it imports into a workspace like a document does
    ws = tmp_path / "other.lcstudio"
    main(["new", str(ws)])
    assert main(["import", str(out), "--into", str(ws)]) == 0


def test_graphml_from_another_tool_imports_as_stages_to_refine(tmp_path):
    foreign = tmp_path / "yed.graphml"
    foreign.write_text(
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
        '<graph id="G" edgedefault="directed">'
        '<node id="n0"><data key="d0">Collect</data></node><node id="n1"><data key="d0">Train</data></node>'
        '<edge source="n0" target="n1"/></graph></graphml>'
    )
    doc = read_graphml(foreign)
    # kinds guessed from the labels, as for draw.io (issue 12); the import summary lists them
    assert [(s.id, s.name, s.kind) for s in doc.stages] == [("n0", "Collect", "data"), ("n1", "Train", "develop")]
    assert [(e.id, e.source, e.target, e.kind) for e in doc.edges] == [("e1", "n0", "n1", "flow")]


def test_a_broken_graphml_is_refused_with_the_file_named(tmp_path, capsys):
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml><graph>")
    ws = tmp_path / "w.lcstudio"
    main(["new", str(ws)])
    assert main(["import", str(bad), "--into", str(ws)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "not well-formed XML" in err


def test_dot_is_read_by_graphviz(tmp_path):
    out = tmp_path / "broken.dot"
    export(BROKEN, out)
    assert shutil.which("dot"), "graphviz (dot) is needed to read DOT files back"
    svg = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, text=True, check=True).stdout
    for stage in read_document(BROKEN).stages:
        assert stage.name in svg
    assert svg.count('class="edge"') == 9


def test_mermaid_has_one_line_per_stage_and_edge(tmp_path):
    out = tmp_path / "broken.mmd"
    export(BROKEN, out)
    lines = out.read_text().splitlines()
    assert lines[0] == "flowchart LR"
    assert sum("-->" in line for line in lines) == 7  # flow edges
    assert sum("-.->" in line for line in lines) == 2  # feedback edges, dotted
    assert sum('["' in line for line in lines) == 8


def test_export_refuses_an_unknown_format_and_a_missing_folder(tmp_path, hybrid_ws, capsys):
    assert main(["export", str(hybrid_ws), "--to", str(tmp_path / "x.docx")]) == 2
    assert "cannot write this kind of file" in capsys.readouterr().err
    assert main(["export", str(hybrid_ws), "--to", str(tmp_path / "nope" / "x.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
