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
    """A predicate equivalent to validating against ``schema`` (local ``$ref`` only).

    The schema is translated into Python source, one function per object schema and per
    ``$defs`` entry, each test an inline expression; a 5,000-stage document is then checked in
    tens of milliseconds (closures calling closures took ten times longer).
    """
    return _Compiler(schema).compile()


class _Compiler:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {"_is_number": _is_number, "_same": _same, "_BIG": 2**1000}
        self.counter = 0

    def _name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def _const(self, value: Any, prefix: str = "C") -> str:
        name = self._name(prefix)
        self.constants[name] = value
        return name

    def compile(self) -> Check:
        def_names = {name: f"D_{i}" for i, name in enumerate(self.defs)}
        self.def_names = def_names
        for name, sub in self.defs.items():
            self._function(def_names[name], sub)
        root = self._function("ROOT", self.schema)
        namespace = dict(self.constants)
        exec(compile("\n".join(self.lines), "<schema quick check>", "exec"), namespace)  # noqa: S102
        return namespace[root]

    def _function(self, name: str, node: dict[str, Any]) -> str:
        """Emit ``def name(v)`` for ``node``; returns the name."""
        body: list[str] = []
        for keyword, arg in node.items():
            if keyword in _ANNOTATIONS or keyword in ("properties", "additionalProperties", "required", "items"):
                continue
            body.append(f"    if not ({self._expr(keyword, arg, 'v')}): return False")
        if any(k in node for k in ("properties", "additionalProperties", "required")):
            body += self._object_lines(node)
        if "items" in node:
            item = self._function(self._name("I"), node["items"])
            body.append("    if isinstance(v, list):")
            body.append("        for x in v:")
            body.append(f"            if not {item}(x): return False")
        self.lines.append(f"def {name}(v):")
        self.lines += body or ["    pass"]
        self.lines.append("    return True")
        return name

    def _object_lines(self, node: dict[str, Any]) -> list[str]:
        properties: dict[str, Any] = node.get("properties", {})
        required = tuple(node.get("required", ()))
        additional = node.get("additionalProperties", True)
        lines = ["    if isinstance(v, dict):"]
        if required:
            lines.append(f"        if not {self._const(frozenset(required), 'R')} <= v.keys(): return False")
        if additional is False:
            lines.append(f"        if not v.keys() <= {self._const(frozenset(properties), 'K')}: return False")
        elif additional is not True:
            extra = self._function(self._name("A"), additional)
            known = self._const(frozenset(properties), "K")
            lines.append("        for k, x in v.items():")
            lines.append(f"            if k not in {known} and not {extra}(x): return False")
        for key, sub in properties.items():
            tests = self._inline_tests(sub)
            if tests is None:
                tests = [f"{self._function(self._name('P'), sub)}(x)"]
            if not tests:
                continue
            lines.append(f"        x = v.get({key!r}, _MISSING)")
            lines.append(f"        if x is not _MISSING and not ({' and '.join(tests)}): return False")
        self.constants["_MISSING"] = _MISSING
        return lines

    def _inline_tests(self, node: dict[str, Any], v: str = "x") -> list[str] | None:
        """Expressions on ``v`` for a schema without nested objects; None when it has some."""
        if any(k in node for k in ("properties", "additionalProperties", "required", "items")):
            return None
        tests = [(k, a) for k, a in node.items() if k not in _ANNOTATIONS]
        if "type" in node:
            # the type test first; the tests after it (joined by "and") then know what passed
            # it: a string where the type is "string"; for any type list, no subclass of int
            # or float but bool (the type test asks type() exactly), so "is it a number" is
            # two identity tests rather than a call
            tests.sort(key=lambda t: t[0] != "type")
            return [self._expr(k, a, v, known_str=k != "type" and node["type"] == "string",
                               typed=k != "type") for k, a in tests]
        return [self._expr(k, a, v) for k, a in tests]

    def _expr(self, keyword: str, arg: Any, v: str, known_str: bool = False,
              typed: bool = False) -> str:
        """A test of ``keyword: arg`` on ``v``; ``known_str``: ``v`` is a string, ``typed``: it
        passed a type test (an earlier test in the same conjunction said so)."""
        number = f"(type({v}) is int or type({v}) is float)" if typed else f"_is_number({v})"
        if keyword == "$ref":
            prefix = "#/$defs/"
            if not arg.startswith(prefix) or arg[len(prefix):] not in self.defs:
                raise ValueError(f"unsupported $ref {arg!r}")
            target = self.defs[arg[len(prefix):]]
            if isinstance(target, dict) and "$ref" not in target:
                # a definition without nested objects (an id, a date) is tested in place: a
                # call per id of 5,000 stages and 10,000 edges cost more than the tests
                inline = self._inline_tests(target, v)
                if inline:
                    return "(" + " and ".join(inline) + ")"
            return f"{self.def_names[arg[len(prefix):]]}({v})"
        if keyword == "type":
            return "(" + " or ".join(self._type(t, v) for t in ([arg] if isinstance(arg, str) else arg)) + ")"
        if keyword in ("enum", "const"):
            options = arg if keyword == "enum" else [arg]
            if all(isinstance(o, str) for o in options):
                if known_str:
                    return f"{v} in {self._const(frozenset(options), 'E')}"
                return f"(type({v}) is str and {v} in {self._const(frozenset(options), 'E')})"
            return f"any(_same({v}, o) for o in {self._const(tuple(options), 'E')})"
        guard = "" if known_str else f"type({v}) is not str or "
        if keyword == "pattern":
            return f"({guard}{self._const(compiled_pattern(arg).search, 'S')}({v}) is not None)"
        if keyword == "minLength":
            return f"({guard}len({v}) >= {int(arg)})"
        if keyword == "maxLength":
            return f"({guard}len({v}) <= {int(arg)})"
        if keyword == "minimum":
            return f"(not {number} or {v} >= {self._const(arg)})"
        if keyword == "maximum":
            return f"(not {number} or {v} <= {self._const(arg)})"
        raise ValueError(f"the quick check does not know the schema keyword {keyword!r}")

    @staticmethod
    def _type(name: str, v: str) -> str:
        # Numbers must also be ones a float holds (finite, under 2**1000): stricter than JSON
        # Schema, so NaN, Infinity and 1e400 send a document down the slow path, where the
        # walk in validation.py names them.
        return {
            "string": f"type({v}) is str",
            "number": f"(type({v}) is int and -_BIG < {v} < _BIG or type({v}) is float and {v} - {v} == 0.0)",
            # as jsonschema (and the spec) has it: 3.0 is an integer
            "integer": f"(type({v}) is int and -_BIG < {v} < _BIG or (type({v}) is float and {v} - {v} == 0.0 and {v}.is_integer()))",
            "object": f"isinstance({v}, dict)",
            "array": f"isinstance({v}, list)",
            "null": f"{v} is None",
            "boolean": f"type({v}) is bool",
        }[name]


_MISSING = object()
