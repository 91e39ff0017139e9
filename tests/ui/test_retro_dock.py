"""The Retrospective dock: snapshots, the comparison, notes and action items, and charts that
load matplotlib only when first shown."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QApplication

from desktop_app.ui.phases_dock import PhasesDock
from desktop_app.ui.retro_dock import RetroDock

from tests.ui.conftest import open_named


def retro_dock(window) -> RetroDock:
    dock = next(d for d in window.bottom_docks if isinstance(d, RetroDock))
    dock.raise_()
    return dock


def test_compare_a_snapshot_with_now_and_between_snapshots(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = retro_dock(window)
    assert dock.tree_lines() == ["Take a snapshot to compare the lifecycle with later."]
    assert dock.take_snapshot("kick-off")
    assert dock.snapshot_list.count() == 1 and "kick-off" in dock.snapshot_list.item(0).text()

    window.rename_stage(lid, "okr", "OKRs")
    qtbot.waitUntil(lambda: any("name “Quarterly objectives” → “OKRs”" in line
                                for line in dock.tree_lines()), timeout=3000)
    assert "Stages: 0 added, 0 removed, 1 changed" in dock.tree_lines()

    assert dock.take_snapshot("renamed")
    window.rename_stage(lid, "data", "Data refresh (nightly)")
    dock.choose(window.workspace.snapshots(lid)[0].id, window.workspace.snapshots(lid)[1].id)
    lines = dock.tree_lines()
    assert any("“OKRs”" in line for line in lines)
    assert not any("nightly" in line for line in lines)  # after the later snapshot

    assert not dock.take_snapshot("renamed")  # a label is used once: refused, and said
    assert "already exists" in window.message_box.text()
    window.message_box.close()


def test_notes_action_items_and_one_click_phase_item(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = retro_dock(window)
    dock.take_snapshot("kick-off")
    dock.notes_edit.setPlainText("The inner loop works; the outer one is slow.")
    dock.save_notes()
    dock.add_action_item("Alert on drift, not only on errors")
    assert dock.action_list.count() == 1
    retro = window.workspace.retrospectives(lid)[-1]
    assert retro.notes == "The inner loop works; the outer one is slow."
    assert [a.title for a in retro.action_items] == ["Alert on drift, not only on errors"]

    assert dock.promote(0, 4)
    phases = next(d for d in window.bottom_docks if isinstance(d, PhasesDock))
    titles = lambda: [i.title for i in window.workspace.load(lid).phases[3].items]  # noqa: E731
    assert titles() == ["Alert on drift, not only on errors"]
    assert phases.card(4).model.rowCount() == 1
    window.undo_stack.undo()
    assert titles() == [] and phases.card(4).model.rowCount() == 0
    # the undo takes the mark back too: the action item is no longer a phase item
    assert window.workspace.retrospectives(lid)[-1].action_items[0].promoted_item is None
    window.undo_stack.redo()
    assert titles() == ["Alert on drift, not only on errors"]
    assert window.workspace.retrospectives(lid)[-1].action_items[0].promoted_item is not None


def test_view_a_snapshot_read_only_and_restore_it_as_a_new_lifecycle(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = retro_dock(window)
    dock.take_snapshot("before cuts")
    snap = window.workspace.snapshots(lid)[0].id
    window.current_scene().stages["review"].setSelected(True)
    window.delete_selection()

    viewer = dock.view_snapshot(snap)
    assert "review" in viewer.scene.stages  # the snapshot, not the lifecycle now
    assert not viewer.view.isInteractive()
    viewer.close()

    before = {i.name for i in window.workspace.lifecycles()}
    new_id = dock.restore_snapshot(snap)
    restored = window.workspace.load(new_id)
    assert restored.name.endswith("(restored before cuts)")
    assert "review" in [s.id for s in restored.stages]
    assert window.current_lifecycle_id() == new_id
    QApplication.processEvents()  # the new tab settles (fits its view) before the undo closes it
    window.undo_stack.undo()
    assert {i.name for i in window.workspace.lifecycles()} == before


def test_docks_import_matplotlib_only_when_a_chart_is_shown(tmp_path):
    """The window with both docks starts without matplotlib; the Charts tab brings it in and
    embeds the three charts (FigureCanvasQTAgg)."""
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtCore import QSettings
        from desktop_app.store import Workspace
        from desktop_app.ui.app import create_default_workspace, first_lifecycle, make_application
        from desktop_app.ui.main_window import MainWindow
        app = make_application(["test"])
        path = Path({str(tmp_path)!r}) / "w.lcstudio"
        create_default_workspace(path).close()
        ws = Workspace.open(path)
        win = MainWindow(ws, QSettings(str(path) + ".ini", QSettings.Format.IniFormat),
                         open_lifecycle=first_lifecycle(ws))
        win.show(); app.processEvents()
        docks = sorted(d.objectName() for d in win.bottom_docks)
        assert docks == ["findingsDock", "phasesDock", "retroDock"], docks
        assert not [m for m in sys.modules if m.startswith("matplotlib")], "matplotlib at start"
        retro = win.findChild(type(win.bottom_docks[-1]), "retroDock")
        retro.raise_(); retro.tabs.setCurrentWidget(retro.charts_page); app.processEvents()
        assert "matplotlib" in sys.modules
        names = [type(c).__name__ for c in retro.chart_canvases]
        assert names == ["FigureCanvasQTAgg"] * 3, names
        win.close()
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr[-2000:]


def test_the_comparison_says_who_changed_what(window, qtbot):
    lid = open_named(window, "Hybrid")
    dock = retro_dock(window)
    assert dock.take_snapshot("kick-off")
    window.workspace.author = "alice"
    window.rename_stage(lid, "okr", "OKRs")
    window.workspace.author = "Bob <ops>\nplatform"
    window.rename_stage(lid, "data", "Data refresh (nightly)")
    qtbot.waitUntil(lambda: any(line.startswith("Who changed what:") for line in dock.tree_lines())
                    and any("nightly" in line for line in dock.tree_lines()), timeout=3000)
    lines = dock.tree_lines()
    # one line per author with their count, on one line whatever the name holds
    assert "Who changed what: Bob <ops> platform: 1 change, alice: 1 change." in lines
    changes = [line for line in lines if line[:4].isdigit()]
    assert [c.split("  ", 1)[1] for c in changes] == [
        "alice: Renamed stage “Quarterly objectives” to “OKRs”",
        "Bob <ops> platform: Renamed stage “Data refresh” to “Data refresh (nightly)”"]
