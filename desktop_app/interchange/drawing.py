"""A diagram drawn in another tool (draw.io, yEd) -> a lifecycle, with a summary of every guess.

The tool readers (drawio.py, yed.py) turn their files into a ``Drawing``: shapes with absolute
positions, plain-text labels, their container and their custom properties, and connectors
between shapes. This module decides what becomes a stage, an edge, an owner, and says so: each
kind guessed from a label, each edge read as feedback, each owner taken from a swimlane and each
item dropped gets one line in ``Imported.summary``, so the lead can correct them.

Shapes and connectors the app wrote itself carry the lifecycle's fields as properties (``kind``,
``owner``, ``stage_id``, ...; see drawio_writer.py), and those win over any guess, so a diagram
exported by the app comes back field by field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop_app.model.document import AUTOMATIONS, EDGE_KINDS, MAX_NAME, STAGE_KINDS, TRIGGERS, Lifecycle
from desktop_app.model.palette import KIND_FILL, KIND_HUE, KIND_LABEL

from desktop_app.model.text import echoed

from .errors import DocumentError
from .reader import load_json, parse_document
from .schema import show
from .validation import JsonObject

# The property names the app writes on shapes, connectors and the diagram itself.
STAGE_ID, EDGE_ID, EDGE_LABEL, LIFECYCLE = "stage_id", "edge_id", "edge_label", "lifecycle"
# Values XML 1.0 cannot hold (control characters) travel JSON-encoded in this property instead.
EXACT = "exact_values"

_ID_OK = re.compile(r"[A-Za-z0-9_.-]{1,64}\Z")

# Keywords that name a kind, tried in this order (a "drift review gate" is a gate: a human
# approval is the most specific thing a box can say). Matched at the start of a word, so
# "monitor" finds "Monitoring" and "deploy" finds "Deployment".
KIND_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gate", ("approval", "approve", "sign-off", "signoff", "sign off", "gate", "compliance")),
    ("monitor", ("monitor", "drift", "alert", "observ", "logging", "dashboard", "telemetry",
                 "metric", "watch")),
    ("deploy", ("deploy", "release", "rollout", "roll out", "roll-out", "serve", "serving",
                "canary", "ship", "launch")),
    ("learn", ("retrain", "review", "retro", "learn", "post-mortem", "postmortem", "hypothes",
               "insight")),
    ("validate", ("validat", "evaluat", "test", "fairness", "regression", "benchmark", "qa",
                  "verif", "backtest")),
    ("develop", ("train", "experiment", "feature", "develop", "model", "prototyp", "tuning",
                 "build")),
    ("data", ("data", "ingest", "label", "collect", "etl", "pipeline", "dataset", "annotat",
              "acquisition", "refresh")),
    ("business", ("business", "objective", "goal", "kpi", "requirement", "stakeholder", "kick-off", "kickoff",
                  "problem", "use case", "scoping")),
)
_KEYWORD_RE = [(kind, re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in words) + ")",
                                 re.IGNORECASE)) for kind, words in KIND_KEYWORDS]
# "Machine learning" names the field, not a retrospective.
_NOT_LEARN = re.compile(r"machine[\s-]+learning", re.IGNORECASE)

# An edge label naming what starts the transition makes it a feedback edge with that trigger.
TRIGGER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("alert", ("alert", "alarm", "incident", "on-call")),
    ("drift", ("drift",)),
    ("schedule", ("schedule", "nightly", "weekly", "daily", "monthly", "cron")),
    ("manual", ("manual",)),
)
_TRIGGER_RE = [(t, re.compile(r"(?<![A-Za-z])(" + "|".join(words) + ")", re.IGNORECASE))
               for t, words in TRIGGER_WORDS]
_LATENCY_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:d|days?)(?![A-Za-z])", re.IGNORECASE)

# A swimlane named for a role ("ML engineer", "Product owner") rather than a team.
_ROLE_RE = re.compile(r"(?<![A-Za-z])(engineer|scientist|analyst|manager|lead|owner|officer|reviewer|architect|"
                      r"steward|specialist|on-call)s?(?![A-Za-z])", re.IGNORECASE)

_FILL_KIND = {**{v.upper(): k for k, v in KIND_HUE.items()}, **{v.upper(): k for k, v in KIND_FILL.items()}}


@dataclass
class Shape:
    """A vertex of the drawing. ``x``/``y`` are absolute (top-left), ``parent`` the id of the
    shape it sits in (a group or swimlane), None at the top."""

    id: str
    label: str
    x: float = 0.0
    y: float = 0.0
    parent: str | None = None
    container: bool = False   # a swimlane, pool or lane: its label names who owns what is inside
    group: bool = False       # a plain group: holds shapes, is not one
    box: bool = True          # a box (rectangle, rounded, process, ...) rather than a note or image
    text: bool = False        # a text-only cell: dropped
    fill: str | None = None
    props: dict[str, str] = field(default_factory=dict)
    what: str = "shape"       # how the summary calls it when it is dropped ("note", "image")
    lane: str | None = None   # the swimlane (a yEd table's row or column) it lies in, by position
    relabelled: bool = True   # False when the reader saw the app's own label unchanged


@dataclass
class Connector:
    id: str
    source: str | None
    target: str | None
    label: str = ""
    dashed: bool = False
    props: dict[str, str] = field(default_factory=dict)


@dataclass
class Drawing:
    """One page of a diagram, as the tool readers hand it over."""

    name: str                      # the lifecycle name to use when the app's own is not there
    shapes: list[Shape] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)   # the diagram's own properties
    notes: list[str] = field(default_factory=list)        # the reader's lines for the summary
    problems: list[str] = field(default_factory=list)     # what makes the file unusable
    odd_numbers: bool = False     # read what validation must look for (NaN, 1e400, "\\ud800")


@dataclass
class Imported:
    """A lifecycle read from a file, and what the lead should know about how it was read."""

    lifecycle: Lifecycle
    summary: list[str] = field(default_factory=list)


def quoted(text: str, limit: int = 60) -> str:
    """A name as the summary quotes it: as a refusal echoes a value (controls escaped, so the
    lead sees what the file holds), cut shorter: the summary lists many."""
    return echoed(text, limit)


def guess_kind(label: str) -> tuple[str, str | None]:
    """The kind a label suggests and the word that suggested it (None when nothing did)."""
    text = _NOT_LEARN.sub(" ", label)
    for kind, pattern in _KEYWORD_RE:
        match = pattern.search(text)
        if match:
            return kind, match.group(1)
    return "other", None


def guess_trigger(label: str) -> tuple[str, str] | None:
    for trigger, pattern in _TRIGGER_RE:
        match = pattern.search(label)
        if match:
            return trigger, match.group(1)
    return None


def _clean_id(raw: str, taken: set[str], fallback: str) -> str:
    base = re.sub(r"[^A-Za-z0-9_.-]", "_", raw)[:56] or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _apply_exact(props: dict[str, str], source: str) -> bool:
    """Put the exact values back; False when they may hold what validation must look for (a
    lone surrogate such as "\\ud800")."""
    if EXACT not in props:
        return True
    # through the document reader's JSON: a 4,301-digit number or deep nesting is a refusal
    # by name, not an unexpected error
    exact, plain = load_json(props.pop(EXACT), source=source, where=EXACT)
    if isinstance(exact, dict):
        props.update({k: v for k, v in exact.items() if isinstance(k, str) and isinstance(v, str)})
    return plain


def embedded_document(text: str, source: str, where: str, givers: str) -> tuple[JsonObject, bool]:
    """The lifecycle JSON the app writes into a diagram (owners, phases, rules, ...), read by
    the document reader as a ``.lifecycle.json`` is: repeated keys, NaN, deep nesting and too
    long numbers are refused the same way, placed at ``where``. Stages and edges come from the
    diagram (``givers``: "the GraphML's nodes and edges"), so the JSON must not hold them.

    Returns the document and whether it is plain (no repeated key, odd number or lone
    surrogate: validation may skip looking for them)."""
    data, plain = load_json(text, source=source, where=where)
    if not isinstance(data, dict):
        raise DocumentError(source, [f"{where}: expected an object, got {show(data)}"])
    both = [key for key in ("stages", "edges") if key in data]
    if both:
        raise DocumentError(source, [
            f"{where}: holds {' and '.join(repr(k) for k in both)}, which {givers} give; "
            "remove it from the lifecycle JSON"])
    return data, plain


def lifecycle_from_drawing(drawing: Drawing, source: str, *, base: JsonObject | None = None,
                           base_plain: bool = True, where: str = "diagram.lifecycle") -> Imported:
    """Interpret ``drawing``; DocumentError (naming ``source``) when what it yields is refused.

    ``base`` is the app's own document embedded in the diagram (see embedded_document); what
    validation finds wrong at its top level is placed at ``where``."""
    summary = list(drawing.notes)
    problems = list(drawing.problems)
    for item in (*drawing.shapes, *drawing.connectors):
        if not _apply_exact(item.props, source):
            drawing.odd_numbers = True  # a lone surrogate, say: validation walks the document
    by_id = {s.id: s for s in drawing.shapes}
    has_children = {s.parent for s in drawing.shapes if s.parent is not None}

    # the embedded document is the document (a JsonObject keeps repeated keys for validation)
    doc: dict[str, Any] = base if base is not None else JsonObject()
    doc.setdefault("format", "lifecycle")
    doc.setdefault("version", 1)
    doc.setdefault("name", drawing.name[:MAX_NAME] if drawing.name.strip() else "Imported diagram")
    # owners a swimlane names join the document's (unless those are not even a list: then
    # validation says so, and nothing is added to them)
    owners: list[Any] = doc["owners"] if isinstance(doc.get("owners"), list) else []
    owner_ids = {o.get("id"): o for o in owners if isinstance(o, dict)}
    owner_names = {o.get("id"): o.get("name") for o in owners if isinstance(o, dict)}
    owner_by_name = {o.get("name"): o.get("id") for o in owners if isinstance(o, dict)}
    taken_owner_ids = set(owner_ids)

    def owner_for(name: str) -> str:
        if name in owner_by_name:
            return owner_by_name[name]
        oid = _clean_id(name.lower().replace(" ", "-"), taken_owner_ids, "owner")
        role = _ROLE_RE.search(name)
        owners.append({"id": oid, "name": name, "kind": "role" if role else "team"})
        if role:
            summary.append(f"owner {quoted(name)}: a role (from {quoted(role.group(1))}), not a team")
        owner_by_name[name] = oid
        owner_ids[oid] = owners[-1]
        return oid

    def container_of(shape: Shape) -> Shape | None:
        seen: set[str] = set()
        parent = shape.parent
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            holder = by_id[parent]
            if holder.container and holder.label.strip():
                return holder
            parent = holder.parent
        return None

    # which shapes are connected: a note or image on an edge is a stage after all
    ends = {c.source for c in drawing.connectors} | {c.target for c in drawing.connectors}

    stages: list[dict[str, Any]] = []
    stage_of: dict[str, str] = {}          # shape id -> stage id
    stage_name: dict[str, str] = {}        # stage id -> name, for messages
    taken_ids: set[str] = set()
    for shape in drawing.shapes:
        # the app's own name property holds the name exactly (line breaks and all), unless the
        # box was renamed in the other tool: then its label says so
        name = shape.props.get("name", shape.label) if STAGE_ID in shape.props else shape.label
        if STAGE_ID in shape.props and "name" in shape.props and shape.relabelled:
            renamed = _renamed(shape, owner_names)
            if renamed is not None:
                summary.append(f"renamed in the diagram: {quoted(name)} → {quoted(renamed)}")
                name = renamed
        if shape.text:
            if name:
                summary.append(f"dropped: the text {quoted(name)} (text, not a stage)")
            continue
        if shape.container or shape.group or shape.id in has_children:
            continue
        if not shape.box and shape.id not in ends:
            summary.append(f"dropped: the {shape.what} {_called(shape, name)} (not a box, and not connected)")
            continue
        if not shape.box and not name.strip():
            # an unlabelled circle on the flow: a start or end marker, not work anyone does
            summary.append(f"dropped: the unlabelled {shape.what} {_called(shape, name)} (a start or end "
                           "marker, not a stage)")
            continue
        if not name.strip() and not (STAGE_ID in shape.props and name):
            name = f"Unnamed {shape.what} {len(stages) + 1}"
            summary.append(f"named {quoted(name)}: the {shape.what} at ({shape.x:g}, {shape.y:g}) has no label")
        if len(name) > MAX_NAME:
            summary.append(f"shortened the name {quoted(name)} to {MAX_NAME} characters")
            name = name[:MAX_NAME]
        wanted = shape.props.get(STAGE_ID, "")
        if wanted and _ID_OK.match(wanted) and wanted not in taken_ids:
            sid = wanted
            taken_ids.add(sid)
        else:
            sid = _clean_id(shape.id, taken_ids, "stage")
        stage: dict[str, Any] = {"id": sid, "name": name, "kind": _kind(shape, name, summary),
                                 "x": shape.x, "y": shape.y}
        owner_text = shape.props.get("owner", "")
        holder = container_of(shape)
        if owner_text:
            stage["owner"] = owner_text if owner_text in owner_ids else owner_for(owner_text)
        elif shape.lane:
            stage["owner"] = owner_for(shape.lane)
            summary.append(f"owner of {quoted(name)}: {quoted(shape.lane)} (the swimlane it sits in)")
        elif holder is not None:
            stage["owner"] = owner_for(holder.label)
            summary.append(f"owner of {quoted(name)}: {quoted(holder.label)} (the swimlane it sits in)")
        else:
            stage["owner"] = None
        automation = shape.props.get("automation", "")
        if automation in AUTOMATIONS:
            stage["automation"] = automation
        elif automation:
            summary.append(f"automation of {quoted(name)}: {quoted(automation)} is not one of "
                           f"{', '.join(AUTOMATIONS)}; left manual")
        for key in ("criteria", "notes"):
            if shape.props.get(key):
                stage[key] = shape.props[key]
        stages.append(stage)
        stage_of[shape.id] = sid
        stage_name[sid] = name

    edges: list[dict[str, Any]] = []
    taken_edge_ids = {c.props[EDGE_ID] for c in drawing.connectors if _ID_OK.match(c.props.get(EDGE_ID, ""))}
    used_edge_ids: set[str] = set()
    for conn in drawing.connectors:
        src, dst = stage_of.get(conn.source or ""), stage_of.get(conn.target or "")
        # the app's own label: "edge_label" in draw.io (whose "label" is the caption shown),
        # "label" in GraphML
        label = conn.props.get(EDGE_LABEL, conn.props.get("label", "")) if EDGE_ID in conn.props else conn.label
        if src is None or dst is None:
            def end(shape_id: str | None, sid: str | None) -> str:
                if sid is not None:
                    return quoted(stage_name[sid])
                if shape_id and shape_id in by_id:
                    held = by_id[shape_id]
                    if held.label:
                        return quoted(held.label) + " (not a stage)"
                    return f"the {held.what} {_called(held, '')} (not a stage)"
                return "nothing"
            caption = f" {quoted(label)}" if label else ""
            summary.append(f"dropped: the edge{caption} from {end(conn.source, src)} to "
                           f"{end(conn.target, dst)} (a loose end)")
            continue
        edge: dict[str, Any] = {"source": src, "target": dst}
        wanted = conn.props.get(EDGE_ID, "")
        if wanted in taken_edge_ids and wanted not in used_edge_ids:
            edge["id"] = wanted
            used_edge_ids.add(wanted)
        pair = f"{quoted(stage_name[src])} → {quoted(stage_name[dst])}"
        kind = conn.props.get("kind", "")
        trigger = conn.props.get("trigger", "")
        if kind in EDGE_KINDS:
            edge["kind"] = kind
        else:
            said = guess_trigger(label) if label else None
            if conn.dashed:
                edge["kind"] = "feedback"
                summary.append(f"feedback edge {pair}: drawn dashed")
            elif said is not None:
                edge["kind"] = "feedback"
                summary.append(f"feedback edge {pair}: its label names the trigger {said[0]}")
            if said is not None and trigger not in TRIGGERS:
                trigger = said[0]
                if conn.dashed:
                    summary.append(f"trigger of {pair}: {said[0]} (from {quoted(said[1])} in its label)")
        if trigger in TRIGGERS:
            edge["trigger"] = trigger
        if EDGE_ID in conn.props:
            text = conn.props.get("latency_days", "")
            if text.strip():
                try:
                    edge["latency_days"] = latency = float(text)  # NaN and 1e400 too: validation names them
                    if latency - latency != 0.0:
                        drawing.odd_numbers = True
                except ValueError:
                    problems.append(f"edges[{len(edges)}].latency_days: {quoted(text)} is not a number")
        elif label:
            match = _LATENCY_RE.search(label)
            if match:
                edge["latency_days"] = float(match.group(1))
            # what the label said that is now a field is not said twice ("on alert · alert")
            tidy = _tidy_label(label, match, edge.get("trigger") if edge.get("kind") == "feedback" else None)
            if tidy != label:
                kept = f"kept {quoted(tidy)}" if tidy else "no label left"
                summary.append(f"label of {pair}: {quoted(label)} read into the edge's fields; {kept}")
                label = tidy
        if label:
            edge["label"] = label
        edges.append(edge)

    if problems:
        raise DocumentError(source, problems)
    if owners and "owners" not in doc:
        doc["owners"] = owners
    doc["stages"], doc["edges"] = stages, edges
    try:
        # the walk for repeated keys and odd numbers only when the file may hold some
        lifecycle = parse_document(doc, source=source, _numbers_checked=base_plain and not drawing.odd_numbers)
    except DocumentError as exc:
        # what validation places at the document's top level is in the embedded JSON
        raise DocumentError(source, [where + p[len("document"):] if p.startswith("document:") else p
                                     for p in exc.problems]) from None
    return Imported(lifecycle, summary)


AUTOMATION_SHORT = {"partial": "PARTLY AUTOMATED", "automated": "AUTOMATED"}

# What XML 1.0 cannot hold at all, not even as &#...; (control characters, lone surrogates).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with what XML cannot hold shown as U+FFFD, for what people read (labels)."""
    return NOT_XML.sub("\ufffd", text)


