"""Every class of FORMAT.md mistake is refused with its path and a message that says what is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.interchange import DocumentError, parse_document, read_document


def problems_of(document: Any) -> list[str]:
    with pytest.raises(DocumentError) as refused:
        parse_document(document, source="doc.lifecycle.json")
    return refused.value.problems


def only_problem(document: Any) -> str:
    problems = problems_of(document)
    assert len(problems) == 1, problems
    return problems[0]


# -- the shape of values ---------------------------------------------------------------------

def test_wrong_type(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["stages"][1]["x"] = "220"
    assert only_problem(hybrid_dict) == "stages[1].x: expected a number, got '220'"


def test_wrong_type_of_a_whole_section(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["edges"] = {"e1": {}}
    assert only_problem(hybrid_dict) == "edges: expected an array, got an object"


def test_true_is_not_a_number(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["edges"][0]["latency_days"] = True
    assert only_problem(hybrid_dict) == "edges[0].latency_days: expected a number or null, got true"


def test_bad_enum_names_the_choices(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["stages"][3]["kind"] = "deplyo"
    assert only_problem(hybrid_dict) == (
        "stages[3].kind: 'deplyo' is not one of business, data, develop, validate, gate, deploy,"
        " monitor, learn, other"
    )


@pytest.mark.parametrize(
    "where, value, expected",
    [
        (("paradigm",), "waterfall", "paradigm: 'waterfall' is not one of assembly-line, feedback-loop, hybrid"),
        (("owners", 0, "kind"), "squad", "owners[0].kind: 'squad' is not one of team, role, person"),
        (("stages", 5, "automation"), "auto", "stages[5].automation: 'auto' is not one of manual, partial, automated"),
        (("edges", 2, "kind"), "loop", "edges[2].kind: 'loop' is not one of flow, feedback"),
        (("edges", 2, "trigger"), "cron", "edges[2].trigger: 'cron' is not one of manual, schedule, alert, drift"),
        (("phases", 1, "items", 3, "status"), "wip", "phases[1].items[3].status: 'wip' is not one of todo, doing, done, blocked"),
    ],
)
def test_bad_enum_everywhere(hybrid_dict: dict[str, Any], where: tuple, value: str, expected: str) -> None:
    node = hybrid_dict
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    assert only_problem(hybrid_dict) == expected


@pytest.mark.parametrize("bad", ["has space", "", "x" * 65, "naïve", "train\n", "a/b"])
def test_bad_id_pattern(hybrid_dict: dict[str, Any], bad: str) -> None:
    hybrid_dict["owners"][3]["id"] = bad
    for stage in hybrid_dict["stages"]:
        if stage["owner"] == "de":
            stage["owner"] = "lead"
    for phase in hybrid_dict["phases"]:
        for item in phase["items"]:
            if item.get("owner") == "de":
                item["owner"] = "lead"
    problem = only_problem(hybrid_dict)
    assert problem.startswith("owners[3].id: ")
    assert problem.endswith("is not a valid id (1 to 64 letters, digits, '_', '.' or '-')")


def test_name_length(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["name"] = ""
    hybrid_dict["stages"][0]["name"] = "n" * 201
    assert problems_of(hybrid_dict) == [
        "name: must not be empty",
        "stages[0].name: is 201 characters long; at most 200 are allowed",
    ]


def test_negative_latency(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["edges"][4]["latency_days"] = -1
    assert only_problem(hybrid_dict) == "edges[4].latency_days: must be at least 0, got -1"


def test_phase_number_out_of_range(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][3]["number"] = 5
    assert only_problem(hybrid_dict) == "phases[3].number: must be at most 4, got 5"


def test_wrong_format_name(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["format"] = "bpmn"
    assert only_problem(hybrid_dict) == "format: expected 'lifecycle', got 'bpmn'"


def test_version_zero_is_not_a_version(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["version"] = 0
    assert only_problem(hybrid_dict) == "version: unsupported version 0; this app reads version 1"


def test_non_finite_numbers(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["stages"][0]["x"] = float("nan")
    hybrid_dict["stages"][0]["y"] = float("-inf")
    assert problems_of(hybrid_dict) == [
        "stages[0].x: NaN is not allowed: numbers must be finite",
        "stages[0].y: -Infinity is not allowed: numbers must be finite",
    ]


# -- keys ------------------------------------------------------------------------------------

def test_missing_required_keys(hybrid_dict: dict[str, Any]) -> None:
    del hybrid_dict["edges"]
    del hybrid_dict["stages"][2]["kind"]
    del hybrid_dict["phases"][3]["items"]
    assert problems_of(hybrid_dict) == [
        "document: missing required key 'edges'",
        "stages[2]: missing required key 'kind'",
        "phases[3]: missing required key 'items'",
    ]


def test_missing_required_key_of_each_entry(minimal_dict: dict[str, Any]) -> None:
    minimal_dict["owners"] = [{"id": "x"}]
    minimal_dict["edges"] = [{"target": "a"}]
    minimal_dict["phases"] = [{"items": [{"id": "i"}]}]
    minimal_dict["suppressions"] = [{"rule": "LC101"}]
    assert problems_of(minimal_dict) == [
        "owners[0]: missing required key 'name'",
        "edges[0]: missing required key 'source'",
        "phases[0]: missing required key 'number'",
        "phases[0].items[0]: missing required key 'title'",
        "suppressions[0]: missing required key 'reason'",
    ]


def test_unknown_keys_at_every_depth(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["colour_scheme"] = "dark"
    hybrid_dict["owners"][0]["email"] = "a@b"
    hybrid_dict["stages"][0]["colour"] = "red"
    hybrid_dict["edges"][0]["weight"] = 2
    hybrid_dict["phases"][0]["name"] = "Foundation"
    hybrid_dict["phases"][0]["items"][0]["priority"] = 1
    hybrid_dict["rules"] = {"LC109": {"severity": "off", "sevrity": "info"}}
    hybrid_dict["suppressions"] = [{"rule": "LC109", "reason": "known", "stages": ["okr"]}]
    assert problems_of(hybrid_dict) == [
        "document: unknown key 'colour_scheme'",
        "owners[0]: unknown key 'email'",
        "stages[0]: unknown key 'colour'",
        "edges[0]: unknown key 'weight'",
        "phases[0]: unknown key 'name'",
        "phases[0].items[0]: unknown key 'priority'",
        "rules.LC109: unknown parameter 'sevrity' (LC109 takes only severity)",
        "suppressions[0]: unknown key 'stages'",
    ]


def test_a_key_given_twice_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "twice.lifecycle.json"
    path.write_text(
        '{"format": "lifecycle", "version": 1, "name": "A", "name": "B",'
        ' "stages": [{"id": "s", "name": "S", "kind": "data", "kind": "develop"}], "edges": []}'
    )
    with pytest.raises(DocumentError) as refused:
        read_document(path)
    assert refused.value.problems == [
        "document: key 'name' appears more than once",
        "stages[0]: key 'kind' appears more than once",
    ]


# -- cross-references ------------------------------------------------------------------------

def test_duplicate_owner_id(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["owners"].append({"id": "pod", "name": "Another pod"})
    assert only_problem(hybrid_dict) == "owners[4].id: duplicate owner id 'pod' (first at owners[1])"


def test_duplicate_stage_id(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["stages"][7]["id"] = "okr"
    # The edges into and out of "review" now dangle, too.
    assert problems_of(hybrid_dict) == [
        "stages[7].id: duplicate stage id 'okr' (first at stages[0])",
        "edges[7].target: 'review' names no stage",
        "edges[8].source: 'review' names no stage",
    ]


def test_duplicate_edge_id(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["edges"][8]["id"] = "e2"
    assert only_problem(hybrid_dict) == "edges[8].id: duplicate edge id 'e2' (first at edges[1])"


def test_duplicate_item_id_across_phases(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][2]["items"][0]["id"] = "p1-metrics"
    assert only_problem(hybrid_dict) == (
        "phases[2].items[0].id: duplicate item id 'p1-metrics' (first at phases[0].items[0])"
    )


def test_dangling_edge_ends(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["edges"][0]["source"] = "okrs"
    hybrid_dict["edges"][0]["target"] = "dta"
    assert problems_of(hybrid_dict) == [
        "edges[0].source: 'okrs' names no stage",
        "edges[0].target: 'dta' names no stage",
    ]


def test_dangling_owners_of_stages_and_items(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["stages"][1]["owner"] = "data-eng"
    hybrid_dict["phases"][1]["items"][0]["owner"] = "lead2"
    assert problems_of(hybrid_dict) == [
        "stages[1].owner: 'data-eng' names no owner",
        "phases[1].items[0].owner: 'lead2' names no owner",
    ]


def test_done_item_without_done_on(hybrid_dict: dict[str, Any]) -> None:
    del hybrid_dict["phases"][0]["items"][0]["done_on"]
    hybrid_dict["phases"][0]["items"][1]["done_on"] = None
    assert problems_of(hybrid_dict) == [
        "phases[0].items[0].done_on: missing: an item with status done needs the date it was done",
        "phases[0].items[1].done_on: missing: an item with status done needs the date it was done",
    ]


def test_done_on_without_done(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][1]["items"][2]["done_on"] = "2026-06-01"  # status doing
    del hybrid_dict["phases"][0]["items"][0]["status"]  # todo by default
    assert problems_of(hybrid_dict) == [
        "phases[0].items[0].done_on: set although status is 'todo'; only done items have a done_on date",
        "phases[1].items[2].done_on: set although status is 'doing'; only done items have a done_on date",
    ]


def test_date_format(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][0]["planned_start"] = "05/01/2026"
    hybrid_dict["phases"][0]["items"][0]["due"] = "2026-1-31"
    hybrid_dict["phases"][0]["items"][0]["done_on"] = "2026-01-28T10:00"
    assert problems_of(hybrid_dict) == [
        "phases[0].planned_start: '05/01/2026' is not a date in the form YYYY-MM-DD",
        "phases[0].items[0].due: '2026-1-31' is not a date in the form YYYY-MM-DD",
        "phases[0].items[0].done_on: '2026-01-28T10:00' is not a date in the form YYYY-MM-DD",
    ]


def test_dates_that_do_not_exist(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][1]["planned_end"] = "2026-02-30"
    hybrid_dict["phases"][1]["items"][0]["due"] = "2026-13-01"
    assert problems_of(hybrid_dict) == [
        "phases[1].planned_end: '2026-02-30' is not a real date",
        "phases[1].items[0].due: '2026-13-01' is not a real date",
    ]


def test_planned_start_after_planned_end(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][2]["planned_start"] = "2027-01-01"
    assert only_problem(hybrid_dict) == "phases[2].planned_start: 2027-01-01 is after planned_end 2026-12-31"


def test_planned_start_equal_to_end_is_fine(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][2]["planned_start"] = "2026-12-31"
    assert parse_document(hybrid_dict).phases[2].planned_start.isoformat() == "2026-12-31"


def test_duplicate_phase_number(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["phases"][3]["number"] = 2
    assert only_problem(hybrid_dict) == "phases[3].number: phase 2 appears more than once (first at phases[1])"


# -- rules and suppressions ------------------------------------------------------------------

def test_unknown_rule_code(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["rules"] = {"LC302": {"severity": "off"}, "LC999": {}}  # LC302 is retired
    assert problems_of(hybrid_dict) == [
        "rules.LC302: unknown rule code 'LC302'",
        "rules.LC999: unknown rule code 'LC999'",
    ]


def test_unknown_parameter(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["rules"] = {"LC206": {"max_feedback_day": 14}, "LC305": {"max_loop_owners": 2}}
    assert problems_of(hybrid_dict) == [
        "rules.LC206: unknown parameter 'max_feedback_day' (LC206 takes severity and max_feedback_days)",
        "rules.LC305: unknown parameter 'max_loop_owners' (LC305 takes severity and max_handoffs)",
    ]


def test_bad_parameter_values(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["rules"] = {
        "LC206": {"max_feedback_days": -3},
        "LC304": {"max_loop_owners": 2.5},
        "LC305": {"max_handoffs": "3"},
        "LC109": {"severity": "fatal"},
    }
    assert problems_of(hybrid_dict) == [
        "rules.LC206.max_feedback_days: must be at least 0, got -3",
        "rules.LC304.max_loop_owners: expected an integer, got 2.5",
        "rules.LC305.max_handoffs: expected an integer, got '3'",
        "rules.LC109.severity: 'fatal' is not one of error, warning, info, off",
    ]


def test_good_rule_settings(hybrid_dict: dict[str, Any]) -> None:
    settings = {
        "LC206": {"max_feedback_days": 14.5, "severity": "error"},
        "LC304": {"max_loop_owners": 0},
        "LC305": {"max_handoffs": 5},
        "LC109": {"severity": "off"},
        "LC000": {},
    }
    hybrid_dict["rules"] = settings
    assert parse_document(hybrid_dict).rules == settings


def test_suppression_of_unknown_rule(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["suppressions"] = [{"rule": "LC9", "reason": "why not"}]
    assert only_problem(hybrid_dict) == "suppressions[0].rule: unknown rule code 'LC9'"


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_blank_reason(hybrid_dict: dict[str, Any], reason: str) -> None:
    hybrid_dict["suppressions"] = [{"rule": "LC105", "stage": "okr", "reason": reason}]
    assert only_problem(hybrid_dict) == "suppressions[0].reason: must not be blank"


def test_suppression_of_a_stage_that_does_not_exist_is_valid(hybrid_dict: dict[str, Any]) -> None:
    # LC901 reports it; FORMAT.md accepts it.
    hybrid_dict["suppressions"] = [{"rule": "LC105", "stage": "gone", "reason": "old plan"}]
    assert parse_document(hybrid_dict).suppressions[0].stage == "gone"


# -- the document as a whole -----------------------------------------------------------------

def test_newer_version_is_refused_at_once_and_alone(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["version"] = 2
    hybrid_dict["stages"][0]["kind"] = "hologram"  # a newer version may have new kinds
    hybrid_dict["widgets"] = []
    problem = only_problem(hybrid_dict)
    assert problem.startswith("version: written by a newer version")
    assert "format version 2" in problem


@pytest.mark.parametrize(
    "document, expected",
    [
        ([], "document: expected an object, got an array"),
        ("lifecycle", "document: expected an object, got 'lifecycle'"),
        (None, "document: expected an object, got null"),
        (3, "document: expected an object, got 3"),
    ],
)
def test_not_an_object(document: Any, expected: str) -> None:
    assert only_problem(document) == expected


def test_several_errors_are_all_listed_in_document_order(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["suppressions"] = [{"rule": "LC105", "reason": " "}]
    hybrid_dict["phases"][0]["items"][2]["owner"] = "nobody"
    hybrid_dict["edges"][3]["trigger"] = "cron"
    hybrid_dict["stages"][3]["kind"] = "deplyo"
    hybrid_dict["paradigm"] = "agile"
    hybrid_dict["rules"] = {"LC999": {}}
    assert problems_of(hybrid_dict) == [
        "paradigm: 'agile' is not one of assembly-line, feedback-loop, hybrid",
        "stages[3].kind: 'deplyo' is not one of business, data, develop, validate, gate, deploy, monitor, learn, other",
        "edges[3].trigger: 'cron' is not one of manual, schedule, alert, drift",
        "phases[0].items[2].owner: 'nobody' names no owner",
        "suppressions[0].reason: must not be blank",
        "rules.LC999: unknown rule code 'LC999'",
    ]


def test_the_error_message_names_the_file_and_every_problem(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["stages"][0]["kind"] = "x"
    hybrid_dict["stages"][1]["kind"] = "y"
    with pytest.raises(DocumentError) as refused:
        parse_document(hybrid_dict, source="plan.lifecycle.json")
    assert refused.value.path == "plan.lifecycle.json"
    assert str(refused.value).splitlines() == [
        "plan.lifecycle.json: refused: 2 problems",
        "  stages[0].kind: 'x' is not one of business, data, develop, validate, gate, deploy, monitor, learn, other",
        "  stages[1].kind: 'y' is not one of business, data, develop, validate, gate, deploy, monitor, learn, other",
    ]


def test_a_wrongly_shaped_document_is_refused_without_a_crash() -> None:
    # Every section of the wrong type at once: each reported, nothing raised but DocumentError.
    document = {
        "format": "lifecycle", "version": 1, "name": 7, "owners": "pod", "stages": [1, None, []],
        "edges": [{"source": 1, "target": {"id": "a"}}], "phases": [{"number": "one", "items": {}}],
        "rules": [], "suppressions": {"rule": "LC101"},
    }
    assert problems_of(document) == [
        "name: expected a string, got 7",
        "owners: expected an array, got 'pod'",
        "stages[0]: expected an object, got 1",
        "stages[1]: expected an object, got null",
        "stages[2]: expected an object, got an array",
        "edges[0].source: expected a string, got 1",
        "edges[0].target: expected a string, got an object",
        "phases[0].number: expected an integer, got 'one'",
        "phases[0].items: expected an array, got an object",
        "rules: expected an object, got an array",
        "suppressions: expected an array, got an object",
    ]


# -- files -----------------------------------------------------------------------------------

def read_problems(path: Path) -> list[str]:
    with pytest.raises(DocumentError) as refused:
        read_document(path)
    assert refused.value.path == str(path)
    assert str(refused.value).startswith(f"{path}: refused: ")
    return refused.value.problems


def test_file_missing(tmp_path: Path) -> None:
    assert read_problems(tmp_path / "nope.lifecycle.json") == ["file: no such file"]


def test_a_folder_is_not_a_document(tmp_path: Path) -> None:
    assert read_problems(tmp_path) == ["file: is a folder, not a document"]


def test_not_json_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.lifecycle.json"
    path.write_text('{\n  "format": "lifecycle",\n  "version": 1,,\n}\n')
    assert read_problems(path) == [
        "document: not valid JSON: Expecting property name enclosed in double quotes at line 3, column 16"
    ]


def test_empty_file_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "empty.lifecycle.json"
    path.write_text("")
    assert read_problems(path) == ["document: not valid JSON: Expecting value at line 1, column 1"]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.lifecycle.json"
    path.write_bytes('{"name": "été"}'.encode("latin-1"))
    assert read_problems(path) == ["file: not UTF-8 text (bad byte at offset 10)"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path, minimal_dict: dict[str, Any]) -> None:
    path = tmp_path / "bom.lifecycle.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal_dict).encode())
    assert read_document(path).name == "Small"


def test_json_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.lifecycle.json"
    path.write_text("[1, 2]")
    assert read_problems(path) == ["document: expected an object, got an array"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"format": "lifecycle", "version": 2}',
        '{"format": "lifecycle", "version": 1, "name": "x", "stages": [{"id": "a"}], "edges": []}',
    ],
)
def test_reading_a_bad_file_leaves_it_byte_for_byte_unchanged(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.lifecycle.json"
    path.write_text(content)
    before = path.read_bytes()
    stat = os.stat(path)
    with pytest.raises(DocumentError):
        read_document(path)
    assert path.read_bytes() == before
    assert os.stat(path).st_mtime_ns == stat.st_mtime_ns
    assert [p.name for p in tmp_path.iterdir()] == ["bad.lifecycle.json"]


def test_reading_a_newer_file_reports_only_the_version(tmp_path: Path) -> None:
    path = tmp_path / "future.lifecycle.json"
    path.write_text('{"format": "lifecycle", "version": 3, "name": "x", "stages": "?", "hover": 1}')
    problems = read_problems(path)
    assert len(problems) == 1 and "written by a newer version" in problems[0]


@pytest.mark.parametrize(
    "number, expected",
    [
        ("1e400", "stages[0].x: Infinity is not allowed: numbers must be finite"),
        ("1" + "0" * 400, "stages[0].x: a number of 401 digits is too large: numbers must be finite"),
        ("NaN", "stages[0].x: NaN is not allowed: numbers must be finite"),
        ("1" + "0" * 5000, "document: not valid JSON: a number has too many digits"),
    ],
)
def test_numbers_a_float_cannot_hold(tmp_path: Path, number: str, expected: str) -> None:
    path = tmp_path / "big.lifecycle.json"
    path.write_text(
        '{"format": "lifecycle", "version": 1, "name": "x",'
        f' "stages": [{{"id": "a", "name": "A", "kind": "data", "x": {number}}}], "edges": []}}'
    )
    assert read_problems(path) == [expected]


def test_deeply_nested_json_is_refused_without_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.lifecycle.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert read_problems(path) == ["document: not valid JSON: nested too deeply"]
