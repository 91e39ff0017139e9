"""Icons drawn by the shared painter, so the palette and findings match the canvas (high-DPI)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap

from desktop_app.export import painter
from desktop_app.ui.theme import current_theme, is_dark


def _pixmap(size: int) -> QPixmap:
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if app is not None else 1.0
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    return pm


def kind_icon(kind: str, dark: bool | None = None, size: int = 32) -> QIcon:
    """``dark`` None: the theme shown now (resolved before the cache, so a theme change shows)."""
    return _kind_icon(kind, is_dark() if dark is None else dark, size)


@lru_cache(maxsize=None)
def _kind_icon(kind: str, dark: bool, size: int) -> QIcon:
    th = current_theme(dark)
    pm = _pixmap(size)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(th.kind_border[kind]))
    p.setBrush(QColor(th.kind_fill[kind]))
    p.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 6, 6)
    painter.paint_kind_icon(p, QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6), kind,
                            th.kind_accent[kind])
    p.end()
    return QIcon(pm)


def severity_icon(severity: str, dark: bool | None = None, size: int = 16) -> QIcon:
    return _severity_icon(severity, is_dark() if dark is None else dark, size)


@lru_cache(maxsize=None)
def _severity_icon(severity: str, dark: bool, size: int) -> QIcon:
    th = current_theme(dark)
    pm = _pixmap(size)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.paint_severity_marker(p, QPointF(size / 2, size / 2 + (0.5 if severity == "warning" else 0)),
                                  severity, th, radius=size * 0.40)
    p.end()
    return QIcon(pm)


@lru_cache(maxsize=None)
def suppressed_icon(size: int = 16) -> QIcon:
    pm = _pixmap(size)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("#8A8A8A"))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(size / 2, size / 2), size * 0.36, size * 0.36)
    p.drawLine(QPointF(size * 0.25, size * 0.75), QPointF(size * 0.75, size * 0.25))
    p.end()
    return QIcon(pm)
