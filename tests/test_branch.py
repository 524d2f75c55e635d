"""Branching a day at a decision: the prefix replays exactly, then the other answer is taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import load_scenario, play, score
from sim.engine.actions import parse_actions
from sim.engine.branch import alternatives, before, branch, branch_points

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.fixture(scope="module", params=["orientation", "monday-rush"])
def played(request):
    scenario = load_scenario(SCENARIOS / f"{request.param}.yaml")
    actions = parse_actions((SCENARIOS / f"{request.param}.poor.actions").read_text())
    return scenario, play(scenario, actions)


def test_every_answered_decision_is_a_branch_point(played) -> None:
    scenario, sim = played
    points = branch_points(scenario, sim.seed, sim.record)
    answered = [n for n, d in enumerate(sim.decisions) if d.node != "delegate"]
    assert [p.decision for p in points] == answered
    for point in points:
        assert sim.record[point.action][1] == f"choose {point.chosen}"
        assert sim.decisions[point.decision].chosen == point.chosen


def test_the_prefix_stops_at_the_decisions_node(played) -> None:
    scenario, sim = played
    for point in branch_points(scenario, sim.seed, sim.record)[:4]:
        prefix = before(scenario, sim.seed, sim.record, point)
        assert prefix.focus is not None and prefix.focus.id == point.item
        assert prefix.node().id == point.node
        assert prefix.decisions == sim.decisions[:len(prefix.decisions)]
        assert point.chosen in {c.id for c in alternatives(scenario, sim.seed, sim.record,
                                                           point)}


def test_a_branch_takes_the_other_answer_and_leaves_the_original_alone(played) -> None:
    scenario, sim = played
    original = score(sim).score
    record = list(sim.record)
    point = branch_points(scenario, sim.seed, sim.record)[0]
    other = next(c.id for c in alternatives(scenario, sim.seed, record, point)
                 if c.id != point.chosen)
    new = branch(scenario, sim.seed, record, point, other)
    assert new.record[:point.action] == record[:point.action]
    assert new.record[point.action][1] == f"choose {other}"
    assert new.decisions[point.decision].chosen == other
    assert sim.record == record and score(sim).score == original


def test_the_same_answer_or_an_unknown_one_is_refused(played) -> None:
    scenario, sim = played
    point = branch_points(scenario, sim.seed, sim.record)[0]
    with pytest.raises(ValueError, match="the answer you gave"):
        branch(scenario, sim.seed, sim.record, point, point.chosen)
    with pytest.raises(ValueError, match="wasn't available"):
        branch(scenario, sim.seed, sim.record, point, "no_such_choice")
