"""`new`, `import`, `export` and `list`: moving lifecycles in and out of a workspace file."""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from desktop_app.cli import CommandError
from desktop_app.store.location import EXAMPLE_ADDRESS  # light: no SQLAlchemy, no driver

WORKSPACE_HELP = f"the workspace: a .lcstudio file, or a PostgreSQL database ({EXAMPLE_ADDRESS})"
# where `new` and `copy` write: nothing may be there yet
NEW_WORKSPACE_HELP = f"a new .lcstudio file, or an empty PostgreSQL database ({EXAMPLE_ADDRESS})"


def location_or_fail(text: str):
    """Every workspace argument goes through here: a file path, or a PostgreSQL address
    (``postgresql+psycopg://user@host/database``) parsed by the store's ``parse_location``.
    An address of another kind, or one with a password in it, is a one-line refusal."""
    from desktop_app.store import WorkspaceError
    from desktop_app.store.location import parse_location

    try:
        return parse_location(text)
    except WorkspaceError as exc:
        raise CommandError.from_error(exc) from None


def workspace_text(text: str) -> str:
    """How messages name the workspace the user gave: the path as typed, or the address as the
    store shows it (normalised, never a password)."""
    from desktop_app.store.location import location_text

    return location_text(location_or_fail(text))


@contextmanager
def open_workspace(path: str, *, read_only: bool = False) -> Iterator["Workspace"]:  # noqa: F821 - imported lazily
    """The workspace at ``path`` (a file or a server address), with any refusal turned into a
    command error. ``read_only`` (the commands that only read): nothing is written to the file
    or beside it, not even the upgrade of an older one (Workspace.open_for_reading)."""
    from desktop_app.store import Workspace, WorkspaceError

    location = location_or_fail(path)
    # a named pipe, a device or a symlink loop is refused by the store before anything opens
    # it (inspection.usable_file)
    try:
        ws = Workspace.open_for_reading(location) if read_only else Workspace.open(location)
    except WorkspaceError as exc:
        raise CommandError.from_error(exc) from None
    try:
        yield ws
    except WorkspaceError as exc:
        raise CommandError.from_error(exc) from None
    finally:
        ws.close()


def lifecycle_id_of(ws, name: str | None) -> int:
    """The lifecycle named ``name``, or the only one when no name is given."""
    infos = ws.lifecycles()
    if name is None:
        if len(infos) == 1:
            return infos[0].id
        names = ", ".join(repr(i.name) for i in infos) or "none"
        raise CommandError(f"{ws.location_text}: name a lifecycle with --lifecycle (it holds {names})")
    for info in infos:
        if info.name == name:
            return info.id
    names = ", ".join(repr(i.name) for i in infos) or "none"
    raise CommandError(f"{ws.location_text}: no lifecycle named {name!r} (it holds {names})")


def read_document_or_fail(path: str):
    from desktop_app.interchange import DocumentError, read_document

    try:
        return read_document(path)
    except DocumentError as exc:
        raise CommandError.from_error(exc) from None


def seeded_from_template(name: str):
    """A template's lifecycle as a plan starting today: items todo, dates moved to today
    (``new_from_template``); one without phases gets the playbook's four phases."""
    from datetime import date

    from desktop_app.interchange import new_from_template

    return new_from_template(name, date.today())


# ---- new -------------------------------------------------------------------------------------
def configure_new(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", metavar="WORKSPACE",
                        help=f"the workspace to create: {NEW_WORKSPACE_HELP}")
    parser.add_argument("--template", metavar="NAME",
                        help="start with this bundled lifecycle (assembly-line, feedback-loop, hybrid, "
                             "regulatory-classifier, content-personalization)")


def run_new(args: argparse.Namespace) -> int:
    from desktop_app.interchange import template_names
    from desktop_app.store import Workspace, WorkspaceError

    if args.template is not None and args.template not in template_names():
        raise CommandError(
            f"no template named {args.template!r}; choose one of {', '.join(template_names())}"
        )
    location = location_or_fail(args.workspace)
    try:
        with Workspace.create(location) as ws:
            if args.template:
                ws.create_lifecycle(seeded_from_template(args.template))
    except WorkspaceError as exc:
        raise CommandError.from_error(exc) from None
    what = f" with the {args.template} lifecycle" if args.template else ""
    print(f"Created {workspace_text(args.workspace)}{what}")
    return 0


# ---- import ----------------------------------------------------------------------------------
def read_any_document(path: str, page: str | None = None, summary: list[str] | None = None):
    """A lifecycle from a ``.lifecycle.json`` document, a draw.io diagram or a GraphML file.

    How a diagram was read (guessed kinds, feedback edges, dropped items) is appended to
    ``summary`` when one is given."""
    from desktop_app.interchange import DocumentError
    from desktop_app.interchange.lifecycle_files import read_lifecycle_file, summary_lines

    try:
        imported = read_lifecycle_file(path, page=page)
    except DocumentError as exc:
        raise CommandError(str(exc)) from None
    if summary is not None:
        summary += summary_lines(path, imported)
    return imported.lifecycle


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE",
                        help="a lifecycle document (.lifecycle.json) or a diagram (.drawio, .graphml)")
    parser.add_argument("--page", metavar="NAME", help="the page of a draw.io file (default: the first)")
    parser.add_argument("--into", metavar="WORKSPACE", required=True,
                        help="the workspace to add it to: a .lcstudio file or a server address")
    parser.add_argument("--replace", action="store_true",
                        help="replace the lifecycle of the same name (one recorded operation)")


