"""The canvas selection of the current tab: the selected stages as the document holds them, and
calling back when the selection changes, for actions whose enabled state depends on it (copy,
align, …): the window makes one scene per tab, so a watcher follows the tabs and connects to
each scene once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from desktop_app.model.document import Stage
    from desktop_app.ui.main_window import MainWindow


def selected_stages(window: MainWindow) -> list[Stage]:
    """The selected stages of the current tab, in the document's order (one pass over the
    document, not a lookup per stage: Select All of 5,000)."""
    scene, doc = window.current_scene(), window.current_doc()
    if scene is None or doc is None:
        return []
    chosen = set(scene.selected_stage_ids())
    return [s for s in doc.stages if s.id in chosen] if chosen else []


def on_selection_changed(window: MainWindow, callback: Callable[[], None]) -> None:
    """Call ``callback`` when the current tab changes and when its scene's selection does."""
    followed: set[int] = set()

    def follow(_index: int = -1) -> None:
        scene = window.current_scene()
        if scene is not None and id(scene) not in followed:
            followed.add(id(scene))
            scene.selectionChanged.connect(callback)
            scene.destroyed.connect(lambda _o=None, key=id(scene): followed.discard(key))
        callback()

    window.tabs.currentChanged.connect(follow)
    follow()
