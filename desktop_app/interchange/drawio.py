"""Reading draw.io (diagrams.net) files: ``.drawio``, ``.xml`` files that hold an ``mxfile``, and
the ``.drawio.svg`` and ``.drawio.png`` pictures (VS Code's draw.io editor) that carry one.

Every form draw.io writes is read: an ``mxfile`` of ``diagram`` pages, each holding its
``mxGraphModel`` as plain XML or compressed (base64 of raw deflate of the URL-encoded XML); a
bare ``mxGraphModel``; cells wrapped in ``<object>`` or ``<UserObject>`` that carry custom
properties. The page becomes a ``Drawing`` (drawing.py), which decides what is a stage.

All XML, the compressed pages' included, is parsed by defusedxml: a file declaring entities or
a document type is refused before anything is expanded.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import urllib.parse
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree.ElementTree import Element

from .drawing import (
    EDGE_ID, LIFECYCLE, STAGE_ID, Connector, Drawing, Imported, Shape, embedded_document, lifecycle_from_drawing, quoted,
)
from .errors import DocumentError
from .xml_input import parse_xml, read_file

# A compressed page larger than this once inflated is refused (a deflate bomb is a few KB).
MAX_INFLATED = 64 * 1024 * 1024

# Shapes that are boxes: the rectangles, rounded rectangles and process steps people draw
# stages as. A note, an image or an ellipse on its own is decoration, unless an edge touches it.
_BOX_SHAPES = {None, "rect", "rectangle", "process", "label", "rhombus", "hexagon", "step",
               "parallelogram", "card", "mxgraph.flowchart.process", "mxgraph.flowchart.decision",
               "mxgraph.basic.rect", "swimlane"}
_SHAPE_WORDS = {"ellipse", "rhombus", "triangle", "hexagon", "cloud", "cylinder", "actor",
                "image", "text", "swimlane", "group", "label", "edgeLabel", "shape"}
_DEFAULT_PAGE = re.compile(r"Page-\d+\Z")


@dataclass
class Page:
    name: str
    model: Element   # the page's <mxGraphModel>


# ---- labels ----------------------------------------------------------------------------------
class _Text(HTMLParser):
    """The text of an HTML label: tags dropped, line breaks and blocks become spaces."""

    _BREAKS = {"br", "div", "p", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def label_text(value: str, is_html: bool) -> str:
    """A label as plain text on one line: HTML removed when the label is HTML."""
    if is_html and ("<" in value or "&" in value):
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    return " ".join(value.split())


def parse_style(style: str) -> tuple[dict[str, str], set[str]]:
    """``rounded=1;whiteSpace=wrap;ellipse;`` -> ({"rounded": "1", ...}, {"ellipse"})."""
    values: dict[str, str] = {}
    words: set[str] = set()
    for part in style.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            key, _, value = part.partition("=")
            values[key.strip()] = value.strip()
        else:
            words.add(part)
    return values, words


# ---- pages -----------------------------------------------------------------------------------
def _inflate(text: str, source: str, page: str) -> bytes:
    try:
        packed = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise DocumentError(source, [f"page {quoted(page)}: the compressed diagram is not base64"]) from None
    inflater = zlib.decompressobj(-15)
    try:
        data = inflater.decompress(packed, MAX_INFLATED + 1)
    except zlib.error:
        raise DocumentError(source, [f"page {quoted(page)}: the compressed diagram is not deflate data"]) from None
    if len(data) > MAX_INFLATED or inflater.unconsumed_tail:
        raise DocumentError(source, [f"page {quoted(page)}: the compressed diagram is larger than "
                                     f"{MAX_INFLATED // (1024 * 1024)} MB once decompressed"])
    # draw.io URL-encodes the XML before deflating it; very old files did not.
    if not data.lstrip().startswith(b"<"):
        data = urllib.parse.unquote_to_bytes(data)
    return data


def pages(root: Element, source: str) -> list[Page]:
    """The pages of a parsed draw.io file (an ``mxfile``, or a bare ``mxGraphModel``)."""
    if root.tag == "mxGraphModel":
        return [Page(Path(source).name.split(".")[0] or "Page-1", root)]
    if root.tag != "mxfile":
        local = root.tag.rpartition("}")[2]
        raise DocumentError(source, [f"not a draw.io file: its XML root is <{local}>, not <mxfile>"])
    out: list[Page] = []
    for i, diagram in enumerate(root.findall("diagram")):
        name = diagram.get("name") or f"Page-{i + 1}"
        model = diagram.find("mxGraphModel")
        if model is None:
            text = (diagram.text or "").strip()
            if not text:
                out.append(Page(name, Element("mxGraphModel")))
                continue
            model = parse_xml(_inflate(text, source, name), source, f"page {quoted(name)}")
            if model.tag != "mxGraphModel":
                raise DocumentError(source, [f"page {quoted(name)}: holds <{model.tag}>, not a diagram"])
        out.append(Page(name, model))
    if not out:
        raise DocumentError(source, ["the draw.io file holds no pages"])
    return out


def choose_page(found: list[Page], wanted: str | None, source: str) -> tuple[Page, list[str]]:
    """The page asked for (the first by default) and a summary line naming the others."""
    names = [p.name for p in found]
    if wanted is None:
        page = found[0]
    else:
        matches = [p for p in found if p.name == wanted]
        if not matches:
            raise DocumentError(source, [f"no page named {quoted(wanted)}; the file holds "
                                         + ", ".join(quoted(n) for n in names)])
        page = matches[0]
    others = [n for n in names if n != page.name]
    notes = []
    if others:
        notes.append(f"read the page {quoted(page.name)}; the file also holds "
                     + ", ".join(quoted(n) for n in others) + " (choose one with --page NAME)")
    return page, notes


# ---- cells -----------------------------------------------------------------------------------
def finite_number(text: str | None) -> float:
    """An attribute's number, or 0.0 when it is missing, not a number, infinite or NaN."""
    try:
        value = float(text) if text is not None else 0.0
    except ValueError:
        return 0.0
    return value if value - value == 0.0 else 0.0


