"""Mermaid and DOT exports with hostile names: DOT read back by Graphviz itself (dot -Tsvg) and
its SVG's texts compared with the names; Mermaid (no parser installed) checked line by line
against its grammar's rules for quoted labels, entities, comments and directives."""

from __future__ import annotations

import re
import shutil
import subprocess

import defusedxml.ElementTree as SafeET
import pytest

from desktop_app.interchange import load_template
from desktop_app.interchange.graph_formats import dot, mermaid
from desktop_app.model import document as d
from desktop_app.model.palette import FEEDBACK_EDGE, KIND_BORDER, KIND_FILL

HOSTILE = [
    '"double" \'single\'', "<script>alert(1)</script>", "a & b &lt; c # d;", "two\nlines\r\nthree\rfour",
    "back\\slash \\N \\G \\l end\\", "ctl\x07\x1b[2J\x7f", "%%{init: {'theme': 'dark'}}%% `md`", "pipe | and ] [",
    "x" * 10_000,
]
SVG = "{http://www.w3.org/2000/svg}"


def hostile_lifecycle() -> d.Lifecycle:
    owners = [d.Owner("o", "Ops & <team>")]
    stages = [d.Stage(f"s{i}", name, d.STAGE_KINDS[i % 9], owner="o" if i % 2 else None, x=i * 200.0)
              for i, name in enumerate(HOSTILE)]
    edges = [d.Edge(f"e{i}", f"s{i}", f"s{i + 1}", kind="feedback" if i % 2 else "flow",
                    trigger="drift" if i % 2 else "manual", latency_days=2.0 if i % 2 else None, label=HOSTILE[i])
             for i in range(len(HOSTILE) - 1)]
    return d.Lifecycle('Lifecycle "q" & <b>\n%%{init}', owners=owners, stages=stages, edges=edges)


def _lines(text: str) -> list[str]:
    """A name as Graphviz shows it: one text line per line of the name, control characters
    dropped (as on the canvas and in every picture)."""
    return [re.sub("[\x00-\x1f\x7f]", "", part) for part in re.split("\r\n|\r|\n", text)]


@pytest.fixture(scope="module")
def svg_root(tmp_path_factory):
    assert shutil.which("dot"), "graphviz (dot) is needed to read DOT files back"
    path = tmp_path_factory.mktemp("dot") / "hostile.dot"
    path.write_text(dot(hostile_lifecycle()), encoding="utf-8")
    svg = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True, check=True).stdout
    return SafeET.fromstring(svg.encode("utf-8"))


def _groups(root, cls: str) -> dict[str, list]:
    return {g.find(f"{SVG}title").text: g for g in root.iter(f"{SVG}g") if g.get("class") == cls}


def test_dot_stage_labels_come_back_from_graphviz_exactly(svg_root):
    lc = hostile_lifecycle()
    nodes = _groups(svg_root, "node")
    assert len(nodes) == len(lc.stages)
    for s in lc.stages:
        texts = [t.text or "" for t in nodes[s.id].iter(f"{SVG}text")]
        expected = _lines(s.name) + (["Ops & <team>"] if s.owner else [])
        # Graphviz writes spaces it must keep as no-break spaces
        assert [t.replace("\xa0", " ") for t in texts] == expected


def test_dot_fills_stages_by_kind_and_dashes_feedback_with_the_trigger(svg_root):
    lc = hostile_lifecycle()
    nodes = _groups(svg_root, "node")
    for s in lc.stages:
        shape = next(el for el in nodes[s.id] if el.tag in (f"{SVG}path", f"{SVG}polygon"))
        assert (shape.get("fill").upper(), shape.get("stroke").upper()) == (KIND_FILL[s.kind], KIND_BORDER[s.kind])
    edges = {g.get("id"): g for g in svg_root.iter(f"{SVG}g") if g.get("class") == "edge"}
    assert len(edges) == len(lc.edges)
    for e in lc.edges:
        group = edges[e.id]
        path = group.find(f"{SVG}path")
        caption = " ".join((t.text or "").replace("\xa0", " ") for t in group.iter(f"{SVG}text"))
        if e.kind == "feedback":
            assert path.get("stroke-dasharray") and path.get("stroke").upper() == FEEDBACK_EDGE
            assert caption.endswith("· drift · 2 d")
        else:
            assert not path.get("stroke-dasharray")


def test_dot_of_every_template_is_read_by_graphviz(tmp_path):
    for name in ("hybrid", "regulatory-classifier"):
        path = tmp_path / f"{name}.dot"
        path.write_text(dot(load_template(name)), encoding="utf-8")
        result = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr, result.stderr


# ---- Mermaid ---------------------------------------------------------------------------------
NODE = re.compile(r'  (s\d+)\["([^"\n]*)<br/><small>([^"\n]*)</small>"\]:::(\w+)\Z')
EDGE = re.compile(r'  (s\d+) (-->|-\.->)(?:\|"([^"\n]*)"\|)? (s\d+)\Z')
ENTITY = re.compile(r"#(quot|amp|lt|gt|35|96|37);")


def _decode(label: str) -> str:
    names = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "35": "#", "96": "`", "37": "%"}
    return ENTITY.sub(lambda m: names[m.group(1)], label)


def test_mermaid_labels_are_one_line_quoted_and_escaped():
    lc = hostile_lifecycle()
    lines = mermaid(lc).splitlines()
    assert lines[0] == "flowchart LR"
    # the comment: escaped, on its line; no "%%" anywhere else, so no directive can start
    assert lines[1] == "  %% Lifecycle #quot;q#quot; #amp; #lt;b#gt; #37;#37;{init}"
    assert sum("%%" in line for line in lines) == 1
    nodes = [NODE.match(line) for line in lines[2:2 + len(lc.stages)]]
    assert all(nodes), [line[:80] for line, m in zip(lines[2:], nodes) if not m]
    for match, s in zip(nodes, lc.stages):
        label = match.group(2)
        # nothing in a label that Mermaid reads as syntax, except entities
        assert not re.search(r'[<>"&`%]', label)
        assert "#" not in ENTITY.sub("", label)
        # one line: breaks and control characters as spaces, runs of spaces as one
        assert _decode(label) == " ".join(re.sub("[\x00-\x1f\x7f]", " ", s.name).split())
        assert match.group(4) == s.kind
    edges = [EDGE.match(line) for line in lines[2 + len(lc.stages):2 + len(lc.stages) + len(lc.edges)]]
    assert all(edges)
    for match, e in zip(edges, lc.edges):
        assert match.group(2) == ("-.->" if e.kind == "feedback" else "-->")
        assert not re.search(r'[<>"&`%]', match.group(3) or "")


def test_mermaid_colours_stages_from_the_palette_and_feedback_in_the_accent():
    lc = load_template("hybrid")
    lines = mermaid(lc).splitlines()
    for kind in d.STAGE_KINDS:
        assert f"  classDef {kind} fill:{KIND_FILL[kind]},stroke:{KIND_BORDER[kind]},stroke-width:2px,color:#1F1F1F" in lines
    feedback = [str(i) for i, e in enumerate(lc.edges) if e.kind == "feedback"]
    assert lines[-1] == f"  linkStyle {','.join(feedback)} stroke:{FEEDBACK_EDGE},color:{FEEDBACK_EDGE}"
    fb = next(e for e in lc.edges if e.kind == "feedback" and e.trigger != "manual")
    assert any(f"|\"{fb.trigger}" in line and "-.->" in line for line in lines)
