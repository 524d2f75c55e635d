"""The missed-decisions rule (engine 2), pinned on plays computed by hand.

Fixture: tests/fixtures/missed.yaml (09:00-09:30). intake (09:00, patience 100) asks at `ask`
(a: communication 2, sets flags.asked; b: 0; c: -1) then at `confirm` (x: organization 3,
only when flags.asked; y: 1; z: 0). fax (09:01, patience 12) picks match (compliance 2),
shred (-2) or pile (0); delegating it to Sam (20% odds, draw 0.546: fails) is worth
organization 1. doc (09:02, patience 100) asks q: facts (communication 2), vague (0),
blame (-2). Rubric: communication x2, organization x1, compliance x1, throughput x1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Scenario, load_scenario, run_actions_file
from sim.engine.replay import play
from sim.engine.scoring import score

MISSED = Path(__file__).parent / "fixtures" / "missed.yaml"


@pytest.fixture(scope="module")
def clinic() -> Scenario:
    return load_scenario(MISSED)


def components(result) -> dict[str, float | None]:
    data = result.to_dict()
    return {c["id"]: c["score"] for c in data["skills"] + data["outcomes"]}


def missed_summary(result) -> list[tuple[str, str, str, dict, list[str]]]:
    return [(m["item"], m["status"], m["what"], m["possible"], [n["best"] for n in m["nodes"]])
            for m in result.missed]


def test_held_after_the_first_answer_and_never_resumed(clinic: Scenario) -> None:
    result = run_actions_file(clinic, "attend intake\nchoose b\nhold\n")
    # Played: ask b earns communication 1 of 3 (range [-1, 2]).
    # Missed: intake stands at confirm with flags.asked false, so x is not available: y vs z,
    # organization 1; the fax expired at 09:13 (12 minutes from 09:01): match vs shred,
    # compliance 4; doc was never attended: facts vs blame, communication 4. The fax's
    # delegation decision (not delegated) adds organization 0 of 1, as in engine 1.
    assert missed_summary(result) == [
        ("intake", "on_hold", "on hold at the close", {"organization": 1}, ["y"]),
        ("fax", "expired", "expired at 09:13", {"compliance": 4}, ["match"]),
        ("doc", "queued", "left open, never attended", {"communication": 4}, ["facts"]),
    ]
    assert components(result) == {
        "communication": 14.3,   # 1 / (3 + 4)
        "organization": 0.0,     # 0 / (1 + 1)
        "compliance": 0.0,       # 0 / 4
        "throughput": 0.0,       # nothing resolved
    }
    # (2 x 14.3 + 0 + 0 + 0) / 5 = 5.72 -> 5.7
    assert result.score == 5.7
    assert result.missed[0]["first_reply"] == "Give her the booking line's number."
    assert result.missed[0]["first_feedback"] == "She will have to call."


def test_failed_delegation_then_expired(clinic: Scenario) -> None:
    result = run_actions_file(clinic, "wait 1\ndelegate fax sam\nwait 2\nattend intake\n"
                                      "choose a\nchoose x\nattend doc\nchoose facts\n")
    # Sam is back at 09:04 and fails; the fax returns with its 12 minutes of patience and
    # expires at 09:16. Delegating still earns organization 1 of 1 (the delegation rule is
    # unchanged); everything else was handled at its best.
    assert missed_summary(result) == [
        ("fax", "expired", "expired at 09:16", {"compliance": 4}, ["match"]),
    ]
    assert components(result) == {
        "communication": 100.0,  # (3 + 4) / (3 + 4)
        "organization": 100.0,   # (1 + 3) / (1 + 3)
        "compliance": 0.0,       # 0 / 4
        "throughput": 66.7,      # 2 of 3 resolved
    }
    # (2 x 100 + 100 + 0 + 66.7) / 5 = 73.34 -> 73.3
    assert result.score == 73.3
    delegation = next(d for d in result.decisions if d["node"] == "delegate")
    assert (delegation["chosen_text"], delegation["delegated_to"], delegation["outcome"]) == \
        ("Delegate it to Sam Reyes", "sam", "failed")
    assert "Sam Reyes (unlikely to manage it, 20%)" in delegation["feedback"]


def test_closing_with_the_focus_open(clinic: Scenario) -> None:
    result = run_actions_file(clinic, "attend intake\nchoose a\n")
    # The player waits out the day with intake in focus at confirm; flags.asked is true, so
    # x is available: organization 3 (x 3 vs z 0).
    assert missed_summary(result)[0] == \
        ("intake", "in_progress", "still in your hands at the close", {"organization": 3}, ["x"])
    assert components(result) == {
        "communication": 42.9,   # 3 / (3 + 4)
        "organization": 0.0,     # 0 / (1 + 3)
        "compliance": 0.0,
        "throughput": 0.0,
    }
    # (2 x 42.9) / 5 = 17.16 -> 17.2
    assert result.score == 17.2


def test_an_idle_day_by_hand(tiny: Scenario) -> None:
    # tiny.yaml, nothing done: ann expires at 09:10 (reputation 50 - 10 = 40, complaints 1),
    # the call expires at 09:10, the complaint form arrives at 09:30 and expires at 09:40.
    # Missed: ann's greet (warm vs curt: communication 3, patient_experience 1; `again` needs
    # flags.calmed), the call's ask and the complaint form's ask (organization 2 each); the
    # call's delegation decision adds organization 0 of 2.
    result = run_actions_file(tiny, "")
    assert [(m["item"], m["possible"]) for m in result.missed] == [
        ("ann_desk", {"communication": 3, "patient_experience": 1}),
        ("call", {"organization": 2}),
        ("complaint_review", {"organization": 2}),
    ]
    assert components(result) == {
        "communication": 0.0, "organization": 0.0, "patient_experience": 0.0,
        "reputation": 40.0, "throughput": 0.0, "physician_trust": 50.0,
    }
    # (2 x 0 + 0 + 0 + 40 + 0 + 50) / 7 = 12.857 -> 12.9; engine 1 left the skills out:
    # (0 + 40 + 0 + 50) / 4 = 22.5
    assert result.score == 12.9
    sim = play(tiny, [])
    assert score(sim, engine="1").score == 22.5


def test_the_best_line_never_changes_the_day(clinic: Scenario) -> None:
    sim = play(clinic, [])
    before = (dict(sim.flags), {k: dict(p.meters) for k, p in sim.people.items()},
              dict(sim.practice))
    score(sim)
    assert before == (dict(sim.flags), {k: dict(p.meters) for k, p in sim.people.items()},
                      dict(sim.practice))


def test_a_day_that_misses_nothing_scores_as_under_engine_1(tiny: Scenario) -> None:
    sim = play(tiny, [], finish=False)
    for action in ["attend ann_desk", "choose warm", "09:05 attend call", "choose book",
                   "09:10 attend followup", "choose facts"]:
        sim.apply(action)
    sim.wait(60)
    assert score(sim).missed == [] and score(sim).score == score(sim, engine="1").score == 80.0


def test_engine_1_results_keep_their_shape(tiny: Scenario) -> None:
    legacy = score(play(tiny, []), engine="1").to_dict()
    assert "missed" not in legacy and legacy["replay"]["engine_version"] == "1"
    assert all("outcome" not in d for d in legacy["decisions"])
    with pytest.raises(ValueError, match="engine '9'"):
        score(play(tiny, []), engine="9")


def test_the_text_report_lists_missed_items_and_delegation_outcomes(clinic: Scenario) -> None:
    from sim.cli.run import format_result

    result = run_actions_file(clinic, "wait 1\ndelegate fax sam\nwait 2\nattend intake\n"
                                      "choose b\nhold\n")
    text = format_result(result.to_dict())
    assert "you: Delegate it to Sam Reyes (it failed: it came back to you)" in text
    assert "  Pat Lin checks in: on hold at the close\n" \
           "     best first reply: Give her the booking line's number." in text
    assert "  A fax of lab results: expired at 09:16" in text


@pytest.mark.parametrize("seed", range(6))
def test_the_scratch_copy_made_late_sees_what_one_made_first_sees(seed: int) -> None:
    """Best lines change the day's values only for the conditions they reach: a scratch copy
    made at the first condition (with the changes before it applied in order) gives every
    bundled day's missed items exactly as a copy made at the start."""
    from sim.engine import missed
    from sim.engine.snapshot import copy_values
    from tests.random_play import ROOT, random_play

    for path in [MISSED, *sorted(ROOT.glob("scenarios/*.yaml"))]:
        sim = random_play(load_scenario(path), seed)
        early = missed.Scratch(sim)
        early.copy = copy_values(sim)
        eager = [missed._missed(sim, early, item, True) for item in sim.items.values()
                 if item.state != "resolved"]
        assert missed.missed_items(sim) == eager, path.name


