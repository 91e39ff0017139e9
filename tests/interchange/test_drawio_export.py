"""draw.io export: the app's look in draw.io's terms, and every field back on import."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings

from desktop_app.checks import check_lifecycle
from desktop_app.cli import main
from desktop_app.interchange import load_template, template_names
from desktop_app.interchange.drawio import parse_style, read_drawio
from desktop_app.interchange.xml_input import parse_xml
from desktop_app.model import document as d
from desktop_app.model.palette import FEEDBACK_EDGE, KIND_BORDER, KIND_FILL

from tests.strategies import lifecycles

TODAY = datetime.date(2026, 6, 1)


def _findings(lc):
    return check_lifecycle(lc, today=TODAY).findings


@pytest.mark.parametrize("name", template_names())
def test_every_template_comes_back_field_by_field_with_the_same_findings(tmp_path, name, capsys):
    original = load_template(name)
    out = tmp_path / f"{name}.drawio"
    assert main(["export", _doc(tmp_path, original), "--to", str(out)]) == 0
    imported = read_drawio(out)
    assert imported.lifecycle == original
    assert imported.summary == []  # nothing guessed: every field came from the file
    assert _findings(imported.lifecycle) == _findings(original)


def _doc(tmp_path, lc) -> str:
    from desktop_app.interchange import write_document

    path = tmp_path / "in.lifecycle.json"
    write_document(lc, path)
    return str(path)


def test_the_file_has_the_apps_look(tmp_path):
    lc = load_template("hybrid")
    out = tmp_path / "hybrid.drawio"
    main(["export", _doc(tmp_path, lc), "--to", str(out)])
    root = parse_xml(out.read_bytes(), str(out), "file")
    cells = {o.get("id"): o for o in root.iter("object")}
    owners = {o.id: o.name for o in lc.owners}
    for s in lc.stages:
        obj = cells[f"stage-{s.id}"]
        style, _words = parse_style(obj.find("mxCell").get("style"))
        assert (style["fillColor"], style["strokeColor"], style["rounded"]) == (KIND_FILL[s.kind], KIND_BORDER[s.kind], "1")
        geometry = obj.find("mxCell/mxGeometry")
        assert (float(geometry.get("x")), float(geometry.get("y"))) == (s.x, s.y)
        # the owner is the label's last line
        label = obj.get("label")
        assert label.rsplit("<br>", 1)[1].endswith(f">{owners[s.owner]}</font>" if s.owner else "<i>No owner</i></font>")
    for e in lc.edges:
        obj = cells[f"edge-{e.id}"]
        style, _words = parse_style(obj.find("mxCell").get("style"))
        assert (style.get("dashed") == "1") == (e.kind == "feedback")
        if e.kind == "feedback":
            assert style["strokeColor"] == FEEDBACK_EDGE
        assert obj.find("mxCell").get("source") == f"stage-{e.source}"
    fb = next(e for e in lc.edges if e.kind == "feedback" and e.trigger != "manual")
    assert fb.trigger in cells[f"edge-{fb.id}"].get("label")


HOSTILE = ['"quoted" \'single\'', "<script>alert(1)</script>", "a & b; #1 | $HOME ]", "two\nlines\r\nand\ttab",
           "bell\x07 and nul-ish \x01", "x" * 200]


def test_hostile_names_survive_export_and_import(tmp_path):
    owners = [d.Owner("o1", "<b>Ops</b> & \"friends\"\n")]
    stages = [d.Stage(f"s{i}", name, "deploy", owner="o1", criteria=name, notes=name, x=i * 200.5, y=-3.25)
              for i, name in enumerate(HOSTILE)]
    edges = [d.Edge(f"e{i}", f"s{i}", f"s{i + 1}", kind="feedback", trigger="drift", latency_days=0.1,
                    label=HOSTILE[i]) for i in range(len(HOSTILE) - 1)]
    lc = d.Lifecycle("<script>&\x02\"", description="line\nbreak\x1f", owners=owners, stages=stages, edges=edges)
    out = tmp_path / "hostile.drawio"
    from desktop_app.interchange.drawio_writer import drawio

    out.write_text(drawio(lc), encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text  # escaped twice over: HTML inside an XML attribute
    assert read_drawio(out).lifecycle == lc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lc=lifecycles())
def test_any_lifecycle_comes_back_equal(tmp_path_factory, lc):
    from desktop_app.interchange.drawio_writer import drawio

    out = tmp_path_factory.mktemp("rt") / "lc.drawio"
    out.write_text(drawio(lc), encoding="utf-8")
    assert read_drawio(out).lifecycle == lc


def test_a_box_added_in_drawio_next_to_exported_ones_is_guessed(tmp_path):
    """The lead exports, adds a box and an edge in draw.io, and imports again."""
    lc = load_template("assembly-line")
    out = tmp_path / "a.drawio"
    from desktop_app.interchange.drawio_writer import drawio

    text = drawio(lc).replace(
        "</root>",
        '<mxCell id="new" value="Drift monitoring" style="rounded=1;html=1;" vertex="1" parent="1">'
        '<mxGeometry x="900" y="400" width="180" height="72" as="geometry"/></mxCell>'
        f'<mxCell id="new-edge" style="dashed=1;" edge="1" parent="1" source="new" target="stage-{lc.stages[0].id}">'
        '<mxGeometry relative="1" as="geometry"/></mxCell></root>')
    out.write_text(text, encoding="utf-8")
    imported = read_drawio(out)
    assert imported.lifecycle.stages[:-1] == lc.stages
    added = imported.lifecycle.stages[-1]
    assert (added.name, added.kind, added.x, added.y) == ("Drift monitoring", "monitor", 900.0, 400.0)
    assert imported.lifecycle.edges[-1].kind == "feedback"
    assert imported.lifecycle.edges[:-1] == lc.edges
    assert imported.summary == ["kind of 'Drift monitoring': guessed monitor (from 'Drift')",
                                f"feedback edge 'Drift monitoring' → '{lc.stages[0].name}': drawn dashed"]


def test_a_box_renamed_in_drawio_comes_back_renamed(tmp_path):
    """A colleague edits a box's text in draw.io: the new name wins over the stored property."""
    from desktop_app.interchange.drawio_writer import drawio

    lc = load_template("hybrid")
    stage = lc.stages[1]
    text = drawio(lc).replace(f"&lt;b&gt;{stage.name}&lt;/b&gt;", "&lt;b&gt;Nightly data refresh&lt;/b&gt;", 1)
    assert "Nightly data refresh" in text
    out = tmp_path / "renamed.drawio"
    out.write_text(text, encoding="utf-8")
    imported = read_drawio(out)
    assert imported.lifecycle.stages[1].name == "Nightly data refresh"
    assert imported.summary == [f"renamed in the diagram: '{stage.name}' → 'Nightly data refresh'"]
    rest = [s for i, s in enumerate(imported.lifecycle.stages) if i != 1]
    assert rest == [s for i, s in enumerate(lc.stages) if i != 1]


