"""``practice-sim list``: the bundled scenarios and those in ./scenarios."""

from __future__ import annotations

import argparse

from sim import catalog
from sim.cli.common import out

HELP = "list the bundled scenarios and those in ./scenarios"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments (none)."""


def run(args: argparse.Namespace) -> int:
    """Print one line per scenario."""
    entries = catalog.entries()
    if not entries:
        out("no scenarios found")
        return 0
    width = max(len(e.path.stem) for e in entries)
    for entry in entries:
        scenario = entry.scenario
        if scenario is None:
            count = len(entry.error.problems) if entry.error else 0
            out(f"{entry.path.stem:<{width}}  [{entry.source}] INVALID ({count} problem(s)): "
                  f"practice-sim validate {entry.path}")
            continue
        minutes = scenario.end - scenario.start
        stars = "*" * scenario.difficulty
        out(f"{scenario.id:<{width}}  [{entry.source}] {stars:<5} {minutes:>3} min  "
              f"{scenario.title}")
    return 0
