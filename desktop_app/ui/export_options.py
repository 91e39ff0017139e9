"""Where export and report dialogs start, and the export's options.

A file dialog first opens in the user's documents folder (not next to the workspace, which
lives in a hidden data folder on a first run), then in the folder last written to; each kind
of file (an export, a report) remembers its own, in QSettings. After the file is chosen, a
picture or a slide asks for its options: the findings' markers on or off, and for a PNG a
transparent background and the scale. The options asked last are offered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget,
)

from desktop_app.model.document import Lifecycle

SCALES = (1.0, 2.0, 3.0, 4.0)
OPTION_SUFFIXES = (".png", ".svg", ".pdf", ".pptx")   # the files the options change


def documents_folder() -> Path:
    """The user's documents folder (XDG, Windows, macOS), or the home folder without one."""
    path = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(path) if path and Path(path).is_dir() else Path.home()


def start_folder(settings: QSettings, key: str) -> Path:
    """The folder a file dialog for ``key`` ("export", "report") opens in: the last one
    written to while it still exists, else the documents folder."""
    last = settings.value(f"{key}/lastFolder")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(settings: QSettings, key: str, path: str | Path) -> None:
    """Keep the folder (and the kind of file) written to, for the next dialog of ``key``."""
    path = Path(path)
    settings.setValue(f"{key}/lastFolder", str(path.parent))
    name = path.name.lower()
    ending = ".lifecycle.json" if name.endswith(".lifecycle.json") else path.suffix.lower()
    if ending:
        settings.setValue(f"{key}/lastEnding", ending)


def last_ending(settings: QSettings, key: str, filters, default: str) -> str:
    """The ending of the file last written for ``key``, when a filter offers it: an SVG
    exported once is proposed again."""
    ending = settings.value(f"{key}/lastEnding")
    offered = {pattern.lstrip("*") for _label, pattern in filters}
    return ending if isinstance(ending, str) and ending in offered else default


def filter_for(filters, name: str) -> str:
    """The file dialog's filter text ("SVG drawing (*.svg)") for the ending of ``name``."""
    lowered = name.lower()
    label, pattern = next(((lb, p) for lb, p in filters if lowered.endswith(p.lstrip("*"))), filters[0])
    return f"{label} ({pattern})"


@dataclass
class ExportOptions:
    markers: bool = True
    transparent: bool = False
    scale: float = 2.0

    def as_kwargs(self) -> dict:
        return {"markers": self.markers, "transparent": self.transparent, "scale": self.scale}


def _bool(value, default: bool) -> bool:
    # QSettings in an INI file gives "true"/"false" back as strings
    if isinstance(value, str):
        return value.lower() == "true"
    return default if value is None else bool(value)


def saved_options(settings: QSettings) -> ExportOptions:
    scale = settings.value("export/scale")
    try:
        scale = float(scale) if scale is not None else 2.0
    except (TypeError, ValueError):
        scale = 2.0
    return ExportOptions(markers=_bool(settings.value("export/markers"), True),
                         transparent=_bool(settings.value("export/transparent"), False),
                         scale=scale if scale in SCALES else 2.0)


def save_options(settings: QSettings, options: ExportOptions) -> None:
    settings.setValue("export/markers", options.markers)
    settings.setValue("export/transparent", options.transparent)
    settings.setValue("export/scale", options.scale)


class ExportOptionsDialog(QDialog):
    """Markers on or off; for a PNG, a transparent background and the scale (with the size in
    pixels it gives)."""

    def __init__(self, doc: Lifecycle, path: str, options: ExportOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptionsDialog")
        self.setWindowTitle("Export options")
        self.png = path.lower().endswith(".png")
        layout = QVBoxLayout(self)
        title = QLabel(f"Export to {Path(path).name}")
        title.setWordWrap(True)
        layout.addWidget(title)
        form = QFormLayout()
        self.markers = QCheckBox("Show the findings' markers on the stages", self)
        self.markers.setChecked(options.markers)
        form.addRow(self.markers)
        self.transparent = QCheckBox("Transparent background", self)
        self.transparent.setChecked(options.transparent)
        self.scale = QComboBox(self)
        for s in SCALES:
            self.scale.addItem(f"{s:g}×", s)
        self.scale.setCurrentIndex(self.scale.findData(options.scale) if options.scale in SCALES else 1)
        self.size_label = QLabel(self)
        if self.png:
            form.addRow(self.transparent)
            form.addRow("Scale", self.scale)
            form.addRow("", self.size_label)
            from desktop_app.export.painter import lifecycle_bounds

            self._bounds = lifecycle_bounds(doc)
            self.scale.currentIndexChanged.connect(self._show_size)
            self._show_size()
        else:
            self.transparent.hide()
            self.scale.hide()
            self.size_label.hide()
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show_size(self) -> None:
        from desktop_app.export.images import MAX_PNG_PIXELS, png_size
        from desktop_app.export.painter import LOD_TEXT

        size = png_size(self._bounds, self.scale.currentData())
        text = f"{size.width:,} × {size.height:,} pixels"
        if size.note:   # the same caps as the file: say the scale is lowered, not just the size
            text += (f"\nscale lowered to {size.scale:.2g}×: a PNG is kept to "
                     f"{MAX_PNG_PIXELS / 1e6:.0f} million pixels")
            if size.scale < LOD_TEXT:
                text += "\nnames too small to draw: export SVG or PDF for them"
        self.size_label.setText(text)

    def options(self) -> ExportOptions:
        return ExportOptions(markers=self.markers.isChecked(),
                             transparent=self.png and self.transparent.isChecked(),
                             scale=self.scale.currentData())


def ask_options(parent, settings: QSettings, doc: Lifecycle, path: str) -> ExportOptions | None:
    """The options for writing ``doc`` to ``path`` (asked for pictures and slides; the saved
    ones for other files); None when the user cancels."""
    options = saved_options(settings)
    if not path.lower().endswith(OPTION_SUFFIXES):
        return options
    dialog = ExportOptionsDialog(doc, path, options, parent)
    ok = dialog.exec()
    chosen = dialog.options()
    dialog.deleteLater()
    if not ok:
        return None
    save_options(settings, chosen)
    return chosen
