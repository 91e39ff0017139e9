"""The retrospective as a PDF a person would print: laid out by QTextDocument, written by
QPdfWriter.

Why this route and not a PDF library such as reportlab: the diagram must be drawn by the
canvas's own painter (DESIGN.md principle 4), and the painter draws on a QPainter; on a
QPdfWriter that gives vectors and real, searchable text with no conversion step. QTextDocument
does the rest of what a printed document needs and is kept by Qt itself: paragraphs and real
tables whose header row repeats on every page they run over, fonts embedded with their Unicode
maps (text can be searched and copied), and text inserted as text, never parsed as markup or TeX
(a name with `$` prints as typed). Charts stay matplotlib's, passed as SVG and drawn by QtSvg,
so they are vectors too. No new dependency.

The content is the blocks of ``reports.report`` (the HTML and Markdown reports say the same
things in the same order), after a title block; every page has the same size (A4, or Letter
where the locale measures in US units), a footer with the page number, and no heading stranded
at the foot of a page.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.export.images import ensure_gui_application
from desktop_app.model.text import BREAKS, clean_lines, one_line
from desktop_app.reports.report import (
    Bullets, Chart, Heading, Para, ReportData, Table, build_blocks, report_title,
)


PX = 96 / 72                # points to the 96-dpi pixels of text format lengths
OBJECT_TYPE = 0x1000 + 17   # QTextFormat.UserObject + n: our inline pictures
PICTURE_KEY = 0x100000 + 1  # QTextFormat.UserProperty + n: which picture
BODY_PT = 9.5
MARGIN_MM = 18.0


def page_size_id():
    """A4, or Letter where the locale measures in US units."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    if QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize.PageSizeId.Letter
    return QPageSize.PageSizeId.A4


def write_pdf_report(data: ReportData, path: str | Path, *, page_size=None) -> Path:
    """Write the report to ``path``; callers write into ``files.written_beside``'s folder, so a
    failure never leaves a truncated PDF under the real name."""
    path = Path(path)
    _write(data, path, page_size or page_size_id())
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"{path}: the PDF could not be written")
    return path


# ---- pictures inside the text ----------------------------------------------------------------

def _picture_handler_class():
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QPyTextObject

    class Pictures(QPyTextObject):
        """Draws the inline pictures of the document: the diagram with the canvas's painter,
        charts from their SVG; both as vectors on the PDF."""

        def __init__(self, parent, pictures: dict[int, tuple], width: float, height: float):
            super().__init__(parent)
            self.pictures = pictures   # key -> ("diagram", lc, markers, w, h) | ("svg", renderer, w, h)
            self.width = width
            self.height = height

        def _size(self, key: int) -> QSizeF:
            w, h = self.pictures[key][-2:]
            scale = min(self.width / w, self.height / h)
            return QSizeF(w * scale, h * scale)

        def intrinsicSize(self, doc, pos, fmt):  # noqa: N802 - Qt's name
            return self._size(int(fmt.property(PICTURE_KEY)))

        def drawObject(self, painter, rect, doc, pos, fmt):  # noqa: N802 - Qt's name
            picture = self.pictures[int(fmt.property(PICTURE_KEY))]
            target = QRectF(rect)
            if picture[0] == "diagram":
                from desktop_app.export.painter import render_lifecycle
                from desktop_app.export.palette import theme

                render_lifecycle(painter, picture[1], theme(False), target, picture[2],
                                 background=False)
            else:
                picture[1].render(painter, target)

    return Pictures


# ---- the document ----------------------------------------------------------------------------

