"""``practice-sim review``: a result opens in the TUI's debrief, verified first."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from sim.cli import main
from sim.cli.review import make_review_app, prepare

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def result_path(scenario_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A result of the strong play by a player with a hostile name."""
    path = tmp_path / "r.json"
    assert main(["run", str(scenario_path), "--actions", str(FIXTURES / "storage-day.actions"),
                 "--player", "[b]Ann\x1b[0m", "--result", str(path)]) == 0
    capsys.readouterr()
    return path


def test_review_text(result_path: Path, scenario_path: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(result_path), "--scenario", str(scenario_path), "--text"]) == 0
    out = capsys.readouterr().out
    assert "Player: [b]Ann\\x1b[0m" in out and "Decisions" in out and "\x1b" not in out


def test_review_of_an_edited_score_shows_the_truth(result_path: Path, scenario_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(result_path.read_text(encoding="utf-8"))
    true_score = data["claimed"]["score"]
    data["claimed"]["score"] = 100.0
    result_path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["review", str(result_path), "--scenario", str(scenario_path), "--text"]) == 0
    out = capsys.readouterr().out
    assert "Not verified (score)" in out and f"Score {true_score:.1f}" in out


def test_review_refuses_what_does_not_replay(result_path: Path, scenario_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(result_path.read_text(encoding="utf-8"))
    data["actions"][1]["action"] = "choose nothing_here"
    result_path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["review", str(result_path), "--scenario", str(scenario_path)]) == 1
    assert "can't review" in capsys.readouterr().err


def test_review_opens_the_debrief(result_path: Path, scenario_path: Path,
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from sim.tui.screens.debrief import DebriefScreen

    monkeypatch.setenv("PRACTICE_SIM_HOME", str(tmp_path / "home"))
    prepared = prepare(str(result_path), str(scenario_path))
    assert not isinstance(prepared, str)
    result, sim, _ = prepared
    app = make_review_app(result, sim)

    async def drive() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            assert app.screen.result["score"] == result.score
            assert len(app.screen.result["decisions"]) == len(result.claimed["decisions"])
            note = str(app.screen.query_one("#result-note").render())
            assert "Played by [b]Ann[0m" in note  # literally, without the escape
            # Read-only: no "play again", a "close" instead.
            assert [b.id for b in app.screen.query("Button")] == ["close"]
            await pilot.press("a")
            assert isinstance(app.screen, DebriefScreen)
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running

    asyncio.run(drive())
    assert not (tmp_path / "home").exists()  # the educator's settings are untouched


def test_review_of_a_record_that_does_not_replay_says_so(result_path: Path, scenario_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    data = json.loads(result_path.read_text(encoding="utf-8"))
    del data["claimed"]["replay"]  # verify stops early ("result"): the replay itself fails
    data["actions"][1]["action"] = "choose nothing_here"
    result_path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["review", str(result_path), "--scenario", str(scenario_path), "--text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "can't review: its actions don't replay on this scenario" in captured.err
    assert "Traceback" not in captured.err


def test_a_blank_player_name_is_refused_by_a_cohort(result_path: Path, scenario_path: Path,
                                                    tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(result_path.read_text(encoding="utf-8"))
    data["player"] = "   "
    result_path.write_text(json.dumps(data), encoding="utf-8")
    db = ["--db", str(tmp_path / "c.db")]
    assert main(["cohort", "create", "C", "--scenario", str(scenario_path), "--code", "C",
                 *db]) == 0
    capsys.readouterr()
    assert main(["cohort", "submit", "C", str(result_path), *db]) == 1
    assert "REJECTED (player): the result has no player name" in capsys.readouterr().err
