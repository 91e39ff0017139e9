"""yEd's side of GraphML: the yFiles graphics the app writes so yEd draws the diagram as the app
does, and the reading of yEd's own files into a ``Drawing`` (drawing.py decides what is a stage).

yEd keeps a node's look in a ``<data>`` whose ``<key>`` has ``yfiles.type="nodegraphics"``: a
``y:ShapeNode`` or ``y:GenericNode`` with ``y:Geometry`` (absolute, top-left), ``y:Fill``,
``y:BorderStyle`` and ``y:NodeLabel``; a group is a ``y:ProxyAutoBoundsNode`` holding
``y:GroupNode`` realizers, with its members in a nested ``<graph>``; swimlanes are a
``y:TableNode`` whose rows or columns carry the lane labels. An edge's look is a
``y:PolyLineEdge`` (or ``y:ArcEdge``, ``y:BezierEdge``, ...) with ``y:LineStyle`` (``dashed``
marks feedback here), ``y:Arrows`` and ``y:EdgeLabel``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.etree.ElementTree import Element

from desktop_app.model import document as d
from desktop_app.model.palette import (
    FEEDBACK_EDGE, FLOW_EDGE, KIND_BORDER, KIND_FILL, STAGE_HEIGHT, STAGE_WIDTH, SUBTLE_TEXT, TEXT,
)

from .drawing import EDGE_ID, EXACT, STAGE_ID, Connector, Drawing, Shape, quoted
from .drawio import finite_number, label_text
from .drawio_writer import NOT_XML, edge_caption, number_text, xml_text

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
_G = f"{{{GRAPHML_NS}}}"
_Y = f"{{{Y_NS}}}"
NODE_GRAPHICS, EDGE_GRAPHICS = "yn", "ye"  # the app's key ids for yEd's graphics

# The app's own data keys (graph_formats.graphml writes them): stage and edge fields by name.
_STAGE_FIELDS = ("name", "kind", "owner", "automation", "criteria", "notes", EXACT)
_EDGE_FIELDS = ("kind", "trigger", "latency_days", "label", EXACT)
_BOX_SHAPES = {"rectangle", "roundrectangle", "rectangle3d", "parallelogram", "parallelogram2",
               "hexagon", "diamond", "octagon", "trapezoid", "trapezoid2"}
# yEd's GenericNode configurations that are boxes: flowchart steps and BPMN activities.
_GENERIC_BOXES = ("process", "decision", "predefinedprocess", "terminator", "preparation",
                  "manualoperation", "looplimit", "card", "bpmn.activity", "bpmn.task", "bevelnode")


# ---- writing ---------------------------------------------------------------------------------
def not_xml(text: str) -> bool:
    """Whether ``text`` holds a character XML 1.0 cannot carry."""
    return NOT_XML.search(text) is not None


def add_graphics_keys(root: Element) -> None:
    """The two keys yEd looks for; declared before the graph, as GraphML wants."""
    ET.SubElement(root, f"{_G}key", {"for": "node", "id": NODE_GRAPHICS, "yfiles.type": "nodegraphics"})
    ET.SubElement(root, f"{_G}key", {"for": "edge", "id": EDGE_GRAPHICS, "yfiles.type": "edgegraphics"})


def add_node_graphics(node: Element, stage: d.Stage, owner: str | None) -> None:
    """A rounded box in the kind's fill and border; the name, then the owner, as its label."""
    data = ET.SubElement(node, f"{_G}data", key=NODE_GRAPHICS)
    shape = ET.SubElement(data, f"{_Y}ShapeNode")
    ET.SubElement(shape, f"{_Y}Geometry", x=number_text(stage.x), y=number_text(stage.y),
                  width=number_text(STAGE_WIDTH), height=number_text(STAGE_HEIGHT))
    ET.SubElement(shape, f"{_Y}Fill", color=KIND_FILL[stage.kind], transparent="false")
    ET.SubElement(shape, f"{_Y}BorderStyle", color=KIND_BORDER[stage.kind], type="line", width="1.6")
    text = stage.name + "\n" + (owner if owner else "No owner")
    label = ET.SubElement(shape, f"{_Y}NodeLabel", alignment="left", autoSizePolicy="content",
                          fontFamily="Dialog", fontSize="13", fontStyle="plain", textColor=TEXT,
                          modelName="internal", modelPosition="c", visible="true")
    label.text = xml_text(text)
    ET.SubElement(shape, f"{_Y}Shape", type="roundrectangle")


