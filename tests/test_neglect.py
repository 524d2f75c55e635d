"""Neglect costs: an idle day and a day that handles only its first item both score low.

Engine 2 counts the missed decisions of every unfinished item, so a player can't raise their
score by leaving the hard parts of the day alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation, load_scenario
from sim.engine.decisions import Option, weigh
from sim.engine.scoring import score

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
BUNDLED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
IDLE_AT_MOST = 15.0
# Scenarios being reworked whose idle day still scores above the bar (strict: the mark must
# go when the scenario is fixed).
IDLE_TOO_HIGH: set[str] = set()


def _load(scenario_id: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{scenario_id}.yaml")


def best_choice_id(sim: Simulation) -> str:
    """The rubric-best available choice at the focus (the debrief's best alternative)."""
    available = sim.available_choices()
    options = [Option(c.id, c.text, c.feedback, c.skills) for c in available]
    return weigh(options, options[0], sim.scenario.rubric.skills)[2].id


def first_item_only(scenario: Scenario) -> Simulation:
    """Handle the first item that arrives with the best answers, then wait out the day."""
    sim = Simulation(scenario)
    sim.start()
    while not sim.items and not sim.is_over:
        sim.wait(1)
    if not sim.is_over:
        first = next(iter(sim.items.values()))
        sim.attend(first.id)
        while sim.focus is first and not sim.is_over:
            sim.choose(best_choice_id(sim))
    if not sim.is_over:
        sim.wait(scenario.end - sim.clock)
    return sim


@pytest.mark.parametrize("scenario_id", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason="idle day above 15; rework due"))
    if s in IDLE_TOO_HIGH else s for s in BUNDLED])
def test_an_idle_day_scores_at_most_15(scenario_id: str) -> None:
    sim = Simulation(_load(scenario_id))
    sim.start()
    sim.wait(sim.scenario.end - sim.clock)
    assert score(sim).score <= IDLE_AT_MOST


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_handling_only_the_first_item_fails(scenario_id: str) -> None:
    scenario = _load(scenario_id)
    result = score(first_item_only(scenario))
    assert len(result.decisions) >= 1
    assert not result.passed, f"first item only scored {result.score}"
