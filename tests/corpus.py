"""The pinned replay corpus: records of bundled best, poor and seeded random plays, and what
each one's day looked like, so an engine change can prove it replays every record identically.

The scenarios are copies taken when the corpus was pinned (``tests/fixtures/corpus``), so
content edits to the bundled library don't disturb it. Regenerate only for a change that is
*meant* to change outcomes (and bumps ``ENGINE_VERSION``)::

    .venv/bin/python -m tests.corpus            # new records and digests
    .venv/bin/python -m tests.corpus --repin    # the same records, digests of today's engine
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sim.engine import Simulation, load_scenario, play, replay_record
from sim.engine.actions import parse_actions
from sim.engine.clock import format_clock
from sim.engine.model import Scenario
from sim.engine.problems import ActionError
from sim.engine.scoring import score

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SCENARIOS = CORPUS / "scenarios"
RECORDS = CORPUS / "records.json"
RANDOM_PLAYS = 40  # per scenario
WAITS = (1, 1, 2, 3, 5, 7, 10, 15, 30, 60)


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def step_view(sim: Simulation) -> list[Any]:
    """What the TUI can see after an action, compactly (folded into one digest per play)."""
    return [
        sim.clock, sim.state, sim.focus.id if sim.focus else None,
        [(i.id, i.state, i.patience, i.run.node if i.run else None) for i in sim.items.values()],
        [(p.id, p.state, p.busy_until, sorted(p.meters.items())) for p in sim.people.values()],
        sorted(sim.practice.items()), sorted(sim.flags.items(), key=lambda kv: kv[0]),
        len(sim.log), len(sim.decisions), [i.id for i in sim.queue()], sim.next_arrival(),
    ]


def outcome(sim: Simulation) -> dict[str, str]:
    """Digests of everything observable at the end of a replay, field by field."""
    return {
        "clock": _digest([sim.clock, sim.state, sim.is_over, sim.next_arrival()]),
        "log": _digest([asdict(entry) for entry in sim.log]),
        # ``unattended`` (engine 3) is digested on its own, so the older fields stay pinned.
        "decisions": _digest([{k: v for k, v in asdict(decision).items() if k != "unattended"}
                              for decision in sim.decisions]),
        "unattended": _digest([decision.unattended for decision in sim.decisions]),
        "record": _digest(sim.record),
        "meters": _digest({p.id: [p.group, p.name, p.state, p.busy_until, p.patience,
                                  sorted(p.meters.items())] for p in sim.people.values()}),
        "practice": _digest(sorted(sim.practice.items())),
        "flags": _digest(sorted(sim.flags.items(), key=lambda kv: kv[0])),
        "items": _digest([[i.id, i.state, i.subject, i.arrived, i.patience, i.full_patience,
                           i.closed_at, i.delegated_to, i.delegate_tried, i.delegation_decided,
                           i.run.node if i.run else None, i.returned_from]
                          for i in sim.items.values()]),
        "queue": _digest([[i.id for i in sim.queue()], [i.id for i in sim.open_items()],
                          sim.appeared_patients, sim.focus.id if sim.focus else None]),
        "feedback": _digest(None if sim.last_feedback is None else
                            [sim.last_feedback.item, sim.last_feedback.choice.id,
                             sim.last_feedback.closing]),
        "score_engine1": _digest(score(sim, engine="1").to_dict()),
        "score_engine2": _digest(score(sim, engine="2").to_dict()),
        "score": _digest(score(sim).to_dict()),
    }


def replay_steps(scenario: Scenario, seed: int, actions: list[dict[str, str]],
                 finish: bool) -> str:
    """Replay action by action, folding the view after each into one digest."""
    sim = Simulation(scenario, seed)
    sim.start()
    views = [step_view(sim)]
    for entry in actions:
        sim.apply(f"{entry['at']} {entry['action']}")
        views.append(step_view(sim))
    if finish and not sim.is_over:
        sim.wait(scenario.end - sim.clock)
        views.append(step_view(sim))
    return _digest(views)


def random_play(scenario: Scenario, seed: int, rng: random.Random) -> Simulation:
    """A random legal play using every verb: attend, choose, hold, delegate and wait."""
    sim = Simulation(scenario, seed)
    sim.start()
    stop = rng.choice([None, None, None, rng.randint(1, 60)])
    count = 0
    while not sim.is_over and (stop is None or count < stop):
        verbs: dict[str, list[str]] = {"wait": [f"wait {rng.choice(WAITS)}"]}
        if sim.focus is None:
            verbs["attend"] = [f"attend {i.id}" for i in sim.queue()]
        else:
            verbs["choose"] = [f"choose {c.id}" for c in sim.available_choices()]
            verbs["hold"] = ["hold"]
        verbs["delegate"] = [f"delegate {i.id} {s.id}" for i in sim.open_items()
                             if i.state != "delegated" for s in sim.staff_free_for(i)]
        choices = [verb for verb, options in verbs.items() if options]
        if "choose" in choices:  # talk more than anything else, or days are all waiting
            choices += ["choose"] * 3
        verb = rng.choice(choices)
        with contextlib.suppress(ActionError):
            sim.apply(rng.choice(verbs[verb]))
        count += 1
    return sim


def _entries(sim: Simulation) -> list[dict[str, str]]:
    return [{"at": format_clock(at), "action": text} for at, text in sim.record]


def generate() -> list[dict[str, Any]]:
    """Every record of the corpus, with the digests of its day under today's engine."""
    records = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario = load_scenario(path)
        plays: list[tuple[str, int, list[dict[str, str]], bool]] = []
        for kind in ("best", "poor"):
            actions = parse_actions(path.with_suffix(f".{kind}.actions").read_text())
            plays.append((kind, scenario.seed, _entries(play(scenario, actions)), True))
        for number in range(RANDOM_PLAYS):
            rng = random.Random(f"corpus:{scenario.id}:{number}")
            seed = scenario.seed if number % 2 == 0 else rng.randint(1, 10_000)
            sim = random_play(scenario, seed, rng)
            plays.append((f"random-{number}", seed, _entries(sim), rng.random() < 0.8))
        for kind, seed, actions, finish in plays:
            sim = replay_record(scenario, seed, actions, finish=finish)
            records.append({"scenario": path.name, "play": kind, "seed": seed,
                            "finish": finish, "actions": actions,
                            "steps": replay_steps(scenario, seed, actions, finish),
                            "outcome": outcome(sim)})
    return records


def repin(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same records with their digests recomputed under today's engine."""
    scenarios = {name: load_scenario(SCENARIOS / name) for name in {r["scenario"] for r in records}}
    for record in records:
        scenario = scenarios[record["scenario"]]
        sim = replay_record(scenario, record["seed"], record["actions"], finish=record["finish"])
        record["steps"] = replay_steps(scenario, record["seed"], record["actions"],
                                       record["finish"])
        record["outcome"] = outcome(sim)
    return records


def load() -> list[dict[str, Any]]:
    """The pinned records."""
    return json.loads(RECORDS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    corpus = repin(load()) if "--repin" in sys.argv else generate()
    RECORDS.write_text(json.dumps(corpus, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    verbs = {verb: sum(1 for r in corpus for a in r["actions"] if a["action"].startswith(verb))
             for verb in ("attend", "choose", "hold", "delegate", "wait")}
    print(f"{len(corpus)} records, actions by verb: {verbs}")
