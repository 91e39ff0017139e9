"""Reading FORMAT.md documents: from a file or from parsed JSON, validated before anything is built."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from desktop_app.model.document import Lifecycle

from .build import build_lifecycle
from .errors import DocumentError
from .files import FileRefused, read_capped
from .validation import JsonObject, document_problems


# "\ud800" to "\udfff" in JSON text: the only way a string read can hold a surrogate (UTF-8
# bytes of one are refused as not UTF-8).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_document(data: object, *, source: str | None = None, _numbers_checked: bool = False) -> Lifecycle:
    """Validate ``data`` (parsed JSON) against FORMAT.md and build the Lifecycle.

    Raises DocumentError listing every problem (``source`` names the file in the message).
    ``data`` itself is never modified, and the Lifecycle shares nothing with it.
    """
    problems = document_problems(data, numbers_checked=_numbers_checked)
    if problems:
        raise DocumentError(source, problems)
    assert isinstance(data, dict)  # document_problems refuses anything else
    return build_lifecycle(data)


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.repeated = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))
    return obj


def load_json(text: str, *, source: str | None = None, where: str = "document") -> tuple[Any, bool]:
    """JSON text as the document reader reads it, for whatever holds a document (a
    ``.lifecycle.json``, the lifecycle inside a GraphML file): repeated keys remembered,
    NaN and Infinity kept for validation to refuse, too deep nesting and too long numbers
    refused at once (DocumentError, the problem placed at ``where``).

    Returns the data and whether validation may skip the walk for repeated keys, impossible
    numbers and lone surrogates (none can be there)."""
    odd: list[str] = []

    def constant(name: str) -> float:
        odd.append(name)  # NaN, Infinity, -Infinity: refused by validation
        return float(name)

    def obj(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # plain dicts: a third cheaper to make than JsonObjects, and to read afterwards
        made = dict(pairs)
        if len(made) != len(pairs):
            odd.append("repeated key")
        return made

    try:
        data = json.loads(text, object_pairs_hook=obj, parse_constant=constant)
        if "repeated key" in odd:
            # rare: read again, each object remembering its repeated keys for the messages
            data = json.loads(text, object_pairs_hook=_object, parse_constant=float)
    except json.JSONDecodeError as exc:
        raise DocumentError(source, [f"{where}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) from None
    except RecursionError:
        raise DocumentError(source, [f"{where}: not valid JSON: nested too deeply"]) from None
    except ValueError:
        # json's only other ValueError: an integer of more digits than Python will convert.
        raise DocumentError(source, [f"{where}: not valid JSON: a number has too many digits"]) from None
    if _SURROGATE_ESCAPE.search(text):
        odd.append("surrogate")  # maybe a lone one, which the walk refuses by its path
    return data, not odd


def loads_document(text: str, *, source: str | None = None) -> Lifecycle:
    """Parse JSON text and then the document in it (see parse_document)."""
    data, plain = load_json(text, source=source)
    # the walk for repeated keys, impossible numbers and lone surrogates runs only when it may
    # find something
    return parse_document(data, source=source, _numbers_checked=plain)


def read_document(path: str | os.PathLike[str]) -> Lifecycle:
    """Read a ``.lifecycle.json`` file. The file is only read, never touched.

    DocumentError names the file and says what is wrong: it cannot be read, it is not JSON
    (with line and column), or every way the document breaks FORMAT.md.
    """
    source = os.fspath(path)
    try:
        raw = read_capped(source)
    except FileRefused as exc:
        raise DocumentError(source, [f"file: {exc}"]) from None
    try:
        # utf-8-sig: a byte-order mark (left by some Windows editors) is not a mistake worth refusing.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(source, [f"file: not UTF-8 text (bad byte at offset {exc.start})"]) from None
    return loads_document(text, source=source)
