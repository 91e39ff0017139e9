"""The main window (DESIGN.md, "The window"): canvas tabs in the centre, lifecycles and the
palette on the left, inspector and owners on the right, findings (and phases, retrospective)
below, the assessment in the status bar.

Every edit is an undo command that calls the store; the store's Change comes back through
``broadcast``, which updates only the views it touches and re-arms the debounced checks.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
from typing import TYPE_CHECKING
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QByteArray, QObject, QPointF, QRunnable, QSettings, QSize, Qt, QThreadPool, QTimer, Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget,
)

from desktop_app.export.palette import KIND_LABEL
from desktop_app.export.painter import worst_markers
from desktop_app.model.document import Edge, Lifecycle, Owner, Stage
from desktop_app.model.naming import Names
from desktop_app.model.text import one_line, quoted
from desktop_app.store import WORKSPACE_SUFFIX, Change, WorkspaceError
from desktop_app.ui import arrange, clipboard, commands as cmd, context_menus, export_options, toolbar
from desktop_app.ui.autolayout import auto_layout
from desktop_app.ui.canvas.scene import FindingNotes, LifecycleScene
from desktop_app.ui.canvas.view import CanvasView
from desktop_app.ui.dialogs import ACTION_NAME, ChoiceDialog, ShortcutsDialog, SuppressDialog
from desktop_app.ui.docks.findings import FindingsDock
from desktop_app.ui.docks.inspector import InspectorDock
from desktop_app.ui.docks.lifecycles import LifecyclesDock
from desktop_app.ui.docks.owners import OwnersDock
from desktop_app.ui.docks.palette import PaletteDock
from desktop_app.ui.live_updates import LiveUpdates
from desktop_app.ui.phases_dock import PhasesDock
from desktop_app.ui.placement import free_id, free_name
from desktop_app.ui.read_only import ReadOnlyMode
from desktop_app.ui.responsive import Reflow, shrinkable_combos, wrapping_labels
from desktop_app.ui.retro_dock import RetroDock
from desktop_app.ui.selection import selected_stages
from desktop_app.ui.undo_refusal import UndoRefusal
from desktop_app.ui import session
from desktop_app.ui.server_workspace import apply_display_name, short_name
from desktop_app.ui.shortcuts import key_sequences
from desktop_app.ui import theme as themes
from desktop_app.ui.wording import (
    counts_text, escape_mnemonic, latency_text, outcome_said, plural, stages_text,
)

APP_NAME = "Lifecycle Studio"
MAX_RECENT = 8
LAYOUT_VERSION = 2   # of saveState: 2 put findings, phases and retrospective beside the canvas
CHECK_DELAY_MS = 120
THREAD_ABOVE_STAGES = 400   # below this the checks take a few ms: run them inline
WORKSPACE_FOLDER_KEY = "workspace"   # QSettings group of the workspace dialogs' last folder (export_options)


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.-]+", "-", text.strip().lower()).strip("-")
    return s[:48] or "x"


class _CheckSignals(QObject):
    done = Signal(int, int, object, object)   # generation, lifecycle id, CheckResult, Prepared


class _CheckJob(QRunnable):
    def __init__(self, generation: int, lifecycle_id: int, doc: Lifecycle, signals: _CheckSignals) -> None:
        super().__init__()
        self.generation, self.lifecycle_id, self.doc, self.signals = generation, lifecycle_id, doc, signals

    def run(self) -> None:
        from desktop_app.checks import check_lifecycle

        result = check_lifecycle(self.doc, today=date.today())
        # what the window shows of it is prepared here too, off the UI thread
        self.signals.done.emit(self.generation, self.lifecycle_id, result, _prepare(result, self.doc))


class _Prepared:
    """What showing a check result needs beyond the result: each stage's worst severity (the
    canvas markers) and the lifecycle's names (the findings' Where column)."""

    def __init__(self, markers: dict[str, str], names: Names) -> None:
        self.markers, self.names = markers, names


def _prepare(result, doc: Lifecycle | None) -> _Prepared:
    return _Prepared(worst_markers(result.findings), Names(doc) if doc is not None else Names())


if TYPE_CHECKING:
    from desktop_app.store import Workspace


def _workspace_class():
    """The store's Workspace, imported when first needed (it brings SQLAlchemy)."""
    from desktop_app.store import Workspace

    return Workspace


