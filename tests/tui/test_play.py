"""Pilot tests: whole days played through the UI with keys only, checked against the engine."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path
from typing import Any

import pytest
from textual import events

from sim.engine import Scenario, play, replay_record, score
from sim.engine.actions import parse_actions
from sim.tui.pacing import FakeClock
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.dialogs import DelegateDialog, NameDialog
from sim.tui.screens.load import LoadScreen
from sim.tui.screens.office import OfficeScreen
from sim.tui.screens.picker import PickerScreen
from sim.tui.screens.title import TitleScreen

# The day the key presses below play (turn-based), as the headless engine would take it.
BEST_ACTIONS = """
attend ann_window
choose welcome
delegate raj_call jo
wait 3
attend lee_question
choose check
wait 2
attend letters
choose careful
"""


async def test_first_run_asks_a_name_then_plays_a_whole_day(build, isolated: Path,
                                                              front_desk: Scenario) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, NameDialog)
        await pilot.press(*"Robin", "enter")
        assert isinstance(app.screen, TitleScreen)
        assert json.loads((isolated / "home" / "settings.json").read_text())["name"] == "Robin"
        await pilot.press("enter")  # Play (Continue is disabled: no autosave yet)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")  # the only scenario
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("t")  # turn-based
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        sim = office.sim
        assert sim.clock == 9 * 60
        await pilot.press("enter", "1")  # attend Ann (first to arrive), welcome her
        assert sim.items["ann_window"].state == "resolved"
        await pilot.press("d")  # the call is highlighted: delegate it
        assert isinstance(app.screen, DelegateDialog)
        await pilot.press("1")  # Jo, the first free colleague
        assert sim.items["raj_call"].state == "delegated"
        await pilot.press("w")  # 09:03: w stops at 09:06, when Dr. Lee arrives
        assert sim.clock == 9 * 60 + 6
        assert "Dr. Mina Lee" in str(office.query_one("#notice").render())
        await pilot.press("enter", "1")  # Dr. Lee; her answer takes us to 09:08
        await pilot.press("w")  # 09:08 -> 09:10: the letters arrive
        await pilot.press("enter", "1")  # the letters
        assert office.sim.is_over and isinstance(app.screen, OfficeScreen)
        await pilot.press("enter")  # "See your debrief"
        assert isinstance(app.screen, DebriefScreen)
        expected = score(play(front_desk, parse_actions(BEST_ACTIONS), finish=False))
        ui = app.screen.result
        assert ui["replay"]["actions"] == expected.replay["actions"]
        assert ui["score"] == expected.score
        assert ui["passed"] is True
        assert app.settings.best["front-desk"] == expected.score
        # The autosave replays to the same day.
        saves = sorted((isolated / "saves").glob("autosave-*.json"))
        assert saves
        newest = max(saves, key=lambda p: p.stat().st_mtime_ns)
        record = json.loads(newest.read_text())
        replayed = replay_record(front_desk, record["seed"], record["actions"])
        assert score(replayed).score == expected.score
        await pilot.press("m")
        assert isinstance(app.screen, TitleScreen)


async def test_poor_day_with_hold_expiries_and_illegal_keys(build, named: str,
                                                            front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True, coaching=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        sim = office.sim
        offered = {b.binding.action for b in office.active_bindings.values()}
        # Nothing in focus and no clock: these keys aren't offered (nor in the footer)...
        assert not offered & {"choose(1)", "hold", "pause", "faster", "slower"}
        assert {"delegate", "wait", "quit"} <= offered
        await pilot.press("1", "h", "space", "plus")  # ...and do nothing
        assert sim.record == [] or all(a.startswith("start") for _, a in sim.record)
        assert isinstance(app.screen, OfficeScreen)
        await pilot.press("enter", "9")  # only two choices: one notice, replacing any other
        notice = office.query_one("#notice")
        assert notice.display and str(notice.render()) == \
            "Not now: There is no option 9 here (1-2)."
        await pilot.press("h")  # Ann back to the queue
        assert sim.focus is None and sim.items["ann_window"].state == "on_hold"
        await pilot.press("d")  # Ann can't be delegated: a notification, no dialog
        assert isinstance(app.screen, OfficeScreen)
        await pilot.press("enter", "2")  # back to Ann (first in the queue), the curt option
        assert office.shown is not None and office.shown.decision is not None
        assert not office.shown.decision.was_best  # coaching shows the better option
        for _ in range(8):
            await pilot.press("w")
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        result = app.screen.result
        assert {item["item"] for item in result["expired"]} >= {"raj_call", "lee_question"}
        assert result["passed"] is False
        await pilot.press("a")  # play again: the briefing
        assert isinstance(app.screen, BriefingScreen)


async def _office_at_close(app: Any, pilot: Any, scenario: Scenario) -> weakref.ref[Any]:
    """Start the day and wait it out to the close; a weak reference to the office."""
    await pilot.press("enter")
    office = app.screen
    assert isinstance(office, OfficeScreen)
    office.act(f"wait {scenario.end - office.sim.clock}")
    await pilot.pause()
    return weakref.ref(office)


async def test_the_debrief_replaces_the_office_and_lets_it_go(build, named: str,
                                                              front_desk: Scenario) -> None:
    """Nothing goes back to the office from the debrief: once replaced, it is freed (it held
    every line it painted over the day)."""
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(120, 40)) as pilot:
        gone = await _office_at_close(app, pilot, front_desk)
        await pilot.press("enter", "enter")  # "See your debrief", typed twice: one debrief
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert [type(screen) for screen in app.screen_stack] == [TitleScreen, DebriefScreen]
        gc.collect()
        assert gone() is None


async def test_the_office_is_removed_before_the_debrief_is_built_and_nothing_shows_between(
        build, named: str, front_desk: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """The debrief takes the memory the office's widgets held, not more: they are gone before
    the debrief is made, while repaints wait (the title, current in between, never shows)."""
    seen: list[tuple[bool, bool, int, int, list[type]]] = []
    made = DebriefScreen.__init__

    def spy(self: DebriefScreen, *args: object, **kwargs: object) -> None:
        office = gone()
        assert office is not None  # the message that asked for the debrief names it
        seen.append((office.is_attached, office.is_running, len(office.children),
                     app._batch_count, [type(screen) for screen in app.screen_stack]))
        made(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DebriefScreen, "__init__", spy)
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(120, 40)) as pilot:
        gone = await _office_at_close(app, pilot, front_desk)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app._batch_count == 0  # painting again
    assert seen == [(False, False, 0, 1, [TitleScreen])]


@pytest.mark.parametrize(("keys", "turn_based", "coaching"), [
    ("t", True, False), ("c", False, True), ("tc", True, True), ("tt", False, False)])
async def test_briefing_keys_typed_in_one_burst_apply_before_enter(
        build, named: str, front_desk: Scenario, keys: str, turn_based: bool,
        coaching: bool) -> None:
    """Keys that arrive together (a fast typist, a paste, tmux) are taken in order: the
    toggles before the Enter that starts the day."""
    app = build(scenario=front_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, BriefingScreen)
        for key, char in [(key, key) for key in keys] + [("enter", "\r")]:
            app.post_message(events.Key(key, char))  # as the driver does, none awaited
        await pilot.pause()
        office = app.screen
        assert isinstance(office, OfficeScreen)
        assert (office.options.turn_based, office.options.coaching) == (turn_based, coaching)


async def test_arrow_keys_move_the_highlight_and_a_click_attends(build, named: str,
                                                                 front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "1", "w")  # 09:07: Dr. Lee, then the call
        office = app.screen
        assert isinstance(office, OfficeScreen)
        sim = office.sim
        waiting = [item.id for item in sim.queue()]
        assert len(waiting) >= 2
        await pilot.press("down")
        await pilot.press("w")  # the queue is rebuilt; the highlight stays on the chosen item
        queue = office.query_one("#queue")
        assert queue.highlighted_item() == waiting[1]
        await pilot.press("enter")
        assert sim.focus is not None and sim.focus.id == waiting[1]
        await pilot.press("h", "home")
        await pilot.click("#queue", offset=(5, 1))
        assert sim.focus is not None and sim.focus.id == sim.items[sim.focus.id].id


def _space(office: OfficeScreen) -> tuple[str, str]:
    """What the space key does in the office now, as the footer offers it."""
    binding = office.active_bindings["space"].binding
    return binding.action, binding.description


async def test_real_time_follows_the_monotonic_clock(build, named: str,
                                                     front_desk: Scenario) -> None:
    clock = FakeClock()
    app = build(scenario=front_desk, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        sim = office.sim
        pace = front_desk.pace_seconds
        for _ in range(30):  # many small steps: no drift from counting ticks
            clock.advance(pace / 10)
            office.tick()
        assert sim.clock == 9 * 60 + 3
        assert _space(office) == ("pause", "Pause")
        await pilot.press("space")  # pause: time stands still
        clock.advance(pace * 10)
        office.tick()
        assert sim.clock == 9 * 60 + 3
        assert _space(office) == ("resume", "Resume")  # the footer says what space does now
        await pilot.press("space", "plus", "plus")  # resume at 2x
        assert _space(office) == ("pause", "Pause")
        assert office.pacer is not None and office.pacer.speed == 2
        clock.advance(pace * 2)
        office.tick()
        assert sim.clock == 9 * 60 + 7
        # the queue is in arrival order: Ann, the call, Dr. Lee
        await pilot.press("home", "down", "d")  # the call; a dialog stops the clock meanwhile
        assert isinstance(app.screen, DelegateDialog)
        clock.advance(pace * 10)
        office.tick()
        assert sim.clock == 9 * 60 + 7
        await pilot.press("escape")
        # Only waits reached the engine: the record replays headless to the same state.
        replayed = replay_record(front_desk, sim.seed, replay_actions(sim))
        assert replayed.clock == sim.clock
        assert score(replayed).to_dict()["log"] == score(sim).to_dict()["log"]


def replay_actions(sim) -> list[dict[str, str]]:
    """A simulation's record as a replay list."""
    return score(sim).replay["actions"]