def add_edge_graphics(element: Element, edge: d.Edge) -> None:
    """Flow: a grey polyline arrow. Feedback: a dashed arc in the accent hue."""
    data = ET.SubElement(element, f"{_G}data", key=EDGE_GRAPHICS)
    feedback = edge.kind == "feedback"
    shape = ET.SubElement(data, f"{_Y}ArcEdge" if feedback else f"{_Y}PolyLineEdge")
    ET.SubElement(shape, f"{_Y}Path", sx="0.0", sy="0.0", tx="0.0", ty="0.0")
    ET.SubElement(shape, f"{_Y}LineStyle", color=FEEDBACK_EDGE if feedback else FLOW_EDGE,
                  type="dashed" if feedback else "line", width="1.6" if feedback else "1.4")
    ET.SubElement(shape, f"{_Y}Arrows", source="none", target="standard")
    caption = edge_caption(edge)
    if caption:
        label = ET.SubElement(shape, f"{_Y}EdgeLabel", fontFamily="Dialog", fontSize="11",
                              textColor=FEEDBACK_EDGE if feedback else SUBTLE_TEXT, visible="true")
        label.text = xml_text(caption)
    if feedback:
        ET.SubElement(shape, f"{_Y}Arc", height="40.0", ratio="0.5", type="fixedRatio")
    else:
        ET.SubElement(shape, f"{_Y}BendStyle", smoothed="false")


# ---- reading ---------------------------------------------------------------------------------
def _lane_label(label: Element) -> bool:
    """Whether a label names a table's row or column (a lane) rather than the node."""
    parameter = label.find(f"{_Y}ModelParameter/*")
    return parameter is not None and parameter.tag.endswith(("RowNodeLabelModelParameter",
                                                             "ColumnNodeLabelModelParameter"))


def _text(label: Element) -> str:
    raw = label.text or ""
    return label_text(raw, raw.lstrip().lower().startswith("<html>"))


def _label(element: Element, tag: str) -> str:
    """The first visible, non-empty label of a yFiles realizer (not a lane's), HTML removed."""
    for label in element.findall(f"{_Y}{tag}"):
        if label.get("visible") == "false" or _lane_label(label):
            continue
        text = _text(label)
        if text:
            return text
    return ""


def _realizer(node: Element, graphics_keys: set[str]) -> Element | None:
    for data in node.findall(f"{_G}data"):
        if data.get("key") in graphics_keys and len(data):
            realizer = data[0]
            if realizer.tag == f"{_Y}ProxyAutoBoundsNode":
                realizers = realizer.find(f"{_Y}Realizers")
                if realizers is None or not len(realizers):
                    return None
                active = int(finite_number(realizers.get("active")))
                return realizers[active] if active < len(realizers) else realizers[0]
            return realizer
    return None


class _Lanes:
    """A y:TableNode's rows and columns, to tell which lane a point lies in."""

    def __init__(self, table_node: Element, x: float, y: float) -> None:
        table = table_node.find(f"{_Y}Table")
        insets = table.find(f"{_Y}Insets") if table is not None else None
        top = finite_number(insets.get("top")) if insets is not None else 0.0
        left = finite_number(insets.get("left")) if insets is not None else 0.0
        names: dict[str, str] = {}
        for label in table_node.findall(f"{_Y}NodeLabel"):
            if _lane_label(label):
                names[label.find(f"{_Y}ModelParameter/*").get("id") or ""] = _text(label)
        self.rows = self._bands(table, "Rows/", "Row", "height", y + top, names)
        self.columns = self._bands(table, "Columns/", "Column", "width", x + left, names)

    @staticmethod
    def _bands(table, path, tag, size, start, names):
        bands = []
        if table is None:
            return bands
        for band in table.findall(f"{_Y}{path.rstrip('/')}/{_Y}{tag}"):
            length = finite_number(band.get(size))
            bands.append((start, start + length, names.get(band.get("id") or "", "")))
            start += length
        return bands

    def lane_of(self, cx: float, cy: float) -> str:
        for low, high, name in self.rows:
            if low <= cy < high and name:
                return name
        for low, high, name in self.columns:
            if low <= cx < high and name:
                return name
        return ""


