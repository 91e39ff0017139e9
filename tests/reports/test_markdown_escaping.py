"""The Markdown report as a forge shows it: rendered by markdown-it-py with raw HTML allowed (as
GitHub-like renderers pass it through before sanitising), with names chosen to break it."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from desktop_app.checks import check_lifecycle
from desktop_app.model.document import Edge, Owner, Stage
from desktop_app.reports.report import ReportData, write_report
from desktop_app.store.change import ActionItemInfo

from .conftest import TODAY, line_lifecycle

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<h1>Big</h1>",
    "close ] bracket](http://evil.example)",
    "pipe | in | name",
    "carriage\rreturn",
    "line\nbreak",
    "<script>alert(2)</script>",
    "&lt;entity&gt; & `code` *stars* _under_",
    "    four spaces",
    "# not a heading",
]


def _render(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.tables: list[list[int]] = []   # per table, the cell count of each row
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture
def hostile_report(tmp_path):
    lc = line_lifecycle()
    for i, name in enumerate(HOSTILE[len(lc.stages):]):
        lc.stages.append(Stage(f"extra{i}", "?", "other", x=880 + 220 * i, y=0))
    for stage, name in zip(lc.stages, HOSTILE, strict=True):
        stage.name = name
    lc.name = "<h1>Churn</h1> ] | model\r"
    lc.description = "Budget $5 to $10 <b>bold</b>\r\n\r\n[link](javascript:alert(3))"
    lc.owners.append(Owner("evil", "<img src=y onerror=alert(4)>"))
    lc.stages[0].owner = "evil"
    lc.edges.append(Edge("fb", "watch", "train", kind="feedback", label="] | <i>"))
    data = ReportData(lifecycle=lc, today=TODAY, result=check_lifecycle(lc, today=TODAY),
                      notes="<img src=z onerror=alert(5)>\r\nsecond line | pipe",
                      action_items=[ActionItemInfo(1, "<h1>Act</h1> ]", False, None)])
    # a file name with brackets, spaces and parentheses: the image links must still resolve
    out = tmp_path / "retro [draft] (v2) #1.md"
    written = write_report(data, out)
    return out, written, data


def test_no_raw_html_from_a_name_survives_rendering(hostile_report):
    out, _, _ = hostile_report
    parser = _Tags()
    parser.feed(_render(out.read_text(encoding="utf-8")))
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "b", "i", "h4"}, tags
    # the only images are the report's own charts, and only one h1: the report's title
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert all(not set(attrs) - {"src", "alt"} for attrs in images), images
    assert len(images) == 3   # diagram, items done, phase windows (no snapshots)
    assert [tag for tag, _ in parser.tags].count("h1") == 1
    assert not [a for t, a in parser.tags if t == "a"], "a name became a link"
    text = "".join(parser.text)
    for name in ("<img src=x onerror=alert(1)>", "<h1>Big</h1>", "pipe | in | name",
                 "&lt;entity&gt; & `code` *stars* _under_", "# not a heading",
                 "<img src=y onerror=alert(4)>", "Budget $5 to $10 <b>bold</b>"):
        assert name in text, name


def test_tables_keep_their_shape_with_pipes_and_line_breaks(hostile_report):
    out, _, data = hostile_report
    parser = _Tags()
    parser.feed(_render(out.read_text(encoding="utf-8")))
    stage_table = parser.tables[0]
    # header + one row per stage, each with the four columns: no row split by CR, none widened by |
    assert stage_table == [4] * (1 + len(data.lifecycle.stages))
    assert all(len(set(rows)) == 1 for rows in parser.tables), parser.tables
    text = "".join(parser.text)
    assert "carriage return" in text and "line break" in text


def test_image_links_resolve_whatever_the_file_is_called(hostile_report, tmp_path):
    out, written, _ = hostile_report
    parser = _Tags()
    parser.feed(_render(out.read_text(encoding="utf-8")))
    sources = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
    assert sources and all((tmp_path / unquote(src)).is_file() for src in sources)
    assert {tmp_path / unquote(src) for src in sources} | {out} == set(written)
