"""Killing a save writer at any instant leaves every save loadable (atomic writes)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sim.engine import Scenario
from sim.storage.saves import list_saves, load_save, restore

WRITER = Path(__file__).parent / "writer.py"
ACTIONS = Path(__file__).parent / "fixtures" / "storage-day.actions"
KILLS = 40


def test_killed_writer_never_leaves_a_broken_save(scenario_path: Path, scenario: Scenario,
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    rng = random.Random(1234)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(scenario_path), str(ACTIONS), str(folder)],
            stdout=subprocess.PIPE, env=env)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.02))  # the kill must land at an arbitrary instant
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        infos = list_saves(folder)
        assert [i for i in infos if i.error is not None] == []
        assert len(infos) == 4  # the named save and three autosave slots
        for info in infos:
            restore(load_save(info.path), scenario)
    leftovers = [p for p in folder.iterdir() if p.suffix == ".tmp"]
    assert len(leftovers) <= 2  # the last killed writer's, swept by the next write
