"""The retrospective comparison of two states of one lifecycle.

``compare(before, after, ...)`` says what was added, removed and changed (field by field) among
stages, edges, owners and phase items, which items were completed in between, and which findings
were resolved or introduced. Both sides are plain ``Lifecycle`` documents (a snapshot or the live
state), so the same code serves the Retrospective dock, ``diff`` and the reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Iterable, Sequence

from desktop_app.model.document import Edge, Item, Lifecycle, Owner, Stage
from desktop_app.model.naming import ARROW, Names


@dataclass(frozen=True)
class FieldChange:
    """One changed entity: ``fields`` maps a field name to ``(old, new)``."""

    id: str
    fields: dict[str, tuple[Any, Any]]


@dataclass
class EntityDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def keys(self) -> list[str]:
        return self.added + self.removed + [c.id for c in self.changed]

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        """Ids for tools; ``names`` (when given) maps every id mentioned to its display name."""
        out: dict[str, Any] = {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [
                {"id": c.id, "fields": {k: [_json(o), _json(n)] for k, (o, n) in c.fields.items()}}
                for c in self.changed
            ],
        }
        if names is not None:
            out["names"] = names
        return out


@dataclass
class ItemDiff(EntityDiff):
    # items whose status became done between the two states (new items born done included)
    completed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return super().__bool__() or bool(self.completed)

    def keys(self) -> list[str]:
        return super().keys() + self.completed

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        return {**super().to_dict(names), "completed": list(self.completed)}


@dataclass
class Comparison:
    stages: EntityDiff
    edges: EntityDiff
    owners: EntityDiff
    items: ItemDiff
    resolved: list[Any]    # findings (checks.Finding) present before and gone after
    introduced: list[Any]  # findings present after and not before
    # display names from both sides, so every text of the comparison names what it means
    names: Names = field(default_factory=Names)

    def is_empty(self) -> bool:
        return not (self.stages or self.edges or self.owners or self.items
                    or self.resolved or self.introduced)

    def sections(self) -> list[tuple[str, EntityDiff]]:
        return [("stages", self.stages), ("edges", self.edges), ("owners", self.owners),
                ("items", self.items)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``diff --format json``: ids for tools, and with each section a
        ``names`` map from those ids to what a user reads; each finding says ``where`` in words."""
        out: dict[str, Any] = {
            kind: diff.to_dict({k: self.names.of(kind, k) for k in diff.keys()})
            for kind, diff in self.sections()
        }
        out["findings"] = {
            "resolved": [{**f.to_dict(), "where": self.names.finding_where(f)} for f in self.resolved],
            "introduced": [{**f.to_dict(), "where": self.names.finding_where(f)} for f in self.introduced],
        }
        return out


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls) if f.name != "id"]


def _diff_entities(before: dict[str, Any], after: dict[str, Any], names: list[str]) -> EntityDiff:
    diff = EntityDiff(
        added=sorted(after.keys() - before.keys()),
        removed=sorted(before.keys() - after.keys()),
    )
    for key in sorted(before.keys() & after.keys()):
        changed = {
            name: (getattr(before[key], name), getattr(after[key], name))
            for name in names
            if getattr(before[key], name) != getattr(after[key], name)
        }
        if changed:
            diff.changed.append(FieldChange(key, changed))
    return diff


@dataclass(frozen=True)
class _PlacedItem:
    """An item with the phase it sits in, so moving an item between phases shows as a change."""

    item: Item
    phase: int

    def __getattr__(self, name: str) -> Any:
        return getattr(self.item, name)


ITEM_FIELDS = ["phase"] + _field_names(Item)


def _items(lc: Lifecycle) -> dict[str, _PlacedItem]:
    return {i.id: _PlacedItem(i, p.number) for p in lc.phases for i in p.items}


def _finding_key(f: Any) -> tuple:
    # what a finding is about, not how it is worded: a message that quotes a latency may change
    # while the finding stays the same one
    return (f.rule, tuple(f.stages), tuple(f.edges), tuple(f.items), tuple(f.owners), f.phase)


def _finding_difference(a: Sequence[Any], b: Sequence[Any]) -> list[Any]:
    """Findings of ``a`` not in ``b`` (as multisets), in ``a``'s order."""
    left = Counter(_finding_key(f) for f in b)
    out = []
    for f in a:
        k = _finding_key(f)
        if left[k]:
            left[k] -= 1
        else:
            out.append(f)
    return out


