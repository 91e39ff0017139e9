"""The PowerPoint diagram as a recipient opens it, read back with python-pptx: text that fits its
boxes at a size one reads from the back of a room, lines that cross no other stage, opposite edges
apart, a file that says what it is, for the bundled templates, a 200-stage lifecycle and names
chosen to break it."""

from __future__ import annotations

import io
import math
import os
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.checks import check_lifecycle  # noqa: E402
from desktop_app.export import slide_layout as L  # noqa: E402
from desktop_app.export.painter import worst_markers  # noqa: E402
from desktop_app.export.slides import write_slides  # noqa: E402
from desktop_app.interchange.bundled import load_template, template_names  # noqa: E402
from desktop_app.model.document import Edge, Lifecycle, Owner, Stage  # noqa: E402
from desktop_app.model.text import one_line  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_lifecycle  # noqa: E402

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PT = 12700  # EMU per point


def hostile() -> Lifecycle:
    long_name = "A stage whose name goes on and on " * 9
    return Lifecycle(
        name="Lifecycle with a title far too long for one slide title line, " * 4,
        paradigm="hybrid",
        owners=[Owner("o", "Owner <b> & \"quoted\"\rwith CR")],
        stages=[
            Stage("a", "Line one\nline two\rline three\r\nfour", "data", owner="o", x=0, y=0),
            Stage("b", long_name, "develop", x=220, y=0),
            Stage("c", "Budget $5 to $10 | ] <h1>", "validate", owner="o", x=440, y=0),
            Stage("d", "Supercalifragilisticexpialidociousnessinstage", "deploy", x=0, y=200),
            Stage("e", "Watch", "monitor", x=440, y=200),
        ],
        edges=[
            Edge("ab", "a", "b"), Edge("ba", "b", "a"),                 # opposite, both flow
            Edge("bc", "b", "c"), Edge("cb", "c", "b", kind="feedback", trigger="alert"),
            Edge("ac", "a", "c"),                                      # b sits in between
            Edge("ce", "c", "e"), Edge("ed", "e", "d", kind="feedback", latency_days=3),
            Edge("ee", "e", "e", kind="feedback"),                     # a self-loop
        ],
    )


CASES = {name: (lambda n=name: load_template(n)) for name in template_names()}
CASES["200 stages"] = lambda: make_lifecycle(200, 300, seed=3)
CASES["hostile names"] = hostile


@pytest.fixture(scope="module", params=sorted(CASES))
def deck(request, tmp_path_factory):
    lc = CASES[request.param]()
    out = tmp_path_factory.mktemp("slides") / "diagram.pptx"
    markers = worst_markers(check_lifecycle(lc).findings)
    write_slides(lc, out, markers=markers, author="Ada Lovelace")
    return lc, out, Presentation(str(out)), markers


def _stage_shapes(slide) -> dict[str, object]:
    return {s.name.removeprefix("stage "): s for s in slide.shapes if s.name.startswith("stage ")}


def _paragraphs(shape):
    """(text, size in pt, bold) of each paragraph, the size and weight read from its runs."""
    out = []
    for p in shape.text_frame.paragraphs:
        runs = p._p.findall(A + "r")
        sizes = {r.find(A + "rPr").get("sz") for r in runs}
        bolds = {r.find(A + "rPr").get("b") for r in runs}
        assert len(sizes) == 1 and None not in sizes, "every run of a paragraph has its size"
        out.append(("\n".join(t.text for t in p._p.iter(A + "t")), int(sizes.pop()) / 100,
                    bolds.pop() == "1"))
        for br in p._p.findall(A + "br"):
            rpr = br.find(A + "rPr")
            assert rpr is not None and rpr.get("sz") == sizes_or(runs), "a line break is sized too"
    return out


def sizes_or(runs) -> str:
    return runs[0].find(A + "rPr").get("sz")


