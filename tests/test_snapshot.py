"""A copy of a day mid-play goes on exactly as the original would, and independently of it."""

from __future__ import annotations

import pytest

from sim.engine import Simulation
from tests import corpus
from tests.test_replay_corpus import RECORDS, _scenario

FORKED = RECORDS[::7]
CLOSED = ("resolved", "expired")  # a closed item never changes: copies may share it


def _continue(sim: Simulation, actions: list[dict[str, str]], finish: bool) -> Simulation:
    for entry in actions:
        sim.apply(f"{entry['at']} {entry['action']}")
    if finish and not sim.is_over:
        sim.wait(sim.scenario.end - sim.clock)
    return sim


@pytest.mark.parametrize("record", FORKED, ids=lambda r: f"{r['scenario']}:{r['play']}")
def test_a_copy_and_its_original_each_end_as_the_pinned_record(record: dict) -> None:
    scenario = _scenario(record["scenario"])
    actions, half = record["actions"], len(record["actions"]) // 2
    original = Simulation(scenario, record["seed"])
    original.start()
    _continue(original, actions[:half], finish=False)
    twin = original.copy()
    _continue(original, actions[half:], record["finish"])  # the original first: the copy
    _continue(twin, actions[half:], record["finish"])      # must not have moved with it
    assert corpus.outcome(twin) == record["outcome"]
    assert corpus.outcome(original) == record["outcome"]


def test_copies_share_no_live_state() -> None:
    record = next(r for r in RECORDS if r["play"] == "best" and "full-day" in r["scenario"])
    sim = Simulation(_scenario(record["scenario"]), record["seed"])
    sim.start()
    _continue(sim, record["actions"][:20], finish=False)
    twin = sim.copy()
    # The caches of what never changes in a day may be shared; nothing else.
    shared = [name for name, value in vars(sim).items()
              if isinstance(value, dict | list | set) and vars(twin)[name] is value
              and name not in ("_strengths", "_fixed_renders", "_odds_texts", "_missed_lines")]
    assert not shared
    assert not {id(p) for p in sim.people.values()} & {id(p) for p in twin.people.values()}
    open_items = {id(i) for i in sim.open_items()}
    assert open_items and not open_items & {id(i) for i in twin.items.values()}
    assert all(twin.items[i.id] is i for i in sim.items.values() if i.state in CLOSED)
