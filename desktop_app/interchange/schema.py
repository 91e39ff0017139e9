"""The structural half of validation: the shipped JSON Schema, with its errors put in words.

jsonschema's own messages ("Additional properties are not allowed ('colour' was unexpected)")
are written for schema authors; a user gets ``stages[0]: unknown key 'colour'`` instead, so each
kind of schema error is translated here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from desktop_app.model.text import clipped, echoed, printable

from .paths import Path
from .quick_check import compile_schema, compiled_pattern

if TYPE_CHECKING:
    # jsonschema and its dependencies take longer to import than a 5,000-stage document takes
    # to check: they load only when the quick check refuses a document (reference_validator)
    from jsonschema import ValidationError

SCHEMA_RESOURCE = "lifecycle.schema.json"

ID_PATTERN = "^[A-Za-z0-9_.-]{1,64}$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NON_BLANK_PATTERN = "\\S"

_PATTERN_WORDS = {
    ID_PATTERN: "is not a valid id (1 to 64 letters, digits, '_', '.' or '-')",
    DATE_PATTERN: "is not a date in the form YYYY-MM-DD",
}

_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "object": "an object",
    "array": "an array",
    "null": "null",
    "boolean": "true or false",
}


def load_schema() -> dict[str, Any]:
    """The JSON Schema shipped in resources/, as a dict (a fresh copy each call)."""
    text = files("desktop_app.resources").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    return json.loads(text)


# jsonschema's own "pattern" runs Python's re as is; this one reads "$" as ECMA-262 does.
def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not compiled_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=1)
def reference_validator() -> Any:
    """jsonschema's validator for the shipped schema: slow, but the reference for messages.
    Imported here, on first use: a valid document never needs it."""
    from jsonschema import Draft202012Validator, validators

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return validators.extend(Draft202012Validator, {"pattern": _pattern})(schema)


@lru_cache(maxsize=1)
def _quick_check() -> Callable[[Any], bool]:
    return compile_schema(load_schema())


def show(value: Any) -> str:
    """A value as a message quotes it: strings in quotes (shortened), the rest as JSON."""
    if isinstance(value, str):
        return echoed(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    try:
        return clipped(json.dumps(value))
    except (TypeError, ValueError):
        return echoed(repr(value))


def _expected(types: str | list[str]) -> str:
    if isinstance(types, str):
        types = [types]
    return " or ".join(_TYPE_WORDS.get(t, t) for t in types)


def _words(error: ValidationError) -> list[str]:
    """The problem(s) one schema error stands for, in a user's words."""
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "type":
        return [f"expected {_expected(value)}, got {show(instance)}"]
    if kind == "enum":
        return [f"{show(instance)} is not one of {', '.join(str(v) for v in value)}"]
    if kind == "const":
        if list(error.absolute_path) == ["version"]:
            return [f"unsupported version {show(instance)}; this app reads version {value}"]
        return [f"expected {show(value)}, got {show(instance)}"]
    if kind == "required":
        return [f"missing required key {echoed(key)}" for key in value if key not in instance]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [f"unknown key {echoed(key)}" for key in instance if key not in known]
    if kind == "pattern":
        if value == NON_BLANK_PATTERN:
            return ["must not be blank"]
        return [f"{show(instance)} {_PATTERN_WORDS.get(value, f'does not match {value}')}"]
    if kind == "minLength":
        return ["must not be empty" if value == 1 else f"must be at least {value} characters long"]
    if kind == "maxLength":
        return [f"is {len(instance)} characters long; at most {value} are allowed"]
    if kind == "minimum":
        return [f"must be at least {value}, got {show(instance)}"]
    if kind == "maximum":
        return [f"must be at most {value}, got {show(instance)}"]
    return [clipped(printable(error.message), 200)]


def _left_to_the_catalogue(error: ValidationError, path: Path) -> bool:
    """Unknown rule codes and parameters: the schema lists them too (for other tools), but
    validation.py reports them from the rule catalogue, which can say what a rule does take."""
    if error.validator == "additionalProperties" and path[:1] == ("rules",) and len(path) <= 2:
        return True
    return error.validator == "enum" and len(path) == 3 and path[0] == "suppressions" and path[2] == "rule"


def quick_valid(document: Any) -> bool:
    """True when ``document`` satisfies the schema, with every number one a float can hold."""
    return _quick_check()(document)


def schema_problems(document: Any, quick_ok: bool | None = None) -> list[tuple[Path, str]]:
    """Every way ``document`` breaks the JSON Schema, as (path, message) pairs."""
    if quick_ok if quick_ok is not None else quick_valid(document):
        return []
    found: list[tuple[Path, str, str]] = []
    for error in reference_validator().iter_errors(document):
        path: Path = tuple(error.absolute_path)
        if _left_to_the_catalogue(error, path):
            continue
        for message in _words(error):
            found.append((path, str(error.validator), message))
    # A value of the wrong type fails its enum, pattern or const too; one message is enough.
    mistyped = {path for path, kind, _ in found if kind == "type"}
    # dict.fromkeys: drop repeats (one "required" error per missing key), keep the order.
    return list(dict.fromkeys(
        (path, message) for path, kind, message in found if kind == "type" or path not in mistyped
    ))
