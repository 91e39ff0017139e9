"""draw.io files as draw.io writes them, built from its file format (the mxGraph model of
mxfile > diagram > mxGraphModel > root > mxCell, as documented at jgraph/drawio and in
mxGraph's mxCodec): cells "0" (root) and "1" (the default layer), vertices and edges with
``mxGeometry`` (relative to their parent), ``<object>``/``<UserObject>`` wrappers holding
custom properties, HTML labels (``html=1``), edge labels as child cells, waypoints in
``<Array as="points">``, and the compressed page form: base64 of raw deflate of the
URL-encoded (encodeURIComponent) model XML.
"""

from __future__ import annotations

import base64
import urllib.parse
import zlib
from xml.sax.saxutils import quoteattr


def vertex(cid: str, label: str, x: float, y: float, *, parent: str = "1", style: str = "rounded=1;whiteSpace=wrap;html=1;",
           w: float = 120, h: float = 60) -> str:
    return (f'<mxCell id={quoteattr(cid)} value={quoteattr(label)} style={quoteattr(style)} vertex="1" '
            f'parent={quoteattr(parent)}><mxGeometry x="{x}" y="{y}" width="{w}" height="{h}" as="geometry"/></mxCell>')


def obj(tag: str, cid: str, label: str, x: float, y: float, props: dict[str, str], *, parent: str = "1",
        style: str = "rounded=1;whiteSpace=wrap;html=1;", placeholders: bool = False) -> str:
    attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in props.items())
    ph = ' placeholders="1"' if placeholders else ""
    return (f'<{tag} label={quoteattr(label)} {attrs}{ph} id={quoteattr(cid)}><mxCell style={quoteattr(style)} '
            f'vertex="1" parent={quoteattr(parent)}><mxGeometry x="{x}" y="{y}" width="120" height="60" '
            f'as="geometry"/></mxCell></{tag}>')


def edge(cid: str, source: str | None, target: str | None, *, label: str = "", style: str = "edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;",
         points: list[tuple[float, float]] = (), parent: str = "1") -> str:
    ends = (f' source={quoteattr(source)}' if source else "") + (f' target={quoteattr(target)}' if target else "")
    inner = ""
    if points:
        inner = '<Array as="points">' + "".join(f'<mxPoint x="{x}" y="{y}"/>' for x, y in points) + "</Array>"
    if not target:
        inner += '<mxPoint x="900" y="900" as="targetPoint"/>'
    return (f'<mxCell id={quoteattr(cid)} value={quoteattr(label)} style={quoteattr(style)} edge="1" '
            f'parent={quoteattr(parent)}{ends}><mxGeometry relative="1" as="geometry">{inner}</mxGeometry></mxCell>')


def edge_label(cid: str, edge_id: str, text: str) -> str:
    """A label dragged along an edge: draw.io writes it as a child vertex of the edge."""
    return (f'<mxCell id={quoteattr(cid)} value={quoteattr(text)} style="edgeLabel;html=1;align=center;" '
            f'vertex="1" connectable="0" parent={quoteattr(edge_id)}><mxGeometry x="-0.1" relative="1" '
            f'as="geometry"><mxPoint as="offset"/></mxGeometry></mxCell>')


def model(*cells: str, root_props: dict[str, str] | None = None) -> str:
    if root_props:
        attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in root_props.items())
        root = f'<object label="" {attrs} id="0"><mxCell/></object>'
    else:
        root = '<mxCell id="0"/>'
    return ('<mxGraphModel dx="1200" dy="800" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" '
            'arrows="1" fold="1" page="1" pageScale="1" pageWidth="1169" pageHeight="827" math="0" shadow="0">'
            f'<root>{root}<mxCell id="1" parent="0"/>{"".join(cells)}</root></mxGraphModel>')


def compress(model_xml: str) -> str:
    """What draw.io stores for a compressed page: base64(deflateRaw(encodeURIComponent(xml)))."""
    encoded = urllib.parse.quote(model_xml, safe="-_.!~*'()").encode("ascii")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base64.b64encode(packer.compress(encoded) + packer.flush()).decode("ascii")


def mxfile(*pages: tuple[str, str], compressed: bool = False) -> str:
    diagrams = []
    for i, (name, model_xml) in enumerate(pages):
        body = compress(model_xml) if compressed else model_xml
        diagrams.append(f'<diagram id="page-{i}" name={quoteattr(name)}>{body}</diagram>')
    flag = ' compressed="true"' if compressed else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<mxfile host="app.diagrams.net" agent="Mozilla/5.0" '
            f'version="24.7.17"{flag}>' + "".join(diagrams) + "</mxfile>\n")


# ---- one lifecycle drawn the way teams draw them ---------------------------------------------
def team_model() -> str:
    """A pool with two lanes, a group, HTML labels, a note, a text, an image, waypoints,
    a dashed feedback edge, a trigger-named edge, an edge label cell and a loose edge."""
    return model(
        # a pool at (40, 40) with two lanes; lane children are relative to the lane
        vertex("pool", "ML platform", 40, 40, style="swimlane;childLayout=stackLayout;horizontal=0;html=1;", w=900, h=400),
        vertex("lane-data", "Data team", 20, 0, parent="pool", style="swimlane;horizontal=0;html=1;", w=880, h=200),
        vertex("lane-ops", "Ops", 20, 200, parent="pool", style="swimlane;horizontal=0;html=1;", w=880, h=200),
        vertex("ingest", "Data <b>ingestion</b>", 40, 30, parent="lane-data"),
        vertex("train", "Model<br>training", 240, 30, parent="lane-data"),
        vertex("deploy", "<div>Canary</div><div>rollout</div>", 40, 60, parent="lane-ops"),
        # a group at (1000, 100) holding the monitor box at (10, 20) inside it
        vertex("grp", "", 1000, 100, style="group;", w=200, h=100),
        vertex("watch", "Drift &amp; alerting", 10, 20, parent="grp"),
        vertex("retro", "Weekly review", 1000, 300, style="rounded=1;whiteSpace=wrap;html=1;fillColor=#dae8fc;"),
        vertex("sign", "Release sign-off", 600, 500, style="rhombus;whiteSpace=wrap;html=1;"),
        vertex("misc", "Coffee", 800, 600, style="rounded=0;whiteSpace=wrap;html=1;"),
        vertex("note", "Remember the GDPR review", 100, 600, style="shape=note;whiteSpace=wrap;html=1;"),
        vertex("title", "Our lifecycle", 0, 0, style="text;html=1;align=center;"),
        vertex("logo", "", 1200, 0, style="shape=image;image=https://example.org/logo.png;"),
        vertex("start", "Kick-off", 0, 200, style="ellipse;whiteSpace=wrap;html=1;"),
        edge("e-start", "start", "ingest"),
        edge("e1", "ingest", "train", points=[(300, 100), (320, 120)]),
        edge("e2", "train", "sign"),
        edge("e3", "sign", "deploy"),
        edge("e4", "deploy", "watch"),
        edge("e5", "watch", "retro", label="on alert"),
        edge("e6", "retro", "train", style="edgeStyle=orthogonalEdgeStyle;dashed=1;html=1;"),
        edge_label("e6-label", "e6", "3 days"),
        edge("e7", "watch", None, label="nowhere"),
    )
