"""What ships with the app: the template lifecycles and the phase playbook (resources/)."""

from __future__ import annotations

import copy
import json
from datetime import date
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from desktop_app.model.document import FORMAT_NAME, FORMAT_VERSION, Lifecycle, Phase

from .reader import loads_document, parse_document

_TEMPLATE_SUFFIX = ".lifecycle.json"


BLANK = "blank"   # the choice of a lifecycle with no stages (not a file among the templates)


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


def freshened(lifecycle: Lifecycle, today: date) -> Lifecycle:
    """``lifecycle`` as a plan that starts ``today``: every item ``todo`` with no done date, and
    every date (phase windows, due dates) moved by the same number of days, so the earliest
    falls on ``today`` and the spacing of the plan is kept. A lifecycle created from a template
    so has no overdue item and nothing done already; the template itself is left as shipped."""
    doc = copy.deepcopy(lifecycle)
    days = [d for p in doc.phases for d in (p.planned_start, p.planned_end) if d is not None]
    days += [i.due for p in doc.phases for i in p.items if i.due is not None]
    shift = today - min(days) if days else None
    for phase in doc.phases:
        if shift is not None:
            phase.planned_start = phase.planned_start and phase.planned_start + shift
            phase.planned_end = phase.planned_end and phase.planned_end + shift
        for item in phase.items:
            item.status, item.done_on = "todo", None
            if shift is not None and item.due is not None:
                item.due = item.due + shift
    return doc


def new_from_template(name: str, today: date, lifecycle_name: str | None = None) -> Lifecycle:
    """A new lifecycle to create today from template ``name`` (or ``BLANK``: no stages, the
    playbook's four phases), named ``lifecycle_name`` when given. See ``freshened``."""
    if name == BLANK:
        doc = Lifecycle(name=lifecycle_name or "New lifecycle", phases=playbook_phases())
    else:
        doc = freshened(load_template(name), today)
    if lifecycle_name:
        doc.name = lifecycle_name
    return doc


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
