"""PowerPoint: the lifecycle as native, editable shapes and connectors (not a picture).

Where things go is decided by ``slide_layout`` (boxes sized from measured text, names of a
readable size, big diagrams split into an overview and parts, connection sites chosen so no
line crosses another stage); this module turns that plan into shapes: stages as rounded
rectangles in their kind's colours with the kind, the name and the owner; edges as connectors
glued to the stages with arrowheads, feedback edges curved and dashed in the accent hue, captions
as text boxes; a legend for the kinds, the finding markers and the two kinds of edge. The file
says what it is (title, subject, author, dates), declares its 16:9 slide size and carries a real
thumbnail. python-pptx is imported here only, when a deck is first written (DESIGN.md
principle 6).
"""

from __future__ import annotations

import copy
import itertools
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from desktop_app.export import slide_layout as L
from desktop_app.export.palette import FEEDBACK_EDGE, FLOW_EDGE, KIND_LABEL, LIGHT
from desktop_app.model.document import Edge, Lifecycle
from desktop_app.model.text import clean_lines, one_line

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # 16:9
WIDE_CX, WIDE_CY = 12192000, 6858000  # PowerPoint's own "Widescreen" size, in EMU
SEVERITY_GLYPH = {"error": "!", "warning": "!", "info": "i"}
SEVERITY_WORD = {"error": "Error finding", "warning": "Warning finding", "info": "Info finding"}


