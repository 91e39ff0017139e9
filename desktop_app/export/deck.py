"""A retrospective as a PowerPoint deck, from the same blocks as the Markdown, HTML and PDF
reports: one slide per section, tables as native tables, charts as pictures, and the diagram as
native, editable shapes and connectors (``slides.py``)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from desktop_app.export import slide_layout as L
from desktop_app.export.slides import (
    SLIDE_H_IN, SLIDE_W_IN, add_diagram_slides, finish, new_presentation, save, set_text,
)
from desktop_app.reports.report import (
    Bullets, Chart, Heading, Para, ReportData, Table, build_blocks, report_title,
)

MARGIN = 0.5
TOP = 1.15           # below the slide title
BODY_PT = 14
TABLE_PT = 11
CHARS_PER_LINE = 110  # body text at 14 pt across a 16:9 slide


def write_deck(data: ReportData, path: str | Path, author: str | None = None) -> Path:
    path = Path(path)
    prs = new_presentation()
    builder = _Deck(prs, data)
    for block in build_blocks(data):
        builder.add(block)
    subject = "Retrospective of the lifecycle " + " ".join(L.clean_lines(data.lifecycle.name))
    if data.since_label:
        subject += f" since snapshot {data.since_label}"
    finish(prs, title=report_title(data), subject=subject, lc=data.lifecycle,
           markers=_markers(data), author=author)
    return save(prs, path)


class _Deck:
    def __init__(self, prs, data: ReportData) -> None:
        self.prs = prs
        self.data = data
        self.slide = None
        self.title = ""
        self.y = TOP
        self.subtitle: list[str] = []

    # ---- slides ---------------------------------------------------------------------------------
    def new_slide(self, title: str) -> None:
        from pptx.util import Emu, Inches

        from desktop_app.export.palette import LIGHT

        self.slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        self.title = title
        # as big as fits on one line, down to 16 pt; a longer title is shortened, never spills
        width = L.SLIDE_W - 2 * MARGIN * 72
        pt, lines = L.title_fit(title, width - 2 * L.INSET_X - 4, max_lines=1)
        box = self.slide.shapes.add_textbox(Inches(MARGIN), Inches(0.3), Emu(int(width * 12700)),
                                            Inches(0.7))
        box.name = "title"
        box.text_frame.word_wrap = True
        set_text(box.text_frame, [(lines[0], pt, True, LIGHT.text, False)], align_center=False)
        self.y = TOP

    def room(self, height: float) -> None:
        """Start a continuation slide when ``height`` inches do not fit below the cursor."""
        if self.slide is None:
            self.new_slide(self.title or "Retrospective")
        elif self.y + height > SLIDE_H_IN - MARGIN and self.y > TOP:
            self.new_slide(self.title if self.title.endswith("(continued)") else f"{self.title} (continued)")

    # ---- blocks ---------------------------------------------------------------------------------
    def add(self, block) -> None:
        if isinstance(block, Heading):
            if block.level <= 2:
                self.new_slide(block.text)
            else:
                self.text([block.text], bold=True, size=BODY_PT + 2)
        elif isinstance(block, Para):
            self.text(block.text.split("\n"))
        elif isinstance(block, Bullets):
            self.text(["\u2022 " + item for item in block.items])
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)

    def text(self, paragraphs: list[str], *, bold: bool = False, size: int = BODY_PT) -> None:
        from pptx.util import Inches, Pt

        lines = sum(max(1, len(textwrap.wrap(p, CHARS_PER_LINE))) for p in paragraphs)
        height = 0.12 + lines * size * 1.25 / 72
        self.room(min(height, SLIDE_H_IN - TOP - MARGIN))
        box = self.slide.shapes.add_textbox(Inches(MARGIN), Inches(self.y), Inches(SLIDE_W_IN - 2 * MARGIN),
                                            Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for i, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = "\n".join(L.clean_lines(text))  # no CR as _x000D_
            for run in paragraph.runs:
                run.font.size, run.font.bold = Pt(size), bold
        self.y += height + 0.1

    def table(self, block: Table) -> None:
        from pptx.util import Inches, Pt

        width_in = SLIDE_W_IN - 2 * MARGIN
        # column widths by content, none narrower than ten characters nor wider than sixty
        chars = [min(60, max(10, len(h), *(len(r[c]) for r in block.rows))) if block.rows
                 else max(10, len(h)) for c, h in enumerate(block.headers)]
        col_in = [width_in * n / sum(chars) for n in chars]
        per_line = [max(1, int(w * 72 / (TABLE_PT * 0.55))) for w in col_in]  # characters a line holds

        def row_height(cells: list[str]) -> float:
            lines = max(max(1, -(-len(text) // per_line[c])) for c, text in enumerate(cells))
            return 0.12 + lines * TABLE_PT * 1.2 / 72

        rows = list(block.rows)
        while True:
            self.room(row_height(block.headers) + (row_height(rows[0]) if rows else 0))
            space = SLIDE_H_IN - MARGIN - self.y - row_height(block.headers)
            chunk: list[list[str]] = []
            height = row_height(block.headers)
            while rows and (not chunk or height + row_height(rows[0]) <= space + row_height(block.headers)):
                height += row_height(rows[0])
                chunk.append(rows.pop(0))
            shape = self.slide.shapes.add_table(len(chunk) + 1, len(block.headers), Inches(MARGIN),
                                                Inches(self.y), Inches(width_in), Inches(height))
            grid = shape.table
            for c, w in enumerate(col_in):
                grid.columns[c].width = Inches(w)
            for r, cells in enumerate([block.headers] + chunk):
                grid.rows[r].height = Inches(row_height(cells))
                for c, value in enumerate(cells):
                    cell = grid.cell(r, c)
                    cell.text = "\n".join(L.clean_lines(value))
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(TABLE_PT)
            self.y += height + 0.2
            if not rows:
                return
            self.new_slide(self.title if self.title.endswith("(continued)") else f"{self.title} (continued)")

    def chart(self, block: Chart) -> None:
        from pptx.util import Inches

        if block.name == "diagram":
            # the diagram gets slides of its own (an overview and parts when it is big), as
            # native shapes the lead can still edit; the title slide of the section goes
            if self.slide is not None and self.y <= TOP:
                _drop_last_slide(self.prs)
            add_diagram_slides(self.prs, self.data.lifecycle, _markers(self.data),
                               title=self.title, subtitle=None)
            self.new_slide(f"{self.title} (stages)")
            return
        png = block.png_bytes()
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            width, height = image.size
        max_w, max_h = SLIDE_W_IN - 2 * MARGIN, SLIDE_H_IN - TOP - MARGIN
        scale = min(max_w / width, max_h / height)
        self.room(height * scale)
        if self.y + height * scale > SLIDE_H_IN - MARGIN:
            scale = (SLIDE_H_IN - MARGIN - self.y) / height
        left = MARGIN + (max_w - width * scale) / 2
        self.slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(self.y),
                                      Inches(width * scale), Inches(height * scale))
        self.y += height * scale + 0.2


def _drop_last_slide(prs) -> None:
    """Remove the last slide (python-pptx has no API for it: drop its id and relationship)."""
    ids = prs.slides._sldIdLst
    last = ids[-1]
    prs.part.drop_rel(last.rId)
    ids.remove(last)


def _markers(data: ReportData) -> dict[str, str]:
    from desktop_app.export.painter import worst_markers

    return worst_markers(data.result.findings)
