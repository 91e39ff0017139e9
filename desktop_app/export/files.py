"""Writing a lifecycle or a retrospective to a file, by the ending of its name: the one entry
point that the command line (`export`, `report`) and the app's File menu share."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop_app.model.document import Lifecycle

EXPORT_SUFFIXES = (".lifecycle.json", ".png", ".svg", ".pdf", ".pptx", ".mmd", ".dot", ".graphml", ".drawio")
REPORT_SUFFIXES = (".md", ".html", ".pdf", ".pptx")

# for file dialogs: (label, pattern)
EXPORT_FILTERS = (
    ("PNG image", "*.png"), ("SVG drawing", "*.svg"), ("PDF document", "*.pdf"),
    ("PowerPoint slide", "*.pptx"), ("Lifecycle document", "*.lifecycle.json"),
    ("GraphML", "*.graphml"), ("Mermaid", "*.mmd"), ("Graphviz DOT", "*.dot"),
    ("draw.io diagram", "*.drawio"),
)
REPORT_FILTERS = (
    ("HTML, one file to mail", "*.html"), ("PDF document", "*.pdf"),
    ("PowerPoint deck", "*.pptx"), ("Markdown", "*.md"),
)


def export_suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in EXPORT_SUFFIXES if name.endswith(s)), None)


def write_export(doc: Lifecycle, out: Path) -> Path:
    """Write ``doc`` in the format ``out``'s ending names (ValueError for an unknown one)."""
    suffix = export_suffix(out)
    if suffix is None:
        raise ValueError(f"{out}: cannot write this kind of file; use one of {', '.join(EXPORT_SUFFIXES)}")
    if suffix == ".lifecycle.json":
        from desktop_app.interchange import write_document

        write_document(doc, out)
    elif suffix in (".mmd", ".dot", ".graphml", ".drawio"):
        from desktop_app.interchange import drawio_writer, graph_formats

        writer = {".mmd": graph_formats.mermaid, ".dot": graph_formats.dot,
                  ".graphml": graph_formats.graphml, ".drawio": drawio_writer.drawio}[suffix]
        tmp = out.with_name(f".{out.name}.part")
        tmp.write_text(writer(doc), encoding="utf-8")
        tmp.replace(out)
    else:
        from desktop_app.checks import check_lifecycle
        from desktop_app.export.painter import worst_markers

        markers = worst_markers(check_lifecycle(doc).findings)
        if suffix == ".pptx":
            from desktop_app.export.slides import write_slides

            write_slides(doc, out, markers=markers)
        else:
            from desktop_app.export.images import write_image

            write_image(doc, out, markers=markers)
    return out


def canvas_diagram(data) -> bytes | None:
    """The report's diagram drawn by the canvas's own painter (DESIGN.md principle 4), with the
    markers of today's findings; None where Qt cannot draw, and the report draws its own."""
    try:
        from desktop_app.export.images import write_image
        from desktop_app.export.painter import worst_markers

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "diagram.png"
            write_image(data.lifecycle, path, markers=worst_markers(data.result.findings))
            return path.read_bytes()
    except (ImportError, OSError, RuntimeError):
        return None


def write_retrospective(data, out: Path) -> list[Path]:
    """Write a report (``reports.report.ReportData``) as .md, .html, .pdf or a .pptx deck;
    returns the files written."""
    suffix = out.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ValueError(f"{out}: a report is written as {', '.join(REPORT_SUFFIXES)}")
    if data.diagram_png is None:
        data.diagram_png = canvas_diagram(data)
    if suffix == ".pptx":
        from desktop_app.export.deck import write_deck

        return [write_deck(data, out)]
    from desktop_app.reports.report import write_report

    return write_report(data, out)
