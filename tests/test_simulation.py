"""The rules of the day, on the tiny scenario."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from sim.engine import ActionError, Scenario, Simulation, delegation_chance, describe_chance
from sim.engine.simulation import HOLD_COST


def started(scenario: Scenario, seed: int | None = None) -> Simulation:
    sim = Simulation(scenario, seed)
    sim.start()
    return sim


def snapshot(sim: Simulation) -> tuple:
    people = {k: (dict(p.meters), p.state, p.busy_until) for k, p in sim.people.items()}
    items = {k: (i.state, i.patience, i.run.node if i.run else None) for k, i in sim.items.items()}
    return (sim.clock, sim.state, people, items, dict(sim.practice), dict(sim.flags),
            len(sim.log), len(sim.decisions), len(sim.record),
            sim.focus.id if sim.focus else None)


def test_day_starts_in_briefing_and_refuses_actions(tiny: Scenario) -> None:
    sim = Simulation(tiny)
    assert sim.state == "briefing"
    with pytest.raises(ActionError, match="hasn't started"):
        sim.apply("wait 5")
    sim.start()
    assert sim.state == "running" and [i.id for i in sim.queue()] == ["ann_desk"]


@pytest.mark.parametrize(
    ("setup", "action", "message"),
    [
        ([], "attend nobody", "no item 'nobody'"),
        ([], "choose warm", "nothing is in focus"),
        (["attend ann_desk"], "choose again", "isn't available"),
        (["attend ann_desk"], "choose shout", "no choice 'shout'"),
        (["attend ann_desk"], "attend ann_desk", "still with"),
        ([], "hold", "nothing is in focus"),
        ([], "delegate ann_desk jo", "can't be delegated"),
        (["wait 5"], "delegate call lee", "can't take this one"),
        (["wait 5", "delegate call jo"], "delegate call sam", "already"),
        (["attend ann_desk", "choose warm"], "attend ann_desk", "already resolved"),
    ],
)
def test_illegal_actions_explain_and_change_nothing(tiny: Scenario, setup: list[str],
                                                    action: str, message: str) -> None:
    sim = started(tiny)
    for step in setup:
        sim.apply(step)
    before = snapshot(sim)
    with pytest.raises(ActionError, match=message):
        sim.apply(action)
    assert snapshot(sim) == before


def test_waiting_costs_patience_and_mood_then_expires(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("wait 4")
    ann = sim.items["ann_desk"]
    assert ann.patience == 6 and sim.people["ann"].meters["mood"] == 46
    sim.apply("wait 6")
    assert ann.state == "expired"
    assert sim.practice["reputation"] == 40 and sim.flags["complaints"] == 1
    assert "Ann Okafor left." in [entry.text for entry in sim.log]


def test_choice_applies_effects_flags_trigger_and_time(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("attend ann_desk")
    assert [c.id for c in sim.available_choices()] == ["warm", "curt"]
    sim.apply("choose warm")
    assert sim.clock == 9 * 60 + 2
    assert sim.people["ann"].meters["mood"] == 70
    assert sim.flags["calmed"] is True
    assert sim.items["ann_desk"].state == "resolved" and sim.focus is None
    assert sim.last_feedback is not None and sim.last_feedback.closing == ("Ann Okafor",
                                                                           "Thank you.")
    assert sim.next_arrival() == 9 * 60 + 5
    assert (sim.log[-1].clock, sim.log[-1].text) == (9 * 60 + 2, "Ann Okafor: Thank you.")
    sim.apply("wait 8")
    assert "followup" in sim.items


def test_focus_does_not_wait_during_its_own_choice(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("wait 5")
    sim.apply("attend call")
    sim.apply("choose book")
    # ann waited the whole time (8 minutes); the call was being handled
    assert sim.items["ann_desk"].patience == 2


def test_hold_keeps_the_node_and_costs_the_subject(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("wait 5")
    sim.apply("attend ann_desk")
    mood = sim.people["ann"].meters["mood"]
    sim.apply("hold")
    assert sim.items["ann_desk"].state == "on_hold"
    assert sim.people["ann"].meters["mood"] == mood - HOLD_COST
    sim.apply("attend ann_desk")
    assert sim.node() is not None and sim.node().id == "greet"


def test_waiting_with_someone_in_focus_tries_their_patience(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("attend ann_desk")
    sim.apply("wait 10")
    assert sim.items["ann_desk"].state == "expired" and sim.focus is None


def test_delegation_success_is_deterministic(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("wait 5")
    sim.apply("delegate call jo")
    assert sim.people["jo"].state == "busy" and sim.people["jo"].busy_until == 9 * 60 + 9
    assert [s.id for s in sim.staff_free_for(sim.items["ann_desk"])] == []
    sim.apply("wait 3")
    assert sim.items["call"].state == "resolved"
    assert sim.people["jo"].state == "available"
    assert sim.practice["reputation"] == 55


def test_failed_delegation_comes_back_and_cannot_be_delegated_again(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("wait 5")
    sim.apply("delegate call sam")
    sim.apply("wait 3")
    call = sim.items["call"]
    assert call.state == "queued" and sim.practice["reputation"] == 45
    assert any("back in your queue" in entry.text for entry in sim.log)
    with pytest.raises(ActionError, match="already came back"):
        sim.apply("delegate call jo")


def test_busy_staff_cannot_take_a_second_item(tiny: Scenario) -> None:
    scenario = copy.deepcopy(tiny)
    sim = started(scenario)
    sim.apply("wait 5")
    sim.apply("delegate call jo")
    assert sim.staff_free_for(sim.items["call"]) == []


def test_conditional_event_fires_only_when_its_condition_holds(tiny: Scenario) -> None:
    quiet = started(tiny)
    quiet.apply("attend ann_desk")
    quiet.apply("choose warm")
    quiet.apply("wait 40")
    assert "complaint_review" not in quiet.items
    neglected = started(tiny)
    neglected.apply("wait 40")
    assert "complaint_review" in neglected.items


def test_day_closes_when_nothing_is_left(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("attend ann_desk")
    sim.apply("choose curt")
    sim.apply("wait 5")
    sim.apply("attend call")
    sim.apply("choose transfer")
    sim.apply("wait 30")
    assert sim.is_over and sim.clock == 9 * 60 + 30
    with pytest.raises(ActionError, match="over"):
        sim.apply("wait 1")


def test_day_closes_at_the_end_with_items_open(tiny: Scenario) -> None:
    events = tuple(dataclasses.replace(e, patience=90) if e.id == "followup" else e
                   for e in tiny.events)
    sim = started(dataclasses.replace(tiny, events=events))
    sim.apply("attend ann_desk")
    sim.apply("choose warm")
    sim.apply("wait 58")
    assert sim.is_over and sim.clock == 10 * 60
    assert [i.id for i in sim.open_items()] == ["followup"]


def test_record_holds_timestamped_actions_and_merges_waits(tiny: Scenario) -> None:
    sim = started(tiny)
    sim.apply("wait 2")
    sim.apply("wait 3")
    sim.apply("attend call")
    assert sim.record == [(540, "wait 5"), (545, "attend call")]


def test_texts_interpolate_and_escape_braces(tiny: Scenario) -> None:
    sim = started(tiny)
    item = sim.items["ann_desk"]
    assert sim.title(item) == "Ann Okafor at the desk"
    assert sim.render("{{literal}} {practice.name} at {clock}", item) == (
        "{literal} Elm Street Family Practice at 09:00")


@pytest.mark.parametrize(
    ("skill", "morale", "words"),
    [(100, 100, "very likely"), (70, 60, "likely"), (50, 50, "either way"), (0, 0, "unlikely")],
)
def test_delegation_odds_in_words(skill: int, morale: int, words: str) -> None:
    assert words in describe_chance(delegation_chance(skill, morale))


def test_a_choice_takes_its_full_minutes_even_as_the_last_thing(tiny: Scenario) -> None:
    events = tuple(e for e in tiny.events if e.id != "complaint_review")
    sim = started(dataclasses.replace(tiny, events=events))
    for action in ("attend ann_desk", "choose warm", "wait 3", "attend call", "choose book",
                   "wait 2", "attend followup", "choose facts"):
        sim.apply(action)
    assert sim.is_over and sim.clock == 9 * 60 + 12


def test_on_expire_may_set_flags(write_scenario) -> None:
    from sim.engine import load_scenario
    from tests.conftest import TINY

    text = TINY.read_text().replace(
        "      log: \"{patient.name} left.\"",
        "      set: {flags.calmed: true}\n      log: \"{patient.name} left.\"")
    sim = started(load_scenario(write_scenario(text)))
    sim.apply("wait 10")
    assert sim.items["ann_desk"].state == "expired" and sim.flags["calmed"] is True
