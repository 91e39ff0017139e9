"""Other tools' graph formats: Mermaid and Graphviz DOT out, GraphML out and in.

GraphML written here carries every FORMAT.md field of stages and edges as declared ``<key>``
attributes, so it reads back equal; a GraphML file from another tool (yEd, Gephi) reads as
stages named by their label, of kind ``other``, with flow edges, for the lead to refine.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # for writing only: reading goes through xml_input
from pathlib import Path

from desktop_app.model import document as d
from desktop_app.model.text import clean_lines, one_line

from .errors import DocumentError
from .drawing import Imported, embedded_document, lifecycle_from_drawing
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
# Characters Mermaid would read as syntax inside a quoted label, as its entity codes ("#quot;",
# "#35;" ...): a quote would end the label, "#name;" is itself an entity, "<" starts HTML, a
# backtick a Markdown string. Line breaks and control characters become spaces: a label or a
# comment is one line, or the next line is read as code.
# "%" too: Mermaid looks for "%%{...}%%" directives anywhere in the text, comments included.
_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;",
                     "%": "#37;"}


def _mermaid_text(text: str) -> str:
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in one_line(text, None))


def mermaid(lc: d.Lifecycle) -> str:
    """A Mermaid flowchart: each stage a box in its kind's fill and border (classDef) with its
    kind and owner under the name, flow edges solid, feedback edges dotted in the accent hue."""
    from desktop_app.model.palette import FEEDBACK_EDGE, KIND_BORDER, KIND_FILL, KIND_LABEL, TEXT

    from .drawio_writer import edge_caption

    owners = {o.id: o.name for o in lc.owners}
    ids = {s.id: f"s{i}" for i, s in enumerate(lc.stages)}
    # the name escaped in its comment too, so it cannot end the line or open a directive
    lines = ["flowchart LR", f"  %% {_mermaid_text(lc.name)}"]
    for s in lc.stages:
        under = KIND_LABEL[s.kind] + (f" · {owners[s.owner]}" if s.owner else "")
        lines.append(f'  {ids[s.id]}["{_mermaid_text(s.name)}<br/><small>{_mermaid_text(under)}</small>"]'
                     f":::{s.kind}")
    feedback: list[str] = []
    for i, e in enumerate(lc.edges):
        arrow = "-.->" if e.kind == "feedback" else "-->"
        caption = edge_caption(e)
        label = f'|"{_mermaid_text(caption)}"|' if caption else ""
        lines.append(f"  {ids[e.source]} {arrow}{label} {ids[e.target]}")
        if e.kind == "feedback":
            feedback.append(str(i))
    for kind in KIND_FILL:
        lines.append(f"  classDef {kind} fill:{KIND_FILL[kind]},stroke:{KIND_BORDER[kind]},"
                     f"stroke-width:2px,color:{TEXT}")
    if feedback:
        lines.append(f"  linkStyle {','.join(feedback)} stroke:{FEEDBACK_EDGE},color:{FEEDBACK_EDGE}")
    return "\n".join(lines) + "\n"


# ---- DOT -------------------------------------------------------------------------------------
def _dot_quote(text: str) -> str:
    """A DOT string: backslashes and quotes escaped, every line break a centred "\\n" (a raw
    "\\r" would right-justify), control characters dropped, and "&" as "&amp;" because
    Graphviz reads entities in every label ("&lt;" would show as "<")."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + "\\n".join(clean_lines(text)) + '"'


