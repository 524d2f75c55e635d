"""``practice-sim validate PATH...``: check scenario files and report every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.engine import validate_file

HELP = "check scenario files; prints FILE:LINE:COL: message for each problem"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="scenario files, or folders of them")


def expand(paths: list[str]) -> list[str]:
    """Files named directly, plus the .yaml files inside named folders."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.glob("*.yaml")))
        else:
            files.append(name)
    return files


def run(args: argparse.Namespace) -> int:
    """Validate each file; exit 1 if any has an error."""
    files = expand(args.paths)
    errors = 0
    bad_files = 0
    for name in files:
        problems = sorted(validate_file(name))
        for problem in problems:
            print(problem)
        found = sum(1 for p in problems if p.severity == "error")
        errors += found
        bad_files += bool(found)
        if not problems:
            print(f"{name}: ok")
    if not files:
        print("no scenario files found")
        return 1
    if errors:
        print(f"{errors} error(s) in {bad_files} of {len(files)} file(s)")
    return 1 if errors else 0