def _write(data: ReportData, out: Path, page_id) -> None:
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QBrush, QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextBlockFormat,
        QTextCharFormat, QTextCursor, QTextDocument, QTextFrameFormat, QTextLength,
        QTextListFormat, QTextTableFormat,
    )

    writer = QPdfWriter(str(out))
    writer.setResolution(600)
    writer.setPageSize(QPageSize(page_id))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM + 4),
                          QPageLayout.Unit.Millimeter)
    title = report_title(data)
    writer.setTitle(one_line(title, 250))
    writer.setCreator("Lifecycle Studio")

    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(page.width()), float(page.height())
    dpi = writer.resolution()
    # lengths in text formats (margins, padding, borders) are in 96-dpi pixels, which Qt scales
    # to the device; these factors turn points into them

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setPageSize(QSizeF(width, height))
    doc.setDocumentMargin(0)
    body = QFont("DejaVu Sans")
    body.setStyleHint(QFont.StyleHint.SansSerif)
    body.setPointSizeF(BODY_PT)
    doc.setDefaultFont(body)

    pictures: dict[int, tuple] = {}
    handler = _picture_handler_class()(doc, pictures, width, height * 0.8)
    doc.documentLayout().registerHandler(OBJECT_TYPE, handler)

    cursor = QTextCursor(doc)
    # one edit block for the whole build: the layout runs once at its end, not per insertion
    # (per insertion it re-paginates, minutes for a 200-stage table)
    cursor.beginEditBlock()
    ink = QColor("#1F1F1F")
    subtle = QColor("#5A5A5A")

    def char(pt: float = BODY_PT, bold: bool = False, italic: bool = False,
             color: QColor = ink) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setFontFamilies([body.family(), "sans-serif"])
        f.setFontPointSize(pt)
        f.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        f.setFontItalic(italic)
        f.setForeground(QBrush(color))
        return f

    def block(top: float = 0, bottom: float = 4, heading: int = 0,
              align=Qt.AlignmentFlag.AlignLeft) -> QTextBlockFormat:
        f = QTextBlockFormat()
        f.setTopMargin(top * PX)
        f.setBottomMargin(bottom * PX)
        f.setAlignment(align)
        if heading:
            f.setHeadingLevel(heading)
        return f

    first = [True]   # the current block is empty and unused: the next block goes into it
    headings: list[int] = []   # block numbers of headings, to keep each with what follows

    def new_block(fmt: QTextBlockFormat, cf: QTextCharFormat) -> None:
        if first[0]:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(cf)
            first[0] = False
        else:
            cursor.insertBlock(fmt, cf)

    def text(value: str, cf: QTextCharFormat) -> None:
        # inserted as text, so nothing in a name is read as markup; line breaks stay breaks
        for k, line in enumerate(clean_lines(value)):
            if k:
                cursor.insertText("\u2028", cf)
            cursor.insertText(line, cf)

    def table(headers: list[str], rows: list[list[str]], widths: list[float] | None = None,
              header_row: bool = True) -> None:
        tf = QTextTableFormat()
        tf.setHeaderRowCount(1 if header_row else 0)
        tf.setBorder(0.75 * PX)
        tf.setBorderCollapse(True)
        tf.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        tf.setBorderBrush(QBrush(QColor("#B8B8B8")))
        tf.setCellPadding(3 * PX)
        tf.setCellSpacing(0)
        tf.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        tf.setBottomMargin(8 * PX)
        if widths is None:
            # room by content, measured: no column narrower than its longest word (words are not
            # cut; the header's in bold), the rest shared by how much text each column holds
            fm_bold = QFontMetricsF(char(BODY_PT - 0.5, bold=True).font(), writer)
            fm = QFontMetricsF(char(BODY_PT - 0.5).font(), writer)
            pad = 2 * 3 * PX * dpi / 96 + 2 * dpi / 72
            least, wants = [], []
            for c, h in enumerate(headers):
                words = [fm_bold.horizontalAdvance(w) for w in h.split()] + [
                    fm.horizontalAdvance(w) for r in rows for w in r[c].split()]
                least.append(min(max(words, default=0) + pad, width * 0.3))
                mean = sum(fm.horizontalAdvance(r[c]) for r in rows) / max(1, len(rows))
                wants.append(max(least[-1], min(mean + pad, width * 0.45)))
            if sum(wants) <= width:
                # everything fits: each column as wide as it wants, the slack shared out
                widths = [100 * w / sum(wants) for w in wants]
            else:
                # each column its longest word, what is left by how much more each wants
                spare = max(0.0, width - sum(least))
                extra = [w - m for w, m in zip(wants, least)]
                share = sum(extra) or 1.0
                widths = [100 * (m + spare * e / share) / width for m, e in zip(least, extra)]
        tf.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w)
                                      for w in widths])
        all_rows = ([headers] if header_row else []) + rows
        t = cursor.insertTable(len(all_rows), len(headers), tf)
        for r, cells in enumerate(all_rows):
            is_header = header_row and r == 0
            for c, value in enumerate(cells):
                cell = t.cellAt(r, c)
                if is_header:
                    fmt = cell.format()
                    fmt.setBackground(QBrush(QColor("#EFEFEF")))
                    cell.setFormat(fmt)
                cc = cell.firstCursorPosition()
                cc.setBlockFormat(block(0, 0))
                cf = char(BODY_PT - 0.5, bold=is_header or (not header_row and c == 0))
                for k, line in enumerate(clean_lines(value)):
                    if k:
                        cc.insertText("\u2028", cf)
                    cc.insertText(line, cf)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        first[0] = True   # the empty block Qt leaves after a table takes what comes next

    def picture(key: int) -> None:
        new_block(block(4, 2, align=Qt.AlignmentFlag.AlignHCenter), char())
        cf = QTextCharFormat()
        cf.setObjectType(OBJECT_TYPE)
        cf.setProperty(PICTURE_KEY, key)
        cursor.insertText("\ufffc", cf)

    # ---- the title block
    blocks = build_blocks(data)
    lc = data.lifecycle
    new_block(block(0, 6, heading=1), char(18, bold=True))
    headings.append(cursor.block().blockNumber())
    text(title, char(18, bold=True))
    if data.since_label:
        compared = f"snapshot {data.since_label} with " + (
            f"snapshot {data.until_label}" if data.until_label else "the lifecycle as it is now")
    else:
        compared = "no snapshot chosen"
    table(["", ""], [["Lifecycle", lc.name], ["Paradigm", lc.paradigm],
                     ["Report date", data.today.isoformat()], ["Compared", compared]],
          widths=[22, 78], header_row=False)

    # ---- the blocks, in the order of every report
    svg_charts = []
    for b in blocks[1:]:          # the first is the title, already written
        if isinstance(b, Heading):
            size = {1: 18, 2: 14, 3: 11.5}.get(b.level, 11)
            new_block(block(14 if b.level <= 2 else 9, 4, heading=b.level), char(size, bold=True))
            headings.append(cursor.block().blockNumber())
            text(b.text, char(size, bold=True))
        elif isinstance(b, Para):
            for para in BREAKS.sub("\n", b.text).split("\n\n"):
                new_block(block(0, 5), char())
                text(para, char())
        elif isinstance(b, Bullets):
            new_block(block(0, 0), char())
            lf = QTextListFormat()
            lf.setStyle(QTextListFormat.Style.ListDisc)
            lf.setIndent(1)
            cursor.createList(lf)
            for k, item in enumerate(b.items):
                if k:
                    cursor.insertBlock()     # the same format: still in the list
                text(item, char())
            new_block(block(0, 2), char())   # a fresh format: out of the list
        elif isinstance(b, Table):
            table(b.headers, b.rows)
        elif isinstance(b, Chart):
            key = len(pictures) + 1
            if b.name == "diagram":
                from desktop_app.export.painter import lifecycle_bounds, worst_markers

                bounds = lifecycle_bounds(lc)
                pictures[key] = ("diagram", lc, worst_markers(data.result.findings),
                                 bounds.width(), bounds.height())
            else:
                renderer, w, h = _svg_chart(b)
                svg_charts.append(renderer)
                pictures[key] = ("svg", renderer, w, h)
            picture(key)
            new_block(block(2, 8, align=Qt.AlignmentFlag.AlignHCenter), char(8.5, italic=True, color=subtle))
            text(b.title, char(8.5, italic=True, color=subtle))

    cursor.endEditBlock()
    _keep_headings_with_next(doc, headings, height)

    # ---- pages
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{out}: cannot write the PDF")
    try:
        pages = doc.pageCount()
        footer_font = QFont(body)
        footer_font.setPointSizeF(8)
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * height)
            doc.drawContents(painter, QRectF(0, n * height, width, height))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(subtle)
            line = height + 6 * dpi / 72
            painter.drawText(QRectF(0, line, width * 0.75, 14 * dpi / 72),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                             one_line(title, 90))
            painter.drawText(QRectF(width * 0.75, line, width * 0.25, 14 * dpi / 72),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                             f"Page {n + 1} of {pages}")
    finally:
        painter.end()
    del svg_charts


