"""Random legal play never breaks the engine (the stateful property test).

Every bundled scenario and every test fixture is played to the close with random legal
actions of every verb. After every step: no exception, meters within 0-100, and the replay of
the record reproduces the state; at the close the score is within 0-100 and equals the score
of the replay. About 2,000 plays per run; ``python -m bench.random_play`` is the long run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Scenario, ScenarioError, load_scenario
from tests.random_play import checked_play, scenario_paths

PLAYS_BUNDLED = 110
PLAYS_FULL_DAY = 50  # the longest day: fewer plays, each about five times as long
PLAYS_FIXTURE = 160


def _plays(path: Path) -> int:
    if path.parent.name == "scenarios":
        return PLAYS_FULL_DAY if path.stem == "full-day" else PLAYS_BUNDLED
    return PLAYS_FIXTURE


def _load(path: Path) -> Scenario | None:
    try:
        return load_scenario(path)
    except ScenarioError:
        return None  # fixtures that are broken on purpose


@pytest.mark.parametrize("path", scenario_paths(), ids=lambda p: p.stem)
def test_random_legal_play_never_breaks(path: Path) -> None:
    scenario = _load(path)
    if scenario is None:
        pytest.skip(f"{path.name} is invalid on purpose")
    for seed in range(_plays(path)):
        try:
            checked_play(scenario, seed)
        except Exception as exc:  # name the play so it can be reproduced
            raise AssertionError(f"{path.name}, seed {seed}: {exc!r}") from exc


def test_every_bundled_scenario_is_played() -> None:
    stems = {p.stem for p in scenario_paths() if p.parent.name == "scenarios"}
    assert {"orientation", "full-day", "monday-rush"} <= stems