@pytest.mark.parametrize(("json_text", "problem"), [
    ("[1, 2]", "diagram.lifecycle: expected an object, got an array"),
    ('{"name": "One", "name": "Two"}', "diagram.lifecycle: key 'name' appears more than once"),
    ("{" * 3 + "not json", "diagram.lifecycle: not valid JSON"),
    ('{"stages": []}', "diagram.lifecycle: holds 'stages', which the diagram's shapes and connectors give"),
    ('{"version": 99}', "version: written by a newer version"),
])
def test_the_embedded_document_is_read_as_a_document(tmp_path, json_text, problem):
    """The lifecycle the app keeps on the diagram's background is refused like a bad
    .lifecycle.json: in words, by path, and nothing is imported."""
    import re
    from xml.sax.saxutils import quoteattr

    from desktop_app.interchange import DocumentError
    from desktop_app.interchange.drawio_writer import drawio

    text = re.sub(r'lifecycle="[^"]*"', lambda _m: f"lifecycle={quoteattr(json_text)}", drawio(load_template("hybrid")), count=1)
    out = tmp_path / "attack.drawio"
    out.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as refused:
        read_drawio(out)
    assert any(p.startswith(problem) for p in refused.value.problems), refused.value.problems


def test_a_lone_surrogate_in_exact_values_is_refused_by_path(tmp_path):
    from desktop_app.interchange import DocumentError
    from desktop_app.interchange.drawio_writer import drawio

    lc = load_template("assembly-line")
    text = drawio(lc).replace(f'stage_id="{lc.stages[0].id}"',
                              f'stage_id="{lc.stages[0].id}" exact_values="{{&quot;name&quot;: &quot;\\ud800&quot;}}"', 1)
    out = tmp_path / "surrogate.drawio"
    out.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as refused:
        read_drawio(out)
    assert any(p.startswith("stages[0].name:") and "\\ud800" in p for p in refused.value.problems), refused.value.problems
