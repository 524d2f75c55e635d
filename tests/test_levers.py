"""The levers of format v1 for pressure (issue 10): waiting costs, interruptions, the queue in
arrival order, waiting until the next arrival, delegation with a real choice, and variants."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.authoring.explore import explore
from sim.authoring.lint import check_file
from sim.authoring.moves import PlayState, moves
from sim.engine import ActionError, ReplayError, Simulation, load_scenario, replay_record, score
from sim.engine.actions import parse_actions
from sim.engine.loader import check_source
from sim.engine.replay import play

FIXTURES = Path(__file__).parent / "fixtures"
LEVERS = FIXTURES / "levers.yaml"


@pytest.fixture(scope="module")
def levers():
    return load_scenario(LEVERS)


def _day(scenario, text: str = "", seed: int | None = None) -> Simulation:
    return play(scenario, parse_actions(text), seed=seed, finish=False)


def _interrupted(levers) -> Simulation:
    """09:00 with Sam; his first answer runs to 09:03, and line 2 rings at 09:02."""
    return _day(levers, "attend chat\nchoose hear\n")


# -- waiting costs -------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(minutes=st.integers(min_value=1, max_value=30))
def test_staff_and_physicians_lose_meters_while_their_items_wait(levers, minutes):
    sim = _day(levers)
    sim.wait(minutes)
    assert sim.people["sam"].meters["morale"] == max(0, 60 - minutes * 1)
    assert sim.people["doc"].meters["trust"] == max(0, 60 - minutes * 0.5)
    assert sim.people["ana"].meters["morale"] == 50  # nothing of hers waits


def test_the_person_you_are_with_does_not_pay_for_your_minutes(levers):
    sim = _day(levers, "attend chat\nchoose hear\n")  # three minutes with Sam
    sim.apply("defer ring")
    assert sim.people["sam"].meters["morale"] == 60
    assert sim.people["doc"].meters["trust"] == 60 - 3 * 0.5


def test_without_the_new_keys_nothing_decays(tiny):
    sim = _day(tiny)
    sim.wait(5)
    assert sim.people["lee"].meters["trust"] == 50
    assert tiny.morale_decay == tiny.trust_decay == 0


# -- the queue -----------------------------------------------------------------------------------
def test_the_queue_is_in_arrival_order_whatever_the_patience(levers):
    sim = _day(levers)
    sim.wait(6)  # chat (40), question (60), ring (6), records (50)
    assert [item.id for item in sim.queue()] == ["chat", "question", "ring", "records"]
    sim.apply("attend question")
    sim.apply("hold")  # back where it was, not to the end
    assert [item.id for item in sim.queue()] == ["chat", "question", "ring", "records"]


@pytest.mark.parametrize(("limit", "expected"), [(5, 2), (1, 1), (2, 2)])
def test_wait_step_stops_at_the_next_arrival(levers, limit, expected):
    sim = _day(levers)  # 09:00; line 2 rings at 09:02
    assert sim.wait_step(limit) == expected


def test_wait_step_stops_when_a_colleague_comes_back(levers):
    sim = _day(levers, "09:05 delegate records ana\n")  # back at 09:11
    sim.wait(4)  # 09:10
    assert sim.next_arrival() is not None and sim.wait_step(5) == 1


# -- interruptions -------------------------------------------------------------------------------
def test_an_interruption_asks_at_once(levers):
    sim = _interrupted(levers)
    assert sim.clock == 9 * 60 + 3
    assert sim.interruption() is not None and sim.interruption().id == "ring"
    for action in ("choose swap", "hold", "attend question", "delegate records ana"):
        with pytest.raises(ActionError, match="interrupting"):
            sim.apply(action)
    sim.apply("wait 1")  # time may pass (the phone rings on)
    assert sim.interruption() is not None


def test_taking_it_puts_the_conversation_on_hold(levers):
    sim = _interrupted(levers)
    sim.apply("take ring")
    assert sim.focus is not None and sim.focus.id == "ring"
    assert sim.items["chat"].state == "on_hold"
    assert sim.people["sam"].meters["morale"] == 60 - 5  # the usual cost of a hold
    decision = sim.decisions[-1]
    assert (decision.node, decision.chosen, decision.was_best) == ("interrupt", "take", True)
    sim.apply("choose note")
    sim.apply("attend chat")
    assert sim.node() is not None and sim.node().id == "settle"  # picks up where it was


def test_letting_it_wait_keeps_the_conversation(levers):
    sim = _interrupted(levers)
    sim.apply("defer ring")
    assert sim.focus is not None and sim.focus.id == "chat"
    ring = sim.items["ring"]
    assert ring.state == "queued" and ring.patience == 30  # voicemail: it will wait longer
    assert sim.practice["reputation"] == 59
    assert sim.log[-1].text == "The call went to voicemail."
    decision = sim.decisions[-1]
    assert (decision.chosen, decision.best, decision.was_best) == ("wait", "take", False)


def test_no_interruption_when_you_are_with_nobody(levers):
    sim = _day(levers)
    sim.wait(3)
    assert sim.interruption() is None and sim.items["ring"].state == "queued"


def test_an_unanswered_interruption_counts_as_letting_it_wait(levers):
    sim = _interrupted(levers)
    sim.wait(10)  # ring's six minutes run out while it rings
    assert sim.items["ring"].state == "expired"
    assert sim.interruption() is None
    assert [d.chosen for d in sim.decisions if d.node == "interrupt"] == ["wait"]
    assert sim.items["ring"].patience <= 0


def test_wrong_answers_to_an_interruption_are_refused(levers):
    sim = _interrupted(levers)
    with pytest.raises(ActionError, match="is the interruption"):
        sim.apply("take records")
    fresh = _day(levers)
    with pytest.raises(ActionError, match="nothing is interrupting"):
        fresh.apply("defer ring")


def test_explore_answers_interruptions_first(levers):
    sim = _interrupted(levers)
    assert moves(sim, PlayState()) == ["take ring", "defer ring"]


@pytest.mark.parametrize("answer", ["take", "defer"])
def test_interruptions_replay_from_the_record(levers, answer):
    sim = _interrupted(levers)
    sim.apply(f"{answer} ring")
    sim.wait(20)
    record = score(sim).replay
    again = replay_record(levers, record["seed"], record["actions"])
    assert score(again).to_dict() == score(sim).to_dict()


# -- delegation ----------------------------------------------------------------------------------
def test_strengths_change_the_odds(levers):
    sim = _day(levers, "wait 5\n")
    records = sim.items["records"]
    ana, ben = sim.people["ana"], sim.people["ben"]
    assert sim.delegation_odds(records, ana) > sim.delegation_odds(records, ben)
    # Ben's strength is the phone, not records: 50 - 30 = 20 skill for this one.
    assert sim.delegation_odds(records, ben) == pytest.approx(0.2 + 0.7 * (0.6 * 20 + 0.4 * 50)
                                                              / 100)


@pytest.mark.parametrize(("staff", "was_best", "earned"), [("ana", True, 3), ("ben", False, 0)])
def test_whom_you_delegate_to_is_scored(levers, staff, was_best, earned):
    sim = _day(levers, f"09:05 delegate records {staff}\n")
    decision = next(d for d in sim.decisions if d.node == "delegate")
    assert decision.best == "ana" and decision.was_best is was_best
    assert decision.earned["organization"] == earned  # out of 3: from -2 (Ben) to 1 (Ana)
    if staff == "ben":
        assert "Ana's" in decision.feedback
        assert decision.reason.startswith("Handing it over was right, but to Ana Silva")


def test_handling_it_yourself_beats_a_wrong_delegation(levers):
    sim = _day(levers, "09:05 attend records\nchoose log_it\n")
    decision = next(d for d in sim.decisions if d.node == "delegate")
    assert (decision.chosen, decision.best) == ("handle", "ana")
    assert decision.earned["organization"] == 2  # better than Ben (-2), short of Ana (1)


@pytest.mark.parametrize(("engine", "earned"), [("2", 2), ("3", 0)])
def test_an_item_left_unattended_earns_nothing_for_keeping_it(levers, engine, earned):
    # Nobody touches the records request all day. Engine 2 settled its delegation decision as
    # "handled it yourself" (2 of 3: better than Ben's -2), so idling scored; engine 3 scores
    # what happened: nobody did the work.
    sim = play(levers, [], finish=True)
    decision = next(d for d in sim.decisions if d.item == "records" and d.node == "delegate")
    assert decision.unattended
    scored = next(d for d in score(sim, engine=engine).decisions
                  if d["item"] == "records" and d["node"] == "delegate")
    assert scored["earned"]["organization"] == earned
    assert scored["possible"]["organization"] == 3
    assert (scored["chosen"] == "unattended") is (engine == "3")


def test_finishing_it_yourself_is_not_unattended(levers):
    sim = play(levers, parse_actions("09:05 attend records\nchoose log_it\n"), finish=True)
    decision = next(d for d in sim.decisions if d.item == "records" and d.node == "delegate")
    assert not decision.unattended
    scored = next(d for d in score(sim).decisions if d["item"] == "records"
                  and d["node"] == "delegate")
    assert (scored["chosen"], scored["earned"]["organization"]) == ("handle", 2)


def test_without_candidates_the_delegation_decision_is_as_before(tiny):
    sim = _day(tiny, "09:05 delegate call jo\n")
    decision = next(d for d in sim.decisions if d.node == "delegate")
    assert (decision.chosen, decision.best) == ("delegate", "delegate")


# -- variants ------------------------------------------------------------------------------------
def test_walk_ins_draw_their_encounter_from_the_seed(levers):
    drawn: Counter[str] = Counter()
    for seed in range(12):
        sim = Simulation(levers, seed)
        sim.start()
        sim.wait(levers.end - sim.clock)
        for item in sim.items.values():
            if item.id.startswith("walk_in-"):
                drawn[item.encounter] += 1
        again = Simulation(levers, seed)
        again.start()
        again.wait(levers.end - again.clock)
        assert [i.encounter for i in again.items.values()] == \
            [i.encounter for i in sim.items.values()]
    assert set(drawn) == {"walk_short", "walk_long"}


def test_a_closing_line_reflects_what_happened(levers):
    heard = _day(levers, "attend chat\nchoose hear\ndefer ring\nchoose swap\n"
                 "attend question\nchoose facts\n")
    brushed = _day(levers, "attend chat\nchoose brush\nattend question\nchoose facts\n")
    assert "Sam's Thursdays" in heard.last_feedback.closing[1]
    assert brushed.last_feedback.closing[1] == "Thanks."


# -- validation and lint -------------------------------------------------------------------------
BROKEN = {
    "candidate not in to": ("      candidates:\n        ben:", "      candidates:\n        sam:",
                            "'sam' is not in this delegation's to"),
    "unknown strength": ("strengths: {records: 40}", "strengths: {recrods: 40}",
                         "no item kind or event tag 'recrods'"),
    "bad variant condition": ("{when: flags.sam_heard,", "{when: flags.sam_herd,",
                              "sam_herd"),
    "both encounter keys": ("    encounters: {walk_short: 1, walk_long: 1}",
                            "    encounter: walk_short\n    encounters: {walk_short: 1}",
                            "either encounter: or encounters:"),
    "patience on take": ("      take: {text: Answer line 2,", "      take: {patience: 3, text: "
                         "Answer line 2,", "unknown key 'patience'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_mistakes_in_the_new_keys_are_errors(case):
    old, new, message = BROKEN[case]
    text = LEVERS.read_text(encoding="utf-8")
    assert old in text
    scenario, problems = check_source(text.replace(old, new).encode(), "levers.yaml")
    assert scenario is None
    assert any(message in problem.message for problem in problems), problems


@pytest.mark.parametrize(("old", "new", "rule"), [
    ("      feedback: Records requests are routine for a trained clerk.\n", "",
     "delegation-no-feedback"),
    ("             feedback: A lab calling back can't wait; Sam can.}", "}",
     "interruption-no-feedback"),
    ("{when: flags.sam_heard,", "{when: flags.sam_heard and not flags.sam_heard,",
     "never-offered"),
])
def test_lint_explains_delegations_interruptions_and_variants(tmp_path, old, new, rule):
    text = LEVERS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "levers.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert check_file(LEVERS) == []
    assert any(f"[{rule}]" in problem.message for problem in check_file(path))


def test_explore_plays_every_lever_without_errors(levers):
    report = explore(levers, runs=40, do_search=False)
    assert not report.runtime_errors and not report.dead_ends
    assert not report.coverage.missing_choices


def test_a_copy_mid_interruption_is_independent(levers):
    sim = _interrupted(levers)
    twin = sim.copy()
    twin.apply("take ring")
    assert sim.interruption() is not None and sim.focus.id == "chat"
    assert twin.interruption() is None and twin.focus.id == "ring"
    sim.apply("take ring")
    assert [d.chosen for d in sim.decisions] == [d.chosen for d in twin.decisions]


def test_attending_a_walk_in_too_early_says_when_it_is_due(levers):
    with pytest.raises(ReplayError) as raised:
        _day(levers, "attend walk_in-1\n")
    assert "'walk_in-1' is due at 09:20: wait until then" in raised.value.message


def test_a_candidate_has_its_own_success_and_failure(levers, tmp_path):
    text = LEVERS.read_text(encoding="utf-8").replace(
        '''feedback: "Ben isn't trained on releases: a records request is Ana's."}''',
        '''feedback: "Ben isn't trained on releases: a records request is Ana's.",
              success: {log: "Ben sent the records, without checking the authorization.",
                        effects: {practice.compliance: -10}},
              failure: {log: "Ben gave up on the records request."}}''')
    path = tmp_path / "levers.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_file(path) == []
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("practice.compliance: -10", "practice.complaince: -10"),
                      encoding="utf-8")
    assert any("complaince" in problem.message for problem in check_file(broken))
    own = load_scenario(path)
    logs = {}
    for seed in range(40):
        for staff in ("ana", "ben"):
            sim = _day(own, f"09:05 delegate records {staff}\nwait 10\n", seed=seed)
            entry = next(e for e in sim.log if e.kind in ("delegated", "returned"))
            logs[(staff, entry.kind)] = (entry.text, sim.practice["compliance"])
    assert logs[("ben", "delegated")] == (
        "Ben sent the records, without checking the authorization.", 50)
    assert logs[("ben", "returned")][0] == "Ben gave up on the records request."
    assert logs[("ana", "delegated")][0] == "Ana Silva handled 'A records request'."
    assert logs[("ana", "delegated")][1] == 60  # the item's own success: no effects
