"""Every problem of a FORMAT.md document: the schema's and the cross-references'.

The schema (schema.py) says what each value may look like; this module adds what a schema cannot
say: ids unique, references that name something, ``done_on`` exactly when done, planned dates in
order, each phase number once, known rule codes and parameters, real calendar dates, finite
numbers. Every check here reads the raw JSON defensively, so one document with many mistakes gets
all of them listed at once, whatever shape the rest is in.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from desktop_app.model.document import FORMAT_VERSION, ITEM_STATUSES
from desktop_app.model.rules import known_rule_codes, rule_parameters
from desktop_app.model.text import echoed, lone_surrogate

from .paths import Path, document_order, format_path
from .quick_check import compiled_pattern
from .schema import DATE_PATTERN, quick_valid, schema_problems

Problem = tuple[Path, str]

# Deeper than any place FORMAT.md defines (phases[0].items[0].due is four levels); below this the
# schema has already refused the value, so the walks need not follow it.
_MAX_DEPTH = 8
# Positions and latencies become floats, which stop near 1.8e308 (1024 bits).
_MAX_INT_BITS = 1000


class JsonObject(dict):
    """A JSON object as read from a file, remembering the keys it had more than once.

    ``json`` keeps the last of repeated keys silently; a repeated key is as much a mistake as a
    misspelt one, so reading records them (reader.py) and validation refuses them.
    """

    repeated: tuple[str, ...] = ()


def newer_version(document: Any) -> int | None:
    """The document's version when it is a newer one than this app reads, else None."""
    if isinstance(document, dict):
        version = document.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            return version
    return None


def document_problems(document: Any, *, numbers_checked: bool = False) -> list[str]:
    """Every problem of ``document`` as ``"path: message"``, in document order; [] when valid.

    ``numbers_checked``: the reader already knows the JSON text held no repeated key and no NaN
    or Infinity; then the walk for impossible numbers runs only when the quick schema check
    (which also refuses numbers no float holds) says no.
    """
    version = newer_version(document)
    if version is not None:
        return [
            f"version: written by a newer version of Lifecycle Studio (format version {echoed(version)});"
            f" this app reads format version {FORMAT_VERSION}"
        ]
    problems: list[Problem] = []
    quick_ok = quick_valid(document)
    if not numbers_checked or not quick_ok:
        problems += _walk_problems(document)
    problems += schema_problems(document, quick_ok)
    if isinstance(document, dict):
        problems += _cross_reference_problems(document)
    ordered = sorted(
        dict.fromkeys(problems), key=lambda problem: document_order(document, problem[0])
    )
    return [f"{format_path(path)}: {message}" for path, message in ordered]


def _needs_a_look(value: Any) -> bool:
    # Containers to descend into, floats that may be NaN or infinite, integers too big for a
    # float, strings that are not Unicode text.
    return (isinstance(value, (dict, list, float))
            or (isinstance(value, int) and value.bit_length() > _MAX_INT_BITS)
            or (isinstance(value, str) and lone_surrogate(value) is not None))


def _surrogate_problem(text: str, what: str) -> str:
    return (f"{what}{echoed(text)} holds a lone surrogate ({lone_surrogate(text)}), which is not "
            "Unicode text")