def compare(
    before: Lifecycle,
    after: Lifecycle,
    findings_before: Iterable[Any] = (),
    findings_after: Iterable[Any] = (),
) -> Comparison:
    """Compare two states of a lifecycle. Findings are compared only among those that count:
    a finding that became suppressed is listed as resolved (accepted), one whose suppression was
    lifted as introduced."""
    stages = _diff_entities({s.id: s for s in before.stages}, {s.id: s for s in after.stages},
                            _field_names(Stage))
    edges = _diff_entities({e.id: e for e in before.edges}, {e.id: e for e in after.edges},
                           _field_names(Edge))
    owners = _diff_entities({o.id: o for o in before.owners}, {o.id: o for o in after.owners},
                            _field_names(Owner))
    items_before, items_after = _items(before), _items(after)
    base = _diff_entities(items_before, items_after, ITEM_FIELDS)
    completed = sorted(
        key for key, placed in items_after.items()
        if placed.status == "done"
        and (key not in items_before or items_before[key].status != "done")
    )
    items = ItemDiff(base.added, base.removed, base.changed, completed)
    active_before = [f for f in findings_before if not f.suppressed]
    active_after = [f for f in findings_after if not f.suppressed]
    return Comparison(
        stages, edges, owners, items,
        resolved=_finding_difference(active_before, active_after),
        introduced=_finding_difference(active_after, active_before),
        names=Names(before, after),
    )


# ---- text ------------------------------------------------------------------------------------
# One wording for the Retrospective dock, ``diff --format text`` and the reports: things by their
# names (an edge by its ends), ids only in ``diff --format json``.

SECTION_TITLES = {"stages": "Stages", "edges": "Edges", "owners": "Owners", "items": "Items"}


def describe_change(change: FieldChange, names: Names | None = None) -> str:
    """``owner nobody → Data science; name “Train” → “Train nightly”``; a move is "moved"."""
    names = names or Names()
    parts = []
    for name, (old, new) in change.fields.items():
        if name in ("x", "y"):
            if "moved" not in parts:
                parts.append("moved")
            continue
        label = name.replace("_", " ")
        parts.append(f"{label} {names.value(name, old)} {ARROW} {names.value(name, new)}")
    return "; ".join(parts)


def finding_line(f: Any, names: Names | None = None) -> str:
    """``LC203 error deployment-cliff [Deploy] message``: what it is about, by name."""
    where = (names or Names()).finding_where(f)
    return f"{f.rule} {f.severity} {f.name}{f' [{where}]' if where else ''} {f.message}"


def comparison_sections(c: Comparison) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The comparison as (heading, counts, lines) sections, a line being (mark, text): mark is
    ``+``, ``-``, ``~``, ``✓`` or "" (a finding); each text names things as a user knows them."""
    names = c.names
    out: list[tuple[str, str, list[tuple[str, str]]]] = []
    for kind, diff in c.sections():
        if not (diff.added or diff.removed or diff.changed):
            continue
        counts = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
        lines = ([("+", f"added {names.of(kind, k)}") for k in diff.added]
                 + [("-", f"removed {names.of(kind, k)}") for k in diff.removed]
                 + [("~", f"{names.of(kind, ch.id)}: {describe_change(ch, names)}")
                    for ch in diff.changed])
        out.append((SECTION_TITLES[kind], counts, lines))
    if c.items.completed:
        out.append(("Items completed", str(len(c.items.completed)),
                    [("✓", names.item(k)) for k in c.items.completed]))
    if c.resolved or c.introduced:
        out.append(("Findings", f"{len(c.resolved)} resolved, {len(c.introduced)} introduced",
                    [("", f"resolved: {finding_line(f, names)}") for f in c.resolved]
                    + [("", f"introduced: {finding_line(f, names)}") for f in c.introduced]))
    return out


def format_text(comparison: Comparison, title: str = "") -> str:
    """The comparison as plain text, one line per entity, for ``diff --format text``."""
    names = comparison.names
    lines: list[str] = [title] if title else []
    for kind, diff in comparison.sections():
        lines.append(f"{SECTION_TITLES[kind]}: {len(diff.added)} added, {len(diff.removed)} removed, "
                     f"{len(diff.changed)} changed")
        lines += [f"  + {names.of(kind, i)}" for i in diff.added]
        lines += [f"  - {names.of(kind, i)}" for i in diff.removed]
        lines += [f"  ~ {names.of(kind, c.id)}: {describe_change(c, names)}" for c in diff.changed]
    completed = ", ".join(names.item(k) for k in comparison.items.completed)
    lines.append(f"Items completed: {completed or 'none'}")
    lines.append(f"Findings: {len(comparison.resolved)} resolved, {len(comparison.introduced)} introduced")
    lines += [f"  resolved   {finding_line(f, names)}" for f in comparison.resolved]
    lines += [f"  introduced {finding_line(f, names)}" for f in comparison.introduced]
    return "\n".join(lines) + "\n"
