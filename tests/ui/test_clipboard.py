"""Cut, copy, paste and duplicate of stages (issue 8), with the keys a draw.io user presses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import open_named, press_on_canvas
from tests.ui.test_editor import vpos

pytestmark = pytest.mark.desktop   # run again on X11 (tests/ui/test_x11.py)

CTRL = Qt.KeyboardModifier.ControlModifier


def select_stages(qtbot, view, ids) -> None:
    """Click the first stage, Ctrl+click the others."""
    for n, sid in enumerate(ids):
        box = view.lifecycle_scene().stages[sid].scene_box()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier if n == 0 else CTRL, vpos(view, box.center()))
    assert sorted(view.lifecycle_scene().selected_stage_ids()) == sorted(ids)


def keys(qtbot, window, key, modifier=CTRL) -> None:
    press_on_canvas(qtbot, window, key, modifier)


def test_copy_paste_brings_the_stages_and_the_edges_between_them(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view = window.current_view()
    before = reopen(window, lid)
    select_stages(qtbot, view, ["tests", "release", "monitor"])
    keys(qtbot, window, Qt.Key.Key_C)
    assert QApplication.clipboard().text().splitlines() == ["Automated test suite", "Release", "Monitoring"]
    keys(qtbot, window, Qt.Key.Key_V)

    after = reopen(window, lid)
    old_ids = {s.id for s in before.stages}
    new = {s.name: s for s in after.stages if s.id not in old_ids}
    assert set(new) == {"Automated test suite copy", "Release copy", "Monitoring copy"}
    for name, s in new.items():
        original = before.stage({"Automated test suite copy": "tests", "Release copy": "release",
                                 "Monitoring copy": "monitor"}[name])
        assert (s.x, s.y) == (original.x + 40, original.y + 40), "pasted one grid step right and down"
        assert (s.kind, s.owner) == (original.kind, original.owner)
    new_ids = {s.id for s in new.values()}
    new_edges = [e for e in after.edges if e.source in new_ids or e.target in new_ids]
    # only release -> monitor lies inside the selection; tests -> approval does not come along
    assert [(after.stage(e.source).name, after.stage(e.target).name, e.kind, e.latency_days)
            for e in new_edges] == [("Release copy", "Monitoring copy", "flow", 0)]
    scene = window.current_scene()
    assert sorted(scene.selected_stage_ids()) == sorted(new_ids), "the pasted stages are selected"
    assert [e for e in scene.selected_edge_ids()] == [new_edges[0].id]

    # a second paste lands beside the first, not on it
    keys(qtbot, window, Qt.Key.Key_V)
    third = [s for s in reopen(window, lid).stages if s.name == "Release copy 2"]
    assert third and (third[0].x, third[0].y) == (before.stage("release").x + 80, before.stage("release").y + 80)

    window.act_undo.trigger()
    window.act_undo.trigger()                # each paste was one step
    assert reopen(window, lid) == before
    window.act_redo.trigger()
    assert {s.name for s in reopen(window, lid).stages} >= set(new)


def test_cut_then_paste_puts_the_stages_back_beside_their_place(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view = window.current_view()
    before = reopen(window, lid)
    select_stages(qtbot, view, ["release", "monitor"])
    keys(qtbot, window, Qt.Key.Key_X)
    cut = reopen(window, lid)
    assert {"release", "monitor"}.isdisjoint(s.id for s in cut.stages)
    assert not any({"release", "monitor"} & {e.source, e.target} for e in cut.edges)
    keys(qtbot, window, Qt.Key.Key_V)
    pasted = reopen(window, lid)
    # the names and ids are free again, so they come back as they were
    assert pasted.stage("release").name == "Release" and pasted.stage("monitor").name == "Monitoring"
    assert (pasted.stage("monitor").x, pasted.stage("monitor").y) == (1140, 240)
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert reopen(window, lid) == before
    assert window.act_undo.text() == "&Undo" or not window.undo_stack.canUndo()


def test_cut_names_a_long_many_line_stage_on_one_short_line(window, qtbot):
    """The undo text and the status line name the stage as everywhere else (model/naming):
    its line breaks as spaces and a very long name cut, not the whole name over lines."""
    lid = window.current_lifecycle_id()
    window.rename_stage(lid, "release", "Release\nto production " + "x" * 150)
    select_stages(qtbot, window.current_view(), ["release"])
    keys(qtbot, window, Qt.Key.Key_X)
    text = window.undo_stack.undoText()
    assert text.startswith("Cut “Release to production xxx") and text.endswith("…”")
    assert "\n" not in text and len(text) < 100


def test_duplicate_leaves_the_clipboard_alone(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view = window.current_view()
    QApplication.clipboard().setText("a note from elsewhere")
    select_stages(qtbot, view, ["okr"])
    keys(qtbot, window, Qt.Key.Key_D)
    doc = reopen(window, lid)
    copy = next(s for s in doc.stages if s.name == "Quarterly objectives copy")
    assert (copy.x, copy.y) == (40, 40) and copy.owner == "lead"
    assert QApplication.clipboard().text() == "a note from elsewhere"
    assert window.current_scene().selected_stage_ids() == [copy.id]
    assert window.undo_stack.undoText() == "Duplicate “Quarterly objectives”"


def test_paste_into_another_lifecycle_brings_the_owner_along(window, qtbot, reopen):
    hybrid = window.current_lifecycle_id()
    select_stages(qtbot, window.current_view(), ["data", "experiment"])
    keys(qtbot, window, Qt.Key.Key_C)
    line = open_named(window, "assembly line")
    before = reopen(window, line)
    keys(qtbot, window, Qt.Key.Key_V)
    doc = reopen(window, line)
    pod = [o for o in doc.owners if o.name == "Model pod"]
    assert len(pod) == 1, "an owner the lifecycle lacks is added"
    assert doc.stage("experiment").owner == pod[0].id
    assert doc.stage("data-2").name == "Data refresh" and doc.stage("data-2").owner == "de"   # same owner there
    assert [(e.source, e.target) for e in doc.edges if e.source == "data-2"] == [("data-2", "experiment")]
    window.act_undo.trigger()
    assert reopen(window, line) == before, "one undo takes the stages and the added owner away"
    assert reopen(window, hybrid).stage("data").owner == "de"


def test_paste_of_anything_else_changes_nothing(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    before = reopen(window, lid)
    for text in ("{not json", '{"format": "lifecycle", "version": 1, "name": "x", "stages": [{"id": "a"}]}',
                 "Monitoring"):
        QApplication.clipboard().setText(text)
        window.clipboard.paste()
        assert reopen(window, lid) == before
        assert window.statusBar().currentMessage().startswith("Nothing to paste: the clipboard")
    assert not window.clipboard.act_paste.isEnabled()
    # a lifecycle document as plain text (a .lifecycle.json opened in an editor) pastes
    QApplication.clipboard().setText(
        '{"format": "lifecycle", "version": 1, "name": "x", '
        '"stages": [{"id": "a", "name": "From a file", "kind": "learn", "x": 500, "y": 400}], "edges": []}')
    assert window.clipboard.act_paste.isEnabled()
    window.clipboard.act_paste.trigger()
    assert reopen(window, lid).stage("a").name == "From a file"


def test_long_and_odd_names_and_ids_stay_within_the_format():
    from desktop_app.interchange import dumps_document
    from desktop_app.model.document import Lifecycle, Stage
    from desktop_app.ui.clipboard import fragment, placed

    name = "<script>&|$]\n" + "x" * 187
    sid = "s" * 64
    doc = Lifecycle(name="t", stages=[Stage(id=sid, name=name, kind="data")], edges=[])
    stages, _edges, _owners = placed(fragment(doc, [sid]), doc)
    assert stages[0].name != name and len(stages[0].name) <= 200 and stages[0].name.endswith(" copy")
    assert stages[0].id != sid and len(stages[0].id) <= 64
    doc.stages += stages
    dumps_document(doc)     # still a valid document: the format's limits hold
    from desktop_app.ui.clipboard import mime_data

    assert "\n" not in mime_data(fragment(doc, [sid])).text(), "one name, one line of the plain text"


def test_the_app_exits_cleanly_with_stages_on_the_clipboard(tmp_path):
    """The clipboard outlives Python; what we put there must not call back into it at exit
    (a QMimeData made in Python crashed the process then: exit status -11)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from desktop_app.store import Workspace\n"
        "from desktop_app.ui.app import create_default_workspace, first_lifecycle, make_application\n"
        "from desktop_app.ui.main_window import MainWindow\n"
        "app = make_application(['t'])\n"
        "tmp = Path(sys.argv[1])\n"
        "create_default_workspace(tmp / 'w.lcstudio').close()\n"
        "ws = Workspace.open(tmp / 'w.lcstudio')\n"
        "win = MainWindow(ws, QSettings(str(tmp / 's.ini'), QSettings.Format.IniFormat), open_lifecycle=first_lifecycle(ws))\n"
        "win.current_scene().select_ids(['okr', 'data'])\n"
        "assert win.clipboard.copy()\n"
        "win.close()\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(p for p in (str(root), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_select_all_and_paste_announce_the_selection_once(window, qtbot, reopen):
    """Each listener (inspector, clipboard and arrange actions) reads the whole selection when
    told it changed: told once per item, selecting 500 stages took seconds."""
    scene = window.current_scene()
    told = []

    def listen():
        told.append(len(scene.selectedItems()))

    scene.selectionChanged.connect(listen)
    window.act_select_all.trigger()
    assert told == [len(scene.stages) + len(scene.edges)]
    told.clear()
    window.clipboard.copy()
    ids = window.clipboard.paste()
    assert len(ids) == 8 and told == [8 + 9], "the pasted stages and their edges, selected at once"
    assert window.inspector_dock.empty.text().startswith("8 stages and 9 edges selected")
    scene.selectionChanged.disconnect(listen)