def _rgb(hex_color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _emu(points: float) -> int:
    return int(round(points * L.EMU_PER_PT))


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


@contextmanager
def _counted_shape_ids(shapes):
    """python-pptx finds each new shape's id by an XPath over every id on the slide, which makes
    a slide of n shapes cost O(n^2); hand out ids from a counter while this slide is built."""
    from pptx.shapes.shapetree import _BaseShapes

    original = _BaseShapes._next_shape_id
    counter = itertools.count(original.fget(shapes))
    _BaseShapes._next_shape_id = property(lambda self: next(counter))
    try:
        yield
    finally:
        _BaseShapes._next_shape_id = original


# ---- the presentation ------------------------------------------------------------------------

def new_presentation():
    """An empty presentation whose slides are 16:9 and that says so."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE_CX, WIDE_CY
    # python-pptx's template declares type="screen4x3"; PowerPoint's widescreen has no type
    size = prs.part._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    size.attrib.pop("type", None)
    return prs


def default_author() -> str:
    """The person writing the file: their full name from the OS when it has one, else the login."""
    import getpass

    try:
        login = getpass.getuser()
    except Exception:  # no login name at all (a container without a passwd entry)
        return "Lifecycle Studio"
    try:
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
        return full or login
    except (ImportError, KeyError):
        return login


def finish(prs, *, title: str, subject: str, lc: Lifecycle | None, markers: dict[str, str],
           author: str | None = None) -> None:
    """Core properties that describe this file (not python-pptx's template), and a thumbnail
    of the diagram for file managers and PowerPoint's file dialogs."""
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props = prs.core_properties
    # one line each, and no control character (XML cannot hold them: lxml refuses the file)
    props.title = one_line(title, 255)
    props.subject = one_line(subject, 255)
    props.author = props.last_modified_by = one_line(author or default_author(), 255)
    props.comments = "Written by Lifecycle Studio"
    props.keywords = "lifecycle"
    props.category = ""
    props.created = props.modified = now
    props.last_printed = now
    props.revision = 1
    if lc is not None:
        thumbnail = _thumbnail(lc, markers)
        if thumbnail:
            for part in prs.part.package.iter_parts():
                if str(part.partname) == "/docProps/thumbnail.jpeg":
                    part._blob = thumbnail


def _thumbnail(lc: Lifecycle, markers: dict[str, str]) -> bytes | None:
    """The diagram drawn by the canvas's painter, 256 px wide, as JPEG."""
    try:
        from desktop_app.export.images import ensure_gui_application

        ensure_gui_application()
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
        from PySide6.QtGui import QImage, QPainter

        from desktop_app.export.painter import render_lifecycle
        from desktop_app.export.palette import theme

        image = QImage(256, 144, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        render_lifecycle(painter, lc, theme(False), QRectF(0, 0, 256, 144), markers)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "JPEG", 85)
        buffer.close()
        return bytes(data.data())
    except (ImportError, RuntimeError):
        return None


def save(prs, path: Path) -> Path:
    """Callers write into ``files.written_beside``'s folder, so a failed write never leaves
    half a deck under the name."""
    prs.save(str(path))
    return path


def write_slides(lc: Lifecycle, path: str | Path, *, markers: dict[str, str] | None = None,
                 subtitle: str | None = None, author: str | None = None) -> Path:
    path = Path(path)
    prs = new_presentation()
    add_diagram_slides(prs, lc, markers or {}, title=lc.name, subtitle=subtitle)
    finish(prs, title=lc.name, subject=f"The {lc.paradigm} lifecycle {lc.name}: its stages and loops",
           lc=lc, markers=markers or {}, author=author)
    return save(prs, path)


# ---- text ------------------------------------------------------------------------------------

def _qn(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/drawingml/2006/main}" + tag


def set_text(frame, paragraphs: list[tuple[str, float, bool, str, bool]], *,
             align_center: bool = True) -> None:
    """Fill ``frame`` with paragraphs of (text, size, bold, colour, italic). Line breaks in the
    text become line breaks whose size is set too (an unsized break would be 18 pt), every run
    is styled, and control characters (CR, which python-pptx writes as ``_x000D_``) never reach
    the file."""
    from lxml import etree

    frame.clear()
    for n, (text, pt, bold, color, italic) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        p = paragraph._p
        for end in p.findall(_qn("endParaRPr")):   # it must stay last: runs go before it
            p.remove(end)
        if align_center:
            p.get_or_add_pPr().set("algn", "ctr")
        size = str(int(round(pt * 100)))
        # the run properties written as XML once per paragraph and copied to each run: the
        # python-pptx property setters walk the tree per call, a minute for 5,000 stages
        rpr = etree.Element(_qn("rPr"), lang="en-US", sz=size, b="1" if bold else "0",
                            i="1" if italic else "0", dirty="0")
        fill = etree.SubElement(rpr, _qn("solidFill"))
        etree.SubElement(fill, _qn("srgbClr"), val=color.lstrip("#").upper())
        etree.SubElement(rpr, _qn("latin"), typeface=L.FONT_FACE)
        for k, line in enumerate(clean_lines(text)):
            if k:
                br = etree.SubElement(p, _qn("br"))
                etree.SubElement(br, _qn("rPr"), lang="en-US", sz=size)
            r = etree.SubElement(p, _qn("r"))
            r.append(copy.deepcopy(rpr))
            etree.SubElement(r, _qn("t")).text = line
        etree.SubElement(p, _qn("endParaRPr"), lang="en-US", sz=size)


def _frame_insets(frame, x: float = L.INSET_X, y: float = L.INSET_Y) -> None:
    frame.margin_left = frame.margin_right = _emu(x)
    frame.margin_top = frame.margin_bottom = _emu(y)


def _title(slide, text: str, subtitle: str | None) -> float:
    """The slide's title, as big as fits in two lines; returns where the content may start."""
    from pptx.enum.text import MSO_ANCHOR

    width = L.SLIDE_W - 2 * L.MARGIN
    pt, lines = L.title_fit(text, width - 2 * L.INSET_X - 4)
    height = L.block_height(len(lines), pt) + 2 * L.INSET_Y + 4
    paragraphs = [("\n".join(lines), pt, True, LIGHT.text, False)]
    if subtitle:
        sub_lines = L.wrap(subtitle, width - 2 * L.INSET_X - 4, 14.0)
        paragraphs.append(("\n".join(sub_lines), 14.0, False, LIGHT.subtle_text, False))
        height += L.block_height(len(sub_lines), 14.0)
    box = slide.shapes.add_textbox(_emu(L.MARGIN), _emu(14), _emu(width), _emu(height))
    box.name = "title"
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    _frame_insets(frame)
    set_text(frame, paragraphs, align_center=False)
    return 14 + height


def title_height(text: str, subtitle: str | None) -> float:
    width = L.SLIDE_W - 2 * L.MARGIN
    pt, lines = L.title_fit(text, width - 2 * L.INSET_X - 4)
    height = L.block_height(len(lines), pt) + 2 * L.INSET_Y + 4
    if subtitle:
        height += L.block_height(len(L.wrap(subtitle, width - 2 * L.INSET_X - 4, 14.0)), 14.0)
    return 14 + height


# ---- the diagram -----------------------------------------------------------------------------

def edge_caption(edge: Edge) -> str:
    """The text beside an edge, as the canvas writes it."""
    from desktop_app.export.painter import edge_caption as caption

    return caption(edge)


def add_diagram_slides(prs, lc: Lifecycle, markers: dict[str, str], *, title: str,
                       subtitle: str | None = None) -> list:
    """The diagram on one slide, or an overview and one slide per part when it cannot be read
    on one; returns the slides added."""
    owners = {o.id: o.name for o in lc.owners}
    legend_rows = _legend_items(lc, markers)
    legend_h = _legend_height(legend_rows)
    # every slide of the diagram has a subtitle line (part numbers, connections elsewhere)
    top = title_height(title, subtitle or "Part 1 of 2") + 8
    area = (L.MARGIN, top, L.SLIDE_W - 2 * L.MARGIN, L.SLIDE_H - top - legend_h - 14)
    plan = L.plan(lc, (area[2], area[3]), owners) if lc.stages else None
    slides = []
    if plan is None or len(plan.parts) == 1:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        with _counted_shape_ids(slide.shapes):
            _title(slide, title, subtitle or _counts(lc))
            if plan is not None:
                part = plan.parts[0]
                placed = L.place(plan.grid, part.cols, part.rows, area, lc.edges, edge_caption,
                                 _label_pt(plan.pt))
                _draw_placed(slide, lc, placed, markers, plan.pt)
            _legend(slide, legend_rows)
        return [slide]
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    with _counted_shape_ids(slide.shapes):
        _title(slide, title, f"Overview: {_counts(lc)}, shown on the next {len(plan.parts)} "
                             f"slides, part by part")
        _overview(slide, lc, plan, area)
        _legend(slide, legend_rows)
    slides.append(slide)
    for part in plan.parts:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        placed = L.place(plan.grid, part.cols, part.rows, area, lc.edges, edge_caption,
                         _label_pt(plan.pt))
        elsewhere = len(placed.outside)
        note = f"Part {part.number} of {len(plan.parts)}: {_plural(len(part.stage_ids), 'stage')}"
        if elsewhere:
            note += f", {_plural(elsewhere, 'connection')} to stages on other parts"
        with _counted_shape_ids(slide.shapes):
            _title(slide, title, note)
            _draw_placed(slide, lc, placed, markers, plan.pt)
            _legend(slide, legend_rows)
        slides.append(slide)
    return slides


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(lc: Lifecycle) -> str:
    return f"{_plural(len(lc.stages), 'stage')}, {_plural(len(lc.edges), 'edge')}"


def _label_pt(pt: float) -> float:
    return max(9.0, round(pt * 0.8))


def _draw_placed(slide, lc: Lifecycle, placed: L.Placed, markers: dict[str, str], pt: float) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Pt

    th = LIGHT
    stages = {s.id: s for s in lc.stages}
    owners = {o.id: o.name for o in lc.owners}
    shapes = {}
    for sid, box in placed.boxes.items():
        s = stages[sid]
        kind = s.kind if s.kind in th.kind_fill else "other"
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, _emu(box.x), _emu(box.y),
                                       _emu(box.w), _emu(box.h))
        shape.adjustments[0] = min(0.5, L.RADIUS / min(box.w, box.h))
        shape.name = f"stage {sid}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(th.kind_fill[kind])
        severity = markers.get(sid)
        shape.line.color.rgb = _rgb(th.severity[severity] if severity else th.kind_border[kind])
        shape.line.width = Pt(2.5 if severity else 1.25)
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _frame_insets(frame)
        t = box.text
        owner = owners.get(s.owner, "No owner") if s.owner else "No owner"
        # the texts as typed: the renderer wraps them in the width they were measured for
        set_text(frame, [
            (L.caption_of(s.kind, s.automation), t.caption_pt, True, th.kind_accent[kind], False),
            (s.name, t.name_pt, True, th.text, False),
            (owner, t.owner_pt, False, th.subtle_text, not s.owner),
        ])
        # a safety net only: the box was sized for its text, so nothing should need shrinking,
        # unless a name is longer than any slide holds: then the scale it needs is written down
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        if box.shrink < 1.0:
            fit = frame._txBody.bodyPr.find(_qn("normAutofit"))
            fit.set("fontScale", str(int(box.shrink * 100000)))
            fit.set("lnSpcReduction", "10000")
        shapes[sid] = shape
        if severity:
            _marker(slide, severity, box.x + box.w - pt * 0.55, box.y - pt * 0.45, pt * 1.4,
                    name=f"marker {sid}")

    for route in placed.routes:
        e = route.edge
        feedback = e.kind == "feedback"
        color = FEEDBACK_EDGE if feedback else FLOW_EDGE
        pieces = list(zip(route.points, route.points[1:]))
        for k, (p, q) in enumerate(pieces):
            kind = MSO_CONNECTOR.CURVE if feedback and not route.routed else MSO_CONNECTOR.STRAIGHT
            connector = slide.shapes.add_connector(kind, _emu(p[0]), _emu(p[1]), _emu(q[0]),
                                                   _emu(q[1]))
            connector.name = f"edge {e.id}" if len(pieces) == 1 else f"edge {e.id} ({k + 1}/{len(pieces)})"
            if k == 0:
                connector.begin_connect(shapes[e.source], route.begin_site)
            if k == len(pieces) - 1:
                connector.end_connect(shapes[e.target], route.end_site)
            connector.line.color.rgb = _rgb(color)
            connector.line.width = Pt(1.75 if feedback else 1.25)
            if feedback:
                from pptx.enum.dml import MSO_LINE_DASH_STYLE

                connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            if k == len(pieces) - 1:
                _arrowhead(connector)
    label_pt = _label_pt(pt)
    for route in placed.routes:
        if not route.label_box:
            continue
        x, y, w, h = route.label_box
        box = slide.shapes.add_textbox(_emu(x), _emu(y), _emu(w), _emu(h))
        box.name = f"label {route.edge.id}"
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(th.background)
        frame = box.text_frame
        frame.word_wrap = False
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _frame_insets(frame)
        color = FEEDBACK_EDGE if route.edge.kind == "feedback" else FLOW_EDGE
        set_text(frame, [(route.label, label_pt, False, color, False)])


def _marker(slide, severity: str, x: float, y: float, size: float, *, name: str):
    """The worst finding's marker, as on the canvas: a red disc with "!", an amber triangle with
    "!", a blue disc with "i"."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    th = LIGHT
    kind = MSO_SHAPE.ISOSCELES_TRIANGLE if severity == "warning" else MSO_SHAPE.OVAL
    shape = slide.shapes.add_shape(kind, _emu(x), _emu(y), _emu(size), _emu(size))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(th.severity[severity])
    shape.line.color.rgb = _rgb(th.background)
    shape.line.width = Pt(1.5)
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.word_wrap = False
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM if severity == "warning" else MSO_ANCHOR.MIDDLE
    _frame_insets(frame, 0, 0)
    glyph_pt = max(9.0, round(size * 0.55))
    set_text(frame, [(SEVERITY_GLYPH[severity], glyph_pt, True,
                      "#1F1F1F" if severity == "warning" else "#FFFFFF", False)])
    return shape


OVERVIEW_PT = 9.0


def _overview(slide, lc: Lifecycle, plan: L.Plan, area) -> None:
    """The whole diagram small, each stage a box in its kind's colours, with the parts outlined
    and numbered as the following slides show them."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    th = LIGHT
    grid = plan.grid
    cols = sorted(grid.col_w)
    rows = sorted(grid.row_h)
    full = L.place(grid, cols, rows, (0, 0, 1e9, 1e9), [], edge_caption, 9)

    def extent():
        xs = [b.x for b in full.boxes.values()] + [b.x + b.w for b in full.boxes.values()]
        ys = [b.y for b in full.boxes.values()] + [b.y + b.h for b in full.boxes.values()]
        x0, y0 = min(xs) - grid.col_gap / 2, min(ys) - grid.row_gap / 2
        return x0, y0, max(xs) - x0 + grid.col_gap / 2, max(ys) - y0 + grid.row_gap / 2

    # room between the parts and a band above each row of parts for its label, so no label
    # covers a stage: sized in slide points at the first estimate of the scale
    x0, y0, w, h = extent()
    first = min(area[2] / w, area[3] / h)
    col_chunk = {c: k for k, chunk in enumerate(sorted({tuple(p.cols) for p in plan.parts}))
                 for c in chunk}
    row_chunk = {r: k for k, chunk in enumerate(sorted({tuple(p.rows) for p in plan.parts}))
                 for r in chunk}
    band = (L.block_height(1, 14) + 2 * L.INSET_Y + 4) / first
    for b in full.boxes.values():
        b.x += col_chunk[b.col] * 12 / first
        b.y += row_chunk[b.row] * band
    x0, y0, w, h = extent()
    y0 -= band          # the first row of parts has its band above it too
    h += band
    scale = min(area[2] / w, area[3] / h)
    ox = area[0] + (area[2] - w * scale) / 2
    oy = area[1] + (area[3] - h * scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return ox + (x - x0) * scale, oy + (y - y0) * scale

    kinds = {s.id: s.kind for s in lc.stages}
    names = {s.id: s.name for s in lc.stages}

    def name_fits(sid: str, b) -> bool:
        # 9 pt in the small box, whole, within its insets (the rounded corners' too)
        room = b.w * scale - 2 * 2.0 - 2 * L.SHAPE_TEXT_INSET * min(1.0, b.h * scale / 20) - 2
        lines = L.wrap(names[sid], room, OVERVIEW_PT, True)
        return (all(L.text_width(w, OVERVIEW_PT, True) <= room for w in names[sid].split())
                and L.block_height(len(lines), OVERVIEW_PT) <= b.h * scale - 2 * 2.0 - 4)

    # names on the overview only when every one fits at 9 pt, the smallest size allowed
    named = all(name_fits(sid, b) for sid, b in full.boxes.items())
    for sid, b in full.boxes.items():
        kind = kinds[sid] if kinds[sid] in th.kind_fill else "other"
        x, y = at(b.x, b.y)
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, _emu(x), _emu(y),
                                       _emu(b.w * scale), _emu(b.h * scale))
        shape.name = f"overview {sid}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(th.kind_fill[kind])
        shape.line.color.rgb = _rgb(th.kind_border[kind])
        shape.line.width = Pt(0.75)
        shape.shadow.inherit = False
        if named:
            shape.adjustments[0] = min(0.5, 4.0 / max(1.0, min(b.w, b.h) * scale))
            frame = shape.text_frame
            frame.word_wrap = True
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            _frame_insets(frame, 2.0, 2.0)
            set_text(frame, [(names[sid], OVERVIEW_PT, True, th.text, False)])
    for part in plan.parts:
        members = [full.boxes[sid] for sid in part.stage_ids]
        left = min(b.x for b in members) - grid.col_gap / 3
        top = min(b.y for b in members) - grid.row_gap / 3
        right = max(b.x + b.w for b in members) + grid.col_gap / 3
        bottom = max(b.y + b.h for b in members) + grid.row_gap / 3
        x, y = at(left, top)
        frame_shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(x), _emu(y),
                                             _emu((right - left) * scale), _emu((bottom - top) * scale))
        frame_shape.name = f"part {part.number}"
        frame_shape.fill.background()
        frame_shape.line.color.rgb = _rgb(th.subtle_text)
        frame_shape.line.width = Pt(1.25)
        frame_shape.line.dash_style = 4  # dash
        frame_shape.shadow.inherit = False
        label = f"Part {part.number}"
        lw = L.text_width(label, 14, True) + 2 * L.INSET_X + 4
        lh = L.block_height(1, 14) + 2 * L.INSET_Y
        # in the band above the part's frame, clear of its stages
        tag = slide.shapes.add_textbox(_emu(x), _emu(y - lh - 1), _emu(lw), _emu(lh))
        tag.name = f"part label {part.number}"
        tag.fill.solid()
        tag.fill.fore_color.rgb = _rgb(th.background)
        tag.text_frame.word_wrap = False
        tag.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _frame_insets(tag.text_frame)
        set_text(tag.text_frame, [(label, 14, True, th.text, False)], align_center=False)


