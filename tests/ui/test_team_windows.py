"""Two windows on one server workspace (issue 13, "Live" and "Roles"), on a real PostgreSQL
server: an edit in one appears in the other within a second, the other's selection and undo
stack stay as they were, its status line says who changed what by name; an undo someone else
overtook is refused; a read-only role's window says so, offers no edits and still follows."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.exceptions import TimeoutError

from desktop_app.store import Workspace
from desktop_app.ui import commands as cmd
from desktop_app.ui.main_window import MainWindow
from tests.pg_server import run_psql
from tests.ui.conftest import flush_deletes

SECOND = 1000   # ms: the "within a second"
# the other tests ask what arrives, not how soon: given more than the second, so that a busy
# 2-core machine running the whole suite does not fail them (the second is asserted by
# test_an_edit_in_one_window_appears_in_the_other_within_a_second)
FOLLOW = 3 * SECOND


@pytest.fixture
def team_url(pg_url: str) -> tuple[str, int]:
    """A server workspace holding the hybrid template; (its address, the lifecycle's id)."""
    from desktop_app.interchange import new_from_template

    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(new_from_template("hybrid", date(2026, 1, 5))).lifecycle_id
    return pg_url, lid


@pytest.fixture
def open_window(qapp, qtbot, tmp_path: Path):
    windows: list[MainWindow] = []

    def make(location: str, lifecycle_id: int, name: str) -> MainWindow:
        ws = Workspace.open(location)
        settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        win = MainWindow(ws, settings, open_lifecycle=lifecycle_id)
        win.resize(1200, 800)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        listener = win.live.listener
        assert listener is not None, "a window on a server workspace listens"
        qtbot.waitUntil(listener.connected.is_set, timeout=10_000)
        return win

    yield make
    for win in windows:
        if not win.workspace.closed:
            win.close()
        win.deleteLater()
    flush_deletes()


def _stack(window: MainWindow):
    s = window.undo_stack
    return s.count(), s.index(), s.undoText()


def test_an_edit_in_one_window_appears_in_the_other_within_a_second(team_url, open_window, qtbot):
    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    doc = b.docs[lid]
    names = {s.name: s.id for s in doc.stages}
    monitoring, experiments, data = names["Monitoring"], names["Feature experiments"], names["Data refresh"]
    # B has its own edit on its undo stack, and a selection
    b.rename_stage(lid, data, "Data refresh (nightly)")
    b_stack = _stack(b)
    b_scene = b.current_scene()
    b_scene.select_ids([monitoring, experiments])

    # A moves "Monitoring"
    x, y = doc.stage(monitoring).x + 200, doc.stage(monitoring).y + 100
    a.push(cmd.MoveStagesCommand(a, lid, {monitoring: (doc.stage(monitoring).x, doc.stage(monitoring).y)},
                                 {monitoring: (x, y)}))
    qtbot.waitUntil(lambda: (b_scene.stages[monitoring].pos().x(), b_scene.stages[monitoring].pos().y()) == (x, y),
                    timeout=SECOND)
    assert sorted(b_scene.selected_stage_ids()) == sorted([monitoring, experiments])
    assert _stack(b) == b_stack
    assert b.statusBar().currentMessage() == "lead moved stage “Monitoring”"
    # and A saw B's rename
    qtbot.waitUntil(lambda: a.current_scene().stages[data].stage.name == "Data refresh (nightly)", timeout=SECOND)

    # A deletes a stage B has selected: only that one leaves B's selection; the findings follow
    a.current_scene().select_ids([experiments])
    a.delete_selection()
    qtbot.waitUntil(lambda: experiments not in b_scene.stages, timeout=SECOND)
    assert b_scene.selected_stage_ids() == [monitoring]
    assert _stack(b) == b_stack
    assert "Feature experiments" in b.statusBar().currentMessage()
    qtbot.waitUntil(lambda: lid in b.results and not any(experiments in f.stages for f in b.results[lid].findings)
                    and b.results[lid] is not None, timeout=3 * SECOND)
    assert b.docs[lid] == b.workspace.load(lid)


def test_an_undo_someone_else_overtook_is_refused_and_the_stack_stays(team_url, open_window, qtbot):
    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    gate = next(s.id for s in b.docs[lid].stages if s.name == "Compliance gate")
    b.rename_stage(lid, gate, "Risk gate")
    qtbot.waitUntil(lambda: a.current_scene().stages[gate].stage.name == "Risk gate", timeout=FOLLOW)
    a.rename_stage(lid, gate, "Model risk review <2>")
    qtbot.waitUntil(lambda: b.current_scene().stages[gate].stage.name == "Model risk review <2>", timeout=FOLLOW)
    before = _stack(b)

    b.act_undo.trigger()

    assert _stack(b) == before
    assert b.message_box is not None and b.message_box.windowTitle() == "Undo refused"
    assert b.statusBar().currentMessage().startswith("Undo refused: ")
    # who changed what, by name, and that nothing was lost
    assert b.message_box.text() == "Undo of rename “Compliance gate” to “Risk gate” was refused."
    assert b.message_box.informativeText().startswith("“Model risk review <2>” was changed by lead after your edit")
    assert b.message_box.informativeText().endswith("your undo history is kept.")
    assert b.current_scene().stages[gate].stage.name == "Model risk review <2>"
    assert b.workspace.load(lid).stage(gate).name == "Model risk review <2>"
    b.message_box.close()


def test_a_read_only_role_sees_read_only_and_still_follows(team_url, open_window, qtbot, pg_cluster, pg_database,
                                                           tmp_path):
    url, lid = team_url
    run_psql(pg_cluster, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reviewer') "
                         "THEN CREATE ROLE reviewer LOGIN; END IF; END $$")
    run_psql(pg_cluster, "GRANT USAGE ON SCHEMA public TO reviewer; "
                         "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reviewer", db=pg_database)
    reader_url = url.replace("//lead@", "//reviewer@")
    a = open_window(url, lid, "a")
    r = open_window(reader_url, lid, "reader")
    assert r.workspace.read_only
    assert "read only" in r.windowTitle()
    scene = r.current_scene()
    monitoring = next(s.id for s in r.docs[lid].stages if s.name == "Monitoring")
    scene.select_ids([monitoring])
    for act in (r.act_delete, r.act_rename, r.act_layout, r.act_new_lifecycle, r.clipboard.act_paste,
                r.toolbar.act_new_stage):
        assert not act.isEnabled(), act.text()
    r.delete_selection()   # Delete pressed anyway: stopped before the store, with a line
    assert r.statusBar().currentMessage().startswith("Read only:")
    assert monitoring in scene.stages and r.workspace.load(lid).stage(monitoring)

    # the lead's edit reaches the read-only window too
    a.rename_stage(lid, monitoring, "Monitoring & alerting")
    qtbot.waitUntil(lambda: scene.stages[monitoring].stage.name == "Monitoring & alerting", timeout=FOLLOW)
    assert scene.selected_stage_ids() == [monitoring]

    # check, export and report work
    r.run_checks()
    assert lid in r.results
    assert r.export_to(str(tmp_path / "plan.svg"))
    import xml.etree.ElementTree as ET

    words = " ".join(t.strip() for t in ET.parse(tmp_path / "plan.svg").getroot().itertext()).split()
    assert {"Monitoring", "&", "alerting"} <= set(words)   # the name as the reader's window shows it
    assert r.write_report_to(str(tmp_path / "retro.md"))
    assert (tmp_path / "retro.md").stat().st_size > 0


def test_a_snapshot_taken_in_one_window_appears_in_the_others_retrospective(team_url, open_window, qtbot):
    from desktop_app.ui.retro_dock import RetroDock

    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    b_retro = next(d for d in b.bottom_docks if isinstance(d, RetroDock))
    b_retro.raise_()
    qtbot.waitUntil(b_retro.isVisible)
    a.workspace.take_snapshot(lid, "Q1 review <by lead>")

    def listed() -> list[str]:
        return [b_retro.snapshot_list.item(i).text() for i in range(b_retro.snapshot_list.count())]

    qtbot.waitUntil(lambda: any(t.startswith("Q1 review <by lead>") for t in listed()), timeout=FOLLOW)
    assert b.statusBar().currentMessage() == "lead took snapshot “Q1 review <by lead>”"


def test_a_lost_connection_is_said_and_the_window_catches_up_when_it_is_back(team_url, open_window, qtbot,
                                                                           pg_cluster, pg_database):
    from PySide6.QtWidgets import QLabel

    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    offline = b.findChild(QLabel, "liveOfflineLabel")
    assert not offline.isVisible()
    shown: list[tuple[bool, str]] = []
    b.live._notices.state.connect(lambda up, _why: shown.append((offline.isVisible(), offline.toolTip())))
    # the server drops the listening connections (a network blip, a restart)
    run_psql(pg_cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         f"WHERE datname = '{pg_database}' AND application_name = 'Lifecycle Studio (listening)'")
    qtbot.waitUntil(lambda: any(visible for visible, _tip in shown), timeout=10 * SECOND)   # said while down ...
    qtbot.waitUntil(lambda: not offline.isVisible() and b.live.listener.connected.is_set(), timeout=10 * SECOND)
    assert any(visible and "others' edits are not shown" in tip for visible, tip in shown)
    # ... and what A does now reaches B again
    monitoring = next(s.id for s in b.docs[lid].stages if s.name == "Monitoring")
    a.rename_stage(lid, monitoring, "Monitoring after the blip")
    qtbot.waitUntil(lambda: b.current_scene().stages[monitoring].stage.name == "Monitoring after the blip",
                    timeout=FOLLOW)


def test_a_name_being_typed_is_not_overwritten_by_anothers_edit(team_url, open_window, qtbot):
    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    names = {s.name: s.id for s in b.docs[lid].stages}
    gate, release = names["Compliance gate"], names["Release"]
    b.current_scene().select_ids([gate])
    field = b.inspector_dock.s_name
    b.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, "Model risk rev")   # B is typing, not done yet
    a.rename_stage(lid, release, "Release to production")
    qtbot.wait(SECOND)   # A's edit has arrived: it waits while B types
    assert field.text() == "Model risk rev"
    qtbot.keyClicks(field, "iew")
    qtbot.keyClick(field, "\r")   # committed: now A's edit is drawn too
    qtbot.waitUntil(lambda: b.current_scene().stages[release].stage.name == "Release to production", timeout=FOLLOW)
    assert b.current_scene().stages[gate].stage.name == "Model risk review"
    qtbot.waitUntil(lambda: a.current_scene().stages[gate].stage.name == "Model risk review", timeout=FOLLOW)