def run_import(args: argparse.Namespace) -> int:
    summary: list[str] = []
    doc = read_any_document(args.file, args.page, summary)
    with open_workspace(args.into) as ws:
        existing = {i.name: i.id for i in ws.lifecycles()}
        if doc.name in existing:
            if not args.replace:
                raise CommandError(
                    f"{ws.location_text}: a lifecycle named {doc.name!r} already exists; "
                    "use --replace to update it from the document"
                )
            ws.replace_lifecycle(existing[doc.name], doc)
            print(f"Replaced {doc.name!r} in {ws.location_text}: {len(doc.stages)} stages, {len(doc.edges)} edges")
        else:
            ws.create_lifecycle(doc)
            print(f"Imported {doc.name!r} into {ws.location_text}: {len(doc.stages)} stages, {len(doc.edges)} edges")
    for line in summary:
        print(line)
    return 0


# ---- export ----------------------------------------------------------------------------------
def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE",
                        help="a workspace (a .lcstudio file or a server address), or a lifecycle document")
    parser.add_argument("--lifecycle", metavar="NAME", help="which lifecycle (needed when a workspace holds several)")
    parser.add_argument("--page", metavar="NAME", help="the page of a draw.io file (default: the first)")
    parser.add_argument("--to", metavar="OUT", required=True,
                        help="the file to write; its ending picks the format: .png .svg .pdf .pptx "
                             ".mmd .dot .graphml .drawio .lifecycle.json")
    parser.add_argument("--salvage", action="store_true",
                        help="FILE is a damaged workspace: copy out what can still be read (never "
                             "writes to it) and list what was left out")


def load_lifecycle(path: str, name: str | None, page: str | None = None):
    """The lifecycle to work on, from a document or diagram, or (by name) from a workspace."""
    from desktop_app.interchange.lifecycle_files import is_lifecycle_file
    from desktop_app.store.location import is_server_address

    if not is_server_address(path) and is_lifecycle_file(path):
        doc = read_any_document(path, page)
        if name is not None and name != doc.name:
            raise CommandError(f"{path}: holds the lifecycle {doc.name!r}, not {name!r}")
        return doc
    with open_workspace(path, read_only=True) as ws:
        return ws.load(lifecycle_id_of(ws, name))


def _salvaged(path: str, name: str | None):
    """What can still be read of a damaged workspace; what was left out goes to stderr."""
    import sys

    from desktop_app.store import WorkspaceError
    from desktop_app.store.location import is_server_address
    from desktop_app.store.salvage import salvage

    if is_server_address(path):
        raise CommandError(f"{workspace_text(path)}: --salvage reads what is left of a damaged "
                           "workspace file; a server workspace is not a file (export without it)")
    try:
        result = salvage(path, name)
    except WorkspaceError as exc:
        raise CommandError.from_error(exc) from None
    for line in result.left_out:
        print(f"lifecycle-studio export: {path}: left out: {line}", file=sys.stderr)
    return result.lifecycle


def run_export(args: argparse.Namespace) -> int:
    from desktop_app.export.files import EXPORT_SUFFIXES, write_export

    out = Path(args.to)
    if not out.name.lower().endswith(EXPORT_SUFFIXES):
        raise CommandError(f"{out}: cannot write this kind of file; use one of {', '.join(EXPORT_SUFFIXES)}")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")
    if args.salvage:
        doc = _salvaged(args.file, args.lifecycle)
    else:
        doc = load_lifecycle(args.file, args.lifecycle, getattr(args, "page", None))
    notes: list[str] = []   # e.g. a PNG's scale lowered to fit its size cap
    try:
        write_export(doc, out, notes=notes)
    except OSError as exc:
        raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    print(f"Wrote {doc.name!r} to {out}")
    for note in notes:
        print(f"{out}: {note}")
    return 0


# ---- list ------------------------------------------------------------------------------------
def configure_list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", metavar="WORKSPACE", help=WORKSPACE_HELP)


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace, read_only=True) as ws:
        infos = ws.lifecycles()
        where = ws.location_text
    if not infos:
        print(f"{where}: no lifecycles")
    from desktop_app.model.text import printable

    # names from someone else's workspace: shown, never acting on the terminal
    names = [printable(i.name) for i in infos]
    width = max((len(n) for n in names), default=0)
    for name, info in zip(names, infos):
        stages = f"{info.stage_count} stage" + ("" if info.stage_count == 1 else "s")
        edges = f"{info.edge_count} edge" + ("" if info.edge_count == 1 else "s")
        print(f"{name:<{width}}  {info.paradigm:<13}  {stages}, {edges}")
    return 0
