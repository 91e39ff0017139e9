"""GraphML as yEd writes it, built from the yFiles GraphML extension (ygraphml.xsd, the
yEd manual's "GraphML" chapter): keys with ``yfiles.type`` nodegraphics/edgegraphics/resources,
``y:ShapeNode`` and ``y:GenericNode`` (flowchart configurations) with ``y:Geometry`` in absolute
coordinates, ``y:Fill``, ``y:BorderStyle``, ``y:NodeLabel``; groups as ``y:ProxyAutoBoundsNode``
with ``y:GroupNode`` realizers and a nested ``<graph id="n1:">`` whose nodes are named
``n1::n0``; swimlanes as ``y:TableNode`` with ``y:Table`` rows and row labels
(``y:RowNodeLabelModelParameter``); edges as ``y:PolyLineEdge``/``y:ArcEdge`` with ``y:Path``
points, ``y:LineStyle`` and ``y:Arrows``."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:java="http://www.yworks.com/xml/yfiles-common/1.0/java" xmlns:sys="http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0" xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xmlns:yed="http://www.yworks.com/xml/yed/3" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
  <!--Created by yEd 3.23.2-->
  <key attr.name="Description" attr.type="string" for="graph" id="d0"/>
  <key for="port" id="d1" yfiles.type="portgraphics"/>
  <key for="port" id="d2" yfiles.type="portgeometry"/>
  <key for="port" id="d3" yfiles.type="portuserdata"/>
  <key attr.name="url" attr.type="string" for="node" id="d4"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="graphml" id="d7" yfiles.type="resources"/>
  <key attr.name="url" attr.type="string" for="edge" id="d8"/>
  <key attr.name="description" attr.type="string" for="edge" id="d9"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <data key="d0"/>
"""
TAIL = """  </graph>
  <data key="d7"><y:Resources/></data>
</graphml>
"""


def _label(text: str, extra: str = "") -> str:
    return (f'<y:NodeLabel alignment="center" autoSizePolicy="content" fontFamily="Dialog" fontSize="12" '
            f'fontStyle="plain" hasBackgroundColor="false" hasLineColor="false" height="18.0" '
            f'horizontalTextPosition="center" iconTextGap="4" modelName="custom" textColor="#000000" '
            f'verticalTextPosition="bottom" visible="true" width="80.0" x="10.0" xml:space="preserve" y="20.0">'
            f'{escape(text)}<y:LabelModel><y:SmartNodeLabelModel distance="4.0"/></y:LabelModel>'
            f'<y:ModelParameter><y:SmartNodeLabelModelParameter labelRatioX="0.0" labelRatioY="0.0" '
            f'nodeRatioX="0.0" nodeRatioY="0.0" offsetX="0.0" offsetY="0.0" upX="0.0" upY="-1.0"/>'
            f'</y:ModelParameter></y:NodeLabel>{extra}')


def _geometry(x: float, y: float, w: float = 120.0, h: float = 60.0) -> str:
    return f'<y:Geometry height="{h}" width="{w}" x="{x}" y="{y}"/>'


def shape_node(nid: str, text: str, x: float, y: float, *, shape: str = "roundrectangle", fill: str = "#FFCC00",
               border: str = '<y:BorderStyle color="#000000" raised="false" type="line" width="1.0"/>',
               description: str = "") -> str:
    fill_xml = (f'<y:Fill color="{fill}" transparent="false"/>' if fill else '<y:Fill hasColor="false" transparent="false"/>')
    desc = f'<data key="d5" xml:space="preserve">{escape(description)}</data>' if description else ""
    return (f'<node id={quoteattr(nid)}>{desc}<data key="d6"><y:ShapeNode>{_geometry(x, y)}{fill_xml}{border}'
            f'{_label(text)}<y:Shape type="{shape}"/></y:ShapeNode></data></node>')


def text_node(nid: str, text: str, x: float, y: float) -> str:
    return shape_node(nid, text, x, y, shape="rectangle", fill="",
                      border='<y:BorderStyle hasColor="false" raised="false" type="line" width="1.0"/>')


def generic_node(nid: str, text: str, x: float, y: float, configuration: str, fill: str = "#E8EEF7") -> str:
    return (f'<node id={quoteattr(nid)}><data key="d6"><y:GenericNode configuration="{configuration}">'
            f'{_geometry(x, y)}<y:Fill color="{fill}" color2="#B7C9E3" transparent="false"/>'
            f'<y:BorderStyle color="#000000" type="line" width="1.0"/>{_label(text)}</y:GenericNode></data></node>')


