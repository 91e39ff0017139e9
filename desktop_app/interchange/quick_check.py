"""A fast yes/no answer to "does this document satisfy the JSON Schema?".

jsonschema takes seconds on a 5,000-stage document (it re-resolves every ``$ref`` for each
stage). Nearly every document read is valid, so the schema is compiled here into plain Python
closures that answer in a few milliseconds; only a document they say no to goes through
jsonschema, for its errors. The compiler knows exactly the keywords the shipped schema uses and
refuses any other, so a keyword added to the schema cannot be silently skipped; a test checks
that both agree on valid and broken documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

Check = Callable[[Any], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "default"})


@lru_cache(maxsize=None)
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) pattern as Python runs it, searched (not anchored) as specified."""
    # In ECMA-262 "$" matches only at the very end; Python's "$" also matches before a final
    # newline, which would let "train\n" pass as an id.
    if pattern.endswith("$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    # As jsonschema (and the spec) has it: 3.0 is an integer.
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or float(v).is_integer()),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
}


def _same(a: Any, b: Any) -> bool:
    # JSON true is not 1 (jsonschema's "equal" agrees).
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def compile_schema(schema: dict[str, Any]) -> Check:
    """A predicate equivalent to validating against ``schema`` (local ``$ref`` only)."""
    defs = schema.get("$defs", {})
    compiled: dict[str, Check] = {}

    def ref(target: str) -> Check:
        prefix = "#/$defs/"
        if not target.startswith(prefix) or target[len(prefix):] not in defs:
            raise ValueError(f"unsupported $ref {target!r}")
        name = target[len(prefix):]

        def check(value: Any) -> bool:
            return compiled[name](value)

        return check

    def build(node: dict[str, Any]) -> Check:
        checks: list[Check] = []
        for keyword, arg in node.items():
            if keyword in _ANNOTATIONS or keyword in ("properties", "additionalProperties", "required", "items"):
                continue
            checks.append(keyword_check(keyword, arg))
        if any(k in node for k in ("properties", "additionalProperties", "required")):
            checks.append(object_check(node))
        if "items" in node:
            item = build(node["items"])
            checks.append(lambda v: not isinstance(v, list) or all(item(x) for x in v))

        def check(value: Any) -> bool:
            return all(c(value) for c in checks)

        return check

    def keyword_check(keyword: str, arg: Any) -> Check:
        if keyword == "$ref":
            return ref(arg)
        if keyword == "type":
            tests = [_TYPES[t] for t in ([arg] if isinstance(arg, str) else arg)]
            return lambda v: any(t(v) for t in tests)
        if keyword == "enum":
            return lambda v: any(_same(v, option) for option in arg)
        if keyword == "const":
            return lambda v: _same(v, arg)
        if keyword == "pattern":
            search = compiled_pattern(arg).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if keyword == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= arg
        if keyword == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= arg
        if keyword == "minimum":
            return lambda v: not _is_number(v) or v >= arg
        if keyword == "maximum":
            return lambda v: not _is_number(v) or v <= arg
        raise ValueError(f"the quick check does not know the schema keyword {keyword!r}")

    def object_check(node: dict[str, Any]) -> Check:
        properties = {key: build(sub) for key, sub in node.get("properties", {}).items()}
        required = tuple(node.get("required", ()))
        additional = node.get("additionalProperties", True)
        others: Check | None
        if additional is False:
            others = None
        elif additional is True:
            others = lambda v: True  # noqa: E731
        else:
            others = build(additional)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                known = properties.get(key)
                if known is not None:
                    if not known(item):
                        return False
                elif others is None or not others(item):
                    return False
            return True

        return check

    for name, sub in defs.items():
        compiled[name] = build(sub)
    return build(schema)
