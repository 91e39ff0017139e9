"""What ships with the app: the template lifecycles and the phase playbook (resources/)."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from desktop_app.model.document import FORMAT_NAME, FORMAT_VERSION, Lifecycle, Phase

from .reader import loads_document, parse_document

_TEMPLATE_SUFFIX = ".lifecycle.json"


def _resources() -> Traversable:
    return files("desktop_app.resources")


def template_names() -> list[str]:
    """The bundled templates' names (``hybrid``, ...), sorted."""
    folder = _resources().joinpath("templates")
    return sorted(
        entry.name[: -len(_TEMPLATE_SUFFIX)]
        for entry in folder.iterdir()
        if entry.name.endswith(_TEMPLATE_SUFFIX)
    )


@lru_cache(maxsize=None)
def _template(name: str) -> Lifecycle:
    resource = _resources().joinpath("templates", name + _TEMPLATE_SUFFIX)
    return loads_document(resource.read_text(encoding="utf-8"), source=f"template {name}")


def load_template(name: str, *, with_playbook: bool = True) -> Lifecycle:
    """A fresh copy of the bundled template ``name``, to create a lifecycle from.

    A template without phases gets the playbook's four phases (``playbook_phases``), as every
    newly created lifecycle does; ``with_playbook=False`` gives the template exactly as shipped.
    KeyError, naming the known templates, for an unknown name.
    """
    names = template_names()
    if name not in names:
        raise KeyError(f"no template named {name!r}; the templates are {', '.join(names)}")
    lifecycle = copy.deepcopy(_template(name))
    if with_playbook and not lifecycle.phases:
        lifecycle.phases = playbook_phases()
    return lifecycle


@lru_cache(maxsize=1)
def _playbook() -> tuple[Phase, ...]:
    data = json.loads(_resources().joinpath("playbook.json").read_text(encoding="utf-8"))
    # The playbook's phases are FORMAT.md phases: validate them the same way, inside a
    # minimal document, so a mistake in the shipped file is caught by the tests.
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "name": "playbook",
        "stages": [],
        "edges": [],
        "phases": data["phases"],
    }
    return tuple(parse_document(document, source="resources/playbook.json").phases)


def playbook_phases() -> list[Phase]:
    """The four phases with the article's checklist items, all ``todo``; new objects each call."""
    return copy.deepcopy(list(_playbook()))
