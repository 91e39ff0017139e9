"""The findings dock follows the edits: a deployment cliff appears and goes, a quick fix is
applied and undone, a suppression is added with its reason."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from tests.ui.conftest import answer_modal
from tests.ui.test_editor import drag


def rules(window) -> set[str]:
    return {f.rule for f in window.findings_dock.findings if not f.suppressed}


def test_deployment_cliff_appears_and_goes(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    view, scene = window.current_view(), window.current_scene()
    qtbot.waitUntil(lambda: bool(window.findings_dock.findings))
    assert "LC203" not in rules(window)

    # cut the monitor's feedback edges: the release now reaches no improvement stage
    scene.select_ids(edge_ids=["e7", "e8"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "LC203" in rules(window))
    cliff = next(f for f in window.findings_dock.findings if f.rule == "LC203")
    assert cliff.stages == ("release",)
    assert scene.stages["release"].look.marker == "error"
    assert any(n.startswith("LC203 error") for n in scene.finding_notes["release"])   # its tooltip
    shown = [f.rule for f in window.findings_dock.visible_findings()]
    assert "LC203" in shown and shown.index("LC203") < len(shown)
    assert "error" in window.status_counts.text() and not window.status_counts.text().startswith("0 errors")

    # clicking the finding selects and centres the stage
    window.findings_dock.select_finding("LC203")
    window.reveal_finding(window.findings_dock.current_finding())
    assert scene.selected_stage_ids() == ["release"]
    centre = view.mapToScene(view.viewport().rect().center())
    assert scene.stages["release"].sceneBoundingRect().adjusted(-200, -200, 200, 200).contains(centre)

    # the fix: a feedback edge from monitoring back to the experiments (Shift+drag)
    window.act_fit.trigger()
    m = scene.stages["monitor"]
    drag(qtbot, view, m.mapToScene(m.handle_center()), scene.stages["experiment"].scene_box().center(),
         Qt.KeyboardModifier.ShiftModifier)
    assert any(e.kind == "feedback" and (e.source, e.target) == ("monitor", "experiment")
               for e in reopen(window, lid).edges)
    qtbot.waitUntil(lambda: "LC203" not in rules(window))
    # the marker follows: it now shows the worst of what remains on the stage
    from desktop_app.export.painter import worst_markers
    assert scene.stages["release"].look.marker == worst_markers(window.findings_dock.findings).get("release")


def test_quick_fix_applied_and_undone(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    loop = window.connect_stages(lid, "release", "release", feedback=True)
    qtbot.waitUntil(lambda: "LC106" in rules(window))
    dock = window.findings_dock
    assert dock.select_finding("LC106")
    assert dock.fix_button.isEnabled()
    qtbot.mouseClick(dock.fix_button, Qt.MouseButton.LeftButton)
    assert loop not in {e.id for e in reopen(window, lid).edges}
    assert window.act_undo.text().startswith("&Undo Quick fix LC106")
    qtbot.waitUntil(lambda: "LC106" not in rules(window))

    window.act_undo.trigger()
    assert loop in {e.id for e in reopen(window, lid).edges}
    qtbot.waitUntil(lambda: "LC106" in rules(window))
    window.act_redo.trigger()
    assert loop not in {e.id for e in reopen(window, lid).edges}


@pytest.mark.desktop
def test_quick_fix_with_a_choice_assigns_an_owner(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    from desktop_app.ui import commands as cmd

    window.push(cmd.UpdateStageCommand(window, lid, "tests", {"owner": "pod"}, {"owner": None}, "Clear owner"))
    qtbot.waitUntil(lambda: "LC301" in rules(window))
    dock = window.findings_dock
    dock.select_finding("LC301")

    def pick_risk(dialog):
        dialog.combo.setCurrentIndex(dialog.combo.findData("risk"))
        dialog.accept()

    answer_modal(pick_risk)
    qtbot.mouseClick(dock.fix_button, Qt.MouseButton.LeftButton)
    assert reopen(window, lid).stage("tests").owner == "risk"
    qtbot.waitUntil(lambda: "LC301" not in rules(window))


@pytest.mark.desktop
def test_suppression_needs_a_reason_and_is_kept(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    qtbot.waitUntil(lambda: "LC305" in rules(window))
    dock = window.findings_dock
    dock.select_finding("LC305")
    seen = {}

    def fill_reason(dialog):
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        seen["ok_enabled_when_blank"] = ok.isEnabled()
        qtbot.keyClicks(dialog.reason, "Hand-offs are required by the regulator")
        seen["ok_enabled_with_reason"] = ok.isEnabled()
        ok.click()

    answer_modal(fill_reason)
    qtbot.mouseClick(dock.suppress_button, Qt.MouseButton.LeftButton)
    assert seen == {"ok_enabled_when_blank": False, "ok_enabled_with_reason": True}
    doc = reopen(window, lid)
    assert [(s.rule, s.stage, s.reason) for s in doc.suppressions] == [
        ("LC305", "release", "Hand-offs are required by the regulator")]
    qtbot.waitUntil(lambda: "LC305" not in rules(window))
    # hidden by default, listed (with its reason) when asked
    assert all(not f.suppressed for f in dock.visible_findings())
    dock.show_suppressed.setChecked(True)
    suppressed = [f for f in dock.visible_findings() if f.suppressed]
    assert [(f.rule, f.reason) for f in suppressed] == [("LC305", "Hand-offs are required by the regulator")]
    assert "suppressed" in window.status_counts.text()
    window.act_undo.trigger()
    assert reopen(window, lid).suppressions == []


def test_severity_filter(window, qtbot):
    qtbot.waitUntil(lambda: bool(window.findings_dock.findings))
    dock = window.findings_dock
    assert any(f.severity == "warning" for f in dock.visible_findings())
    dock.filters["warning"].click()
    assert dock.visible_findings() and all(f.severity != "warning" for f in dock.visible_findings())


def test_status_bar_shows_the_assessment(window, qtbot):
    qtbot.waitUntil(lambda: bool(window.status_class.text()))
    assert "Hybrid" in window.status_class.text()
    assert "Loop coverage 100 %" == window.status_coverage.text()
    assert "Feedback latency 7 days" == window.status_latency.text()
    # the first-run hybrid is a plan from today (nothing overdue): one warning is left
    assert window.status_counts.text() == "0 errors · 1 warning · 1 info"


def test_big_lifecycles_are_checked_off_the_ui_thread(window, qtbot, monkeypatch):
    """Above a size the checks run on a worker thread, on the document kept in step with the
    Changes; it gives the same findings as the file."""
    import random

    from desktop_app.checks import check_lifecycle
    from desktop_app.ui import main_window
    from tests.ui.test_undo import random_edit

    monkeypatch.setattr(main_window, "THREAD_ABOVE_STAGES", 0)
    lid = window.current_lifecycle_id()
    rng = random.Random(5)
    for _ in range(25):
        random_edit(window, rng, lid)
    window.current_scene().select_ids(edge_ids=[e for e in ("e7", "e8") if e in window.current_scene().edges])
    window.delete_selection()
    window.run_checks()
    qtbot.waitUntil(lambda: window.results.get(lid) is not None and window._check_generation and
                    window.findings_dock.findings == window.results[lid].findings)

    def key(result):
        return sorted((f.rule, f.stages, f.edges, f.items, f.owners, f.phase, f.suppressed) for f in result.findings)

    qtbot.waitUntil(lambda: key(window.results[lid]) == key(check_lifecycle(window.workspace.load(lid))))
