"""Load: 8 processes submitting 250 results each to one store at once (SQLite and PostgreSQL).

Every process also re-submits 25 results of another process, racing it: the store must end
with exactly 2,000 attempts, none lost and none doubled.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sim.engine import Scenario
from sim.storage.cohorts import open_store, service

WORKER = Path(__file__).parent / "load_worker.py"
ACTIONS = Path(__file__).parent / "fixtures" / "storage-day.actions"
WORKERS, EACH, OVERLAP = 8, 250, 25


def test_eight_processes_two_thousand_results(store_url: str, scenario: Scenario,
                                              scenario_path: Path) -> None:
    store = open_store(store_url)
    cohort = service.create(store, service.make_cohort("load", scenario, code="LOAD01"))
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    workers = [subprocess.Popen(
        [sys.executable, str(WORKER), store_url, cohort.code, str(i), str(EACH), str(OVERLAP),
         str(scenario_path), str(ACTIONS)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
        for i in range(WORKERS)]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    for worker in workers:  # start them together
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    tallies = []
    for worker in workers:
        out, _ = worker.communicate(timeout=600)
        assert worker.returncode == 0
        tallies.append(tuple(map(int, out.split())))
    accepted = sum(t[0] for t in tallies)
    duplicates = sum(t[1] for t in tallies)
    assert sum(t[2] for t in tallies) == 0
    assert accepted == WORKERS * EACH
    assert duplicates == WORKERS * OVERLAP
    attempts = store.attempts(cohort.code)
    store.close()
    players = [a.player for a in attempts]
    assert len(attempts) == WORKERS * EACH
    assert len(set(players)) == len(players)
    assert set(players) == {f"p{w}-{n}" for w in range(WORKERS) for n in range(EACH)}
    assert len({a.fingerprint for a in attempts}) == len(attempts)
    assert len({a.id for a in attempts}) == len(attempts)