def test_every_name_fits_its_box_at_a_readable_size(deck):
    lc, _, prs, _ = deck
    names = {s.id: one_line(s.name, None).split() for s in lc.stages}
    seen = []
    for slide in prs.slides:
        for sid, shape in _stage_shapes(slide).items():
            seen.append(sid)
            room = L.text_room(shape.width / PT)
            height = 0.0
            paragraphs = _paragraphs(shape)
            for text, size, bold in paragraphs:
                lines = [line for part in text.split("\n") for line in L.wrap(part, room, size, bold)]
                # no word cut: every word is on one line, unless it is wider than any box
                for word in " ".join(text.split("\n")).split():
                    if L.text_width(word, size, bold) <= room:
                        assert any(word in line.split(" ") for line in lines), (word, lines)
                height += L.block_height(len(lines), size)
            inner = shape.height / PT - 2 * L.INSET_Y - 2 * L.SHAPE_TEXT_INSET
            assert height <= inner + 0.01, (sid, height, inner)
            name_text, name_pt, bold = paragraphs[1]
            assert bold and name_text.split() == names[sid], "the whole name, never cut"
            assert name_pt >= (12 if len(lc.stages) <= 25 else 9)
            assert min(size for _, size, _ in paragraphs) >= 9
    assert sorted(seen) == sorted(s.id for s in lc.stages), "each stage once, on some slide"


def _inside(x: float, y: float, box: tuple[float, float, float, float], pad: float = 1.5) -> bool:
    return box[0] + pad < x < box[2] - pad and box[1] + pad < y < box[3] - pad


def test_no_connector_runs_through_another_stage(deck):
    _, _, prs, _ = deck
    for slide in prs.slides:
        stages = _stage_shapes(slide)
        by_id = {s.shape_id: sid for sid, s in stages.items()}
        boxes = {sid: (s.left / PT, s.top / PT, (s.left + s.width) / PT, (s.top + s.height) / PT)
                 for sid, s in stages.items()}
        for c in slide.shapes:
            if not c.name.startswith("edge "):
                continue
            ends = {by_id.get(int(x.get("id"))) for x in c._element.iter()
                    if x.tag in (A + "stCxn", A + "endCxn")}
            x0, y0, x1, y1 = c.begin_x / PT, c.begin_y / PT, c.end_x / PT, c.end_y / PT
            for k in range(1, 400):
                t = k / 400
                x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                hit = [sid for sid, box in boxes.items() if _inside(x, y, box) and sid not in ends]
                assert not hit, f"{c.name} crosses stage {hit}"
                # nor does it run back through its own ends
                own = [sid for sid in ends if sid and _inside(x, y, boxes[sid], 3.0)]
                assert not own, f"{c.name} runs through its own stage {own}"


def test_opposite_and_parallel_edges_do_not_coincide(deck):
    _, _, prs, _ = deck
    for slide in prs.slides:
        segments: dict[frozenset, str] = {}
        for c in slide.shapes:
            if not c.name.startswith("edge "):
                continue
            edge = c.name.split(" ")[1]
            seg = frozenset({(round(c.begin_x / PT), round(c.begin_y / PT)),
                             (round(c.end_x / PT), round(c.end_y / PT))})
            other = segments.setdefault(seg, edge)
            assert other == edge, f"edges {other} and {edge} lie on one line"


def test_the_file_says_what_it_is(deck):
    lc, out, prs, _ = deck
    props = prs.core_properties
    assert props.title == " ".join(lc.name.split())
    assert props.subject and lc.paradigm in props.subject
    assert props.author == props.last_modified_by == "Ada Lovelace"
    assert "python-pptx" not in (props.comments or "") and "Canny" not in props.last_modified_by
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    assert abs(props.created - now) < timedelta(hours=1)
    assert abs(props.modified - now) < timedelta(hours=1)
    # 16:9 declared: the size, and no 4:3 type left over from python-pptx's template
    assert math.isclose(prs.slide_width / prs.slide_height, 16 / 9, rel_tol=1e-3)
    size = prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    assert size.get("type") in (None, "custom")
    with zipfile.ZipFile(out) as z:
        thumb = Image.open(io.BytesIO(z.read("docProps/thumbnail.jpeg"))).convert("L")
        assert thumb.width >= 200
        low, high = thumb.getextrema()
        assert high - low > 60, "the thumbnail shows the diagram, not a blank page"
        for name in z.namelist():
            if name.startswith("ppt/slides/"):
                assert b"_x000D_" not in z.read(name), name