def test_an_edit_overtaken_by_anothers_is_refused_and_the_window_shows_the_plan_now(team_url, open_window, qtbot):
    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    gate = next(s.id for s in b.docs[lid].stages if s.name == "Compliance gate")
    b.live.stop()   # B has not heard of A's edit yet (the notice is on its way)
    a.rename_stage(lid, gate, "Risk gate (A)")
    b.rename_stage(lid, gate, "Risk gate (B)")
    box = b.message_box
    assert box is not None and box.windowTitle() == "The edit was refused"
    assert box.text().startswith("“Risk gate (A)” was changed by lead after you last saw it; nothing was changed")
    assert b.current_scene().stages[gate].stage.name == "Risk gate (A)"   # as the message says
    assert b.undo_stack.count() == 0
    assert b.workspace.load(lid).stage(gate).name == "Risk gate (A)"
    box.close()
    # made again on the plan as it is now, it lands
    b.rename_stage(lid, gate, "Risk gate (B)")
    assert b.workspace.load(lid).stage(gate).name == "Risk gate (B)"
    assert b.undo_stack.count() == 1


def _drawn(window: MainWindow, lid: int):
    """What the window's canvas draws: stages, edges and owner names."""
    scene = window.views[lid].lifecycle_scene()
    return ({sid: (it.stage.name, it.stage.kind, it.stage.owner, it.pos().x(), it.pos().y())
             for sid, it in scene.stages.items()},
            {eid: (it.edge.source, it.edge.target, it.edge.kind, it.edge.trigger, it.edge.latency_days)
             for eid, it in scene.edges.items()},
            dict(scene.owner_names))


