"""Verification rate: results per second when verifying 1,000 results of the full-day scenario.

Run: .venv/bin/python -m bench.verify [COUNT] [--json]   (see bench/README.md)

The results are made first (not timed): the full day's strong and weak plays and plays cut
short after every k-th action (the rest of the day waited out), each by a different player, so
the replays differ. Timed: reading each result file from disk and verifying it (replay, score,
compare), as ``practice-sim verify`` does.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from sim import catalog
from sim.engine import load_scenario, parse_actions, play
from sim.storage.results import load_result, verify, write_result

SCENARIO = "full-day"
FALLBACK = "the-physicians-day"


def plays(scenario_path: Path) -> list[list]:
    """The distinct plays the results are made of."""
    base = scenario_path.with_suffix("")
    lines = [parse_actions(Path(f"{base}.{kind}.actions").read_text(encoding="utf-8"))
             for kind in ("best", "poor")]
    cut = [lines[0][:k] for k in range(0, len(lines[0]), 4)]
    return [*lines, *cut]


def main() -> int:
    """Make the results, verify them, print the rate."""
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(numbers[0]) if numbers else 1000
    try:
        path = catalog.resolve(SCENARIO)
    except FileNotFoundError:
        path = catalog.resolve(FALLBACK)
    scenario = load_scenario(path)
    variants = plays(path)
    days = [play(scenario, actions) for actions in variants]
    with tempfile.TemporaryDirectory() as folder:
        files = [write_result(days[i % len(days)], Path(folder) / f"{i}.json",
                              player=f"trainee {i}", mode="assessment", played_seconds=600)
                 for i in range(count)]
        actions = sum(len(d.record) for d in days) / len(days)
        start, cpu = time.perf_counter(), time.process_time()
        accepted = sum(verify(load_result(f), scenario).ok for f in files)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if "--json" in sys.argv:
        print(json.dumps({"results_per_s": count / cpu, "wall_results_per_s": count / elapsed,
                          "accepted": accepted, "count": count}))
        return 0 if accepted == count else 1
    print(f"scenario {scenario.id} v{scenario.version} ({scenario.end - scenario.start} game "
          f"minutes, {len(days)} distinct plays, {actions:.0f} recorded actions on average)")
    print(f"verified {accepted} of {count} results in {elapsed:.1f} s: "
          f"{count / elapsed:.1f} results/s ({1000 * elapsed / count:.1f} ms each), one process; "
          f"{count / cpu:.1f} results per CPU second")
    return 0 if accepted == count else 1


if __name__ == "__main__":
    sys.exit(main())
