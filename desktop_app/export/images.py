"""The diagram as PNG, SVG or PDF, drawn by the canvas's own painter (DESIGN.md principle 4)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.model.document import Lifecycle

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
PNG_SCALE = 2.0  # device pixels per scene unit: sharp on a slide or a high-DPI screen
MAX_PNG_SIDE = 16000  # QImage's practical limit; larger diagrams are scaled down to fit


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
    """Write the whole lifecycle to ``path``; the suffix picks the format. Written to a temporary
    file first, so a failed export never leaves half a picture under the real name. For a PNG,
    ``scale`` is pixels per scene unit and ``transparent`` leaves the background clear (for a
    slide of another colour)."""
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
    tmp = path.with_name(f".{path.name}.part")
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
        ok = image.save(str(tmp), "PNG")
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(QSize(round(bounds.width()), round(bounds.height())))
        generator.setViewBox(QRectF(0, 0, bounds.width(), bounds.height()))
        generator.setTitle(lc.name)
        generator.setDescription(f"{lc.name}: lifecycle diagram drawn by Lifecycle Studio")
        painter.begin(generator)
        render_lifecycle(painter, lc, th, QRectF(0, 0, bounds.width(), bounds.height()), markers)
        ok = painter.end()
    else:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(lc.name)
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
    if not ok or not tmp.exists():
        tmp.unlink(missing_ok=True)
        raise OSError(f"{path}: the image could not be written")
    tmp.replace(path)
    return path
