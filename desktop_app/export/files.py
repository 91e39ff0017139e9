"""Writing a lifecycle or a retrospective to a file, by the ending of its name: the one entry
point that the command line (`export`, `report`) and the app's File menu share."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.interchange.files import sync_folder, target_problem
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


def written_beside(out: Path, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Call ``write`` with a path of ``out``'s name in a new hidden folder beside ``out``, then
    move what it wrote into place, each file by one rename; returns the files in place.

    Every export and report goes through here, so: the target is looked at before anything is
    drawn (a folder, a named pipe or a missing folder is refused in one line, not after
    hundreds of lines of a painter failing); a failed or interrupted write leaves the old file
    as it was and no part of the new one; the temporary folder is removed whatever happens.
    OSError, naming ``out``, when the file cannot be written."""
    out = Path(out)
    problem = target_problem(out)
    if problem is not None:
        raise OSError(None, problem, str(out))
    # a symlink to a file: write the file it points to, as open(out, "w") would
    final = Path(os.path.realpath(out)) if out.is_symlink() and out.exists() else out
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent))
    except OSError as exc:
        raise OSError(exc.errno, f"cannot create a file in {str(final.parent)!r}: {exc.strerror}",
                      str(out)) from None
    try:
        written = write(work / final.name)
        placed: list[Path] = []
        # what the named file links to (a Markdown report's images) first, the file itself
        # last: once it is in place, all it refers to is too
        for path in sorted(written, key=lambda p: p == work / final.name):
            dest = final.parent / path.relative_to(work)
            dest.parent.mkdir(exist_ok=True)
            os.replace(path, dest)
            placed.append(dest)
        sync_folder(final.parent)
        order = {p.relative_to(work): i for i, p in enumerate(written)}
        return sorted(placed, key=lambda p: order[p.relative_to(final.parent)])
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(out)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_export(doc: Lifecycle, out: Path, *, markers: bool = True, transparent: bool = False,
                 scale: float | None = None, notes: list[str] | None = None) -> Path:
    """Write ``doc`` in the format ``out``'s ending names (ValueError for an unknown one);
    OSError naming ``out`` when it cannot be written, and then nothing was. The options (the
    app's export dialog) apply to pictures and slides: ``markers`` draws the findings' marks on
    the stages; ``transparent`` and ``scale`` (pixels per scene unit) are for a PNG. What the
    user should know about the file (a PNG's scale lowered to fit) is added to ``notes``."""
    suffix = export_suffix(out)
    if suffix is None:
        raise ValueError(f"{out}: cannot write this kind of file; use one of {', '.join(EXPORT_SUFFIXES)}")
    options = {"markers": markers, "transparent": transparent, "scale": scale, "notes": notes}
    written_beside(Path(out), lambda path: [_write_format(doc, path, suffix, **options)])
    return out


def _write_format(doc: Lifecycle, out: Path, suffix: str, *, markers: bool = True,
                  transparent: bool = False, scale: float | None = None,
                  notes: list[str] | None = None) -> Path:
    if suffix == ".lifecycle.json":
        from desktop_app.interchange import write_document

        write_document(doc, out)
    elif suffix in (".mmd", ".dot", ".graphml", ".drawio"):
        from desktop_app.interchange import drawio_writer, graph_formats

        writer = {".mmd": graph_formats.mermaid, ".dot": graph_formats.dot,
                  ".graphml": graph_formats.graphml, ".drawio": drawio_writer.drawio}[suffix]
        out.write_text(writer(doc), encoding="utf-8")
    else:
        from desktop_app.checks import check_lifecycle
        from desktop_app.export.painter import worst_markers

        marks = worst_markers(check_lifecycle(doc).findings) if markers else {}
        if suffix == ".pptx":
            from desktop_app.export.slides import write_slides

            write_slides(doc, out, markers=marks)
        else:
            from desktop_app.export.images import PNG_SCALE, write_image

            write_image(doc, out, markers=marks, transparent=transparent and suffix == ".png",
                        scale=scale or PNG_SCALE, notes=notes)
    return out


def canvas_diagram(data, suffix: str = ".png") -> bytes | None:
    """The report's diagram drawn by the canvas's own painter (DESIGN.md principle 4), with the
    markers of today's findings; None where Qt cannot draw, and the report draws its own."""
    try:
        from desktop_app.export.images import write_image
        from desktop_app.export.painter import worst_markers

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"diagram{suffix}"
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
    problem = target_problem(out)  # before the diagram is drawn
    if problem is not None:
        raise OSError(None, problem, str(out))
    if suffix == ".pptx":
        from desktop_app.export.deck import write_deck

        return written_beside(Path(out), lambda path: [write_deck(data, path)])
    if suffix == ".pdf":
        from desktop_app.export.report_pdf import write_pdf_report

        return written_beside(Path(out), lambda path: [write_pdf_report(data, path)])
    if data.diagram_png is None:   # the PDF and the deck draw the diagram themselves
        data.diagram_png = canvas_diagram(data)
    if suffix == ".html" and data.diagram_svg is None:
        data.diagram_svg = canvas_diagram(data, ".svg")
    from desktop_app.reports.report import write_report

    return written_beside(Path(out), lambda path: write_report(data, path))
