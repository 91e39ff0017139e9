"""Generated lifecycles round-trip, and the fast schema check agrees with jsonschema."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.interchange import (
    DocumentError,
    document_dict,
    dumps_document,
    load_schema,
    loads_document,
    parse_document,
)
from desktop_app.interchange.quick_check import compile_schema
from desktop_app.interchange.schema import reference_validator
from desktop_app.model.document import Lifecycle
from tests.strategies import lifecycles

# Example counts keep this file near 30 s on the shared 2-core machine.
def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@examples(100)
@given(lifecycles())
def test_generated_lifecycles_round_trip_through_the_dict(lc: Lifecycle) -> None:
    before = copy.deepcopy(lc)
    doc = document_dict(lc)
    assert parse_document(doc) == lc
    # The dict shares nothing with the lifecycle: changing one leaves the other alone.
    for setting in doc.get("rules", {}).values():
        setting["severity"] = "off"
    assert lc == before


@examples(50)
@given(lifecycles())
def test_generated_lifecycles_round_trip_through_json_text(lc: Lifecycle) -> None:
    text = dumps_document(lc)
    assert loads_document(text) == lc
    # And writing again gives the same text: the format has one way to write a lifecycle.
    assert dumps_document(loads_document(text)) == text


# -- the quick check against jsonschema -------------------------------------------------------

SCHEMA = load_schema()
QUICK = compile_schema(SCHEMA)
REFERENCE = reference_validator()  # jsonschema, with ECMA-262 "$" in patterns

# Values a mutation puts somewhere: of every JSON type, and near misses of valid values.
odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 300), st.floats(-2, 5, allow_nan=False),
    st.sampled_from(["", " ", "x", "a b", "train\n", "2026-02-30", "2026-1-1", "lifecycle", "LC206",
                     "flow", "feedback", "done", "team", "deplyo", "e1", "n" * 201]),
    # fresh containers each draw: a later mutation may write into one, and a shared st.just([])
    # changed that way made Hypothesis's replay draw differently (FlakyStrategyDefinition)
    st.builds(list), st.builds(dict), st.builds(lambda: [{}]), st.builds(lambda: {"id": "x"}),
)


def _places(node: Any, path: tuple = ()) -> list[tuple]:
    places = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            places += _places(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += _places(value, path + (index,))
    return places


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    doc = document_dict(draw(lifecycles(max_stages=4, max_edges=4, max_items=4)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(doc)))
        if not path:
            continue
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add-key"]))
        if action == "replace":
            parent[path[-1]] = draw(odd_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["colour", "id", "kind", "x", "severity", "max_handoffs", "stage"]))] = draw(odd_values)
    return doc


@examples(150)
@given(mutated_documents())
def test_quick_check_agrees_with_jsonschema(doc: Any) -> None:
    assert QUICK(doc) == REFERENCE.is_valid(doc), json.dumps(doc)[:2000]


@examples(75)
@given(mutated_documents())
def test_broken_documents_are_refused_with_problems_or_accepted_whole(doc: Any) -> None:
    # Whatever shape a document is in, reading it either gives a Lifecycle that writes back as
    # a valid document or a DocumentError with at least one "path: message" line; never a crash.
    try:
        lc = parse_document(doc)
    except DocumentError as refused:
        assert refused.problems
        assert all(": " in problem for problem in refused.problems)
    else:
        assert parse_document(document_dict(lc)) == lc


@examples(60)
@given(lifecycles(max_edges=10), st.data())
def test_edges_without_ids_get_unique_ids_and_explicit_ones_are_kept(lc: Lifecycle, data: st.DataObject) -> None:
    doc = document_dict(lc)
    dropped = data.draw(st.lists(st.booleans(), min_size=len(doc["edges"]), max_size=len(doc["edges"])))
    for edge, drop in zip(doc["edges"], dropped):
        if drop:
            del edge["id"]
    explicit = {e["id"] for e in doc["edges"] if "id" in e}
    ids = [e.id for e in parse_document(doc).edges]
    assert len(set(ids)) == len(ids)
    generated = [edge_id for edge_id, drop in zip(ids, dropped) if drop]
    for edge_id, drop, edge in zip(ids, dropped, doc["edges"]):
        if not drop:
            assert edge_id == edge["id"]
    # eN for the next N from 1 whose eN is not explicit, in document order.
    free = (f"e{n}" for n in range(1, 10_000) if f"e{n}" not in explicit)
    assert generated == [next(free) for _ in generated]


def _small(**stage: Any) -> dict[str, Any]:
    return {
        "format": "lifecycle", "version": 1, "name": "x",
        "stages": [{"id": "a", "name": "A", "kind": "data", **stage}], "edges": [],
    }


@pytest.mark.parametrize(
    "doc, valid",
    [
        (_small(), True),
        (_small(id="train\n"), False),  # "$" ends the string, as in ECMA-262
        (_small(x=True), False),  # true is not a number
        (_small(x=3.5), True),
        (_small(owner=None), True),
        (_small(owner=""), False),
        (_small(kind=["data"]), False),
        ({**_small(), "version": 1.0}, True),  # 1.0 is the integer 1 in JSON Schema
        ({**_small(), "version": True}, False),
        ({**_small(), "rules": {"LC305": {"max_handoffs": 2.0}}}, True),
        ({**_small(), "rules": {"LC305": {"max_handoffs": 2.5}}}, False),
        ({**_small(), "rules": {"LC305": {"max_loop_owners": 2}}}, False),
        ({**_small(), "suppressions": [{"rule": "LC302", "reason": "r"}]}, False),
        ({**_small(), "suppressions": [{"rule": "LC105", "reason": " \t"}]}, False),
    ],
)
def test_quick_check_agrees_on_the_tricky_cases(doc: dict[str, Any], valid: bool) -> None:
    assert QUICK(doc) is valid
    assert REFERENCE.is_valid(doc) is valid
