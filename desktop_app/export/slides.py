"""PowerPoint: the lifecycle as native, editable shapes and connectors (not a picture).

Stages are rounded rectangles in their kind's colours with the kind's letter, name and owner;
edges are connectors glued to the shapes, with arrowheads, feedback edges dashed in the accent
hue. python-pptx is imported here only, when a deck is first written (DESIGN.md principle 6).
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from pathlib import Path

from desktop_app.export.palette import (
    FEEDBACK_EDGE,
    FLOW_EDGE,
    KIND_LABEL,
    KIND_LETTER,
    LIGHT,
    STAGE_HEIGHT,
    STAGE_WIDTH,
)
from desktop_app.model.document import Lifecycle

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # 16:9
MARGIN_IN = 0.5
TITLE_H_IN = 0.8


def _rgb(hex_color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _arrowhead(connector) -> None:
    """python-pptx has no API for line ends: set ``a:tailEnd`` on the connector's outline."""
    from lxml import etree

    line = connector.line._get_or_add_ln()
    for old in line.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}tailEnd"):
        line.remove(old)
    tail = etree.SubElement(line, "{http://schemas.openxmlformats.org/drawingml/2006/main}tailEnd")
    tail.set("type", "triangle")
    tail.set("w", "med")
    tail.set("len", "med")


def _side_points(shape_rect, other_rect) -> int:
    """Which connection site of a rectangle faces the other (0 top, 1 left, 2 bottom, 3 right)."""
    (x, y, w, h), (ox, oy, ow, oh) = shape_rect, other_rect
    dx = (ox + ow / 2) - (x + w / 2)
    dy = (oy + oh / 2) - (y + h / 2)
    if abs(dx) * h >= abs(dy) * w:
        return 3 if dx > 0 else 1
    return 2 if dy > 0 else 0


@contextmanager
def _counted_shape_ids(shapes):
    """python-pptx finds each new shape's id by an XPath over every id on the slide, which makes
    a slide of n shapes cost O(n^2); hand out ids from a counter while this deck is built."""
    from pptx.shapes.shapetree import _BaseShapes

    original = _BaseShapes._next_shape_id
    counter = itertools.count(original.fget(shapes))
    _BaseShapes._next_shape_id = property(lambda self: next(counter))
    try:
        yield
    finally:
        _BaseShapes._next_shape_id = original


def write_slides(lc: Lifecycle, path: str | Path, *, markers: dict[str, str] | None = None,
                 subtitle: str | None = None) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    path = Path(path)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    with _counted_shape_ids(slide.shapes):
        _draw(slide, lc, markers or {}, subtitle)
    tmp = path.with_name(f".{path.name}.part")
    prs.save(str(tmp))
    tmp.replace(path)
    return path


def _draw(slide, lc: Lifecycle, markers: dict[str, str], subtitle: str | None,
          top_in: float | None = None) -> None:
    """The diagram on ``slide``; with ``top_in`` the slide has its title already and the diagram
    fills what is below that line."""
    if top_in is None:
        _title(slide, lc.name, subtitle)
        top_in = TITLE_H_IN + 0.3
    _diagram(slide, lc, markers, top_in)


def _title(slide, text: str, subtitle: str | None) -> None:
    from pptx.util import Inches, Pt

    title = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(0.2), Inches(SLIDE_W_IN - 2 * MARGIN_IN),
                                     Inches(TITLE_H_IN))
    title.text_frame.text = text
    title.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    title.text_frame.paragraphs[0].runs[0].font.bold = True
    if subtitle:
        p = title.text_frame.add_paragraph()
        p.text = subtitle
        p.runs[0].font.size = Pt(12)


def _diagram(slide, lc: Lifecycle, markers: dict[str, str], top_in: float) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    # fit the scene into the slide below the title, keeping its aspect
    if lc.stages:
        min_x = min(s.x for s in lc.stages)
        min_y = min(s.y for s in lc.stages)
        max_x = max(s.x for s in lc.stages) + STAGE_WIDTH
        max_y = max(s.y for s in lc.stages) + STAGE_HEIGHT
    else:
        min_x = min_y = 0.0
        max_x, max_y = STAGE_WIDTH, STAGE_HEIGHT
    area_w = Inches(SLIDE_W_IN - 2 * MARGIN_IN)
    area_h = Inches(SLIDE_H_IN - MARGIN_IN - top_in)
    scale = min(area_w / (max_x - min_x), area_h / (max_y - min_y))
    left0 = Inches(MARGIN_IN) + (area_w - (max_x - min_x) * scale) / 2
    top0 = Inches(top_in) + (area_h - (max_y - min_y) * scale) / 2
    font_pt = max(6.0, min(14.0, scale * 13 / 12700))  # 13 scene px name text, in points

    owners = {o.id: o.name for o in lc.owners}
    th = LIGHT
    shapes, rects = {}, {}
    for s in lc.stages:
        rect = (int(left0 + (s.x - min_x) * scale), int(top0 + (s.y - min_y) * scale),
                int(STAGE_WIDTH * scale), int(STAGE_HEIGHT * scale))
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *map(Emu, rect))
        shape.name = f"stage {s.id}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(th.kind_fill[s.kind])
        severity = markers.get(s.id)
        shape.line.color.rgb = _rgb(th.severity[severity] if severity else th.kind_border[s.kind])
        shape.line.width = Pt(2.5 if severity else 1.25)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.text = f"{KIND_LETTER[s.kind]} · {KIND_LABEL[s.kind]}"
        frame.paragraphs[0].runs[0].font.size = Pt(font_pt * 0.7)
        frame.paragraphs[0].runs[0].font.color.rgb = _rgb(th.kind_accent[s.kind])
        name = frame.add_paragraph()
        name.text = s.name
        name.runs[0].font.size = Pt(font_pt)
        name.runs[0].font.bold = True
        name.runs[0].font.color.rgb = _rgb(th.text)
        owner = frame.add_paragraph()
        owner.text = owners.get(s.owner, "no owner") if s.owner else "no owner"
        owner.runs[0].font.size = Pt(font_pt * 0.75)
        owner.runs[0].font.color.rgb = _rgb(th.subtle_text)
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
        shapes[s.id], rects[s.id] = shape, rect

    for e in lc.edges:
        if e.source not in shapes or e.target not in shapes:
            continue
        src, dst = shapes[e.source], shapes[e.target]
        kind = MSO_CONNECTOR.CURVE if e.kind == "feedback" else MSO_CONNECTOR.STRAIGHT
        connector = slide.shapes.add_connector(kind, 0, 0, 0, 0)
        connector.name = f"edge {e.id}"
        if e.source == e.target:
            connector.begin_connect(src, 0)
            connector.end_connect(dst, 3)
        else:
            connector.begin_connect(src, _side_points(rects[e.source], rects[e.target]))
            connector.end_connect(dst, _side_points(rects[e.target], rects[e.source]))
        connector.line.color.rgb = _rgb(FEEDBACK_EDGE if e.kind == "feedback" else FLOW_EDGE)
        connector.line.width = Pt(1.75 if e.kind == "feedback" else 1.25)
        if e.kind == "feedback":
            from pptx.enum.dml import MSO_LINE_DASH_STYLE

            connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        _arrowhead(connector)
