"""Table rows to document dataclasses and back, and the field checks every operation shares."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlalchemy import Row

from desktop_app.model import document as d
from desktop_app.model.tables import (
    EdgeRow,
    ItemRow,
    LifecycleRow,
    OwnerRow,
    PhaseRow,
    RuleSettingRow,
    StageRow,
    SuppressionRow,
)

from .errors import OperationError

LIFECYCLES = LifecycleRow.__table__
OWNERS = OwnerRow.__table__
STAGES = StageRow.__table__
EDGES = EdgeRow.__table__
PHASES = PhaseRow.__table__
ITEMS = ItemRow.__table__
SUPPRESSIONS = SuppressionRow.__table__
RULE_SETTINGS = RuleSettingRow.__table__

ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,64}")

STAGE_FIELDS = ("id", "name", "kind", "owner", "automation", "criteria", "notes", "x", "y")
EDGE_FIELDS = ("id", "source", "target", "kind", "trigger", "latency_days", "label")
OWNER_FIELDS = ("id", "name", "kind")
ITEM_FIELDS = ("id", "title", "status", "owner", "due", "done_on", "notes")

_CHOICES: dict[str, tuple[str, ...]] = {
    "stage.kind": d.STAGE_KINDS,
    "stage.automation": d.AUTOMATIONS,
    "edge.kind": d.EDGE_KINDS,
    "edge.trigger": d.TRIGGERS,
    "owner.kind": d.OWNER_KINDS,
    "item.status": d.ITEM_STATUSES,
    "lifecycle.paradigm": d.PARADIGMS,
}


def check_fields(entity: str, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    """Refuse unknown fields and values FORMAT.md would refuse, before anything is written."""
    for name, value in fields.items():
        if name not in allowed:
            raise OperationError(None, f"{entity} has no field {name!r}")
        choices = _CHOICES.get(f"{entity}.{name}")
        if choices is not None and value not in choices:
            raise OperationError(
                None, f"{entity}.{name}: {value!r} is not one of {', '.join(choices)}"
            )
        if name == "id" and (not isinstance(value, str) or not ID_PATTERN.fullmatch(value)):
            raise OperationError(None, f"{entity}.id: {value!r} must match [A-Za-z0-9_.-]{{1,64}}")
        if name in ("name", "title") and (not isinstance(value, str) or not value):
            raise OperationError(None, f"{entity}.{name}: must not be empty")
        if entity == "stage" and name == "name" and len(value) > 200:
            raise OperationError(None, "stage.name: longer than 200 characters")
        if name == "latency_days" and value is not None and (
            not isinstance(value, (int, float)) or value < 0
        ):
            raise OperationError(None, f"edge.latency_days: {value!r} must be a number >= 0 or empty")
        if name in ("x", "y") and not isinstance(value, (int, float)):
            raise OperationError(None, f"{entity}.{name}: {value!r} is not a number")
        if name in ("due", "done_on") and value is not None and not isinstance(value, date):
            raise OperationError(None, f"{entity}.{name}: {value!r} is not a date")


def stage_doc(row: Row, owner_key: str | None) -> d.Stage:
    return d.Stage(
        id=row.key, name=row.name, kind=row.kind, owner=owner_key, automation=row.automation,
        criteria=row.criteria, notes=row.notes, x=row.x, y=row.y,
    )


def edge_doc(row: Row, source: str, target: str) -> d.Edge:
    return d.Edge(
        id=row.key, source=source, target=target, kind=row.kind, trigger=row.trigger,
        latency_days=row.latency_days, label=row.label,
    )


def owner_doc(row: Row) -> d.Owner:
    return d.Owner(id=row.key, name=row.name, kind=row.kind)


def item_doc(row: Row, owner_key: str | None) -> d.Item:
    return d.Item(
        id=row.key, title=row.title, status=row.status, owner=owner_key, due=row.due,
        done_on=row.done_on, notes=row.notes,
    )


def stage_values(s: d.Stage, owner_pk: int | None) -> dict[str, Any]:
    return dict(
        key=s.id, name=s.name, kind=s.kind, owner_pk=owner_pk, automation=s.automation,
        criteria=s.criteria or "", notes=s.notes or "", x=float(s.x), y=float(s.y),
    )


def edge_values(e: d.Edge, source_pk: int, target_pk: int) -> dict[str, Any]:
    return dict(
        key=e.id, source_pk=source_pk, target_pk=target_pk, kind=e.kind, trigger=e.trigger,
        latency_days=None if e.latency_days is None else float(e.latency_days), label=e.label or "",
    )


def item_values(i: d.Item, owner_pk: int | None) -> dict[str, Any]:
    return dict(
        key=i.id, title=i.title, status=i.status, owner_pk=owner_pk, due=i.due,
        done_on=i.done_on, notes=i.notes or "",
    )


def rule_setting_values(code: str, setting: dict[str, Any]) -> dict[str, Any]:
    params = {k: v for k, v in setting.items() if k != "severity"}
    return dict(code=code, severity=setting.get("severity"), parameters=json.dumps(params, sort_keys=True))


def rule_setting_doc(row: Row) -> dict[str, Any]:
    setting: dict[str, Any] = {} if row.severity is None else {"severity": row.severity}
    setting.update(json.loads(row.parameters))
    return setting
