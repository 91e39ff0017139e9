"""After a diagram (draw.io, yEd) is imported: what was guessed and dropped, for the lead to
correct. Shown like the window's other messages: window-modal, without blocking the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from desktop_app.interchange.drawing import Imported


def show_import_summary(window, file_name: str, imported: Imported) -> QMessageBox:
    """An information box: the counts, and every guess and drop in the details."""
    lc = imported.lifecycle
    stages = f"{len(lc.stages)} stage" + ("" if len(lc.stages) == 1 else "s")
    edges = f"{len(lc.edges)} edge" + ("" if len(lc.edges) == 1 else "s")
    notes = len(imported.summary)
    box = QMessageBox(QMessageBox.Icon.Information, "Diagram imported",
                      f"{file_name} became the lifecycle “{lc.name}”: {stages}, {edges}.",
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("importSummary")
    box.setInformativeText(
        f"{notes} thing{'s' if notes != 1 else ''} to check (kinds guessed from labels, feedback "
        "edges, owners from swimlanes, items left out): see Show Details. Undo takes the import back.")
    box.setDetailedText("\n".join(imported.summary))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if getattr(window, "message_box", None) is not None:
        window.message_box.close()
    box.finished.connect(lambda _r: setattr(window, "message_box", None))
    window.message_box = box
    box.open()
    return box
