"""Any file a lifecycle can be read from, by what it is: a FORMAT.md document (``.lifecycle.json``),
a draw.io diagram (``.drawio``, or an ``.xml`` holding an ``mxfile``) or GraphML (the app's own or
yEd's). The command line's ``check``, ``import`` and ``export`` and the app's File > Open all read
through ``read_lifecycle_file``, so each accepts what the others accept.

Light on purpose: the draw.io and GraphML readers load only for their files (``check`` stays fast).
"""

from __future__ import annotations

import os

from .drawing import Imported
from .errors import DocumentError

DRAWIO_SUFFIXES = (".drawio", ".xml", ".drawio.svg", ".drawio.png")
GRAPHML_SUFFIXES = (".graphml",)
# every ending a lifecycle is read from, for file dialogs and help texts
READABLE_SUFFIXES = (".lifecycle.json", ".json", *DRAWIO_SUFFIXES, *GRAPHML_SUFFIXES)


def is_diagram(path: str | os.PathLike[str]) -> bool:
    """Whether the file's ending says another tool's diagram (draw.io, GraphML)."""
    return os.fspath(path).lower().endswith((*DRAWIO_SUFFIXES, *GRAPHML_SUFFIXES))


def is_lifecycle_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file's ending says a lifecycle (rather than a workspace)."""
    return os.fspath(path).lower().endswith(READABLE_SUFFIXES)


def read_lifecycle_file(path: str | os.PathLike[str], page: str | None = None) -> Imported:
    """The lifecycle in ``path`` and the summary of how a diagram was read (empty for a
    ``.lifecycle.json``). DocumentError names the file and lists every problem."""
    source = os.fspath(path)
    lower = source.lower()
    if lower.endswith(".xml") and _holds_graphml(source):
        lower += ".graphml"  # yEd and others also save GraphML as .xml
    elif lower.endswith(DRAWIO_SUFFIXES):
        from .drawio import read_drawio

        return read_drawio(source, page=page)
    if page is not None:
        raise DocumentError(source, [f"--page {page!r}: only a draw.io file has pages"])
    if lower.endswith(GRAPHML_SUFFIXES):
        from .graph_formats import import_graphml

        return import_graphml(source)
    from .reader import read_document

    return Imported(read_document(source), [])


def _holds_graphml(source: str) -> bool:
    """Whether the start of a file names GraphML rather than draw.io (an unreadable file is
    left for the reader to refuse with its message)."""
    from .files import file_problem

    if file_problem(source) is not None:  # a pipe or device is never opened here
        return False
    try:
        with open(source, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"<graphml" in head and b"<mxfile" not in head and b"<mxGraphModel" not in head


def summary_lines(source: str, imported: Imported) -> list[str]:
    """How a diagram was read, for stderr or a dialog: a head line and one line per note."""
    if not imported.summary:
        return []
    lc = imported.lifecycle
    head = (f"{source}: read {len(lc.stages)} stage{'s' * (len(lc.stages) != 1)}, "
            f"{len(lc.edges)} edge{'s' * (len(lc.edges) != 1)} and "
            f"{len(lc.owners)} owner{'s' * (len(lc.owners) != 1)} from the diagram; check these:")
    return [head, *(f"  {line}" for line in imported.summary)]