def _stored(doc):
    return ({s.id: (s.name, s.kind, s.owner, s.x, s.y) for s in doc.stages},
            {e.id: (e.source, e.target, e.kind, e.trigger, e.latency_days) for e in doc.edges},
            {o.id: o.name for o in doc.owners})


@pytest.mark.parametrize("seed", [3, 11, 4])
def test_two_windows_editing_at_once_both_end_on_the_stored_plan(team_url, open_window, qtbot, seed):
    """Random edits and undos in both windows, interleaved with the notices: the refused ones
    refused, and when all is told both canvases draw exactly the stored plan."""
    import random

    from tests.ui.test_undo import random_edit

    url, lid = team_url
    windows = [open_window(url, lid, "a"), open_window(url, lid, "b")]
    rng = random.Random(seed)
    for _ in range(40):
        w = rng.choice(windows)
        if rng.random() < 0.15 and w.undo_stack.canUndo():
            depth = (w.undo_stack.count(), w.undo_stack.index())
            w.act_undo.trigger()
            # done or refused, never half: the stack moved by one step or not at all
            assert w.undo_stack.count() == depth[0] and w.undo_stack.index() in (depth[1], depth[1] - 1)
        else:
            random_edit(w, rng, lid)
        if w.message_box is not None:
            w.message_box.close()
        qtbot.wait(rng.choice([0, 0, 30, 120]))   # sometimes before the other has heard, sometimes after
    store = windows[0].workspace.load(lid)
    for w in windows:
        with contextlib.suppress(TimeoutError):   # the assertion below shows what differs
            qtbot.waitUntil(lambda w=w: _drawn(w, lid) == _stored(store), timeout=3 * SECOND)
        assert _drawn(w, lid) == _stored(store)
        assert _stored(w.docs[lid]) == _stored(store)


