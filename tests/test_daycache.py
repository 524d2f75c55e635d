"""Days of one scenario and seed share what never changes in them; other seeds never do."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import catalog
from sim.engine import ScenarioError, Simulation, load_scenario, replay_record, score
from sim.engine.daycache import DAYS_KEPT, day_cache
from sim.engine.scoring import final_score
from tests import random_play as random_play_module


def _titles(sim: Simulation) -> list[str]:
    sim.start()
    sim.wait(sim.scenario.end - sim.clock)
    return [entry.text for entry in sim.log if entry.kind == "arrival"]


def test_walk_ins_keep_their_own_seeds_names() -> None:
    """monday-rush's walk-ins are named by the seed: a day of another seed played first in the
    same process must not lend it its renders."""
    path = catalog.resolve("monday-rush")
    shared = load_scenario(path)
    for seed in (1, 2, 3):
        _titles(Simulation(shared, seed))
        alone = _titles(Simulation(load_scenario(path), seed))  # a scenario of its own
        assert _titles(Simulation(shared, seed)) == alone
    assert len({tuple(_titles(Simulation(shared, s))) for s in (1, 2, 3)}) == 3


def test_the_caches_are_per_seed_and_bounded() -> None:
    scenario = load_scenario(catalog.resolve("full-day"))
    assert day_cache(scenario, 1) is day_cache(scenario, 1)
    assert day_cache(scenario, 1) is not day_cache(scenario, 2)
    first = day_cache(scenario, 1000)
    for seed in range(1001, 1001 + DAYS_KEPT):
        day_cache(scenario, seed)
    assert len(scenario.__dict__["_day_caches"]) == DAYS_KEPT
    assert day_cache(scenario, 1000) is not first


@pytest.mark.parametrize("path", random_play_module.scenario_paths(), ids=lambda p: p.stem)
def test_scores_on_a_shared_scenario_are_those_of_a_fresh_one(path: Path) -> None:
    """Random days of several seeds, scored on one scenario object (its caches filled by the
    days before) and each on a scenario of its own, give the same results, missed lines and
    their texts included: nothing kept for one day leaks into another."""
    try:
        shared = load_scenario(path)
    except ScenarioError:
        pytest.skip("a fixture that doesn't load")
    days = [random_play_module.random_play(shared, seed) for seed in range(2)]
    for day in days:
        fresh = replay_record(load_scenario(path), day.seed, score(day).replay["actions"])
        again = replay_record(shared, day.seed, score(day).replay["actions"])
        assert score(again).to_dict() == score(fresh).to_dict()
        assert final_score(again) == final_score(fresh)
