"""A seeded mutation loop over documents, the way the attack ran it: the shared examples as
``.lifecycle.json``, as the app's GraphML and as draw.io, damaged byte by byte and value by
value (lone surrogates, NaN, huge and deep values, repeated keys, entities, control
characters), then checked and imported as a user would.

For every damaged file: ``check`` exits 0 or 1 (accepted) or 2 with its first stderr line naming
the file (refused), never "unexpected error"; ``import`` accepts exactly what ``check`` accepts
and leaves the workspace byte for byte as it was when it refuses; the damaged file itself is
never changed. About 40 seconds in the suite (300 cases per format); ``LCS_FUZZ_CASES`` sets the
cases per format for a longer run, ``LCS_FUZZ_SEED`` another seed (a failure prints the seed and
case to replay).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.examples import EXAMPLES

CASES = int(os.environ.get("LCS_FUZZ_CASES", "300"))
SEED = int(os.environ.get("LCS_FUZZ_SEED", "20261201"))
SOURCES = sorted(EXAMPLES.glob("*.lifecycle.json"))

# Text an attacker would put in a value or between bytes (JSON escapes written as they appear
# in a file).
SNIPPETS = [
    "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\u001b]0;x\\u0007", "\\u202e", '"', "\\",
    "{", "}", "[", "]", ",", ":", "NaN", "Infinity", "-Infinity", "1e400", "-0", "9" * 4301,
    "[" * 2000, "{\"a\":" * 500, "null", "true", '"name": "again", ', "\x00", "\ufeff", "\u00e9",
    "&x;", "<!ENTITY x \"y\">", "<![CDATA[", "]]>", "<!--", "-->", "<node id=\"n\"/>", "&#0;",
    "&#xD800;", "<", ">", "&", "\r\n", "\t", "<a>" * 3000, "<data key=\"n_name\">" * 50,
    "<!DOCTYPE graphml SYSTEM \"http://example.invalid/x.dtd\">",
]
# Values a JSON mutation puts in place of another, as JSON text.
VALUES = [
    "null", "true", "0", "-1", "1.5", "1e308", "1e400", "NaN", "Infinity", "9" * 4300,
    "\"\"", "\" \"", json.dumps("x" * 300), "\"\\ud800\"", "\"a\\udfffb\"", "\"\\u001b[2J\\u001b[H\"",
    "\"line\\nbreak\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]", "\"2026-02-30\"",
    "\"deploy\"", "\"feedback\"", "\"LC999\"", "{\"severity\": \"off\"}", "[1, 2, 3]",
]


def _paths(node: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, path + (index,))
    return found


def _json_mutation(rng: random.Random, text: str) -> str:
    """One value of the document replaced, removed, repeated or given a stranger as a neighbour."""
    data = json.loads(text)
    path = rng.choice(_paths(data)[1:])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    marker = "\"__MUTATED__\""
    how = rng.randrange(4)
    if how == 0 and isinstance(parent, dict):
        del parent[path[-1]]
        return json.dumps(data)
    if how == 1 and isinstance(parent, dict):
        # a repeated key: json.dumps cannot write one, so it is spliced into the text
        parent["__REPEAT__"] = None
        return json.dumps(data).replace('"__REPEAT__": null', f'{json.dumps(path[-1])}: {rng.choice(VALUES)}', 1)
    if how == 2 and isinstance(parent, dict):
        parent[rng.choice(["colour", "\ud800", "id", "x" * 100])] = None
        return json.dumps(data)
    parent[path[-1]] = "__MUTATED__"
    return json.dumps(data, ensure_ascii=rng.random() < 0.5).replace(marker, rng.choice(VALUES), 1)


# Valid but hostile text for names, notes and labels: what must come out of every format as
# text that cannot act on a terminal.
HOSTILE_TEXT = [
    "\x1b]0;pwned\x07\x1b[2J\x1b[HAll checks passed", "line\nbreak\r\nand more", "\u202eweiver",
    "<script>alert(1)</script>", "Q&A | $HOME ] \" ' `", "\U0001F600 \u00e9t\u00e9", "\u2028\u2029",
    "x" * 200, "\x00\x7f\x9b", "\t", "Monitoring \u2192 Feature experiments",
]
_TEXT_KEYS = ("name", "description", "notes", "label", "title", "criteria", "reason")


def _benign_mutation(rng: random.Random, text: str) -> str:
    """A text value set to hostile but valid text, or a position moved: still a document."""
    data = json.loads(text)
    places = [p for p in _paths(data) if p and p[-1] in _TEXT_KEYS]
    path = rng.choice(places)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = rng.choice(HOSTILE_TEXT)
    if path[-1] == "reason" and not parent[path[-1]].strip():
        parent[path[-1]] = "because"
    return json.dumps(data, ensure_ascii=rng.random() < 0.5)


def _byte_mutation(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        how = rng.randrange(5)
        if how == 0 and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif how == 1:
            del data[at:at + rng.randint(1, 40)]
        elif how == 2:
            data[at:at] = data[at:at + rng.randint(1, 200)]
        elif how == 3:
            data[at:at] = rng.choice(SNIPPETS).encode("utf-8", "surrogatepass")
        else:
            del data[at:]
    return bytes(data)


def _graphml_mutation(rng: random.Random, text: str, source_json: str) -> str:
    """The embedded lifecycle JSON swapped for a damaged one, an entity declared, a value of a
    node's data replaced, or the app's own data removed so that the file reads as yEd's (its
    yFiles graphics), with a geometry value damaged."""
    how = rng.randrange(4)
    if how == 3:
        text = re.sub(r'<data key="[neg]_\w+">.*?</data>', "", text, flags=re.S)
        geometry = re.findall(r'\s(?:x|y|width|height)="[^"]*"', text)
        if geometry and rng.random() < 0.7:
            old = rng.choice(geometry)
            name = old.split("=")[0]
            text = text.replace(old, f'{name}="{rng.choice(["nan", "inf", "-1e400", "", "x", "1" * 400])}"', 1)
        return text
    if how == 0:
        damaged = _json_mutation(rng, source_json)
        return re.sub(r'(<data key="g_lifecycle">).*?(</data>)',
                      lambda m: m.group(1) + damaged.replace("&", "&amp;").replace("<", "&lt;") + m.group(2),
                      text, count=1, flags=re.S)
    if how == 1:
        return text.replace("<graphml", '<!DOCTYPE graphml [<!ENTITY x "y">]>\n<graphml', 1).replace(
            "</data>", "&x;</data>", 1)
    values = re.findall(r"(<data key=\"[ne]_\w+\">)(.*?)(</data>)", text)
    head, _value, tail = rng.choice(values)
    new = rng.choice(["", "nan", "inf", "1e400", "-5", "gate", "x" * 300, "&#x1b;[2J", "a&#10;b", "1" * 5000])
    return text.replace(head + _value + tail, head + new + tail, 1)


def _sources(tmp_path: Path) -> dict[str, list[tuple[bytes, str]]]:
    """Each example as each format: (bytes, the example's JSON text)."""
    formats: dict[str, list[tuple[bytes, str]]] = {"lifecycle.json": [], "graphml": [], "drawio": []}
    for example in SOURCES:
        text = example.read_text(encoding="utf-8")
        formats["lifecycle.json"].append((example.read_bytes(), text))
        for ext in ("graphml", "drawio"):
            out = tmp_path / f"source.{ext}"
            assert main(["export", str(example), "--to", str(out)]) == 0
            formats[ext].append((out.read_bytes(), text))
    return formats


def _damaged(rng: random.Random, ext: str, raw: bytes, source_json: str) -> bytes:
    roll = rng.random()
    if ext == "lifecycle.json" and roll < 0.4:
        return _json_mutation(rng, source_json).encode("utf-8", "surrogatepass")
    if ext == "lifecycle.json" and roll < 0.7:
        return _benign_mutation(rng, source_json).encode("utf-8", "surrogatepass")
    if ext == "graphml" and roll < 0.6:
        return _graphml_mutation(rng, raw.decode("utf-8"), source_json).encode("utf-8", "surrogatepass")
    return _byte_mutation(rng, raw)


@pytest.mark.parametrize("ext", ["lifecycle.json", "graphml", "drawio"])
def test_damaged_documents_are_checked_or_refused_by_name(tmp_path, capsys, ext):
    sources = _sources(tmp_path)[ext]
    ws = tmp_path / "w.lcstudio"
    assert main(["new", str(ws)]) == 0
    rng = random.Random(f"{SEED}-{ext}")
    outcomes = {"accepted": 0, "refused": 0}
    for case in range(CASES):
        raw, source_json = rng.choice(sources)
        damaged = _damaged(rng, ext, raw, source_json)
        doc = tmp_path / f"case.{ext}"
        doc.write_bytes(damaged)
        replay = f"(LCS_FUZZ_SEED={SEED}, {ext} case {case}; the file is {doc})"
        capsys.readouterr()

        code = main(["check", str(doc)])
        out, err = capsys.readouterr()
        assert "unexpected error" not in err, f"{err} {replay}"
        assert code in (0, 1, 2), replay
        if code == 2:
            assert err.startswith(f"lifecycle-studio check: {doc}: "), f"{err!r} {replay}"
        else:
            assert out.startswith(f"{doc}: "), f"{out!r} {replay}"
        # every line of the text output and of a refusal is plain text, whatever the file held
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", out + err), f"{(out + err)!r} {replay}"

        before = hashlib.sha256(ws.read_bytes()).digest()
        imported = main(["import", str(doc), "--into", str(ws), "--replace"])
        _out, import_err = capsys.readouterr()
        assert "unexpected error" not in import_err, f"{import_err} {replay}"
        assert imported == (0 if code in (0, 1) else 2), f"check said {code}, import {imported}: {import_err} {replay}"
        if imported == 2:
            assert import_err.startswith(f"lifecycle-studio import: {doc}: "), f"{import_err!r} {replay}"
            assert hashlib.sha256(ws.read_bytes()).digest() == before, f"a refused import wrote {replay}"
        assert doc.read_bytes() == damaged, f"the file was changed {replay}"
        outcomes["accepted" if code != 2 else "refused"] += 1
    # the loop is only worth its minute when it exercises both sides
    assert outcomes["refused"] > CASES // 10 and outcomes["accepted"] > 0, outcomes