def test_a_read_that_meets_a_dropped_connection_is_tried_again(team_url, open_window, qtbot, pg_cluster,
                                                               pg_database):
    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    monitoring = next(s.id for s in b.docs[lid].stages if s.name == "Monitoring")
    # the server drops the windows' working connections (not the listening ones)
    run_psql(pg_cluster, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         f"WHERE datname = '{pg_database}' AND pid <> pg_backend_pid() "
                         "AND application_name <> 'Lifecycle Studio (listening)'")
    with contextlib.suppress(Exception):
        a.workspace.lifecycles()   # A meets the dropped connection first, and goes on
    a.rename_stage(lid, monitoring, "Monitoring, again")
    assert a.workspace.load(lid).stage(monitoring).name == "Monitoring, again"
    # B's first read after the notice meets its dropped connection: said, then read again
    qtbot.waitUntil(lambda: b.current_scene().stages[monitoring].stage.name == "Monitoring, again",
                    timeout=5 * SECOND)


def test_what_a_reload_after_ones_own_item_edit_brings_is_drawn_at_once(team_url, open_window, qtbot):
    """An item edit reads the window's copy again, with whatever others committed before it:
    the canvas draws that too, without waiting for (here: without) its notice."""
    from desktop_app.ui.phase_commands import UpdateItemCommand

    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    b.live._notices.blockSignals(True)   # B does not hear of A's edit
    monitoring = next(s.id for s in b.docs[lid].stages if s.name == "Monitoring")
    a.rename_stage(lid, monitoring, "Monitoring (A)")
    item = b.docs[lid].phases[0].items[0]
    assert b.push(UpdateItemCommand(b, lid, item.id, {"status": item.status}, {"status": "doing"},
                                    f"Start {item.title}"))
    qtbot.waitUntil(lambda: b.current_scene().stages[monitoring].stage.name == "Monitoring (A)", timeout=FOLLOW)
    assert b.undo_stack.count() == 1


