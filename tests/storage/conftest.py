"""Fixtures for the storage tests: a small scenario copied into tmp, and a played day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation, load_scenario, parse_actions, play

HERE = Path(__file__).parent / "fixtures"
SCENARIO = HERE / "storage-day.yaml"
ACTIONS = HERE / "storage-day.actions"


@pytest.fixture
def scenario_path(tmp_path: Path) -> Path:
    """A private copy of the storage test scenario (tests may edit it)."""
    target = tmp_path / "scenarios" / "storage-day.yaml"
    target.parent.mkdir()
    shutil.copy(SCENARIO, target)
    return target


@pytest.fixture
def scenario(scenario_path: Path) -> Scenario:
    """The storage test scenario, loaded."""
    return load_scenario(scenario_path)


def play_day(scenario: Scenario, count: int | None = None, finish: bool = True) -> Simulation:
    """Play the first ``count`` actions of the strong play (all by default)."""
    actions = parse_actions(ACTIONS.read_text(encoding="utf-8"))
    return play(scenario, actions[:count] if count is not None else actions, finish=finish)


@pytest.fixture
def finished(scenario: Scenario) -> Simulation:
    """A finished day of the storage test scenario."""
    return play_day(scenario)


@pytest.fixture
def halfway(scenario: Scenario) -> Simulation:
    """A day stopped after five actions."""
    return play_day(scenario, 5, finish=False)
