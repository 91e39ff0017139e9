"""Users read names, never ids: the status bar, the Edit menu, the findings' Where column, the
retrospective comparison and its action items name stages, edges ("Monitoring → Feature
experiments"), owners and items by what the user called them (issue 8)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.ui.conftest import open_named
from tests.ui.test_editor import drag
from tests.ui.test_retro_dock import retro_dock



def ids_shown(text: str, doc) -> set[str]:
    """The ids of ``doc`` that ``text`` shows, once every display name is taken out of it (a
    name may hold a word that is also an id: "Quarterly business review")."""
    names = ([s.name for s in doc.stages] + [o.name for o in doc.owners]
             + [i.title for i in doc.items()])
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    ids = ([s.id for s in doc.stages] + [e.id for e in doc.edges] + [o.id for o in doc.owners]
           + [i.id for i in doc.items()])
    return {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}


def test_connecting_by_drag_names_the_stages_in_the_status_bar_and_undo(window, qtbot):
    lid = open_named(window, "Hybrid")
    view, scene = window.current_view(), window.current_scene()
    window.act_fit.trigger()
    source, target = scene.stages["monitor"], scene.stages["release"]
    drag(qtbot, view, source.mapToScene(source.handle_center()), target.scene_box().center())
    assert any((e.source, e.target) == ("monitor", "release") for e in window.workspace.load(lid).edges)
    message = window.statusBar().currentMessage()
    assert message == "Connected “Monitoring” to “Release” (flow)"
    assert window.act_undo.text() == "&Undo Connect Monitoring → Release"


def test_where_column_names_edges_by_their_ends(window, qtbot):
    open_named(window, "Hybrid")
    scene, inspector = window.current_scene(), window.inspector_dock
    # make every feedback edge manual, in the inspector, as a user would: LC205 is about edges
    for eid in ("e7", "e8", "e9"):
        scene.select_ids(edge_ids=[eid])
        combo = inspector.e_trigger
        combo.setCurrentIndex(combo.findData("manual"))
        combo.activated.emit(combo.currentIndex())
    assert window.act_undo.text() == "&Undo Set trigger of edge Monitoring → Quarterly business review"
    qtbot.waitUntil(lambda: window.findings_dock.select_finding("LC205"), timeout=3000)
    where = window.findings_dock.tree.currentIndex().siblingAtColumn(3).data()
    assert where == ("Monitoring → Feature experiments, Monitoring → Quarterly business review, "
                     "Quarterly business review → Quarterly objectives")
    assert ids_shown(where, window.current_doc()) == set()


def test_retrospective_comparison_and_action_items_use_names(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = retro_dock(window)
    assert dock.take_snapshot("kick-off")
    view, scene = window.current_view(), window.current_scene()
    window.act_fit.trigger()
    # a new feedback edge (Shift+drag), and the experiments lose their owner (the inspector)
    source, target = scene.stages["review"], scene.stages["data"]
    drag(qtbot, view, source.mapToScene(source.handle_center()), target.scene_box().center(),
         Qt.KeyboardModifier.ShiftModifier)
    scene.select_ids(["experiment"])
    owner = window.inspector_dock.s_owner
    owner.setCurrentIndex(owner.findData(None))
    owner.activated.emit(owner.currentIndex())
    assert window.workspace.load(lid).stage("experiment").owner is None
    qtbot.waitUntil(lambda: any("owner" in line for line in dock.tree_lines()), timeout=3000)
    lines = dock.tree_lines()
    assert "+ added Quarterly business review → Data refresh" in lines
    assert "~ Feature experiments: owner Model pod → nobody" in lines
    for line in lines:
        if line.startswith(("resolved:", "introduced:")):
            line = line.split(" ", 3)[-1]   # the rule's own name (like "deployment-cliff") is no id
        assert ids_shown(line, window.current_doc()) == set(), line

    dock.tabs.setCurrentIndex(1)
    dock.action_edit.setFocus()
    qtbot.keyClicks(dock.action_edit, "Alert on drift")
    qtbot.keyClick(dock.action_edit, Qt.Key.Key_Return)
    dock.action_list.setCurrentRow(0)
    dock.promote_phase.setCurrentIndex(dock.promote_phase.findData(4))
    qtbot.mouseClick(dock.promote_button, Qt.MouseButton.LeftButton)
    assert dock.action_list.item(0).text() == "Alert on drift  → in the phase 4 checklist"


def test_the_inspector_shows_the_id_only_when_asked_and_read_only(window, qtbot):
    open_named(window, "Hybrid")
    scene, inspector = window.current_scene(), window.inspector_dock
    scene.select_ids(["okr"])
    ident = inspector.s_id
    assert not ident.isVisible()        # a user reads the name; the id is behind "Advanced"
    toggle = ident.property("disclosure")
    assert toggle.text() == "Advanced" and toggle.isVisible()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert ident.isVisible() and ident.isReadOnly() and ident.text() == "okr"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not ident.isVisible()


def test_owners_list_tooltips_show_no_ids(window):
    doc = window.current_doc()
    table = window.owners_dock.table
    assert table.rowCount() == len(doc.owners)
    for row in range(table.rowCount()):
        tip = table.item(row, 0).toolTip()
        assert tip and not ids_shown(tip, doc), tip