def _keep_headings_with_next(doc, headings: list[int], page_height: float) -> None:
    """A heading at the foot of a page, its section starting on the next, moves to that page
    (QTextDocument has no keep-with-next); relaid out until nothing moves."""
    from PySide6.QtGui import QTextFormat

    layout = doc.documentLayout()
    for _ in range(8):
        moved = False
        for number in headings:
            heading = doc.findBlockByNumber(number)
            after = heading.next()
            if not after.isValid():
                continue
            top = layout.blockBoundingRect(heading).top()
            # the next block's first line: for a table cell or a picture, its own rectangle
            nxt = layout.blockBoundingRect(after)
            if nxt.height() == 0:
                continue
            first_line_bottom = nxt.top() + min(nxt.height(), page_height * 0.08)
            if int(top // page_height) != int(first_line_bottom // page_height):
                fmt = heading.blockFormat()
                if fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                    continue
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                from PySide6.QtGui import QTextCursor

                c = QTextCursor(heading)
                c.setBlockFormat(fmt)
                moved = True
        if not moved:
            return


def _svg_chart(chart: Chart):
    """A chart as an SVG renderer (vectors, text as text) and its size in points."""
    import matplotlib
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    from desktop_app.reports.charts import TEXT_RC, render

    with matplotlib.rc_context(TEXT_RC):
        figure = chart.figure()
        w_in, h_in = figure.get_size_inches()
        svg = render(figure, "svg")
    renderer = QSvgRenderer(QByteArray(svg))
    return renderer, float(w_in * 72), float(h_in * 72)
