"""The diagram as PNG, SVG or PDF, drawn by the canvas's own painter (DESIGN.md principle 4)."""

from __future__ import annotations

import math
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app.model.document import Lifecycle

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
PNG_SCALE = 2.0  # device pixels per scene unit: sharp on a slide or a high-DPI screen
# A PNG's size at most: a 5,000-stage diagram at full scale would be 31,000 x 20,000 px, more
# than any slide, mail or viewer wants; above either cap the scale is lowered to fit (and said
# so). 16 million pixels keep the names of 2,000 stages readable (6 px and more) and the file
# small: 10 to 15 MB even for 5,000 stages, whose names are then left out (SVG and PDF carry
# them).
MAX_PNG_SIDE = 8000
MAX_PNG_PIXELS = 16_000_000
# The picture is painted and compressed in horizontal bands of about this many bytes, so memory
# does not grow with the picture (a whole 16-million-pixel image would be 64 MB, and Qt's PNG
# writer another copy of it).
BAND_BYTES = 8 << 20
CONVERT_ROWS = 64   # rows turned into PNG's byte order at a time (about 1 MB, not a band's copy)
# zlib level 2 with no row filter: 4 times faster than Qt's PNG writer (libpng's adaptive
# filters, level 6) and a smaller file, because a diagram is mostly runs of one colour.
PNG_COMPRESSION = 2


@dataclass(frozen=True)
class PngSize:
    scale: float            # pixels per scene unit
    width: int
    height: int
    note: str | None        # said when the scale is lower than asked

# the largest width or height an SVG's size attribute says (Qt's QSize holds a 32-bit int)
_SVG_SIDE_MAX = 2**31 - 1


