"""explore: exact best and worst on hand-checked scenarios, bounds on bigger ones, dead ends,
runtime errors and coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.explore import explore
from sim.authoring.search import search
from sim.cli import main
from sim.engine import load_scenario, run_actions_file
from sim.engine.simulation import Simulation
from tests.authoring.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
# full-day as the replay corpus pinned it: its walk-in streams meet the same encounter twice
PINNED_FULL_DAY = ROOT / "tests" / "fixtures" / "corpus" / "scenarios" / "full-day.yaml"


@pytest.mark.parametrize("name, best, worst", [
    ("one-question", 100.0, 0.0),
    ("two-calls", 83.3, 0.0),
    ("stuck", 100.0, 0.0),
])
def test_exact_best_and_worst(name: str, best: float, worst: float) -> None:
    scenario = load_scenario(FIXTURES / f"{name}.yaml")
    result = search(scenario, scenario.seed)
    assert result.exact
    assert (result.best.score, result.worst.score) == (best, worst)
    for extreme in (result.best, result.worst):  # the action lists really reach the scores
        replayed = run_actions_file(scenario, "\n".join(extreme.actions))
        assert replayed.score == extreme.score


def test_two_calls_best_answers_one_quickly() -> None:
    scenario = load_scenario(FIXTURES / "two-calls.yaml")
    actions = [a.split(" ", 1)[1] for a in search(scenario, 1).best.actions]
    assert actions[1] == "choose quickly" and actions[3] == "choose well"


def test_random_runs_cover_everything_and_stay_within_the_extremes() -> None:
    scenario = load_scenario(FIXTURES / "two-calls.yaml")
    report = explore(scenario, runs=40)
    assert not report.issues
    assert report.coverage.missing_nodes == [] and report.coverage.missing_choices == []
    assert report.search is not None
    assert all(report.search.worst.score <= s <= report.search.best.score for s in report.scores)


def test_random_runs_are_deterministic() -> None:
    scenario = load_scenario(FIXTURES / "stuck.yaml")
    first, second = explore(scenario, 20, do_search=False), explore(scenario, 20, do_search=False)
    assert first.scores == second.scores
    assert [str(i) for i in first.issues] == [str(i) for i in second.issues]


def test_dead_end_is_reported() -> None:
    report = explore(load_scenario(FIXTURES / "stuck.yaml"), runs=20, do_search=False)
    assert report.dead_ends and not report.runtime_errors
    assert "stuck at node 'open'" in report.dead_ends[0].message


def test_bigger_scenario_gives_bounds(starter: Path) -> None:
    scenario = load_scenario(starter)
    result = search(scenario, scenario.seed, budget=10, width=3)
    assert not result.exact and "beam" in result.method
    exact = search(scenario, scenario.seed)
    assert exact.exact
    assert result.best.score <= exact.best.score and result.worst.score >= exact.worst.score
    assert run_actions_file(scenario, "\n".join(result.best.actions)).score == result.best.score


def test_cli_says_bounds(starter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(starter), "--runs", "5", "--budget", "10", "--width", "2"]) == 0
    out = capsys.readouterr().out
    assert "BOUNDS" in out and "at least" in out and "at most" in out


def test_cli_exact_and_saved_plays(starter: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    best = tmp_path / "best.actions"
    assert main(["explore", str(starter), "--runs", "10", "--save-best", str(best)]) == 0
    out = capsys.readouterr().out
    assert "exact" in out and "Coverage: nodes 4/4" in out
    scenario = load_scenario(starter)
    score = float(out.split("Best: ")[1].split()[0])
    assert run_actions_file(scenario, best.read_text(encoding="utf-8")).score == score
    # the starter's own best file is the best there is
    own = run_actions_file(scenario, starter.with_suffix("").with_suffix(".best.actions")
                           .read_text(encoding="utf-8"))
    assert own.score == score


def test_runtime_error_exits_non_zero(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    original = Simulation.choose

    def broken(self: Simulation, choice_id: str) -> None:
        if choice_id == "well":
            raise ZeroDivisionError("boom")
        original(self, choice_id)

    monkeypatch.setattr(Simulation, "choose", broken)
    code = main(["explore", str(FIXTURES / "two-calls.yaml"), "--runs", "20", "--no-search"])
    out = capsys.readouterr().out
    assert code == 1
    assert "runtime-error" in out and "ZeroDivisionError: boom" in out


def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["explore", str(FIXTURES / "one-question.yaml"), "--runs", "5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["search"]["exact"] and data["search"]["best"]["score"] == 100.0


BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenarios_explore_without_runtime_errors(path: Path) -> None:
    scenario = load_scenario(path)
    report = explore(scenario, runs=10, do_search=False)
    assert not report.runtime_errors, [str(i) for i in report.runtime_errors]
    assert len(report.scores) == 10


def test_random_runs_use_every_verb(monkeypatch: pytest.MonkeyPatch) -> None:
    verbs: set[str] = set()
    apply = Simulation.apply

    def recording(sim: Simulation, action: object) -> None:
        verbs.add(str(action).split()[0])
        apply(sim, action)  # type: ignore[arg-type]

    monkeypatch.setattr(Simulation, "apply", recording)
    explore(load_scenario(PINNED_FULL_DAY), runs=10, do_search=False)
    assert verbs == {"attend", "choose", "hold", "delegate", "wait"}


def test_random_runs_find_the_crash_of_equal_conversations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crash that 200 old-style runs missed, put back: choosing in a conversation while
    another item's conversation of the same encounter stands at the same node (the equal
    models ``transitions`` bound only once). Only holds and delegations get there."""
    choose = Simulation.choose

    def fragile(sim: Simulation, choice_id: str) -> None:
        focus = sim.focus
        assert focus is not None and focus.run is not None
        if any(i is not focus and i.run is not None and i.run.node == focus.run.node
               and i.event.encounter == focus.event.encounter for i in sim.items.values()):
            raise AttributeError("'EncounterRun' object has no attribute 'trigger'")
        choose(sim, choice_id)

    monkeypatch.setattr(Simulation, "choose", fragile)
    report = explore(load_scenario(PINNED_FULL_DAY), runs=50,
                     do_search=False)
    assert report.runtime_errors
    assert "EncounterRun" in report.runtime_errors[0].message
