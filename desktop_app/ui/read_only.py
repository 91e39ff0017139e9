"""Read-only mode (issue 13, "Roles"): a workspace opened for reading, or on a server as a
database role without write privileges (``Workspace.read_only``), is shown as such: "read
only" in the title and the status bar, every editing action off, the canvas not draggable, the
panels' editors read-only; opening, the checks, export and the report work as always. Whatever
edit still finds its way (a context menu, a key in a panel) is stopped at ``MainWindow.push``
with a one-line message, before the store is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QCheckBox, QComboBox, QLabel, QLineEdit,
    QPlainTextEdit, QTextEdit, QWidget,
)

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

MARK = "read only"
TIP = ("This workspace is open for reading only (opened read-only, or your database role may not "
       "change it): you can open, check, export and write reports; edits are off.")


def is_read_only(workspace) -> bool:
    return workspace is not None and workspace.read_only


class ReadOnlyMode:
    """Switches one window between editing and reading only, and back."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.active = False
        self.label = QLabel(MARK.capitalize(), window.statusBar())
        self.label.setObjectName("readOnlyLabel")
        self.label.setToolTip(TIP)
        self.label.setContentsMargins(8, 0, 8, 0)
        window.statusBar().addPermanentWidget(self.label)
        self.label.hide()
        # the editing actions in one group: a disabled group keeps its actions off whatever
        # the window's own enabling (selection, clipboard, undo stack) says
        self.group = QActionGroup(window)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        for act in self._editing_actions():
            act.setActionGroup(self.group)
        # (widget, property) -> the value it had, to give back when the window edits again
        self._frozen: dict[tuple[int, str], tuple[QWidget, str, object]] = {}
        window.windowTitleChanged.connect(self._mark_title)
        window.change_applied.connect(lambda _c: self._freeze_panels())
        window.tabs.currentChanged.connect(lambda _i: self._freeze_panels())

    def _editing_actions(self):
        w = self.window
        acts = [w.act_new_lifecycle, w.act_undo, w.act_redo, w.act_delete, w.act_rename, w.act_layout,
                w.act_connect_fb, w.clipboard.act_cut, w.clipboard.act_paste, w.clipboard.act_duplicate]
        acts += list(w.arrange.align_actions.values()) + list(w.arrange.distribute_actions.values())
        acts += [getattr(w.toolbar, name) for name in ("act_new_stage", "act_connect") if hasattr(w.toolbar, name)]
        return acts

    # ---- switching -------------------------------------------------------------------------------

    def apply(self, workspace) -> None:
        """Follow ``workspace``: read only when it is, editing otherwise."""
        active = is_read_only(workspace)
        was = self.active
        self.active = active
        self.group.setEnabled(not active)
        self.label.setVisible(active)
        if getattr(self.window.toolbar, "act_connect", None) is not None and active:
            self.window.toolbar.act_connect.setChecked(False)
        for view in self.window.views.values():
            view.lifecycle_scene().read_only = active
        if active:
            self._freeze_panels()
        elif was:
            self._thaw_panels()
        self._mark_title(self.window.windowTitle())

    def refuses(self, command) -> bool:
        """True (and says so in the status bar) when an edit is asked of a read-only window."""
        if not self.active:
            return False
        text = command.text() if hasattr(command, "text") else ""
        what = f"“{text}” was not done" if text else "Nothing was changed"
        self.window.statusBar().showMessage(f"Read only: {what}; this workspace cannot be changed from here", 8000)
        return True

    # ---- the title and the panels -------------------------------------------------------------------

    def _mark_title(self, title: str) -> None:
        marked = f" — {MARK}"
        if self.active and marked not in title:
            app_part = title.rfind(" — ")
            title = (title[:app_part] + marked + title[app_part:]) if app_part >= 0 else title + marked
            self.window.setWindowTitle(title)
        elif not self.active and marked in title:
            self.window.setWindowTitle(title.replace(marked, ""))

    def _panels(self):
        w = self.window
        retro = w.bottom_docks[-1]
        phases = w.bottom_docks[1]
        return [
            (w.inspector_dock, ()),
            (w.owners_dock, ()),
            (phases, ()),
            # the retrospective compares and charts for the report: its snapshot choice stays
            (retro, tuple(x for x in (getattr(retro, "since_box", None), getattr(retro, "until_box", None),
                                      getattr(retro, "view_button", None)) if x is not None)),
        ]

    def _freeze_panels(self) -> None:
        if not self.active:
            return
        w = self.window
        hide = [w.findings_dock.fix_button, w.findings_dock.suppress_button,
                w.lifecycles_dock.new_button, w.lifecycles_dock.duplicate_button,
                w.lifecycles_dock.rename_button, w.lifecycles_dock.delete_button]
        for button in hide:
            self._set(button, "visible", False)
        self._set(w.lifecycles_dock.list, "editTriggers", QAbstractItemView.EditTrigger.NoEditTriggers)
        self._set(w.palette_dock.list, "enabled", False)   # a click or a drag adds a stage
        for panel, keep in self._panels():
            for child in panel.findChildren(QWidget):
                if child in keep or any(k.isAncestorOf(child) for k in keep):
                    continue
                if isinstance(child, (QLineEdit, QPlainTextEdit, QTextEdit)):
                    self._set(child, "readOnly", True)
                elif isinstance(child, QAbstractItemView):
                    self._set(child, "editTriggers", QAbstractItemView.EditTrigger.NoEditTriggers)
                elif isinstance(child, (QComboBox, QAbstractSpinBox, QCheckBox)):
                    self._set(child, "enabled", False)
                elif isinstance(child, QAbstractButton) and not child.isCheckable():
                    if child.objectName().startswith("qt_"):
                        continue   # Qt's own (a dock's close and float buttons, scroll arrows)
                    self._set(child, "visible", False)

    _GET = {"visible": "isVisibleTo", "readOnly": "isReadOnly", "enabled": "isEnabled",
            "editTriggers": "editTriggers", "dragEnabled": "dragEnabled"}
    _SET = {"visible": "setVisible", "readOnly": "setReadOnly", "enabled": "setEnabled",
            "editTriggers": "setEditTriggers", "dragEnabled": "setDragEnabled"}

    def _set(self, widget: QWidget, prop: str, value) -> None:
        key = (id(widget), prop)
        if key not in self._frozen or self._frozen[key][0] is not widget:
            if prop == "visible":
                parent = widget.parentWidget()
                old = widget.isVisibleTo(parent) if parent is not None else widget.isVisible()
            else:
                old = getattr(widget, self._GET[prop])()
            self._frozen[key] = (widget, prop, old)
        getattr(widget, self._SET[prop])(value)   # again, when its panel turned it back on

    def _thaw_panels(self) -> None:
        frozen, self._frozen = list(self._frozen.values()), {}
        for widget, prop, old in reversed(frozen):
            try:
                getattr(widget, self._SET[prop])(old)
            except RuntimeError:
                pass   # the panel made a new one meanwhile and this one is gone
