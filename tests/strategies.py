"""Hypothesis strategies for valid lifecycle documents, shared by every test folder.

``lifecycles()`` draws a Lifecycle that FORMAT.md accepts: owners, stages with positions, edges
(self-loops and feedback included) between existing stages, phases with items whose ``done_on``
is set exactly when done, rule settings with valid parameters, suppressions with reasons. Every
id is unique in its kind and every reference names something, so
``parse_document(document_dict(lc)) == lc`` holds for each drawn value.

    from tests.strategies import lifecycles
    @given(lifecycles())
    def test_something(lc): ...
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import strategies as st

from desktop_app.model.document import (
    AUTOMATIONS,
    EDGE_KINDS,
    ITEM_STATUSES,
    OWNER_KINDS,
    PARADIGMS,
    SEVERITY_SETTINGS,
    STAGE_KINDS,
    TRIGGERS,
    Edge,
    Item,
    Lifecycle,
    Owner,
    Phase,
    Stage,
    Suppression,
)
from desktop_app.model.rules import ParamInfo, known_rule_codes, rule_parameters

# Rule codes and their parameters, from the rule catalogue, with strategies for valid values.
RULE_CODES: tuple[str, ...] = tuple(sorted(known_rule_codes()))


def _parameter_values(param: ParamInfo) -> st.SearchStrategy[int | float]:
    low = param.minimum
    if param.type == "integer":
        return st.integers(int(low), int(low) + 12)
    return st.integers(int(low), int(low) + 400) | st.floats(low, low + 400, allow_nan=False)


RULE_PARAMETERS: dict[str, dict[str, st.SearchStrategy[int | float]]] = {
    code: {name: _parameter_values(param) for name, param in rule_parameters(code).items()}
    for code in RULE_CODES
}

# Ids as FORMAT.md allows them; short, so that collisions (and their handling) are likely.
ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
ids = st.text(alphabet=ID_CHARACTERS, min_size=1, max_size=8)
long_ids = st.text(alphabet=ID_CHARACTERS, min_size=1, max_size=64)
texts = st.text(max_size=40)
names = st.text(min_size=1, max_size=40)
non_blank = st.text(min_size=1, max_size=40).filter(lambda s: re.search(r"\S", s) is not None)
positions = st.one_of(
    st.integers(-5000, 5000).map(float),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)
latencies = st.one_of(
    st.none(),
    st.integers(0, 400).map(float),
    st.floats(0, 1e4, allow_nan=False, allow_infinity=False),
)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


# Strategies are built once: building one inside every draw is what makes generation slow.
KINDS = {
    "paradigm": st.sampled_from(PARADIGMS),
    "owner": st.sampled_from(OWNER_KINDS),
    "stage": st.sampled_from(STAGE_KINDS),
    "automation": st.sampled_from(AUTOMATIONS),
    "edge": st.sampled_from(EDGE_KINDS),
    "trigger": st.sampled_from(TRIGGERS),
    "status": st.sampled_from(ITEM_STATUSES),
    "severity": st.sampled_from(SEVERITY_SETTINGS),
    "rule": st.sampled_from(RULE_CODES),
}
maybe_dates = st.none() | dates
_INDICES = [st.integers(0, n - 1) if n else st.nothing() for n in range(70)]


def _pick(draw: st.DrawFn, choices: list[str], allow_none: bool = True) -> str | None:
    """One of ``choices`` (or None): drawn as an index, with strategies built once."""
    if not choices or (allow_none and draw(st.booleans())):
        return None
    return choices[draw(_INDICES[len(choices)])]


def _unique_ids(draw: st.DrawFn, n_min: int, n_max: int) -> list[str]:
    return draw(st.lists(ids | long_ids, min_size=n_min, max_size=n_max, unique=True))


@st.composite
def _item(draw: st.DrawFn, item_id: str, owner_ids: list[str]) -> Item:
    status = draw(KINDS["status"])
    return Item(
        id=item_id,
        title=draw(texts),
        status=status,
        owner=_pick(draw, owner_ids),
        due=draw(maybe_dates),
        done_on=draw(dates) if status == "done" else None,
        notes=draw(texts),
    )


_PHASE_NUMBERS = st.lists(st.integers(1, 4), unique=True, max_size=4)


@st.composite
def _phases(draw: st.DrawFn, owner_ids: list[str], max_items: int) -> list[Phase]:
    numbers = draw(_PHASE_NUMBERS)
    item_ids = iter(_unique_ids(draw, 0, max_items))
    phases = []
    for number in numbers:
        count = draw(_INDICES[4])
        items = [draw(_item(item_id, owner_ids)) for item_id in [next(item_ids, None) for _ in range(count)] if item_id]
        start, end = draw(maybe_dates), draw(maybe_dates)
        if start is not None and end is not None and start > end:
            start, end = end, start
        phases.append(Phase(number=number, planned_start=start, planned_end=end, items=items))
    return phases


_RULE_CHOICES = st.lists(KINDS["rule"], unique=True, max_size=4)


@st.composite
def _rules(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    rules: dict[str, dict[str, object]] = {}
    for code in draw(_RULE_CHOICES):
        setting: dict[str, object] = {}
        if draw(st.booleans()):
            setting["severity"] = draw(KINDS["severity"])
        for name, values in RULE_PARAMETERS.get(code, {}).items():
            if draw(st.booleans()):
                setting[name] = draw(values)
        rules[code] = setting
    return rules


@st.composite
def lifecycles(draw: st.DrawFn, max_stages: int = 8, max_edges: int = 12, max_items: int = 8) -> Lifecycle:
    """A valid Lifecycle (see the module's docstring)."""
    owner_ids = _unique_ids(draw, 0, 4)
    owners = [Owner(id=o, name=draw(texts), kind=draw(KINDS["owner"])) for o in owner_ids]

    stage_ids = _unique_ids(draw, 0, max_stages)
    stages = [
        Stage(
            id=s,
            name=draw(names),
            kind=draw(KINDS["stage"]),
            owner=_pick(draw, owner_ids),
            automation=draw(KINDS["automation"]),
            criteria=draw(texts),
            notes=draw(texts),
            x=draw(positions),
            y=draw(positions),
        )
        for s in stage_ids
    ]

    edges: list[Edge] = []
    if stage_ids:
        for edge_id in _unique_ids(draw, 0, max_edges):
            source = _pick(draw, stage_ids, allow_none=False)
            # Self-loops are valid FORMAT-wise (LC106 reports them); make them common.
            target = source if draw(_INDICES[5]) == 0 else _pick(draw, stage_ids, allow_none=False)
            edges.append(
                Edge(
                    id=edge_id,
                    source=source,
                    target=target,
                    kind=draw(KINDS["edge"]),
                    trigger=draw(KINDS["trigger"]),
                    latency_days=draw(latencies),
                    label=draw(texts),
                )
            )

    suppressions = [
        Suppression(
            rule=draw(KINDS["rule"]),
            reason=draw(non_blank),
            # A stage id, an id naming no stage (valid: LC901 reports it), or the whole lifecycle.
            stage=_pick(draw, stage_ids) if draw(st.booleans()) else draw(st.none() | ids),
        )
        for _ in range(draw(_INDICES[3]))
    ]

    return Lifecycle(
        name=draw(names),
        paradigm=draw(KINDS["paradigm"]),
        description=draw(texts),
        owners=owners,
        stages=stages,
        edges=edges,
        phases=draw(_phases(owner_ids, max_items)),
        rules=draw(_rules()),
        suppressions=suppressions,
    )