def test_titles_fit_and_a_legend_explains_kinds_and_markers(deck):
    lc, _, prs, markers = deck
    for slide in prs.slides:
        (title,) = [s for s in slide.shapes if s.name == "title"]
        assert title.left + title.width <= prs.slide_width and title.top >= 0
        height = 0.0
        for text, size, bold in _paragraphs(title):
            room = title.width / PT - 2 * L.INSET_X
            height += L.block_height(sum(len(L.wrap(t, room, size, bold)) for t in text.split("\n")), size)
        assert height <= title.height / PT - 2 * L.INSET_Y + 0.01
        legend = {s.name.removeprefix("legend ") for s in slide.shapes if s.name.startswith("legend ")}
        assert {s.kind for s in lc.stages} <= legend
        assert set(markers.values()) <= legend
        assert {e.kind for e in lc.edges} <= legend
        # nothing leaves the slide
        for s in slide.shapes:
            assert s.left >= 0 and s.top >= 0, s.name
            if lc.name != hostile().name or not s.name.startswith("stage b"):
                assert s.left + s.width <= prs.slide_width + PT, s.name
                assert s.top + s.height <= prs.slide_height + PT, s.name


@pytest.mark.parametrize("n", [40, 200])
def test_a_big_diagram_is_split_into_an_overview_and_readable_parts(n):
    lc = make_lifecycle(n, n * 3 // 2, seed=3)
    prs_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"split-{os.getpid()}.pptx"
    try:
        write_slides(lc, prs_path)
        prs = Presentation(str(prs_path))
    finally:
        prs_path.unlink(missing_ok=True)
    slides = list(prs.slides)
    assert len(slides) > 2
    overview = [s for s in slides[0].shapes if s.name.startswith("overview ")]
    assert len(overview) == n
    named = [s for s in overview if s.text_frame.text]
    # names on the overview: all or none (40 stages: all), 9 pt at least, whole, fitting
    assert len(named) == (n if n == 40 else 0)
    stage_names = {s.id: s.name for s in lc.stages}
    for shape in named:
        ((text, size, bold),) = _paragraphs(shape)
        assert size >= 9 and text == stage_names[shape.name.removeprefix("overview ")]
        room = shape.width / PT - 2 * 2.0 - 2 * 0.29289 * 4.0
        lines = L.wrap(text, room, size, bold)
        assert L.block_height(len(lines), size) <= shape.height / PT - 2 * 2.0
    parts = [s for s in slides[0].shapes if s.name.startswith("part label ")]
    assert len(parts) == len(slides) - 1
    for slide in slides[1:]:
        for shape in _stage_shapes(slide).values():
            assert _paragraphs(shape)[1][1] >= 12


def test_a_name_longer_than_any_slide_shrinks_inside_it_whole(tmp_path):
    huge = "x" * 5000 + " " + "word " * 1000
    lc = Lifecycle(name="Huge", paradigm="hybrid", stages=[
        Stage("a", huge, "data", x=0, y=0), Stage("b", "Next", "gate", x=220, y=0)],
        edges=[Edge("ab", "a", "b")])
    out = tmp_path / "huge.pptx"
    write_slides(lc, out)
    prs = Presentation(str(out))
    (slide,) = prs.slides
    shape = _stage_shapes(slide)["a"]
    assert shape.top + shape.height <= prs.slide_height and shape.left + shape.width <= prs.slide_width
    assert _paragraphs(shape)[1][0].split() == huge.split(), "the whole name is there"
    fit = shape.text_frame._txBody.bodyPr.find(A + "normAutofit")
    assert fit is not None and 25000 <= int(fit.get("fontScale")) < 100000
