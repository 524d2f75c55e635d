"""Explore benchmark: ``practice-sim explore full-day`` with the command's default settings (200
random runs, then the search), timed in CPU and wall seconds; ``--width N`` for a wider beam.

Run: .venv/bin/python -m bench.explore [--width N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from sim import catalog
from sim.authoring.explore import explore
from sim.engine import load_scenario

RUNS, BUDGET, WIDTH = 200, 20_000, 8  # the command's defaults (sim/cli/explore.py)


def main() -> int:
    """Explore full-day once and print the time it took and what it found."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--width", type=int, default=WIDTH)
    parser.add_argument("--budget", type=int, default=BUDGET)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scenario = load_scenario(catalog.resolve("full-day"))
    wall, cpu = time.perf_counter(), time.process_time()
    report = explore(scenario, RUNS, None, args.budget, args.width)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    search = report.search
    assert search is not None
    found = {"default_cpu_s" if args.width == WIDTH else "cpu_s": cpu,
             "default_wall_s" if args.width == WIDTH else "wall_s": wall,
             "best": search.best.score, "worst": search.worst.score, "states": search.states,
             "runtime_errors": len(report.runtime_errors), "width": args.width}
    if args.json:
        print(json.dumps(found))
    else:
        print(f"explore full-day ({RUNS} random runs, {search.method}): {cpu:.1f} CPU s, "
              f"{wall:.1f} s wall; best {search.best.score}, worst {search.worst.score}, "
              f"{search.states} states, {len(report.runtime_errors)} runtime errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