def dot(lc: d.Lifecycle) -> str:
    """Graphviz DOT in the app's look: boxes filled and bordered by kind, owner on a second
    line, feedback edges dashed in the accent hue, captions with label, trigger and latency;
    positions kept as ``pos`` (points, y up) for ``neato -n``."""
    from desktop_app.model.palette import FEEDBACK_EDGE, FLOW_EDGE, KIND_BORDER, KIND_FILL, TEXT

    from .drawio_writer import edge_caption

    owners = {o.id: o.name for o in lc.owners}
    lines = [f"digraph {_dot_quote(lc.name)} {{", "  rankdir=LR;",
             f'  node [shape=box, style="rounded,filled", fontname="Helvetica", fontcolor="{TEXT}"];',
             f'  edge [color="{FLOW_EDGE}", fontname="Helvetica", fontsize=10];']
    for s in lc.stages:
        label = s.name + (f"\n{owners[s.owner]}" if s.owner else "")
        lines.append(
            f"  {_dot_quote(s.id)} [label={_dot_quote(label)}, color={_dot_quote(KIND_BORDER[s.kind])}, "
            f'fillcolor={_dot_quote(KIND_FILL[s.kind])}, pos="{s.x:g},{0.0 - s.y:g}!", kind={_dot_quote(s.kind)}];'
        )
    for e in lc.edges:
        attrs = [f"id={_dot_quote(e.id)}"]
        if e.kind == "feedback":
            attrs += ["style=dashed", f'color="{FEEDBACK_EDGE}"', f'fontcolor="{FEEDBACK_EDGE}"', "constraint=false"]
        caption = edge_caption(e)
        if caption:
            attrs.append(f"label={_dot_quote(caption)}")
        lines.append(f"  {_dot_quote(e.source)} -> {_dot_quote(e.target)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---- GraphML ---------------------------------------------------------------------------------
def graphml(lc: d.Lifecycle) -> str:
    """GraphML carrying every field as declared data keys (networkx and Gephi read them), plus
    yEd's graphics (yed.py), so yEd shows the diagram as the app draws it."""
    from .drawing import EXACT
    from .drawio_writer import xml_text
    from .yed import Y_NS, add_edge_graphics, add_graphics_keys, add_node_graphics, not_xml

    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", Y_NS)
    root = ET.Element(f"{_G}graphml")
    for name, typ in _STAGE_KEYS:
        ET.SubElement(root, f"{_G}key", id=f"n_{name}", attrib={"for": "node", "attr.name": name,
                                                               "attr.type": typ})
    for name, typ in _EDGE_KEYS:
        ET.SubElement(root, f"{_G}key", id=f"e_{name}", attrib={"for": "edge", "attr.name": name,
                                                               "attr.type": typ})
    # a text XML cannot hold (control characters) goes exactly, JSON-escaped, in this key
    for what in ("node", "edge"):
        ET.SubElement(root, f"{_G}key", id=f"{what[0]}_{EXACT}",
                      attrib={"for": what, "attr.name": EXACT, "attr.type": "string"})
    # what GraphML has no place for (owners, phases, rules, ...) rides along as the document
    ET.SubElement(root, f"{_G}key", id="g_lifecycle",
                  attrib={"for": "graph", "attr.name": "lifecycle", "attr.type": "string"})
    add_graphics_keys(root)
    graph = ET.SubElement(root, f"{_G}graph", id=xml_text(lc.name), edgedefault="directed")
    rest = {k: v for k, v in document_dict(lc).items() if k not in ("stages", "edges")}
    # ensure_ascii: control characters become \u escapes, which XML can hold
    ET.SubElement(graph, f"{_G}data", key="g_lifecycle").text = json.dumps(rest, ensure_ascii=True)

    def put(element: ET.Element, prefix: str, name: str, text: str, exact: dict[str, str]) -> None:
        # XML reads a carriage return in element text back as a line feed: exact it, too
        if not_xml(text) or "\r" in text:
            exact[name] = text
        ET.SubElement(element, f"{_G}data", key=f"{prefix}_{name}").text = xml_text(text)

    owners = {o.id: o.name for o in lc.owners}
    for s in lc.stages:
        node = ET.SubElement(graph, f"{_G}node", id=s.id)
        exact: dict[str, str] = {}
        for name, _typ in _STAGE_KEYS:
            value = getattr(s, name)
            if value is None or value == "":
                continue
            put(node, "n", name, repr(float(value)) if name in ("x", "y") else str(value), exact)
        if exact:
            ET.SubElement(node, f"{_G}data", key=f"n_{EXACT}").text = json.dumps(exact, ensure_ascii=True)
        add_node_graphics(node, s, owners.get(s.owner) if s.owner else None)
    for e in lc.edges:
        edge = ET.SubElement(graph, f"{_G}edge", id=e.id, source=e.source, target=e.target)
        exact = {}
        for name, _typ in _EDGE_KEYS:
            value = getattr(e, name)
            if value is None or value == "":
                continue
            put(edge, "e", name, repr(float(value)) if name == "latency_days" else str(value), exact)
        if exact:
            ET.SubElement(edge, f"{_G}data", key=f"e_{EXACT}").text = json.dumps(exact, ensure_ascii=True)
        add_edge_graphics(edge, e)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def import_graphml(path: str | Path) -> Imported:
    """A lifecycle from a GraphML file, and how it was read; refused (DocumentError) like a
    JSON document would be.

    The app's own GraphML (it holds the lifecycle as graph data) reads back exactly; yEd's
    reads like a draw.io diagram: labels, geometry, fills, groups and swimlanes as owners,
    dashed lines as feedback (yed.py). Read through the one XML reader (xml_input:
    defusedxml, no entity or DTD expanded, the file looked at and capped before it is read)."""
    from .yed import drawing_from_graphml

    source = str(path)
    root = parse_xml(read_file(source), source, "file")
    if root.tag != f"{_G}graphml":
        raise DocumentError(source, ["file: not a GraphML file (no <graphml> root)"])
    graph = root.find(f"{_G}graph")
    if graph is None:
        raise DocumentError(source, ["file: the GraphML file holds no <graph>"])
    graph_id = graph.get("id") or ""
    # yEd names every graph "G": the file's name says more
    name = graph_id if graph_id and graph_id != "G" else Path(source).name.split(".")[0]
    drawing = drawing_from_graphml(root, graph, name)
    base, plain = None, True
    if "lifecycle" in drawing.props:
        base, plain = embedded_document(drawing.props.pop("lifecycle"), source, "graph.lifecycle",
                                 "the GraphML's nodes and edges")
    return lifecycle_from_drawing(drawing, source, base=base, base_plain=plain, where="graph.lifecycle")


def read_graphml(path: str | Path) -> d.Lifecycle:
    """The lifecycle of a GraphML file (see import_graphml)."""
    return import_graphml(path).lifecycle
