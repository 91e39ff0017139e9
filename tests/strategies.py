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

# Rule codes and their parameters (CHECKS.md), with strategies for valid values.
RULE_CODES: tuple[str, ...] = (
    ("LC000",)
    + tuple(f"LC{n}" for n in range(101, 111))
    + tuple(f"LC{n}" for n in range(201, 210))
    + ("LC301",)
    + tuple(f"LC{n}" for n in range(303, 308))
    + tuple(f"LC{n}" for n in range(401, 405))
    + ("LC901",)
)
RULE_PARAMETERS = {
    "LC206": {"max_feedback_days": st.one_of(st.integers(0, 400), st.floats(0, 400, allow_nan=False))},
    "LC304": {"max_loop_owners": st.integers(0, 12)},
    "LC305": {"max_handoffs": st.integers(0, 12)},
}

# Ids as FORMAT.md allows them; short, so that collisions (and their handling) are likely.
ids = st.from_regex(r"[A-Za-z0-9_.-]{1,8}", fullmatch=True)
long_ids = st.from_regex(r"[A-Za-z0-9_.-]{1,64}", fullmatch=True)
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


def _unique_ids(draw: st.DrawFn, n_min: int, n_max: int) -> list[str]:
    return draw(st.lists(st.one_of(ids, long_ids), min_size=n_min, max_size=n_max, unique=True))


@st.composite
def _item(draw: st.DrawFn, item_id: str, owner_ids: list[str]) -> Item:
    status = draw(st.sampled_from(ITEM_STATUSES))
    return Item(
        id=item_id,
        title=draw(texts),
        status=status,
        owner=draw(st.none() | st.sampled_from(owner_ids)) if owner_ids else None,
        due=draw(st.none() | dates),
        done_on=draw(dates) if status == "done" else None,
        notes=draw(texts),
    )


@st.composite
def _phases(draw: st.DrawFn, owner_ids: list[str], max_items: int) -> list[Phase]:
    numbers = draw(st.lists(st.integers(1, 4), unique=True, max_size=4))
    item_ids = iter(_unique_ids(draw, 0, max_items))
    phases = []
    for number in numbers:
        count = draw(st.integers(0, 3))
        items = [draw(_item(item_id, owner_ids)) for item_id in [next(item_ids, None) for _ in range(count)] if item_id]
        start, end = draw(st.none() | dates), draw(st.none() | dates)
        if start is not None and end is not None and start > end:
            start, end = end, start
        phases.append(Phase(number=number, planned_start=start, planned_end=end, items=items))
    return phases


@st.composite
def _rules(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    rules: dict[str, dict[str, object]] = {}
    for code in draw(st.lists(st.sampled_from(RULE_CODES), unique=True, max_size=4)):
        setting: dict[str, object] = {}
        if draw(st.booleans()):
            setting["severity"] = draw(st.sampled_from(SEVERITY_SETTINGS))
        for name, values in RULE_PARAMETERS.get(code, {}).items():
            if draw(st.booleans()):
                setting[name] = draw(values)
        rules[code] = setting
    return rules


@st.composite
def lifecycles(draw: st.DrawFn, max_stages: int = 8, max_edges: int = 12, max_items: int = 8) -> Lifecycle:
    """A valid Lifecycle (see the module's docstring)."""
    owner_ids = _unique_ids(draw, 0, 4)
    owners = [Owner(id=o, name=draw(texts), kind=draw(st.sampled_from(OWNER_KINDS))) for o in owner_ids]
    owner_refs = st.none() | st.sampled_from(owner_ids) if owner_ids else st.none()

    stage_ids = _unique_ids(draw, 0, max_stages)
    stages = [
        Stage(
            id=s,
            name=draw(names),
            kind=draw(st.sampled_from(STAGE_KINDS)),
            owner=draw(owner_refs),
            automation=draw(st.sampled_from(AUTOMATIONS)),
            criteria=draw(texts),
            notes=draw(texts),
            x=draw(positions),
            y=draw(positions),
        )
        for s in stage_ids
    ]

    edges: list[Edge] = []
    if stage_ids:
        endpoints = st.sampled_from(stage_ids)
        for edge_id in _unique_ids(draw, 0, max_edges):
            source = draw(endpoints)
            # Self-loops are valid FORMAT-wise (LC106 reports them); make them common.
            target = source if draw(st.integers(0, 4)) == 0 else draw(endpoints)
            edges.append(
                Edge(
                    id=edge_id,
                    source=source,
                    target=target,
                    kind=draw(st.sampled_from(EDGE_KINDS)),
                    trigger=draw(st.sampled_from(TRIGGERS)),
                    latency_days=draw(latencies),
                    label=draw(texts),
                )
            )

    suppressions = [
        Suppression(
            rule=draw(st.sampled_from(RULE_CODES)),
            reason=draw(non_blank),
            # A stage id, an id naming no stage (valid: LC901 reports it), or the whole lifecycle.
            stage=draw(st.none() | ids | (st.sampled_from(stage_ids) if stage_ids else st.none())),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]

    return Lifecycle(
        name=draw(names),
        paradigm=draw(st.sampled_from(PARADIGMS)),
        description=draw(texts),
        owners=owners,
        stages=stages,
        edges=edges,
        phases=draw(_phases(owner_ids, max_items)),
        rules=draw(_rules()),
        suppressions=suppressions,
    )
