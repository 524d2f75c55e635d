"""Faults: submitters killed mid-write leave a consistent store, and a resubmission fills the gap
without doubling anything."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sim.engine import Scenario
from sim.storage.cohorts import open_store, service

WORKER = Path(__file__).parent / "load_worker.py"
ACTIONS = Path(__file__).parent / "fixtures" / "storage-day.actions"
KILLS, EACH = 6, 60


def test_killed_submitters_leave_a_consistent_store(store_url: str, scenario: Scenario,
                                                    scenario_path: Path) -> None:
    store = open_store(store_url)
    service.create(store, service.make_cohort("faults", scenario, code="FAULT"))
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    rng = random.Random(99)
    command = [sys.executable, str(WORKER), store_url, "FAULT", "0", str(EACH), "0",
               str(scenario_path), str(ACTIONS)]
    for _ in range(KILLS):
        worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  env=env, text=True)
        assert worker.stdout is not None and worker.stdin is not None
        assert worker.stdout.readline().strip() == "ready"
        worker.stdin.write("go\n")
        worker.stdin.flush()
        time.sleep(rng.uniform(0.05, 0.4))  # the kill must land at an arbitrary instant
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        worker.stdin.close()
        worker.stdout.close()
        players = [a.player for a in store.attempts("FAULT")]
        assert len(players) == len(set(players))
    if not store_url.startswith("postgresql"):
        with sqlite3.connect(store_url) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finish = subprocess.run(command, input="go\n", capture_output=True, text=True, env=env,
                            check=True)
    accepted, duplicates, rejected = map(int, finish.stdout.split()[1:])
    assert rejected == 0 and accepted + duplicates == EACH
    attempts = store.attempts("FAULT")
    store.close()
    assert sorted(a.player for a in attempts) == sorted(f"p0-{n}" for n in range(EACH))
