"""Writing a lifecycle as a draw.io (diagrams.net) file that looks like the app's canvas.

Stages are rounded boxes in their kind's fill and border (model/palette.py), with the kind in
small capitals, the name, and the owner as the last line; flow edges are grey arrows, feedback
edges dashed and curved in the accent hue, with their label, trigger and latency beside them.

Every field of the lifecycle travels as custom properties (draw.io's Edit Data): each stage's on
its box, each edge's on its connector, and what a diagram has no place for (owners, phases, rules,
suppressions, paradigm, description) as the document on the diagram's background. drawio.py reads
them back, so export then import gives the same lifecycle, field by field.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

from desktop_app.model import document as d
from desktop_app.model.palette import (
    FEEDBACK_EDGE, FLOW_EDGE, KIND_ACCENT, KIND_BORDER, KIND_FILL, STAGE_HEIGHT, STAGE_WIDTH,
    SUBTLE_TEXT, TEXT,
)

from .drawing import EDGE_ID, EDGE_LABEL, EXACT, LIFECYCLE, NOT_XML, STAGE_ID, stage_caption, xml_text
from .writer import document_dict



def edge_caption(edge: d.Edge) -> str:
    """The text beside an edge, as the canvas shows it (export/painter.py's edge_caption): the
    label, and for a feedback edge its trigger (unless manual) and latency."""
    parts = [edge.label] if edge.label else []
    if edge.kind == "feedback":
        if edge.trigger != "manual":
            parts.append(edge.trigger)
        if edge.latency_days is not None:
            parts.append(f"{edge.latency_days:g} d")
    return " · ".join(parts)


def number_text(value: float) -> str:
    """A float written so that float() gives it back exactly; 220.0 as 220."""
    value = float(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


def _stage_label(stage: d.Stage, owner: str | None) -> str:
    """The box's HTML label; every user string escaped (draw.io renders labels as HTML)."""
    caption = stage_caption(stage.kind, stage.automation)
    owner_line = (f'<font color="{SUBTLE_TEXT}" style="font-size:11px">{html.escape(owner)}</font>' if owner
                  else f'<font color="{SUBTLE_TEXT}" style="font-size:11px"><i>No owner</i></font>')
    return (f'<font color="{KIND_ACCENT[stage.kind]}" style="font-size:9px"><b>{caption}</b></font><br>'
            f"<b>{html.escape(stage.name)}</b><br>{owner_line}")


def _properties(values: dict[str, str]) -> dict[str, str]:
    """Cell attributes; a value XML cannot hold goes exactly, JSON-escaped, into ``EXACT``."""
    exact = {k: v for k, v in values.items() if k != "label" and NOT_XML.search(v)}
    out = {k: xml_text(v) for k, v in values.items()}
    if exact:
        out[EXACT] = json.dumps(exact, ensure_ascii=True)
    return out


def _style(**values: str) -> str:
    return "".join(f"{k}={v};" for k, v in values.items())


def drawio(lc: d.Lifecycle) -> str:
    """The .drawio text: one uncompressed page named after the lifecycle."""
    mxfile = ET.Element("mxfile", host="lifecycle-studio", type="device", compressed="false")
    diagram = ET.SubElement(mxfile, "diagram", id="lifecycle", name=xml_text(lc.name))
    model = ET.SubElement(diagram, "mxGraphModel", grid="1", gridSize="20", guides="1", tooltips="1",
                          connect="1", arrows="1", fold="1", page="0", math="0", shadow="0")
    root = ET.SubElement(model, "root")
    rest = {k: v for k, v in document_dict(lc).items() if k not in ("stages", "edges")}
    # ensure_ascii: control characters in a description become \u escapes XML can hold
    background = ET.SubElement(root, "object", {"label": "", LIFECYCLE: json.dumps(rest, ensure_ascii=True),
                                                "id": "0"})
    ET.SubElement(background, "mxCell")
    ET.SubElement(root, "mxCell", id="1", parent="0")

    owners = {o.id: o.name for o in lc.owners}
    for s in lc.stages:
        props = {"label": _stage_label(s, owners.get(s.owner) if s.owner else None),
                 STAGE_ID: s.id, "name": s.name, "kind": s.kind, "owner": s.owner or "",
                 "automation": s.automation, "criteria": s.criteria, "notes": s.notes,
                 "id": f"stage-{s.id}"}
        obj = ET.SubElement(root, "object", _properties(props))
        cell = ET.SubElement(obj, "mxCell", vertex="1", parent="1", style=_style(
            rounded="1", arcSize="14", whiteSpace="wrap", html="1", align="left", verticalAlign="top",
            spacingLeft="8", spacingTop="2", fillColor=KIND_FILL[s.kind], strokeColor=KIND_BORDER[s.kind],
            strokeWidth="1.6", fontColor=TEXT, fontSize="13"))
        ET.SubElement(cell, "mxGeometry", {"x": number_text(s.x), "y": number_text(s.y),
                                           "width": number_text(STAGE_WIDTH),
                                           "height": number_text(STAGE_HEIGHT), "as": "geometry"})
    for e in lc.edges:
        props = {"label": html.escape(edge_caption(e)), EDGE_ID: e.id, "kind": e.kind, "trigger": e.trigger,
                 "latency_days": "" if e.latency_days is None else number_text(e.latency_days),
                 EDGE_LABEL: e.label, "id": f"edge-{e.id}"}
        obj = ET.SubElement(root, "object", _properties(props))
        if e.kind == "feedback":
            style = _style(html="1", curved="1", dashed="1", dashPattern="8 5", endArrow="block", endFill="1",
                           strokeColor=FEEDBACK_EDGE, fontColor=FEEDBACK_EDGE, strokeWidth="1.6",
                           labelBackgroundColor="#FFFFFF")
        else:
            style = _style(html="1", endArrow="block", endFill="1", strokeColor=FLOW_EDGE, fontColor=SUBTLE_TEXT,
                           strokeWidth="1.4", labelBackgroundColor="#FFFFFF")
        cell = ET.SubElement(obj, "mxCell", edge="1", parent="1", source=f"stage-{e.source}",
                             target=f"stage-{e.target}", style=style)
        ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})
    ET.indent(mxfile)
    return ET.tostring(mxfile, encoding="unicode", xml_declaration=True) + "\n"
