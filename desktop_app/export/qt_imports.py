"""PySide6's import hook, made cheap.

Once a PySide6 module is loaded, shiboken replaces ``__import__`` and, for every Python module
imported after it, reads the module's whole source (``inspect.getsource``) to see whether it
mentions "PySide6" (for its optional ``from __feature__ import ...`` switches, which this app
never uses). The app imports the store (SQLAlchemy) and the checks after Qt, so that scan read
about 300 modules' sources at every start: ~50 ms before the lifecycle is drawn and ~20 MB of
source lines left in ``linecache`` for the app's whole life.

``skip_source_scan`` swaps that test for one that looks at what the module holds (a PySide6
module, or a class from one) instead of its text: a module that imports Qt at its top is still
told apart, and nothing is read from disk.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _holds_pyside(module: object) -> bool:
    """Whether the module's globals hold a PySide6 module or class (what its source would show
    for any module that imports Qt at its top)."""
    try:
        values = list(vars(module).values())
    except TypeError:
        return False
    for value in values:
        if isinstance(value, ModuleType):
            name = value.__name__
        elif isinstance(value, type):
            name = getattr(value, "__module__", "")
        else:
            continue
        if isinstance(name, str) and name.startswith("PySide6"):
            return True
    return False


def skip_source_scan() -> bool:
    """Install the cheap test in shiboken's import hook; False when this PySide6 has no such
    hook (nothing to do). Call it after the first PySide6 import, before the heavy ones."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _holds_pyside
    return True
