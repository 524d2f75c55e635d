"""A submitter for the load test: verifies and submits COUNT results to one cohort.

Usage: python load_worker.py STORE_URL CODE INDEX COUNT OVERLAP SCENARIO ACTIONS
Prints "ready", waits for a line on stdin, submits results p{INDEX}-0..COUNT-1 and then the
first OVERLAP results of the next worker (duplicates of ones that worker submits), and prints
"accepted duplicate rejected" counts.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from sim.engine import load_scenario, parse_actions, play
from sim.storage import saves
from sim.storage.cohorts import open_store, service
from sim.storage.results import parse_result, result_document

WORKERS = 8


def main() -> None:
    """Submit and report."""
    url, code, index, count, overlap = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    scenario = load_scenario(sys.argv[6])
    sim = play(scenario, parse_actions(Path(sys.argv[7]).read_text(encoding="utf-8")))
    saves.now = lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # identical documents per name

    def result(worker: int, number: int):
        return parse_result(result_document(sim, player=f"p{worker}-{number}",
                                            mode="assessment", played_seconds=60))

    batch = [result(index, n) for n in range(count)]
    batch += [result((index + 1) % WORKERS, n) for n in range(overlap)]
    store = open_store(url)
    print("ready", flush=True)
    sys.stdin.readline()
    tally = {"accepted": 0, "duplicate": 0, "rejected": 0}
    for item in batch:
        tally[service.submit(store, code, item, scenario=scenario).outcome] += 1
    store.close()
    print(tally["accepted"], tally["duplicate"], tally["rejected"], flush=True)


if __name__ == "__main__":
    main()
