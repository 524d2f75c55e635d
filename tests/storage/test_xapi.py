"""xAPI export: one statement per attempt and, on request, one per decision."""

from __future__ import annotations

import re

from sim.engine import Scenario, Simulation
from sim.storage.cohorts import Attempt, service, xapi
from sim.storage.results import parse_result, result_document


def _attempt(sim: Simulation, player: str, seconds: float) -> Attempt:
    result = parse_result(result_document(sim, player=player, mode="assessment",
                                          played_seconds=seconds))
    claimed = result.claimed
    return Attempt("XAPI", result.fingerprint(), player, claimed["score"], claimed["grade"],
                   claimed["passed"], len(claimed["unresolved"]), seconds,
                   "2026-03-02T12:00:00+00:00", "2026-03-02T12:01:00+00:00", result.save.data, 1)


def test_iso_durations() -> None:
    assert xapi.iso_duration(0) == "PT0S"
    assert xapi.iso_duration(59.5) == "PT59.5S"
    assert xapi.iso_duration(3723) == "PT1H2M3S"
    assert xapi.iso_duration(120) == "PT2M"


def test_attempt_and_decision_statements(scenario: Scenario, day) -> None:
    cohort = service.make_cohort("Class", scenario, code="XAPI")
    passed, failed = _attempt(day(), "Ann", 754.25), _attempt(day(poor=True), "Bob", 60)
    plain = xapi.statements(cohort, [passed, failed], base="https://lrs.example/ps/")
    assert len(plain) == 2
    first = plain[0]
    assert first["verb"]["id"].endswith("/passed") and plain[1]["verb"]["id"].endswith("/failed")
    assert first["actor"]["account"] == {"homePage": "https://lrs.example/ps/players",
                                         "name": "Ann"}
    assert first["object"]["id"] == "https://lrs.example/ps/scenarios/storage-day"
    score = first["result"]["score"]
    assert score == {"scaled": round(passed.score / 100, 4), "raw": passed.score, "min": 0,
                     "max": 100}
    assert first["result"]["success"] is True
    # a self-reported attempt: no timestamp, no duration; its claims are marked as such
    assert "duration" not in first["result"] and "timestamp" not in first
    assert "version" not in first
    claims = first["result"]["extensions"]["https://lrs.example/ps/xapi/self-reported"]
    assert claims["played_seconds"] == 754.25 and claims["player"] == "Ann"
    assert first["context"]["extensions"]["https://lrs.example/ps/xapi/provenance"] == \
        "self-reported"
    assert first["context"]["contextActivities"]["grouping"][0]["id"].endswith("/cohorts/XAPI")
    assert re.fullmatch(r"[0-9a-f-]{36}", first["id"])
    full = xapi.statements(cohort, [passed, failed], decisions=True,
                           base="https://lrs.example/ps")
    decisions = passed.result["claimed"]["decisions"]
    assert len(full) == 2 + len(decisions) + len(failed.result["claimed"]["decisions"])
    assert full[0] == first
    one = full[1]
    assert one["verb"]["id"].endswith("/responded")
    assert one["object"]["definition"]["interactionType"] == "choice"
    assert one["result"]["response"] == decisions[0]["chosen"]
    assert one["context"]["statement"] == {"objectType": "StatementRef", "id": first["id"]}
    skill_keys = [k for k in one["result"]["extensions"] if "/skills/" in k]
    assert skill_keys == [f"https://lrs.example/ps/skills/{s}" for s in decisions[0]["earned"]]
    assert len({s["id"] for s in full}) == len(full)
    assert xapi.statements(cohort, [passed, failed], decisions=True,
                           base="https://lrs.example/ps") == full  # stable ids: re-export is safe
    with_choices = xapi.statements(cohort, [passed], decisions=True, scenario=scenario)
    options = [c["id"] for c in with_choices[1]["object"]["definition"]["choices"]]
    assert decisions[0]["chosen"] in options and decisions[0]["best"] in options
    delegation = [s for s in with_choices if s["object"]["id"].endswith("/delegation/delegate")]
    assert [c["id"] for c in delegation[0]["object"]["definition"]["choices"]] == [
        "handle", "delegate"]


def test_proctored_attempts_carry_the_servers_times_and_roster_actors(scenario: Scenario,
                                                                      day) -> None:
    from dataclasses import replace

    from sim.storage.cohorts import Player

    cohort = service.make_cohort("Class", scenario, code="XAPI")
    carol_a = Player("XAPI", "a" * 32, "Carol", "carol@example.org", "2026-03-01T00:00:00")
    carol_b = Player("XAPI", "b" * 32, "Carol", None, "2026-03-01T00:00:00")
    first = replace(_attempt(day(), "Carol", 754.25), provenance="proctored",
                    player_id=carol_a.player_id)
    second = replace(_attempt(day(poor=True), "Carol", 60), player_id=carol_b.player_id)
    out = xapi.statements(cohort, [first, second], decisions=True, players=[carol_a, carol_b])
    statement = out[0]
    assert statement["actor"] == {"objectType": "Agent", "name": "Carol",
                                  "mbox": "mailto:carol@example.org"}
    assert statement["timestamp"] == first.finished_at
    assert statement["result"]["duration"] == "PT12M34.25S"
    assert all("version" not in s for s in out)
    decision = out[1]
    assert decision["timestamp"] == first.finished_at and decision["actor"] == statement["actor"]
    other = next(s for s in out if s["actor"] != statement["actor"])
    assert other["actor"]["account"]["name"] == carol_b.player_id and "timestamp" not in other
