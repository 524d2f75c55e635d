"""``practice-sim validate PATH...``: check scenario files and report every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.authoring.lint import check_file
from sim.cli.common import error, out

HELP = ("check scenario files; prints FILE:LINE:COL: message for each error and "
        "FILE:LINE:COL: warning: ... for each lint warning")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="scenario files, or folders of them")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors (exit 1 on any warning)")
    parser.add_argument("--no-warnings", action="store_true",
                        help="report errors only, without the lint warnings")


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
    """Validate each file; exit 1 if any has an error (or, with --strict, a warning)."""
    files = expand(args.paths)
    errors = 0
    bad_files = 0
    for name in files:
        problems = sorted(check_file(name, warnings=not args.no_warnings))
        for problem in problems:  # problems on stderr, so `> report` never hides an error
            error(str(problem))
        found = sum(1 for p in problems if p.severity == "error" or args.strict)
        errors += found
        bad_files += bool(found)
        if not problems:
            out(f"{name}: ok")
    if not files:
        error("practice-sim: no scenario files found")
        return 1
    if errors:
        kind = "error(s) or warning(s)" if args.strict else "error(s)"
        error(f"{errors} {kind} in {bad_files} of {len(files)} file(s)")
    return 1 if errors else 0
