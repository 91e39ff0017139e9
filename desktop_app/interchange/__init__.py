"""The lifecycle document format (FORMAT.md): read, validate, write; the bundled templates and playbook.

Imports only the model (and the standard library and jsonschema), so the command line's
``check`` can use it without Qt.
"""

from __future__ import annotations

from .bundled import BLANK, freshened, load_template, new_from_template, playbook_phases, template_names
from .errors import DocumentError
from .reader import loads_document, parse_document, read_document
from .schema import load_schema
from .writer import document_dict, dumps_document, write_document

__all__ = [
    "BLANK",
    "DocumentError",
    "document_dict",
    "dumps_document",
    "freshened",
    "load_schema",
    "load_template",
    "loads_document",
    "new_from_template",
    "parse_document",
    "playbook_phases",
    "read_document",
    "template_names",
    "write_document",
]
