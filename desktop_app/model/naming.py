"""Names for what users read: stages, edges, owners and items by their display names, never
their ids (the product guide: "users read names, never ids").

One helper for every place text goes out (the status bar, the findings' Where column, the
retrospective comparison, ``diff`` text, the reports), so a stage reads the same everywhere; each
name goes through ``model/text.one_line`` (one line, clipped).
"""

from __future__ import annotations

from typing import Any, Iterable

from desktop_app.model.document import Lifecycle
from desktop_app.model.text import one_line, quoted

ARROW = "→"
TEXT_FIELDS = frozenset({"name", "title", "criteria", "notes", "label", "description"})


class Names:
    """The display names of one lifecycle, or of two states of it (a snapshot and now): a name
    in a later document wins, and an id known to neither is shown as it is (it is all there is).
    """

    def __init__(self, *docs: Lifecycle) -> None:
        self.stages: dict[str, str] = {}
        self.owners: dict[str, str] = {}
        self.items: dict[str, str] = {}
        self.edge_ends: dict[str, tuple[str, str]] = {}
        for doc in docs:
            self.stages.update((s.id, s.name) for s in doc.stages)
            self.owners.update((o.id, o.name) for o in doc.owners)
            self.items.update((i.id, i.title) for i in doc.items())
            self.edge_ends.update((e.id, (e.source, e.target)) for e in doc.edges)

    def stage(self, stage_id: str) -> str:
        return one_line(self.stages.get(stage_id, stage_id))

    def owner(self, owner_id: str | None) -> str:
        return "nobody" if owner_id is None else one_line(self.owners.get(owner_id, owner_id))

    def item(self, item_id: str) -> str:
        return one_line(self.items.get(item_id, item_id))

    def between(self, source: str, target: str) -> str:
        """An edge by its ends: ``Monitoring → Feature experiments``."""
        return f"{self.stage(source)} {ARROW} {self.stage(target)}"

    def edge(self, edge_id: str) -> str:
        ends = self.edge_ends.get(edge_id)
        return self.between(*ends) if ends else one_line(edge_id)

    def of(self, kind: str, key: str) -> str:
        """The name of ``key`` in a section of a comparison: stages, edges, owners or items."""
        return {"stages": self.stage, "edges": self.edge, "owners": self.owner,
                "items": self.item}[kind](key)

    def where(self, stages: Iterable[str] = (), edges: Iterable[str] = (),
              items: Iterable[str] = (), owners: Iterable[str] = (),
              phase: int | None = None) -> str:
        """What a finding is about, in words; "" when it is about the whole lifecycle."""
        parts = ([self.stage(s) for s in stages] + [self.edge(e) for e in edges]
                 + [quoted(self.items.get(i, i)) for i in items] + [self.owner(o) for o in owners])
        if not parts and phase:
            parts.append(f"phase {phase}")
        return ", ".join(parts)

    def finding_where(self, finding: Any) -> str:
        return self.where(finding.stages, finding.edges, finding.items, finding.owners, finding.phase)

    def value(self, field: str, value: Any, section: str = "") -> str:
        """A field's value as a user reads it: references by name, text quoted and on one line."""
        if field == "owner":
            return self.owner(value)
        if value is None:
            return "none"
        if field in ("source", "target"):
            return self.stage(value)
        if field == "phase":
            return f"phase {value}"
        if field in ("x", "y") and isinstance(value, (int, float)):
            return f"{value:g}"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, str):
            # free text in quotes (it may hold anything); a kind or a status as it is
            return quoted(value, 60) if field in TEXT_FIELDS else one_line(value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return one_line(str(value))
