"""A laptop screen is first-class: at 1280×800 and 1366×768 a first run leaves the canvas at least
55 % of the window, the Phases panel shows its four phases without a sideways scroll, with item
titles in full and their due dates, the canvas shows where the diagram goes on, and
View ▸ Reset Layout puts moved and closed panels back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar

from desktop_app.store import Workspace
from desktop_app.ui.app import first_lifecycle
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.phases_dock import ItemsModel
from tests.ui.conftest import flush_deletes
from tests.ui.test_theme import choose

pytestmark = pytest.mark.desktop

TITLE, DUE = ItemsModel.FIELDS.index("title"), ItemsModel.FIELDS.index("due")


@pytest.fixture(params=[(1280, 800), (1366, 768)], ids=["1280x800", "1366x768"])
def laptop(request, qapp, qtbot, workspace_path, tmp_path):
    """A first run (no saved layout) in a window of a laptop screen's size."""
    ws = Workspace.open(workspace_path)
    settings = QSettings(str(tmp_path / "first-run.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings, open_lifecycle=first_lifecycle(ws))
    win.resize(*request.param)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    for _ in range(5):
        QApplication.processEvents()   # the first-run dock sizes and the fit are queued
    assert (win.width(), win.height()) == request.param
    yield win
    win.close()
    win.deleteLater()
    flush_deletes()


def canvas_share(window) -> float:
    view = window.current_view()
    assert view.isVisible()
    return view.width() * view.height() / (window.width() * window.height())


def click_panel_tab(qtbot, window, title: str) -> None:
    """Bring a tabbed panel to the front by clicking its tab, as a user does."""
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            if bar.tabText(i) == title and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                return
    raise AssertionError(f"no visible tab {title!r}")


def test_the_canvas_takes_most_of_a_laptop_window(laptop):
    assert canvas_share(laptop) >= 0.55
    # and the diagram is fitted into it, not left at the size of a narrower first layout
    view = laptop.current_view()
    drawn = laptop.current_view().mapFromScene(view.overview._diagram).boundingRect()
    assert drawn.width() >= 0.7 * view.viewport().width() or drawn.height() >= 0.7 * view.viewport().height()


def test_four_phases_without_sideways_scrolling_titles_in_full_with_due_dates(laptop, qtbot):
    click_panel_tab(qtbot, laptop, "Phases")
    dock = next(d for d in laptop.bottom_docks if d.objectName() == "phasesDock")
    qtbot.waitUntil(lambda: dock.isVisible() and all(c.isVisible() for c in dock.cards))
    QApplication.processEvents()
    viewport = dock.scroll.viewport()
    assert dock.scroll.horizontalScrollBar().maximum() == 0
    assert len(dock.cards) == 4
    for card in dock.cards:
        left = card.mapTo(viewport, QPoint(0, 0)).x()
        assert left >= 0 and left + card.width() <= viewport.width(), f"phase {card.number} sticks out sideways"
        table = card.table
        assert not table.isColumnHidden(TITLE) and not table.isColumnHidden(DUE)
        assert table.horizontalScrollBar().maximum() == 0
        fm = table.fontMetrics()
        # every title fits its cell wrapped, every due date fits its column: nothing cut off
        title_width = table.columnWidth(TITLE) - table.iconSize().width() - 12
        for row in range(card.model.rowCount()):
            item = card.model.items[row]
            needed = fm.boundingRect(QRect(0, 0, title_width, 10_000), int(Qt.TextFlag.TextWordWrap),
                                     item.title).height()
            assert table.rowHeight(row) >= needed, f"{item.title!r} is cut off"
            if item.due:
                assert table.columnWidth(DUE) >= fm.horizontalAdvance(item.due.isoformat())
        # the whole checklist is shown: the card's table does not scroll inside the card
        assert table.verticalScrollBar().maximum() == 0
    # the later phases are reached by scrolling down
    dock.scroll.ensureWidgetVisible(dock.cards[3])
    QApplication.processEvents()
    assert dock.scroll.horizontalScrollBar().value() == 0
    top = dock.cards[3].mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top < viewport.height()


def test_finding_messages_are_shown_whole_in_the_narrow_column(laptop, qtbot):
    laptop.run_checks()
    click_panel_tab(qtbot, laptop, "Findings")
    tree = laptop.findings_dock.tree
    model = tree.model()
    qtbot.waitUntil(lambda: tree.isVisible() and model.rowCount() > 0)
    QApplication.processEvents()
    message = 2
    assert tree.header().sectionViewportPosition(message) + tree.columnWidth(message) <= tree.viewport().width()
    fm = tree.fontMetrics()
    for i in range(model.rowCount()):
        index = model.index(i, message)
        text = index.data()
        # at least as many lines as the text takes at the column's whole width
        needed = fm.boundingRect(QRect(0, 0, tree.columnWidth(message), 10_000),
                                 int(Qt.TextFlag.TextWordWrap), text).height()
        assert tree.visualRect(index).height() >= needed, f"{text!r} is cut off"


def test_the_canvas_shows_where_the_diagram_goes_on(laptop, qtbot):
    view = laptop.current_view()
    view.setFocus()
    assert not view.overview.isVisible(), "fitted: the whole diagram is in view"
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)   # zoom in
    overview = view.overview
    assert overview.isVisible()
    assert view.viewport().geometry().contains(overview.geometry())
    # a click on the map's right end brings the diagram's right end into view
    right_stage = max(view.lifecycle_scene().stages.values(), key=lambda s: s.sceneBoundingRect().right())
    target = overview.to_map(right_stage.sceneBoundingRect()).center().toPoint()
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=target)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(right_stage.sceneBoundingRect().center())
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)   # fit
    assert not overview.isVisible()