def image_node(nid: str, x: float, y: float) -> str:
    return (f'<node id={quoteattr(nid)}><data key="d6"><y:ImageNode>{_geometry(x, y, 64, 64)}'
            f'<y:Fill color="#CCCCFF" transparent="false"/><y:BorderStyle color="#000000" type="line" width="1.0"/>'
            f'<y:Image alphaImage="true" refid="1"/></y:ImageNode></data></node>')


def group_node(nid: str, text: str, x: float, y: float, w: float, h: float, members: list[str]) -> str:
    realizer = (f'<y:GroupNode>{_geometry(x, y, w, h)}<y:Fill color="#F5F5F5" transparent="false"/>'
                f'<y:BorderStyle color="#000000" type="dashed" width="1.0"/>'
                f'<y:NodeLabel alignment="right" autoSizePolicy="node_width" backgroundColor="#EBEBEB" '
                f'modelName="internal" modelPosition="t" visible="true">{escape(text)}</y:NodeLabel>'
                f'<y:Shape type="roundrectangle"/><y:State closed="false" closedHeight="50.0" closedWidth="50.0" '
                f'innerGraphDisplayEnabled="false"/><y:Insets bottom="15" left="15" right="15" top="15"/>'
                f'</y:GroupNode>')
    closed = realizer.replace('closed="false"', 'closed="true"')
    return (f'<node id={quoteattr(nid)} yfiles.foldertype="group"><data key="d6"><y:ProxyAutoBoundsNode>'
            f'<y:Realizers active="0">{realizer}{closed}</y:Realizers></y:ProxyAutoBoundsNode></data>'
            f'<graph edgedefault="directed" id="{nid}:">{"".join(members)}</graph></node>')


def table_node(nid: str, text: str, x: float, y: float, rows: list[tuple[str, float]], members: list[str],
               header: float = 30.0) -> str:
    """A pool with horizontal lanes: rows stacked from the table's top inset down."""
    row_labels = "".join(
        f'<y:NodeLabel alignment="center" autoSizePolicy="content" backgroundColor="#EBEBEB" fontSize="12" '
        f'modelName="custom" rotationAngle="270.0" visible="true">{escape(name)}<y:LabelModel>'
        f'<y:RowNodeLabelModel offset="3.0"/></y:LabelModel><y:ModelParameter>'
        f'<y:RowNodeLabelModelParameter horizontalPosition="0.0" id="row_{i}" inside="true"/>'
        f'</y:ModelParameter></y:NodeLabel>' for i, (name, _h) in enumerate(rows))
    row_xml = "".join(f'<y:Row height="{h}" id="row_{i}" minimumHeight="50.0"><y:Insets bottom="0.0" '
                      f'left="20.0" right="0.0" top="0.0"/></y:Row>' for i, (_n, h) in enumerate(rows))
    height = header + sum(h for _n, h in rows)
    return (f'<node id={quoteattr(nid)} yfiles.foldertype="group"><data key="d6">'
            f'<y:TableNode configuration="YED_TABLE_NODE">{_geometry(x, y, 800, height)}'
            f'<y:Fill color="#ECF5FF" color2="#0042F440" transparent="false"/>'
            f'<y:BorderStyle hasColor="false" type="line" width="1.0"/>'
            f'<y:NodeLabel alignment="center" autoSizePolicy="content" fontSize="15" fontStyle="bold" '
            f'modelName="internal" modelPosition="t" visible="true">{escape(text)}</y:NodeLabel>{row_labels}'
            f'<y:StyleProperties/><y:State autoResize="true" closed="false" closedHeight="80.0" closedWidth="100.0"/>'
            f'<y:Insets bottom="0" left="0" right="0" top="0"/><y:BorderInsets bottom="0" left="0" right="0" top="0"/>'
            f'<y:Table autoResizeTable="true" defaultColumnWidth="120.0" defaultMinimumColumnWidth="80.0" '
            f'defaultMinimumRowHeight="50.0" defaultRowHeight="80.0"><y:DefaultColumnInsets bottom="0.0" '
            f'left="0.0" right="0.0" top="24.0"/><y:DefaultRowInsets bottom="0.0" left="24.0" right="0.0" top="0.0"/>'
            f'<y:Insets bottom="0.0" left="0.0" right="0.0" top="{header}"/><y:Columns><y:Column id="column_0" '
            f'minimumWidth="80.0" width="780.0"><y:Insets bottom="0.0" left="0.0" right="0.0" top="0.0"/>'
            f'</y:Column></y:Columns><y:Rows>{row_xml}</y:Rows></y:Table></y:TableNode></data>'
            f'<graph edgedefault="directed" id="{nid}:">{"".join(members)}</graph></node>')


