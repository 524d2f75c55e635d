"""Pilot tests of the queue in a conversation: D delegates the highlighted item while the
conversation goes on, the highlight stays on its item when the queue changes, the delegate
hints appear only for what the engine lets you delegate, and End reaches a long
conversation's last lines."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Static

from sim.engine import Scenario, replay_record, score
from sim.tui.pacing import FakeClock
from sim.tui.screens.dialogs import HOW_IT_WORKS, DelegateDialog
from sim.tui.screens.office import OfficeScreen
from sim.tui.widgets.encounter_view import EncounterView
from sim.tui.widgets.queue import QueueList
from tests.tui.monkey import Monkey


def _text(office: OfficeScreen) -> str:
    """The encounter panel's text and choices, as plain text."""
    view = office.query_one("#enc-view", EncounterView)
    return f"{view.text.plain}\n{view.choices.plain}"


async def _office(pilot, app) -> OfficeScreen:
    await pilot.press("enter")
    office = app.screen
    assert isinstance(office, OfficeScreen)
    return office


async def test_shift_d_delegates_the_highlighted_item_mid_conversation(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        sim = office.sim
        await pilot.press("enter", "1", "w", "down", "enter")  # with Dr. Lee; Raj's call waits
        assert sim.focus is not None and sim.focus.id == "lee_question"
        assert office.query_one("#queue", QueueList).highlighted_item() == "raj_call"
        assert "D delegates the highlighted queue item" in _text(office)
        await pilot.press("D")
        assert isinstance(app.screen, DelegateDialog)
        await pilot.press("1")
        assert isinstance(app.screen, OfficeScreen)
        assert sim.items["raj_call"].state == "delegated"
        assert sim.focus is not None and sim.focus.id == "lee_question"  # still with her
        assert sim.record[-1][1].startswith("delegate raj_call ")
        replayed = replay_record(front_desk, sim.seed, [
            {"at": f"{at // 60:02d}:{at % 60:02d}", "action": action}
            for at, action in sim.record])
        assert score(replayed).to_dict()["decisions"] == score(sim).to_dict()["decisions"]


async def test_shift_d_on_an_item_that_cant_be_delegated_says_why(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        sim = office.sim
        assert office.query_one("#queue", QueueList).highlighted_item() == "ann_window"
        await pilot.press("D")
        assert isinstance(app.screen, OfficeScreen)
        notice = office.query_one("#notice", Static)
        assert notice.display and "can't be delegated" in str(notice.render())
        assert not [action for _, action in sim.record if action.startswith("delegate")]


async def test_the_highlight_stays_on_its_item_when_the_queue_changes(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        sim = office.sim
        queue = office.query_one("#queue", QueueList)
        await pilot.press("w")  # 09:02: Raj's call arrives behind Ann
        assert [item.id for item in sim.queue()] == ["ann_window", "raj_call"]
        await pilot.press("down")
        assert queue.highlighted_item() == "raj_call"
        sim.items["ann_window"].patience = 1  # Ann is about to give up
        await pilot.press("w")  # 09:06: she does (above the highlight); Dr. Lee arrives
        assert sim.items["ann_window"].state == "expired"
        assert [item.id for item in sim.queue()] == ["raj_call", "lee_question"]
        assert queue.highlighted_item() == "raj_call"
        queue.highlighted = 1  # moved without the arrow keys (the mouse, the palette)
        await pilot.press("w")  # 09:10: the letters arrive
        assert [item.id for item in sim.queue()] == ["raj_call", "lee_question", "letters"]
        assert queue.highlighted_item() == "lee_question"


async def test_the_highlight_moves_to_the_next_item_when_its_own_leaves(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        sim = office.sim
        queue = office.query_one("#queue", QueueList)
        await pilot.press("w", "w")  # Ann, Raj's call, then Dr. Lee
        ids = [item.id for item in sim.queue()]
        assert ids[:3] == ["ann_window", "raj_call", "lee_question"]
        await pilot.press("down", "enter")  # attend Raj: he leaves the queue
        assert sim.focus is not None and sim.focus.id == "raj_call"
        assert queue.highlighted_item() == "lee_question"  # the one now in his place


async def test_the_delegate_hints_follow_what_the_engine_allows(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        sim = office.sim
        await pilot.press("w")  # Ann (only you) and Raj's call (Jo or Sam)
        assert sim.delegation_refusal(sim.items["ann_window"]) is not None
        assert "Enter attends it; ↑↓ pick another." in _text(office)
        assert "d delegates" not in _text(office)
        await pilot.press("down")
        assert sim.delegation_refusal(sim.items["raj_call"]) is None
        assert "d delegates it" in _text(office)
        await pilot.press("up", "enter")  # with Ann: she can't be delegated, the call can
        assert "h holds it" in _text(office)
        assert "d delegates it" not in _text(office)
        assert "D delegates the highlighted queue item" in _text(office)
        for person in ("jo", "sam"):  # nobody free who could take the call
            sim.people[person].state = "busy"
            sim.people[person].busy_until = sim.clock + 30
        office.query_one("#queue", QueueList)._key = None
        office.refresh_view()
        assert sim.delegation_refusal(sim.items["raj_call"]) is not None
        assert "delegates" not in _text(office)


async def test_end_reaches_the_last_choice_of_a_long_conversation(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(60, 20)) as pilot:
        office = await _office(pilot, app)
        Monkey._send(app, ["enter", "end"])  # typed fast: End scrolls the new conversation
        scroll = office.query_one("#enc-view")
        await pilot.pause()
        await pilot.pause()
        assert scroll.max_scroll_y > 0  # the conversation runs past the panel at 60x20
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert scroll.scroll_y == scroll.max_scroll_y


def test_no_words_say_the_queue_is_sorted_by_urgency() -> None:
    """The queue is in arrival order: the help says so, and nothing in the game's words or
    the README claims the most urgent item is at the top."""
    assert "in the order they came" in HOW_IT_WORKS
    root = Path(__file__).resolve().parents[2]
    claim = re.compile(r"urgen\w*[^.;]{0,30}\b(top|first in the queue)|sorted by (urgency|"
                       r"patience)", re.IGNORECASE)
    files = [*sorted((root / "sim" / "tui").rglob("*.py")), root / "README.md"]
    found = [f"{path.name}: {match.group(0)}" for path in files
             for match in claim.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


async def test_the_notice_line_sits_above_the_footer(build, named: str,
                                                    front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        await pilot.press("w")  # 09:02: Raj's call arrives, and the notice says so
        notice = office.query_one("#notice", Static)
        footer = office.query_one("KeyFooter")
        assert notice.display and "arrived" in str(notice.render())
        assert notice.region.height >= 1
        assert not notice.region.overlaps(footer.region)  # docked together, it was hidden
        assert notice.region.bottom <= footer.region.y


async def test_the_status_line_shows_the_clock_stopped_behind_a_dialog(
        build, named: str, front_desk: Scenario) -> None:
    clock = FakeClock()
    app = build(scenario=front_desk, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        clock.advance(front_desk.pace_seconds * 2)  # 09:02: Raj's call, which can be delegated
        office.tick()
        status = office.query_one("#status", Static)
        assert "paused" not in str(status.render())
        await pilot.press("down", "d")
        assert isinstance(app.screen, DelegateDialog)
        assert "paused" in str(status.render())
        clock.advance(front_desk.pace_seconds * 5)
        office.tick()
        assert office.sim.clock == 9 * 60 + 2  # and it is
        await pilot.press("escape")
        assert "paused" not in str(status.render())


async def test_a_key_reaching_an_office_being_taken_down_is_dropped(
        build, named: str, front_desk: Scenario) -> None:
    """The monkey found PgDn reaching an office whose widgets were already gone."""
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        await office.remove_children()  # as while the office closes
        await pilot.press("pagedown", "end", "enter", "d", "D", "w")
        assert app.screen is office and app.is_running
        assert office.sim.record == []


async def test_a_notice_replaced_within_a_key_never_disappears_in_between(
        build, named: str, front_desk: Scenario) -> None:
    """An action clears the notice once its key is handled, unless the action says something
    new (a wait that brought callers): the line is then replaced in place. The line keeps its
    row all along, blank without a notice, so a notice coming or going never lays the panels
    out again."""
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _office(pilot, app)
        notice = office.query_one("#notice", Static)
        panels = office.query_one("#office").region
        row = notice.region
        assert row.height == 1 and str(notice.render()) == ""  # reserved, blank
        office.say("first", title="")
        await pilot.pause()
        office.clear_notice()  # what an action does first
        assert str(notice.render()) == "first"  # still shown while the key is handled
        office.say("second", title="")
        await pilot.pause()
        assert str(notice.render()) == "second"
        office.clear_notice()  # an action that says nothing
        assert str(notice.render()) == "second"
        await pilot.pause()
        assert str(notice.render()) == ""
        assert notice.display and notice.region == row
        assert office.query_one("#office").region == panels
