"""Reading XML from other tools (draw.io, yEd) safely: defusedxml, problems in a user's words.

A file that declares entities (the "billion laughs" bomb among them), a document type or an
external reference is refused at once, before anything is expanded.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from desktop_app.model.text import echoed

from .errors import DocumentError
from .files import FileRefused, read_capped


def read_file(source: str) -> bytes:
    """The bytes of ``source``; DocumentError when it cannot be read: not a regular file (a
    named pipe, a device, a symlink loop), or larger than documents may be (files.py)."""
    try:
        return read_capped(source)
    except FileRefused as exc:
        raise DocumentError(source, [f"file: {exc}"]) from None


def parse_xml(data: bytes, source: str, where: str) -> Element:
    """The root element of ``data``; DocumentError naming ``where`` in ``source`` otherwise."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.EntitiesForbidden:
        problem = "declares XML entities, which are refused (never expanded)"
    except defusedxml.DTDForbidden:
        problem = "declares a document type (DTD), which is refused: no entity in it is expanded"
    except defusedxml.ExternalReferenceForbidden:
        problem = "refers to an external resource, which is refused"
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        problem = f"not well-formed XML (line {line}, column {column + 1})"
    except LookupError as exc:  # <?xml encoding="utd-8"?>: an encoding Python does not know
        problem = f"declares an encoding this app does not know ({echoed(str(exc).rpartition(': ')[2])})"
    except (ValueError, RecursionError) as exc:
        problem = f"not readable XML ({exc})"
    raise DocumentError(source, [f"{where}: {problem}"])