async def test_quit_asks_first_and_continue_resumes(build, named: str, isolated: Path,
                                                    front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "1", "w")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        clock = office.sim.clock
        await pilot.press("q", "n")
        assert isinstance(app.screen, OfficeScreen)
        await pilot.press("q", "y")
        assert isinstance(app.screen, TitleScreen)
        await pilot.pause()
        await app.workers.wait_for_complete()  # the title looks for the autosave in a thread
        await pilot.pause()
        await pilot.press("enter")  # Continue, highlighted now that there is an autosave
        resumed = app.screen
        assert isinstance(resumed, OfficeScreen)
        assert resumed.sim.clock == clock
        await pilot.press("ctrl+s")
        saves = [p for p in (isolated / "saves").glob("*.json")
                 if not p.name.startswith("autosave-")]
        assert len(saves) == 1
        await pilot.press("q", "y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Continue -> Play -> Load a save
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("enter")  # the newest save
        assert isinstance(app.screen, OfficeScreen)
        assert app.screen.sim.clock == clock


async def test_every_office_action_is_in_the_command_palette(build, named: str,
                                                             front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        labels = [command.label for command in office.palette_commands()]
        for wanted in ("Attend: Ann Okafor is at the window", "Hold", "Delegate", "Wait",
                       "Pause", "Faster", "Slower", "Save", "Quit"):
            assert wanted in labels
        await pilot.press("ctrl+p")
        await pilot.press(*"attend ann")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert office.sim.focus is not None and office.sim.focus.id == "ann_window"


async def test_small_terminal_hides_the_log_and_notifies_expiries(build, named: str,
                                                                  front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        assert not office.query_one("#log").display
        # w stops at each arrival; Ann's patience (12 minutes) runs out on the way. The log is
        # hidden, so her expiry is said on the notice line above the footer (not a toast).
        ann = office.sim.items["ann_window"]
        for _ in range(10):
            await pilot.press("w")
            if ann.state == "expired":
                break
        assert ann.state == "expired"
        notice = office.query_one("#notice")
        assert "Ann Okafor sat down without being checked in." in str(notice.render())
