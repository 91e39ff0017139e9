"""The three ways ``check`` prints results: text (one line per finding), JSON (CHECKS.md's shape)
and SARIF 2.1.0 for code-scanning tools. Each takes a list of (source, result) pairs, where the
source is what a line starts with: the file, or ``FILE (lifecycle name)`` for a workspace."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from json.encoder import encode_basestring as _json_string  # json.dumps's own, ensure_ascii=False
from typing import Any

from desktop_app import __version__
from desktop_app.checks.result import CheckResult, Finding
from desktop_app.model.rules import RULE_TABLE
from desktop_app.model.text import printable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Checked:
    """One lifecycle checked: where it came from and what was found."""

    file: str          # the path as given on the command line
    label: str         # what text lines start with
    result: CheckResult


def _named(f: Finding) -> str:
    parts = [*f.stages, *f.edges, *f.items, *f.owners]
    if f.phase is not None:
        parts.append(f"phase {f.phase}")
    return "[" + ",".join(parts) + "]"


def format_text(checked: list[Checked]) -> str:
    """``FILE: LC203 error deployment-cliff [deploy] message``, then the counts per lifecycle."""
    lines: list[str] = []
    for c in checked:
        for f in c.result.findings:
            line = f"{c.label}: {f.rule} {f.severity} {f.name} {_named(f)} {f.message}"
            if f.suppressed:
                line += f" (suppressed: {' '.join((f.reason or '').split())})"
            lines.append(line)
        n = c.result.counts
        a = c.result.assessment
        latency = ("no feedback latency" if a.feedback_latency_days is None
                   else f"feedback latency {a.feedback_latency_days:g} "
                   f"day{'s' * (a.feedback_latency_days != 1)}")
        automated = ("no loop-closing feedback" if a.automated_feedback is None
                     else f"automated feedback {a.automated_feedback:.0%}")
        lines.append(
            f"{c.label}: {n['error']} error{'s' * (n['error'] != 1)}, "
            f"{n['warning']} warning{'s' * (n['warning'] != 1)}, {n['info']} info, "
            f"{n['suppressed']} suppressed; {a.classification}, loop coverage "
            f"{a.loop_coverage:.0%}, {automated}, {latency}")
    # Names come from other people's files: an ESC sequence in a stage name must not retitle or
    # clear the terminal, nor a line break start a line of its own ("all checks passed").
    return "".join(printable(line) + "\n" for line in lines)


def _escaped_surrogates(text: str) -> str:
    """JSON text that can be written as UTF-8: a lone surrogate (in a file name given on the
    command line, say) becomes its JSON escape, since it can only stand inside a string."""
    # (an ASCII text, the usual case, holds none: isascii answers at memory speed, while the
    # search walked the 1.7 MB a big lifecycle's findings make, character by character)
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\\"]')  # what json.dumps escapes with ensure_ascii=False


def _ids_json(ids: tuple[str, ...]) -> str:
    """``json.dumps(list(ids), ensure_ascii=False)``, joined in one go when no id needs an
    escape (ids are letters, digits, ``_.-`` in any valid document)."""
    if not ids:
        return "[]"
    if _NEEDS_ESCAPE.search(",".join(ids)) is None:
        return '["' + '", "'.join(ids) + '"]'
    return "[" + ", ".join(map(_json_string, ids)) + "]"


def _bool_json(value: object) -> str:
    if type(value) is not bool:
        raise TypeError(value)
    return "true" if value else "false"


def finding_json(f: Finding) -> str:
    """Exactly ``json.dumps(f.to_dict(), ensure_ascii=False)``, several times faster on big
    findings: LC208 on 5,000 stages names over 100,000 stage ids, which json's encoder takes
    one by one. Anything of an unexpected type goes through json.dumps itself."""
    try:
        phase = f.phase
        if phase is not None and type(phase) is not int:
            raise TypeError(phase)
        return "".join((
            '{"rule": ', _json_string(f.rule), ', "name": ', _json_string(f.name),
            ', "severity": ', _json_string(f.severity), ', "message": ', _json_string(f.message),
            ', "hint": ', _json_string(f.hint), ', "stages": ', _ids_json(f.stages),
            ', "edges": ', _ids_json(f.edges), ', "items": ', _ids_json(f.items),
            ', "owners": ', _ids_json(f.owners),
            ', "phase": ', "null" if phase is None else int.__repr__(phase),
            ', "suppressed": ', _bool_json(f.suppressed),
            ', "reason": ', "null" if f.reason is None else _json_string(f.reason),
            ', "fixable": ', _bool_json(f.fixable), "}",
        ))
    except TypeError:
        return json.dumps(f.to_dict(), ensure_ascii=False)


def _json_result(result: CheckResult, indent: str) -> str:
    """The CHECKS.md object, one finding per line. (json.dumps with ``indent`` falls back to the
    pure-Python encoder; dumping each finding on one line keeps the C encoder and stays
    readable and diffable.)"""
    d = replace(result, findings=()).to_dict()  # the findings are written one by one below
    inner = indent + "  "
    findings = f",\n{inner}  ".join(map(finding_json, result.findings))
    lines = [
        "{",
        f'{inner}"version": {json.dumps(d["version"])},',
        f'{inner}"lifecycle": {json.dumps(d["lifecycle"], ensure_ascii=False)},',
        f'{inner}"findings": [\n{inner}  {findings}\n{inner}],' if findings
        else f'{inner}"findings": [],',
        f'{inner}"counts": {json.dumps(d["counts"])},',
        f'{inner}"assessment": {json.dumps(d["assessment"])}',
        indent + "}",
    ]
    return "\n".join(lines)


def format_json(checked: list[Checked]) -> str:
    """One lifecycle: exactly the object of CHECKS.md. Several: a JSON array of such objects,
    in the order the files (and a workspace's lifecycles) were given."""
    if len(checked) == 1:
        return _escaped_surrogates(_json_result(checked[0].result, "") + "\n")
    parts = ",\n  ".join(_json_result(c.result, "  ") for c in checked)
    return _escaped_surrogates(f"[\n  {parts}\n]\n" if parts else "[]\n")


def _fingerprint(lifecycle: str, f: Finding) -> str:
    import hashlib  # SARIF only: OpenSSL's bindings are not needed for text or JSON

    key = json.dumps([lifecycle, f.rule, f.stages, f.edges, f.items, f.owners, f.phase])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def sarif_log(checked: list[Checked]) -> dict[str, Any]:
    codes = list(RULE_TABLE)
    rule_index = {code: k for k, code in enumerate(codes)}
    rules = [{
        "id": code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "defaultConfiguration": {"level": SARIF_LEVEL[info.severity[0]]},
        "properties": {
            "parameters": {p.name: p.default for p in info.params},
            "fixable": info.fixable,
            "severityByParadigm": {"feedback-loop": info.severity[0],
                                   "hybrid": info.severity[0],
                                   "assembly-line": info.severity[1]},
        },
    } for code, info in RULE_TABLE.items()]
    artifacts: dict[str, int] = {}
    results = []
    for c in checked:
        uri = c.file.replace("\\", "/")
        art = artifacts.setdefault(uri, len(artifacts))
        lifecycle = c.result.lifecycle
        for f in c.result.findings:
            logical = [{"name": s, "fullyQualifiedName": f"{lifecycle}/stages/{s}",
                        "kind": "element"} for s in f.stages]
            logical += [{"name": e, "fullyQualifiedName": f"{lifecycle}/edges/{e}",
                         "kind": "element"} for e in f.edges]
            location: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": uri, "index": art}}}
            if logical:
                location["logicalLocations"] = logical
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [location],
                "partialFingerprints": {"lifecycleFinding/v1": _fingerprint(lifecycle, f)},
                "properties": {
                    "lifecycle": lifecycle, "hint": f.hint, "stages": list(f.stages),
                    "edges": list(f.edges), "items": list(f.items), "owners": list(f.owners),
                    "phase": f.phase, "fixable": f.fixable,
                },
            }
            if f.suppressed:
                # the suppression is written in the lifecycle document itself
                result["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                           "justification": f.reason or ""}]
            results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "lifecycle-studio",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def format_sarif(checked: list[Checked]) -> str:
    return _escaped_surrogates(json.dumps(sarif_log(checked), indent=2, ensure_ascii=False) + "\n")


FORMATTERS = {"text": format_text, "json": format_json, "sarif": format_sarif}