def png_size(bounds, scale: float = PNG_SCALE) -> PngSize:
    """The pixels a PNG of a diagram with scene ``bounds`` (a QRectF) gets at ``scale``, within
    MAX_PNG_SIDE and MAX_PNG_PIXELS, and a one-line note when the scale had to be lowered."""
    from desktop_app.export.painter import LOD_TEXT

    w, h = bounds.width(), bounds.height()
    fitted = min(scale, MAX_PNG_SIDE / max(w, h), math.sqrt(MAX_PNG_PIXELS / (w * h)))
    if fitted >= scale:
        return PngSize(scale, max(1, round(w * scale)), max(1, round(h * scale)), None)
    # rounded down: within the caps to the pixel
    width, height = max(1, math.floor(w * fitted + 1e-6)), max(1, math.floor(h * fitted + 1e-6))
    note = (f"the picture is {width:,} × {height:,} px at {96 * fitted:.0f} dpi instead of "
            f"{96 * scale:.0f} dpi: a PNG is kept to {MAX_PNG_PIXELS / 1e6:.0f} million pixels "
            f"and {MAX_PNG_SIDE:,} px a side")
    if fitted < LOD_TEXT:
        note += ", too small for the stages' names, which are left out"
    return PngSize(fitted, width, height, note + " (export SVG or PDF for every detail)")


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
                dark: bool = False, transparent: bool = False, scale: float = PNG_SCALE,
                notes: list[str] | None = None) -> Path:
    """Write the whole lifecycle to ``path``; the suffix picks the format. For a PNG, ``scale`` is
    pixels per scene unit and ``transparent`` leaves the background clear (for a slide of another
    colour); when the size caps lower the scale, the note saying so is added to ``notes``.
    Callers write into ``files.written_beside``'s folder, so a failed export never leaves half a
    picture under the real name."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise ValueError(f"{path}: not an image format ({', '.join(IMAGE_SUFFIXES)})")
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgGenerator

    from desktop_app.export.painter import lifecycle_drawing, render_lifecycle
    from desktop_app.model.text import one_line
    from desktop_app.export.palette import theme

    th = theme(dark)
    drawing = lifecycle_drawing(lc)   # routed once: the slow part of a big diagram
    bounds = drawing.bounds
    painter = QPainter()
    if suffix == ".png":
        size = png_size(bounds, scale)
        if size.note and notes is not None:
            notes.append(size.note)
        try:
            _write_png(path, lc, drawing, th, markers, transparent, size)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        ok = True
    elif suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        # the size attribute is an int: a stage placed absurdly far (a workspace is untrusted
        # input; coordinates up to 1.8e308 are valid) overflowed it; the viewBox keeps the extent
        generator.setSize(QSize(min(round(bounds.width()), _SVG_SIDE_MAX),
                                min(round(bounds.height()), _SVG_SIDE_MAX)))
        generator.setViewBox(QRectF(0, 0, bounds.width(), bounds.height()))
        generator.setTitle(one_line(lc.name, None))
        generator.setDescription(f"{one_line(lc.name, None)}: lifecycle diagram drawn by Lifecycle Studio")
        painter.begin(generator)
        render_lifecycle(painter, lc, th, QRectF(0, 0, bounds.width(), bounds.height()), markers,
                         drawing=drawing)
        ok = painter.end()
        if ok and path.exists():
            _fix_svg_fonts(path)
    else:
        writer = QPdfWriter(str(path))
        writer.setTitle(one_line(lc.name, None))
        writer.setCreator("Lifecycle Studio")
        # one page the shape of the diagram, in points (1 scene unit = 1 pt)
        writer.setPageSize(QPageSize(QSizeF(bounds.width(), bounds.height()), QPageSize.Unit.Point,
                                     lc.name, QPageSize.SizeMatchPolicy.ExactMatch))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        writer.setResolution(72)
        painter.begin(writer)
        page = QRectF(0, 0, writer.width(), writer.height())
        render_lifecycle(painter, lc, th, page, markers, drawing=drawing)
        ok = painter.end()
    if not ok or not path.exists():
        path.unlink(missing_ok=True)
        raise OSError(f"{path}: the image could not be written")
    return path


def _png_chunk(out, kind: bytes, data: bytes) -> None:
    out.write(struct.pack(">I", len(data)) + kind)
    out.write(data)
    out.write(struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))


def _write_png(path: Path, lc: Lifecycle, drawing, th, markers: dict[str, str] | None,
               transparent: bool, size: PngSize) -> None:
    """Paint the picture band by band, writing each band's rows into one PNG stream as it goes.

    The painter draws on an image of the whole picture, clipped to one band at a time: Qt lays
    out a dashed line's pattern against the device, so bands that were images of their own
    would break the feedback edges' dashes at every seam. The image lives in an anonymous
    memory map, untouched pages cost nothing, and a band's pages are given back once written,
    so memory stays near one band whatever the picture's size (see BAND_BYTES)."""
    import mmap

    from PySide6.QtCore import QRect, QRectF
    from PySide6.QtGui import QImage, QPainter

    from desktop_app.export.painter import render_lifecycle

    w, h = size.width, size.height
    stride = 4 * w
    rows = max(1, min(h, BAND_BYTES // stride))
    memory = mmap.mmap(-1, stride * h)    # zero-filled: transparent until painted
    release = getattr(mmap, "MADV_DONTNEED", None) if hasattr(memory, "madvise") else None
    released = 0
    view = memoryview(memory)
    image = QImage(view, w, h, stride, QImage.Format.Format_ARGB32_Premultiplied)
    # 8-bit RGB, or RGBA (not premultiplied, as PNG wants) when the background stays clear
    out_format = QImage.Format.Format_RGBA8888 if transparent else QImage.Format.Format_RGB888
    row_bytes = w * (4 if transparent else 3)
    target = QRectF(0, 0, w, h)
    per_metre = round(96 * size.scale / 0.0254)
    painter = QPainter()
    try:
        with open(path, "wb") as out:
            out.write(b"\x89PNG\r\n\x1a\n")
            _png_chunk(out, b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6 if transparent else 2, 0, 0, 0))
            _png_chunk(out, b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            packer = zlib.compressobj(PNG_COMPRESSION)
            pending: list[bytes] = []
            pending_size = 0
            for top in range(0, h, rows):
                n = min(rows, h - top)
                painter.begin(image)
                painter.setClipRect(QRect(0, top, w, n))
                render_lifecycle(painter, lc, th, target, markers, background=not transparent,
                                 drawing=drawing, only_visible=True)
                painter.end()
                for first in range(top, top + n, CONVERT_ROWS):   # a few rows at a time: no
                    k = min(CONVERT_ROWS, top + n - first)        # copy of the whole band
                    rgb = QImage(view[first * stride:(first + k) * stride], w, k, stride,
                                 QImage.Format.Format_ARGB32_Premultiplied).convertToFormat(out_format)
                    bits, rgb_stride = rgb.constBits(), rgb.bytesPerLine()
                    for y in range(k):
                        # each row: filter type 0 (none), then its pixels
                        packed = packer.compress(b"\x00") + packer.compress(
                            bits[y * rgb_stride:y * rgb_stride + row_bytes])
                        if packed:
                            pending.append(packed)
                            pending_size += len(packed)
                    del bits, rgb
                if pending_size >= 1 << 20:
                    _png_chunk(out, b"IDAT", b"".join(pending))
                    pending, pending_size = [], 0
                if release is not None:   # the band's whole pages, written: give them back
                    end = (top + n) * stride // mmap.PAGESIZE * mmap.PAGESIZE
                    if end > released:
                        memory.madvise(release, released, end - released)
                        released = end
            pending.append(packer.flush())
            _png_chunk(out, b"IDAT", b"".join(pending))
            _png_chunk(out, b"IEND", b"")
    finally:
        if painter.isActive():   # a failure mid-band: the image must not die being painted
            painter.end()
        del image
        view.release()
        memory.close()
