"""File ▸ New Lifecycle (Ctrl+N): a template or Blank, a name asked for, and a plan that starts
today: no overdue items, nothing done already (issue 8). The bundled examples stay as shipped."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.cli import main
from desktop_app.interchange import load_template, read_document
from desktop_app.store import Workspace
from tests.examples import EXAMPLES
from tests.ui.conftest import answer_modal

CTRL = Qt.KeyboardModifier.ControlModifier


def fill_new_lifecycle(template_label: str | None, name: str, seen: dict):
    """What a user does in the dialog: pick the template, type the name, press Enter."""
    def act(dialog):
        try:
            fill(dialog)
        except Exception:
            dialog.reject()   # a dialog that is not the expected one fails the test, never hangs it
            raise

    def fill(dialog):
        seen["title"] = dialog.windowTitle()
        seen["choices"] = [dialog.template.itemText(i) for i in range(dialog.template.count())]
        seen["suggested"] = dialog.name.text()
        if template_label is not None:
            dialog.template.setCurrentIndex(dialog.template.findText(template_label))
        dialog.name.selectAll()
        from PySide6.QtTest import QTest
        QTest.keyClicks(dialog.name, name)
        seen["create_enabled"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    return act


def press_ctrl_n(window, qtbot) -> None:
    view = window.current_view()
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL)


def test_ctrl_n_asks_the_name_and_the_plan_starts_today(window, qtbot):
    seen: dict = {}
    answer_modal(fill_new_lifecycle("Hybrid", "Churn model 2027", seen))
    press_ctrl_n(window, qtbot)
    assert seen["title"] == "New lifecycle"
    assert seen["choices"][0] == "Blank" and "Hybrid" in seen["choices"]
    assert seen["suggested"] == load_template("hybrid").name
    assert seen["create_enabled"]
    doc = window.current_doc()
    assert doc.name == "Churn model 2027"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Churn model 2027"

    today = date.today()
    items = doc.items()
    assert items and {i.status for i in items} == {"todo"} and {i.done_on for i in items} == {None}
    assert all(i.due is None or i.due >= today for i in items)
    dates = [d for p in doc.phases for d in (p.planned_start, p.planned_end) if d]
    assert min(dates + [i.due for i in items if i.due]) == today
    # the plan keeps its shape: phase 1 is as long as in the template
    shipped = {p.number: p for p in load_template("hybrid").phases}
    p1 = next(p for p in doc.phases if p.number == 1)
    assert p1.planned_end - p1.planned_start == shipped[1].planned_end - shipped[1].planned_start
    # what the user sees: no overdue item and no phase half done
    window.run_checks()
    rules = {f.rule for f in window.findings_dock.findings}
    assert "LC403" not in rules and "LC402" not in rules
    # the template as shipped is the bundled example, untouched
    assert load_template("hybrid", with_playbook=False) == read_document(EXAMPLES / "hybrid.lifecycle.json")


def test_blank_makes_an_empty_canvas_with_the_four_phases(window, qtbot):
    seen: dict = {}
    answer_modal(fill_new_lifecycle("Blank", "Fraud scoring", seen))
    press_ctrl_n(window, qtbot)
    doc = window.current_doc()
    assert doc.name == "Fraud scoring"
    assert doc.stages == [] and doc.edges == []
    assert [p.number for p in doc.phases] == [1, 2, 3, 4]
    assert {i.status for i in doc.items()} == {"todo"}
    assert window.current_scene().stages == {}


def test_an_empty_name_cannot_be_created_and_a_taken_one_gets_a_number(window, qtbot):
    seen: dict = {}

    def clear_then_cancel(dialog):
        try:
            dialog.name.clear()
            seen["enabled"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        finally:
            dialog.reject()
    count = len(window.workspace.lifecycles())
    answer_modal(clear_then_cancel)
    window.act_new_lifecycle.trigger()
    assert seen["enabled"] is False
    assert len(window.workspace.lifecycles()) == count

    taken = window.workspace.lifecycles()[0].name
    answer_modal(fill_new_lifecycle("Feedback loop", taken, seen))
    window.act_new_lifecycle.trigger()
    assert window.current_doc().name == f"{taken} (2)"


def test_the_lifecycles_panel_new_menu_asks_the_name_too(window, qtbot):
    seen: dict = {}
    dock = window.lifecycles_dock
    dock.fill_template_menu()
    labels = [a.text() for a in dock.template_menu.actions() if not a.isSeparator()]
    assert labels[0] == "Blank"
    answer_modal(fill_new_lifecycle(None, "Pricing", seen))
    next(a for a in dock.template_menu.actions() if a.text() == "Assembly line").trigger()
    assert seen["suggested"] == load_template("assembly-line").name
    assert window.current_doc().name == "Pricing"


def test_new_workspace_from_the_command_line_is_a_plan_from_today(tmp_path, capsys):
    path = tmp_path / "team.lcstudio"
    assert main(["new", str(path), "--template", "hybrid"]) == 0
    with Workspace.open(path) as ws:
        doc = ws.load(ws.lifecycles()[0].id)
    assert {i.status for i in doc.items()} == {"todo"}
    assert all(i.due is None or i.due >= date.today() for i in doc.items())
