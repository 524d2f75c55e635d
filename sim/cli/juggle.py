"""``practice-sim juggle SCENARIO...``: how the measuring players score, and what the day asks."""

from __future__ import annotations

import argparse
import json

from sim.authoring.juggling import RANDOM_RUNS, concerns, report, table
from sim.cli.common import load_scenario_arg

HELP = ("measure the juggling of scenarios: best/poor plays, idle, first-come-first-served and "
        "random players, waiting, open items, consequences and a wording-only guesser")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("scenarios", metavar="SCENARIO", nargs="+",
                        help="scenario ids or .yaml paths")
    parser.add_argument("--random-runs", type=int, default=RANDOM_RUNS, metavar="N",
                        help=f"random players averaged (default {RANDOM_RUNS})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    """Print the table (or JSON); exit 1 if a scenario doesn't load."""
    reports = []
    for name in args.scenarios:
        scenario = load_scenario_arg(name)
        if scenario is None:
            return 1
        reports.append(report(scenario, max(0, args.random_runs)))
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        print(table(reports))
        print("\nwait%: share of the day the best play waits; peak: most items open at once in "
              "the best play (FCFS's); hold/dlg/take: the best play's holds, delegations and "
              "interruptions taken; conseq: cross-encounter consequences; dlg wrong/whom: items "
              "where delegating is wrong / whom you pick matters; guess%: a wording-only guesser "
              "picks the rubric-best choice (chance in brackets).")
        for r in reports:
            for concern in concerns(r):
                print(f"{r.scenario}: {concern}")
    return 0
