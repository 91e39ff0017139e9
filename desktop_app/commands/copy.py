"""``lifecycle-studio copy FROM TO``: a whole workspace between a file and a server, either way.

TO is a file that does not exist yet or an empty PostgreSQL database. The password comes from
libpq's own places (``~/.pgpass``, ``PGPASSWORD``, a ``PGSERVICE`` file), never from the
command line; a refusal is one line naming the workspace, and leaves nothing at TO.
"""

from __future__ import annotations

import argparse
import sys

from desktop_app.cli import CommandError


def configure(parser: argparse.ArgumentParser) -> None:
    from desktop_app.commands.workspace import NEW_WORKSPACE_HELP, WORKSPACE_HELP

    parser.add_argument("source", metavar="FROM", help=WORKSPACE_HELP)
    parser.add_argument("target", metavar="TO", help=f"where the copy goes: {NEW_WORKSPACE_HELP}")


class _Progress:
    """How far a big copy is: a line rewritten in place on a terminal, a line per tenth
    otherwise (a log file gets eleven lines, not thousands). Small copies say nothing."""

    SMALL = 5000   # rows: done before anyone would wonder

    def __init__(self, stream=None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.tenth = -1
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.SMALL:
            return
        tenth = done * 10 // total
        if not self.tty and tenth == self.tenth:
            return
        self.tenth = tenth
        line = f"copying: {done:,} of {total:,} rows ({done * 100 // total}%)"
        if self.tty:
            self.stream.write(f"\r{line}")
        else:
            self.stream.write(f"{line}\n")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from desktop_app.commands.workspace import location_or_fail
    from desktop_app.store import WorkspaceError
    from desktop_app.store.copy import copy_workspace

    source, target = location_or_fail(args.source), location_or_fail(args.target)
    progress = _Progress()
    try:
        result = copy_workspace(source, target, progress=progress)
    except WorkspaceError as exc:
        raise CommandError.from_error(exc) from None
    finally:
        progress.finish()
    lifecycles = f"{result.lifecycles} lifecycle" + ("" if result.lifecycles == 1 else "s")
    snapshots = f"{result.snapshots} snapshot" + ("" if result.snapshots == 1 else "s")
    print(f"Copied {result.source} to {result.target}: {lifecycles}, {snapshots}, "
          f"{result.total:,} rows in all; read back and found equal")
    return 0
