"""The six shipped examples: each one reads, and reading, writing and reading again changes nothing."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from desktop_app.interchange import (
    DocumentError,
    document_dict,
    dumps_document,
    parse_document,
    read_document,
    write_document,
)
from desktop_app.model.document import Lifecycle

from tests.examples import EXAMPLES  # noqa: E402
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.lifecycle.json"))
ids = [p.name.removesuffix(".lifecycle.json") for p in EXAMPLE_FILES]

# FORMAT.md's defaults, per kind of entry: what an absent key means.
DEFAULTS: dict[str, dict[str, Any]] = {
    "document": {"paradigm": "hybrid", "description": "", "owners": [], "phases": [], "rules": {}, "suppressions": []},
    "owner": {"kind": "team"},
    "stage": {"owner": None, "automation": "manual", "criteria": "", "notes": "", "x": 0, "y": 0},
    "edge": {"kind": "flow", "trigger": "manual", "latency_days": None, "label": ""},
    "phase": {"planned_start": None, "planned_end": None},
    "item": {"status": "todo", "owner": None, "due": None, "done_on": None, "notes": ""},
    "suppression": {"stage": None},
}


def with_defaults(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with every absent optional key set to its default (numbers as floats)."""

    def fill(entry: dict[str, Any], kind: str) -> dict[str, Any]:
        out = {**DEFAULTS[kind], **entry}
        for key in ("x", "y", "latency_days"):
            if out.get(key) is not None:
                out[key] = float(out[key])
        return out

    out = fill(doc, "document")
    out["owners"] = [fill(o, "owner") for o in out["owners"]]
    out["stages"] = [fill(s, "stage") for s in out["stages"]]
    out["edges"] = [fill(e, "edge") for e in out["edges"]]
    out["phases"] = [
        {**fill(p, "phase"), "items": [fill(i, "item") for i in p["items"]]} for p in out["phases"]
    ]
    out["suppressions"] = [fill(s, "suppression") for s in out["suppressions"]]
    return out


def assert_same_field_by_field(a: Lifecycle, b: Lifecycle) -> None:
    """Like ``a == b``, but a failure names the field that differs."""
    for f in fields(Lifecycle):
        left, right = getattr(a, f.name), getattr(b, f.name)
        if isinstance(left, list):
            assert len(left) == len(right), f.name
            for index, (x, y) in enumerate(zip(left, right)):
                assert x == y, f"{f.name}[{index}]"
        else:
            assert left == right, f.name
    assert a == b


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=ids)
def test_every_example_reads(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    lc = read_document(path)
    assert lc.name == raw["name"]
    assert [s.id for s in lc.stages] == [s["id"] for s in raw["stages"]]
    assert [(e.source, e.target) for e in lc.edges] == [(e["source"], e["target"]) for e in raw["edges"]]


def test_all_six_examples_are_here() -> None:
    assert ids == [
        "assembly-line", "broken", "content-personalization", "feedback-loop", "hybrid",
        "regulatory-classifier",
    ]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=ids)
def test_read_write_read_is_equal_field_by_field(path: Path, tmp_path: Path) -> None:
    first = read_document(path)
    out = tmp_path / "copy.lifecycle.json"
    write_document(first, out)
    second = read_document(out)
    assert_same_field_by_field(first, second)
    assert [(s.x, s.y) for s in second.stages] == [(s["x"], s["y"]) for s in json.loads(path.read_text())["stages"]]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=ids)
def test_written_dict_equals_the_original_once_defaults_are_applied(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    assert with_defaults(document_dict(read_document(path))) == with_defaults(original)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=ids)
def test_written_text_is_the_example_byte_for_byte(path: Path) -> None:
    # The examples are written as the app writes: same keys, same order, indent 2, final newline.
    assert dumps_document(read_document(path)) == path.read_text(encoding="utf-8")


def test_hybrid_reads_into_the_model_as_the_spec_says() -> None:
    lc = read_document(EXAMPLES / "hybrid.lifecycle.json")
    assert lc.paradigm == "hybrid"
    assert [o.kind for o in lc.owners] == ["role", "team", "team", "team"]
    release = lc.stage("release")
    assert (release.automation, release.x, release.y, release.criteria) == ("partial", 1100.0, 0.0, "")
    assert lc.stage("tests").criteria == "data quality, fairness, performance regression"
    e7 = lc.edge("e7")
    assert (e7.kind, e7.trigger, e7.latency_days) == ("feedback", "alert", 7.0)
    assert [p.number for p in lc.phases] == [1, 2, 3, 4]
    p1 = lc.phases[0]
    assert (p1.planned_start.isoformat(), p1.planned_end.isoformat()) == ("2026-01-05", "2026-03-31")
    item = p1.items[1]
    assert (item.id, item.status, item.due.isoformat(), item.done_on.isoformat()) == (
        "p1-logging", "done", "2026-02-28", "2026-03-02",
    )
    assert lc.phases[3].items == [] and lc.phases[3].planned_start is None


def test_rules_and_suppressions_are_kept() -> None:
    lc = read_document(EXAMPLES / "regulatory-classifier.lifecycle.json")
    assert lc.rules == {"LC206": {"max_feedback_days": 240}}
    assert [(s.rule, s.stage) for s in lc.suppressions][0] == ("LC303", "flags")
    assert all(s.reason.strip() for s in lc.suppressions)


