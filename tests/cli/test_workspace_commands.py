"""`new`, `import`, `export`, `list` as a user runs them: real files, real processes' exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop_app.cli import main
from desktop_app.interchange import document_dict, parse_document, read_document
from desktop_app.store import Workspace

from tests.examples import EXAMPLES  # noqa: E402
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.lifecycle.json"))


def run(*argv: str) -> int:
    return main([str(a) for a in argv])


def test_examples_are_there():
    assert len(EXAMPLE_FILES) == 6


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_every_example_imports_and_exports_back_equal(tmp_path, workspace_location, example, capsys):
    ws = workspace_location   # a file, and a database on the test server
    assert run("new", ws) == 0
    assert run("import", example, "--into", ws) == 0
    name = json.loads(example.read_text())["name"]
    out = tmp_path / "out.lifecycle.json"
    assert run("export", ws, "--lifecycle", name, "--to", out) == 0
    original, exported = read_document(example), read_document(out)
    # field by field, positions included
    assert exported == original
    assert document_dict(exported) == document_dict(original)
    # and the file itself says the same as the example, key for key
    assert json.loads(out.read_text()) == json.loads(example.read_text())


def test_list_prints_each_lifecycle_with_its_counts(tmp_path, workspace_location, capsys):
    ws = workspace_location   # a file, and a database on the test server
    run("new", ws, "--template", "hybrid")
    run("import", EXAMPLES / "broken.lifecycle.json", "--into", ws)
    capsys.readouterr()
    assert run("list", ws) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Broken on purpose") and lines[0].endswith("8 stages, 9 edges")
    assert lines[1].startswith("Hybrid: governed outer loop") and lines[1].endswith("8 stages, 9 edges")


def test_new_from_a_template_without_phases_seeds_the_playbook(tmp_path, workspace_location):
    ws = workspace_location   # a file, and a database on the test server
    assert run("new", ws, "--template", "feedback-loop") == 0
    with Workspace.open(ws) as w:
        doc = w.load(w.lifecycles()[0].id)
    assert [p.number for p in doc.phases] == [1, 2, 3, 4]
    assert all(p.items for p in doc.phases)


def test_an_imported_document_keeps_exactly_its_phases(tmp_path, workspace_location):
    ws = workspace_location   # a file, and a database on the test server
    run("new", ws)
    run("import", EXAMPLES / "feedback-loop.lifecycle.json", "--into", ws)
    with Workspace.open(ws) as w:
        assert w.load(w.lifecycles()[0].id).phases == []


def test_import_of_an_existing_name_is_refused_unless_replace(tmp_path, capsys):
    ws = tmp_path / "w.lcstudio"
    run("new", ws, "--template", "hybrid")
    hybrid = EXAMPLES / "hybrid.lifecycle.json"
    before = ws.read_bytes()
    assert run("import", hybrid, "--into", ws) == 2
    err = capsys.readouterr().err
    assert str(ws) in err and "already exists" in err and "--replace" in err
    assert ws.read_bytes() == before

    changed = json.loads(hybrid.read_text())
    changed["stages"][0]["name"] = "Yearly objectives"
    new_doc = tmp_path / "h.lifecycle.json"
    new_doc.write_text(json.dumps(changed))
    assert run("import", new_doc, "--into", ws, "--replace") == 0
    with Workspace.open(ws) as w:
        (info,) = w.lifecycles()
        assert w.load(info.id) == parse_document(changed)
        # one recorded operation
        assert [a.operation for a in w.activity(info.id)][-1] == "replace_lifecycle"


def test_a_refused_document_lists_every_problem_and_changes_nothing(tmp_path, capsys):
    ws = tmp_path / "w.lcstudio"
    run("new", ws, "--template", "hybrid")
    bad = tmp_path / "bad.lifecycle.json"
    bad.write_text(json.dumps({
        "format": "lifecycle", "version": 1, "name": "Bad",
        "stages": [{"id": "a", "name": "A", "kind": "deplyo"}],
        "edges": [{"source": "a", "target": "zz"}],
    }))
    before = ws.read_bytes()
    assert run("import", bad, "--into", ws) == 2
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "stages[0].kind: 'deplyo' is not one of" in err
    assert "edges[0].target" in err
    assert ws.read_bytes() == before


def test_errors_never_show_a_traceback(tmp_path):
    not_a_ws = tmp_path / "notes.lcstudio"
    not_a_ws.write_text("hello")
    for argv in (
        ["list", str(not_a_ws)],
        ["export", str(not_a_ws), "--to", str(tmp_path / "x.lifecycle.json")],
        ["import", str(tmp_path / "missing.lifecycle.json"), "--into", str(not_a_ws)],
        ["new", str(not_a_ws)],
    ):
        proc = subprocess.run([sys.executable, "-m", "desktop_app", *argv], capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 2, argv
        assert "Traceback" not in proc.stderr
        assert proc.stderr.strip(), argv
    assert not_a_ws.read_text() == "hello"


def test_help_lists_every_command():
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0
    for command in ("check", "new", "import", "export", "list", "copy", "snapshot", "diff", "report"):
        assert command in proc.stdout
