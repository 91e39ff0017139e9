"""``check --format json`` writes each finding with its own encoder (formats.finding_json, much
faster on findings naming thousands of stages); it must write exactly what json.dumps writes,
whatever the names, messages and ids hold."""

from __future__ import annotations

import json

import pytest

from desktop_app.checks.formats import finding_json
from desktop_app.checks.result import Finding

HOSTILE = [
    'say "hi"', "back\\slash", "line\nbreak\r\ttab", "\x00\x01\x1b[2J\x1f\x7f", "<script>&$|]",
    "Überwachung ✓ 監視", "lone \ud800 surrogate", "", "x" * 10_000, "\u2028\u2029",
]


def _finding(**changes) -> Finding:
    base = dict(rule="LC208", name="untested-release", severity="error", message="m", hint="h",
                stages=("s1", "s2"), edges=(), items=(), owners=(), phase=None,
                suppressed=False, reason=None, fixable=False)
    base.update(changes)
    return Finding(**base)


@pytest.mark.parametrize("text", HOSTILE)
def test_text_fields_are_written_as_json_dumps_writes_them(text):
    for f in (_finding(message=text), _finding(hint=text), _finding(name=text),
              _finding(suppressed=True, reason=text)):
        assert finding_json(f) == json.dumps(f.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("text", HOSTILE)
def test_ids_are_written_as_json_dumps_writes_them(text):
    for f in (_finding(stages=(text,)), _finding(stages=("a", text, "b")),
              _finding(edges=(text, text)), _finding(items=(text,)), _finding(owners=(text, "o"))):
        assert finding_json(f) == json.dumps(f.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("changes", [
    {}, {"phase": 3}, {"phase": 0}, {"suppressed": True, "reason": "accepted"},
    {"fixable": True}, {"stages": tuple(f"s{i}" for i in range(5000))},
    {"stages": (), "edges": ("e1",), "items": ("p1-0",), "owners": ("team1",)},
    # odd types a finding built in code might hold: json.dumps decides
    {"phase": True}, {"phase": 2.0}, {"suppressed": 1}, {"stages": ["s1", 2]},
])
def test_every_field_and_odd_values_match_json_dumps(changes):
    f = _finding(**changes)
    assert finding_json(f) == json.dumps(f.to_dict(), ensure_ascii=False)
