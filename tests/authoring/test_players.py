"""The measuring players and the juggling measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.juggling import report, table
from sim.authoring.measures import (
    consequences,
    cue_score,
    guess,
    peak_open,
    waited_minutes,
    waiting_share,
)
from sim.authoring.players import (
    arrival_order,
    best_choice,
    cherry_picker,
    first_come_first_served,
    idle,
    play_bot,
    random_legal,
)
from sim.engine import load_scenario, parse_actions, play, score
from sim.engine.model import Choice

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCENARIOS = Path(__file__).resolve().parent.parent.parent / "scenarios"
JUGGLING_PLAY = """\
attend letter
choose skim
hold
attend urgent
choose answer
delegate walkin kai
attend letter
choose careful
"""


@pytest.fixture(scope="module")
def rush():
    return load_scenario(FIXTURES / "rush.yaml")


def _verbs(sim) -> list[str]:
    return [text.split()[0] for _, text in sim.record]


def _attended(sim) -> list[str]:
    return [text.split()[1] for _, text in sim.record if text.startswith("attend ")]


def test_fcfs_attends_in_arrival_order_and_never_juggles(rush):
    sim = play_bot(rush, first_come_first_served)
    assert _attended(sim) == ["letter", "walkin"]  # the urgent call expired meanwhile
    assert sim.items["urgent"].state == "expired"
    assert not {"hold", "delegate"} & set(_verbs(sim))
    assert sim.is_over


def test_fcfs_knows_every_answer(rush, tiny):
    for scenario in (rush, tiny):
        sim = play_bot(scenario, first_come_first_served)
        chosen = [d for d in sim.decisions if d.node != "delegate"]
        assert chosen and all(d.was_best for d in chosen)


def test_juggling_beats_fcfs_on_the_rush(rush):
    juggled = score(play(rush, parse_actions(JUGGLING_PLAY))).score
    fcfs = score(play_bot(rush, first_come_first_served)).score
    assert juggled > fcfs + 10


def test_idle_does_nothing(rush):
    sim = play_bot(rush, idle)
    assert set(_verbs(sim)) == {"wait"}
    assert not sim.decisions or all(d.node == "delegate" for d in sim.decisions)
    assert all(item.state == "expired" for item in sim.items.values()
               if item.event.id != "walkin") or sim.is_over


@pytest.mark.parametrize("seed", range(6))
def test_random_legal_is_deterministic_and_legal(rush, seed):
    first = play_bot(rush, random_legal(seed))
    again = play_bot(rush, random_legal(seed))
    assert first.record == again.record
    assert first.is_over


def test_random_legal_uses_every_verb(rush):
    verbs: set[str] = set()
    for seed in range(40):
        verbs |= set(_verbs(play_bot(rush, random_legal(seed))))
    assert {"attend", "choose", "hold", "delegate", "wait"} <= verbs


@pytest.mark.parametrize("scenario_id", ["monday-rush", "full-day"])
def test_random_legal_never_breaks_a_library_day(scenario_id):
    scenario = load_scenario(SCENARIOS / f"{scenario_id}.yaml")
    for seed in range(3):
        assert play_bot(scenario, random_legal(seed)).is_over


def test_cherry_picker_by_kind(rush):
    sim = play_bot(rush, cherry_picker(kinds={"patient"}))
    assert _attended(sim) == ["walkin"]
    assert sim.items["walkin"].state == "resolved"


def test_cherry_picker_first_item_only(rush):
    sim = play_bot(rush, cherry_picker(first_only=True))
    assert set(_attended(sim)) == {"letter"}
    assert sim.items["letter"].state == "resolved"


def test_best_choice_is_rubric_weighted(rush):
    sim = play(rush, parse_actions("attend letter\n"), finish=False)
    assert best_choice(sim).id == "skim"
    assert arrival_order(sim) == []


def test_waiting_and_peak_are_measured_from_the_record(rush):
    sim = play(rush, parse_actions(JUGGLING_PLAY))
    assert peak_open(sim) == 3  # letter on hold, the call, the patient at the window
    assert waited_minutes(sim) == 0  # the day closes once everything is done
    idle_day = play_bot(rush, idle)
    assert waiting_share(idle_day) == 1.0


def test_consequences_count_triggers_and_cross_encounter_flags(tiny):
    found = consequences(tiny)
    assert [(c.kind, c.source, c.via) for c in found] == [("trigger", "desk", "followup")]


def _choice(text: str, points: float) -> Choice:
    return Choice(id=text[:5].lower().replace(" ", "_"), text=text, next="end",
                  skills={"communication": points})


def test_cue_score_prefers_professional_wording():
    calm = _choice("Listen, then explain the options and confirm the plan", 1)
    curt = _choice("Just tell them to come back later!", -1)
    assert cue_score(calm, 1, 3) > cue_score(curt, 1, 3)


def test_guesser_hits_and_chance(tiny, rush):
    for scenario in (tiny, rush):
        found = guess(scenario)
        assert 0 <= found.hits <= found.nodes
        assert 0 < found.chance < 1


def test_report_and_table(rush):
    found = report(rush, random_runs=3)
    assert found.fcfs < 80 and found.best is None and found.peak_open_fcfs >= 2
    text = table([found])
    assert text.splitlines()[2].startswith("| rush |")
