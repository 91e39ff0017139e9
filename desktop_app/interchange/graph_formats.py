"""Other tools' graph formats: Mermaid and Graphviz DOT out, GraphML out and in.

GraphML written here carries every FORMAT.md field of stages and edges as declared ``<key>``
attributes, so it reads back equal; a GraphML file from another tool (yEd, Gephi) reads as
stages named by their label, of kind ``other``, with flow edges, for the lead to refine.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # for writing only: reading goes through xml_input
from xml.etree.ElementTree import Element
from pathlib import Path

from desktop_app.model import document as d
from desktop_app.model.text import quoted

from .errors import DocumentError
from .reader import load_json, parse_document
from .schema import show
from .validation import JsonObject
from .xml_input import parse_xml, read_file
from .writer import document_dict

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_G = f"{{{GRAPHML_NS}}}"

# (key id, for, attr name, attr type)
_STAGE_KEYS = [
    ("name", "string"), ("kind", "string"), ("owner", "string"), ("automation", "string"),
    ("criteria", "string"), ("notes", "string"), ("x", "double"), ("y", "double"),
]
_EDGE_KEYS = [("kind", "string"), ("trigger", "string"), ("latency_days", "double"), ("label", "string")]


# ---- Mermaid ---------------------------------------------------------------------------------
def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def mermaid(lc: d.Lifecycle) -> str:
    """A Mermaid flowchart: solid arrows for flow, dotted for feedback, one class per kind."""
    ids = {s.id: f"s{i}" for i, s in enumerate(lc.stages)}
    lines = ["flowchart LR", f"  %% {lc.name}"]
    for s in lc.stages:
        lines.append(f'  {ids[s.id]}["{_mermaid_text(s.name)}<br/><small>{s.kind}</small>"]:::{s.kind}')
    for e in lc.edges:
        arrow = "-.->" if e.kind == "feedback" else "-->"
        caption = " · ".join(
            part for part in (
                e.label,
                e.trigger if e.trigger != "manual" else "",
                f"{e.latency_days:g} d" if e.latency_days is not None else "",
            ) if part
        )
        label = f'|"{_mermaid_text(caption)}"|' if caption else ""
        lines.append(f"  {ids[e.source]} {arrow}{label} {ids[e.target]}")
    from desktop_app.model.palette import KIND_HUE

    for kind, hue in KIND_HUE.items():
        lines.append(f"  classDef {kind} stroke:{hue},stroke-width:2px")
    return "\n".join(lines) + "\n"


# ---- DOT -------------------------------------------------------------------------------------
def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(lc: d.Lifecycle) -> str:
    """Graphviz DOT; positions kept as ``pos`` (points, y up) for ``neato -n``."""
    from desktop_app.model.palette import KIND_HUE

    owners = {o.id: o.name for o in lc.owners}
    lines = [f"digraph {_dot_quote(lc.name)} {{", "  rankdir=LR;",
             '  node [shape=box, style="rounded,filled", fontname="Helvetica"];']
    for s in lc.stages:
        label = s.name + (f"\n{owners[s.owner]}" if s.owner else "")
        lines.append(
            f"  {_dot_quote(s.id)} [label={_dot_quote(label)}, color={_dot_quote(KIND_HUE[s.kind])}, "
            f'fillcolor="white", pos="{s.x:g},{0.0 - s.y:g}!", kind={_dot_quote(s.kind)}];'
        )
    for e in lc.edges:
        attrs = [f"id={_dot_quote(e.id)}"]
        if e.kind == "feedback":
            attrs += ["style=dashed", 'color="#7B3294"', "constraint=false"]
        if e.label or e.latency_days is not None:
            caption = " · ".join(p for p in (e.label, f"{e.latency_days:g} d" if e.latency_days is not None else "") if p)
            attrs.append(f"label={_dot_quote(caption)}")
        lines.append(f"  {_dot_quote(e.source)} -> {_dot_quote(e.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---- GraphML ---------------------------------------------------------------------------------
def graphml(lc: d.Lifecycle) -> str:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{_G}graphml")
    for name, typ in _STAGE_KEYS:
        ET.SubElement(root, f"{_G}key", id=f"n_{name}", attrib={"for": "node", "attr.name": name,
                                                               "attr.type": typ})
    for name, typ in _EDGE_KEYS:
        ET.SubElement(root, f"{_G}key", id=f"e_{name}", attrib={"for": "edge", "attr.name": name,
                                                               "attr.type": typ})
    # what GraphML has no place for (owners, phases, rules, ...) rides along as the document
    ET.SubElement(root, f"{_G}key", id="g_lifecycle",
                  attrib={"for": "graph", "attr.name": "lifecycle", "attr.type": "string"})
    graph = ET.SubElement(root, f"{_G}graph", id=lc.name, edgedefault="directed")
    rest = {k: v for k, v in document_dict(lc).items() if k not in ("stages", "edges")}
    ET.SubElement(graph, f"{_G}data", key="g_lifecycle").text = json.dumps(rest, ensure_ascii=False)
    for s in lc.stages:
        node = ET.SubElement(graph, f"{_G}node", id=s.id)
        for name, _typ in _STAGE_KEYS:
            value = getattr(s, name)
            if value is None or value == "":
                continue
            ET.SubElement(node, f"{_G}data", key=f"n_{name}").text = (
                repr(float(value)) if name in ("x", "y") else str(value))
    for e in lc.edges:
        edge = ET.SubElement(graph, f"{_G}edge", id=e.id, source=e.source, target=e.target)
        for name, _typ in _EDGE_KEYS:
            value = getattr(e, name)
            if value is None or value == "":
                continue
            ET.SubElement(edge, f"{_G}data", key=f"e_{name}").text = (
                repr(float(value)) if name == "latency_days" else str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _number(text: str | None, where: str, problems: list[str]) -> float | None:
    if text is None:
        return None
    try:
        return float(text)  # NaN, inf and 1e400 read here; validation refuses them by path
    except ValueError:
        problems.append(f"{where}: {quoted(text)} is not a number")
        return None


def _embedded_document(text: str, source: str) -> JsonObject:
    """The lifecycle JSON the app writes into its GraphML (owners, phases, rules, ...), read by
    the document reader as a ``.lifecycle.json`` is: repeated keys, NaN, deep nesting and
    too long numbers are refused the same way. Stages and edges come from the GraphML's nodes
    and edges, so the JSON must not hold them (two truths)."""
    data, _plain = load_json(text, source=source, where="graph.lifecycle")
    if not isinstance(data, dict):
        raise DocumentError(source, [f"graph.lifecycle: expected an object, got {show(data)}"])
    both = [key for key in ("stages", "edges") if key in data]
    if both:
        raise DocumentError(source, [
            f"graph.lifecycle: holds {' and '.join(repr(k) for k in both)}, which the GraphML's "
            "nodes and edges give; remove it from the lifecycle JSON"])
    return data


def read_graphml(path: str | Path) -> d.Lifecycle:
    """A lifecycle from a GraphML file; refused (DocumentError) like a JSON document would be.

    Read through the one XML reader (xml_input: defusedxml, no entity or DTD expanded, the
    file looked at and capped before it is read)."""
    source = str(path)
    root = parse_xml(read_file(source), source, "file")
    if root.tag != f"{_G}graphml":
        raise DocumentError(source, ["file: not a GraphML file (no <graphml> root)"])
    graph = root.find(f"{_G}graph")
    if graph is None:
        raise DocumentError(source, ["file: the GraphML file holds no <graph>"])
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.findall(f"{_G}key")}
    problems: list[str] = []

    def attributes(element: Element) -> dict[str, str]:
        out = {}
        for data in element.findall(f"{_G}data"):
            _for, name = keys.get(data.get("key"), (None, data.get("key")))
            out[name] = (data.text or "") if len(data) == 0 else "".join(data.itertext()).strip()
        return out

    graph_data = attributes(graph)
    # the whole document goes through validation, the embedded part included; a JsonObject
    # keeps the repeated keys the reader found, for validation to name
    doc = _embedded_document(graph_data["lifecycle"], source) if "lifecycle" in graph_data else JsonObject()
    doc.setdefault("format", "lifecycle")
    doc.setdefault("version", 1)
    doc.setdefault("name", graph.get("id") or Path(source).name.split(".")[0])
    stages = []
    for i, node in enumerate(graph.findall(f"{_G}node")):
        data = attributes(node)
        stage: dict = {"id": node.get("id", ""), "name": data.get("name") or data.get("label")
                       or node.get("id", ""), "kind": data.get("kind", "other")}
        for name in ("owner", "automation", "criteria", "notes"):
            if data.get(name):
                stage[name] = data[name]
        for name in ("x", "y"):
            value = _number(data.get(name), f"nodes[{i}].{name}", problems)
            if value is not None:
                stage[name] = value
        stages.append(stage)
    edges = []
    for i, element in enumerate(graph.findall(f"{_G}edge")):
        data = attributes(element)
        edge: dict = {"source": element.get("source", ""), "target": element.get("target", "")}
        if element.get("id"):
            edge["id"] = element.get("id")
        for name in ("kind", "trigger", "label"):
            if data.get(name):
                edge[name] = data[name]
        latency = _number(data.get("latency_days"), f"edges[{i}].latency_days", problems)
        if latency is not None:
            edge["latency_days"] = latency
        edges.append(edge)
    if problems:
        raise DocumentError(source, problems)
    doc["stages"], doc["edges"] = stages, edges
    try:
        return parse_document(doc, source=source)
    except DocumentError as exc:
        # what validation places at the document's top level is in the embedded JSON
        raise DocumentError(source, [
            "graph.lifecycle" + p[len("document"):] if p.startswith("document:") else p
            for p in exc.problems]) from None
