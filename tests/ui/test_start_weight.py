"""The app's start does not pay PySide6's source scan: once Qt is loaded, shiboken's import hook
used to read the whole source of every module imported after it (SQLAlchemy's, the checks'),
~50 ms of the start and ~20 MB of source lines kept for the app's life (export/qt_imports.py)."""

from __future__ import annotations

import importlib
import linecache
import sys

import desktop_app.ui  # noqa: F401  (what the app imports first)


def _import_fresh(tmp_path, monkeypatch, name: str, text: str):
    path = tmp_path / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    module = __import__(name)   # the import statement's way (shiboken's hook sits on it)
    monkeypatch.delitem(sys.modules, name)
    return path, module


def test_a_module_imported_after_qt_is_not_read_for_its_source(tmp_path, monkeypatch):
    path, _ = _import_fresh(tmp_path, monkeypatch, "h11b_plain_probe", "VALUE = 1\n")
    assert str(path) not in linecache.cache


def test_modules_that_use_qt_are_still_told_apart(tmp_path, monkeypatch):
    """Shiboken's per-module feature table keeps its meaning: a module importing Qt is marked as
    using it (0), a plain one as not (-1), as the source scan decided before."""
    table = sys.modules["shibokensupport.feature"].pyside_feature_dict
    _import_fresh(tmp_path, monkeypatch, "h11b_qt_probe", "from PySide6.QtCore import QPointF\n")
    _import_fresh(tmp_path, monkeypatch, "h11b_qt_module_probe", "import PySide6.QtGui\n")
    _import_fresh(tmp_path, monkeypatch, "h11b_other_probe", "import json\n")
    assert table["h11b_qt_probe"] == 0
    assert table["h11b_qt_module_probe"] == 0
    assert table["h11b_other_probe"] == -1
