"""A retrospective as a PowerPoint deck, from the same blocks as the Markdown, HTML and PDF
reports: one slide per section, tables as native tables, charts as pictures, and the diagram as
native, editable shapes and connectors (``slides.py``)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from desktop_app.export.slides import SLIDE_H_IN, SLIDE_W_IN, _counted_shape_ids, _draw
from desktop_app.reports.report import Bullets, Chart, Heading, Para, ReportData, Table, build_blocks

MARGIN = 0.5
TOP = 1.15           # below the slide title
BODY_PT = 14
TABLE_PT = 11
CHARS_PER_LINE = 110  # body text at 14 pt across a 16:9 slide


def write_deck(data: ReportData, path: str | Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    path = Path(path)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    builder = _Deck(prs, data)
    for block in build_blocks(data):
        builder.add(block)
    tmp = path.with_name(f".{path.name}.part")
    prs.save(str(tmp))
    tmp.replace(path)
    return path


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
        from pptx.util import Inches, Pt

        self.slide = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        self.title = title
        box = self.slide.shapes.add_textbox(Inches(MARGIN), Inches(0.3), Inches(SLIDE_W_IN - 2 * MARGIN),
                                            Inches(0.7))
        box.text_frame.text = title
        run = box.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(26), True
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
            paragraph.text = text
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
                    cell.text = value
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
            # the diagram gets a slide of its own, as native shapes the lead can still edit
            if self.slide is None or self.y > TOP:
                self.new_slide(self.title)
            with _counted_shape_ids(self.slide.shapes):
                _draw(self.slide, self.data.lifecycle, _markers(self.data), None, top_in=TOP)
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


def _markers(data: ReportData) -> dict[str, str]:
    from desktop_app.export.painter import worst_markers

    return worst_markers(data.result.findings)
