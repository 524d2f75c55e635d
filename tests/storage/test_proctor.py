"""Proctored days: every action recorded live with the server's clock, never dropped or
doubled when the store goes away mid-day (SQLite file locked, PostgreSQL server stopped)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation, parse_actions
from sim.storage import saves
from sim.storage.cohorts import leaderboard as boards
from sim.storage.cohorts import open_store, roster, service
from sim.storage.cohorts.proctor import Proctor, drain
from sim.storage.cohorts.sqlite import SQLiteStore
from tests.storage.conftest import ACTIONS, PG_ENV, PG_SKIP

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class ServerClock:
    """The server's wall clock, moved by the test: ``seconds_per_minute`` per game minute."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> ServerClock:
    fake = ServerClock()
    monkeypatch.setattr(saves, "now", fake)
    return fake


def _setup(store, scenario: Scenario, pace: float = 2.0):
    cohort = service.create(store, service.make_cohort("Exam", scenario, code="LIVE",
                                                       pace=pace, require_proctored=True))
    player, _token = roster.invite(store, cohort, "Carol")
    return cohort, player


def _play(sim: Simulation, proctor: Proctor, clock: ServerClock, seconds_per_minute: float,
          break_at: int | None = None, breaker=None, mender=None) -> list[str]:
    """Apply the strong play, syncing after each action; break the store at action
    ``break_at`` and mend it three actions later. Returns the player's notices."""
    notices = []
    actions = parse_actions(ACTIONS.read_text(encoding="utf-8"))
    for index, action in enumerate(actions):
        before = sim.clock
        if action.at is not None and action.at > sim.clock:
            sim.wait(action.at - sim.clock)
        sim.apply(type(action)(action.verb, action.args))
        clock.now += timedelta(seconds=seconds_per_minute * (sim.clock - before) + 1)
        if index == break_at:
            breaker()
        if break_at is not None and index == break_at + 3:
            mender()
        notice = proctor.sync(sim)
        if notice:
            notices.append(notice)
    if not sim.is_over:
        before = sim.clock
        sim.wait(sim.scenario.end - sim.clock)
        clock.now += timedelta(seconds=seconds_per_minute * (sim.clock - before))
    return notices


def _check_stored(store, sim: Simulation, proctor: Proctor) -> None:
    session, live = store.session(proctor.session)
    assert [(a.at, a.action) for a in live] == [
        (f"{at // 60:02d}:{at % 60:02d}", text) for at, text in sim.record]  # none lost
    assert [a.seq for a in live] == list(range(1, len(live) + 1))  # none doubled
    assert session.finished_at is not None
    [attempt] = store.attempts("LIVE")
    assert attempt.provenance == "proctored" and attempt.player == "Carol"
    assert attempt.result["proctored"]["walls"] == [a.wall for a in live]
    assert not proctor.outbox.exists()


def test_sqlite_locked_mid_day(tmp_path: Path, scenario: Scenario, clock: ServerClock) -> None:
    path = tmp_path / "cohorts.db"
    store = SQLiteStore(path)
    cohort, player = _setup(store, scenario)
    locker = sqlite3.connect(path, isolation_level=None)
    proctor = Proctor(cohort, player, scenario, lambda: SQLiteStore(path, busy_timeout_ms=50),
                      tmp_path / "outbox", background=False)
    sim = Simulation(scenario, cohort.seed)
    sim.start()
    notices = _play(sim, proctor, clock, 2.5, break_at=2,
                    breaker=lambda: locker.execute("BEGIN EXCLUSIVE"),
                    mender=lambda: locker.execute("COMMIT"))
    assert notices[0].startswith("The cohort store can't be reached")
    assert notices[1] == "The cohort store is back: your day is recorded."
    delivery = proctor.finish(sim)
    assert delivery.outcome == "stored", delivery.reason
    _check_stored(store, sim, proctor)
    board = boards.build(store.get_cohort("LIVE"), store.attempts("LIVE"))
    assert "proctored" in boards.format_text(board)
    attempt = store.attempts("LIVE")[0]
    assert attempt.played_seconds == (clock.now - START).total_seconds()
    assert attempt.finished_at == clock.now.isoformat()
    assert service.submit(store, "LIVE", _as_file(attempt)).kind == "proctored"
    store.close()


def _as_file(attempt):
    from sim.storage.results import parse_result

    return parse_result(attempt.result)


def test_store_down_at_the_finish_then_drained(tmp_path: Path, scenario: Scenario,
                                               clock: ServerClock) -> None:
    path = tmp_path / "cohorts.db"
    store = SQLiteStore(path)
    cohort, player = _setup(store, scenario)
    down = {"flag": False}

    def opener():
        if down["flag"]:
            raise OSError("the store is down")
        return SQLiteStore(path)

    proctor = Proctor(cohort, player, scenario, opener, tmp_path / "outbox", background=False)
    sim = Simulation(scenario, cohort.seed)
    sim.start()
    _play(sim, proctor, clock, 2.5)
    down["flag"] = True
    delivery = proctor.finish(sim)
    assert delivery.outcome == "queued" and "kept on the server" in delivery.reason
    assert proctor.outbox.exists() and store.attempts("LIVE") == []
    down["flag"] = False
    [drained] = drain(tmp_path / "outbox", opener, service.cohort_scenario)
    assert drained.outcome == "stored"
    assert drain(tmp_path / "outbox", opener, service.cohort_scenario) == []  # once only
    _check_stored(store, sim, proctor)
    store.close()


def test_a_day_played_faster_than_the_pace_is_recorded_not_ranked(
        tmp_path: Path, scenario: Scenario, clock: ServerClock) -> None:
    path = tmp_path / "cohorts.db"
    store = SQLiteStore(path)
    cohort, player = _setup(store, scenario)
    proctor = Proctor(cohort, player, scenario, lambda: SQLiteStore(path), tmp_path / "o",
                      background=False)
    sim = Simulation(scenario, cohort.seed)
    sim.start()
    _play(sim, proctor, clock, 0.1)  # 0.1 s a game minute: the cohort's pace is 2 s
    delivery = proctor.finish(sim)
    assert delivery.outcome == "refused" and "too early for the cohort's pace" in delivery.reason
    assert store.attempts("LIVE") == [] and len(store.session(proctor.session)[1]) > 0
    store.close()


def test_postgres_stopped_mid_day_and_restarted(store_url: str, tmp_path: Path,
                                                scenario: Scenario, clock: ServerClock) -> None:
    if not store_url.startswith("postgresql://"):
        pytest.skip("the PostgreSQL half of this test")
    ctl = os.environ.get(f"{PG_ENV}_CTL")
    if not ctl:
        pytest.skip(f"{PG_SKIP}; stopping it mid-day needs {PG_ENV}_CTL (set by .ci/postgres.sh)")
    store = open_store(store_url)
    cohort, player = _setup(store, scenario)
    store.close()
    proctor = Proctor(cohort, player, scenario, lambda: open_store(store_url), tmp_path / "o",
                      background=False)
    sim = Simulation(scenario, cohort.seed)
    sim.start()
    try:
        notices = _play(sim, proctor, clock, 2.5, break_at=1,
                        breaker=lambda: subprocess.run([ctl, "stop"], check=True),
                        mender=lambda: subprocess.run([ctl, "start"], check=True))
    finally:
        subprocess.run([ctl, "start"], check=False, capture_output=True)
    assert any("can't be reached" in n for n in notices)
    assert proctor.finish(sim).outcome == "stored"
    store = open_store(store_url)
    try:
        _check_stored(store, sim, proctor)
    finally:
        store.close()