# ---- the legend ------------------------------------------------------------------------------

LEGEND_PT = 12.0
SWATCH_W, SWATCH_H = 24.0, 15.0


def _legend_items(lc: Lifecycle, markers: dict[str, str]) -> list[list[tuple[str, str, float]]]:
    """The legend's entries in rows that fit the slide: (what, key, width) with what one of
    "kind", "marker", "flow", "feedback"."""
    present = {s.kind for s in lc.stages}
    items: list[tuple[str, str, str]] = [("kind", k, KIND_LABEL[k]) for k in KIND_LABEL if k in present]
    for severity in ("error", "warning", "info"):
        if severity in markers.values():
            items.append(("marker", severity, SEVERITY_WORD[severity]))
    kinds = {e.kind for e in lc.edges}
    if "flow" in kinds:
        items.append(("flow", "flow", "Flow"))
    if "feedback" in kinds:
        items.append(("feedback", "feedback", "Feedback"))
    rows: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    room = L.SLIDE_W - 2 * L.MARGIN
    for what, key, text in items:
        width = SWATCH_W + 4 + L.text_width(text, LEGEND_PT) + 2 * L.INSET_X + 10
        if rows[-1] and used + width > room:
            rows.append([])
            used = 0.0
        rows[-1].append((what, key, width))
        used += width
    return [r for r in rows if r]


