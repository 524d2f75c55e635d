"""The ``play --cohort`` hook: join (online or from the cached copy) and finish (submit or
keep the result for later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation
from sim.storage.cohorts import StoreUnavailable, open_store, play, service
from sim.storage.results import load_result

OFFLINE = "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2"


def test_join_play_finish_online_then_offline(scenario: Scenario, finished: Simulation,
                                              tmp_path: Path) -> None:
    saves, db = str(tmp_path / "saves"), str(tmp_path / "c.db")
    store = open_store(db)
    service.create(store, service.make_cohort("Class", scenario, seed=finished.seed,
                                              mode="coaching", pace=0, code="PLAY"))
    store.close()
    day = play.join("play", db, saves)
    assert (day.seed, day.turn_based, day.coaching, day.offline) == (finished.seed, True, True,
                                                                      False)
    assert day.scenario.sha256 == scenario.sha256
    done = play.finish(day, finished, player="Ann", played_seconds=42, db=db, saves=saves)
    assert done.submission is not None and done.submission.outcome == "accepted"
    assert done.path.parent == tmp_path / "saves" / "results"
    cached = play.join("PLAY", OFFLINE, saves)
    assert cached.offline and cached.cohort.code == "PLAY"
    later = play.finish(cached, finished, player="Bob", played_seconds=7, db=OFFLINE,
                        saves=saves)
    assert later.submission is None and f"cohort submit PLAY {later.path}" in later.message
    store = open_store(db)
    assert service.submit(store, "PLAY", load_result(later.path)).outcome == "accepted"
    assert [a.player for a in store.attempts("PLAY")] == ["Ann", "Bob"]
    store.close()
    board = play.standings("play", db, saves)
    assert board.rank_of("Ann") == 1 and board.rank_of("Bob") == 2


def test_unknown_cohort(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    with pytest.raises(StoreUnavailable, match="no cohort store at"):  # not created empty
        play.standings("NOPE", db, str(tmp_path))
    with pytest.raises(LookupError, match=r"no cohort store at .* never joined"):
        play.join("NOPE", db, str(tmp_path))
    assert not (tmp_path / "c.db").exists()
    open_store(db).close()
    with pytest.raises(LookupError, match="no cohort with join code NOPE"):
        play.join("NOPE", db, str(tmp_path))
    with pytest.raises(LookupError, match="no cohort with join code NOPE"):
        play.standings("NOPE", db, str(tmp_path))
    with pytest.raises(LookupError, match="never joined"):
        play.join("NOPE", OFFLINE, str(tmp_path))