def test_broken_is_valid_format_wise() -> None:
    # It trips most rules, but as a document nothing is wrong with it.
    lc = read_document(EXAMPLES / "broken.lifecycle.json")
    assert lc.stage("tune").owner is None
    assert lc.edge("e4").source == lc.edge("e4").target == "watch"
    assert lc.suppressions[0].stage == "nowhere"


def test_phases_absent_and_empty_both_mean_none_and_are_not_written(minimal_dict: dict[str, Any]) -> None:
    absent = parse_document(minimal_dict)
    empty = parse_document({**minimal_dict, "phases": []})
    assert absent.phases == empty.phases == []
    assert "phases" not in document_dict(empty)


def test_defaults_are_applied(minimal_dict: dict[str, Any]) -> None:
    minimal_dict["phases"] = [{"number": 2, "items": [{"id": "i", "title": "T"}]}]
    lc = parse_document(minimal_dict)
    assert lc.paradigm == "hybrid" and lc.description == ""
    assert lc.owners[0].kind == "team"
    stage = lc.stages[0]
    assert (stage.owner, stage.automation, stage.criteria, stage.notes, stage.x, stage.y) == (None, "manual", "", "", 0, 0)
    edge = lc.edges[0]
    assert (edge.id, edge.kind, edge.trigger, edge.latency_days, edge.label) == ("e1", "flow", "manual", None, "")
    item = lc.phases[0].items[0]
    assert (item.status, item.owner, item.due, item.done_on, item.notes) == ("todo", None, None, None, "")


def test_written_documents_omit_empty_strings_and_default_automation_but_keep_positions(
    minimal_dict: dict[str, Any],
) -> None:
    stage = document_dict(parse_document(minimal_dict))["stages"][0]
    assert stage == {"id": "a", "name": "A", "kind": "data", "owner": None, "x": 0, "y": 0}


def test_edges_without_id_get_the_next_free_eN_in_document_order(minimal_dict: dict[str, Any]) -> None:
    minimal_dict["edges"] = [
        {"source": "a", "target": "b"},
        {"id": "e1", "source": "b", "target": "a", "kind": "feedback"},
        {"source": "a", "target": "a"},
        {"id": "e3", "source": "b", "target": "b"},
        {"source": "b", "target": "a"},
        {"id": "x", "source": "a", "target": "b"},
    ]
    lc = parse_document(minimal_dict)
    assert [e.id for e in lc.edges] == ["e2", "e1", "e4", "e3", "e5", "x"]


def test_fractional_positions_and_latencies_survive(minimal_dict: dict[str, Any], tmp_path: Path) -> None:
    minimal_dict["stages"][0].update(x=12.625, y=-0.1)
    minimal_dict["edges"][0]["latency_days"] = 0.5
    out = tmp_path / "f.lifecycle.json"
    write_document(parse_document(minimal_dict), out)
    lc = read_document(out)
    assert (lc.stages[0].x, lc.stages[0].y, lc.edges[0].latency_days) == (12.625, -0.1, 0.5)


def test_non_ascii_text_is_written_as_is(minimal_dict: dict[str, Any], tmp_path: Path) -> None:
    minimal_dict["name"] = "Modèle de churn — été"
    out = tmp_path / "u.lifecycle.json"
    write_document(parse_document(minimal_dict), out)
    assert "Modèle de churn — été" in out.read_text(encoding="utf-8")
    assert read_document(out).name == "Modèle de churn — été"


def test_parse_does_not_modify_or_share_the_input(hybrid_dict: dict[str, Any]) -> None:
    hybrid_dict["rules"] = {"LC206": {"max_feedback_days": 14}}
    before = json.dumps(hybrid_dict)
    lc = parse_document(hybrid_dict)
    assert json.dumps(hybrid_dict) == before
    lc.rules["LC206"]["max_feedback_days"] = 99
    assert hybrid_dict["rules"]["LC206"]["max_feedback_days"] == 14


def test_write_replaces_an_existing_file_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "out.lifecycle.json"
    out.write_text("old content")
    lc = read_document(EXAMPLES / "feedback-loop.lifecycle.json")
    write_document(lc, out)
    assert read_document(out) == lc
    assert [p.name for p in tmp_path.iterdir()] == ["out.lifecycle.json"]


def test_write_of_an_unwritable_value_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.lifecycle.json"
    out.write_text("old content")
    lc = read_document(EXAMPLES / "feedback-loop.lifecycle.json")
    lc.stages[0].x = float("nan")  # JSON cannot hold it
    lc.stages[1].owner = "nobody"
    with pytest.raises(DocumentError) as refused:
        write_document(lc, out)
    assert refused.value.path == str(out)
    assert refused.value.problems == [
        "stages[0].x: NaN is not allowed: numbers must be finite",
        "stages[1].owner: 'nobody' names no owner",
    ]
    assert out.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.lifecycle.json"]


def test_write_to_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    lc = read_document(EXAMPLES / "feedback-loop.lifecycle.json")
    with pytest.raises(OSError):
        write_document(lc, tmp_path / "no" / "such" / "x.lifecycle.json")


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The moment of truth is the rename: make it fail, as a full disk or a crash would.
    out = tmp_path / "out.lifecycle.json"
    out.write_text("old content")
    lc = read_document(EXAMPLES / "hybrid.lifecycle.json")

    def no_rename(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError):
        write_document(lc, out)
    monkeypatch.undo()
    assert out.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.lifecycle.json"]


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_written_file_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    out = tmp_path / "out.lifecycle.json"
    write_document(read_document(EXAMPLES / "hybrid.lifecycle.json"), out)
    assert stat.S_IMODE(out.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
