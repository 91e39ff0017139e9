"""A validated FORMAT.md dict -> the model's Lifecycle, with FORMAT.md's defaults filled in.

Only called on documents validation.py has passed, so it may index freely.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from desktop_app.model.document import Edge, Item, Lifecycle, Owner, Phase, Stage, Suppression


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def edge_ids(edges: list[dict[str, Any]]) -> list[str]:
    """Each edge's id: its own, or (in document order) ``eN`` for the next N from 1 whose
    ``eN`` is not an explicit id in the document (FORMAT.md, Edge)."""
    given = [edge.get("id") for edge in edges]
    if None not in given:
        return given  # every edge has its id (as the app writes them): nothing to number
    explicit = {edge["id"] for edge in edges if "id" in edge}
    ids: list[str] = []
    n = 1
    for edge in edges:
        if "id" in edge:
            ids.append(edge["id"])
            continue
        while f"e{n}" in explicit:
            n += 1
        ids.append(f"e{n}")
        n += 1
    return ids


def build_lifecycle(doc: dict[str, Any]) -> Lifecycle:
    edges = doc["edges"]
    return Lifecycle(
        name=doc["name"],
        paradigm=doc.get("paradigm", "hybrid"),
        description=doc.get("description", ""),
        owners=[Owner(id=o["id"], name=o["name"], kind=o.get("kind", "team")) for o in doc.get("owners", [])],
        # stages and edges by position (id, name, kind, owner, automation, criteria, notes,
        # x, y; id, source, target, kind, trigger, latency_days, label): keywords made the
        # dataclasses' __init__ a third slower, which 15,000 of them on a big document feel
        stages=[
            Stage(s["id"], s["name"], s["kind"], s.get("owner"), s.get("automation", "manual"),
                  s.get("criteria", ""), s.get("notes", ""), float(s.get("x", 0)),
                  float(s.get("y", 0)))
            for s in doc["stages"]
        ],
        edges=[
            Edge(edge_id, e["source"], e["target"], e.get("kind", "flow"),
                 e.get("trigger", "manual"),
                 None if (latency := e.get("latency_days")) is None else float(latency),
                 e.get("label", ""))
            for edge_id, e in zip(edge_ids(edges), edges)
        ],
        phases=[
            Phase(
                number=int(p["number"]),
                planned_start=_date(p.get("planned_start")),
                planned_end=_date(p.get("planned_end")),
                items=[
                    Item(
                        id=i["id"],
                        title=i["title"],
                        status=i.get("status", "todo"),
                        owner=i.get("owner"),
                        due=_date(i.get("due")),
                        done_on=_date(i.get("done_on")),
                        notes=i.get("notes", ""),
                    )
                    for i in p["items"]
                ],
            )
            for p in doc.get("phases", [])
        ],
        # Kept as the document has them (plain dicts), detached from the caller's data.
        rules={code: dict(copy.deepcopy(settings)) for code, settings in doc.get("rules", {}).items()},
        suppressions=[
            Suppression(rule=s["rule"], reason=s["reason"], stage=s.get("stage"))
            for s in doc.get("suppressions", [])
        ],
    )
