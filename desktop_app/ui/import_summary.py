"""After a diagram (draw.io, yEd) is imported: what was guessed and dropped, for the lead to
correct. Shown like the window's other messages: window-modal, without blocking the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop_app.model.text import one_line, quoted

if TYPE_CHECKING:
    from desktop_app.interchange.drawing import Imported


def show_import_summary(window, file_name: str, imported: Imported) -> QMessageBox:
    """An information box: the counts, and every guess and drop in the details."""
    lc = imported.lifecycle
    stages = f"{len(lc.stages)} stage" + ("" if len(lc.stages) == 1 else "s")
    edges = f"{len(lc.edges)} edge" + ("" if len(lc.edges) == 1 else "s")
    notes = len(imported.summary)
    box = QMessageBox(QMessageBox.Icon.Information, "Diagram imported",
                      f"{one_line(file_name)} became the lifecycle {quoted(lc.name)}: {stages}, {edges}.",
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("importSummary")
    box.setInformativeText(
        f"{notes} thing{'s' if notes != 1 else ''} to check (kinds guessed from labels, feedback "
        "edges, owners from swimlanes, items left out): see Show Details. Undo takes the import back.")
    lines = [line.replace(" (choose one with --page NAME)", " (open the file again to import another)")
             for line in imported.summary]
    box.setDetailedText("\n".join(lines))
    box.setTextFormat(Qt.TextFormat.PlainText)   # the lifecycle's name comes from the file
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if getattr(window, "message_box", None) is not None:
        window.message_box.close()
    box.finished.connect(lambda _r: setattr(window, "message_box", None))
    window.message_box = box
    box.open()
    return box


def choose_page(window, path: str) -> tuple[bool, str | None]:
    """For a draw.io file of several pages, ask which one to import.

    Returns (go on?, page name or None for "the only one"). A file that cannot even be listed
    is left for the import to refuse with its full message."""
    from desktop_app.interchange import DocumentError
    from desktop_app.interchange.drawio import page_names
    from desktop_app.interchange.lifecycle_files import DRAWIO_SUFFIXES

    if not path.lower().endswith(DRAWIO_SUFFIXES):
        return True, None
    try:
        names = page_names(path)
    except DocumentError:
        return True, None
    if len(names) < 2:
        return True, None
    dialog = QInputDialog(window)
    dialog.setObjectName("choosePage")
    dialog.setWindowTitle("Choose a page")
    dialog.setLabelText(f"The diagram holds {len(names)} pages. Import which one?")
    dialog.setComboBoxItems(names)
    dialog.setComboBoxEditable(False)
    ok = dialog.exec()
    chosen = dialog.textValue()
    dialog.deleteLater()
    return (bool(ok), chosen if ok else None)