def test_the_map_follows_edits_not_every_repaint(laptop, qtbot):
    """A hover or a selection repaints the canvas; the map is not measured and drawn again for
    it (that walked every stage, ~0.1 s at 5,000). A move made through the store shows on it."""
    from desktop_app.ui import commands as cmd

    view = laptop.current_view()
    view.setFocus()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)   # zoom in
    overview = view.overview
    qtbot.waitUntil(lambda: overview.isVisible() and overview._map is not None)
    drawn = overview._map
    scene = view.lifecycle_scene()
    first = next(iter(scene.stages))
    scene.select_ids([first])                 # repaints the stage, changes nothing on the map
    qtbot.wait(150)                           # past the map's 30 ms burst timer
    overview.repaint()
    assert overview._map is drawn, "a selection drew the map again"

    stage = scene.stages[first].stage
    far = overview._diagram.right() + 2000
    lid = laptop.current_lifecycle_id()
    assert laptop.push(cmd.MoveStagesCommand(laptop, lid, {first: (stage.x, stage.y)}, {first: (far, stage.y)}))
    qtbot.waitUntil(lambda: overview._diagram.right() > far)


def test_reset_layout_puts_the_panels_back(laptop, qtbot):
    first = {d.objectName(): laptop.dockWidgetArea(d) for d in laptop.findChildren(QDockWidget)}
    laptop.inspector_dock.toggleViewAction().trigger()          # closed
    laptop.findings_dock.setFloating(True)                      # torn off
    laptop.removeDockWidget(laptop.palette_dock)                # and one dragged away
    laptop.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, laptop.palette_dock)
    laptop.palette_dock.show()
    QApplication.processEvents()
    assert not laptop.inspector_dock.isVisible()

    choose(laptop, "View", "Reset Layout")
    for _ in range(5):
        QApplication.processEvents()
    assert laptop.inspector_dock.isVisible() and not laptop.findings_dock.isFloating()
    assert {d.objectName(): laptop.dockWidgetArea(d) for d in laptop.findChildren(QDockWidget)} == first
    assert canvas_share(laptop) >= 0.55