def _legend_height(rows) -> float:
    return len(rows) * (L.block_height(1, LEGEND_PT) + 2 * L.INSET_Y + 2)


def _legend(slide, rows) -> None:
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    th = LIGHT
    row_h = L.block_height(1, LEGEND_PT) + 2 * L.INSET_Y + 2
    y = L.SLIDE_H - 10 - len(rows) * row_h
    labels = {**{k: v for k, v in KIND_LABEL.items()}, **SEVERITY_WORD,
              "flow": "Flow", "feedback": "Feedback"}
    for row in rows:
        x = L.MARGIN
        mid = y + row_h / 2
        for what, key, width in row:
            if what == "kind":
                swatch = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, _emu(x),
                                                _emu(mid - SWATCH_H / 2), _emu(SWATCH_W), _emu(SWATCH_H))
                swatch.name = f"legend {key}"
                swatch.fill.solid()
                swatch.fill.fore_color.rgb = _rgb(th.kind_fill[key])
                swatch.line.color.rgb = _rgb(th.kind_border[key])
                swatch.shadow.inherit = False
            elif what == "marker":
                _marker(slide, key, x + (SWATCH_W - 16) / 2, mid - 8, 16, name=f"legend {key}")
            else:
                feedback = what == "feedback"
                line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(x), _emu(mid),
                                                  _emu(x + SWATCH_W), _emu(mid))
                line.name = f"legend {key}"
                line.line.color.rgb = _rgb(FEEDBACK_EDGE if feedback else FLOW_EDGE)
                line.line.width = Pt(1.75 if feedback else 1.25)
                if feedback:
                    from pptx.enum.dml import MSO_LINE_DASH_STYLE

                    line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                _arrowhead(line)
            text = slide.shapes.add_textbox(_emu(x + SWATCH_W + 4), _emu(y),
                                            _emu(width - SWATCH_W - 4 - 10), _emu(row_h))
            text.name = f"legend text {key}"
            text.text_frame.word_wrap = False
            text.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            _frame_insets(text.text_frame)
            set_text(text.text_frame, [(labels[key], LEGEND_PT, False, th.text, False)],
                     align_center=False)
            x += width
        y += row_h
