"""``practice-sim new ID``: start a scenario from a small, valid, commented example."""

from __future__ import annotations

import argparse

from sim.authoring.scaffold import ScaffoldError, scaffold

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
        print(f"practice-sim: {exc}")
        return 1
    except OSError as exc:
        print(f"practice-sim: can't write into {args.dir}: {exc}")
        return 1
    for path in written:
        print(f"wrote {path}")
    scenario = written[0]
    print(f"\nNext:\n  practice-sim validate {scenario}\n  practice-sim explore {scenario}\n"
          f"  practice-sim run {scenario} --actions {written[1]}\n"
          f"  practice-sim play {scenario} --watch")
    return 0
