"""``snapshot``, ``diff`` and ``report``: the retrospective half of the command line.

Every refusal (a file that is not a workspace, an unknown lifecycle or label, a report suffix we
cannot write) is a ``CommandError`` naming the file and the problem: exit status 2, no traceback.
matplotlib is imported only by ``report``, when it draws.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

from desktop_app.cli import CommandError


# ---- shared ------------------------------------------------------------------------------------

def _workspace_and_lifecycle(parser: argparse.ArgumentParser) -> None:
    from desktop_app.commands.workspace import WORKSPACE_HELP

    parser.add_argument("workspace", metavar="WORKSPACE", help=WORKSPACE_HELP)
    parser.add_argument("--lifecycle", required=True, metavar="NAME", help="the lifecycle's name")


@contextmanager
def _opened(path: str, name: str, *, read_only: bool) -> Iterator[tuple[object, int]]:
    """The open workspace and the id of lifecycle ``name``, or a CommandError saying why not;
    ``read_only`` for the commands that only read (nothing written to the file or beside it)."""
    from desktop_app.commands.workspace import lifecycle_id_of, open_workspace

    with open_workspace(path, read_only=read_only) as ws:
        yield ws, lifecycle_id_of(ws, name)


def _side(ws, lifecycle_id: int, label: str, path: str):
    from desktop_app.reports.retrospective import snapshot_side

    try:
        return snapshot_side(ws, lifecycle_id, label)
    except KeyError as exc:
        raise CommandError(f"{path}: {exc.args[0]}") from None


# ---- snapshot ----------------------------------------------------------------------------------

def configure_snapshot(parser: argparse.ArgumentParser) -> None:
    _workspace_and_lifecycle(parser)
    parser.add_argument("--label", required=True, help="the snapshot's label, unique in the lifecycle")


def run_snapshot(args: argparse.Namespace) -> int:
    from desktop_app.store import WorkspaceError

    with _opened(args.workspace, args.lifecycle, read_only=False) as (ws, lifecycle_id):
        try:
            ws.take_snapshot(lifecycle_id, args.label)
        except WorkspaceError as exc:
            raise CommandError.from_error(exc) from None
        where = ws.location_text
    print(f"{where}: took snapshot {args.label.strip()!r} of {args.lifecycle!r}")
    return 0


# ---- diff --------------------------------------------------------------------------------------

def configure_diff(parser: argparse.ArgumentParser) -> None:
    _workspace_and_lifecycle(parser)
    parser.add_argument("--since", required=True, metavar="LABEL", help="the earlier snapshot")
    parser.add_argument("--until", metavar="LABEL",
                        help="the later snapshot (default: the lifecycle as it is now)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run_diff(args: argparse.Namespace) -> int:
    from desktop_app.model.text import printable
    from desktop_app.reports.diff import format_text
    from desktop_app.reports.retrospective import compare_sides, now_side

    with _opened(args.workspace, args.lifecycle, read_only=True) as (ws, lifecycle_id):
        since = _side(ws, lifecycle_id, args.since, ws.location_text)
        until = (_side(ws, lifecycle_id, args.until, ws.location_text) if args.until is not None
                 else now_side(ws, lifecycle_id, date.today()))
        comparison = compare_sides(since, until)
    if args.format == "json":
        json.dump(comparison.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        title = (f"{args.lifecycle}: since {since.label!r} ({since.day.isoformat()}) until "
                 + (f"{until.label!r} ({until.day.isoformat()})" if until.snapshot_id is not None else "now"))
        text = format_text(comparison, title)
        # names and findings from the workspace: shown, never acting on the terminal
        sys.stdout.write("\n".join(printable(line) for line in text.split("\n")))
    return 0


# ---- report ------------------------------------------------------------------------------------

def configure_report(parser: argparse.ArgumentParser) -> None:
    _workspace_and_lifecycle(parser)
    parser.add_argument("--to", required=True, metavar="OUT",
                        help="the report to write: .md (images beside it in OUT_files/), "
                             ".html (one self-contained file), .pdf, or .pptx (a slide deck)")
    parser.add_argument("--since", metavar="LABEL", help="compare from this snapshot")
    parser.add_argument("--until", metavar="LABEL",
                        help="compare up to this snapshot (default: now; needs --since)")


def run_report(args: argparse.Namespace) -> int:
    from desktop_app.export.files import REPORT_SUFFIXES

    out = Path(args.to)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise CommandError(f"{out}: a report is written as {', '.join(REPORT_SUFFIXES)}; "
                           f"{out.suffix or 'no suffix'} is not one of them")
    if args.until is not None and args.since is None:
        raise CommandError(f"{args.workspace}: --until {args.until!r} needs --since LABEL")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {str(out.parent)!r} does not exist")

    from desktop_app.export.files import write_retrospective
    from desktop_app.reports.retrospective import gather_report

    with _opened(args.workspace, args.lifecycle, read_only=True) as (ws, lifecycle_id):
        try:
            data = gather_report(ws, lifecycle_id, date.today(), args.since, args.until)
        except KeyError as exc:
            raise CommandError(f"{ws.location_text}: {exc.args[0]}") from None
        where = ws.location_text
    try:
        written = write_retrospective(data, out)
    except OSError as exc:
        raise CommandError(f"{exc.filename or out}: cannot write the report ({exc.strerror})") from None
    print(f"{where}: wrote {', '.join(str(p) for p in written)}")
    return 0
