"""``lifecycle-studio check`` as a user runs it: the examples' expected findings, the output
formats, exit statuses, refused documents, workspaces, and no Qt/matplotlib/pptx on the way."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.interchange import write_document
from tests.checks.checks_dsl import make

# a copy of shared/examples (the six lifecycles and, in expected/, what check must report)
from tests.examples import EXAMPLES, EXPECTED  # noqa: E402
NAMES = sorted(p.name.removesuffix(".lifecycle.json") for p in EXAMPLES.glob("*.lifecycle.json"))
FIELDS = ("rule", "severity", "stages", "edges", "items", "owners", "phase", "suppressed")
REPO = Path(__file__).resolve().parents[2]


def check(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_example_is_here():
    assert len(NAMES) == 6


@pytest.mark.parametrize("name", NAMES)
def test_example_reports_exactly_its_expected_findings(capsys, name):
    code, out, err = check(capsys, str(EXAMPLES / f"{name}.lifecycle.json"),
                           "--format", "json", "--today", "2026-11-26")
    expected = json.loads((EXPECTED / f"{name}.json").read_text())
    got = json.loads(out)
    assert [tuple(f[k] for k in FIELDS) for f in got["findings"]] \
        == [tuple(f[k] for k in FIELDS) for f in expected["findings"]]
    assert got["counts"] == expected["counts"]
    for key, want in expected["assessment"].items():
        have = got["assessment"][key]
        if isinstance(want, float):
            assert have == pytest.approx(want, abs=1e-4), key
        else:
            assert have == want, key
    assert code == (1 if expected["counts"]["error"] else 0)
    assert err == ""


def test_json_has_exactly_the_shape_of_checks_md(capsys):
    _code, out, _err = check(capsys, str(EXAMPLES / "broken.lifecycle.json"), "--format", "json",
                             "--today", "2026-11-26")
    doc = json.loads(out)
    assert list(doc) == ["version", "lifecycle", "findings", "counts", "assessment"]
    assert doc["version"] == 1 and doc["lifecycle"] == "Broken on purpose"
    assert list(doc["findings"][0]) == ["rule", "name", "severity", "message", "hint", "stages",
                                        "edges", "items", "owners", "phase", "suppressed",
                                        "reason", "fixable"]
    assert list(doc["counts"]) == ["error", "warning", "info", "suppressed"]
    assert list(doc["assessment"]) == ["classification", "loop_coverage", "automated_feedback",
                                       "feedback_latency_days"]
    for f in doc["findings"]:
        assert "\n" not in f["message"] and f["message"] and f["hint"]
    by_rule = {f["rule"]: f for f in doc["findings"]}
    assert by_rule["LC106"]["fixable"] and by_rule["LC107"]["fixable"]
    assert by_rule["LC109"]["fixable"] and by_rule["LC110"]["fixable"]
    assert by_rule["LC301"]["fixable"]  # the lifecycle has owners to pick from
    assert not by_rule["LC105"]["fixable"]
    assert by_rule["LC303"]["name"] == "production-handoff"
    assert '"Watch dashboards"' in by_rule["LC303"]["message"]


@pytest.mark.parametrize("names", [("broken",), ("feedback-loop",), ("hybrid", "broken")])
def test_json_output_is_the_result_to_dict(capsys, names):
    from desktop_app.checks import check_lifecycle
    from desktop_app.interchange import read_document

    paths = [EXAMPLES / f"{n}.lifecycle.json" for n in names]
    _code, out, _ = check(capsys, *map(str, paths), "--format", "json", "--today", "2026-11-26")
    want = [check_lifecycle(read_document(p), today=datetime.date(2026, 11, 26)).to_dict()
            for p in paths]
    assert json.loads(out) == (want[0] if len(want) == 1 else want)


def test_an_empty_workspace_prints_valid_output(capsys, tmp_path):
    from desktop_app.store import Workspace

    path = tmp_path / "empty.lcstudio"
    Workspace.create(path).close()
    code, out, _ = check(capsys, str(path), "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = check(capsys, str(path), "--format", "sarif")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


def test_text_output_one_line_per_finding_then_the_counts(capsys):
    path = str(EXAMPLES / "regulatory-classifier.lifecycle.json")
    code, out, _err = check(capsys, path, "--today", "2026-11-26")
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}: LC205 info manual-feedback-only [e7,e8] ")
    assert lines[2].startswith(f"{path}: LC303 info production-handoff [flags] ")
    assert "(suppressed: Reviewers are a separate team" in lines[2]
    assert lines[3].startswith(f"{path}: 0 errors, 0 warnings, 2 info, 1 suppressed; hybrid")
    assert len(lines) == 4 and code == 0


def test_fail_on_lowers_the_threshold(capsys):
    path = str(EXAMPLES / "regulatory-classifier.lifecycle.json")
    assert check(capsys, path, "--fail-on", "warning")[0] == 0
    assert check(capsys, path, "--fail-on", "info")[0] == 1


def test_suppressed_findings_never_fail(capsys, tmp_path):
    lc = make("a:data:ds b:develop", "a>b b~a")
    from desktop_app.model.document import Suppression
    lc.suppressions = [Suppression("LC301", "the lab owns it", "b")]
    path = tmp_path / "x.lifecycle.json"
    write_document(lc, path)
    code, out, _ = check(capsys, str(path), "--format", "json")
    doc = json.loads(out)
    assert doc["counts"]["error"] == 0 and doc["counts"]["suppressed"] == 1
    assert code == 0


def test_select_and_ignore_by_code_or_prefix(capsys):
    path = str(EXAMPLES / "broken.lifecycle.json")
    _c, out, _e = check(capsys, path, "--format", "json", "--select", "LC2,LC301",
                        "--ignore", "LC209")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert rules == ["LC201", "LC208", "LC208", "LC301"]
    _c, out, _e = check(capsys, path, "--format", "json", "--select", "LC1",
                        "--select", "LC4", "--ignore", "LC10")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules == {"LC110", "LC401", "LC402", "LC404"}


def test_unknown_rule_selector_exits_2(capsys):
    code, out, err = check(capsys, str(EXAMPLES / "broken.lifecycle.json"), "--select", "LC7")
    assert code == 2 and out == "" and "LC7" in err


def test_a_refused_document_exits_2_with_every_problem_and_its_path(capsys, tmp_path):
    bad = tmp_path / "bad.lifecycle.json"
    bad.write_text(json.dumps({
        "format": "lifecycle", "version": 1, "name": "Bad",
        "stages": [{"id": "a", "name": "A", "kind": "deplyo"}],
        "edges": [{"source": "a", "target": "zz"}],
    }))
    code, out, err = check(capsys, str(bad))
    assert code == 2 and out == ""
    assert str(bad) in err
    assert "stages[0].kind" in err and "deplyo" in err and "edges[0].target" in err
    assert "Traceback" not in err


def test_unreadable_inputs_exit_2_and_the_rest_is_still_checked(capsys, tmp_path):
    not_json = tmp_path / "x.lifecycle.json"
    not_json.write_text("{ nope")
    good = str(EXAMPLES / "feedback-loop.lifecycle.json")
    code, out, err = check(capsys, str(tmp_path / "missing.lifecycle.json"), str(not_json), good)
    assert code == 2
    assert "missing.lifecycle.json" in err and str(not_json) in err
    assert out.startswith(f"{good}: 0 errors")


def test_several_files_in_json_make_an_array_in_order(capsys):
    a, b = (str(EXAMPLES / f"{n}.lifecycle.json") for n in ("hybrid", "assembly-line"))
    code, out, _ = check(capsys, a, b, "--format", "json", "--today", "2026-11-26")
    docs = json.loads(out)
    assert [d["assessment"]["classification"] for d in docs] == ["hybrid", "assembly-line"]
    assert code == 1


def test_lifecycle_option_on_a_document(capsys):
    path = str(EXAMPLES / "hybrid.lifecycle.json")
    code, out, err = check(capsys, path, "--lifecycle", "Nope")
    assert code == 2 and "Nope" in err


def test_today_changes_overdue_items(capsys):
    path = str(EXAMPLES / "hybrid.lifecycle.json")
    _c, out, _ = check(capsys, path, "--format", "json", "--today", "2026-06-20")
    items = [f["items"] for f in json.loads(out)["findings"] if f["rule"] == "LC403"]
    assert items == [["p2-runs"]]


def test_sarif_output(capsys):
    path = str(EXAMPLES / "regulatory-classifier.lifecycle.json")
    code, out, _ = check(capsys, path, "--format", "sarif", "--today", "2026-11-26")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "lifecycle-studio"
    ids = [r["id"] for r in driver["rules"]]
    assert "LC303" in ids and "LC302" not in ids
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["LC205", "LC209", "LC303"]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == "note"
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path
    handoff = results[2]
    assert handoff["suppressions"][0]["justification"].startswith("Reviewers")
    assert handoff["locations"][0]["logicalLocations"][0]["name"] == "flags"
    assert code == 0


def test_workspace_every_lifecycle_or_one(capsys, tmp_path):
    from desktop_app.interchange import read_document
    from desktop_app.store import Workspace

    path = tmp_path / "team.lcstudio"
    with Workspace.create(path) as ws:
        for name in ("assembly-line", "feedback-loop"):
            ws.create_lifecycle(read_document(EXAMPLES / f"{name}.lifecycle.json"))
    code, out, _ = check(capsys, str(path), "--format", "json", "--today", "2026-11-26")
    docs = json.loads(out)
    assert sorted(d["assessment"]["classification"] for d in docs) \
        == ["assembly-line", "feedback-loop"]
    assert code == 1
    name = read_document(EXAMPLES / "feedback-loop.lifecycle.json").name
    code, out, _ = check(capsys, str(path), "--lifecycle", name)
    assert code == 0 and out.startswith(f"{path} ({name}): 0 errors")
    code, out, err = check(capsys, str(path), "--lifecycle", "Nope")
    assert code == 2 and "Nope" in err and str(path) in err


def test_a_file_that_is_not_a_workspace_exits_2(capsys, tmp_path):
    fake = tmp_path / "fake.lcstudio"
    fake.write_bytes(b"not a database at all" * 10)
    code, _out, err = check(capsys, str(fake))
    assert code == 2 and str(fake) in err and "Traceback" not in err


def test_check_imports_neither_qt_nor_matplotlib_nor_pptx(tmp_path):
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"code = main(['check', {str(EXAMPLES / 'broken.lifecycle.json')!r}, '--format', 'sarif'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'matplotlib', 'pptx'))\n"
        "print('HEAVY', heavy, 'CODE', code, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert "HEAVY [] CODE 1" in proc.stderr, proc.stderr
    assert json.loads(proc.stdout)["version"] == "2.1.0"


def _modules_after_check(tmp_path, document: Path) -> tuple[int, list[str], str]:
    script = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        f"code = main(['check', {str(document)!r}, '--format', 'json'])\n"
        "print('LOADED', sorted(sys.modules), 'CODE', code, "
        "file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    line = next(l for l in proc.stderr.splitlines() if l.startswith("LOADED "))
    modules = eval(line.split(" ", 1)[1].rsplit(" CODE ", 1)[0])  # noqa: S307 (our own print)
    # top-level packages, and ours by their full names
    loaded = sorted({m.split(".")[0] for m in modules} | {m for m in modules if m.startswith("desktop_app")})
    return int(line.rsplit(" ", 1)[1]), loaded, proc.stderr


def test_checking_a_valid_document_does_not_load_jsonschema(tmp_path):
    # jsonschema and its dependencies cost more start-up than checking 5,000 stages; only a
    # document the quick check refuses needs them, for their messages
    code, loaded, err = _modules_after_check(tmp_path, EXAMPLES / "broken.lifecycle.json")
    assert code == 1, err
    assert "jsonschema" not in loaded and "referencing" not in loaded
    # nor the store: a document is no workspace
    assert "desktop_app.store" not in loaded


def test_a_refused_document_still_gets_jsonschemas_reading(tmp_path):
    doc = json.loads((EXAMPLES / "hybrid.lifecycle.json").read_text(encoding="utf-8"))
    doc["stages"][0]["colour"] = "red"
    doc["stages"][1]["kind"] = "deploy-ish"
    bad = tmp_path / "bad.lifecycle.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, loaded, err = _modules_after_check(tmp_path, bad)
    assert code == 2
    assert "stages[0]: unknown key 'colour'" in err
    assert "stages[1].kind: 'deploy-ish' is not one of" in err
    assert "jsonschema" in loaded
