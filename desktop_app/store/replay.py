"""The activity log as a script: each entry keeps its operation and arguments as JSON, so a
lifecycle's state can be rebuilt by running them again, in revision order, on another workspace
(the two-writer test checks that the plan both writers left equals the replay of the log).

The JSON is tagged so that documents come back as the same dataclasses: ``{"$": "Stage", ...}``
for a document dataclass, ``{"$": "date", "v": "2025-03-01"}``, ``{"$": "dict", "v": {...}}`` for
a mapping (so a rule parameter named ``$`` cannot pass for a tag). Ids the log's workspace gave
(the lifecycle, snapshots, retrospectives, action items) are mapped to those the replay makes.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from desktop_app.model import document as d

from .change import ActivityEntry, Change, Removed

if TYPE_CHECKING:
    from .retrospectives import Workspace

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (d.Owner, d.Stage, d.Edge, d.Item, d.Phase, d.Suppression, d.Lifecycle, Removed)
}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in _CLASSES:
            raise TypeError(f"cannot log a {name}")
        return {"$": name, **{f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, dict):
        return {"$": "dict", "v": {str(k): _encode(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot log a {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        tag = value.get("$")
        if tag == "date":
            return date.fromisoformat(value["v"])
        if tag == "dict":
            return {k: _decode(v) for k, v in value["v"].items()}
        cls = _CLASSES[tag]
        fields = {k: _decode(v) for k, v in value.items() if k != "$"}
        if cls is Removed:
            # the places are pairs and triples; the undo code unpacks them either way
            fields = {k: (dict(v) if isinstance(v, dict) else [tuple(x) for x in v]) for k, v in fields.items()}
        return cls(**fields)
    return value


def encode_call(name: str, args: dict[str, Any], made: dict[str, int | None] | None = None) -> str:
    """The ``args`` column of an activity row: the operation, its arguments, and the ids it made."""
    body: dict[str, Any] = {"op": name, "args": _encode(args)}
    if made:
        body["made"] = {k: v for k, v in made.items() if v is not None}
    return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def decode_call(text: str) -> tuple[str, dict[str, Any], dict[str, int]]:
    body = json.loads(text)
    return body["op"], _decode(body["args"]), body.get("made", {})


def made_ids(change: Change) -> dict[str, int | None]:
    """The ids an operation gave what it made, kept in the log so a replay can map them."""
    return {"lifecycle": change.lifecycle_id, "snapshot": change.snapshot_id,
            "retrospective": change.retrospective_id, "action_item": change.action_item_id}


# argument name -> which kind of id it holds
_ID_ARGS = {"lifecycle_id": "lifecycle", "retrospective_id": "retrospective",
            "action_item_id": "action_item", "since_snapshot_id": "snapshot",
            "until_snapshot_id": "snapshot", "snapshot_id": "snapshot"}


def replay(entries: Iterable[ActivityEntry], target: "Workspace",
           ids: dict[str, dict[int, int]] | None = None) -> dict[int, int]:
    """Run the logged operations of ``entries`` again on ``target``, in revision order per
    lifecycle (the order they were committed in), and return the map from the log's lifecycle
    ids to the ones made in ``target``. Entries without arguments (written before schema 4)
    are skipped; an operation the replay cannot run raises, as the original would have.

    ``ids`` (kind -> log's id -> target's id) carries the mapping from one call to the next,
    to replay a log a few entries at a time."""
    ordered = sorted(
        (e for e in entries if e.args),
        key=lambda e: (e.lifecycle_id if e.lifecycle_id is not None else -1,
                       e.revision if e.revision is not None else -1))
    if ids is None:
        ids = {}
    for kind in ("lifecycle", "snapshot", "retrospective", "action_item"):
        ids.setdefault(kind, {})
    for entry in ordered:
        try:
            name, args, made = decode_call(entry.args)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"activity entry {entry.operation!r} at revision {entry.revision}: its arguments "
                             f"cannot be read ({type(exc).__name__})") from None
        # only the operations: the log may come from someone else's file
        if not getattr(getattr(type(target), name, None), "replayable", False) or not isinstance(args, dict):
            raise ValueError(f"activity entry {entry.operation!r} at revision {entry.revision}: "
                             f"{name!r} is not an operation that can be replayed")
        for arg, kind in _ID_ARGS.items():
            value = args.get(arg)
            if value is not None and not (name == "add_action_item" and arg == "action_item_id"):
                args[arg] = ids[kind].get(value, value)
        if name == "add_action_item" and args.get("action_item_id") is not None:
            # the undo of a delete puts the item back under its old id: a fresh one here
            args["action_item_id"] = ids["action_item"].get(args["action_item_id"])
        change = getattr(target, name)(**args)
        for kind, old in made.items():
            new = made_ids(change).get(kind)
            if new is not None:
                ids[kind][old] = new
    return ids["lifecycle"]