def poly_edge(eid: str, source: str, target: str, *, line: str = "line", label: str = "",
              points: list[tuple[float, float]] = ()) -> str:
    path = "".join(f'<y:Point x="{x}" y="{y}"/>' for x, y in points)
    label_xml = (f'<y:EdgeLabel alignment="center" distance="2.0" fontFamily="Dialog" fontSize="12" '
                 f'modelName="custom" preferredPlacement="anywhere" ratio="0.5" textColor="#000000" '
                 f'visible="true">{escape(label)}</y:EdgeLabel>') if label else ""
    return (f'<edge id={quoteattr(eid)} source={quoteattr(source)} target={quoteattr(target)}><data key="d10">'
            f'<y:PolyLineEdge><y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0">{path}</y:Path>'
            f'<y:LineStyle color="#000000" type="{line}" width="1.0"/><y:Arrows source="none" target="standard"/>'
            f'{label_xml}<y:BendStyle smoothed="false"/></y:PolyLineEdge></data></edge>')


def arc_edge(eid: str, source: str, target: str, *, label: str = "", line: str = "line") -> str:
    label_xml = f'<y:EdgeLabel visible="true">{escape(label)}</y:EdgeLabel>' if label else ""
    return (f'<edge id={quoteattr(eid)} source={quoteattr(source)} target={quoteattr(target)}><data key="d10">'
            f'<y:ArcEdge><y:Path sx="0.0" sy="0.0" tx="0.0" ty="0.0"><y:Point x="10.0" y="10.0"/></y:Path>'
            f'<y:LineStyle color="#000000" type="{line}" width="1.0"/><y:Arrows source="none" target="standard"/>'
            f'{label_xml}<y:Arc height="40.0" ratio="1.0" type="fixedRatio"/></y:ArcEdge></data></edge>')


def graphml(*parts: str) -> str:
    return HEAD + "".join(parts) + TAIL


def team_graph() -> str:
    """The team's lifecycle as a yEd user draws it: a pool with two lanes, a group, flowchart
    shapes, a note, an image and a text, a dashed feedback edge and an arc labelled by its trigger."""
    return graphml(
        table_node("n0", "ML platform", 0.0, 0.0, [("Data team", 150.0), ("Research", 150.0)], [
            shape_node("n0::n0", "Data ingestion", 100.0, 60.0, description="pulls the logs"),
            generic_node("n0::n1", "<html>Model <b>training</b></html>", 100.0, 210.0, "com.yworks.flowchart.process"),
        ]),
        group_node("n1", "Ops", 1000.0, 0.0, 400.0, 300.0, [
            shape_node("n1::n0", "Canary rollout", 1020.0, 40.0, fill="#C0D0E0"),
            shape_node("n1::n1", "Drift alerting", 1020.0, 200.0, shape="rectangle", fill="#C0D0E0"),
        ]),
        generic_node("n2", "Release sign-off", 600.0, 100.0, "com.yworks.flowchart.decision"),
        shape_node("n3", "Weekly retro", 600.0, 400.0),
        generic_node("n4", "Ask legal about retention", 0.0, 500.0, "com.yworks.flowchart.annotation"),
        image_node("n5", 1200.0, 500.0),
        text_node("n6", "Lifecycle v2", 0.0, -100.0),
        poly_edge("e0", "n0::n0", "n0::n1", points=[(160.0, 150.0)]),
        poly_edge("e1", "n0::n1", "n2"),
        poly_edge("e2", "n2", "n1::n0"),
        poly_edge("e3", "n1::n0", "n1::n1"),
        arc_edge("e4", "n1::n1", "n3", label="on drift"),
        poly_edge("e5", "n3", "n0::n1", line="dashed", label="weekly, 7 days"),
        poly_edge("e6", "n6", "n3"),
    )
