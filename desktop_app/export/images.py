"""The diagram as PNG, SVG or PDF, drawn by the canvas's own painter (DESIGN.md principle 4)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.model.document import Lifecycle

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
PNG_SCALE = 2.0  # device pixels per scene unit: sharp on a slide or a high-DPI screen
# A PNG's long side at most: a 5,000-stage diagram at full scale would be 16,000 px and 150 MB,
# more than any slide, mail or viewer wants; above it the scale is lowered to fit (and said so)
MAX_PNG_SIDE = 8000


def png_scale(lc: Lifecycle, scale: float = PNG_SCALE) -> tuple[float, str | None]:
    """The pixels per scene unit a PNG of ``lc`` gets, and a one-line note when that is less
    than asked because of the size cap."""
    ensure_gui_application()
    from desktop_app.export.painter import lifecycle_bounds

    bounds = lifecycle_bounds(lc)
    fitted = min(scale, MAX_PNG_SIDE / max(bounds.width(), bounds.height()))
    if fitted >= scale:
        return scale, None
    w, h = round(bounds.width() * fitted), round(bounds.height() * fitted)
    return fitted, (f"the picture is {w:,} × {h:,} px at {96 * fitted:.0f} dpi instead of "
                    f"{96 * scale:.0f} dpi: a PNG is kept under {MAX_PNG_SIDE:,} px on its long "
                    f"side (export SVG or PDF for every detail)")


def css_font_family(font) -> str:
    """A CSS font-family list for SVG text: the family the text was measured with, then the
    common sans fonts and the generic family, so a browser never falls back to a serif."""
    from PySide6.QtGui import QFontInfo

    family = QFontInfo(font).family().replace("'", "")
    names = [f"'{family}'" if " " in family else family] if family else []
    names += [n for n in ("'DejaVu Sans'", "Arial", "Helvetica", "sans-serif") if n.strip("'") != family]
    return ", ".join(names)


def _fix_svg_fonts(path: Path) -> None:
    """QSvgGenerator writes the font's family as Qt names it (often "Sans Serif", which no
    browser knows, so every label fell back to a serif font): use a real CSS list."""
    import re

    from desktop_app.export.painter import name_font

    text = path.read_text(encoding="utf-8")
    family = css_font_family(name_font())
    path.write_text(re.sub(r'font-family="[^"]*"', f'font-family="{family}"', text), encoding="utf-8")


def ensure_gui_application():
    """An application object for headless drawing (the command line has none). A QApplication,
    not a bare QGuiApplication: a process holds one for good, and the editor, in the same
    process (a test run, a script), needs the widgets' kind."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def write_image(lc: Lifecycle, path: str | Path, *, markers: dict[str, str] | None = None,
                dark: bool = False, transparent: bool = False, scale: float = PNG_SCALE) -> Path:
    """Write the whole lifecycle to ``path``; the suffix picks the format. For a PNG, ``scale`` is
    pixels per scene unit and ``transparent`` leaves the background clear (for a slide of another
    colour). Callers write into ``files.written_beside``'s folder, so a failed export never
    leaves half a picture under the real name."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise ValueError(f"{path}: not an image format ({', '.join(IMAGE_SUFFIXES)})")
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgGenerator

    from desktop_app.export.painter import lifecycle_bounds, render_lifecycle
    from desktop_app.export.palette import theme

    th = theme(dark)
    bounds = lifecycle_bounds(lc)
    painter = QPainter()
    if suffix == ".png":
        scale = min(scale, MAX_PNG_SIDE / max(bounds.width(), bounds.height()))
        size = QSize(max(1, round(bounds.width() * scale)), max(1, round(bounds.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDotsPerMeterX(round(96 * scale / 0.0254))
        image.setDotsPerMeterY(round(96 * scale / 0.0254))
        image.fill(0)   # transparent until painted (a new QImage holds whatever memory held)
        painter.begin(image)
        render_lifecycle(painter, lc, th, QRectF(0, 0, size.width(), size.height()), markers,
                         background=not transparent)
        painter.end()
        ok = image.save(str(path), "PNG")
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(round(bounds.width()), round(bounds.height())))
        generator.setViewBox(QRectF(0, 0, bounds.width(), bounds.height()))
        from desktop_app.export.painter import one_line

        generator.setTitle(one_line(lc.name))
        generator.setDescription(f"{one_line(lc.name)}: lifecycle diagram drawn by Lifecycle Studio")
        painter.begin(generator)
        render_lifecycle(painter, lc, th, QRectF(0, 0, bounds.width(), bounds.height()), markers)
        ok = painter.end()
        if ok and path.exists():
            _fix_svg_fonts(path)
    else:
        writer = QPdfWriter(str(path))
        from desktop_app.export.painter import one_line

        writer.setTitle(one_line(lc.name))
        writer.setCreator("Lifecycle Studio")
        # one page the shape of the diagram, in points (1 scene unit = 1 pt)
        writer.setPageSize(QPageSize(QSizeF(bounds.width(), bounds.height()), QPageSize.Unit.Point,
                                     lc.name, QPageSize.SizeMatchPolicy.ExactMatch))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        writer.setResolution(72)
        painter.begin(writer)
        page = QRectF(0, 0, writer.width(), writer.height())
        render_lifecycle(painter, lc, th, page, markers)
        ok = painter.end()
    if not ok or not path.exists():
        path.unlink(missing_ok=True)
        raise OSError(f"{path}: the image could not be written")
    return path
