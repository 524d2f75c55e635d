"""Result files and their verification: honest results pass, every kind of edit is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sim.engine import Scenario, Simulation, load_scenario
from sim.storage.results import first_difference, load_result, verify, write_result
from sim.storage.saves import SaveError, write_save


def _write(sim: Simulation, tmp_path: Path, player: str = "Ann") -> Path:
    return write_result(sim, tmp_path / f"{player}.json", player=player, mode="assessment",
                        played_seconds=300)


def _edit(path: Path, change: Any) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    edited = path.with_name("edited.json")
    edited.write_text(json.dumps(data), encoding="utf-8")
    return edited


def test_honest_result_verifies(finished: Simulation, scenario: Scenario, tmp_path: Path) -> None:
    result = load_result(_write(finished, tmp_path))
    verdict = verify(result, scenario)
    assert verdict.ok, verdict.reason
    assert verdict.recomputed is not None and verdict.recomputed["score"] == result.score
    assert verify(result, scenario, seed=finished.seed).ok


def test_a_claim_written_as_the_game_writes_it_is_taken_as_the_recomputed_result(
        finished: Simulation, scenario: Scenario, tmp_path: Path) -> None:
    """The claim of an honest file serialises exactly as the replay's result, so it stands
    for it; the same claim with its keys in another order is compared in full, and passes."""
    from sim.engine import score
    from sim.storage.plain import plain

    result = load_result(_write(finished, tmp_path))
    verdict = verify(result, scenario)
    assert verdict.ok and verdict.recomputed is result.claimed
    assert verdict.recomputed == plain(score(finished))
    reordered = _edit(result.path, lambda data: data.update(
        claimed=dict(reversed(list(data["claimed"].items())))))
    again = load_result(reordered)
    verdict = verify(again, scenario)
    assert verdict.ok, verdict.reason
    assert verdict.recomputed is not again.claimed and verdict.recomputed == again.claimed


def _set_score(data: dict[str, Any]) -> None:
    data["claimed"]["score"] = 100.0


def _set_skill(data: dict[str, Any]) -> None:
    data["claimed"]["skills"][0]["score"] = 1.0


def _edit_choice(data: dict[str, Any]) -> None:
    for actions in (data["actions"], data["claimed"]["replay"]["actions"]):
        actions[1]["action"] = "choose shadow_week"


def _edit_one_list(data: dict[str, Any]) -> None:
    data["actions"][1]["action"] = "choose shadow_week"


def _inject(data: dict[str, Any]) -> None:
    for actions in (data["actions"], data["claimed"]["replay"]["actions"]):
        actions.insert(2, {"at": actions[2]["at"], "action": "wait 1"})


def _inject_at_end(data: dict[str, Any]) -> None:
    for actions in (data["actions"], data["claimed"]["replay"]["actions"]):
        actions.append({"at": "08:29", "action": "wait 1"})


def _swap_seed(data: dict[str, Any]) -> None:
    data["seed"] = data["seed"] + 1


def _swap_both_seeds(data: dict[str, Any]) -> None:
    data["seed"] = data["claimed"]["replay"]["seed"] = data["seed"] + 1


def _retime(data: dict[str, Any]) -> None:
    for actions in (data["actions"], data["claimed"]["replay"]["actions"]):
        actions[3]["at"] = "08:02"


@pytest.mark.parametrize(("change", "kind", "words"), [
    (_set_score, "score", "claims a score of 100.0"),
    (_set_skill, "result", "skills[0].score"),
    (_edit_choice, "", ""),  # either the replay breaks or the result differs
    (_edit_one_list, "actions", "edited"),
    (_inject, "actions", "injected"),
    (_inject_at_end, "actions", "injected"),
    (_swap_seed, "seed", "swapped"),
    (_retime, "actions", "recorded at"),
])
def test_edits_are_rejected_with_the_reason(finished: Simulation, scenario: Scenario,
                                            tmp_path: Path, change: Any, kind: str,
                                            words: str) -> None:
    edited = load_result(_edit(_write(finished, tmp_path), change))
    verdict = verify(edited, scenario)
    assert not verdict.ok
    if kind:
        assert verdict.kind == kind, verdict.reason
        assert words in verdict.reason
    else:
        assert verdict.kind in ("actions", "score", "result")


def test_swapped_seed_against_a_required_seed(finished: Simulation, scenario: Scenario,
                                              tmp_path: Path) -> None:
    edited = load_result(_edit(_write(finished, tmp_path), _swap_both_seeds))
    verdict = verify(edited, scenario, seed=finished.seed)
    assert (verdict.ok, verdict.kind) == (False, "seed")
    assert "required" in verdict.reason


def test_a_different_scenario_version_is_rejected(finished: Simulation, scenario_path: Path,
                                                  tmp_path: Path) -> None:
    result = load_result(_write(finished, tmp_path))
    text = scenario_path.read_text(encoding="utf-8")
    scenario_path.write_text(text.replace("version: 1", "version: 2", 1), encoding="utf-8")
    verdict = verify(result, load_scenario(scenario_path))
    assert (verdict.ok, verdict.kind) == (False, "scenario_version")
    assert "version 1" in verdict.reason and "version 2" in verdict.reason


def test_an_unfinished_day_is_not_a_result(halfway: Simulation, scenario: Scenario,
                                           tmp_path: Path) -> None:
    verdict = verify(load_result(_write(halfway, tmp_path)), scenario)
    assert (verdict.ok, verdict.kind) == (False, "unfinished")


def test_a_save_is_not_a_result(halfway: Simulation, tmp_path: Path) -> None:
    path = write_save(halfway, player="Ann", mode="assessment", played_seconds=1,
                      directory=tmp_path)
    with pytest.raises(SaveError) as caught:
        load_result(path)
    assert caught.value.kind == "not_a_result"


def test_fingerprint_is_stable_and_changes_with_content(finished: Simulation,
                                                        tmp_path: Path) -> None:
    path = _write(finished, tmp_path)
    assert load_result(path).fingerprint() == load_result(path).fingerprint()
    other = _edit(path, lambda data: data.update(player="Bob"))
    assert load_result(other).fingerprint() != load_result(path).fingerprint()


def test_first_difference() -> None:
    assert first_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2}]}) is None
    assert first_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 3}]}) == "a[1].b"
    assert first_difference({"a": [1]}, {"a": [1, 2]}) == "a (length)"
    assert first_difference({"a": 1}, {"b": 1}) == "a"
    assert first_difference(1, 1.0) == "(whole result)"