def _shown(text: str) -> str:
    """A name as a label shows it once read back: XML-safe, on one line."""
    return " ".join(xml_text(text).split())


def stage_caption(kind: str, automation: str) -> str:
    """The small capitals above a stage's name: its kind, and its automation unless manual."""
    caption = KIND_LABEL.get(kind, kind).upper()
    if automation in AUTOMATION_SHORT:
        caption += " · " + AUTOMATION_SHORT[automation]
    return caption


def _renamed(shape: Shape, owner_names: dict[Any, Any]) -> str | None:
    """The new name of an app-written box whose label was edited in draw.io or yEd, or None.

    The app writes the label as (caption,) name, owner line; what is left of the label, read
    as text, once that caption and owner line are taken off is the name the diagram shows."""
    shown = shape.label
    caption = stage_caption(shape.props.get("kind", ""), shape.props.get("automation", ""))
    if shown.startswith(caption):
        shown = shown[len(caption):]
    owner = _shown(str(owner_names.get(shape.props.get("owner") or None) or "No owner"))
    if shown.endswith(owner):
        shown = shown[: len(shown) - len(owner)]
    shown = shown.strip()
    if not shown or shown == _shown(shape.props["name"]):
        return None
    return shown[:MAX_NAME]


_FILLER = frozenset({"on", "by", "when", "if", "after", "via", "at", "upon", "the", "a", "an", "and", "then",
                     "triggered", "trigger", "every", "in", "within", "takes", "about", "approx", "approximately"})


