"""The PDF report as a reader gets it, read back by poppler (pdfinfo, pdftotext, pdffonts,
pdfimages): one page size, real tables, the diagram as text and vectors, `$` as typed."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.checks import check_lifecycle  # noqa: E402
from desktop_app.export.files import write_retrospective  # noqa: E402
from desktop_app.model.document import Edge, Stage  # noqa: E402
from desktop_app.reports.diff import compare  # noqa: E402
from desktop_app.reports.report import ReportData  # noqa: E402
from desktop_app.store.change import ActionItemInfo  # noqa: E402

from .conftest import TODAY, line_lifecycle  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_lifecycle  # noqa: E402

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def _data(lc) -> ReportData:
    before = copy.deepcopy(lc)
    lc.edges.append(Edge("fb", "watch", "train", kind="feedback", trigger="alert"))
    old, new = check_lifecycle(before, today=TODAY), check_lifecycle(lc, today=TODAY)
    return ReportData(
        lifecycle=lc, today=TODAY, result=new,
        comparison=compare(before, lc, old.findings, new.findings), since_label="kick-off",
        findings_series=[("kick-off", old.counts), ("now", new.counts)],
        notes="Budget $5 to $10 was spent.\n\nA bad one: $\\frac{1}{ and $$ and \\$ and $x^"
              "\n\nA bell\x07 and an escape\x1b[31m in a note",
        action_items=[ActionItemInfo(1, "Price it at $3 per $1k calls", False, None)])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    lc = line_lifecycle()
    lc.stages[0].name = "Budget $5 to $10"
    lc.stages[1].name = "Train $\\alpha$ model"
    # enough stages that the tables run over a page
    for i in range(60):
        lc.stages.append(Stage(f"x{i}", f"Extra stage {i}", "other", x=880 + 220 * (i % 6),
                               y=200 * (i // 6)))
    out = tmp_path_factory.mktemp("pdf") / "retro.pdf"
    assert write_retrospective(_data(lc), out) == [out]
    return out, lc


def _pages(text: str) -> list[str]:
    return text.split("\f")


def test_every_page_has_one_size_and_a_number(report):
    out, _ = report
    info = poppler("pdfinfo", "-f", "1", "-l", "999", str(out))
    sizes = set(re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+ pts)", info))
    assert len(sizes) == 1 and sizes.pop() in ("595 x 842 pts", "595.276 x 841.89 pts",
                                               "612 x 792 pts")
    pages = [p for p in _pages(poppler("pdftotext", "-layout", str(out), "-")) if p.strip()]
    assert len(pages) > 2
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page


def test_tables_are_tables_with_their_header_repeated(report):
    out, lc = report
    pages = _pages(poppler("pdftotext", "-layout", str(out), "-"))
    header = re.compile(r"^\s*Stage\s{2,}Kind\s{2,}Owner\s{2,}Automation\s*$", re.M)
    with_header = [n for n, p in enumerate(pages) if header.search(p)]
    # the stage table runs over two pages and its header is on each, on a line of its own
    assert len(with_header) >= 2
    text = "\n".join(pages)
    assert re.search(r"^\s*Regression tests\s{2,}validate\s{2,}Model pod\s{2,}manual\s*$", text, re.M)
    assert "|" not in text.replace("$3 per $1k", ""), "no 'a | b | c' lines"


def test_the_diagram_is_vectors_with_its_names_as_text(report):
    out, lc = report
    assert poppler("pdfimages", "-list", str(out)).strip().splitlines()[2:] == [], \
        "no raster image: diagram and charts are vectors"
    raw = poppler("pdftotext", str(out), "-")
    first_pages = "\n".join(_pages(raw)[:2])
    for name in ("Regression tests", "Extra stage 59", "Watch"):
        assert name in first_pages
    # the chart's words are text too
    assert "Items done over time" in raw
    fonts = poppler("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(" yes " in f for f in fonts), "every font embedded"


def test_dollars_print_as_typed_and_a_bad_one_aborts_nothing(report):
    out, _ = report
    text = " ".join(poppler("pdftotext", str(out), "-").split())
    for typed in ("Budget $5 to $10", "Train $\\alpha$ model", "Budget $5 to $10 was spent.",
                  "$\\frac{1}{ and $$ and \\$ and $x^", "Price it at $3 per $1k calls"):
        assert typed in text, typed
    # control characters are dropped, not drawn as empty boxes
    assert "A bell and an escape[31m in a note" in text


def test_a_failed_write_leaves_what_was_there(tmp_path):
    out = tmp_path / "retro.pdf"
    out.write_bytes(b"the previous report")
    lc = line_lifecycle()
    data = _data(lc)
    data.progress = None     # broken data: the report fails half-way
    with pytest.raises(Exception):
        write_retrospective(data, out)
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["retro.pdf"]


def test_a_200_stage_diagram_stays_on_an_ordinary_page(tmp_path):
    lc = make_lifecycle(200, 300, seed=3)
    out = tmp_path / "big.pdf"
    write_retrospective(ReportData(lifecycle=lc, today=date(2026, 11, 26),
                                   result=check_lifecycle(lc)), out)
    info = poppler("pdfinfo", "-f", "1", "-l", "999", str(out))
    assert len(set(re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+)", info))) == 1
    assert "Retrospective: Generated 200" in poppler("pdftotext", str(out), "-")


@pytest.mark.parametrize("locale_name, size", [("en_US.UTF-8", "612 x 792 pts"),
                                               ("de_DE.UTF-8", "595 x 842 pts")])
def test_letter_where_the_locale_measures_in_us_units_else_a4(tmp_path, locale_name, size):
    ws = tmp_path / "w.lcstudio"
    out = tmp_path / "r.pdf"
    env = {**os.environ, "LC_ALL": locale_name, "LANG": locale_name, "QT_QPA_PLATFORM": "offscreen"}
    run = [sys.executable, "-m", "desktop_app"]
    subprocess.run(run + ["new", str(ws), "--template", "hybrid"], env=env, check=True,
                   capture_output=True)
    subprocess.run(run + ["report", str(ws), "--lifecycle",
                          "Hybrid: governed outer loop, fast inner loop", "--to", str(out)],
                   env=env, check=True, capture_output=True)
    assert size in poppler("pdfinfo", str(out))
