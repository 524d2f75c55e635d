"""Every pinned record replays to the very same day: clock, log, decisions, record, meters,
flags, item states and the score, compared field by field (see ``tests/corpus.py``)."""

from __future__ import annotations

from functools import cache

import pytest

from sim.engine import load_scenario, replay_record
from sim.engine.model import Scenario
from tests import corpus

RECORDS = corpus.load()
SCENARIO_FILES = sorted({record["scenario"] for record in RECORDS})


@cache
def _scenario(name: str) -> Scenario:
    return load_scenario(corpus.SCENARIOS / name)


def test_the_corpus_covers_every_verb_and_scenario() -> None:
    assert len(RECORDS) >= 250
    assert {path.name for path in corpus.SCENARIOS.glob("*.yaml")} == set(SCENARIO_FILES)
    for name in SCENARIO_FILES:
        plays = [r for r in RECORDS if r["scenario"] == name]
        verbs = {a["action"].split()[0] for r in plays for a in r["actions"]}
        can_delegate = any(e.delegate for e in _scenario(name).events)
        expected = {"attend", "choose", "hold", "wait"} | ({"delegate"} if can_delegate else set())
        assert verbs == expected, name
        assert {"best", "poor"} <= {r["play"] for r in plays}
        assert any(not r["finish"] for r in plays) and len({r["seed"] for r in plays}) > 5


@pytest.mark.parametrize("name", SCENARIO_FILES)
def test_every_record_replays_identically(name: str) -> None:
    scenario = _scenario(name)
    mismatches = []
    for record in (r for r in RECORDS if r["scenario"] == name):
        sim = replay_record(scenario, record["seed"], record["actions"], finish=record["finish"])
        got = corpus.outcome(sim)
        fields = [key for key, value in record["outcome"].items() if got.get(key) != value]
        steps = corpus.replay_steps(scenario, record["seed"], record["actions"],
                                    record["finish"])
        if steps != record["steps"]:
            fields.append("steps")
        if fields:
            mismatches.append(f"{record['play']} (seed {record['seed']}): {', '.join(fields)}")
    assert not mismatches, f"{name}: {len(mismatches)} records differ: {mismatches[:10]}"
