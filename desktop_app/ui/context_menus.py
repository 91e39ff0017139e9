"""Right-click menus on the canvas: on empty canvas, on a stage, on an edge. Each lists the
actions that apply there, with their keys shown, as draw.io and yEd do.

The menus reuse the window's actions (one QAction per command, so a key, a menu item and a
context menu item do the same thing); what only makes sense at the pointer (add a stage here,
paste here) is a menu-only action. A right-click on an item that is not selected selects it
first, so the menu acts on what the user pointed at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QMenu

from desktop_app.export.palette import KIND_LABEL
from desktop_app.model.document import STAGE_KINDS
from desktop_app.ui.canvas.items import EdgeItem, StageItem, snap
from desktop_app.ui.commands import FunctionCommand
from desktop_app.ui.icons import kind_icon
from desktop_app.model.text import one_line
from desktop_app.ui.selection import selected_stages
from desktop_app.ui.wording import escape_mnemonic, stages_text

if TYPE_CHECKING:
    from desktop_app.ui.canvas.view import CanvasView
    from desktop_app.ui.main_window import MainWindow


def _item_at(view: CanvasView, pos: QPoint):
    """The stage, else the edge, under a viewport position (stages are drawn over edges)."""
    items = view.items(pos)
    stage = next((i for i in items if isinstance(i, StageItem)), None)
    return stage or next((i for i in items if isinstance(i, EdgeItem)), None)


def menu_text(name: str, limit: int = 60) -> str:
    """A user's name as a menu item shows it: one line, at most ``limit`` characters, and "&"
    doubled (a single one would underline the next letter and vanish)."""
    return escape_mnemonic(one_line(name, limit))


def _add(menu: QMenu, action: QAction | None) -> None:
    if action is not None:
        action.setShortcutVisibleInContextMenu(True)   # the keys, next to the words
        menu.addAction(action)


def canvas_menu(window: MainWindow, view: CanvasView, scene_pos: QPointF) -> QMenu:
    menu = QMenu(view)
    menu.setObjectName("canvasContextMenu")
    lid = view.lifecycle_scene().lifecycle_id
    at = QPointF(snap(scene_pos.x() - 90), snap(scene_pos.y() - 36))   # the box centred on the click
    add = menu.addMenu("Add &Stage Here")
    for kind in STAGE_KINDS:
        act = add.addAction(kind_icon(kind), KIND_LABEL[kind])
        act.triggered.connect(lambda _c=False, k=kind: window.add_stage(lid, k, at, rename=True))
    paste = menu.addAction("&Paste Here")
    paste.setEnabled(window.clipboard.can_paste())
    paste.triggered.connect(lambda: window.clipboard.paste(at=QPointF(snap(scene_pos.x()), snap(scene_pos.y()))))
    menu.addSeparator()
    for act in (window.act_select_all, window.act_layout, window.act_fit):
        _add(menu, act)
    return menu


def stage_menu(window: MainWindow, view: CanvasView) -> QMenu:
    menu = QMenu(view)
    menu.setObjectName("stageContextMenu")
    n = len(view.lifecycle_scene().selected_stage_ids())
    if n == 1:
        _add(menu, window.act_rename)
        menu.addSeparator()
    clip = window.clipboard
    for act in (clip.act_cut, clip.act_copy, clip.act_paste, clip.act_duplicate, window.act_delete):
        _add(menu, act)
    menu.addSeparator()
    _field_menus(window, menu)
    if n >= 2:
        menu.addSeparator()
        align = menu.addMenu("&Align")
        for act in window.arrange.align_actions.values():
            _add(align, act)
        distribute = menu.addMenu("D&istribute")
        for act in window.arrange.distribute_actions.values():
            _add(distribute, act)
    return menu


def set_stage_field(window: MainWindow, field: str, value, label: str) -> bool:
    """Set ``field`` of every selected stage to ``value``: one undo step."""
    lid, stages = window.current_lifecycle_id(), selected_stages(window)
    old = {s.id: getattr(s, field) for s in stages if getattr(s, field) != value}
    if not old:
        return False
    what = stages_text([s.name for s in stages if s.id in old])

    def do(ws):
        return [ws.update_stage(lid, sid, **{field: value}) for sid in old]

    def undo(ws):
        return [ws.update_stage(lid, sid, **{field: before}) for sid, before in old.items()]

    return window.push(FunctionCommand(window, lid, f"Set {field} of {what} to {one_line(label)}", do, undo))


def _field_menus(window: MainWindow, menu: QMenu) -> None:
    """Owner ▸ and Kind ▸ for the selected stages, the current choice checked."""
    doc, stages = window.current_doc(), selected_stages(window)
    owners = menu.addMenu("&Owner")
    for oid, name in [(o.id, o.name) for o in doc.owners] + [(None, "Nobody")]:
        act = owners.addAction(menu_text(name))
        act.setToolTip(name)
        act.setCheckable(True)
        act.setChecked(all(s.owner == oid for s in stages))
        act.triggered.connect(lambda _c=False, v=oid, n=name: set_stage_field(window, "owner", v, n))
    kinds = menu.addMenu("&Kind")
    for kind in STAGE_KINDS:
        act = kinds.addAction(kind_icon(kind), KIND_LABEL[kind])
        act.setCheckable(True)
        act.setChecked(all(s.kind == kind for s in stages))
        act.triggered.connect(lambda _c=False, k=kind: set_stage_field(window, "kind", k, KIND_LABEL[k]))


def edge_menu(window: MainWindow, view: CanvasView, item: EdgeItem) -> QMenu:
    menu = QMenu(view)
    menu.setObjectName("edgeContextMenu")
    toggle = window.act_connect_fb
    toggle.setText("Make &Flow Edge" if item.edge.kind == "feedback" else "Make &Feedback Edge")
    _add(menu, toggle)
    menu.aboutToHide.connect(lambda: toggle.setText("Toggle &Feedback on Edge"))
    _add(menu, window.act_delete)
    return menu


def show(window: MainWindow, view: CanvasView, pos: QPoint) -> QMenu:
    """Select what is under ``pos`` (a viewport position) if it is not yet, then pop up the
    menu for it; returned (and kept as ``window.context_menu``) for whoever wants to look."""
    scene = view.lifecycle_scene()
    item = _item_at(view, pos)
    if item is None:
        scene.clearSelection()
        menu = canvas_menu(window, view, view.mapToScene(pos))
    elif isinstance(item, StageItem):
        if not item.isSelected():
            scene.select_ids([item.stage_id])
        menu = stage_menu(window, view)
    else:
        if not item.isSelected():
            scene.select_ids((), [item.edge_id])
        menu = edge_menu(window, view, item)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.context_menu = menu
    menu.destroyed.connect(lambda _o=None: setattr(window, "context_menu", None)
                           if getattr(window, "context_menu", None) is menu else None)
    menu.popup(view.viewport().mapToGlobal(pos))
    return menu


class _KeyboardMenu(QObject):
    """The Menu key or Shift+F10 opens the menu of the selection (at its first stage), not of
    whatever happens to lie under the middle of the view."""

    def __init__(self, window: MainWindow, view: CanvasView) -> None:
        super().__init__(view)
        self.window_, self.view = window, view

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ContextMenu and event.reason() == QContextMenuEvent.Reason.Keyboard:
            scene = self.view.lifecycle_scene()
            selected = scene.selectedItems()
            stages = [i for i in selected if isinstance(i, StageItem)]
            target = stages[0] if stages else (selected[0] if selected else None)
            if target is not None:
                pos = self.view.mapFromScene(target.sceneBoundingRect().center())
            else:
                pos = self.view.viewport().rect().center()
            show(self.window_, self.view, pos)
            return True
        return False


def attach(window: MainWindow, view: CanvasView) -> None:
    """Give a canvas its right-click menus (and the keyboard's menu key)."""
    window.context_menu = getattr(window, "context_menu", None)
    # on a scroll area the signal comes from the view, with the position in its viewport
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: show(window, view, pos))
    keyboard = _KeyboardMenu(window, view)
    view.installEventFilter(keyboard)
    view.viewport().installEventFilter(keyboard)
