"""The model's Lifecycle -> a FORMAT.md document, keys in the order of the shipped examples.

Written so that the examples round-trip: ``x`` and ``y`` always present, a stage's ``owner``,
an edge's ``kind``, ``trigger`` and ``latency_days`` always present (null when unset), while
empty optional strings, the default automation and unset item fields are left out.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

from desktop_app.model.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Edge,
    Item,
    Lifecycle,
    Owner,
    Phase,
    Stage,
    Suppression,
)

from .errors import DocumentError
from .files import create_temp_beside, sync_folder
from .validation import document_problems


def _number(value: float) -> int | float:
    # 220.0 is written 220, as people write positions; reading gives the same float back.
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _owner(owner: Owner) -> dict[str, Any]:
    return {"id": owner.id, "name": owner.name, "kind": owner.kind}


def _stage(stage: Stage) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": stage.id,
        "name": stage.name,
        "kind": stage.kind,
        "owner": stage.owner,
        "x": _number(stage.x),
        "y": _number(stage.y),
    }
    if stage.criteria:
        out["criteria"] = stage.criteria
    if stage.automation != "manual":
        out["automation"] = stage.automation
    if stage.notes:
        out["notes"] = stage.notes
    return out


def _edge(edge: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "kind": edge.kind,
        "trigger": edge.trigger,
        "latency_days": None if edge.latency_days is None else _number(edge.latency_days),
    }
    if edge.label:
        out["label"] = edge.label
    return out


def _item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.id, "title": item.title, "status": item.status}
    if item.owner is not None:
        out["owner"] = item.owner
    if item.due is not None:
        out["due"] = item.due.isoformat()
    if item.done_on is not None:
        out["done_on"] = item.done_on.isoformat()
    if item.notes:
        out["notes"] = item.notes
    return out


def _phase(phase: Phase) -> dict[str, Any]:
    out: dict[str, Any] = {"number": phase.number}
    if phase.planned_start is not None:
        out["planned_start"] = phase.planned_start.isoformat()
    if phase.planned_end is not None:
        out["planned_end"] = phase.planned_end.isoformat()
    out["items"] = [_item(item) for item in phase.items]
    return out


def _suppression(suppression: Suppression) -> dict[str, Any]:
    return {"rule": suppression.rule, "stage": suppression.stage, "reason": suppression.reason}


def document_dict(lc: Lifecycle) -> dict[str, Any]:
    """The FORMAT.md document for ``lc`` as a plain dict (JSON-ready, nothing shared with ``lc``)."""
    out: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "name": lc.name,
        "paradigm": lc.paradigm,
    }
    if lc.description:
        out["description"] = lc.description
    out["owners"] = [_owner(owner) for owner in lc.owners]
    out["stages"] = [_stage(stage) for stage in lc.stages]
    out["edges"] = [_edge(edge) for edge in lc.edges]
    if lc.phases:
        out["phases"] = [_phase(phase) for phase in lc.phases]
    if lc.rules:
        out["rules"] = copy.deepcopy(lc.rules)
    if lc.suppressions:
        out["suppressions"] = [_suppression(s) for s in lc.suppressions]
    return out


def _checked_text(lc: Lifecycle, source: str | None) -> str:
    # Never write what reading would refuse (a NaN position, an item done without done_on,
    # a dangling owner): the file would be lost to its user. DocumentError says what is wrong.
    document = document_dict(lc)
    problems = document_problems(document)
    if problems:
        raise DocumentError(source, problems)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def dumps_document(lc: Lifecycle) -> str:
    """The document as JSON text: indent 2, non-ASCII kept as is, one trailing newline.

    DocumentError, listing the problems, when ``lc`` is not a valid document.
    """
    return _checked_text(lc, None)


def write_document(lc: Lifecycle, path: str | os.PathLike[str]) -> None:
    """Write ``lc`` to ``path`` atomically: a crash leaves either the old file or the new one.

    DocumentError when ``lc`` is not a valid document (nothing is written then); OSError when
    the folder cannot be written.
    """
    target = Path(path)
    text = _checked_text(lc, str(path))  # before touching the disk: a refusal writes nothing
    fd, temp = create_temp_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
    sync_folder(target.parent)