def test_a_big_lifecycle_is_read_off_the_window_and_still_drawn(pg_url, open_window, qtbot):
    """Past a few hundred stages the window reads the others' edits on a worker thread, through
    a connection of its own, so it does not stall at every colleague's commit."""
    from tests.benchmarks.generate import make_lifecycle

    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(make_lifecycle(900, 1500)).lifecycle_id
    a = open_window(pg_url, lid, "a")
    b = open_window(pg_url, lid, "b")
    b_scene = b.current_scene()
    b_scene.select_ids(["s1", "s2"])
    b.rename_stage(lid, "s3", "Mine")
    b_stack = _stack(b)
    s = a.docs[lid].stage("s1")
    a.push(cmd.MoveStagesCommand(a, lid, {"s1": (s.x, s.y)}, {"s1": (s.x + 40, s.y + 40)}))
    # what this test asks is that the read happens off the window's thread; the second of the
    # issue is asserted on a plan of usual size above (a 900-stage read on a busy 2-core machine
    # took over a second in a full run while other work ran)
    qtbot.waitUntil(lambda: (b_scene.stages["s1"].pos().x(), b_scene.stages["s1"].pos().y()) == (s.x + 40, s.y + 40),
                    timeout=5 * SECOND)
    assert b.live._reader.ws is not None   # read through the reader's own connection
    assert sorted(b_scene.selected_stage_ids()) == ["s1", "s2"]
    assert _stack(b) == b_stack
    # the window's edits are checked against what it now shows: B's move of s1 lands
    assert b.push(cmd.MoveStagesCommand(b, lid, {"s1": (s.x + 40, s.y + 40)}, {"s1": (s.x, s.y)}))
    stored = b.workspace.load(lid)
    assert stored.stage("s1").x == s.x
    assert _drawn(b, lid) == _stored(stored)


def _edit_an_item(window: MainWindow, lid: int) -> None:
    """The user ticks a phase item: the window reads its copy again after it (MainWindow._patched)."""
    from desktop_app.ui.phase_commands import UpdateItemCommand

    item = window.docs[lid].phases[0].items[0]
    assert window.push(UpdateItemCommand(window, lid, item.id, {"status": item.status}, {"status": "doing"},
                                         f"Start {item.title}"))


def _draw_the_retrospective_charts(window: MainWindow, lid: int) -> None:
    from desktop_app.ui.retro_dock import RetroDock

    retro = next(d for d in window.bottom_docks if isinstance(d, RetroDock))
    assert retro.lifecycle_id == lid
    retro.draw_charts()   # reads the lifecycle from the workspace


@pytest.mark.parametrize("read", [_edit_an_item, _draw_the_retrospective_charts, MainWindow.duplicate_lifecycle],
                         ids=["item edit", "retrospective charts", "duplicate"])
def test_a_read_the_canvas_did_not_draw_hides_no_ones_edit(team_url, open_window, qtbot, read):
    """A read of the plan that is not drawn on the canvas (a dock, a duplicate, the window's copy
    read again after an item edit) leaves the revision the user's edits are checked against
    alone: B's drag of a stage A moved meanwhile, from where B's canvas still draws it, is
    refused, and B then sees A's move. (It landed before, silently undoing A's move.)"""
    url, lid = team_url
    a = open_window(url, lid, "a")
    b = open_window(url, lid, "b")
    monitoring = next(s.id for s in b.docs[lid].stages if s.name == "Monitoring")
    b.live.stop()   # B has not heard of A's move yet (the notice is on its way)
    was = b.docs[lid].stage(monitoring)
    a.push(cmd.MoveStagesCommand(a, lid, {monitoring: (was.x, was.y)}, {monitoring: (was.x + 200, was.y + 100)}))
    read(b, lid)
    b_scene = b.views[lid].lifecycle_scene()
    assert (b_scene.stages[monitoring].pos().x(), b_scene.stages[monitoring].pos().y()) == (was.x, was.y)
    stack = _stack(b)

    assert not b.push(cmd.MoveStagesCommand(b, lid, {monitoring: (was.x, was.y)}, {monitoring: (was.x - 50, was.y)}))

    box = b.message_box
    assert box is not None and box.windowTitle() == "The edit was refused"
    assert box.text().startswith("“Monitoring” was changed by lead after you last saw it; nothing was changed, "
                                 "and the window now shows the current plan")
    assert (b.workspace.load(lid).stage(monitoring).x, b.workspace.load(lid).stage(monitoring).y) == (
        was.x + 200, was.y + 100)   # A's move kept
    assert (b_scene.stages[monitoring].pos().x(), b_scene.stages[monitoring].pos().y()) == (was.x + 200, was.y + 100)
    assert _stack(b) == stack
    box.close()
    # made again on the plan as B now sees it, it lands
    assert b.push(cmd.MoveStagesCommand(b, lid, {monitoring: (was.x + 200, was.y + 100)},
                                        {monitoring: (was.x - 50, was.y)}))
    assert b.workspace.load(lid).stage(monitoring).x == was.x - 50
