"""File > Open takes a draw.io diagram as it takes a .lifecycle.json: imported into the workspace
(undoably), with what was guessed shown; a refused diagram shows every problem and adds nothing."""

from __future__ import annotations

from tests.interchange.drawio_fixtures import mxfile, team_model
from tests.interchange.test_drawio_import import BILLION_LAUGHS


def test_open_a_drawio_imports_it_and_shows_the_guesses(window, tmp_path):
    path = tmp_path / "team.drawio"
    path.write_text(mxfile(("Team lifecycle", team_model()), compressed=True), encoding="utf-8")
    before = len(window.workspace.lifecycles())
    assert window.open_path(str(path))
    assert window.current_doc().name == "Team lifecycle"
    assert len(window.current_doc().stages) == 8
    box = window.message_box
    assert box is not None and box.objectName() == "importSummary"
    assert "team.drawio became the lifecycle “Team lifecycle”: 8 stages, 7 edges." == box.text()
    assert "kind of 'Weekly review': guessed learn (from 'review')" in box.detailedText()
    box.grab().save(str(tmp_path / "summary.png"))
    box.close()
    window.act_undo.trigger()
    assert len(window.workspace.lifecycles()) == before


def test_open_a_refused_drawio_lists_the_problem_and_adds_nothing(window, tmp_path):
    bomb = tmp_path / "bomb.drawio"
    bomb.write_text(BILLION_LAUGHS)
    before = len(window.workspace.lifecycles())
    assert not window.open_path(str(bomb))
    assert "bomb.drawio" in window.message_box.text()
    assert "(DTD), which is refused" in window.message_box.informativeText()
    assert len(window.workspace.lifecycles()) == before
    window.message_box.close()


def test_open_a_drawio_of_several_pages_asks_which(window, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    from tests.interchange.drawio_fixtures import edge, model, vertex
    from tests.ui.conftest import answer_modal

    path = tmp_path / "pages.drawio"
    path.write_text(mxfile(("Production", model(vertex("a", "Deploy", 0, 0))),
                           ("Draft", model(vertex("b", "Monitor", 0, 0), vertex("c", "Retrain", 200, 0),
                                           edge("x", "b", "c"))), compressed=True), encoding="utf-8")
    seen = {}

    def pick_draft(dialog):
        assert isinstance(dialog, QInputDialog) and dialog.objectName() == "choosePage"
        seen["items"] = dialog.comboBoxItems()
        dialog.setTextValue("Draft")
        dialog.accept()

    answer_modal(pick_draft)
    assert window.open_path(str(path))
    assert seen["items"] == ["Production", "Draft"]
    assert window.current_doc().name == "Draft"
    assert [s.name for s in window.current_doc().stages] == ["Monitor", "Retrain"]
    details = window.message_box.detailedText()
    assert "the file also holds 'Production' (open the file again to import another)" in details
    window.message_box.close()

    before = len(window.workspace.lifecycles())
    answer_modal(lambda dialog: dialog.reject())
    assert not window.open_path(str(path))
    assert len(window.workspace.lifecycles()) == before
