"""Values built as the attack built them: a lone surrogate written as a JSON escape, a stage name
that drives the terminal, a megabyte-long reference. Each is refused by its path, or shown as
text that cannot act on the terminal; every message line stays short."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.checks import check_lifecycle
from desktop_app.checks.formats import FORMATTERS, Checked
from desktop_app.cli import main
from desktop_app.interchange import read_document
from tests.examples import EXAMPLES

BROKEN = EXAMPLES / "broken.lifecycle.json"  # stage 6, "Forgotten review", is an orphan (LC105)


def with_stage_name_escape(tmp_path: Path, escape: str) -> Path:
    """broken.lifecycle.json with stage 6's name replaced, in the JSON text, by ``escape``
    (JSON escapes such as \\ud800 as written, not as Python would encode them)."""
    text = BROKEN.read_text(encoding="utf-8")
    assert text.count('"Forgotten review"') == 1
    path = tmp_path / "hostile.lifecycle.json"
    path.write_text(text.replace('"Forgotten review"', f'"{escape}"'), encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- lone surrogates -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_check_refuses_a_lone_surrogate_by_its_path(tmp_path, fmt):
    doc = with_stage_name_escape(tmp_path, "Forgotten \\ud800 review")
    done = subprocess.run([sys.executable, "-m", "desktop_app", "check", str(doc), "--format", fmt],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout
    assert done.stderr.splitlines() == [
        f"lifecycle-studio check: {doc}: refused: 1 problem",
        "  stages[6].name: 'Forgotten \\ud800 review' holds a lone surrogate (\\ud800), which is not Unicode text",
    ]


def test_import_refuses_a_lone_surrogate_and_leaves_the_workspace_as_it_was(tmp_path, capsys):
    doc = with_stage_name_escape(tmp_path, "\\udfff")
    ws = tmp_path / "w.lcstudio"
    assert main(["new", str(ws), "--template", "hybrid"]) == 0
    before = digest(ws)
    capsys.readouterr()
    assert main(["import", str(doc), "--into", str(ws)]) == 2
    err = capsys.readouterr().err
    assert "stages[6].name: '\\udfff' holds a lone surrogate (\\udfff)" in err
    assert "unexpected error" not in err
    assert digest(ws) == before


def test_a_lone_surrogate_in_a_key_is_refused_too(tmp_path, capsys):
    text = BROKEN.read_text(encoding="utf-8").replace("{", '{"\\ud83d": 1, ', 1)
    doc = tmp_path / "key.lifecycle.json"
    doc.write_text(text, encoding="utf-8")
    assert main(["check", str(doc)]) == 2
    assert "key '\\ud83d' holds a lone surrogate (\\ud83d)" in capsys.readouterr().err


def test_an_emoji_written_as_a_surrogate_pair_is_text(tmp_path, capsys):
    doc = with_stage_name_escape(tmp_path, "Review \\ud83d\\ude00")
    assert read_document(doc).stages[6].name == "Review \U0001F600"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_every_output_format_writes_a_finding_naming_a_surrogate(fmt):
    # what the formats get if such a name ever reaches them (a workspace written by another
    # program, say): output that can be written as UTF-8, the name escaped, not a crash
    lc = read_document(BROKEN)
    lc.stages[6].name = "Forgotten \ud800 review"
    out = FORMATTERS[fmt]([Checked("b.lifecycle.json", "b.lifecycle.json", check_lifecycle(lc))])
    out.encode("utf-8")
    assert "Forgotten \\ud800 review" in out


# -- names that drive the terminal -----------------------------------------------------------

# OSC 0 retitles the window, ESC[2J ESC[H clears the screen and homes the cursor, and a line
# break starts a line of the attacker's own.
TERMINAL_ATTACK = "\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[HAll checks passed\\r\\n\\u202eweiver"


def test_check_text_output_cannot_drive_the_terminal(tmp_path):
    doc = with_stage_name_escape(tmp_path, TERMINAL_ATTACK)
    done = subprocess.run([sys.executable, "-m", "desktop_app", "check", str(doc)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    for char in "\x1b\x07\r\u202e":
        assert char not in done.stdout
    lines = done.stdout.splitlines()
    # every line is the file's own: a finding or the counts, none made up by the name
    assert all(line.startswith(f"{doc}: ") for line in lines), lines
    orphan = next(line for line in lines if " LC105 " in line)
    assert 'Stage "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[HAll checks passed' in orphan
    assert "\\u202eweiver" in orphan


# -- echoed values are cut ------------------------------------------------------------------

def test_a_megabyte_reference_gives_a_short_message(tmp_path, capsys):
    data = json.loads(BROKEN.read_text(encoding="utf-8"))
    data["stages"][0]["owner"] = "ds" * 500_000
    data["edges"][0]["target"] = "t" * 1_000_000
    data["rules"] = {"X" * 1_000_000: {}}
    doc = tmp_path / "long.lifecycle.json"
    doc.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"lifecycle-studio check: {doc}: refused: {len(err) - 1} problems"
    assert max(len(line) for line in err) < 300, max(err, key=len)[:300]
    assert f"  edges[0].target: '{'t' * 79}…' names no stage" in err


def test_a_4300_digit_version_is_not_echoed_whole(tmp_path, capsys):
    doc = tmp_path / "v.lifecycle.json"
    doc.write_text('{"format": "lifecycle", "version": ' + "9" * 4300 + ', "name": "v", "stages": [], "edges": []}')
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err
    assert "written by a newer version" in err
    assert max(len(line) for line in err.splitlines()) < 300


def _hostile_workspace(tmp_path: Path) -> Path:
    """A workspace holding broken.lifecycle.json with stage 6 (and the lifecycle) named to drive
    the terminal, snapshotted as "a", then replaced by the lifecycle without that stage."""
    data = json.loads(BROKEN.read_text(encoding="utf-8"))
    attack = "\x1b]0;pwned\x07\x1b[2J\x1b[HAll checks passed\u202eweiver"
    data["stages"][6]["name"] = attack
    first, second = tmp_path / "one.lifecycle.json", tmp_path / "two.lifecycle.json"
    first.write_text(json.dumps(data), encoding="utf-8")
    data["stages"].pop(6)
    second.write_text(json.dumps(data), encoding="utf-8")
    ws = tmp_path / "w.lcstudio"
    assert main(["new", str(ws)]) == 0
    assert main(["import", str(first), "--into", str(ws)]) == 0
    assert main(["snapshot", str(ws), "--lifecycle", data["name"], "--label", "a"]) == 0
    assert main(["import", str(second), "--into", str(ws), "--replace"]) == 0
    return ws


def test_diff_text_output_cannot_drive_the_terminal(tmp_path, capsys):
    ws = _hostile_workspace(tmp_path)
    capsys.readouterr()
    assert main(["diff", str(ws), "--lifecycle", "Broken on purpose", "--since", "a"]) == 0
    out = capsys.readouterr().out
    for char in "\x1b\x07\u202e":
        assert char not in out
    assert 'Stage "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[HAll checks passed\\u202eweiver" has no edge' in out


def test_list_output_cannot_drive_the_terminal(tmp_path, capsys):
    data = json.loads(BROKEN.read_text(encoding="utf-8"))
    data["name"] = "\x1b[2J\x1b[HAll checks passed\r\nreally"
    doc = tmp_path / "named.lifecycle.json"
    doc.write_text(json.dumps(data), encoding="utf-8")
    ws = tmp_path / "w.lcstudio"
    assert main(["new", str(ws)]) == 0
    assert main(["import", str(doc), "--into", str(ws)]) == 0
    capsys.readouterr()
    assert main(["list", str(ws)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("\\x1b[2J\\x1b[HAll checks passed\\r\\nreally  hybrid")


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a byte-named filesystem")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_file_name_that_is_not_utf8_is_printed_escaped(tmp_path, fmt):
    name = b"team\xff.lifecycle.json"  # as a file from an old Windows share arrives
    with open(bytes(tmp_path) + b"/" + name, "wb") as fh:
        fh.write(BROKEN.read_bytes())
    done = subprocess.run([sys.executable.encode(), b"-m", b"desktop_app", b"check", name, b"--format", fmt.encode()],
                          cwd=tmp_path, capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("utf-8")  # the output is UTF-8, the odd byte written as an escape
    if fmt != "text":
        json.loads(out)
    if fmt != "json":  # JSON output of one document names no file
        assert "team\\udcff.lifecycle.json" in out
