"""The profile: a player's skill history, bests and next scenario, from their result files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.engine import load_scenario, play, score
from sim.engine.actions import parse_actions
from sim.storage.profile import load_profile, suggest
from sim.storage.results import write_result

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def day(name: str, kind: str):
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    return play(scenario, parse_actions((SCENARIOS / f"{name}.{kind}.actions").read_text()))


@pytest.fixture(scope="module")
def days():
    return {(name, kind): day(name, kind) for name in ("orientation", "monday-rush")
            for kind in ("poor", "best")}


def write(folder: Path, sim, player: str = "Robin", **kwargs) -> Path:
    return write_result(sim, player=player, mode="assessment", played_seconds=60,
                        directory=folder / "results", **kwargs)  # saved_at: oldest first


def test_history_bests_and_practice(tmp_path: Path, days) -> None:
    poor, best = days["orientation", "poor"], days["orientation", "best"]
    write(tmp_path, poor)
    write(tmp_path, best)
    write(tmp_path, days["monday-rush", "poor"])
    write(tmp_path, best, practice={"branch_of": "x"})  # a practice branch: no best
    write(tmp_path, best, player="Someone else")
    (tmp_path / "results" / "broken.json").write_text("{")
    os.mkfifo(tmp_path / "results" / "fifo.json")  # never opened (it would hang)
    profile = load_profile("Robin", tmp_path)
    assert len(profile.attempts) == 4 and len(profile.days) == 3
    assert profile.unreadable == 1
    assert profile.bests()["orientation"].score == score(best).score
    history = profile.skill_history()["communication"]
    parts = {p.id: p.score for p in score(poor).skills}
    assert history[0] == parts["communication"]
    assert len(history) == 3


def test_weakest_skill_and_suggestion(tmp_path: Path, days) -> None:
    poor = days["monday-rush", "poor"]
    write(tmp_path, poor)
    profile = load_profile("Robin", tmp_path)
    scored = {p.id: p.score for p in score(poor).skills if p.score is not None}
    weakest = min(scored, key=lambda s: (scored[s], s))
    assert profile.weakest_skill() == (weakest, scored[weakest])
    library = [load_scenario(path) for path in sorted(SCENARIOS.glob("*.yaml"))]
    scenario, why = suggest(profile, library)
    weights = [s.rubric.skills.get(weakest, 0) for s in library
               if weakest in s.skills_trained()]
    assert scenario.rubric.skills[weakest] == max(weights)
    assert weakest.replace("_", " ") in why


def test_no_results_no_suggestion(tmp_path: Path) -> None:
    profile = load_profile("Robin", tmp_path)
    assert profile.attempts == [] and profile.weakest_skill() is None
    assert suggest(profile, []) is None