def drawing_from_graphml(root: Element, graph: Element, name: str) -> Drawing:
    """Every node and edge of a GraphML file (yEd's or the app's), nested graphs included.

    ``graph`` is the top ``<graph>``. The app's own files (those holding the ``lifecycle`` graph
    data) keep their data keys as the app's properties, so they read back exactly."""
    keys = {k.get("id"): k for k in root.findall(f"{_G}key")}
    graphics = {kid for kid, k in keys.items() if k.get("yfiles.type") in ("nodegraphics", "edgegraphics")}

    def data_of(element: Element) -> dict[str, str]:
        out: dict[str, str] = {}
        for data in element.findall(f"{_G}data"):
            key = data.get("key")
            if key in graphics:
                continue
            attr = keys[key].get("attr.name") if key in keys else None
            out[attr or key or ""] = (data.text or "") if len(data) == 0 else "".join(data.itertext()).strip()
        return out

    drawing = Drawing(name=name)
    graph_data = data_of(graph)
    app_file = "lifecycle" in graph_data
    drawing.props = graph_data

    def walk(container: Element, parent: str | None, lanes: _Lanes | None) -> None:
        for node in container.findall(f"{_G}node"):
            nid = node.get("id", "")
            data = data_of(node)
            realizer = _realizer(node, graphics)
            inner = node.find(f"{_G}graph")
            x = y = w = h = 0.0
            geometry = realizer.find(f"{_Y}Geometry") if realizer is not None else None
            if geometry is not None:
                x, y = finite_number(geometry.get("x")), finite_number(geometry.get("y"))
                w, h = finite_number(geometry.get("width")), finite_number(geometry.get("height"))
            elif app_file:
                for axis in ("x", "y"):
                    text = data.get(axis, "")
                    try:
                        value = float(text) if text.strip() else 0.0
                    except ValueError:
                        drawing.problems.append(f"nodes[{len(drawing.shapes)}].{axis}: {quoted(text)} is not a number")
                        value = 0.0
                    x, y = (value, y) if axis == "x" else (x, value)
            label = _label(realizer, "NodeLabel") if realizer is not None else ""
            props: dict[str, str] = {}
            if app_file:
                props = {k: v for k, v in data.items() if k in _STAGE_FIELDS}
                props[STAGE_ID] = nid
            else:
                props = {k: v for k, v in data.items() if k in ("kind", "owner", "automation", "criteria", "notes")}
                if data.get("description") and "notes" not in props:
                    props["notes"] = data["description"]  # yEd's Properties > Data > Description
                label = label or " ".join((data.get("label") or data.get("name") or "").split())
            lane = lanes.lane_of(x + w / 2, y + h / 2) if lanes is not None else ""
            tag = realizer.tag.rpartition("}")[2] if realizer is not None else ""
            fill = realizer.find(f"{_Y}Fill") if realizer is not None else None
            fill_color = fill.get("color") if fill is not None and fill.get("hasColor") != "false" \
                and fill.get("transparent") != "true" else None
            border = realizer.find(f"{_Y}BorderStyle") if realizer is not None else None
            no_border = border is not None and (border.get("hasColor") == "false" or border.get("type") == "none")
            shape_type = realizer.find(f"{_Y}Shape") if realizer is not None else None
            configuration = (realizer.get("configuration") or "") if realizer is not None else ""
            if tag == "ShapeNode":
                kind_of_shape = shape_type.get("type") if shape_type is not None else "rectangle"
                box = kind_of_shape in _BOX_SHAPES
                what = kind_of_shape if not box else "shape"
            elif tag == "GenericNode":
                lower = configuration.lower()
                box = any(word in lower for word in _GENERIC_BOXES)
                note = any(word in lower for word in ("annotation", "note", "artifact"))
                what = "note" if note else ("event" if "event" in lower else
                                           configuration.rsplit(".", 1)[-1] or "shape")
            elif tag in ("ImageNode", "SVGNode"):
                box, what = False, "image"
            else:
                box, what = True, "shape"   # no yEd graphics: a plain GraphML node
            text_only = tag == "ShapeNode" and fill_color is None and no_border
            is_table = tag == "TableNode"
            drawing.shapes.append(Shape(
                id=nid, label=label, x=x, y=y, parent=parent,
                container=inner is not None and (is_table or bool(label)),
                group=inner is not None and not label and not is_table,
                box=box, text=text_only, fill=fill_color, props=props, what=what, lane=lane or None))
            if inner is not None:
                walk(inner, nid, _Lanes(realizer, x, y) if is_table else lanes)

    walk(graph, None, None)
    for element in root.iter(f"{_G}edge"):
        data = data_of(element)
        realizer = _realizer(element, graphics)
        line = realizer.find(f"{_Y}LineStyle") if realizer is not None else None
        dashed = line is not None and line.get("type", "line") not in ("line", "")
        label = _label(realizer, "EdgeLabel") if realizer is not None else ""
        if app_file:
            props = {k: v for k, v in data.items() if k in _EDGE_FIELDS}
            if element.get("id"):
                props[EDGE_ID] = element.get("id", "")
        else:
            props = {k: v for k, v in data.items() if k in ("kind", "trigger", "latency_days")}
            label = label or " ".join((data.get("label") or "").split())
        drawing.connectors.append(Connector(id=element.get("id", ""), source=element.get("source"),
                                            target=element.get("target"), label=label, dashed=dashed,
                                            props=props))
    return drawing