def drawing_of(page: Page, fallback_name: str) -> Drawing:
    """The shapes and connectors of one page, positions made absolute through their parents."""
    cells: list[tuple[str, Element, dict[str, str], str]] = []  # (id, mxCell, properties, label)
    root = page.model.find("root")
    for element in (list(root) if root is not None else []):
        if element.tag == "mxCell":
            cell, props, label = element, {}, element.get("value", "")
            cid = element.get("id", "")
        elif element.find("mxCell") is not None:  # <object>, <UserObject>: properties outside
            cell = element.find("mxCell")
            props = {k: v for k, v in element.attrib.items() if k not in ("id", "label", "placeholders")}
            label = element.get("label", "")
            if element.get("placeholders") == "1":
                label = re.sub(r"%([A-Za-z0-9_]+)%", lambda m: props.get(m.group(1), m.group(0)), label)
            cid = element.get("id", "")
        else:
            continue
        cells.append((cid, cell, props, label))

    by_id = {cid: (cell, props, label) for cid, cell, props, label in cells}
    top = next((cid for cid, cell, _p, _l in cells if cell.get("parent") is None), None)
    layers = {cid for cid, cell, _p, _l in cells if cell.get("parent") == top and cid != top}
    drawing = Drawing(name=page.name if not _DEFAULT_PAGE.match(page.name) else fallback_name)
    if top is not None:
        drawing.props = dict(by_id[top][1])

    origin: dict[str, tuple[float, float]] = {}

    def absolute(cid: str | None, depth: int = 0) -> tuple[float, float]:
        if cid is None or cid not in by_id or cid == top or cid in layers or depth > 100:
            return 0.0, 0.0
        if cid not in origin:
            cell = by_id[cid][0]
            geometry = cell.find("mxGeometry")
            px, py = absolute(cell.get("parent"), depth + 1)
            if geometry is None or cell.get("vertex") != "1":
                origin[cid] = (px, py)
            else:
                origin[cid] = (px + finite_number(geometry.get("x")), py + finite_number(geometry.get("y")))
        return origin[cid]

    edge_ids = {cid for cid, cell, _p, _l in cells if cell.get("edge") == "1"}
    extra_labels: dict[str, list[str]] = {}
    for cid, cell, props, label in cells:
        if cell.get("vertex") != "1":
            continue
        values, words = parse_style(cell.get("style", ""))
        # the app's own box with the label the app wrote: its name property says it all (and
        # parsing 5,000 HTML labels is most of the time of a big import)
        unchanged = STAGE_ID in props and "name" in props and \
            f"<b>{html.escape(props['name'])}</b><br>" in label
        text = " ".join(props["name"].split()) if unchanged else label_text(label, values.get("html") == "1")
        if "edgeLabel" in words or cell.get("parent") in edge_ids:
            if text:
                extra_labels.setdefault(cell.get("parent", ""), []).append(text)
            continue
        shape_name = values.get("shape") or next((w for w in words if w in _SHAPE_WORDS), None)
        if shape_name == "label":
            shape_name = None
        image = "image" in words or shape_name == "image" or "image" in values
        note = shape_name is not None and "note" in shape_name.lower()
        container = ("swimlane" in words or shape_name == "swimlane" or values.get("container") == "1"
                     or "pool" in words or "lane" in words or (shape_name or "").endswith((".pool", ".lane")))
        x, y = absolute(cid)
        drawing.shapes.append(Shape(
            id=cid, label=text, x=x, y=y,
            parent=cell.get("parent") if cell.get("parent") not in layers and cell.get("parent") != top else None,
            container=container and "group" not in words,
            group="group" in words,
            box=not image and not note and shape_name in _BOX_SHAPES,
            text="text" in words or shape_name == "text",
            fill=values.get("fillColor"),
            props=props,
            what="image" if image else "note" if note else (shape_name or "shape"),
            relabelled=not unchanged,
        ))
    for cid, cell, props, label in cells:
        if cell.get("edge") != "1":
            continue
        values, _words = parse_style(cell.get("style", ""))
        # the app's own connector carries its label as a property; the caption shown is not read
        shown = "" if EDGE_ID in props else label_text(label, values.get("html") == "1")
        text = " ".join([shown, *extra_labels.get(cid, [])]).strip()
        drawing.connectors.append(Connector(
            id=cid, source=cell.get("source"), target=cell.get("target"), label=text,
            dashed=values.get("dashed") == "1", props=props))
    return drawing


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _from_png(data: bytes, source: str) -> bytes:
    """The mxfile a ``.drawio.png`` carries: draw.io writes it URL-encoded in a ``tEXt`` chunk
    named "mxfile" (older versions deflated it in a ``zTXt`` chunk)."""
    at = len(PNG_MAGIC)
    while at + 8 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        at += 12 + length
        if kind not in (b"tEXt", b"zTXt"):
            if kind == b"IEND":
                break
            continue
        keyword, _, value = body.partition(b"\0")
        if keyword not in (b"mxfile", b"mxGraphModel"):
            continue
        if kind == b"zTXt":
            inflater = zlib.decompressobj()
            try:
                value = inflater.decompress(value[1:], MAX_INFLATED + 1)  # after the method byte
            except zlib.error:
                raise DocumentError(source, ["file: the diagram in the PNG is not deflate data"]) from None
            if len(value) > MAX_INFLATED:
                raise DocumentError(source, ["file: the diagram in the PNG is too large once decompressed"])
        return urllib.parse.unquote_to_bytes(value) if not value.lstrip().startswith(b"<") else value
    raise DocumentError(source, ["file: a PNG without a draw.io diagram in it (export it from draw.io "
                                 "with 'Include a copy of my diagram')"])