class MainWindow(QMainWindow):
    change_applied = Signal(object)      # every Change, after the window's own views took it
    checks_updated = Signal(object)      # CheckResult of the current lifecycle

    def __init__(self, workspace: Workspace | None, settings: QSettings | None = None,
                 open_lifecycle: int | None = None, parent: QWidget | None = None,
                 opening: Path | None = None) -> None:
        """``workspace`` None: the window paints first and ``attach_workspace`` follows once the
        file at ``opening`` is open (DESIGN.md principle 6); until then it takes no input."""
        super().__init__(parent)
        self.workspace = workspace
        self._opening = opening
        self.settings = settings if settings is not None else QSettings(APP_NAME, APP_NAME)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(lambda _c: None)
        self.docs: dict[int, Lifecycle] = {}
        self.views: dict[int, CanvasView] = {}
        self.results: dict[int, object] = {}
        self._positions: dict[int, dict[str, dict[str, int]]] = {}   # id -> list index, per list
        # the user's View > Theme choice, applied before anything is drawn
        self.theme_choice = themes.normalise(self.settings.value("view/theme"))
        self.theme = themes.current_theme(themes.apply_theme(self.theme_choice))
        self.message_box: QMessageBox | None = None
        self._check_generation = 0
        self._check_signals = _CheckSignals(self)
        self._check_signals.done.connect(self._checks_done)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_checks)
        self._painted = False
        self.instance_server = None   # set by ui/app.py when this window answers second starts
        self.live = LiveUpdates(self)   # others' edits on a server workspace (issue 13)
        self.step_refused = UndoRefusal(self).note   # an undo someone else's edit overtook

        self.setObjectName("mainWindow")
        self.setDockNestingEnabled(True)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        # one lifecycle open: its name is in the title and the Lifecycles list, and the row
        # of a single tab would take canvas height a laptop screen does not have
        self.tabs.setTabBarAutoHide(True)
        self._neutral_close_buttons()
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.tabBar().tabMoved.connect(lambda _a, _b: self.remember_tabs())
        self._tabs_fixed = False   # while tabs are closed or restored wholesale: keep the saved list
        self.setCentralWidget(self.tabs)
        self._build_docks()
        self._build_status()
        self._build_actions()
        self.toolbar = toolbar.install(self)     # before the state is restored: it is part of it
        self.read_only_mode = ReadOnlyMode(self)   # a workspace open for reading (issue 13, roles)
        self._restore_settings()
        if workspace is not None:
            self.attach_workspace(workspace, open_lifecycle)
        else:
            self._update_title()
            self.setEnabled(False)
            self.statusBar().showMessage(f"Opening {opening}…" if opening else "Opening…")
        app = QApplication.instance()
        if app is not None:
            app.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def _neutral_close_buttons(self) -> None:
        """A grey cross for closing tabs: the style's own is red, and red is kept for findings
        (DESIGN.md, "Visual language")."""
        from importlib.resources import files

        icon = files("desktop_app.resources").joinpath("icons", "tab-close.svg")
        if icon.is_file():
            path = str(icon).replace("\\", "/")
            self.tabs.tabBar().setStyleSheet(
                f'QTabBar::close-button {{ image: url("{path}"); subcontrol-position: right; }}'
                "QTabBar::close-button:hover { background: rgba(128, 128, 128, 70); border-radius: 3px; }"
            )

    def _scheme_changed(self, _scheme=None) -> None:
        """With View > Theme > System, light and dark follow the system while the app runs."""
        if self.theme_choice == themes.SYSTEM:
            self.set_theme(themes.SYSTEM)

    def set_theme(self, choice: str) -> None:
        """View > Theme: apply, remember, and redraw what draws itself (canvas, icons)."""
        from desktop_app.ui.icons import kind_icon

        self.theme_choice = themes.normalise(choice)
        self.settings.setValue("view/theme", self.theme_choice)
        self.theme = themes.current_theme(themes.apply_theme(self.theme_choice))
        for act in getattr(self, "theme_actions", {}).values():
            act.setChecked(act.data() == self.theme_choice)
        for view in self.views.values():
            view.lifecycle_scene().set_theme(self.theme)
            view.viewport().update()
        palette_list = self.palette_dock.list
        for i in range(palette_list.count()):
            item = palette_list.item(i)
            item.setIcon(kind_icon(item.data(Qt.ItemDataRole.UserRole)))
        result = self.results.get(self.current_lifecycle_id())
        if result is not None:
            self._show_result(result)   # the findings' severity icons

    # ---- construction ---------------------------------------------------------------------------

    def _build_docks(self) -> None:
        self.lifecycles_dock = LifecyclesDock(None, self)
        self.palette_dock = PaletteDock(self)
        self.inspector_dock = InspectorDock(self)
        self.owners_dock = OwnersDock(self)
        self.findings_dock = FindingsDock(self)
        # findings, phases, retrospective (the name is older than their place on the right)
        self.bottom_docks = [self.findings_dock]
        for dock_cls in (PhasesDock, RetroDock):
            dock = dock_cls(self.workspace, self)
            self.change_applied.connect(dock.apply_change)
            self.bottom_docks.append(dock)
        self._fit_narrow_columns()
        self._default_dock_layout()

        self.lifecycles_dock.openRequested.connect(self.open_lifecycle)
        self.lifecycles_dock.newFromTemplate.connect(self.new_lifecycle_dialog)   # asks the name
        self.lifecycles_dock.duplicateRequested.connect(self.duplicate_lifecycle)
        self.lifecycles_dock.renameRequested.connect(self.rename_lifecycle)
        self.lifecycles_dock.deleteRequested.connect(self.delete_lifecycle)
        self.palette_dock.addRequested.connect(self._add_at_centre)
        self.inspector_dock.editRequested.connect(self._inspector_edit)
        self.inspector_dock.ruleRequested.connect(self._rule_edit)
        self.inspector_dock.removeSuppressionRequested.connect(self._remove_suppression)
        self.owners_dock.addRequested.connect(self.add_owner)
        self.owners_dock.updateRequested.connect(self._owner_edit)
        self.owners_dock.deleteRequested.connect(self.delete_owner)
        self.findings_dock.findingActivated.connect(self.reveal_finding)
        self.findings_dock.quickFixRequested.connect(self.quick_fix)
        self.findings_dock.suppressRequested.connect(self.suppress_finding)

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.status_class = QLabel(sb)
        self.status_coverage = QLabel(sb)
        self.status_latency = QLabel(sb)
        self.status_counts = QLabel(sb)
        self.status_zoom = QLabel(sb)
        for w in (self.status_class, self.status_coverage, self.status_latency, self.status_counts, self.status_zoom):
            w.setContentsMargins(8, 0, 8, 0)
            sb.addPermanentWidget(w)
        self.status_class.setToolTip("What the graph is, judged by its loops (CHECKS.md, Assessment)")
        self.status_coverage.setToolTip("Share of stages inside a loop closed by a feedback edge")
        self.status_latency.setToolTip("Fastest path from a monitor stage back to an improvement stage")

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcuts(key_sequences(*(shortcut if isinstance(shortcut, (list, tuple)) else [shortcut])))
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        menu.addAction(act)
        self.addAction(act)
        self.all_actions.append(act)
        return act

    def _build_actions(self) -> None:
        self.all_actions: list[QAction] = []
        mb = self.menuBar()
        f = mb.addMenu("&File")
        self.act_new_lifecycle = self._action(f, "&New Lifecycle…", self.new_lifecycle_dialog, QKeySequence.StandardKey.New)
        self.act_new_workspace = self._action(f, "New &Workspace…", self.new_workspace_dialog, "Ctrl+Shift+N")
        self.act_open = self._action(f, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open,
                                     "Open a workspace, or import a .lifecycle.json, draw.io or yEd diagram into this one")
        self.act_open_server = self._action(f, "Open &Server Workspace…", self.open_server_dialog, None,
                                            "Open a team's workspace on a PostgreSQL server")
        self.recent_menu = f.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.act_save_as = self._action(f, "Save &As…", self.save_as_dialog, QKeySequence.StandardKey.SaveAs,
                                        "Copy the workspace to a new file and continue there")
        f.addSeparator()
        self.act_export = self._action(f, "&Export Lifecycle…", self.export_dialog, "Ctrl+E",
                                       "The open lifecycle as a picture, a slide, or a file for another tool")
        self.act_report = self._action(f, "Write Retrospective Re&port…", self.report_dialog, "Ctrl+Shift+R",
                                       "A report of the open lifecycle, compared with the snapshot chosen "
                                       "in the Retrospective dock")
        f.addSeparator()
        self.act_display_name = self._action(f, "Your Na&me in the Activity Log…", self.display_name_dialog, None,
                                             "The name your edits are signed with in the activity log")
        f.addSeparator()
        self.act_close_tab = self._action(f, "&Close Tab", lambda: self._close_tab(self.tabs.currentIndex()),
                                          [QKeySequence("Ctrl+W"), QKeySequence(QKeySequence.StandardKey.Close)])
        self.act_quit = self._action(f, "&Quit", self.close,
                                     [QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q")])

        e = mb.addMenu("&Edit")
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(key_sequences("Ctrl+Z", QKeySequence.StandardKey.Undo))
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        # Ctrl+Y and Ctrl+Shift+Z everywhere: X11's standard Redo is Ctrl+Shift+Z alone
        self.act_redo.setShortcuts(key_sequences("Ctrl+Y", "Ctrl+Shift+Z", QKeySequence.StandardKey.Redo))
        self.act_undo.setProperty(ACTION_NAME, "Undo")
        self.act_redo.setProperty(ACTION_NAME, "Redo")
        for a in (self.act_undo, self.act_redo):
            e.addAction(a)
            self.addAction(a)
            self.all_actions.append(a)
        e.addSeparator()
        self.clipboard = clipboard.install(self, e)     # cut, copy, paste, duplicate
        self.act_delete = self._action(e, "&Delete", self.delete_selection,
                                       [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        self.act_rename = self._action(e, "Re&name Stage", self.rename_selected, "F2")
        self.act_select_all = self._action(e, "Select &All", self.select_all, QKeySequence.StandardKey.SelectAll)
        e.addSeparator()
        self.act_layout = self._action(e, "Auto-la&yout", self.auto_layout, "Ctrl+L",
                                       "Arrange the stages in layers along the flow")
        self.act_connect_fb = self._action(e, "Toggle &Feedback on Edge", self.toggle_feedback, "Ctrl+K")

        self.arrange = arrange.install(self)     # Arrange menu: align, distribute, auto-layout
        v = mb.addMenu("&View")
        self.act_zoom_in = self._action(v, "Zoom &In", lambda: self._view_call("zoom_in"),
                                        [QKeySequence("Ctrl+="), QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.act_zoom_out = self._action(v, "Zoom &Out", lambda: self._view_call("zoom_out"),
                                         [QKeySequence("Ctrl+-"), QKeySequence(QKeySequence.StandardKey.ZoomOut)])
        self.act_fit = self._action(v, "&Fit to Window", lambda: self._view_call("fit"), "Ctrl+0")
        self.act_actual = self._action(v, "Actual &Size", lambda: self._view_call("reset_zoom"), "Ctrl+1")
        v.addSeparator()
        theme_menu = v.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for choice in themes.CHOICES:
            act = theme_menu.addAction(themes.CHOICE_LABEL[choice])
            act.setCheckable(True)
            act.setData(choice)
            act.setChecked(choice == self.theme_choice)
            act.setActionGroup(group)
            act.triggered.connect(lambda _c=False, c=choice: self.set_theme(c))
            self.theme_actions[choice] = act
        docks = v.addMenu("&Panels")
        for dock in self.all_docks():
            docks.addAction(dock.toggleViewAction())
        self.act_reset_layout = self._action(v, "&Reset Layout", self.reset_layout, None,
                                             "Put every panel back where it was on the first run")

        h = mb.addMenu("&Help")
        self.act_shortcuts = self._action(h, "&Keyboard Shortcuts", self.show_shortcuts,
                                          [QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("Ctrl+/")])
        self._action(h, "&About Lifecycle Studio", self.show_about)

    # ---- settings, title, recent files -----------------------------------------------------------

    def _default_dock_layout(self) -> None:
        """Everything beside the canvas, nothing under it, so a laptop screen (1280×800,
        1366×768) leaves the canvas most of the window: lifecycles over the palette on the
        left; on the right the inspector and owners as tabs over findings, phases and the
        retrospective as tabs."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        for dock in self.all_docks():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        self.addDockWidget(left, self.lifecycles_dock)
        self.addDockWidget(left, self.palette_dock)
        self.addDockWidget(right, self.inspector_dock)
        self.tabifyDockWidget(self.inspector_dock, self.owners_dock)
        self.addDockWidget(right, self.findings_dock)
        for previous, dock in zip(self.bottom_docks, self.bottom_docks[1:]):
            self.tabifyDockWidget(previous, dock)
        for dock in self.all_docks():
            dock.show()
        self.inspector_dock.raise_()
        self.findings_dock.raise_()

    def _fit_narrow_columns(self) -> None:
        """The retrospective is wide by nature (snapshots beside the comparison, notes beside
        the action items): in a narrow column its parts stack instead of setting a minimum
        width that would squeeze the canvas (ui/responsive.py)."""
        from PySide6.QtWidgets import QBoxLayout, QSplitter

        retro = self.bottom_docks[-1]
        shrinkable_combos(retro)
        wrapping_labels(retro)
        splitters = [w for w in retro.findChildren(QSplitter) if w.parent() is retro]
        notes = getattr(retro, "notes_edit", None)
        page = notes.parentWidget().layout() if notes is not None else None
        layouts = [page] if isinstance(page, QBoxLayout) else []
        # stacked, its parts are taller than a laptop's column: it scrolls up and down instead
        # of setting the window's minimum height
        from PySide6.QtWidgets import QFrame, QScrollArea

        scroll = QScrollArea(retro)
        scroll.setObjectName("retroScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(retro.widget())
        retro.setWidget(scroll)
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        self._reflow = Reflow(retro, 620, splitters, layouts,
                              in_column=lambda: not retro.isFloating() and self.dockWidgetArea(retro) in sides)
        retro.dockLocationChanged.connect(lambda _area: self._reflow.apply())
        retro.topLevelChanged.connect(lambda _floating: self._reflow.apply())

    def all_docks(self) -> list[QDockWidget]:
        return [self.lifecycles_dock, self.palette_dock, self.inspector_dock, self.owners_dock] + self.bottom_docks

    def reset_layout(self) -> None:
        """View > Reset Layout: every panel back in its first-run place and size."""
        self._default_dock_layout()
        QTimer.singleShot(0, self, self._first_dock_sizes)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self._first_run_size())
        # a layout saved by an older version (findings under the canvas) gives way to today's
        self._state_restored = (isinstance(state, QByteArray) and not state.isEmpty()
                                and self.restoreState(state, LAYOUT_VERSION))

    def _first_run_size(self) -> QSize:
        """1480×900, or most of a smaller screen (a laptop's 1280×800 or 1366×768)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return QSize(1480, 900)
        room = screen.availableGeometry()
        return QSize(min(1480, room.width()), min(900, room.height()))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._state_restored:
            # first run: dock sizes that leave the canvas most of the room
            self._state_restored = True
            QTimer.singleShot(0, self, self._first_dock_sizes)   # not on a window closed at once

    def _first_dock_sizes(self) -> None:
        """Side columns in proportion to the window (narrow on a laptop), so the canvas keeps
        well over half of the window's area."""
        w, h = self.width(), self.height()
        left = max(150, min(230, int(w * 0.12)))
        right = max(280, min(420, int(w * 0.24)))
        self.resizeDocks([self.lifecycles_dock, self.inspector_dock], [left, right], Qt.Orientation.Horizontal)
        self.resizeDocks([self.lifecycles_dock, self.palette_dock], [int(h * 0.3), int(h * 0.7)],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.inspector_dock, self.findings_dock], [int(h * 0.45), int(h * 0.55)],
                         Qt.Orientation.Vertical)
        view = self.current_view()
        if view is not None:
            QTimer.singleShot(0, view, view.fit)   # once the docks have their new sizes

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        if self.workspace is not None:
            self.settings.setValue("workspace/last", self.workspace.location_text)
        self.settings.sync()

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _add_recent(self, path: str) -> None:
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self.settings.setValue("recentFiles", files[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            act = self.recent_menu.addAction(escape_mnemonic(path))   # "R&D.lcstudio" keeps its "&"
            act.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not self.recent_files():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _update_title(self) -> None:
        lid = self.current_lifecycle_id()
        doc = self.docs.get(lid) if lid is not None else None
        name = f"{one_line(doc.name)} — " if doc else ""
        path = self.workspace.location if self.workspace is not None else self._opening
        if path is None:
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowTitle(f"{name}{short_name(path)} — {APP_NAME}")
        # a file's path (the title bar's proxy icon); a server workspace has none
        self.setWindowFilePath(str(path) if isinstance(path, Path) else "")

    # ---- messages ----------------------------------------------------------------------------------

    def show_error(self, title: str, text: str, detail: str = "") -> None:
        """A clear refusal, window-modal but not blocking the event loop (tests can read it)."""
        if self.message_box is not None:
            self.message_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorMessage")
        if detail:
            box.setInformativeText(detail)
        # names come from files and from other people (an author "<b>…</b>" on a server): shown
        # as typed, never as markup a label would render (links, images, bold)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "message_box", None))
        self.message_box = box
        box.open()

    def _store_error(self, exc: WorkspaceError) -> None:
        reason = exc.reason
        # most refusals say the outcome themselves (a conflict: "nothing was changed, and the
        # window now shows the current plan"); the box does not say it twice
        self.show_error("The edit was refused", reason, "" if outcome_said(reason) else "Nothing was changed.")

    def confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)   # it names lifecycles: never as markup
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def push(self, command: cmd.StoreCommand) -> bool:
        if self.read_only_mode.refuses(command):
            return False
        if cmd.push(self.undo_stack, command, self._store_error):
            return True
        self.live.after_refusal(command)   # someone else's edit overtook it: show the plan now
        return False

    # ---- lifecycles and tabs -----------------------------------------------------------------------

    def current_lifecycle_id(self) -> int | None:
        view = self.tabs.currentWidget()
        return view.lifecycle_scene().lifecycle_id if isinstance(view, CanvasView) else None

    def current_view(self) -> CanvasView | None:
        view = self.tabs.currentWidget()
        return view if isinstance(view, CanvasView) else None

    def current_scene(self) -> LifecycleScene | None:
        view = self.current_view()
        return view.lifecycle_scene() if view else None

    def current_doc(self) -> Lifecycle | None:
        lid = self.current_lifecycle_id()
        return self.docs.get(lid) if lid is not None else None

    def open_lifecycle(self, lifecycle_id: int) -> None:
        if lifecycle_id in self.views:
            self.tabs.setCurrentWidget(self.views[lifecycle_id])
            return
        try:
            # drawn on the canvas next: the user's edits are made against this revision
            doc = self.workspace.load(lifecycle_id, seen=True)
        except (WorkspaceError, KeyError) as exc:
            self.show_error("Cannot open the lifecycle", str(exc))
            return
        self.docs[lifecycle_id] = doc
        self._positions.pop(lifecycle_id, None)
        scene = LifecycleScene(lifecycle_id, doc, self.theme, self)
        scene.read_only = self.read_only_mode.active
        view = CanvasView(scene, self.tabs)
        scene.stagesMoved.connect(lambda before, after, lid=lifecycle_id: self._stages_moved(lid, before, after))
        scene.connectRequested.connect(lambda s, t, fb, lid=lifecycle_id: self.connect_stages(lid, s, t, fb))
        scene.addStageRequested.connect(lambda kind, pos, lid=lifecycle_id: self.add_stage(lid, kind, pos, rename=True))
        scene.selectionChanged.connect(self._selection_changed)
        view.renameCommitted.connect(lambda sid, name, lid=lifecycle_id: self.rename_stage(lid, sid, name))
        view.zoomChanged.connect(self._zoom_changed)
        view.firstPainted.connect(self._first_paint)
        context_menus.attach(self, view)
        self.views[lifecycle_id] = view
        index = self.tabs.addTab(view, doc.name)
        self.tabs.setTabToolTip(index, doc.name)
        self.tabs.setCurrentIndex(index)
        QTimer.singleShot(0, view, view.fit)   # not if the tab is closed first
        self.schedule_checks()

    def _close_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        if not isinstance(view, CanvasView):
            return
        lid = view.lifecycle_scene().lifecycle_id
        self.tabs.removeTab(index)
        self.views.pop(lid, None)
        self.docs.pop(lid, None)
        self._positions.pop(lid, None)
        self.results.pop(lid, None)
        scene = view.lifecycle_scene()
        scene.blockSignals(True)    # nothing from a closing tab reaches the window any more
        view.setScene(None)
        scene.deleteLater()
        view.deleteLater()
        # what a big lifecycle's checks froze (gc.freeze in _checks_done) is swept again, so
        # a cycle among the closed tab's objects does not outlive it
        gc.unfreeze()
        self.remember_tabs()

    # ---- the tabs of the next start (ui/session.py) ---------------------------------------------------

    def tab_lifecycle_ids(self) -> list[int]:
        return [self.tabs.widget(i).lifecycle_scene().lifecycle_id for i in range(self.tabs.count())
                if isinstance(self.tabs.widget(i), CanvasView)]

    def remember_tabs(self) -> None:
        """Saved at every change of the tabs, so even a crash keeps them for the next start."""
        if self.workspace is None or self._tabs_fixed:
            return
        session.save_tabs(self.settings, self.workspace.location, self.tab_lifecycle_ids(),
                          self.current_lifecycle_id())

    def restore_tabs(self) -> bool:
        """Open the tabs this workspace had last time (those whose lifecycle still exists) and
        select the one that was selected; False when there is none to open."""
        ids, current = session.saved_tabs(self.settings, self.workspace.location)
        alive = {info.id for info in self.workspace.lifecycles()}
        ids = [i for i in ids if i in alive]
        if not ids:
            return False
        self._tabs_fixed = True
        try:
            for lid in ids:
                self.open_lifecycle(lid)
            self.open_lifecycle(current if current in ids else ids[0])
        finally:
            self._tabs_fixed = False
        self.remember_tabs()
        return True

    def bring_forward(self) -> None:
        """Asked by a second start on this workspace (ui/single_instance.py)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage("This workspace is open here already", 5000)

    def _tab_changed(self, _index: int) -> None:
        self.remember_tabs()
        self._update_title()
        self._refresh_side_docks()
        self.lifecycles_dock.select(self.current_lifecycle_id())
        result = self.results.get(self.current_lifecycle_id())
        if result is not None:
            self._show_result(result)
        self.schedule_checks()
        view = self.current_view()
        self._zoom_changed(view.zoom() if view else 1.0)
        for dock in self.bottom_docks[1:]:
            if hasattr(dock, "set_lifecycle"):
                dock.set_lifecycle(self.current_lifecycle_id())

    def _refresh_side_docks(self, owners: bool = True) -> None:
        doc = self.current_doc()
        scene = self.current_scene()
        if scene is not None:
            self.inspector_dock.show_selection(doc, scene.selected_stage_ids(), scene.selected_edge_ids())
        else:
            self.inspector_dock.show_selection(None, [], [])
        if owners:
            self.owners_dock.set_lifecycle(doc)   # counts stages per owner: not after a mere move
        enabled = doc is not None
        for act in (self.act_delete, self.act_rename, self.act_layout, self.act_zoom_in, self.act_zoom_out,
                    self.act_fit, self.act_actual, self.act_select_all, self.act_connect_fb, self.act_close_tab):
            act.setEnabled(enabled)
        self.palette_dock.setEnabled(enabled)
        if doc is None:
            self.findings_dock.set_findings((), Names())
            for w in (self.status_class, self.status_coverage, self.status_latency, self.status_counts):
                w.clear()

    def _selection_changed(self) -> None:
        scene = self.sender()
        if scene is not self.current_scene():
            return
        self.inspector_dock.show_selection(self.current_doc(), scene.selected_stage_ids(), scene.selected_edge_ids())

    def _zoom_changed(self, zoom: float) -> None:
        self.status_zoom.setText(f"{zoom * 100:.0f} %")

    def _view_call(self, name: str) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, name)()

    # ---- following the store -----------------------------------------------------------------------

    def broadcast(self, change: Change) -> None:
        """Called by every command for every Change: update what it touched, then tell the docks."""
        lid = change.lifecycle_id
        if change.lifecycles:
            alive = {info.id for info in self.workspace.lifecycles()}
            for gone in [l for l in self.views if l not in alive]:
                self._close_tab(self.tabs.indexOf(self.views[gone]))
            self.lifecycles_dock.set_lifecycles(self.workspace.lifecycles(), self.current_lifecycle_id())
        if lid in self.docs:
            self.docs[lid] = self._patched(lid, self.docs[lid], change)
            view = self.views[lid]
            view.lifecycle_scene().follow_change(change)
            if change.header:
                self.tabs.setTabText(self.tabs.indexOf(view), self.docs[lid].name)
            if lid == self.current_lifecycle_id():
                self._update_title()
                self._refresh_side_docks(owners=bool(change.owners or change.header or change.operation != "move_stages"))
            self.schedule_checks()
        self.statusBar().showMessage(change.summary, 4000)
        self.change_applied.emit(change)

    def _patched(self, lid: int, doc: Lifecycle, change: Change) -> Lifecycle:
        """The cached document with the Change applied; a header, phase or item change (rare
        and cheap to read) reloads it instead."""
        if change.header or change.phases or change.items or change.lifecycles:
            self._positions.pop(lid, None)
            return self.workspace.load(lid)
        positions = self._positions.setdefault(lid, {})
        for attr, touched in (("stages", change.stages), ("edges", change.edges), ("owners", change.owners)):
            if not touched:
                continue
            items = getattr(doc, attr)
            where = positions.get(attr)
            if where is None or len(where) != len(items):
                where = positions[attr] = {x.id: i for i, x in enumerate(items)}
            if all(v is not None and k in where for k, v in touched.items()):
                for key, value in touched.items():   # updates only (a move): O(touched)
                    items[where[key]] = value
                continue
            current = {x.id: x for x in items}
            for key, value in touched.items():
                if value is None:
                    current.pop(key, None)
                else:
                    current[key] = value
            setattr(doc, attr, list(current.values()))
            positions.pop(attr, None)
        return doc

    # ---- checks --------------------------------------------------------------------------------------

    def schedule_checks(self) -> None:
        if not self._painted:
            return   # the first run waits for the canvas to be on screen (DESIGN.md, lazy weight)
        self._check_timer.start()

    def _first_paint(self) -> None:
        if not self._painted:
            self._painted = True
            self.schedule_checks()

    def run_checks(self) -> None:
        lid = self.current_lifecycle_id()
        if lid is None:
            return
        cached = self.docs.get(lid)
        self._check_generation += 1
        if cached is not None and len(cached.stages) > THREAD_ABOVE_STAGES:
            # big: reading the file again would block the window for a while, so check the
            # document kept in step with every Change, on a worker thread. The lists are copied
            # (Changes replace their elements, never mutate them), so later edits do not race.
            doc = dataclasses.replace(cached, stages=list(cached.stages), edges=list(cached.edges),
                                      owners=list(cached.owners), phases=list(cached.phases),
                                      suppressions=list(cached.suppressions), rules=dict(cached.rules))
            QThreadPool.globalInstance().start(_CheckJob(self._check_generation, lid, doc, self._check_signals))
            return
        if cached is not None and getattr(self.workspace, "is_server", False):
            # on a server the window's copy is what the canvas shows (others' edits come in
            # through ui/live_updates.py): a fresh read would find a plan not drawn yet
            doc = cached
        else:
            try:
                doc = self.workspace.load(lid)   # small: the checks see the file itself
            except (WorkspaceError, KeyError):
                return
            self.docs[lid] = doc
            self._positions.pop(lid, None)
        from desktop_app.checks import check_lifecycle

        result = check_lifecycle(doc, today=date.today())
        self._checks_done(self._check_generation, lid, result, _prepare(result, doc))

    def _checks_done(self, generation: int, lid: int, result, prepared: _Prepared) -> None:
        if generation != self._check_generation or lid not in self.views:
            return   # an edit came after: a newer run is on its way
        self.results[lid] = result
        scene = self.views[lid].lifecycle_scene()
        scene.set_markers(prepared.markers)
        # the stage tooltips list a stage's findings, found when one is shown (not a string per
        # finding and stage up front: LC208 alone names 100,000 stages in a big lifecycle)
        scene.finding_notes = FindingNotes(result.findings)
        if lid == self.current_lifecycle_id():
            self._show_result(result, prepared.names)
        doc = self.docs.get(lid)
        if doc is not None and len(doc.stages) > THREAD_ABOVE_STAGES:
            # a big lifecycle's documents, items and findings live long and hold no cycles worth
            # sweeping: out of the collector's way, so a full collection (0.1-0.2 s at 5,000
            # stages, on the UI thread in the middle of an edit) does not walk them again
            gc.freeze()

    def _show_result(self, result, names: Names | None = None) -> None:
        doc = self.current_doc()
        if names is None:
            names = Names(doc) if doc is not None else Names()
        # what a finding is about, in words: stages, edges, items and owners by their names
        self.findings_dock.set_findings(result.findings, names)
        a = result.assessment
        self.status_class.setText(f"<b>{(a.classification or 'unknown').replace('-', ' ').capitalize()}</b>")
        self.status_coverage.setText(f"Loop coverage {a.loop_coverage * 100:.0f} %")
        self.status_latency.setText(latency_text(a.feedback_latency_days, doc))
        self.status_counts.setText(counts_text(result.counts))
        self.checks_updated.emit(result)

    # ---- edits on the canvas -------------------------------------------------------------------------

    def add_stage(self, lid: int, kind: str, pos: QPointF, rename: bool = False) -> str | None:
        doc = self.docs.get(lid)
        if doc is None:
            return None
        if not kind:
            # a double-click on empty canvas: ask which kind, at the pointer (never an
            # invisible "last picked" kind)
            self._ask_kind_at(lid, pos)
            return None
        name = free_name(f"New {KIND_LABEL[kind].lower()} stage", {s.name.strip().casefold() for s in doc.stages},
                         lambda n: f" {n + 1}")
        # the nearest free grid spot: a new stage never lands on top of another
        from desktop_app.export.painter import stage_size
        from desktop_app.ui.placement import free_spot

        boxes = [(b.x(), b.y(), b.width(), b.height())
                 for b in (i.scene_box() for i in self.views[lid].lifecycle_scene().stages.values())]
        x, y = free_spot(boxes, pos.x(), pos.y(), *stage_size(name))
        stage = Stage(id=free_id(kind, {s.id for s in doc.stages}), name=name, kind=kind, x=x, y=y)
        if not self.push(cmd.AddStagesCommand(self, lid, [stage])):
            return None
        scene = self.views[lid].lifecycle_scene()
        scene.select_ids([stage.id])
        if rename:
            self.views[lid].start_rename(stage.id)
        return stage.id

    def _ask_kind_at(self, lid: int, pos: QPointF):
        from desktop_app.ui.placement import ask_kind

        view = self.views[lid]
        click = view.mapFromScene(pos + QPointF(90, 36))   # pos: the box centred on the click
        self.kind_menu = ask_kind(view, view.viewport().mapToGlobal(click), self.palette_dock.current_kind(),
                                  lambda kind: self.add_stage(lid, kind, pos, rename=True))
        return self.kind_menu

    def _add_at_centre(self, kind: str) -> None:
        view = self.current_view()
        if view is None:
            return
        c = view.mapToScene(view.viewport().rect().center())
        self.add_stage(view.lifecycle_scene().lifecycle_id, kind, QPointF(round((c.x() - 90) / 20) * 20,
                                                                         round((c.y() - 36) / 20) * 20), rename=True)

    def _stages_moved(self, lid: int, before: dict, after: dict) -> None:
        self.push(cmd.MoveStagesCommand(self, lid, before, after))

    def connect_stages(self, lid: int, source: str, target: str, feedback: bool = False) -> str | None:
        doc = self.docs.get(lid)
        names = Names(doc) if doc is not None else Names()
        text = f"Connect {names.between(source, target)}" + (" (feedback)" if feedback else "")
        command = cmd.ConnectCommand(self, lid, Edge(id="", source=source, target=target,
                                                     kind="feedback" if feedback else "flow"), text)
        if not self.push(command):
            return None
        return command.edge.id

    def rename_stage(self, lid: int, stage_id: str, name: str) -> None:
        doc = self.docs.get(lid)
        if doc is None:
            return
        old = doc.stage(stage_id).name
        self.push(cmd.UpdateStageCommand(self, lid, stage_id, {"name": old}, {"name": name},
                                         f"Rename {quoted(old)} to {quoted(name)}"))

    def rename_selected(self) -> None:
        view, scene = self.current_view(), self.current_scene()
        if scene is not None and len(scene.selected_stage_ids()) == 1:
            view.start_rename(scene.selected_stage_ids()[0])

    def select_all(self) -> None:
        scene = self.current_scene()
        if scene is not None:
            scene.select_ids(list(scene.stages), list(scene.edges))

    def delete_selection(self) -> None:
        scene, lid = self.current_scene(), self.current_lifecycle_id()
        if scene is None:
            return
        stages, edges = selected_stages(self), scene.selected_edge_ids()
        if not stages and not edges:
            return
        parts = []
        if stages:
            parts.append(stages_text([s.name for s in stages]))
        if edges:
            parts.append(plural(len(edges), "edge"))
        self.push(cmd.DeleteCommand(self, lid, [s.id for s in stages], edges, "Delete " + " and ".join(parts)))

    def toggle_feedback(self) -> None:
        scene, lid = self.current_scene(), self.current_lifecycle_id()
        if scene is None:
            return
        for eid in scene.selected_edge_ids()[:1]:
            e = self.docs[lid].edge(eid)
            new = "flow" if e.kind == "feedback" else "feedback"
            self.push(cmd.UpdateEdgeCommand(self, lid, eid, {"kind": e.kind}, {"kind": new},
                                            f"Make edge {Names(self.docs[lid]).edge(eid)} {new}"))

    def auto_layout(self) -> None:
        lid, doc = self.current_lifecycle_id(), self.current_doc()
        if doc is None or not doc.stages:
            return
        after = auto_layout(doc)
        before = {s.id: (s.x, s.y) for s in doc.stages}
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if changed:
            self.push(cmd.MoveStagesCommand(self, lid, {k: before[k] for k in changed}, changed, "Auto-layout"))
            QTimer.singleShot(0, self.current_view(), self.current_view().fit)

    # ---- inspector and owners -------------------------------------------------------------------------

    def _inspector_edit(self, what: str, key, before: dict, after: dict) -> None:
        lid = self.current_lifecycle_id()
        if lid is None:
            return
        field = next(iter(after))
        if what == "stage":
            name = self.docs[lid].stage(key).name
            text = (f"Rename {quoted(name)} to {quoted(after['name'])}" if field == "name"
                    else f"Set {field} of {quoted(name)}")
            self.push(cmd.UpdateStageCommand(self, lid, key, before, after, text))
        elif what == "edge":
            self.push(cmd.UpdateEdgeCommand(self, lid, key, before, after,
                                            f"Set {field} of edge {Names(self.docs[lid]).edge(key)}"))
        else:
            self.push(cmd.UpdateLifecycleCommand(self, lid, before, after, f"Set lifecycle {field}"))

    def _rule_edit(self, code: str, before, after) -> None:
        lid = self.current_lifecycle_id()
        if lid is not None:
            self.push(cmd.SetRuleCommand(self, lid, code, before, after))

    def _remove_suppression(self, index: int, rule: str) -> None:
        lid = self.current_lifecycle_id()
        if lid is not None:
            self.push(cmd.RemoveSuppressionCommand(self, lid, index, rule))

    def add_owner(self, name: str | None = None) -> str | None:
        doc, lid = self.current_doc(), self.current_lifecycle_id()
        if doc is None:
            return None
        given = bool(name)
        name = free_name(name or "New owner", {o.name.strip().casefold() for o in doc.owners}, lambda n: f" {n + 1}")
        oid = free_id(_slug(name), {o.id for o in doc.owners})
        if self.push(cmd.AddOwnerCommand(self, lid, Owner(id=oid, name=name))):
            if not given:
                self.owners_dock.edit_name(oid)   # "New owner" is a placeholder: type the name
            return oid
        return None

    def _owner_edit(self, owner_id: str, before: dict, after: dict) -> None:
        lid = self.current_lifecycle_id()
        if lid is not None:
            field = next(iter(after))
            owner = Names(self.docs[lid]).owner(owner_id)
            self.push(cmd.UpdateOwnerCommand(self, lid, owner_id, before, after,
                                             f"Set {field} of owner {quoted(owner)}"))

    def delete_owner(self, owner_id: str, reassign_to: str | None | bool = False) -> None:
        """Delete an owner; when they own stages or items, ask who takes them over (unless
        ``reassign_to`` is given)."""
        doc, lid = self.current_doc(), self.current_lifecycle_id()
        if doc is None:
            return
        owner = next((o for o in doc.owners if o.id == owner_id), None)
        if owner is None:
            return
        owned = [s for s in doc.stages if s.owner == owner_id] + [i for i in doc.items() if i.owner == owner_id]
        if reassign_to is False:
            reassign_to = None
            if owned:
                choices = [(one_line(o.name), o.id) for o in doc.owners if o.id != owner_id] + [("Nobody", None)]
                dialog = ChoiceDialog("Delete owner", f"{quoted(owner.name)} owns {plural(len(owned), 'stage or item', 'stages or items')}. "
                                      "Who takes them over?", choices, self)
                ok = dialog.exec()
                reassign_to = dialog.value()
                dialog.deleteLater()
                if not ok:
                    return
        self.push(cmd.DeleteOwnerCommand(self, lid, owner_id, owner.name, reassign_to))

    # ---- lifecycles ----------------------------------------------------------------------------------

    def _lifecycle_names(self) -> set[str]:
        return {info.name.strip().casefold() for info in self.workspace.lifecycles()}

    def _unique_lifecycle_name(self, name: str) -> str:
        return free_name(name, self._lifecycle_names(), lambda n: f" ({n + 1})")

    def create_lifecycle(self, doc: Lifecycle, text: str) -> int | None:
        doc = copy.deepcopy(doc)
        doc.name = self._unique_lifecycle_name(doc.name)
        command = cmd.CreateLifecycleCommand(self, doc, text)
        if not self.push(command):
            return None
        self.open_lifecycle(command.lifecycle_id)
        return command.lifecycle_id

    def new_from_template(self, name: str, lifecycle_name: str | None = None) -> int | None:
        """A new lifecycle from template ``name`` (or "blank"), as a plan starting today."""
        from desktop_app.interchange import new_from_template

        doc = new_from_template(name, date.today(), lifecycle_name)
        what = "a blank canvas" if name == "blank" else f"template {name}"
        return self.create_lifecycle(doc, f"New lifecycle {quoted(doc.name)} from {what}")

    def new_lifecycle_dialog(self, template: str | None = None):
        """File ▸ New Lifecycle: choose a template (or Blank) and name the lifecycle."""
        from desktop_app.interchange import BLANK, load_template, template_names
        from desktop_app.ui.new_lifecycle import NewLifecycleDialog

        names = template_names()
        choices = [(BLANK, "Blank", "New lifecycle")] + [
            (n, n.replace("-", " ").capitalize(), load_template(n, with_playbook=False).name) for n in names]
        taken = {info.name for info in self.workspace.lifecycles()}
        default = template or ("hybrid" if "hybrid" in names else BLANK)
        dialog = NewLifecycleDialog(choices, taken, default, self)
        ok = dialog.exec()
        choice, name = dialog.choice(), dialog.lifecycle_name()
        dialog.deleteLater()
        if ok and name:
            return self.new_from_template(choice, name)
        return None

    def duplicate_lifecycle(self, lid: int) -> int | None:
        doc = self.workspace.load(lid)
        text = f"Duplicate {quoted(doc.name)}"
        doc.name = free_name(doc.name, self._lifecycle_names())   # "… copy", cut to fit the limit
        return self.create_lifecycle(doc, text)

    def rename_lifecycle(self, lid: int, name: str) -> None:
        old = next((i.name for i in self.workspace.lifecycles() if i.id == lid), None)
        if old is None or old == name:
            return
        if not self.push(cmd.UpdateLifecycleCommand(self, lid, {"name": old}, {"name": name},
                                                    f"Rename lifecycle {quoted(old)} to {quoted(name)}")):
            self.lifecycles_dock.set_lifecycles(self.workspace.lifecycles(), self.current_lifecycle_id())

    def delete_lifecycle(self, lid: int, confirmed: bool = False) -> None:
        info = next((i for i in self.workspace.lifecycles() if i.id == lid), None)
        if info is None:
            return
        if not confirmed and not self.confirm(
                "Delete lifecycle", f"Delete {quoted(info.name)} ({plural(info.stage_count, 'stage')})?\n"
                "You can undo this with Edit ▸ Undo."):
            return
        self.push(cmd.DeleteLifecycleCommand(self, lid, info.name))

    # ---- findings ------------------------------------------------------------------------------------

    def reveal_finding(self, finding) -> None:
        view, scene = self.current_view(), self.current_scene()
        if scene is None or finding is None:
            return
        stages = list(finding.stages)
        if not stages and finding.edges:
            doc = self.current_doc()
            for eid in finding.edges:
                try:
                    e = doc.edge(eid)
                    stages += [e.source, e.target]
                except KeyError:
                    pass
        scene.select_ids(finding.stages, finding.edges)
        view.centre_on_stages(stages)

    def quick_fix(self, finding) -> bool:
        """CHECKS.md's quick fixes, each one undoable command."""
        lid, doc = self.current_lifecycle_id(), self.current_doc()
        if doc is None or finding is None or not finding.fixable:
            return False
        rule = finding.rule
        text = f"Quick fix {rule}"
        if rule == "LC106":
            return self.push(cmd.DeleteCommand(self, lid, [], list(finding.edges), f"{text}: delete the self-loop"))
        if rule == "LC107":
            order = [e.id for e in doc.edges]
            keep = min(finding.edges, key=lambda e: order.index(e) if e in order else 1 << 30)
            extra = [e for e in finding.edges if e != keep]
            return self.push(cmd.DeleteCommand(self, lid, [], extra, f"{text}: delete the duplicate edges"))
        if rule == "LC110":
            eid = finding.edges[0]
            return self.push(cmd.UpdateEdgeCommand(self, lid, eid, {"kind": "feedback"}, {"kind": "flow"},
                                                   f"{text}: make edge {Names(doc).edge(eid)} a flow edge"))
        if rule == "LC109":
            inside = set(finding.stages)
            names = {s.id: s.name for s in doc.stages}
            choices = [(f"{names.get(e.source, e.source)} → {names.get(e.target, e.target)}", e.id)
                       for e in doc.edges if e.kind == "flow" and e.source in inside and e.target in inside]
            dialog = ChoiceDialog("Mark the feedback edge", "Which edge of the loop carries signals back?",
                                  choices, self)
            ok, eid = dialog.exec(), dialog.value()
            dialog.deleteLater()
            if not ok or eid is None:
                return False
            return self.push(cmd.UpdateEdgeCommand(self, lid, eid, {"kind": "flow"}, {"kind": "feedback"},
                                                   f"{text}: mark edge {Names(doc).edge(eid)} as feedback"))
        if rule == "LC301":
            sid = finding.stages[0]
            dialog = ChoiceDialog("Assign an owner", f"Who owns “{doc.stage(sid).name}”?",
                                  [(o.name, o.id) for o in doc.owners], self)
            ok, oid = dialog.exec(), dialog.value()
            dialog.deleteLater()
            if not ok or oid is None:
                return False
            return self.push(cmd.UpdateStageCommand(self, lid, sid, {"owner": None}, {"owner": oid},
                                                    f"{text}: assign an owner to “{doc.stage(sid).name}”"))
        return False

    def suppress_finding(self, finding, reason: str | None = None, whole_lifecycle: bool = False) -> bool:
        lid, doc = self.current_lifecycle_id(), self.current_doc()
        if doc is None or finding is None:
            return False
        dialog = SuppressDialog(finding, {s.id: s.name for s in doc.stages}, self)
        ok = dialog.exec()
        suppression = dialog.suppression()
        dialog.deleteLater()
        if not ok:
            return False
        stage_name = Names(doc).stage(suppression.stage) if suppression.stage else None
        return self.push(cmd.AddSuppressionCommand(self, lid, suppression, len(doc.suppressions),
                                                   stage_name))

    # ---- files ---------------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open", str(self._file_folder()),
            "Workspaces, lifecycle documents and diagrams (*.lcstudio *.lifecycle.json *.drawio *.drawio.svg "
            "*.drawio.png *.xml *.graphml);;Workspaces (*.lcstudio);;Lifecycle documents (*.lifecycle.json);;"
            "draw.io diagrams (*.drawio *.drawio.svg *.drawio.png *.xml);;GraphML, from yEd or the app (*.graphml);;"
            "All files (*)")
        if path:
            self._chose_file(path)
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """A ``.lifecycle.json`` or a diagram (``.drawio``, ``.graphml``) is imported into this
        workspace; anything else is opened as a workspace in place of the current one. Refusals
        are shown, and change nothing; how a diagram was read is shown after its import."""
        from desktop_app.interchange.lifecycle_files import is_lifecycle_file
        from desktop_app.store.location import is_server_address

        if not is_server_address(path) and is_lifecycle_file(path):
            from desktop_app.interchange import DocumentError
            from desktop_app.interchange.lifecycle_files import read_lifecycle_file
            from desktop_app.ui.import_summary import choose_page, show_import_summary

            go_on, page = choose_page(self, path)
            if not go_on:
                return False
            try:
                imported = read_lifecycle_file(path, page=page)
            except DocumentError as exc:
                self.show_error("Cannot import the document", f"{Path(path).name} was refused.",
                                "\n".join(exc.problems) or str(exc))
                return False
            if self.create_lifecycle(imported.lifecycle, f"Import {Path(path).name}") is None:
                return False
            if imported.summary:
                show_import_summary(self, Path(path).name, imported)
            return True
        return self.open_location(path)

    def open_server_dialog(self) -> None:
        """File ▸ Open Server Workspace…: the address (recent ones offered), then the workspace."""
        from desktop_app.ui.server_workspace import ServerAddressDialog

        dialog = ServerAddressDialog(self.recent_files(), self)
        try:
            if dialog.exec() != ServerAddressDialog.DialogCode.Accepted or dialog.location() is None:
                return
            location = dialog.location()
        finally:
            dialog.deleteLater()
        self.open_location(location)

    def _follow_location(self, workspace) -> None:
        """What depends on where the workspace is: who the edits are signed by, and what Save
        As does (on a server: a copy to take along, the window staying on the server)."""
        apply_display_name(self.settings, workspace)
        self.act_save_as.setStatusTip(
            "Copy the team's workspace into a new file to take along; this window stays on the server"
            if workspace.is_server else "Copy the workspace to a new file and continue there")

    def display_name_dialog(self) -> None:
        from desktop_app.ui.server_workspace import ask_display_name

        if ask_display_name(self, self.settings) is not None and self.workspace is not None:
            apply_display_name(self.settings, self.workspace)
            self.statusBar().showMessage(f"Your edits are signed “{self.workspace.author}”", 5000)

    def open_location(self, text) -> bool:
        """Open the workspace at ``text`` (a path, a server address, or either parsed) in place
        of the current one, asking for a password if the server wants one libpq could not
        find. Refusals are shown, and change nothing."""
        from desktop_app.store.location import parse_location
        from desktop_app.ui.server_workspace import Cancelled, open_workspace

        try:
            location = parse_location(text)
        except WorkspaceError as exc:   # another kind of address, or a password in it
            self.show_error("Cannot open the workspace", "This is not a workspace address.", str(exc))
            return False
        if session.workspace_key(location) == session.workspace_key(self.workspace.location):
            return True
        try:
            new = open_workspace(self, location)
        except Cancelled:
            return False
        except WorkspaceError as exc:
            unchanged = "The file was not changed." if isinstance(location, Path) else "Nothing was changed."
            reason = exc.reason
            self.show_error("Cannot open the workspace", f"{short_name(location)} cannot be opened.",
                            reason if outcome_said(reason) else f"{reason}\n\n{unchanged}")
            return False
        self.switch_workspace(new)
        return True

    def _file_folder(self) -> Path:
        """Where File ▸ Open, Save As and New Workspace start: the documents folder, then the
        folder last chosen in one of them (not the workspace's folder: the default workspace
        lives in a hidden data folder, and a server workspace has no folder at all)."""
        return export_options.start_folder(self.settings, WORKSPACE_FOLDER_KEY)

    def _chose_file(self, path: str) -> None:
        export_options.remember_folder(self.settings, WORKSPACE_FOLDER_KEY, path)

    def attach_workspace(self, workspace: Workspace, open_lifecycle: int | None = None) -> None:
        """Show the workspace this window was started for, once it is open."""
        self.workspace = workspace
        self._opening = None
        self.setEnabled(True)
        self.statusBar().clearMessage()
        self._update_title()
        self.lifecycles_dock.set_lifecycles(workspace.lifecycles(), None)
        self._add_recent(workspace.location_text)
        self._follow_location(workspace)
        if open_lifecycle is not None:
            self.open_lifecycle(open_lifecycle)
        self._refresh_side_docks()
        self.read_only_mode.apply(workspace)
        self.live.follow(workspace)

    def switch_workspace(self, new: Workspace, keep_undo: bool = False) -> None:
        self.remember_tabs()
        self._tabs_fixed = True   # the old workspace keeps its tabs for the next time it opens
        for i in reversed(range(self.tabs.count())):
            self._close_tab(i)
        self._tabs_fixed = False
        old = self.workspace
        self.workspace = new
        self.read_only_mode.apply(new)
        self.live.follow(new)
        old.close()
        if not keep_undo:
            self.undo_stack.clear()
        for dock in self.bottom_docks[1:]:
            if hasattr(dock, "set_workspace"):
                dock.set_workspace(new)
        self._add_recent(new.location_text)
        self._follow_location(new)
        infos = new.lifecycles()
        self.lifecycles_dock.set_lifecycles(infos, None)
        if not self.restore_tabs() and infos:
            self.open_lifecycle(infos[0].id)
        self._update_title()
        self._refresh_side_docks()

    def new_workspace_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New workspace", str(self._file_folder()),
                                              "Workspaces (*.lcstudio)")
        if not path:
            return
        self._chose_file(path)
        if not path.endswith(WORKSPACE_SUFFIX):
            path += WORKSPACE_SUFFIX
        try:
            if Path(path).exists():
                raise WorkspaceError(path, "a file of that name already exists; choose another name")
            new = _workspace_class().create(path)
            from desktop_app.interchange import new_from_template

            new.create_lifecycle(new_from_template("hybrid", date.today()))   # a plan from today
        except WorkspaceError as exc:
            self.show_error("Cannot create the workspace", str(exc))
            return
        self.switch_workspace(new)

    def save_as_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save workspace as", str(self._file_folder()),
                                              "Workspaces (*.lcstudio)")
        if path:
            self._chose_file(path)
            self.save_as(path)

    def save_as(self, path: str) -> bool:
        """Copy the workspace (SQLite backup API) and continue in the copy; the copy holds the
        same lifecycle ids, so the undo history stays valid."""
        if not path.endswith(WORKSPACE_SUFFIX):
            path += WORKSPACE_SUFFIX
        if self.workspace.is_server:
            return self._copy_to_file(path)
        current = self.current_lifecycle_id()
        try:
            self.workspace.save_as(path)
            new = _workspace_class().open(path)
        except WorkspaceError as exc:
            self.show_error("Cannot save the workspace", str(exc))
            return False
        self.switch_workspace(new, keep_undo=True)
        if current is not None:
            self.open_lifecycle(current)
        return True

    def _copy_to_file(self, path: str) -> bool:
        """Save As on a server workspace: the whole workspace copied into a new file (as
        ``lifecycle-studio copy`` does, checked the same way) to take along; the window stays
        on the team's workspace, where the others' edits keep arriving."""
        from desktop_app.store.copy import copy_workspace

        from PySide6.QtCore import QEventLoop

        def progress(done: int, total: int) -> None:
            # the status line moves on a big copy; no input is taken meanwhile
            self.statusBar().showMessage(
                f"Copying the workspace to {path}: {done * 100 // max(total, 1)}%…")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = copy_workspace(self.workspace.location, path, progress=progress)
        except WorkspaceError as exc:
            self.statusBar().clearMessage()
            self.show_error("Cannot save a copy of the workspace", str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(
            f"Copied the workspace to {result.target} ({plural(result.lifecycles, 'lifecycle')}); "
            "this window stays on the server", 10000)
        return True

    # ---- export and reports ----------------------------------------------------------------------------

    def _save_path(self, title: str, filters, default_name: str, key: str = "export") -> str | None:
        text = ";;".join(f"{label} ({pattern})" for label, pattern in filters)
        # the documents folder at first, then the folder last written to (per key)
        path, chosen = QFileDialog.getSaveFileName(
            self, title, str(export_options.start_folder(self.settings, key) / default_name), text,
            export_options.filter_for(filters, default_name))
        if not path:
            return None
        export_options.remember_folder(self.settings, key, path)
        # a name typed without an ending takes the one of the chosen filter
        pattern = next((p for label, p in filters if chosen.startswith(label)), filters[0][1])
        ending = pattern.lstrip("*")
        return path if path.lower().endswith(tuple(p.lstrip("*") for _, p in filters)) else path + ending

    def _busy(self, message: str):
        """The wait cursor and a status message while a file is written on this thread."""
        from contextlib import contextmanager

        @contextmanager
        def busy():
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.statusBar().showMessage(message)
            QApplication.processEvents()
            try:
                yield
            finally:
                QApplication.restoreOverrideCursor()
                self.statusBar().clearMessage()

        return busy()

    def export_dialog(self) -> None:
        from desktop_app.export.files import EXPORT_FILTERS

        doc = self.current_doc()
        if doc is None:
            return
        ending = export_options.last_ending(self.settings, "export", EXPORT_FILTERS, ".png")
        path = self._save_path("Export lifecycle", EXPORT_FILTERS, _slug(doc.name) + ending)
        options = export_options.ask_options(self, self.settings, doc, path) if path else None
        if options is not None:
            self.export_to(path, options)

    def export_to(self, path: str, options: export_options.ExportOptions | None = None) -> bool:
        from desktop_app.export.files import write_export

        doc = self.current_doc()
        if doc is None:
            return False
        try:
            with self._busy(f"Writing {Path(path).name}…"):
                write_export(doc, Path(path), **(options.as_kwargs() if options else {}))
        except (OSError, ValueError) as exc:
            self.show_error("Cannot export the lifecycle", f"{path}: {getattr(exc, 'strerror', None) or exc}")
            return False
        self.statusBar().showMessage(f"Wrote {path}", 5000)
        return True

    def report_dialog(self) -> None:
        from desktop_app.export.files import REPORT_FILTERS

        doc = self.current_doc()
        if doc is None:
            return
        ending = export_options.last_ending(self.settings, "report", REPORT_FILTERS, ".html")
        path = self._save_path("Write retrospective report", REPORT_FILTERS, _slug(doc.name) + "-retro" + ending,
                               key="report")
        if path:
            self.write_report_to(path)

    def _retro_range(self) -> tuple[str | None, str | None]:
        """The snapshots chosen in the Retrospective dock: (since, until), labels or None."""
        dock = self.findChild(QDockWidget, "retroDock")
        since_box = getattr(dock, "since_box", None)
        until_box = getattr(dock, "until_box", None)
        if since_box is None or since_box.currentIndex() < 0:
            return None, None
        lid = self.current_lifecycle_id()
        labels = {s.id: s.label for s in self.workspace.snapshots(lid)} if lid is not None else {}
        since = labels.get(since_box.currentData())
        until = labels.get(until_box.currentData()) if until_box is not None else None
        return since, (until if since else None)

    def write_report_to(self, path: str) -> bool:
        from desktop_app.export.files import write_retrospective
        from desktop_app.reports.retrospective import gather_report

        lid = self.current_lifecycle_id()
        if lid is None:
            return False
        since, until = self._retro_range()
        try:
            with self._busy(f"Writing {Path(path).name}…"):
                data = gather_report(self.workspace, lid, date.today(), since, until)
                written = write_retrospective(data, Path(path))
        except KeyError as exc:
            self.show_error("Cannot write the report", str(exc.args[0]))
            return False
        except (OSError, ValueError) as exc:
            self.show_error("Cannot write the report", f"{path}: {getattr(exc, 'strerror', None) or exc}")
            return False
        self.statusBar().showMessage(f"Wrote {', '.join(str(p) for p in written)}", 5000)
        return True

    # ---- help ------------------------------------------------------------------------------------------

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.all_actions, self)
        dialog.show()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b><br>Draw, check and track a model's lifecycle.<br>"
                          f"Workspace: {self.workspace.location_text}")

    # ---- closing -------------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        self.remember_tabs()
        self._tabs_fixed = True   # the tabs go with the window: keep the list of the last moment
        if self.instance_server is not None:
            self.instance_server.close()   # a start from now on opens its own window
        self.save_settings()
        self._check_timer.stop()
        self.live.stop()
        QThreadPool.globalInstance().waitForDone(5000)
        self.undo_stack.clear()
        if self.workspace is not None:
            self.workspace.close()
        super().closeEvent(event)
