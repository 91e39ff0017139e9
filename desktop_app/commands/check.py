"""``lifecycle-studio check FILE...``: the rule catalogue on workspaces and lifecycle documents.

Exit status (CHECKS.md): 0 when no unsuppressed finding is at or above ``--fail-on``, 1 when one
is, 2 when an input cannot be read or is refused (every problem goes to stderr, naming the file;
the other files are still checked and printed).

Imports stay light: the checks and the interchange load when the command runs, and the store
(SQLAlchemy) only when a FILE is a workspace. Nothing here pulls in Qt, matplotlib or pptx.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.checks.formats import Checked
    from desktop_app.model.document import Lifecycle

SQLITE_MAGIC = b"SQLite format 3\x00"


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="a workspace (.lcstudio, or a server address "
                             "postgresql+psycopg://user@host/database), a lifecycle document (.lifecycle.json) or a "
                             "diagram (.drawio, .graphml from the app or yEd)")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                        dest="fail_on",
                        help="exit 1 when an unsuppressed finding is at or above this severity "
                             "(default: error)")
    parser.add_argument("--select", type=_codes, action="append", default=[], metavar="CODES",
                        help="run only these rules, by code or prefix, comma-separated "
                             "(e.g. LC2,LC301)")
    parser.add_argument("--ignore", type=_codes, action="append", default=[], metavar="CODES",
                        help="do not run these rules, by code or prefix, comma-separated")
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help="the date overdue items are judged against (default: today)")
    parser.add_argument("--lifecycle", metavar="NAME",
                        help="check only the lifecycle of this name (default: every lifecycle "
                             "of a workspace)")
    parser.add_argument("--page", metavar="NAME",
                        help="the page of a draw.io file to check (default: the first)")


class _InputError(Exception):
    """One FILE that cannot be used; the message names it (``detail``: for --verbose)."""

    detail = ""


def _is_workspace(path: Path) -> bool:
    """SQLite inside, or the workspace ending. The store (even its light part) is imported
    only for a file that is neither SQLite nor named like a document: checking a document
    does not pay for it."""
    if _starts_like_sqlite(path):
        return True
    from desktop_app.interchange.lifecycle_files import is_lifecycle_file

    if is_lifecycle_file(path):
        return False
    from desktop_app.store import WORKSPACE_SUFFIX  # the store's light part: no SQLAlchemy

    return path.suffix == WORKSPACE_SUFFIX


def _starts_like_sqlite(path: Path) -> bool:
    try:
        # O_NONBLOCK: a named pipe put here since the look in run() must not hold the command
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
    finally:
        os.close(fd)


def _looks_like_address(text: str) -> bool:
    """Whether FILE may be a server address, decided without importing the store (checking a
    document must not pay for it): the store's ``parse_location`` then has the last word."""
    return "://" in text or text.lower().startswith("postgresql")


def _server_location(text: str):
    """FILE as a server address, or an _InputError (another kind of address, a password in it)."""
    from desktop_app.store import WorkspaceError
    from desktop_app.store.location import parse_location

    try:
        return parse_location(text)
    except WorkspaceError as exc:
        raise _InputError(str(exc)) from None


def _read_workspace(path, name: str | None) -> list[tuple[str, Lifecycle]]:
    """The lifecycles of a workspace file (a Path) or a server workspace (a ServerLocation);
    psycopg is imported by the store only for the latter."""
    from desktop_app.store import Workspace, WorkspaceError

    try:
        # check only reads: nothing is written to the file or beside it
        with Workspace.open_for_reading(path) as ws:
            infos = ws.lifecycles()
            if name is not None:
                chosen = [i for i in infos if i.name == name]
                if not chosen:
                    have = ", ".join(repr(i.name) for i in infos) or "none"
                    raise _InputError(f"{ws.location_text}: no lifecycle named {name!r} (it holds: {have})")
                infos = chosen
            return [(info.name, ws.load(info.id)) for info in infos]
    except WorkspaceError as exc:
        error = _InputError(str(exc))
        error.detail = exc.detail
        raise error from None


def _read_document(path: Path, name: str | None, page: str | None = None) -> Lifecycle:
    """A lifecycle document or a diagram; how a diagram was read goes to stderr."""
    from desktop_app.interchange import DocumentError
    from desktop_app.interchange.lifecycle_files import read_lifecycle_file, summary_lines

    try:
        imported = read_lifecycle_file(path, page=page)
    except DocumentError as exc:
        raise _InputError(str(exc)) from None
    except OSError as exc:
        raise _InputError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    for line in summary_lines(str(path), imported):
        print(line, file=sys.stderr)
    lc = imported.lifecycle
    if name is not None and lc.name != name:
        raise _InputError(f"{path}: no lifecycle named {name!r} (it holds {lc.name!r})")
    return lc


def run(args: argparse.Namespace) -> int:
    from desktop_app.checks.engine import no_collection_pauses

    # the command lives a fraction of a second and builds, reads and prints big trees of
    # objects without cycles: the cycle collector would only walk them again and again
    with no_collection_pauses():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from desktop_app.checks import check_lifecycle, unknown_selectors
    from desktop_app.checks.formats import FORMATTERS, Checked
    from desktop_app.checks.result import SEVERITY_ORDER
    from desktop_app.interchange.files import file_problem
    from desktop_app.cli import CommandError
    from desktop_app.interchange.lifecycle_files import DRAWIO_SUFFIXES

    select = [c for group in args.select for c in group]
    ignore = [c for group in args.ignore for c in group]
    bad = unknown_selectors([*select, *ignore])
    if bad:
        raise CommandError(f"unknown rule code or prefix: {', '.join(bad)} "
                           "(codes are LC000 to LC404 and LC901, e.g. --select LC2,LC301)")
    today = args.today or datetime.date.today()

    checked: list[Checked] = []
    failed = False
    for file in args.files:
        path = Path(file)
        shown = file   # how the output names it: a server address as the store shows it
        try:
            location = _server_location(file) if _looks_like_address(file) else path
            if not isinstance(location, Path):
                shown = str(location)
                docs = [(f"{shown} ({name})", lc) for name, lc in
                        _read_workspace(location, args.lifecycle)]
            else:
                # looked at before anything opens it: a named pipe or a device would hang the
                # command or never end; a symlink loop is named as one
                problem = file_problem(path, noun="a workspace or lifecycle document")
                if problem is not None:
                    raise _InputError(f"{file}: {problem}")
                if _is_workspace(path):
                    docs = [(f"{file} ({name})", lc) for name, lc in
                            _read_workspace(path, args.lifecycle)]
                else:
                    # --page picks the page of each draw.io file; other files have none
                    page = args.page if file.lower().endswith(DRAWIO_SUFFIXES) else None
                    docs = [(file, _read_document(path, args.lifecycle, page))]
        except _InputError as exc:
            print(f"lifecycle-studio check: {exc}", file=sys.stderr)
            if getattr(args, "verbose", False) and exc.detail:
                print(exc.detail, file=sys.stderr)
            failed = True
            continue
        for label, lc in docs:
            result = check_lifecycle(lc, today=today, select=select, ignore=ignore)
            checked.append(Checked(shown, label, result))

    if checked or not failed:  # an empty workspace still prints valid JSON or SARIF
        sys.stdout.write(FORMATTERS[args.format](checked))
        sys.stdout.flush()
    if failed:
        return 2
    threshold = SEVERITY_ORDER[args.fail_on]
    over = any(SEVERITY_ORDER[f.severity] <= threshold
               for c in checked for f in c.result.findings if not f.suppressed)
    return 1 if over else 0