def _walk_problems(document: Any) -> list[Problem]:
    """Repeated keys, numbers a document cannot hold (NaN, Infinity, 1e400 as digits) and
    strings that are not Unicode text (a lone surrogate from a ``"\\ud800"`` escape), anywhere."""
    problems: list[Problem] = []
    stack: list[tuple[Any, Path]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key in getattr(node, "repeated", ()):
                problems.append((path, f"key {echoed(key)} appears more than once"))
            problems += [(path, _surrogate_problem(key, "key ")) for key in node
                         if isinstance(key, str) and lone_surrogate(key) is not None]
            if len(path) < _MAX_DEPTH:
                stack.extend((value, path + (key,)) for key, value in node.items() if _needs_a_look(value))
        elif isinstance(node, list):
            if len(path) < _MAX_DEPTH:
                stack.extend((value, path + (index,)) for index, value in enumerate(node) if _needs_a_look(value))
        elif isinstance(node, float) and not math.isfinite(node):
            shown = "NaN" if math.isnan(node) else ("Infinity" if node > 0 else "-Infinity")
            problems.append((path, f"{shown} is not allowed: numbers must be finite"))
        elif isinstance(node, str) and lone_surrogate(node) is not None:
            problems.append((path, _surrogate_problem(node, "")))
        elif isinstance(node, int) and node.bit_length() > _MAX_INT_BITS and path != ("version",):
            problems.append((path, f"a number of {len(str(abs(node)))} digits is too large: numbers must be finite"))
    return problems


def _entries(document: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The objects of an array member, with their indices; anything else is the schema's job."""
    value = document.get(key)
    if not isinstance(value, list):
        return []
    return [(index, entry) for index, entry in enumerate(value) if isinstance(entry, dict)]


def _text(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def _real_date(value: Any) -> date | None:
    """The date a well-formed YYYY-MM-DD string names, None for anything else."""
    if isinstance(value, str) and compiled_pattern(DATE_PATTERN).search(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _unique_ids(
    entries: list[tuple[Path, dict[str, Any]]], what: str
) -> tuple[dict[str, Path], list[Problem]]:
    """The first place of each id, and a problem for every later repeat."""
    seen: dict[str, Path] = {}
    problems: list[Problem] = []
    for place, entry in entries:
        entry_id = _text(entry, "id")
        if entry_id is None:
            continue
        if entry_id in seen:
            problems.append((place + ("id",), f"duplicate {what} id {echoed(entry_id)} (first at {format_path(seen[entry_id])})"))
        else:
            seen[entry_id] = place
    return seen, problems


def _reference(entry: dict[str, Any], key: str, known: dict[str, Path], what: str, place: Path) -> list[Problem]:
    value = _text(entry, key)
    if value is not None and value not in known:
        return [(place + (key,), f"{echoed(value)} names no {what}")]
    return []


def _graph_references_hold(document: dict[str, Any]) -> bool:
    """Owners, stages and edges: ids unique and references naming something, answered with
    sets (the common case, fast on big documents). False sends the caller to the walk below,
    which says exactly where each problem is."""
    try:
        owners = document.get("owners", [])
        owner_ids = {o["id"] for o in owners}
        stages = document["stages"]
        stage_ids = {s["id"] for s in stages}
        edges = document["edges"]
        explicit = [e["id"] for e in edges if "id" in e]
        return (
            len(owner_ids) == len(owners)
            and len(stage_ids) == len(stages)
            and {s.get("owner") for s in stages} - {None} <= owner_ids
            and len(set(explicit)) == len(explicit)
            and {e["source"] for e in edges} <= stage_ids
            and {e["target"] for e in edges} <= stage_ids
        )
    except (TypeError, KeyError, AttributeError):
        return False


def _cross_reference_problems(document: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    if _graph_references_hold(document):
        owner_ids = {o["id"]: ("owners", i) for i, o in enumerate(document.get("owners", []))}
        return _phase_problems(document, owner_ids) + _rule_problems(document)

    owners = [(("owners", i), entry) for i, entry in _entries(document, "owners")]
    owner_ids, found = _unique_ids(owners, "owner")
    problems += found

    stages = [(("stages", i), entry) for i, entry in _entries(document, "stages")]
    stage_ids, found = _unique_ids(stages, "stage")
    problems += found
    for place, stage in stages:
        problems += _reference(stage, "owner", owner_ids, "owner", place)

    edges = [(("edges", i), entry) for i, entry in _entries(document, "edges")]
    _, found = _unique_ids(edges, "edge")
    problems += found
    for place, edge in edges:
        problems += _reference(edge, "source", stage_ids, "stage", place)
        problems += _reference(edge, "target", stage_ids, "stage", place)

    problems += _phase_problems(document, owner_ids)
    problems += _rule_problems(document)
    return problems


def _phase_problems(document: dict[str, Any], owner_ids: dict[str, Path]) -> list[Problem]:
    problems: list[Problem] = []
    numbers: dict[int, Path] = {}
    items: list[tuple[Path, dict[str, Any]]] = []
    for index, phase in _entries(document, "phases"):
        place: Path = ("phases", index)
        number = phase.get("number")
        if isinstance(number, (int, float)) and not isinstance(number, bool) and number in range(1, 5):
            number = int(number)
            if number in numbers:
                problems.append((place + ("number",), f"phase {number} appears more than once (first at {format_path(numbers[number])})"))
            else:
                numbers[number] = place
        start, end = _dates(phase, place, ("planned_start", "planned_end"), problems)
        if start is not None and end is not None and start > end:
            problems.append((place + ("planned_start",), f"{start.isoformat()} is after planned_end {end.isoformat()}"))
        phase_items = phase.get("items")
        if isinstance(phase_items, list):
            items += [(place + ("items", i), item) for i, item in enumerate(phase_items) if isinstance(item, dict)]

    _, found = _unique_ids(items, "item")
    problems += found
    for place, item in items:
        problems += _reference(item, "owner", owner_ids, "owner", place)
        _dates(item, place, ("due", "done_on"), problems)
        status = item.get("status", "todo")
        done_on = item.get("done_on")
        if status == "done" and done_on is None:
            problems.append((place + ("done_on",), "missing: an item with status done needs the date it was done"))
        elif status in ITEM_STATUSES and status != "done" and done_on is not None:
            problems.append((place + ("done_on",), f"set although status is {status!r}; only done items have a done_on date"))
    return problems


def _dates(
    entry: dict[str, Any], place: Path, keys: tuple[str, ...], problems: list[Problem]
) -> list[date | None]:
    """The real dates under ``keys``, adding a problem for each well-formed string that is none."""
    dates: list[date | None] = []
    for key in keys:
        value = entry.get(key)
        day = _real_date(value)
        if day is None and isinstance(value, str) and compiled_pattern(DATE_PATTERN).search(value):
            problems.append((place + (key,), f"{echoed(value)} is not a real date"))
        dates.append(day)
    return dates


def _rule_problems(document: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    # Which codes exist and which parameters each takes come from the rule catalogue; the
    # parameters' types and ranges are checked by the schema ($defs.ruleSettings).
    catalogue = {code: frozenset(rule_parameters(code)) for code in known_rule_codes()}
    rules = document.get("rules")
    if isinstance(rules, dict):
        for code, settings in rules.items():
            if code not in catalogue:
                problems.append((("rules", code), f"unknown rule code {echoed(code)}"))
                continue
            if not isinstance(settings, dict):
                continue
            takes = sorted(catalogue[code])
            for key in settings:
                if key != "severity" and key not in catalogue[code]:
                    offer = f"severity and {', '.join(takes)}" if takes else "only severity"
                    problems.append((("rules", code), f"unknown parameter {echoed(key)} ({code} takes {offer})"))
    for index, suppression in _entries(document, "suppressions"):
        rule = _text(suppression, "rule")
        if rule is not None and rule not in catalogue:
            problems.append((("suppressions", index, "rule"), f"unknown rule code {echoed(rule)}"))
    return problems
