"""A retrospective as a PowerPoint deck, from the same blocks as the Markdown, HTML and PDF
reports: one slide per section, tables as native tables, charts as pictures, and the diagram as
native, editable shapes and connectors (``slides.py``)."""

from __future__ import annotations

import io
from pathlib import Path

from desktop_app.export import slide_layout as L
from desktop_app.export.slides import (
    SLIDE_H_IN, SLIDE_W_IN, add_diagram_slides, finish, new_presentation, save, set_text,
)
from desktop_app.model.text import clean_lines, one_line
from desktop_app.reports.report import (
    Bullets, Chart, Heading, Para, ReportData, Table, build_blocks, report_title,
)

MARGIN = 0.5
TOP = 1.15           # below the slide title
BODY_PT = 18.0       # read from the back of a room
TABLE_PT = 14.0


def write_deck(data: ReportData, path: str | Path, author: str | None = None) -> Path:
    path = Path(path)
    prs = new_presentation()
    builder = _Deck(prs, data)
    for block in build_blocks(data):
        builder.add(block)
    subject = "Retrospective of the lifecycle " + one_line(data.lifecycle.name, None)
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
                # kept with what follows: a heading needs room for itself and two lines more
                need = L.block_height(3, BODY_PT + 2) / 72 + 0.2
                if self.slide is not None and self.y > TOP and self.y + need > SLIDE_H_IN - MARGIN:
                    self.new_slide(self.title if self.title.endswith("(continued)")
                                   else f"{self.title} (continued)")
                self.text([block.text], bold=True, size=BODY_PT + 2)
        elif isinstance(block, Para):
            self.text(block.text.split("\n"))
        elif isinstance(block, Bullets):
            self.text(["\u2022 " + item for item in block.items])
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)

    def text(self, paragraphs: list[str], *, bold: bool = False, size: float = BODY_PT) -> None:
        """Paragraphs in a box as tall as their measured lines; a box that would not fit below
        the cursor goes to a continuation slide, and a text longer than a slide is split."""
        from pptx.util import Emu

        from desktop_app.export.palette import LIGHT

        width = L.SLIDE_W - 2 * MARGIN * 72
        room = width - 2 * L.INSET_X - 4
        groups = [L.wrap(p, room, size, bold) for p in paragraphs]   # each paragraph's lines
        line_h = size * L.LINE
        while groups:
            # whole paragraphs that fit below the cursor go here, the rest on a continuation
            # slide; a paragraph is cut only when it is longer than a whole slide
            self.room((L.block_height(min(2, len(groups[0])), size) + 2 * L.INSET_Y + 2) / 72)
            fits = int(((SLIDE_H_IN - MARGIN - self.y) * 72 - 2 * L.INSET_Y - 2) // line_h)
            chunk: list[str] = []
            while groups and len(chunk) + len(groups[0]) <= fits:
                chunk += groups.pop(0)
            if not chunk:
                if self.y > TOP + 0.01:
                    self.new_slide(self.title if self.title.endswith("(continued)")
                                   else f"{self.title} (continued)")
                    continue
                chunk, groups[0] = groups[0][:max(1, fits)], groups[0][max(1, fits):]
                if not groups[0]:
                    groups.pop(0)
            height_pt = L.block_height(len(chunk), size) + 2 * L.INSET_Y + 2
            box = self.slide.shapes.add_textbox(Emu(int(MARGIN * 914400)), Emu(int(self.y * 914400)),
                                                Emu(int(width * 12700)), Emu(int(height_pt * 12700)))
            box.text_frame.word_wrap = True
            # the lines as measured, one paragraph each: what was measured is what shows
            set_text(box.text_frame, [(line, size, bold, LIGHT.text, False) for line in chunk],
                     align_center=False)
            self.y += height_pt / 72 + 0.08

    def table(self, block: Table) -> None:
        from pptx.util import Emu, Pt

        from desktop_app.export.palette import LIGHT

        width = L.SLIDE_W - 2 * MARGIN * 72
        # column widths by content: never narrower than the longest word, more for long text
        weights = []
        for c, h in enumerate(block.headers):
            column = [h] + [r[c] for r in block.rows]
            word = max(L.text_width(w, TABLE_PT, True) for v in column for w in (v.split() or [""]))
            mean = sum(L.text_width(v, TABLE_PT) for v in column) / len(column)
            weights.append(max(min(word, width / 3) + 16, min(width / 2.5, mean)))
        col = [width * w / sum(weights) for w in weights]
        cell_x, cell_y = 7.2, 3.6   # PowerPoint's cell margins

        def row_height(cells: list[str], bold: bool = False) -> float:
            lines = max(len([ln for part in clean_lines(text)
                             for ln in L.wrap(part, col[c] - 2 * cell_x - 2, TABLE_PT, bold)])
                        for c, text in enumerate(cells))
            return L.block_height(lines, TABLE_PT) + 2 * cell_y + 2

        rows = list(block.rows)
        head_h = row_height(block.headers, True)
        while True:
            self.room((head_h + (row_height(rows[0]) if rows else 0)) / 72)
            space = (SLIDE_H_IN - MARGIN - self.y) * 72
            chunk: list[list[str]] = []
            height = head_h
            while rows and (not chunk or height + row_height(rows[0]) <= space):
                height += row_height(rows[0])
                chunk.append(rows.pop(0))
            shape = self.slide.shapes.add_table(len(chunk) + 1, len(block.headers),
                                                Emu(int(MARGIN * 914400)), Emu(int(self.y * 914400)),
                                                Emu(int(width * 12700)), Emu(int(height * 12700)))
            grid = shape.table
            for c, w in enumerate(col):
                grid.columns[c].width = Emu(int(w * 12700))
            for r, cells in enumerate([block.headers] + chunk):
                grid.rows[r].height = Emu(int(row_height(cells, r == 0) * 12700))
                for c, value in enumerate(cells):
                    cell = grid.cell(r, c)
                    cell.text = "\n".join(clean_lines(value))
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(TABLE_PT)
                            run.font.name = L.FONT_FACE
                            if r == 0:
                                run.font.bold = True
                            else:
                                from desktop_app.export.slides import _rgb

                                run.font.color.rgb = _rgb(LIGHT.text)
            self.y += height / 72 + 0.2
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
        if self.slide is None or self.y + height * scale * 0.6 > SLIDE_H_IN - MARGIN:
            # a chart that would be squeezed below other content gets a slide of its own,
            # titled with what it shows
            self.new_slide(block.title)
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
