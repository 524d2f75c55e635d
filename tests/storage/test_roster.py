"""Cohorts nobody can fake: rosters and tokens, record-keyed attempts, the cohort's pace and
timing, proctored-only and private cohorts. Each of issue 12's forgeries is refused or labelled.
Run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sim.cli import main
from sim.engine import Scenario, Simulation
from sim.storage.cohorts import leaderboard as boards
from sim.storage.cohorts import open_store, roster, service
from sim.storage.cohorts.roster import AccessDenied, hash_token
from sim.storage.results import ResultFile, parse_result, result_document


def _result(sim: Simulation, player: str = "Ann", played: float = 90,
            timing: str = "real-time", **changes: object) -> ResultFile:
    document = result_document(sim, player=player, mode="assessment", played_seconds=played,
                               timing=timing)
    document.update(changes)
    return parse_result(document)


@pytest.fixture
def store(store_url: str):
    opened = open_store(store_url)
    yield opened
    opened.close()


def test_tokens_are_stored_hashed_and_bind_the_attempt(store, scenario: Scenario,
                                                       finished: Simulation) -> None:
    cohort = service.create(store, service.make_cohort("R", scenario, code="ROST"))
    carol1, token1 = roster.invite(store, cohort, "Carol", "carol.a@example.org")
    carol2, token2 = roster.invite(store, cohort, "Carol")
    assert carol1.player_id != carol2.player_id and token1 != token2
    assert store.player_by_token("ROST", hash_token(token1)) == carol1
    assert store.player_by_token("ROST", token1) is None  # only the hash is stored
    # the file says "Mallory"; the token says who it is
    outcome = service.submit(store, "ROST", _result(finished, "Mallory"), token=token1)
    assert outcome.ok, outcome.reason
    assert (outcome.attempt.player, outcome.attempt.player_id) == ("Carol", carol1.player_id)
    board = boards.build(store.get_cohort("ROST"), store.attempts("ROST"))
    assert [e.player for e in board.entries] == ["Carol"]


def test_a_cohort_with_a_roster_needs_a_good_token(store, scenario: Scenario,
                                                   finished: Simulation) -> None:
    cohort = service.create(store, service.make_cohort("R", scenario, code="TOK"))
    player, token = roster.invite(store, cohort, "Dan")
    result = _result(finished, "Dan")
    missing = service.submit(store, "TOK", result)
    assert (missing.outcome, missing.kind) == ("rejected", "token")
    assert "submit with --token" in missing.reason
    bad = service.submit(store, "TOK", result, token="not-a-token")
    assert bad.kind == "token" and "not on the roster of cohort TOK" in bad.reason
    assert store.revoke("TOK", player.player_id, "2026-12-01T10:00:00+00:00")
    revoked = service.submit(store, "TOK", result, token=token)
    assert revoked.kind == "token" and "was revoked" in revoked.reason
    assert store.attempts("TOK") == []  # nothing changed
    with pytest.raises(AccessDenied):
        roster.authenticate(store, cohort, token)


def test_a_closed_cohort_refuses_tokens_in_one_line(store, scenario: Scenario) -> None:
    cohort = service.create(store, service.make_cohort(
        "Closed", scenario, code="SHUT", opens="2020-01-01T00:00:00+00:00",
        closes="2020-01-02T00:00:00+00:00"))
    _, token = roster.invite(store, cohort, "Eve")
    with pytest.raises(AccessDenied) as caught:
        roster.authenticate(store, cohort, token)
    assert str(caught.value) == "cohort SHUT closed at 2020-01-02T00:00:00+00:00"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_blank_roster_names_are_refused(store, scenario: Scenario, name: str) -> None:
    cohort = service.create(store, service.make_cohort("R", scenario, code="BLANK"))
    with pytest.raises(ValueError, match="can't be empty or only spaces"):
        roster.invite(store, cohort, name)


def test_edited_metadata_is_the_same_attempt(store, scenario: Scenario,
                                             finished: Simulation) -> None:
    service.create(store, service.make_cohort("M", scenario, code="META"))
    first = service.submit(store, "META", _result(finished, "Ann"))
    assert first.outcome == "accepted"
    for change in ({"saved_at": "2020-01-01T00:00:00+00:00"}, {"played_seconds": 5400},
                   {"name": "try 2"}):
        again = service.submit(store, "META", _result(finished, "Ann", **change))
        assert again.outcome == "duplicate", change
    assert len(store.attempts("META")) == 1


def test_a_renamed_copy_is_flagged_as_a_copied_play(store, scenario: Scenario,
                                                    finished: Simulation) -> None:
    service.create(store, service.make_cohort("C", scenario, code="COPY"))
    assert service.submit(store, "COPY", _result(finished, "Ann")).ok
    assert service.submit(store, "COPY", _result(finished, "Mallory")).ok
    board = boards.build(store.get_cohort("COPY"), store.attempts("COPY"))
    assert {e.player: e.copied_from for e in board.entries} == {"Ann": ["Mallory"],
                                                                "Mallory": ["Ann"]}
    assert board.copied_plays() == [["Ann", "Mallory"]]
    text = boards.format_text(board)
    assert "COPIED PLAY" in text and "Mallory: same record as Ann" in text
    assert "self-reported" in text
    assert ",self-reported,Mallory," in boards.to_csv(board)
    assert board.to_dict()["entries"][0]["copied_play_with"]


def test_pace_and_timing_are_the_cohorts(store, scenario: Scenario,
                                         finished: Simulation) -> None:
    service.create(store, service.make_cohort("RT", scenario, code="REAL"))  # 2 s a minute
    instant = service.submit(store, "REAL", _result(finished, played=0))
    assert instant.kind == "pace" and "played faster than the cohort's pace" in instant.reason
    wrong = service.submit(store, "REAL", _result(finished, played=900, timing="turn-based"))
    assert wrong.kind == "pace" and "the cohort plays real-time" in wrong.reason
    service.create(store, service.make_cohort("TB", scenario, code="TURN", pace=0))
    reverse = service.submit(store, "TURN", _result(finished, played=900))
    assert reverse.kind == "pace" and "the cohort plays turn-based" in reverse.reason
    assert service.submit(store, "TURN", _result(finished, played=0, timing="turn-based")).ok


def test_a_proctored_cohort_refuses_result_files(store, scenario: Scenario,
                                                 finished: Simulation) -> None:
    service.create(store, service.make_cohort("P", scenario, code="PROC",
                                              require_proctored=True))
    outcome = service.submit(store, "PROC", _result(finished))
    assert outcome.kind == "proctored" and "counts only proctored attempts" in outcome.reason


def test_a_private_scenario_lives_in_the_store(store, scenario: Scenario,
                                               scenario_path: Path) -> None:
    cohort = service.create(store, service.make_cohort("X", scenario, code="EXAM",
                                                       private=True))
    stored = store.get_cohort("EXAM")
    assert stored.private and stored.require_proctored and stored.scenario_path == ""
    assert stored.scenario_text == scenario_path.read_text(encoding="utf-8")
    assert "scenario_text" not in stored.to_dict()  # never in a player's cached copy
    scenario_path.unlink()  # the instructor's file is gone: the store's copy is enough
    assert service.cohort_scenario(stored).sha256 == cohort.scenario_sha256


def test_invite_and_submit_from_the_command_line(tmp_path: Path, scenario_path: Path,
                                                 finished: Simulation,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "c.db")]
    assert main(["cohort", "create", "W", "--scenario", str(scenario_path), "--code", "W",
                 *db]) == 0
    assert main(["cohort", "invite", "W", "Fay", "--email", "fay@example.org", *db]) == 0
    out = capsys.readouterr().out
    token = out.split("privately): ")[1].split()[0]
    path = tmp_path / "fay.json"
    path.write_text(json.dumps(result_document(finished, player="?", mode="assessment",
                                               played_seconds=90)), encoding="utf-8")
    assert main(["cohort", "submit", "W", str(path), *db]) == 1
    assert "REJECTED (token)" in capsys.readouterr().err
    assert main(["cohort", "submit", "W", str(path), "--token", token, *db]) == 0
    assert "ACCEPTED" in capsys.readouterr().out
    assert main(["cohort", "roster", "W", *db]) == 0
    listing = capsys.readouterr().out
    assert "Fay" in listing and "fay@example.org" in listing and token not in listing
    assert main(["cohort", "revoke", "W", "Fay", *db]) == 0
    assert main(["cohort", "submit", "W", str(path), "--token", token, *db]) == 1
    err = capsys.readouterr().err
    assert "was revoked" in err and len(err.strip().splitlines()) == 1
    assert main(["cohort", "invite", "W", "  ", *db]) == 1
    assert "can't be empty" in capsys.readouterr().err


def test_a_schema_1_store_is_migrated(tmp_path: Path, scenario: Scenario) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE cohorts (code TEXT PRIMARY KEY, name TEXT NOT NULL, scenario_id TEXT
          NOT NULL, scenario_title TEXT NOT NULL, scenario_version INTEGER NOT NULL,
          scenario_sha256 TEXT NOT NULL, scenario_path TEXT NOT NULL, seed BIGINT NOT NULL,
          mode TEXT NOT NULL, pace DOUBLE PRECISION NOT NULL, policy TEXT NOT NULL,
          opens_at TEXT, closes_at TEXT, created_at TEXT NOT NULL);
        CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, cohort TEXT NOT NULL,
          fingerprint TEXT NOT NULL, player TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
          grade TEXT NOT NULL, passed INTEGER NOT NULL, unresolved INTEGER NOT NULL,
          played_seconds DOUBLE PRECISION NOT NULL, finished_at TEXT NOT NULL,
          submitted_at TEXT NOT NULL, result TEXT NOT NULL, UNIQUE (cohort, fingerprint));
    """)
    conn.execute("INSERT INTO cohorts VALUES ('OLD1', 'Old', 'x', 'X', 1, 'abc', '', 1, "
                 "'assessment', 2.0, 'best', NULL, NULL, '2026-01-01T00:00:00+00:00')")
    conn.execute("INSERT INTO attempts (cohort, fingerprint, player, score, grade, passed, "
                 "unresolved, played_seconds, finished_at, submitted_at, result) VALUES "
                 "('OLD1', 'f', 'Ann', 50, 'C', 0, 0, 60, '', '', '{}')")
    conn.commit()
    conn.close()
    store = open_store(str(path))
    try:
        cohort = store.get_cohort("OLD1")
        assert cohort is not None and not cohort.require_proctored and not cohort.private
        [attempt] = store.attempts("OLD1")
        assert (attempt.provenance, attempt.player_id) == ("self-reported", None)
        assert store.players("OLD1") == []
    finally:
        store.close()


def test_a_proctored_cohort_is_not_played_at_home(tmp_path: Path, scenario: Scenario,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    store = open_store(db)
    service.create(store, service.make_cohort("P", scenario, code="HOME",
                                              require_proctored=True))
    store.close()
    assert main(["play", "--cohort", "HOME", "--db", db, "--saves-dir",
                 str(tmp_path / "saves")]) == 1
    err = capsys.readouterr().err
    assert "cohort HOME is proctored: play it where your instructor serves it" in err
