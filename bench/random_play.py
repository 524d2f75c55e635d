"""The long run of the stateful random-play check: ``python -m bench.random_play [PLAYS]``.

Plays every bundled scenario and test fixture with random legal actions (tests/random_play.py),
spread evenly, in as many processes as there are cores, and prints how many plays ran and any
failure with its scenario and seed. It is a script, not a timed test.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sim.engine import ScenarioError, load_scenario
from tests.random_play import checked_play, scenario_paths


def _chunk(args: tuple[str, int, int]) -> tuple[str, int, list[str]]:
    path, first, count = args
    try:
        scenario = load_scenario(Path(path))
    except ScenarioError:
        return path, 0, []
    failures = []
    for seed in range(first, first + count):
        try:
            checked_play(scenario, seed)
        except Exception as exc:  # report every failure, keep going
            failures.append(f"{Path(path).name} seed {seed}: {exc!r}")
    return path, count, failures


def main(argv: list[str]) -> int:
    """Run the plays and report; exit 1 if any play failed."""
    total = int(argv[0]) if argv else 50_000
    paths = [str(p) for p in scenario_paths()]
    per = max(1, total // len(paths))
    jobs = [(path, first, min(250, per - first)) for path in paths for first in range(0, per, 250)]
    started = time.perf_counter()
    played, failures = 0, []
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _path, count, failed in pool.map(_chunk, jobs):
            played += count
            failures += failed
    print(f"{played} random plays over {len(paths)} scenario files in "
          f"{time.perf_counter() - started:.0f} s: {len(failures)} failed")
    for failure in failures[:50]:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
