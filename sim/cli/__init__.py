"""The ``practice-sim`` command line: one module per subcommand, listed in ``COMMANDS``."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sim import __version__

if TYPE_CHECKING:
    import argparse

# command name -> module in sim.cli; each module defines HELP, add_arguments(parser) and
# run(args) -> exit code. (Module names avoid builtins: a submodule named `list` would shadow
# the builtin inside this package.)
COMMANDS = {
    "validate": "validate",
    "run": "run",
    "list": "listing",
    "play": "play",
    "new": "new",
    "explore": "explore",
    "graph": "graph",
    "schema": "schema",
    "verify": "verify",
    "cohort": "cohort",
    "review": "review",
    "serve": "serve",
    "juggle": "juggle",
}
DEFAULT_COMMAND: str | None = "play"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand, or only ``only`` (imports stay few)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="practice-sim",
        description="Practice Sim: a role-play training game for medical office managers.",
    )
    parser.add_argument("--version", action="version", version=f"practice-sim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(f"sim.cli.{module_name}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list and DEFAULT_COMMAND == "play":
        # The bare command opens the game with play's defaults, without building a parser.
        from sim.cli import play

        return _run(play.run, play.defaults())
    if not args_list and DEFAULT_COMMAND:
        args_list = [DEFAULT_COMMAND]
    # Build just the chosen command's parser: the game starts without importing the others.
    chosen = args_list[0] if args_list and args_list[0] in COMMANDS else None
    parser = build_parser(only=chosen)
    args = parser.parse_args(args_list)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    return _run(args.handler, args)


def _run(handler: Callable[[Any], int | None], args: Any) -> int:
    """Run a command's handler; returns the exit code (interrupts and OS errors handled)."""
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file that can't be written, a folder that can't be read
        from sim.cli.common import fail

        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return fail(f"{where}{exc.strerror or exc}")
