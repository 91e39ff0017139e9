"""yEd GraphML both ways: yEd's own files read like draw.io's (labels, geometry, fills, groups
and swimlanes, dashed lines), and the app's GraphML carries yFiles graphics beside its data keys
while still reading back field by field."""

from __future__ import annotations

import datetime
import re

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from desktop_app.checks import check_lifecycle
from desktop_app.cli import main
from desktop_app.interchange import load_template, template_names, write_document
from desktop_app.interchange.graph_formats import graphml, import_graphml
from desktop_app.interchange.xml_input import parse_xml
from desktop_app.model import document as d
from desktop_app.model.palette import FEEDBACK_EDGE, FLOW_EDGE, KIND_BORDER, KIND_FILL, STAGE_HEIGHT, STAGE_WIDTH

from tests.interchange.yed_fixtures import poly_edge, shape_node, team_graph
from tests.strategies import lifecycles

Y = "{http://www.yworks.com/xml/graphml}"
G = "{http://graphml.graphdrawing.org/xmlns}"
TODAY = datetime.date(2026, 6, 1)

EXPECTED_STAGES = {
    # name: (kind, owner, x, y, notes)
    "Data ingestion": ("data", "Data team", 100.0, 60.0, "pulls the logs"),  # lane by position
    "Model training": ("develop", "Research", 100.0, 210.0, ""),             # <html> label
    "Canary rollout": ("deploy", "Ops", 1020.0, 40.0, ""),                   # in the group "Ops"
    "Drift alerting": ("monitor", "Ops", 1020.0, 200.0, ""),
    "Release sign-off": ("gate", None, 600.0, 100.0, ""),                    # flowchart decision
    "Weekly retro": ("learn", None, 600.0, 400.0, ""),
}
EXPECTED_EDGES = {
    ("Data ingestion", "Model training"): ("flow", "manual", None, ""),
    ("Model training", "Release sign-off"): ("flow", "manual", None, ""),
    ("Release sign-off", "Canary rollout"): ("flow", "manual", None, ""),
    ("Canary rollout", "Drift alerting"): ("flow", "manual", None, ""),
    ("Drift alerting", "Weekly retro"): ("feedback", "drift", None, ""),        # ArcEdge labelled "on drift"
    ("Weekly retro", "Model training"): ("feedback", "schedule", 7.0, "weekly"),  # dashed, "weekly, 7 days"
}


