"""Reports as a reader receives them: sections, real embedded images, a PDF with text."""

from __future__ import annotations

import base64
import copy
import re
import struct
from datetime import date
from html.parser import HTMLParser

import pytest

from desktop_app.checks import check_lifecycle
from desktop_app.model.document import Edge
from desktop_app.reports.diff import compare
from desktop_app.reports.report import ReportData, write_report
from desktop_app.store.change import ActionItemInfo

from .conftest import TODAY

SECTIONS = ["Diagram", "Assessment", "Findings", "Phases", "Comparison", "Who changed what", "Notes"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def report_data(lifecycle) -> ReportData:
    before = copy.deepcopy(lifecycle)
    lifecycle.edges.append(Edge("fb", "watch", "train", kind="feedback", trigger="alert"))
    lifecycle.phases[0].items[1].status = "done"
    lifecycle.phases[0].items[1].done_on = date(2026, 3, 20)
    old, new = check_lifecycle(before, today=TODAY), check_lifecycle(lifecycle, today=TODAY)
    return ReportData(
        lifecycle=lifecycle, today=TODAY, result=new,
        comparison=compare(before, lifecycle, old.findings, new.findings),
        since_label="kick-off",
        findings_series=[("kick-off", old.counts), ("now", new.counts)],
        notes="The loop is closed at last.\n\nNext: automate the trigger.",
        action_items=[ActionItemInfo(1, "Schedule nightly retraining", False, None)],
    )


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.levels: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._in_heading = True
            self.headings.append("")
            self.levels.append(tag)
        if tag == "img":
            self.images.append(dict(attrs)["src"])
        assert tag not in ("link", "script"), "the report must not load anything"

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3"):
            self._in_heading = False

    def handle_data(self, data):
        if self._in_heading:
            self.headings[-1] += data
        self.text.append(data)


def test_html_is_one_self_contained_file_with_every_section(report_data, tmp_path):
    out = tmp_path / "retro.html"
    assert write_report(report_data, out) == [out]
    parser = _Html()
    parser.feed(out.read_text(encoding="utf-8"))
    assert parser.headings[0] == "Retrospective: Churn model"
    h2 = [h for h, level in zip(parser.headings, parser.levels) if level == "h2"]
    assert h2 == SECTIONS
    # diagram, items done, phase windows, findings across snapshots: all inline PNGs
    assert len(parser.images) == 4
    for src in parser.images:
        assert src.startswith("data:image/png;base64,")
        width, height = png_size(base64.b64decode(src.split(",", 1)[1]))
        assert width > 100 and height > 100
    text = " ".join(parser.text)
    for name in ("Data refresh", "Regression tests", "Watch"):
        assert name in text
    assert "The loop is closed at last." in text
    assert "Schedule nightly retraining" in text
    assert "added Watch → Train" in text  # the comparison, the edge by its ends
    assert "added fb" not in text
    assert "Items completed" in parser.headings
    assert "resolved: LC201" in text  # the new feedback loop resolved "no feedback loop"


def test_markdown_sections_and_images_beside_it(report_data, tmp_path):
    out = tmp_path / "retro.md"
    written = write_report(report_data, out)
    text = out.read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, re.M) == SECTIONS
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(links) == 4 and set(written) == {out} | {tmp_path / link for link in links}
    for link in links:
        png_size((tmp_path / link).read_bytes())
    assert "| Data refresh | data | Model pod | manual |" in text
    assert "- \\[ \\] Schedule nightly retraining" in text  # escaped: literal, not a task box


def test_report_without_comparison_or_snapshots_says_so(lifecycle, tmp_path):
    data = ReportData(lifecycle=lifecycle, today=TODAY, result=check_lifecycle(lifecycle, today=TODAY))
    out = tmp_path / "plain.md"
    write_report(data, out)
    text = out.read_text(encoding="utf-8")
    assert "No snapshot chosen to compare with" in text
    assert "No notes were written" in text
    assert re.findall(r"^## (.+)$", text, re.M) == SECTIONS


def test_unknown_suffix_is_refused(report_data, tmp_path):
    with pytest.raises(ValueError, match="report.docx"):
        write_report(report_data, tmp_path / "report.docx")


def test_counts_read_in_the_singular_and_undated_phases_say_so(lifecycle, tmp_path):
    lifecycle.edges.append(Edge("fb", "watch", "train", kind="feedback", trigger="alert",
                                latency_days=1))
    result = check_lifecycle(lifecycle, today=TODAY)
    result.counts.update(error=1, warning=1, info=1)   # one of each, as a reader would count
    out = tmp_path / "retro.md"
    write_report(ReportData(lifecycle=lifecycle, today=TODAY, result=result), out)
    text = out.read_text(encoding="utf-8")
    assert "1 error, 1 warning, 1 info," in text
    assert "| Feedback latency | 1 day |" in text
    assert not re.search(r"\b1 (days|errors|warnings|infos)\b", text)
    # phase 2 has no planned dates: no "- to -"
    assert "- to -" not in text
    assert "| 2 Process Integration and Light Automation | not planned |" in text


def test_a_one_stage_lifecycle_reads_in_the_singular(tmp_path):
    from desktop_app.model.document import Lifecycle, Owner, Stage

    lc = Lifecycle(name="Solo", paradigm="hybrid", owners=[Owner("o", "Only owner")],
                   stages=[Stage("s", "Alone", "data", owner="o")])
    out = tmp_path / "solo.md"
    write_report(ReportData(lifecycle=lc, today=TODAY, result=check_lifecycle(lc, today=TODAY)), out)
    assert "1 stage, 0 edges, 1 owner." in out.read_text(encoding="utf-8")
