"""Pilot tests of the juggling levers in the office: the queue in arrival order, w stopping at
an arrival, the interruption prompt, and the delegate dialog's odds per candidate."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from sim.engine import Scenario, load_scenario, replay_record, score
from sim.tui.screens.dialogs import DelegateDialog, InterruptDialog
from sim.tui.screens.office import OfficeScreen
from sim.tui.widgets.queue import QueueList

LEVERS = Path(__file__).resolve().parent.parent / "fixtures" / "levers.yaml"


@pytest.fixture
def levers() -> Scenario:
    return load_scenario(LEVERS)


def _notice(office: OfficeScreen) -> str:
    """The notice line above the footer (it replaces toasts, so notices never pile up)."""
    notice = office.query_one("#notice")
    return str(notice.render()) if notice.display else ""


async def _start(pilot, app) -> OfficeScreen:
    await pilot.press("enter")
    office = app.screen
    assert isinstance(office, OfficeScreen)
    return office


@pytest.mark.parametrize(("key", "answer"), [("t", "take"), ("l", "wait"), ("escape", "wait")])
async def test_an_interruption_is_asked_at_once(build, named: str, levers: Scenario, key: str,
                                                answer: str) -> None:
    app = build(scenario=levers, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        office = await _start(pilot, app)
        sim = office.sim
        queue = office.query_one("#queue", QueueList)
        assert queue.highlighted_item() == "chat"  # arrival order: Sam first, then Dr. Ito
        await pilot.press("enter", "1")  # with Sam until 09:03; line 2 rings at 09:02
        assert isinstance(app.screen, InterruptDialog)
        box = app.screen.query_one("#interrupt").region  # centred over the office, as the
        assert box.x > 0 and box.y > 0                     # other dialogs are
        assert abs((box.x + box.width / 2) - 40) <= 1
        await pilot.press(key)
        assert isinstance(app.screen, OfficeScreen)
        assert sim.interruption() is None
        decision = [d for d in sim.decisions if d.node == "interrupt"]
        assert [d.chosen for d in decision] == [answer]
        if answer == "take":
            assert sim.focus is not None and sim.focus.id == "ring"
            assert sim.items["chat"].state == "on_hold"
        else:
            assert sim.focus is not None and sim.focus.id == "chat"
        record = score(sim).replay
        replayed = replay_record(levers, record["seed"], record["actions"])
        assert score(replayed).to_dict()["decisions"] == score(sim).to_dict()["decisions"]


async def test_w_stops_when_something_arrives_and_says_what(build, named: str,
                                                          levers: Scenario) -> None:
    app = build(scenario=levers, turn_based=True)
    async with app.run_test(size=(120, 40)) as pilot:
        office = await _start(pilot, app)
        sim = office.sim
        await pilot.press("w")  # 09:00 -> 09:02: line 2 rings (nobody is with you: no prompt)
        assert sim.clock == 9 * 60 + 2
        assert sim.record[-1] == (9 * 60, "wait 2")
        assert "Line 2 is ringing" in _notice(office)
        assert isinstance(app.screen, OfficeScreen)
        await pilot.press("w")  # 09:02 -> 09:05: the records request
        assert sim.clock == 9 * 60 + 5
        ids = [item.id for item in sim.queue()]
        assert ids == ["chat", "question", "ring", "records"]  # arrival order, not patience


async def test_the_delegate_dialog_shows_each_candidates_odds(build, named: str,
                                                              levers: Scenario) -> None:
    app = build(scenario=levers, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        office = await _start(pilot, app)
        sim = office.sim
        await pilot.press("w", "w")  # 09:05: the records request is last in the queue
        await pilot.press("end", "d")
        dialog = app.screen
        assert isinstance(dialog, DelegateDialog)
        odds = {person.id: person.odds for person in dialog.staff}
        # Ana is strong on records, Ben weak: their odds differ, in words
        assert odds == {"ana": "likely to handle it", "ben": "unlikely to manage it"}
        assert dialog.query_one("#staff", OptionList).option_count == 2
        await pilot.press("2")  # Ben: the wrong person for a release
        assert sim.items["records"].delegated_to == "ben"
        decision = next(d for d in sim.decisions if d.node == "delegate")
        assert decision.best == "ana" and not decision.was_best