def _write(tmp_path, text, name="team.graphml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yed_diagram_becomes_stages_owners_and_feedback(tmp_path):
    imported = import_graphml(_write(tmp_path, team_graph()))
    lc = imported.lifecycle
    owners = {o.id: o.name for o in lc.owners}
    names = {s.id: s.name for s in lc.stages}
    assert {s.name: (s.kind, owners.get(s.owner), s.x, s.y, s.notes) for s in lc.stages} == EXPECTED_STAGES
    assert {(names[e.source], names[e.target]): (e.kind, e.trigger, e.latency_days, e.label)
            for e in lc.edges} == EXPECTED_EDGES
    assert lc.name == "team"  # yEd calls every graph "G"; the file's name says more
    summary = imported.summary
    assert "owner of 'Data ingestion': 'Data team' (the swimlane it sits in)" in summary
    assert "owner of 'Canary rollout': 'Ops' (the swimlane it sits in)" in summary
    assert "kind of 'Weekly retro': guessed learn (from 'retro')" in summary
    assert "feedback edge 'Weekly retro' → 'Model training': drawn dashed" in summary
    assert "trigger of 'Weekly retro' → 'Model training': schedule (from 'weekly' in its label)" in summary
    assert ("label of 'Weekly retro' → 'Model training': 'weekly, 7 days' read into the edge's fields; "
            "kept 'weekly'") in summary
    assert "dropped: the note 'Ask legal about retention' (not a box, and not connected)" in summary
    assert "dropped: the image at (1200, 500) (not a box, and not connected)" in summary
    assert "dropped: the text 'Lifecycle v2' (text, not a stage)" in summary
    assert "dropped: the edge from 'Lifecycle v2' (not a stage) to 'Weekly retro' (a loose end)" in summary
    # the pool, its lanes and the group are owners, never stages
    assert not {"ML platform", "Ops", "Data team", "Research"} & set(names.values())


@pytest.mark.parametrize("name", template_names())
def test_every_template_comes_back_from_graphml_with_the_same_findings(tmp_path, name):
    original = load_template(name)
    source = tmp_path / "in.lifecycle.json"
    write_document(original, source)
    out = tmp_path / f"{name}.graphml"
    assert main(["export", str(source), "--to", str(out)]) == 0
    imported = import_graphml(out)
    assert imported.lifecycle == original
    assert imported.summary == []
    assert check_lifecycle(imported.lifecycle, today=TODAY).findings == check_lifecycle(original, today=TODAY).findings
    # and networkx still reads the app's data keys
    graph = nx.read_graphml(out)
    assert {n: graph.nodes[n]["kind"] for n in graph} == {s.id: s.kind for s in original.stages}


def test_the_export_carries_yfiles_graphics_yed_draws(tmp_path):
    lc = load_template("hybrid")
    out = _write(tmp_path, graphml(lc), "hybrid.graphml")
    root = parse_xml(out.read_bytes(), str(out), "file")
    keys = {k.get("id"): k.get("yfiles.type") for k in root.iter(f"{G}key")}
    assert set(keys.values()) >= {"nodegraphics", "edgegraphics"}
    owners = {o.id: o.name for o in lc.owners}
    nodes = {n.get("id"): n for n in root.iter(f"{G}node")}
    for s in lc.stages:
        shape = nodes[s.id].find(f"{G}data/{Y}ShapeNode")
        geometry = shape.find(f"{Y}Geometry")
        assert [float(geometry.get(k)) for k in ("x", "y", "width", "height")] == [s.x, s.y, STAGE_WIDTH, STAGE_HEIGHT]
        assert shape.find(f"{Y}Fill").get("color") == KIND_FILL[s.kind]
        assert shape.find(f"{Y}BorderStyle").get("color") == KIND_BORDER[s.kind]
        assert shape.find(f"{Y}NodeLabel").text == f"{s.name}\n{owners[s.owner] if s.owner else 'No owner'}"
        assert shape.find(f"{Y}Shape").get("type") == "roundrectangle"
    edges = {e.get("id"): e for e in root.iter(f"{G}edge")}
    for e in lc.edges:
        data = edges[e.id].find(f"{G}data[@key='ye']")
        realizer = data[0]
        line = realizer.find(f"{Y}LineStyle")
        if e.kind == "feedback":
            assert realizer.tag == f"{Y}ArcEdge"
            assert (line.get("type"), line.get("color")) == ("dashed", FEEDBACK_EDGE)
        else:
            assert realizer.tag == f"{Y}PolyLineEdge"
            assert (line.get("type"), line.get("color")) == ("line", FLOW_EDGE)
        assert realizer.find(f"{Y}Arrows").get("target") == "standard"
    labelled = next(e for e in lc.edges if e.kind == "feedback" and e.trigger != "manual")
    assert labelled.trigger in edges[labelled.id].find(f".//{Y}EdgeLabel").text


def test_moved_and_added_in_yed_the_diagram_comes_back_with_the_changes(tmp_path):
    """yEd keeps the app's data keys and rewrites geometry; a box drawn there is guessed."""
    lc = load_template("assembly-line")
    first = lc.stages[0]
    text = graphml(lc)
    text = re.sub(rf'(<node id="{first.id}">.*?<y:Geometry x=")[^"]*(" y=")[^"]*"',
                  r'\g<1>555.5\g<2>-40"', text, count=1, flags=re.S)
    # yEd writes its graphics under the file's own graphics keys (here the app's "yn" and "ye")
    added = (shape_node("n99", "Drift watch", 900.0, 300.0, fill=KIND_FILL["monitor"])
             + poly_edge("x1", "n99", first.id, line="dashed")).replace('key="d6"', 'key="yn"')
    text = text.replace("</graph>", added.replace('key="d10"', 'key="ye"') + "</graph>")
    imported = import_graphml(_write(tmp_path, text))
    moved = imported.lifecycle.stages[0]
    assert (moved.x, moved.y) == (555.5, -40.0)
    added = imported.lifecycle.stages[-1]
    assert (added.name, added.kind) == ("Drift watch", "monitor")
    assert f"kind of 'Drift watch': guessed monitor (from its fill colour {KIND_FILL['monitor']})" in imported.summary
    assert imported.lifecycle.edges[-1].kind == "feedback"
    assert imported.lifecycle.edges[:-1] == lc.edges


HOSTILE = ['"q" \'s\'', "<script>x</script>", "a & b # c", "two\nlines\r\n", "ctl\x07\x1b[2J", "x" * 200]


def test_hostile_names_survive_graphml(tmp_path):
    owners = [d.Owner("o", "<i>Ops</i>\n&")]
    stages = [d.Stage(f"s{i}", n, "monitor", owner="o", notes=n, criteria=n, x=i * 1.5, y=-float(i))
              for i, n in enumerate(HOSTILE)]
    edges = [d.Edge(f"e{i}", f"s{i}", f"s{i + 1}", kind="feedback", trigger="alert", label=HOSTILE[i])
             for i in range(len(HOSTILE) - 1)]
    lc = d.Lifecycle("<b>\x01</b>", description="\x1f", owners=owners, stages=stages, edges=edges)
    out = _write(tmp_path, graphml(lc))
    assert import_graphml(out).lifecycle == lc
    nx.read_graphml(out)  # still well-formed GraphML for other readers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lc=lifecycles())
def test_any_lifecycle_comes_back_from_graphml(tmp_path_factory, lc):
    out = tmp_path_factory.mktemp("g") / "lc.graphml"
    out.write_text(graphml(lc), encoding="utf-8")
    assert import_graphml(out).lifecycle == lc


def test_check_a_yed_file_prints_the_summary_on_stderr(tmp_path, capsys):
    path = _write(tmp_path, team_graph())
    assert main(["check", str(path), "--today", "2026-06-01"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == f"{path}: read 6 stages, 6 edges and 3 owners from the diagram; check these:"
    assert "Release sign-off" in captured.out


def test_an_entity_in_a_yed_file_is_refused(tmp_path, capsys):
    text = team_graph().replace('<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
                                '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">]>')
    path = _write(tmp_path, text)
    assert main(["check", str(path)]) == 2
    assert "file: declares a document type (DTD), which is refused" in capsys.readouterr().err


def test_a_plain_graphml_without_graphics_still_reads(tmp_path):
    text = ('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<key id="d0" for="node" attr.name="label" attr.type="string"/>'
            '<graph id="Pipeline" edgedefault="directed"><node id="a"><data key="d0">Deploy</data></node>'
            '<node id="b"><data key="d0">Watch   alerts</data></node><edge source="a" target="b"/></graph></graphml>')
    lc = import_graphml(_write(tmp_path, text, "p.graphml")).lifecycle
    assert lc.name == "Pipeline"
    assert [(s.name, s.kind) for s in lc.stages] == [("Deploy", "deploy"), ("Watch alerts", "monitor")]


def test_a_node_renamed_in_yed_comes_back_renamed(tmp_path):
    lc = load_template("hybrid")
    stage, owner = lc.stages[2], {o.id: o.name for o in lc.owners}[lc.stages[2].owner]
    text = graphml(lc).replace(f">{stage.name}\n{owner}</y:NodeLabel>", f">Feature trials\n{owner}</y:NodeLabel>", 1)
    assert "Feature trials" in text
    imported = import_graphml(_write(tmp_path, text))
    assert imported.lifecycle.stages[2].name == "Feature trials"
    assert imported.summary == [f"renamed in the diagram: '{stage.name}' → 'Feature trials'"]


def test_bpmn_activities_are_stages_and_unlabelled_events_are_markers(tmp_path):
    from tests.interchange.yed_fixtures import generic_node
    from tests.interchange.yed_fixtures import graphml as yed_graph

    text = yed_graph(
        generic_node("start", "", 0.0, 0.0, "com.yworks.bpmn.Event.withShadow"),
        generic_node("t1", "Train model", 100.0, 0.0, "com.yworks.bpmn.Activity.withShadow"),
        generic_node("t2", "Deploy model", 300.0, 0.0, "com.yworks.bpmn.Activity.withShadow"),
        generic_node("end", "", 500.0, 0.0, "com.yworks.bpmn.Event.withShadow"),
        poly_edge("a", "start", "t1"), poly_edge("b", "t1", "t2"), poly_edge("c", "t2", "end"),
    )
    imported = import_graphml(_write(tmp_path, text, "bpmn.graphml"))
    assert [(s.name, s.kind) for s in imported.lifecycle.stages] == [("Train model", "develop"),
                                                                      ("Deploy model", "deploy")]
    assert len(imported.lifecycle.edges) == 1
    assert "dropped: the unlabelled event at (0, 0) (a start or end marker, not a stage)" in imported.summary
    assert "dropped: the edge from the event at (0, 0) (not a stage) to 'Train model' (a loose end)" in imported.summary
