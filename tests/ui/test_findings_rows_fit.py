"""A finding's message is never cut short: each row of the findings list is as tall as its
wrapped text at the width the message column has now, also after that width changed under it
(a scrollbar appearing, the dock or the window resized)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication


def _lines_needed(tree, index) -> int:
    """How many lines the message takes at the column's width, measured by Qt's own text
    layout with the view's font (independent of the delegate under test)."""
    width = tree.header().sectionSize(index.column()) - 2 * (tree.style().pixelMetric(
        tree.style().PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
    fm = QFontMetrics(tree.font())
    text = index.data()
    rect = fm.boundingRect(0, 0, width, 100_000, 0x1000 | 0x0001, text)  # TextWordWrap | AlignLeft
    return max(1, round(rect.height() / fm.lineSpacing()))


def _cut_rows(tree) -> list[str]:
    model = tree.model()
    fm = QFontMetrics(tree.font())
    cut = []
    for row in range(model.rowCount()):
        index = model.index(row, 2)
        if tree.visualRect(index).height() < _lines_needed(tree, index) * fm.lineSpacing():
            cut.append(index.data())
    return cut


def test_messages_fit_their_rows_after_the_dock_narrows(window, qtbot):
    dock = window.findings_dock
    tree = dock.tree
    qtbot.waitUntil(lambda: dock.model.rowCount() >= 2)
    qtbot.waitUntil(lambda: not _cut_rows(tree))
    # the window narrows a few steps, as a user drags its edge: the message column loses
    # width each time, and every message must still show whole
    for width in (1380, 1340, 1300, 1287, 1280):
        window.resize(width, 900)
        for _ in range(5):
            QApplication.processEvents()
        qtbot.waitUntil(lambda: not _cut_rows(tree), timeout=2000)


def test_messages_fit_their_rows_when_the_findings_come_in(qapp, qtbot, workspace_path, tmp_path):
    # the first-run screenshot's steps: a new window at its size, shown, then the checks
    # shown; rows grow, a scrollbar comes and takes width from the message column
    from PySide6.QtCore import QSettings

    from desktop_app.store import Workspace
    from desktop_app.ui.app import first_lifecycle
    from desktop_app.ui.main_window import MainWindow

    ws = Workspace.open(workspace_path)
    win = MainWindow(ws, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                     open_lifecycle=first_lifecycle(ws))
    try:
        win.resize(1600, 1000)
        win.show()
        for _ in range(6):
            QApplication.processEvents()
        win.run_checks()
        for _ in range(3):
            QApplication.processEvents()
        assert win.findings_dock.model.rowCount() >= 2
        assert not _cut_rows(win.findings_dock.tree)
    finally:
        win.close()
        win.deleteLater()
