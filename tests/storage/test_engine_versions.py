"""Results made under an older engine still load; ``verify`` and ``review`` say what changed.

The fixtures in ``fixtures/engine1`` were written by engine 1 (see its README). Under engine 1
they verify as they are; under a later engine they verify against engine 1's rules and the
verdict adds what today's rules give.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.cli import main
from sim.engine import ENGINE_VERSION, load_scenario, replay_record, score
from sim.storage.results import load_result, verify

ENGINE1 = Path(__file__).parent / "fixtures" / "engine1"
SCENARIO = ENGINE1 / "storage-day.yaml"


@pytest.mark.parametrize("name,claimed", [("first-only", 61.2), ("best", 94.3)])
def test_an_engine_1_result_verifies_and_says_what_changed(
        name: str, claimed: float, capsys: pytest.CaptureFixture[str]) -> None:
    path = ENGINE1 / f"{name}.result.json"
    result = load_result(path)
    assert result.save.engine_version == "1" and result.score == claimed
    scenario = load_scenario(SCENARIO)
    verdict = verify(result, scenario)
    assert verdict.ok, verdict.reason
    assert verdict.recomputed is not None and verdict.recomputed["score"] == claimed
    today = score(replay_record(scenario, result.save.seed, result.save.actions)).score
    assert main(["verify", str(path), "--scenario", str(SCENARIO)]) == 0
    out = capsys.readouterr().out
    if ENGINE_VERSION == "1":
        assert verdict.current is None and f"verified: score {claimed}" in out
        return
    assert verdict.current is not None and verdict.current["score"] == today
    assert f"scored {claimed} " in out and "under engine 1" in out
    assert f"{today} " in out and f"under engine {ENGINE_VERSION}" in out
    assert main(["review", str(path), "--scenario", str(SCENARIO), "--text"]) == 0
    out = capsys.readouterr().out
    assert f"Made under engine 1: verified under engine 1: scored {claimed}" in out
    assert f"Score {today:.1f}" in out  # the debrief shows today's rules


def test_the_verdict_json_gives_both_scores(capsys: pytest.CaptureFixture[str]) -> None:
    path = ENGINE1 / "first-only.result.json"
    assert main(["verify", "--json", str(path), "--scenario", str(SCENARIO)]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["ok"] and line["engine_version"] == "1"
    assert line["claimed_engine_score"] == 61.2


def test_an_unknown_engine_is_a_plain_refusal(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((ENGINE1 / "best.result.json").read_text(encoding="utf-8"))
    data["engine_version"] = data["claimed"]["replay"]["engine_version"] = "99"
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", str(path), "--scenario", str(SCENARIO)]) == 1
    err = capsys.readouterr().err
    assert "REJECTED (engine): made under engine 99" in err and "update Practice Sim" in err
    assert main(["review", str(path), "--scenario", str(SCENARIO), "--text"]) == 1
    assert "can't review: made under engine 99" in capsys.readouterr().err


def test_an_edited_engine_version_is_caught(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((ENGINE1 / "best.result.json").read_text(encoding="utf-8"))
    data["engine_version"] = "7"  # only the file's field, not the claimed record
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["verify", str(path), "--scenario", str(SCENARIO)]) == 1
    assert "REJECTED (result)" in capsys.readouterr().err


def test_a_cohort_counts_an_old_result_under_todays_rules(tmp_path: Path) -> None:
    from sim.storage.cohorts import open_store, service

    scenario = load_scenario(SCENARIO)
    store = open_store(str(tmp_path / "c.db"))
    try:
        service.create(store, service.make_cohort("Old files", scenario, code="OLD"))
        result = load_result(ENGINE1 / "first-only.result.json")
        outcome = service.submit(store, "OLD", result, scenario)
        assert outcome.ok, outcome.reason
        today = score(replay_record(scenario, result.save.seed, result.save.actions)).score
        [attempt] = store.attempts("OLD")
        assert attempt.score == today and attempt.result["claimed"]["score"] == today
    finally:
        store.close()
