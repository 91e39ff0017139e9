"""The command line: ``lifecycle-studio [WORKSPACE]`` starts the app, subcommands work headless.

Each subcommand lives in its own module under ``desktop_app.commands`` with two functions,
``configure(parser)`` and ``run(args) -> int``. Modules are imported only when their command
runs (``configure`` is cheap), so ``check`` never pays for Qt or matplotlib.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module, one-line help); the order is the order of --help
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("desktop_app.commands.check", "check lifecycles against the rule catalogue"),
    "new": ("desktop_app.commands.workspace", "create a workspace"),
    "import": ("desktop_app.commands.workspace", "add a lifecycle document to a workspace"),
    "export": ("desktop_app.commands.workspace", "write a lifecycle out of a workspace"),
    "list": ("desktop_app.commands.workspace", "list the lifecycles of a workspace"),
    "copy": ("desktop_app.commands.copy",
             "copy a whole workspace between a file and a PostgreSQL server (either way)"),
    "snapshot": ("desktop_app.commands.retro", "take a labelled snapshot of a lifecycle"),
    "diff": ("desktop_app.commands.retro", "compare a lifecycle between two snapshots"),
    "report": ("desktop_app.commands.retro", "write a retrospective report (.md, .html, .pdf)"),
}


class CommandError(Exception):
    """Input that cannot be used: printed to stderr, exit status 2.

    ``detail``: a longer diagnostic (SQLite's own, say) printed only with ``--verbose``."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail

    @classmethod
    def from_error(cls, exc: Exception) -> "CommandError":
        return cls(str(exc), getattr(exc, "detail", "") or "")


def _command_module(name: str):
    return importlib.import_module(COMMANDS[name][0])


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lifecycle-studio",
        description="Draw, check and track a machine-learning model's lifecycle. "
        "With no command (or just a WORKSPACE file or server address) the desktop app starts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == command or command is None:
            configure = getattr(_command_module(name), f"configure_{name}", None) or getattr(
                _command_module(name), "configure"
            )
            configure(p)
            p.add_argument("--verbose", action="store_true",
                           help="after a refusal, also print the full diagnostic (SQLite's own words)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = argv[0] if argv else None
    if first not in COMMANDS and first not in ("-h", "--help"):
        # no subcommand: the desktop app, on the given workspace or the default one
        app_parser = argparse.ArgumentParser(prog="lifecycle-studio")
        app_parser.add_argument("workspace", nargs="?",
                                help="workspace file (.lcstudio) or PostgreSQL address "
                                     "(postgresql+psycopg://user@host/database)")
        args = app_parser.parse_args(argv)
        from desktop_app.ui.app import run_app  # Qt only on this path

        return run_app(args.workspace)
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    module = _command_module(args.command)
    run = getattr(module, f"run_{args.command}", None) or getattr(module, "run")
    try:
        return int(run(args) or 0)
    except CommandError as exc:
        print(f"lifecycle-studio {args.command}: {exc}", file=sys.stderr)
        if getattr(args, "verbose", False) and exc.detail:
            print(exc.detail, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
        print(f"lifecycle-studio {args.command}: unexpected error ({type(exc).__name__}: {exc}); "
              "nothing more was written. This is a bug: please report it with the command you ran.",
              file=sys.stderr)
        return 2
