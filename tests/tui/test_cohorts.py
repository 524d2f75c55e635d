"""Pilot tests of issue 5 in the game: result files, cohort days, leaderboard, timing in saves."""

from __future__ import annotations

import json
from pathlib import Path

from sim.cli import main
from sim.engine import Scenario, play, score
from sim.engine.actions import parse_actions
from sim.storage.cohorts import open_store
from sim.storage.cohorts import play as cohort_play
from sim.storage.results import load_result
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.dialogs import JoinCodeDialog
from sim.tui.screens.leaderboard import LeaderboardScreen
from sim.tui.screens.office import OfficeScreen
from sim.tui.screens.title import TitleScreen
from tests.tui.test_literal_text import ESC, screen_text
from tests.tui.test_play import BEST_ACTIONS

# The keys of BEST_ACTIONS, from the briefing to the day-over prompt (turn-based).
BEST_KEYS = ("enter", "enter", "1", "d", "1", "w", "enter", "1", "w", "enter", "1")


async def settle(pilot) -> None:
    """Let workers (store look-ups, submissions) finish and the screen redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_every_finished_day_writes_a_result_file(build, named: str, isolated: Path,
                                                       front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*BEST_KEYS)
        assert isinstance(app.screen, OfficeScreen) and app.screen.sim.is_over
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        files = list((isolated / "saves" / "results").glob("*.json"))
        assert len(files) == 1
        assert "Result file: saves/results/" + files[0].name in screen_text(app)
    result = load_result(files[0])
    assert (result.save.player, result.save.timing, result.cohort) == ("Robin", "turn-based",
                                                                       None)
    assert main(["verify", str(files[0]), "--scenario", str(front_desk.path)]) == 0


async def test_leaderboard_from_the_title(build, named: str, cohort_store: str,
                                          isolated: Path) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # Play -> Load -> Leaderboards
        assert isinstance(app.screen, JoinCodeDialog)
        await pilot.press(*"week-01", "enter")  # normalised to WEEK01
        assert isinstance(app.screen, LeaderboardScreen)
        await settle(pilot)
        board = app.screen.board
        assert board is not None and board.rank_of("Robin") == 3  # tie on 78: fewer open first
        text = screen_text(app)
        assert "Week 1 [i]evening[/i]" in text and "[WEEK01]" in text
        assert "▶   3 Robin" in text  # the player's own row
        assert "[bold]Eve[/bold] [31m[link=https://evi" in text
        assert ESC not in text and "y" * 200 not in text  # literal, and cut to fit
        assert "Pass rate 75%" in text and "You are 3rd of 4 (Robin)" in text
        assert "communication" in text and "Skill leaders" in text
        assert json.loads((isolated / "home" / "settings.json").read_text())[
            "last_cohort"] == "WEEK01"
        await pilot.press("c", *"NOPE", "enter")  # another code (typing replaces the last)
        await settle(pilot)
        assert isinstance(app.screen, LeaderboardScreen) and app.screen.board is None
        assert "No cohort with join code NOPE in the cohort store" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("enter")  # Leaderboards is still highlighted; the last code offered
        assert isinstance(app.screen, JoinCodeDialog)
        assert app.screen.query_one("#code").value == "WEEK01"


async def test_leaderboard_without_a_store_says_so(build, named: str, isolated: Path) -> None:
    app = build(db=str(isolated / "nowhere" / "cohorts.db"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_leaderboard("WEEK01")
        await settle(pilot)
        assert isinstance(app.screen, LeaderboardScreen)
        assert "Can't reach the cohort store" in screen_text(app)
        assert not (isolated / "nowhere").exists()  # no empty store is created
    app = build(db="postgresql://nobody@127.0.0.1:9/none?connect_timeout=2")
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_leaderboard("WEEK01")
        await settle(pilot)
        assert "Can't reach the cohort store" in screen_text(app)


async def test_cohort_day_played_with_keys_is_verified_and_submitted(
        build, named: str, cohort_store: str, isolated: Path, front_desk: Scenario) -> None:
    day = cohort_play.join("WEEK01")
    app = build(cohort=day)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        text = screen_text(app)
        assert "Cohort day: Week 1 [i]evening[/i]" in text and "open until" in text
        assert "best attempt counts" in text and "turn-based" in text
        assert "Real-time / turn-based" not in text  # the cohort fixes them: no toggles
        await pilot.press("t", "c")
        assert app.screen.options.turn_based and not app.screen.options.coaching
        await pilot.press(*BEST_KEYS)
        office = app.screen
        assert isinstance(office, OfficeScreen) and office.sim.is_over
        await settle(pilot)
        await pilot.press("enter")
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert debrief.ending is not None and debrief.ending.submitted
        text = screen_text(app)
        assert "submitted, verified: score" in text and "You are #1 of 4." in text
        await pilot.press("l")
        assert isinstance(app.screen, LeaderboardScreen)
        await settle(pilot)
        assert "▶   1 Robin" in screen_text(app)
    expected = score(play(front_desk, parse_actions(BEST_ACTIONS), finish=False))
    store = open_store(cohort_store)
    mine = [a for a in store.attempts("WEEK01") if a.player == "Robin" and a.id > 4]
    store.close()
    assert len(mine) == 1 and mine[0].score == expected.score
    result = load_result(debrief.ending.path)
    assert (result.cohort, result.save.timing, result.save.mode) == ("WEEK01", "turn-based",
                                                                     "assessment")


async def test_offline_store_shows_the_submit_command(build, named: str, cohort_store: str,
                                                      isolated: Path,
                                                      capsys) -> None:
    cohort_play.join("WEEK01")  # joined once online: the cohort is cached
    gone = str(isolated / "unplugged" / "cohorts.db")
    day = cohort_play.join("WEEK01", gone)
    assert day.offline
    app = build(cohort=day, db=gone)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "can't be reached" in screen_text(app)
        await pilot.press(*BEST_KEYS)
        await settle(pilot)
        await pilot.press("enter")
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        ending = debrief.ending
        assert ending is not None and not ending.submitted and ending.path is not None
        assert ending.path.is_file() and ending.path.parent == isolated / "saves" / "results"
        command = f"practice-sim cohort submit WEEK01 saves/results/{ending.path.name} --db {gone}"
        assert ending.later == command
        text = screen_text(app)  # (a long command wraps)
        assert "cohort submit WEEK01 saves/results/" + ending.path.name in text
    # Later, with the store back where the command says, it does what it says.
    (isolated / "unplugged").mkdir()
    Path(cohort_store).rename(gone)
    assert main(command.split()[1:]) == 0
    assert "ACCEPTED" in capsys.readouterr().out


async def test_a_real_time_cohort_day_runs_at_the_cohort_pace(build, named: str,
                                                               cohort_store: str,
                                                               front_desk: Scenario) -> None:
    from sim.storage.cohorts import service

    store = open_store(cohort_store)
    store.create_cohort(service.make_cohort("Fast", front_desk, pace=0.5, code="FAST01",
                                            mode="coaching"))
    store.close()
    app = build(cohort=cohort_play.join("FAST01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        assert office.pacer is not None and office.pacer.pace_seconds == 0.5
        assert office.options.coaching and office.options.seed == front_desk.seed
        assert "cohort FAST01" in screen_text(app)


async def test_timing_is_restored_from_a_save(build, named: str, front_desk: Scenario) -> None:
    for turn_based in (True, False):
        app = build(scenario=front_desk, turn_based=turn_based)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter", "enter", "1", "q", "y")  # one answer, then leave
            assert isinstance(app.screen, TitleScreen)
        app = build()  # a fresh start: the default options are real-time
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # Continue
            office = app.screen
            assert isinstance(office, OfficeScreen)
            assert office.options.turn_based is turn_based
            assert (office.pacer is None) is turn_based
            await pilot.press("q", "y")


async def test_continue_rejoins_the_cohort_of_a_cohort_day(build, named: str,
                                                           cohort_store: str) -> None:
    app = build(cohort=cohort_play.join("WEEK01"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*BEST_KEYS[:3], "q", "y")  # Ann welcomed, then leave
        assert isinstance(app.screen, TitleScreen)
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Continue
        await settle(pilot)
        office = app.screen
        assert isinstance(office, OfficeScreen)
        assert office.options.cohort is not None and office.options.turn_based
        await pilot.press(*BEST_KEYS[3:])
        await settle(pilot)
        assert office.ending is not None and office.ending.submitted


async def test_continue_without_the_cohort_goes_on_as_an_ordinary_day(
        build, named: str, cohort_store: str, isolated: Path) -> None:
    app = build(cohort=cohort_play.join("WEEK01"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*BEST_KEYS[:3], "q", "y")
    Path(cohort_store).unlink()
    for cached in (isolated / "saves" / "cohorts").glob("*.json"):
        cached.unlink()
    app = build()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Continue
        await settle(pilot)
        office = app.screen
        assert isinstance(office, OfficeScreen) and office.options.cohort is None
        assert office.options.turn_based  # still the save's timing
        assert "can't be joined now" in list(app._notifications)[-1].message