def test_a_held_line_follows_the_flags_of_its_own_day(clinic: Scenario) -> None:
    """The best line from a node whose choices have conditions is worked out for each day
    (the module's scenario object keeps lines of earlier days: none may stand in)."""
    for _ in range(2):
        unasked = run_actions_file(clinic, "attend intake\nchoose b\nhold\n")
        asked = run_actions_file(clinic, "attend intake\nchoose a\nhold\n")
        assert [n["best"] for n in unasked.missed[0]["nodes"]] == ["y"]
        assert [n["best"] for n in asked.missed[0]["nodes"]] == ["x"]


def test_each_missed_walk_in_is_named_in_its_own_line(tmp_path: Path) -> None:
    """Lines kept for later days are kept per subject: every walk-in left waiting is named
    in the prompt and best reply of its own missed line, whatever was scored before."""
    text = (Path(__file__).parent / "fixtures" / "walkins.yaml").read_text(encoding="utf-8")
    text = text.replace("text: Can someone see me today?",
                        'text: "{patient.name} asks: can someone see me today?"')
    text = text.replace("feedback: Cancellations are hidden capacity.",
                        'feedback: "{patient.name} gets seen: cancellations are capacity."')
    path = tmp_path / "walkins.yaml"
    path.write_text(text, encoding="utf-8")
    walkins = load_scenario(path)
    for seed in (1, 2, 1):
        result = score(play(walkins, [], seed=seed))
        assert len(result.missed) > 3
        for missed in result.missed:
            name = missed["title"].removesuffix(" at the window")
            assert missed["nodes"][0]["prompt"].startswith(f"{name} asks")
            assert missed["first_feedback"].startswith(f"{name} gets seen")
