"""The cohort store and its rules, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation, load_scenario
from sim.storage.cohorts import StoreError, open_store, service
from sim.storage.cohorts import leaderboard as boards
from sim.storage.results import ResultFile, parse_result, result_document

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _result(sim: Simulation, player: str = "Ann", mode: str = "assessment") -> ResultFile:
    return parse_result(result_document(sim, player=player, mode=mode, played_seconds=90))


@pytest.fixture
def store(store_url: str):
    """An open, empty store."""
    opened = open_store(store_url)
    yield opened
    opened.close()


def test_create_and_get(store, scenario: Scenario) -> None:
    cohort = service.create(store, service.make_cohort("Week 1", scenario, seed=11,
                                                       policy="first"))
    assert len(cohort.code) == service.CODE_LENGTH
    got = store.get_cohort(cohort.code)
    assert got == cohort
    assert (got.scenario_sha256, got.seed, got.policy) == (scenario.sha256, 11, "first")
    assert store.get_cohort("NOPE") is None


def test_duplicate_code_is_refused_and_random_codes_retry(store, scenario: Scenario) -> None:
    store.create_cohort(service.make_cohort("A", scenario, code="abc-123"))
    with pytest.raises(StoreError):
        store.create_cohort(service.make_cohort("B", scenario, code="ABC123"))
    again = service.create(store, service.make_cohort("C", scenario, code="ABC123"))
    assert again.code != "ABC123" and store.get_cohort(again.code).name == "C"


def test_store_reopens_with_its_data(store_url: str, scenario: Scenario) -> None:
    first = open_store(store_url)
    service.create(first, service.make_cohort("Keep", scenario, code="KEEP01"))
    first.close()
    second = open_store(store_url)
    assert second.get_cohort("KEEP01").name == "Keep"
    second.close()


def test_submit_verifies_and_is_idempotent(store, scenario: Scenario,
                                           finished: Simulation) -> None:
    cohort = service.create(store, service.make_cohort("W", scenario, code="W1"))
    result = _result(finished)
    first = service.submit(store, "w1", result, at=NOON)
    assert (first.outcome, first.ok) == ("accepted", True)
    assert first.attempt is not None and first.attempt.score == result.score
    again = service.submit(store, "W1", result, at=NOON)
    assert again.outcome == "duplicate" and again.attempt.id == first.attempt.id
    stored = store.attempts(cohort.code)
    assert len(stored) == 1
    assert stored[0].result == result.save.data
    assert stored[0].submitted_at == NOON.isoformat()


def test_a_batch_commits_its_submissions_together(store_url: str, scenario: Scenario,
                                                 finished: Simulation) -> None:
    store = open_store(store_url)
    service.create(store, service.make_cohort("B", scenario, code="BATCH1"))
    with pytest.raises(RuntimeError), store.batch():
        assert service.submit(store, "BATCH1", _result(finished, "Ann"), at=NOON).ok
        raise RuntimeError("the process dies mid-batch")
    assert store.attempts("BATCH1") == []  # rolled back as a whole
    with store.batch():
        for player in ("Ann", "Bo", "Cy"):
            assert service.submit(store, "BATCH1", _result(finished, player), at=NOON).ok
        with store.batch():  # a nested batch joins the outer one
            again = service.submit(store, "BATCH1", _result(finished, "Bo"), at=NOON)
        assert again.outcome == "duplicate"
    store.close()
    other = open_store(store_url)  # committed: another connection sees all three
    assert [a.player for a in other.attempts("BATCH1")] == ["Ann", "Bo", "Cy"]
    other.close()


def test_submit_rejects_with_reasons(store, scenario: Scenario, finished: Simulation,
                                     scenario_path: Path) -> None:
    service.create(store, service.make_cohort("Seeded", scenario, seed=99, code="SEED"))
    service.create(store, service.make_cohort("Live", scenario, mode="coaching", code="LIVE"))
    service.create(store, service.make_cohort("Open", scenario, code="OPEN"))
    honest = _result(finished)
    assert service.submit(store, "SEED", honest).kind == "seed"
    assert service.submit(store, "LIVE", honest).kind == "mode"
    assert service.submit(store, "NONE", honest).kind == "no_cohort"
    edited = json.loads(json.dumps(honest.save.data))
    edited["claimed"]["score"] = 100.0
    rejected = service.submit(store, "OPEN", parse_result(edited))
    assert (rejected.outcome, rejected.kind) == ("rejected", "score")
    other = dict(honest.save.data, cohort="ELSEWHERE")
    assert service.submit(store, "OPEN", parse_result(other)).kind == "cohort"
    text = scenario_path.read_text(encoding="utf-8")
    scenario_path.write_text(text.replace("version: 1", "version: 2", 1), encoding="utf-8")
    newer = service.create(store, service.make_cohort("New", load_scenario(scenario_path),
                                                      code="NEWER"))
    assert service.submit(store, newer.code, honest).kind == "scenario_version"
    assert store.attempts("OPEN") == [] and store.attempts("SEED") == []


def test_window(store, scenario: Scenario, finished: Simulation) -> None:
    service.create(store, service.make_cohort(
        "Window", scenario, code="WIN", opens="2026-03-02T09:00:00+00:00",
        closes="2026-03-02T17:00:00+00:00"))
    result = _result(finished)
    early = service.submit(store, "WIN", result, at=datetime(2026, 3, 2, 8, tzinfo=UTC))
    late = service.submit(store, "WIN", result, at=datetime(2026, 3, 2, 17, tzinfo=UTC))
    assert (early.kind, late.kind) == ("window", "window")
    assert service.submit(store, "WIN", result, at=NOON).outcome == "accepted"
    with pytest.raises(ValueError):
        service.make_cohort("Backwards", scenario, opens="2026-03-02", closes="2026-03-01")


def test_changed_scenario_file_rejects_until_restored(store, scenario: Scenario,
                                                      finished: Simulation,
                                                      scenario_path: Path) -> None:
    service.create(store, service.make_cohort("W", scenario, code="FIX"))
    original = scenario_path.read_text(encoding="utf-8")
    scenario_path.write_text(original + "\n# edited\n", encoding="utf-8")
    missing = service.submit(store, "FIX", _result(finished))
    assert missing.kind == "scenario_missing" and "changed or was removed" in missing.reason
    scenario_path.write_text(original, encoding="utf-8")
    assert service.submit(store, "FIX", _result(finished)).outcome == "accepted"


def test_leaderboard_policies_ties_and_stats(store, scenario: Scenario, day) -> None:
    best = service.create(store, service.make_cohort("Best", scenario, code="BEST"))
    first = service.create(store, service.make_cohort("First", scenario, policy="first",
                                                      code="FIRST"))
    strong, weak, partial = day(), day(poor=True), day(6)
    plays = [("Ann", weak), ("Ann", strong), ("Bob", strong), ("Cy", partial), ("Dee", weak)]
    for code in (best.code, first.code):
        for player, sim in plays:
            assert service.submit(store, code, _result(sim, player)).ok
    by_best = boards.build(best, store.attempts("BEST"))
    by_first = boards.build(first, store.attempts("FIRST"))
    weak_score = _result(weak).score
    strong_score = _result(strong).score
    assert [(e.player, e.attempt.score) for e in by_best.entries][:2] == [
        ("Ann", strong_score), ("Bob", strong_score)]  # tie: earlier submission first
    assert by_best.entries[0].attempts == 2 and by_best.total_attempts == 5
    assert by_first.rank_of("Ann") > by_first.rank_of("Bob")
    assert next(e for e in by_first.entries if e.player == "Ann").attempt.score == weak_score
    assert [e.rank for e in by_best.entries] == [1, 2, 3, 4]
    summary = by_best.distribution()
    assert summary["count"] == 4 and sum(summary["bands"].values()) == 4
    assert summary["max"] == strong_score
    assert 0 < by_best.pass_rate < 1
    leader = by_best.skill_leaders["communication"]
    assert "Ann" in leader[1] and "Bob" in leader[1]
    data = json.loads(json.dumps(by_best.to_dict()))
    assert data["entries"][0]["player"] == "Ann" and data["cohort"]["code"] == "BEST"
    assert boards.to_csv(by_best).splitlines()[1].startswith("1,Ann,")
    text = boards.format_text(by_best, highlight="Bob")
    assert ">  2  Bob" in text and "Pass rate" in text


def test_unresolved_breaks_score_ties(scenario: Scenario) -> None:
    from sim.storage.cohorts import Attempt

    cohort = service.make_cohort("T", scenario, code="TIE")

    def attempt(player: str, score: float, unresolved: int, number: int) -> Attempt:
        return Attempt("TIE", f"f{number}", player, score, "B", True, unresolved, 0, "", "",
                       {}, number)

    board = boards.build(cohort, [attempt("late-clean", 80, 0, 3), attempt("early-open", 80, 2, 1),
                                  attempt("early-clean", 80, 0, 2), attempt("top", 81, 5, 4)])
    assert [e.player for e in board.entries] == ["top", "early-clean", "late-clean",
                                                 "early-open"]


HOSTILE = ("[bold red]boss[/] [link=https://evil.example]x[/link] \x1b[2J\x1b]0;owned\x07"
           "\u202eevil =cmd|' /C calc'!A0 " + "é" * 10_000)


def test_hostile_names_are_stored_exactly_and_shown_safely(store, scenario: Scenario,
                                                           finished: Simulation) -> None:
    cohort = service.create(store, service.make_cohort(HOSTILE, scenario, code="EVIL"))
    assert store.get_cohort("EVIL").name == HOSTILE
    assert service.submit(store, "EVIL", _result(finished, "=" + HOSTILE)).ok
    attempts = store.attempts(cohort.code)
    assert attempts[0].player == "=" + HOSTILE
    board = boards.build(store.get_cohort("EVIL"), attempts)
    text = boards.format_text(board)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b" in text and "[bold red]boss[/]" in text
    assert max(len(line) for line in text.splitlines()) < 200
    csv_text = boards.to_csv(board)
    assert "\x1b" not in csv_text
    assert csv_text.splitlines()[1].split(",", 2)[1].startswith("'=")
