"""The Retrospective dock: snapshots, the comparison of two of them (or one and now), the
retrospective's notes and action items, and the charts.

matplotlib is imported only when the Charts tab is first shown (DESIGN.md, lazy weight): the
window's start does not pay for it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDockWidget, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMenu, QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop_app.model.document import MAX_NAME, PHASE_NAMES, Lifecycle
from desktop_app.model.text import one_line, quoted
from desktop_app.reports.diff import Comparison, comparison_sections
from desktop_app.store import WorkspaceError
from desktop_app.ui.phase_commands import PromoteActionItemCommand
from desktop_app.ui.retro_commands import (
    AddActionItemCommand, DeleteActionItemCommand, SaveNotesCommand, SetActionItemDoneCommand,
)

REFRESH_DELAY_MS = 400  # comparing with "now" reruns the checks: once an edit burst is over
NOTES_DELAY_MS = 700    # notes are saved once the typing pauses (no Save button anywhere)
# "now" in the until box; item data never holds None (PySide6 on Python 3.11 miscounts the
# references of a None read back through QVariant, which ends in a crash)
NOW_ID = -1
MARKS = {"-": "−"}  # a true minus sign lines up with the plus in the tree


class SnapshotViewer(QDialog):
    """A snapshot drawn by the canvas, read-only: the scene's edit signals go nowhere and the
    view takes no input that could start an edit."""

    def __init__(self, doc: Lifecycle, label: str, parent=None) -> None:
        from desktop_app.ui.canvas.scene import LifecycleScene
        from desktop_app.ui.canvas.view import CanvasView

        super().__init__(parent)
        self.setObjectName("snapshotViewer")
        self.setWindowTitle(f"{one_line(doc.name)} — snapshot {quoted(label)} (read-only)")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.doc = doc
        self.scene = LifecycleScene(-1, doc, None, self)
        self.view = CanvasView(self.scene, self)
        self.view.setInteractive(False)
        layout = QVBoxLayout(self)
        note = QLabel(f"Snapshot {quoted(label)}: read-only. Restore it to edit a copy.", self)
        note.setTextFormat(Qt.TextFormat.PlainText)   # the snapshot's label as typed, not markup
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        self.resize(1000, 650)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.view.fit()  # sized now: the whole snapshot in view


class RetroDock(QDockWidget):
    def __init__(self, workspace_or_window, main_window=None) -> None:
        window = main_window if main_window is not None else workspace_or_window
        super().__init__("Retrospective", window)
        self.main_window = window
        self.setObjectName("retroDock")
        self.lifecycle_id: int | None = None
        self.comparison: Comparison | None = None
        self.sides: tuple[Any, Any] | None = None  # reports.retrospective.Side: since, until
        self.retrospective_id: int | None = None
        self.chart_canvases: list[Any] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_after_edit)
        self._stale = False
        # typed notes wait here until the typing pauses: where they belong (lifecycle, since,
        # until, retrospective) and the text they replace, so a refresh or a change of the
        # compared pair in between saves them to the right retrospective first
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self.flush_notes)
        self._notes_target: tuple[int, int | None, int | None, int | None, str] | None = None
        self._loading_notes = False

        splitter = QSplitter(self)
        splitter.addWidget(self._build_snapshots(splitter))
        self.tabs = QTabWidget(splitter)
        self.tabs.addTab(self._build_comparison(), "Comparison")
        self.tabs.addTab(self._build_notes(), "Notes and actions")
        self.charts_page = QScrollArea()
        self.charts_page.setWidgetResizable(True)
        self.charts_page.setWidget(QLabel("The charts are drawn when this tab is first shown.",
                                          self.charts_page))
        self.tabs.addTab(self.charts_page, "Charts")
        self.tabs.currentChanged.connect(self._tab_changed)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        self.setWidget(splitter)
        # notes typed just before the window closes are saved first
        window.installEventFilter(self)
        self._edit_menu_hooked = False
        self.set_lifecycle(None)

    @property
    def workspace(self):
        return self.main_window.workspace

    # ---- building ------------------------------------------------------------------------------

    def _build_snapshots(self, parent) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel("<b>Snapshots</b>", box))
        self.snapshot_list = QListWidget(box)
        self.snapshot_list.itemDoubleClicked.connect(lambda _i: self._view_selected())
        layout.addWidget(self.snapshot_list, 1)
        row = QHBoxLayout()
        self.take_button = QPushButton("Take…", box)
        self.take_button.setToolTip("Take a labelled snapshot of the lifecycle as it is now")
        self.take_button.clicked.connect(self._ask_label)
        self.view_button = QPushButton("View", box)
        self.view_button.setToolTip("Show the selected snapshot on a read-only canvas")
        self.view_button.clicked.connect(self._view_selected)
        self.restore_button = QPushButton("Restore", box)
        self.restore_button.setToolTip("Restore the selected snapshot as a new lifecycle")
        self.restore_button.clicked.connect(self._restore_selected)
        for b in (self.take_button, self.view_button, self.restore_button):
            row.addWidget(b)
        layout.addLayout(row)
        return box

    def _build_comparison(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.since_box = QComboBox(page)
        self.until_box = QComboBox(page)
        row.addWidget(QLabel("Since", page))
        row.addWidget(self.since_box, 1)
        row.addWidget(QLabel("until", page))
        row.addWidget(self.until_box, 1)
        layout.addLayout(row)
        self.since_box.currentIndexChanged.connect(lambda _i: self.compare())
        self.until_box.currentIndexChanged.connect(lambda _i: self.compare())
        self.result_tree = QTreeWidget(page)
        self.result_tree.setHeaderHidden(True)
        layout.addWidget(self.result_tree, 1)
        return page

    def _build_notes(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        left = QVBoxLayout()
        self.notes_title = QLabel(page)
        left.addWidget(self.notes_title)
        self.notes_edit = QPlainTextEdit(page)
        self.notes_edit.setObjectName("retroNotes")
        self.notes_edit.setPlaceholderText("What went well, what did not, what we learnt… "
                                           "(saved as you type)")
        self.notes_edit.textChanged.connect(self._notes_typed)
        self.notes_edit.installEventFilter(self)    # leaving the box saves at once
        left.addWidget(self.notes_edit, 1)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Action items</b>", page))
        self.action_list = QListWidget(page)
        self.action_list.itemChanged.connect(self._action_toggled)
        self.action_list.installEventFilter(self)   # Delete removes the selected action item
        right.addWidget(self.action_list, 1)
        row = QHBoxLayout()
        self.action_edit = QLineEdit(page)
        self.action_edit.setPlaceholderText("New action item")
        self.action_edit.returnPressed.connect(lambda: self.add_action_item(self.action_edit.text()))
        add = QPushButton("Add", page)
        add.clicked.connect(lambda: self.add_action_item(self.action_edit.text()))
        self.remove_action_button = QPushButton("Remove", page)
        self.remove_action_button.setToolTip("Remove the selected action item (Delete; undoable)")
        self.remove_action_button.clicked.connect(self._remove_selected_action)
        row.addWidget(self.action_edit, 1)
        row.addWidget(add)
        row.addWidget(self.remove_action_button)
        right.addLayout(row)
        row = QHBoxLayout()
        self.promote_phase = QComboBox(page)
        for number, name in sorted(PHASE_NAMES.items()):
            self.promote_phase.addItem(f"Phase {number}: {name}", number)
        self.promote_button = QPushButton("Make phase item", page)
        self.promote_button.setToolTip("Add the selected action item to the chosen phase's checklist")
        self.promote_button.clicked.connect(self._promote_selected)
        row.addWidget(self.promote_phase, 1)
        row.addWidget(self.promote_button)
        right.addLayout(row)
        layout.addLayout(right, 2)
        return page

    # ---- following the window ------------------------------------------------------------------

    def set_lifecycle(self, lifecycle_id: int | None) -> None:
        self.flush_notes()
        self.lifecycle_id = lifecycle_id
        self.setEnabled(lifecycle_id is not None)
        self.sides = self.comparison = None
        if self.isVisible():
            self.refresh_snapshots()
        else:
            self._stale = True  # comparing runs the checks: only once the dock is shown

    def apply_change(self, change) -> None:
        if self.lifecycle_id is None or change.lifecycle_id != self.lifecycle_id:
            return
        if not self.isVisible():
            self._stale = True
            return
        if change.snapshot_id is not None or change.operation == "take_snapshot":
            self.refresh_snapshots()  # also re-compares
        elif getattr(change, "retrospective_id", None) is not None:
            self._show_retrospective()
        elif self.sides is not None and self.sides[1].snapshot_id is None:
            self._timer.start()  # compared with now, and now just changed
        elif self.chart_canvases:
            self._timer.start()

    def _refresh_after_edit(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self.compare()
        if self.tabs.currentWidget() is self.charts_page:
            self.draw_charts()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh_snapshots()

    # ---- snapshots -----------------------------------------------------------------------------

    def snapshot_infos(self) -> list:
        return self.workspace.snapshots(self.lifecycle_id) if self.lifecycle_id is not None else []

    def refresh_snapshots(self) -> None:
        infos = self.snapshot_infos()
        keep_since = self.since_box.currentData() if self.since_box.count() else None
        keep_until = self._until_id()
        self.snapshot_list.clear()
        for info in reversed(infos):  # newest first
            text = f"{info.label}  ·  {info.taken_at:%Y-%m-%d %H:%M}" + ("  (auto)" if info.auto else "")
            item = QListWidgetItem(text, self.snapshot_list)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
        for box in (self.since_box, self.until_box):
            box.blockSignals(True)
            box.clear()
        self.until_box.addItem("Now", NOW_ID)
        for info in infos:
            self.since_box.addItem(info.label, info.id)
            self.until_box.addItem(info.label, info.id)
        ids = [i.id for i in infos]
        # default: the latest snapshot against now
        self.since_box.setCurrentIndex(ids.index(keep_since) if keep_since in ids else len(ids) - 1)
        self.until_box.setCurrentIndex(self.until_box.findData(keep_until) if keep_until in ids else 0)
        for box in (self.since_box, self.until_box):
            box.blockSignals(False)
        has = bool(infos)
        for w in (self.view_button, self.restore_button):
            w.setEnabled(has)
        self.compare()

    def selected_snapshot_id(self) -> int | None:
        item = self.snapshot_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def take_snapshot(self, label: str) -> bool:
        try:
            change = self.workspace.take_snapshot(self.lifecycle_id, label)
        except WorkspaceError as exc:
            self.main_window.show_error("Cannot take the snapshot", exc.reason)
            return False
        self.main_window.broadcast(change)
        return True

    def _ask_label(self) -> None:
        label, ok = QInputDialog.getText(self, "Take snapshot", "Label of the snapshot:",
                                         text=f"{date.today().isoformat()} review")
        if ok and label.strip():
            self.take_snapshot(label)

    def view_snapshot(self, snapshot_id: int) -> SnapshotViewer:
        from desktop_app.reports.retrospective import snapshot_side_by_id

        side = snapshot_side_by_id(self.workspace, self.lifecycle_id, snapshot_id)
        viewer = SnapshotViewer(side.doc, side.label, self.main_window)
        viewer.show()
        return viewer

    def _view_selected(self) -> None:
        sid = self.selected_snapshot_id()
        if sid is not None:
            self.view_snapshot(sid)

    def restore_snapshot(self, snapshot_id: int) -> int | None:
        """The snapshot as a new lifecycle (one undoable step); returns its id."""
        from desktop_app.reports.retrospective import snapshot_side_by_id

        side = snapshot_side_by_id(self.workspace, self.lifecycle_id, snapshot_id)
        doc = side.doc
        doc.name = f"{doc.name} (restored {side.label})"[:MAX_NAME]
        return self.main_window.create_lifecycle(doc, f"Restore snapshot {quoted(side.label)} as a new lifecycle")

    def _restore_selected(self) -> None:
        sid = self.selected_snapshot_id()
        if sid is not None:
            self.restore_snapshot(sid)

    # ---- comparison ----------------------------------------------------------------------------

    def choose(self, since_id: int, until_id: int | None) -> None:
        """Pick the two sides (``until_id`` None: now) and compare them."""
        self.since_box.blockSignals(True)
        self.since_box.setCurrentIndex(self.since_box.findData(since_id))
        self.since_box.blockSignals(False)
        self.until_box.setCurrentIndex(self.until_box.findData(NOW_ID if until_id is None else until_id))
        self.compare()

    def _until_id(self) -> int | None:
        data = self.until_box.currentData() if self.until_box.count() else NOW_ID
        return None if data == NOW_ID else data

    def compare(self) -> None:
        self.flush_notes()   # what was typed belongs to the pair compared so far
        self.result_tree.clear()
        since_id = self.since_box.currentData() if self.since_box.count() else None
        if self.lifecycle_id is None or since_id is None:
            self.comparison = self.sides = None
            QTreeWidgetItem(self.result_tree, ["Take a snapshot to compare the lifecycle with later."])
            self._show_retrospective()
            return
        # the checks (and networkx) load here, on first use, not with the window
        from desktop_app.reports.retrospective import (
            activity_span,
            compare_sides,
            now_side,
            snapshot_side_by_id,
        )

        until_id = self._until_id()
        ws = self.workspace
        since = snapshot_side_by_id(ws, self.lifecycle_id, since_id)
        until = (snapshot_side_by_id(ws, self.lifecycle_id, until_id) if until_id is not None
                 else now_side(ws, self.lifecycle_id, date.today()))
        self.sides = (since, until)
        self.comparison = compare_sides(since, until)
        self._fill_tree(self.comparison, since.doc, until.doc)
        self._fill_activity(activity_span(ws, self.lifecycle_id, since_id, until_id))
        self._show_retrospective()

    def _fill_tree(self, c: Comparison, before: Lifecycle, after: Lifecycle) -> None:
        if c.is_empty():
            QTreeWidgetItem(self.result_tree, ["Nothing changed between the two."])
            return
        # the wording of diff and the reports: stages, edges, owners and items by their names
        for heading, counts, lines in comparison_sections(c):
            top = QTreeWidgetItem(self.result_tree, [f"{heading}: {counts}"])
            for mark, line in lines:
                QTreeWidgetItem(top, [f"{MARKS.get(mark, mark)} {line}".strip()])
        self.result_tree.expandAll()

    def _fill_activity(self, entries: list) -> None:
        """Who changed what over the compared span, from the activity log (issue 13: several
        leads on one plan): the authors' counts, then each change, latest last."""
        from desktop_app.reports.report import who_changed

        if not entries:
            QTreeWidgetItem(self.result_tree, ["Who changed what: no changes were recorded"])
            return
        line, rows = who_changed(entries)
        top = QTreeWidgetItem(self.result_tree, [f"Who changed what: {line}"])
        for when, who, what in rows:
            QTreeWidgetItem(top, [f"{when}  {who}: {what}"])
        top.setExpanded(True)

    def tree_lines(self) -> list[str]:
        """Every line of the comparison, as shown (for tests and copying)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(item.text(0))
            for n in range(item.childCount()):
                walk(item.child(n))
        for n in range(self.result_tree.topLevelItemCount()):
            walk(self.result_tree.topLevelItem(n))
        return out

    # ---- notes and action items ----------------------------------------------------------------

    def _current_retro(self):
        if self.sides is None:
            return None
        from desktop_app.reports.retrospective import saved_retrospective

        return saved_retrospective(self.workspace, self.lifecycle_id, self.sides[0].snapshot_id,
                                   self.sides[1].snapshot_id)

    def _show_retrospective(self) -> None:
        self.flush_notes()
        retro = self._current_retro()
        self.retrospective_id = retro.id if retro else None
        enabled = self.sides is not None
        for w in (self.notes_edit, self.action_edit, self.promote_button, self.remove_action_button):
            w.setEnabled(enabled)
        if self.sides is not None:
            since, until = self.sides
            self.notes_title.setText(f"Retrospective of {quoted(since.label)} to "
                                     + ("now" if until.snapshot_id is None else quoted(until.label)))
        else:
            self.notes_title.setText("Choose two snapshots (or one and now) to hold a retrospective.")
        notes = retro.notes if retro else ""
        if self.notes_edit.toPlainText() != notes:
            # another pair's notes, or an undo: show what the file holds, the cursor kept
            # where it was as far as the text allows
            cursor = self.notes_edit.textCursor().position()
            self._loading_notes = True
            self.notes_edit.setPlainText(notes)
            self._loading_notes = False
            c = self.notes_edit.textCursor()
            c.setPosition(min(cursor, len(notes)))
            self.notes_edit.setTextCursor(c)
        self.action_list.blockSignals(True)
        self.action_list.clear()
        phase_of = self._item_phases() if retro and any(a.promoted_item for a in retro.action_items) else {}
        for action in retro.action_items if retro else ():
            # where the promoted item went, by phase: never the item's id
            text = action.title
            if action.promoted_item:
                number = phase_of.get(action.promoted_item)
                text += f"  → in the phase {number} checklist" if number else "  → made a phase item"
            item = QListWidgetItem(text, self.action_list)
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, action.title)
            item.setData(Qt.ItemDataRole.UserRole + 2, action.promoted_item or "")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked)
        self.action_list.blockSignals(False)

    def _item_phases(self) -> dict[str, int]:
        doc = self.main_window.docs.get(self.lifecycle_id) if hasattr(self.main_window, "docs") else None
        if doc is None:
            doc = self.workspace.load(self.lifecycle_id)
        return {i.id: p.number for p in doc.phases for i in p.items}

    # notes: saved as typed, one undo step per pause in the typing

    def _notes_typed(self) -> None:
        if self._loading_notes or self.sides is None or self.lifecycle_id is None:
            return
        if not self._edit_menu_hooked:
            # opening the Edit menu saves the typing first, so Undo there can take it back
            # (the window builds its menus after its docks: looked up on the first keystroke)
            act = getattr(self.main_window, "act_undo", None)
            for w in act.associatedObjects() if act is not None else ():
                if isinstance(w, QMenu):
                    w.aboutToShow.connect(self.flush_notes)
            self._edit_menu_hooked = True
        if self._notes_target is None:
            since, until = self.sides
            retro = self._current_retro()
            self._notes_target = (self.lifecycle_id, since.snapshot_id, until.snapshot_id,
                                  retro.id if retro else None, retro.notes if retro else "")
        self._notes_timer.start()

    def flush_notes(self) -> bool:
        """Save what was typed and not saved yet (the typing paused, the comparison is about to
        refresh, another pair or lifecycle is chosen, the window closes). One undoable step."""
        self._notes_timer.stop()
        target, self._notes_target = self._notes_target, None
        if target is None:
            return False
        lid, since_id, until_id, retro_id, before = target
        after = self.notes_edit.toPlainText()
        if after == before:
            return False
        return self.main_window.push(SaveNotesCommand(self.main_window, lid, since_id, until_id,
                                                      retro_id, before, after))

    def save_notes(self) -> None:
        """Save the notes now (what the typing pause would do)."""
        if self._notes_target is None:
            self._notes_typed()
        self.flush_notes()

    def _ensure_retro(self) -> int | None:
        """The retrospective of the pair compared, started (with the notes typed so far) if
        there is none yet."""
        self.flush_notes()
        if self.retrospective_id is None and self.sides is not None:
            since, until = self.sides
            command = SaveNotesCommand(self.main_window, self.lifecycle_id, since.snapshot_id,
                                       until.snapshot_id, None, "", self.notes_edit.toPlainText())
            if self.main_window.push(command):
                self.retrospective_id = command.retrospective_id
        return self.retrospective_id

    def add_action_item(self, title: str) -> None:
        if not title.strip() or self.sides is None:
            return
        self.main_window.undo_stack.beginMacro(f"Add action item “{title.strip()}”")
        try:
            retro = self._ensure_retro()
            ok = retro is not None and self.main_window.push(
                AddActionItemCommand(self.main_window, self.lifecycle_id, retro, title))
        finally:
            self.main_window.undo_stack.endMacro()
        if ok:
            self.action_edit.clear()

    def _action_toggled(self, item: QListWidgetItem) -> None:
        self.main_window.push(SetActionItemDoneCommand(
            self.main_window, self.lifecycle_id, item.data(Qt.ItemDataRole.UserRole),
            item.data(Qt.ItemDataRole.UserRole + 1), item.checkState() == Qt.CheckState.Checked))

    def _remove_selected_action(self) -> None:
        item = self.action_list.currentItem()
        if item is None or self.retrospective_id is None:
            return
        self.main_window.push(DeleteActionItemCommand(
            self.main_window, self.lifecycle_id, self.retrospective_id,
            item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)))

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Close) and self._notes_target is not None:
            self.flush_notes()
        if (watched is self.action_list and kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            if kind == QEvent.Type.ShortcutOverride:
                # the key is the list's: Edit ▸ Delete must not delete stages on the canvas
                event.accept()
                return True
            self._remove_selected_action()
            return True
        return super().eventFilter(watched, event)

    def promote(self, row: int, phase_number: int) -> bool:
        """Make action item ``row`` a phase item (one undoable step)."""
        item = self.action_list.item(row)
        if item is None:
            return False
        if item.data(Qt.ItemDataRole.UserRole + 2):
            self.main_window.statusBar().showMessage("That action item is a phase item already.", 4000)
            return False
        return self.main_window.push(PromoteActionItemCommand(
            self.main_window, self.lifecycle_id, item.data(Qt.ItemDataRole.UserRole),
            item.data(Qt.ItemDataRole.UserRole + 1), phase_number))

    def _promote_selected(self) -> None:
        row = self.action_list.currentRow()
        if row >= 0:
            self.promote(row, self.promote_phase.currentData())
            self._show_retrospective()

    # ---- charts --------------------------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.charts_page:
            self.draw_charts()

    def draw_charts(self) -> None:
        """Draw (or redraw) the three charts; the first call imports matplotlib."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from desktop_app.reports import charts
        from desktop_app.reports.progress import phase_progress
        from desktop_app.reports.retrospective import findings_series
        from desktop_app.checks import check_lifecycle

        if self.lifecycle_id is None:
            return
        today = date.today()
        doc = self.workspace.load(self.lifecycle_id)
        now_counts = check_lifecycle(doc, today=today).counts
        figures = [
            charts.items_done_figure(doc, today),
            charts.findings_figure(findings_series(self.workspace, self.lifecycle_id, now_counts)),
            charts.phase_windows_figure(phase_progress(doc), today),
        ]
        body = QWidget()
        layout = QVBoxLayout(body)
        self.chart_canvases = []
        for fig in figures:
            canvas = FigureCanvasQTAgg(fig)
            canvas.setMinimumHeight(260)
            layout.addWidget(canvas)
            self.chart_canvases.append(canvas)
        self.charts_page.setWidget(body)
