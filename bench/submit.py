"""Cohort submit benchmark: ``practice-sim cohort submit CODE`` of 1,000 result files.

Run: .venv/bin/python -m bench.submit [COUNT] [--json]

The result files (full-day plays of bench.verify, each by a different trainee) and a SQLite
cohort are made first, untimed; timed is one ``practice-sim cohort submit`` process with every
file on its command line, from start to exit (wall seconds, as a cohort lead waits for it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.verify import SCENARIO, plays
from sim import catalog
from sim.engine import load_scenario, play
from sim.storage.results import write_result

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Make the files and the cohort, time the submission, print the figures."""
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(numbers[0]) if numbers else 1000
    path = catalog.resolve(SCENARIO)
    scenario = load_scenario(path)
    days = [play(scenario, actions) for actions in plays(path)]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        files = [str(write_result(days[i % len(days)], base / f"{i}.json", player=f"trainee {i}",
                                  mode="assessment", played_seconds=3600))
                 for i in range(count)]
        db = str(base / "cohort.db")
        env = {**os.environ, "PRACTICE_SIM_HOME": str(base / "home"),
               "PRACTICE_SIM_SAVES": str(base / "saves")}
        command = [sys.executable, "-m", "sim", "cohort"]
        subprocess.run([*command, "create", "Bench", "--scenario", str(path), "--code", "BENCH",
                        "--db", db], check=True, capture_output=True, env=env, cwd=Path.cwd())
        start = time.perf_counter()
        out = subprocess.run([*command, "submit", "BENCH", *files, "--db", db],
                             capture_output=True, text=True, env=env, cwd=Path.cwd())
        seconds = time.perf_counter() - start
    accepted = out.stdout.count("ACCEPTED")
    if "--json" in sys.argv:
        print(json.dumps({"seconds": seconds, "accepted": accepted, "count": count}))
    else:
        print(f"cohort submit of {count} result files: {seconds:.1f} s wall, "
              f"{accepted} accepted ({count / seconds:.0f} files/s)")
    return 0 if accepted == count else 1


if __name__ == "__main__":
    sys.exit(main())
