"""What ships in resources/: the schema, the five templates and the phase playbook."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from desktop_app.interchange import (
    load_schema,
    load_template,
    playbook_phases,
    read_document,
    template_names,
)
from desktop_app.model.document import (
    AUTOMATIONS,
    EDGE_KINDS,
    ITEM_STATUSES,
    OWNER_KINDS,
    PARADIGMS,
    SEVERITY_SETTINGS,
    STAGE_KINDS,
    TRIGGERS,
)
from desktop_app.model.rules import known_rule_codes, rule_parameters

from tests.examples import EXAMPLES  # noqa: E402
TEMPLATES = ["assembly-line", "content-personalization", "feedback-loop", "hybrid", "regulatory-classifier"]
ARTICLE_PHASE_TEXT = {
    # The words of each phase's paragraph in the article that its checklist must be drawn from.
    1: ("metrics", "log", "review"),
    2: ("pod", "pipeline", "registry"),
    3: ("scheduler", "testing", "metrics"),
    4: ("drift", "canary", "a/b"),
}


# -- schema ----------------------------------------------------------------------------------

def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_schema_accepts_every_example() -> None:
    validator = Draft202012Validator(load_schema())
    for path in EXAMPLES.glob("*.lifecycle.json"):
        assert list(validator.iter_errors(json.loads(path.read_text()))) == [], path.name


def _objects(node: object) -> list[dict]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


def test_every_object_of_the_schema_refuses_unknown_keys() -> None:
    objects = _objects(load_schema())
    assert len(objects) >= 10
    for obj in objects:
        assert obj.get("additionalProperties") is False, obj.get("properties", {}).keys()


def test_the_schema_enums_are_the_models() -> None:
    defs = load_schema()["$defs"]
    assert tuple(load_schema()["properties"]["paradigm"]["enum"]) == PARADIGMS
    assert tuple(defs["owner"]["properties"]["kind"]["enum"]) == OWNER_KINDS
    assert tuple(defs["stage"]["properties"]["kind"]["enum"]) == STAGE_KINDS
    assert tuple(defs["stage"]["properties"]["automation"]["enum"]) == AUTOMATIONS
    assert tuple(defs["edge"]["properties"]["kind"]["enum"]) == EDGE_KINDS
    assert tuple(defs["edge"]["properties"]["trigger"]["enum"]) == TRIGGERS
    assert tuple(defs["item"]["properties"]["status"]["enum"]) == ITEM_STATUSES


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["$defs"][ref.removeprefix("#/$defs/")] if ref else node


def test_the_schema_rules_are_the_rule_catalogues() -> None:
    # The schema lists every rule code with exactly its parameters (type and minimum), as the
    # catalogue in model/rules.py has them, so other tools validate as the app does.
    schema = load_schema()
    rules = schema["properties"]["rules"]["properties"]
    assert set(rules) == known_rule_codes()
    for code, node in rules.items():
        properties = dict(_resolve(schema, node)["properties"])
        assert properties.pop("severity") == {"$ref": "#/$defs/severity"}
        expected = {
            name: {"type": param.type, "minimum": param.minimum}
            for name, param in rule_parameters(code).items()
        }
        found = {name: {"type": p["type"], "minimum": p["minimum"]} for name, p in properties.items()}
        assert found == expected, code
    assert rules["LC206"] == {"$ref": "#/$defs/ruleSettingsLC206"}
    assert tuple(schema["$defs"]["severity"]["enum"]) == SEVERITY_SETTINGS
    assert set(schema["$defs"]["suppression"]["properties"]["rule"]["enum"]) == known_rule_codes()


# -- templates -------------------------------------------------------------------------------

def test_template_names() -> None:
    assert template_names() == TEMPLATES


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_template_is_its_example(name: str) -> None:
    # Exactly as shipped, the template is the example of the same name.
    assert load_template(name, with_playbook=False) == read_document(EXAMPLES / f"{name}.lifecycle.json")


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_template_without_phases_gets_the_playbook(name: str) -> None:
    shipped = load_template(name, with_playbook=False)
    created = load_template(name)
    if shipped.phases:
        assert created.phases == shipped.phases  # its own phases, untouched
    else:
        assert created.phases == playbook_phases()
    created.phases = shipped.phases
    assert created == shipped  # nothing else differs


def test_templates_are_fresh_copies() -> None:
    first = load_template("hybrid")
    first.stages[0].name = "changed"
    first.phases[0].items.clear()
    again = load_template("hybrid")
    assert again.stages[0].name == "Quarterly objectives"
    assert len(again.phases[0].items) == 3


def test_an_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(KeyError) as missing:
        load_template("waterfall")
    message = str(missing.value)
    assert "waterfall" in message
    for name in TEMPLATES:
        assert name in message


# -- playbook --------------------------------------------------------------------------------

def test_the_playbook_has_the_four_phases_with_nothing_planned_or_done() -> None:
    phases = playbook_phases()
    assert [p.number for p in phases] == [1, 2, 3, 4]
    for phase in phases:
        assert phase.planned_start is None and phase.planned_end is None
        assert 3 <= len(phase.items) <= 6
        for item in phase.items:
            assert item.status == "todo"
            assert item.owner is item.due is item.done_on is None
            assert item.title.strip()
            assert re.fullmatch(rf"p{phase.number}-[a-z0-9-]+", item.id)


def test_playbook_item_ids_are_unique_and_stable() -> None:
    ids = [item.id for phase in playbook_phases() for item in phase.items]
    assert len(ids) == len(set(ids))
    # The hybrid example tracks the same checklist: its ids are the playbook's.
    assert {"p1-metrics", "p1-logging", "p1-review", "p2-pod", "p2-doc", "p2-runs", "p2-registry", "p3-scheduler"} <= set(ids)


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_playbook_items_are_drawn_from_the_article(number: int) -> None:
    titles = " ".join(item.title.lower() for item in playbook_phases()[number - 1].items)
    for word in ARTICLE_PHASE_TEXT[number]:
        assert word in titles, word


def test_playbook_phases_are_new_objects_each_call() -> None:
    first = playbook_phases()
    first[0].items[0].status = "done"
    first[1].items.clear()
    second = playbook_phases()
    assert second[0].items[0].status == "todo"
    assert second[1].items
