"""Same scenario, seed and actions: the same day, byte for byte; the schedule ignores the player."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.engine import (
    ReplayError,
    Simulation,
    load_scenario,
    play,
    replay_record,
    run_actions_file,
    score,
)
from sim.engine.actions import parse_actions
from tests.conftest import FIXTURES

WALKINS = FIXTURES / "walkins.yaml"


def greedy_play(seed: int, style: str) -> Simulation:
    """Attend the first item in the queue (arrival order), choosing by style, or delegate it
    when someone is free."""
    sim = Simulation(load_scenario(WALKINS), seed)
    sim.start()
    while not sim.is_over:
        queue = sim.queue()
        if not queue:
            sim.apply("wait 1")
            continue
        item = queue[0]
        free = sim.staff_free_for(item)
        if style == "delegate" and free:
            sim.apply(f"delegate {item.id} {free[0].id}")
            continue
        sim.apply(f"attend {item.id}")
        choices = sim.available_choices()
        sim.apply(f"choose {(choices[0] if style == 'best' else choices[-1]).id}")
    return sim


def arrivals(sim: Simulation) -> list[tuple[str, int, str]]:
    return [(i.id, i.arrived, sim.people[i.subject].name) for i in sim.items.values()]


def test_schedule_is_the_same_whatever_the_player_does() -> None:
    runs = [greedy_play(7, style) for style in ("best", "worst", "delegate")]
    horizon = min(run.clock for run in runs)
    schedules = [[a for a in arrivals(run) if a[1] <= horizon] for run in runs]
    assert schedules[0] == schedules[1] == schedules[2]
    assert len(schedules[0]) >= 5


def test_seed_changes_the_schedule() -> None:
    assert arrivals(greedy_play(1, "best")) != arrivals(greedy_play(2, "best"))


def test_same_inputs_give_the_same_bytes() -> None:
    first = json.dumps(score(greedy_play(3, "delegate")).to_dict(), sort_keys=True)
    second = json.dumps(score(greedy_play(3, "delegate")).to_dict(), sort_keys=True)
    assert first == second


def test_replay_record_rebuilds_the_same_result() -> None:
    original = greedy_play(11, "delegate")
    record = score(original).replay
    again = replay_record(load_scenario(WALKINS), record["seed"], record["actions"])
    assert score(again).to_dict() == score(original).to_dict()


def test_replay_rejects_an_action_at_the_wrong_time() -> None:
    record = score(greedy_play(11, "best")).replay
    actions = [dict(a) for a in record["actions"]]
    index = next(i for i, a in enumerate(actions) if a["action"].startswith("choose"))
    actions[index]["at"] = "08:00" if actions[index]["at"] != "08:00" else "08:01"
    with pytest.raises(ReplayError, match="recorded at"):
        replay_record(load_scenario(WALKINS), record["seed"], actions)


def test_results_match_across_processes_and_hash_seeds() -> None:
    script = (
        "import json; from sim.engine import score; from tests.test_determinism import greedy_play;"
        "print(json.dumps(score(greedy_play(5, 'delegate')).to_dict(), sort_keys=True))"
    )
    outputs = set()
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True, env=env, cwd=Path(__file__).parents[1])
        outputs.add(out.stdout)
    assert len(outputs) == 1


def test_action_file_and_played_actions_agree(tiny) -> None:
    text = "attend ann_desk\nchoose warm\n09:05 attend call\nchoose book\n"
    by_file = run_actions_file(tiny, text).to_dict()
    by_play = score(play(tiny, parse_actions(text))).to_dict()
    assert by_file == by_play
