"""The findings dock and the stage tooltips make their texts when asked (model/view, no string
per finding and stage up front); what a user sees after edits stays right: names in the Where
column and the tooltips, the markers, the filters. Run on the worker-thread path big
lifecycles take (the threshold lowered), and on the inline one."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

NEW_NAME = 'Ship <it> & "go"'


def _row(dock, rule: str) -> int | None:
    return next((r for r, f in enumerate(dock.model.rows) if f.rule == rule), None)


@pytest.mark.parametrize("threaded", [True, False])
def test_findings_follow_edits_with_names_on_demand(window, qtbot, monkeypatch, threaded):
    from desktop_app.ui import main_window

    if threaded:
        monkeypatch.setattr(main_window, "THREAD_ABOVE_STAGES", 0)
    lid = window.current_lifecycle_id()
    scene, dock = window.current_scene(), window.findings_dock
    qtbot.waitUntil(lambda: bool(dock.findings))
    # cut the monitor's feedback edges: a deployment cliff on the release
    scene.select_ids(edge_ids=["e7", "e8"])
    window.delete_selection()
    qtbot.waitUntil(lambda: _row(dock, "LC203") is not None)
    window.rename_stage(lid, "release", NEW_NAME)
    qtbot.waitUntil(lambda: _row(dock, "LC203") is not None
                    and dock.model.index(_row(dock, "LC203"), 3).data() == NEW_NAME)
    row = _row(dock, "LC203")
    assert dock.model.index(row, 0).data() == "error"
    assert dock.model.index(row, 1).data() == "LC203"
    tip = dock.model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Ship &lt;it&gt; &amp; &quot;go&quot;" in tip and "<it>" not in tip
    assert scene.stages["release"].look.marker == "error"
    assert any(n.startswith("LC203 error: ") for n in scene.finding_notes["release"])
    assert scene.finding_notes.get("no-such-stage") is None

    # the error filter hides the row; showing errors again brings it back
    dock.filters["error"].setChecked(False)
    assert "LC203" not in {f.rule for f in dock.visible_findings()}
    dock.filters["error"].setChecked(True)
    assert dock.select_finding("LC203")
    assert dock.current_finding().rule == "LC203"

    # the repair: a feedback edge from monitoring back to the experiments
    window.connect_stages(lid, "monitor", "experiment", feedback=True)
    qtbot.waitUntil(lambda: _row(dock, "LC203") is None and dock.findings
                    and "LC203" not in {f.rule for f in dock.findings})
    assert not any(n.startswith("LC203") for n in scene.finding_notes.get("release", []))
    assert scene.stages["release"].look.marker != "error"
    # every Where shown names, never an id of the lifecycle's stages
    doc = window.current_doc()
    ids = {s.id for s in doc.stages} - {s.name for s in doc.stages}
    for r in range(dock.model.rowCount()):
        where = dock.model.index(r, 3).data()
        assert not set(where.replace(" → ", ", ").split(", ")) & ids, where


def test_rows_wrap_again_when_a_column_narrows(window, qtbot):
    """Row heights are kept per cell and width: a narrower Message column makes a long message's
    row taller again (the kept sizes are dropped), a wider one shorter."""
    dock = window.findings_dock
    qtbot.waitUntil(lambda: dock.model.rowCount() > 0)
    dock.resize(900, 400)
    tree, model = dock.tree, dock.model
    header = tree.header()
    header.setSectionResizeMode(2, header.ResizeMode.Interactive)
    row = max(range(model.rowCount()), key=lambda r: len(model.index(r, 2).data()))
    index = model.index(row, 2)
    header.resizeSection(2, 600)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() > 0)
    wide = tree.visualRect(index).height()
    header.resizeSection(2, 120)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() > wide)
    header.resizeSection(2, 600)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() == wide)


def test_closing_a_big_lifecycles_tab_lets_the_collector_sweep_it_again(window, qtbot, monkeypatch):
    """The checks of a big lifecycle freeze its objects out of the cyclic collector; closing
    its tab hands them back, so cycles among a closed tab's objects are not kept for good."""
    import gc

    from desktop_app.ui import main_window

    monkeypatch.setattr(main_window, "THREAD_ABOVE_STAGES", 0)
    lid = window.current_lifecycle_id()
    window.run_checks()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    window._close_tab(window.tabs.indexOf(window.views[lid]))
    assert lid not in window.views
    assert gc.get_freeze_count() == 0
