"""A seeded random player for the engine's stateful tests: legal actions of every verb.

``random_play`` plays a day with random legal actions (attend, choose, hold, delegate, take or
defer an interruption, waits of random length, in random orders) to the close, calling
``check`` after every step. It is the driver of tests/test_stateful.py and of
bench/random_play.py (the long run).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from sim.authoring.moves import random_actions
from sim.engine import Scenario, Simulation
from sim.engine.actions import Action
from sim.engine.replay import record_actions
from sim.engine.scoring import score

ROOT = Path(__file__).resolve().parent.parent
MAX_STEPS = 300  # attend and hold cost no time: a bound keeps a play finite


def scenario_paths() -> list[Path]:
    """Every bundled scenario and every test fixture scenario that loads."""
    return sorted(ROOT.glob("scenarios/*.yaml")) + sorted(ROOT.glob("tests/**/fixtures/*.yaml"))


def random_play(scenario: Scenario, seed: int,
                check: Callable[[Simulation], None] = lambda sim: None) -> Simulation:
    """Play ``scenario`` (day seed from ``seed`` too) with random legal actions to the close."""
    rng = random.Random(f"random-play:{scenario.id}:{seed}")
    sim = Simulation(scenario, seed)
    sim.start()
    check(sim)
    steps = 0
    while not sim.is_over:
        steps += 1
        action = (f"wait {scenario.end - sim.clock}" if steps > MAX_STEPS
                  else rng.choice(random_actions(sim, rng)))
        sim.apply(action)
        check(sim)
    return sim


def fingerprint(sim: Simulation) -> tuple:
    """Everything observable about a day, for comparing a play with its replay."""
    people = tuple((k, tuple(sorted(p.meters.items())), p.state, p.busy_until)
                   for k, p in sim.people.items())
    items = tuple((k, i.state, i.patience, i.run.node if i.run else None, i.delegated_to)
                  for k, i in sim.items.items())
    decisions = tuple((d.item, d.node, d.chosen, tuple(d.earned.items()), d.outcome)
                      for d in sim.decisions)
    return (sim.clock, sim.state, people, items, tuple(sorted(sim.practice.items())),
            tuple(sorted(sim.flags.items())), tuple((e.clock, e.text) for e in sim.log),
            decisions, sim.focus.id if sim.focus else None)


def check_meters(sim: Simulation) -> None:
    """Every meter of every person and of the practice is within 0-100."""
    for person in sim.people.values():
        for meter, value in person.meters.items():
            assert 0 <= value <= 100, f"{person.id}.{meter} = {value}"
    for meter, value in sim.practice.items():
        assert 0 <= value <= 100, f"practice.{meter} = {value}"


def replay_against(sim: Simulation, seen: dict[tuple, tuple]) -> Simulation:
    """Replay ``sim``'s record from the start; wherever the replay's record equals one the live
    play had after a step, the states must be equal too. Returns the replayed day."""
    replay = Simulation(sim.scenario, sim.seed)
    replay.start()

    def compare() -> None:
        key = tuple(replay.record)
        if key in seen:
            assert fingerprint(replay) == seen[key], f"replay differs after {key[-1:]}"

    compare()
    entries = [{"at": f"{at // 60:02d}:{at % 60:02d}", "action": text} for at, text in sim.record]
    for action in record_actions(entries):
        assert action.at == replay.clock, f"'{action}' recorded at {action.at}, not {replay.clock}"
        replay.apply(Action(action.verb, action.args))
        compare()
    return replay


def checked_play(scenario: Scenario, seed: int) -> Simulation:
    """A random play with every check: meters after each step, the replay matching the play
    after each step, and the same score (0-100) for the play and its replay."""
    seen: dict[tuple, tuple] = {}

    def check(sim: Simulation) -> None:
        check_meters(sim)
        seen[tuple(sim.record)] = fingerprint(sim)

    sim = random_play(scenario, seed, check)
    replay = replay_against(sim, seen)
    assert replay.is_over and fingerprint(replay) == fingerprint(sim)
    played, replayed = score(sim).to_dict(), score(replay).to_dict()
    assert played == replayed
    assert 0 <= played["score"] <= 100
    assert 0 <= score(sim, engine="1").score <= 100
    return sim
