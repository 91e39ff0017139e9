"""The inspector edits every field of an edge and of the lifecycle, each one undoable step."""

from __future__ import annotations



def choose(combo, value) -> None:
    """Pick ``value`` in a combo box as a user does (the choice, then its activation)."""
    i = combo.findData(value)
    assert i >= 0, value
    combo.setCurrentIndex(i)
    combo.activated.emit(i)


def test_edge_fields(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    scene, insp = window.current_scene(), window.inspector_dock
    scene.select_ids(edge_ids=["e7"])
    assert insp.stack.currentWidget() is insp.edge_page and insp.edge.id == "e7"
    choose(insp.e_trigger, "drift")
    assert reopen(window, lid).edge("e7").trigger == "drift"
    assert scene.edges["e7"].caption.startswith("drift")
    insp.e_latency.setValue(-1)          # the special value: no latency
    insp.e_latency.editingFinished.emit()
    assert reopen(window, lid).edge("e7").latency_days is None
    insp.e_label.setText("weekly drift report")
    insp.e_label.editingFinished.emit()
    assert reopen(window, lid).edge("e7").label == "weekly drift report"
    choose(insp.e_target, "data")
    assert reopen(window, lid).edge("e7").target == "data"
    choose(insp.e_kind, "flow")
    assert reopen(window, lid).edge("e7").kind == "flow"
    assert scene.edges["e7"].edge.kind == "flow"
    for _ in range(5):
        window.act_undo.trigger()
    e = reopen(window, lid).edge("e7")
    assert (e.kind, e.target, e.trigger, e.latency_days, e.label) == ("feedback", "experiment", "alert", 7, "")


def test_lifecycle_fields_rules_and_suppressions(window, qtbot, reopen):
    lid = window.current_lifecycle_id()
    insp = window.inspector_dock
    window.current_scene().clearSelection()
    assert insp.stack.currentWidget() is insp.lifecycle_page
    insp.l_name.setText("Hybrid, renamed")
    insp.l_name.editingFinished.emit()
    assert reopen(window, lid).name == "Hybrid, renamed"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Hybrid, renamed"
    assert any(i.name == "Hybrid, renamed" for i in window.workspace.lifecycles())
    choose(insp.l_paradigm, "assembly-line")
    assert reopen(window, lid).paradigm == "assembly-line"
    qtbot.waitUntil(lambda: "LC209" in {f.rule for f in window.findings_dock.findings})

    # a rule setting: LC304 switched off from the rules table
    i = insp.l_rule_code.findData("LC304")
    insp.l_rule_code.setCurrentIndex(i)
    insp.l_rule_add.click()
    assert "LC304" in reopen(window, lid).rules
    row = next(r for r in range(insp.l_rules.rowCount()) if insp.l_rules.item(r, 0).text() == "LC304")
    choose(insp.l_rules.cellWidget(row, 1), "off")
    assert reopen(window, lid).rules["LC304"] == {"severity": "off"}
    qtbot.waitUntil(lambda: "LC304" not in {f.rule for f in window.findings_dock.findings})
    # parameters as JSON
    window.push(__import__("desktop_app.ui.commands", fromlist=["x"]).SetRuleCommand(
        window, lid, "LC206", None, {"max_feedback_days": 30}))
    row = next(r for r in range(insp.l_rules.rowCount()) if insp.l_rules.item(r, 0).text() == "LC206")
    insp.l_rules.item(row, 2).setText('{"max_feedback_days": 3}')
    assert reopen(window, lid).rules["LC206"] == {"max_feedback_days": 3}

    # suppressions are listed and can be removed
    from desktop_app.model.document import Suppression
    from desktop_app.ui.commands import AddSuppressionCommand

    window.push(AddSuppressionCommand(window, lid, Suppression("LC305", "regulated"), 0))
    assert insp.l_suppressions.count() == 1
    insp.l_suppressions.setCurrentRow(0)
    insp.l_unsuppress.click()
    assert reopen(window, lid).suppressions == []
