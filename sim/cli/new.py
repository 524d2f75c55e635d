"""``practice-sim new ID``: start a scenario from a small, valid, commented example."""

from __future__ import annotations

import argparse

from sim.authoring.scaffold import ScaffoldError, scaffold
from sim.cli.common import fail, out

HELP = "create a small, valid, commented scenario (with best and poor action files)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("id", metavar="ID", help="the new scenario's id, e.g. late-tuesday")
    parser.add_argument("--dir", default="scenarios", metavar="FOLDER",
                        help="where to write it (default ./scenarios, where practice-sim looks)")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args: argparse.Namespace) -> int:
    """Write the files and say what to do next."""
    try:
        written = scaffold(args.id, args.dir, args.force)
    except ScaffoldError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"can't write into {args.dir}: {exc}")
    for path in written:
        out(f"wrote {path}")
    scenario = written[0]
    out(f"\nNext:\n  practice-sim validate {scenario}\n  practice-sim explore {scenario}\n"
          f"  practice-sim run {scenario} --actions {written[1]}\n"
          f"  practice-sim play {scenario} --watch")
    return 0