def test_a_first_run_window_fits_the_screen(qapp, qtbot, workspace_path, tmp_path):
    """No saved size: the window takes 1480×900 or, on a smaller screen (the offscreen one is
    800×600, a laptop's 1280×800), what the screen has room for, never more."""
    ws = Workspace.open(workspace_path)
    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    win = MainWindow(ws, settings, open_lifecycle=first_lifecycle(ws))
    try:
        win.show()
        qtbot.waitExposed(win)
        room = win.screen().availableGeometry()
        assert win.width() <= room.width() and win.height() <= room.height()
        assert win.width() == min(1480, room.width()) or win.width() == win.minimumSizeHint().width()
    finally:
        win.close()
        win.deleteLater()
        flush_deletes()


def test_a_narrow_phase_card_sets_status_and_owner_from_the_item_menu(laptop, qtbot):
    """Beside the canvas a card shows titles and due dates only; the item's context menu still
    sets what the hidden columns hold, as one undoable step each."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    click_panel_tab(qtbot, laptop, "Phases")
    dock = next(d for d in laptop.bottom_docks if d.objectName() == "phasesDock")
    card = dock.card(2)
    qtbot.waitUntil(lambda: card.isVisible() and card.compact)
    row = next(r for r, i in enumerate(card.model.items) if i.status != "done")
    item = card.model.items[row]
    lid = laptop.current_lifecycle_id()
    owner_id, old_name = next((o, n) for o, n in card.model.owners.items() if o != item.owner)
    owner_name = 'R&D "ops" <b>'   # a hostile name shows as written, "&" not taken as a mnemonic
    laptop._owner_edit(owner_id, {"name": old_name}, {"name": owner_name})
    qtbot.waitUntil(lambda: card.model.owners.get(owner_id) == owner_name)

    def pick(*path: str) -> None:
        def act() -> None:
            menu = QApplication.activePopupWidget()
            if not isinstance(menu, QMenu):
                QTimer.singleShot(20, act)
                return
            actions = menu.actions()
            for n, text in enumerate(path):
                chosen = next((a for a in actions if a.iconText() == text), None)   # as shown
                if chosen is None:
                    missing.append((text, [a.iconText() for a in actions]))
                    menu.close()
                    return
                if n == len(path) - 1:
                    chosen.trigger()
                    menu.close()
                else:
                    actions = chosen.menu().actions()
        missing: list = []
        QTimer.singleShot(0, act)
        # a right-click on the item: select it, then the context-menu event
        viewport = card.table.viewport()
        at = card.table.visualRect(card.model.index(row, TITLE)).center()
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
        QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                           viewport.mapToGlobal(at)))
        QApplication.processEvents()
        assert not missing, f"not in the menu as written: {missing}"

    pick("Status", "done")
    qtbot.waitUntil(lambda: next(i for i in laptop.workspace.load(lid).items() if i.id == item.id).status == "done")
    pick("Owner", owner_name)
    qtbot.waitUntil(lambda: next(i for i in laptop.workspace.load(lid).items() if i.id == item.id).owner == owner_id)
    laptop.undo_stack.undo()
    laptop.undo_stack.undo()
    back = next(i for i in laptop.workspace.load(lid).items() if i.id == item.id)
    assert (back.status, back.owner) == (item.status, item.owner)


def test_a_long_name_shows_its_beginning_in_the_narrow_inspector(laptop, qtbot):
    """The lifecycle's name is longer than the inspector's field at this width: the field shows
    how the name starts, as a user reads it, not its last words."""
    click_panel_tab(qtbot, laptop, "Inspector")
    field = laptop.inspector_dock.l_name
    qtbot.waitUntil(field.isVisible)
    name = laptop.current_doc().name
    assert field.text() == name
    assert field.fontMetrics().horizontalAdvance(name) > field.width(), "the name fits: nothing to test"
    assert field.cursorPosition() == 0