def _from_svg(data: bytes, source: str) -> bytes:
    """The mxfile a ``.drawio.svg`` carries in its root's ``content`` attribute."""
    svg = parse_xml(data, source, "file")
    content = svg.get("content") or ""
    if "<mxfile" not in content and "<mxGraphModel" not in content:
        raise DocumentError(source, ["file: an SVG without a draw.io diagram in it (export it from draw.io "
                                     "with 'Include a copy of my diagram')"])
    return content.encode("utf-8")


def _mxfile_root(source: str) -> Element:
    """The root element of the diagram ``source`` holds, taken out of a PNG or SVG first."""
    data = read_file(source)
    if data.startswith(PNG_MAGIC):
        data = _from_png(data, source)
    elif source.lower().endswith(".svg"):
        data = _from_svg(data, source)
    return parse_xml(data, source, "file")


def read_drawio(path: str | Path, page: str | None = None) -> Imported:
    """A lifecycle from a draw.io file (``.drawio``, an ``.xml`` holding an mxfile, or a
    ``.drawio.svg``/``.drawio.png`` with the diagram inside); DocumentError names the file and
    every problem."""
    source = str(path)
    root = _mxfile_root(source)
    found = pages(root, source)
    chosen, notes = choose_page(found, page, source)
    drawing = drawing_of(chosen, Path(source).name.split(".")[0] or "Imported diagram")
    drawing.notes[:0] = notes
    base, plain = None, True
    if LIFECYCLE in drawing.props:
        base, plain = embedded_document(drawing.props.pop(LIFECYCLE), source, "diagram.lifecycle",
                                 "the diagram's shapes and connectors")
    return lifecycle_from_drawing(drawing, source, base=base, base_plain=plain)


def page_names(path: str | Path) -> list[str]:
    """The names of a draw.io file's pages, in order, without decoding them (for a chooser)."""
    source = str(path)
    root = _mxfile_root(source)
    if root.tag != "mxfile":
        return []
    return [d.get("name") or f"Page-{i + 1}" for i, d in enumerate(root.findall("diagram"))]