def _called(shape: Shape, name: str) -> str:
    """How a message names a shape: its label, or where it is when it has none (an id is
    nothing the user can see in the other tool)."""
    return quoted(name) if name.strip() else f"at ({shape.x:g}, {shape.y:g})"


def _tidy_label(label: str, latency: re.Match[str] | None, trigger: str | None) -> str:
    """The label without the latency it stated, and empty when what is left only names the
    trigger ("on alert", "drift") or says nothing ("3 days")."""
    rest = label if latency is None else label[:latency.start()] + " " + label[latency.end():]
    rest = " ".join(rest.split()).strip(" ,;:-·|/()[]")
    words = re.findall(r"[A-Za-z][A-Za-z-]*", rest.lower())
    if all(w in _FILLER or (trigger is not None and w in (trigger, trigger + "s", trigger + "ed")) for w in words) and \
            not re.search(r"[0-9]", rest):
        return ""
    return rest if latency is not None else label


def _kind(shape: Shape, name: str, summary: list[str]) -> str:
    said = shape.props.get("kind", "")
    if said in STAGE_KINDS:
        return said
    if said:
        summary.append(f"kind of {quoted(name)}: {quoted(said)} is not a stage kind")
    if shape.fill and shape.fill.upper() in _FILL_KIND:
        kind = _FILL_KIND[shape.fill.upper()]
        summary.append(f"kind of {quoted(name)}: guessed {kind} (from its fill colour {shape.fill})")
        return kind
    kind, word = guess_kind(name)
    if word is None:
        summary.append(f"kind of {quoted(name)}: other (no keyword in its label)")
    else:
        summary.append(f"kind of {quoted(name)}: guessed {kind} (from {quoted(word)})")
    return kind
