"""File ▸ Export and File ▸ Write Retrospective Report as a user meets them (issue 8): the
dialogs open in the documents folder, then in the folder last written to, also after a
restart; a picture asks for its options (markers, transparent background, scale)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from desktop_app.store import Workspace
from desktop_app.ui.main_window import MainWindow

pytestmark = pytest.mark.desktop   # run again on X11 (tests/ui/test_x11.py)

AMBER = (0xE6, 0xA1, 0x00)   # the warning marker's colour (amber is kept for findings)


class Answers:
    """Answer the modal dialogs that come up, in order, as a user would; records where each
    file dialog opened."""

    def __init__(self, *steps) -> None:
        self.steps = list(steps)
        self.opened_in: list[str] = []
        self.tries = 500
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        w = QApplication.activeModalWidget()
        if self.steps and w is not None and w.isVisible() and w.property("answered") is None:
            w.setProperty("answered", True)
            if isinstance(w, QFileDialog):
                self.opened_in.append(w.directory().absolutePath())
            self.steps.pop(0)(w)
        self.tries -= 1
        if self.steps and self.tries:
            QTimer.singleShot(10, self._poll)


def save_as(path: Path):
    def act(dialog):
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        dialog.accept()
    return act


def options(markers: bool, transparent: bool | None = None, scale: float | None = None):
    def act(dialog):
        assert dialog.objectName() == "exportOptionsDialog"
        dialog.markers.setChecked(markers)
        if transparent is not None:
            assert dialog.transparent.isVisible() and dialog.scale.isVisible()
            dialog.transparent.setChecked(transparent)
            dialog.scale.setCurrentIndex(dialog.scale.findData(scale))
            assert "pixels" in dialog.size_label.text()
        else:
            assert not dialog.transparent.isVisible(), "a transparent background is for a PNG"
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    return act


def amber_pixels(path: Path) -> int:
    with Image.open(path) as im:
        data = im.convert("RGBA").tobytes()
    return sum(1 for i in range(0, len(data), 4)
               if data[i + 3] > 200 and abs(data[i] - AMBER[0]) < 25 and abs(data[i + 1] - AMBER[1]) < 25
               and data[i + 2] < 40)


def test_export_starts_in_documents_remembers_the_folder_and_asks_the_options(window, qtbot, tmp_path, documents):
    out = tmp_path / "slides for friday"
    out.mkdir()
    answers = Answers(save_as(out / "plan.png"), options(markers=True, transparent=False, scale=2.0))
    window.act_export.trigger()
    assert answers.opened_in == [str(documents)], "the first export opens in the documents folder"
    opaque = out / "plan.png"
    assert opaque.exists()

    answers = Answers(save_as(out / "plan-clear.png"), options(markers=False, transparent=True, scale=1.0))
    window.act_export.trigger()
    assert answers.opened_in == [str(out)], "the next one opens where the last went"
    clear = out / "plan-clear.png"
    with Image.open(opaque) as a, Image.open(clear) as b:
        assert abs(a.width - 2 * b.width) <= 1 and abs(a.height - 2 * b.height) <= 1, "scale 1× is half of 2×"
        assert a.convert("RGBA").getpixel((0, 0))[3] == 255
        assert b.convert("RGBA").getpixel((0, 0))[3] == 0, "the background is transparent"
    assert amber_pixels(opaque) > 20, "warnings are marked on the stages"
    assert amber_pixels(clear) == 0, "markers off: no marks"

    # an SVG asks for markers only; the options asked last are offered again
    answers = Answers(save_as(out / "plan.svg"), options(markers=False))
    window.act_export.trigger()
    assert (out / "plan.svg").exists() and "#e6a100" not in (out / "plan.svg").read_text().lower()

    # the next export proposes an SVG again, with the SVG filter chosen
    proposed = {}

    def look(dialog):
        proposed["name"] = Path(dialog.selectedFiles()[0]).name
        proposed["filter"] = dialog.selectedNameFilter()
        dialog.reject()

    Answers(look)
    window.act_export.trigger()
    assert proposed["name"].endswith(".svg") and proposed["filter"] == "SVG drawing (*.svg)"


def test_report_dialog_has_its_own_folder_and_both_survive_a_restart(window, qtbot, tmp_path, documents, workspace_path):
    reports = tmp_path / "retros"
    reports.mkdir()
    answers = Answers(save_as(reports / "retro.html"))
    window.act_report.trigger()
    assert answers.opened_in == [str(documents)]
    assert (reports / "retro.html").exists()
    answers = Answers(lambda d: d.reject())
    window.act_export.trigger()
    assert answers.opened_in == [str(documents)], "an export has not been written yet: documents"

    window.close()
    ws = Workspace.open(workspace_path)
    again = MainWindow(ws, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                       open_lifecycle=ws.lifecycles()[0].id)
    try:
        again.show()
        answers = Answers(lambda d: d.reject())
        again.act_report.trigger()
        assert answers.opened_in == [str(reports)], "remembered across a restart"
    finally:
        again.close()
        again.deleteLater()


def test_a_folder_that_is_gone_falls_back_to_documents(window, tmp_path, documents):
    gone = tmp_path / "usb stick"
    gone.mkdir()
    window.settings.setValue("export/lastFolder", str(gone))
    gone.rmdir()
    answers = Answers(lambda d: d.reject())
    window.act_export.trigger()
    assert answers.opened_in == [str(documents)]


def test_the_png_options_say_when_the_scale_is_lowered_to_fit(qtbot, tmp_path):
    """Before a big diagram is written, the dialog's size line says the picture is scaled down
    to the PNG's size cap, and that the names will be too small to draw."""
    from desktop_app.model.document import Lifecycle, Stage
    from desktop_app.ui.export_options import ExportOptionsDialog, saved_options

    options = saved_options(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    far = Lifecycle(name="Far", paradigm="hybrid", stages=[
        Stage("a", "Near", "data", x=0, y=0), Stage("b", "Far away", "deploy", x=30000, y=9000)])
    near = Lifecycle(name="Near", paradigm="hybrid", stages=[Stage("a", "Near", "data", x=0, y=0)])
    for doc, lowered in ((far, True), (near, False)):
        dialog = ExportOptionsDialog(doc, str(tmp_path / "d.png"), options, None)
        qtbot.addWidget(dialog)
        dialog.scale.setCurrentIndex(dialog.scale.findData(2.0))
        text = dialog.size_label.text()
        assert "pixels" in text
        assert ("scale lowered" in text) is lowered and ("names too small" in text) is lowered, text


def test_workspace_dialogs_start_in_documents_then_where_the_last_one_went(window, tmp_path, documents):
    """File ▸ Open, Save As and New Workspace open in the documents folder, not the workspace's
    own folder (for the default workspace a hidden data folder), then in the folder last chosen."""
    assert window.workspace.path.parent == tmp_path != documents
    answers = Answers(lambda d: d.reject())
    window.open_dialog()
    assert answers.opened_in == [str(documents)]
    team = tmp_path / "Team files"
    team.mkdir()
    answers = Answers(save_as(team / "copy.lcstudio"))
    window.save_as_dialog()
    assert answers.opened_in == [str(documents)] and window.workspace.path == team / "copy.lcstudio"
    for dialog in (window.open_dialog, window.new_workspace_dialog, window.save_as_dialog):
        answers = Answers(lambda d: d.reject())
        dialog()
        assert answers.opened_in == [str(team)], dialog.__name__
