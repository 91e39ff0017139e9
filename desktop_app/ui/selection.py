"""Calling back when the canvas selection of the current tab changes, for actions whose
enabled state depends on it (copy, align, …): the window makes one scene per tab, so a
watcher follows the tabs and connects to each scene once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


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
