"""Scoring, pinned on plays of the tiny scenario computed by hand."""

from __future__ import annotations

import pytest

from sim.engine import Scenario, run_actions_file
from sim.engine.actions import parse_actions
from sim.engine.decisions import Option, weigh
from sim.engine.replay import play
from sim.engine.scoring import round1, score

STRONG = """
attend ann_desk
choose warm          # communication +2 of range [-1, 2]: 3/3; patient_experience 1/1
09:05 attend call
choose book          # organization: 2/2; not delegating the call: 0/2
09:10 attend followup
choose facts         # communication 4/4 (range [-2, 2]); trust 50 -> 60
"""

DELEGATING = """
wait 5
delegate call jo     # organization 2/2; jo succeeds (draw 0.716 < 0.9): reputation +5
wait 10              # ann expires at 09:10: reputation -10, complaints 1
"""


def components(result) -> dict[str, float | None]:
    data = result.to_dict()
    return {c["id"]: c["score"] for c in data["skills"] + data["outcomes"]}


def test_strong_play_by_hand(tiny: Scenario) -> None:
    result = run_actions_file(tiny, STRONG)
    assert components(result) == {
        "communication": 100.0,     # (3 + 4) / (3 + 4)
        "organization": 50.0,       # (2 + 0) / (2 + 2)
        "patient_experience": 100.0,
        "reputation": 50.0,
        "throughput": 100.0,        # 3 of 3 arrived items resolved
        "physician_trust": 60.0,
    }
    # (2*100 + 50 + 100 + 50 + 100 + 60) / 7 = 80.0
    assert (result.score, result.grade, result.passed) == (80.0, "B", True)
    assert result.day["closed_at"] == "09:30"   # complaint_review never fires, nothing left
    assert [d["was_best"] for d in result.decisions] == [True, True, False, True]
    delegation = result.decisions[2]
    assert delegation["chosen"] == "handle" and delegation["best"] == "delegate"


def test_delegating_play_by_hand(tiny: Scenario) -> None:
    result = run_actions_file(tiny, DELEGATING)
    assert components(result) == {
        "communication": 0.0,       # ann's greet missed: 0 of 3 (warm 2 vs curt -1)
        "organization": 50.0,       # delegation 2/2, the complaint form missed 0/2
        "patient_experience": 0.0,  # ann's greet missed: 0 of 1
        "reputation": 45.0,         # 50 + 5 - 10
        "throughput": 33.3,         # call resolved; ann and the complaint form expired
        "physician_trust": 50.0,
    }
    # (2*0 + 50 + 0 + 45 + 33.3 + 50) / 7 = 25.47 -> 25.5
    assert (result.score, result.grade, result.passed) == (25.5, "F", False)
    assert [e["item"] for e in result.expired] == ["ann_desk", "complaint_review"]
    assert [m["item"] for m in result.missed] == ["ann_desk", "complaint_review"]


def test_delegating_play_under_engine_1(tiny: Scenario) -> None:
    # Engine 1 left skills with no decision out of the mean:
    # (100 + 45 + 33.3 + 50) / 4 = 57.075 -> 57.1
    sim = play(tiny, parse_actions(DELEGATING))
    assert score(sim, engine="1").score == 57.1


def test_a_worst_choice_earns_nothing(tiny: Scenario) -> None:
    result = run_actions_file(tiny, "attend ann_desk\nchoose curt\n")
    first = result.decisions[0]
    assert first["earned"] == {"communication": 0, "patient_experience": 0}
    assert first["possible"] == {"communication": 3, "patient_experience": 1}
    assert first["best"] == "warm" and "respect" in first["best_feedback"]


@pytest.mark.parametrize(
    ("options", "chosen", "earned", "possible", "best"),
    [
        # skills missing from an option count as 0
        ([("a", {"x": 2}), ("b", {"y": 1})], "b", {"x": 0, "y": 1}, {"x": 2, "y": 1}, "a"),
        # equal points everywhere: nothing possible, the chosen option is best
        ([("a", {"x": 1}), ("b", {"x": 1})], "b", {}, {}, "b"),
        # negative points: worst is the floor
        ([("a", {"x": -2}), ("b", {"x": 1}), ("c", {})], "c", {"x": 2}, {"x": 3}, "b"),
        # ties on weighted value go to file order
        ([("a", {"x": 1}), ("b", {"x": 1}), ("c", {})], "c", {"x": 0}, {"x": 1}, "a"),
    ],
)
def test_weigh(options, chosen, earned, possible, best) -> None:
    opts = [Option(i, i, "", s) for i, s in options]
    chosen_option = next(o for o in opts if o.id == chosen)
    got_earned, got_possible, got_best = weigh(opts, chosen_option, {"x": 1, "y": 1})
    assert (got_earned, got_possible, got_best.id) == (earned, possible, best)


def test_best_option_follows_rubric_weights() -> None:
    opts = [Option("a", "", "", {"x": 3}), Option("b", "", "", {"y": 2})]
    assert weigh(opts, opts[0], {"x": 1, "y": 2})[2].id == "b"


@pytest.mark.parametrize(("value", "rounded"),
                         [(57.075, 57.1), (33.3333, 33.3), (0.05, 0.1), (99.95, 100.0),
                          (12.34, 12.3)])
def test_round_half_up(value: float, rounded: float) -> None:
    assert round1(value) == rounded
