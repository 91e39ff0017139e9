"""GraphML files built as the attack built them: a lifecycle exported by the app, its embedded
lifecycle JSON then swapped for a list, a string, deep nesting, a 4,300-digit number or a
repeated key; and GraphML declaring entities. Each import is refused in words naming the file,
never as an unexpected error, and the workspace stays byte for byte as it was."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.examples import EXAMPLES

EMBEDDED = re.compile(r'(<data key="g_lifecycle">)(.*?)(</data>)', re.S)


@pytest.fixture
def exported(tmp_path) -> str:
    """The hybrid example as the app's own GraphML text."""
    out = tmp_path / "hybrid.graphml"
    assert main(["export", str(EXAMPLES / "hybrid.lifecycle.json"), "--to", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert len(EMBEDDED.findall(text)) == 1
    return text


def import_refused(tmp_path: Path, capsys, text: str) -> str:
    """Import ``text`` as a GraphML file into a workspace; returns stderr after checking the
    refusal (exit 2, the file named, no unexpected error, the workspace unchanged)."""
    doc = tmp_path / "attack.graphml"
    doc.write_text(text, encoding="utf-8")
    ws = tmp_path / "w.lcstudio"
    if not ws.exists():
        assert main(["new", str(ws), "--template", "feedback-loop"]) == 0
    before = hashlib.sha256(ws.read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["import", str(doc), "--into", str(ws)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lifecycle-studio import: {doc}: refused"), err
    assert "unexpected error" not in err
    assert hashlib.sha256(ws.read_bytes()).hexdigest() == before
    assert main(["check", str(doc)]) == 2
    assert capsys.readouterr().err.startswith(f"lifecycle-studio check: {doc}: refused")
    return err


def with_embedded(text: str, json_text: str) -> str:
    return EMBEDDED.sub(lambda m: m.group(1) + json_text + m.group(3), text)


@pytest.mark.parametrize(("json_text", "problem"), [
    ("[1, 2]", "graph.lifecycle: expected an object, got an array"),
    ('"a lifecycle"', "graph.lifecycle: expected an object, got 'a lifecycle'"),
    ("[" * 100_000 + "]" * 100_000, "graph.lifecycle: not valid JSON: nested too deeply"),
    ('{"version": ' + "9" * 4300 + "}",
     "version: written by a newer version of Lifecycle Studio (format version " + "9" * 79 + "…)"),
    ('{"owners": [{"id": "x", "name": 1' + "0" * 4300 + "}]}",
     "graph.lifecycle: not valid JSON: a number has too many digits"),
    ('{"name": "One", "name": "Two"}', "graph.lifecycle: key 'name' appears more than once"),
    ('{"phases": [{"number": 1, "items": [], "number": 2}]}', "phases[0]: key 'number' appears more than once"),
    ('{"description": NaN}', "description: NaN is not allowed: numbers must be finite"),
    ('{"stages": []}', "graph.lifecycle: holds 'stages', which the GraphML's nodes and edges give"),
], ids=["list", "string", "deep nesting", "4300-digit version", "4301 digits", "repeated key",
        "repeated nested key", "NaN", "stages twice"])
def test_embedded_lifecycle_json_is_read_as_a_document(tmp_path, capsys, exported, json_text, problem):
    err = import_refused(tmp_path, capsys, with_embedded(exported, json_text))
    assert problem in err


def test_a_graphml_that_declares_entities_is_refused_unexpanded(tmp_path, capsys, exported):
    # an internal entity in a stage name: the standard parser expanded it into the workspace
    text = exported.replace("<graphml", '<!DOCTYPE graphml [<!ENTITY x "Injected">]>\n<graphml', 1)
    text = text.replace(">Quarterly objectives<", ">&x;<", 1)
    err = import_refused(tmp_path, capsys, text)
    assert "Injected" not in err
    assert "file: declares" in err


def test_a_billion_laughs_is_refused_before_expanding(tmp_path, capsys, exported):
    # ten levels of ten: a thousand million "lol"s once expanded
    entities = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    text = exported.replace("<graphml", "<!DOCTYPE graphml [" + "".join(entities) + "]>\n<graphml", 1)
    text = text.replace(">Quarterly objectives<", ">&l9;<", 1)
    err = import_refused(tmp_path, capsys, text)
    assert "file: declares" in err


def test_an_external_entity_is_not_read(tmp_path, capsys, exported):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret")
    text = exported.replace("<graphml", f'<!DOCTYPE graphml [<!ENTITY s SYSTEM "file://{secret}">]>\n<graphml', 1)
    text = text.replace(">Quarterly objectives<", ">&s;<", 1)
    err = import_refused(tmp_path, capsys, text)
    assert "the secret" not in err


def test_the_apps_own_graphml_still_reads_back_equal(tmp_path, capsys, exported):
    doc = tmp_path / "ok.graphml"
    doc.write_text(exported, encoding="utf-8")
    back = tmp_path / "back.lifecycle.json"
    assert main(["export", str(doc), "--to", str(back)]) == 0
    assert back.read_text(encoding="utf-8") == (EXAMPLES / "hybrid.lifecycle.json").read_text(encoding="utf-8")


# -- found by the fuzz loop (test_fuzz_documents.py) ------------------------------------------

def test_an_xml_declaration_naming_an_unknown_encoding_is_refused(tmp_path, capsys, exported):
    # one flipped bit: "utf-8" became "utd-8", and the parser's LookupError was an unexpected error
    assert exported.startswith("<?xml version='1.0' encoding='utf-8'?>")
    text = exported.replace("encoding='utf-8'", "encoding='utd-8'", 1)
    err = import_refused(tmp_path, capsys, text)
    assert "file: declares an encoding this app does not know ('utd-8')" in err


@pytest.mark.parametrize(("exact", "problem"), [
    ('{"notes": 1' + "0" * 4300 + "}", "exact_values: not valid JSON: a number has too many digits"),
    ("[" * 100_000, "exact_values: not valid JSON: nested too deeply"),
], ids=["4301 digits", "deep nesting"])
def test_a_drawio_cells_exact_values_go_through_the_document_reader(tmp_path, capsys, exact, problem):
    out = tmp_path / "hybrid.drawio"
    assert main(["export", str(EXAMPLES / "hybrid.lifecycle.json"), "--to", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    text = text.replace(' stage_id="okr"', f' stage_id="okr" exact_values="{exact.replace(chr(34), "&quot;")}"', 1)
    doc = tmp_path / "attack.drawio"
    doc.write_text(text, encoding="utf-8")
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lifecycle-studio check: {doc}: refused")
    assert problem in err
