"""Engine benchmarks: replays per second of the bundled full-day's best play and of a generated
60-event day, and scenario load+validate against bare libyaml.

Run: .venv/bin/python -m bench.engine [--json]   (see bench/README.md; ``bench.compare`` runs
it against an earlier engine in the same run)

Rates are per CPU second of this one process (``time.process_time``), best of several rounds,
so other work on the machine slows them less than it slows wall-clock figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.generate import scenario_text
from sim import catalog
from sim.engine import Simulation, load_scenario, play, replay_record, score
from sim.engine.actions import parse_actions
from sim.engine.yamlsafe import WITH_LIBYAML

ROUNDS = 7


def rate(func: Callable[[], object], seconds: float = 0.5, rounds: int = ROUNDS) -> float:
    """Calls of ``func`` per CPU second: the best of ``rounds`` rounds of ``seconds`` each."""
    best = 0.0
    for _ in range(rounds):
        count, start = 0, time.process_time()
        while (elapsed := time.process_time() - start) < seconds:
            func()
            count += 1
        best = max(best, count / elapsed)
    return best


def best_time(func: Callable[[], object], rounds: int = ROUNDS) -> float:
    """The fastest of ``rounds`` CPU timings of ``func()`` (seconds)."""
    timings = []
    for _ in range(rounds):
        start = time.process_time()
        func()
        timings.append(time.process_time() - start)
    return min(timings)


def greedy_day(path: Path) -> dict:
    """Play the generated day greedily (best choice, delegate when someone is free)."""
    sim = Simulation(load_scenario(path))
    sim.start()
    while not sim.is_over:
        queue = sim.queue()
        if sim.focus is None and not queue:
            sim.apply("wait 1")
            continue
        if sim.focus is None:
            item = queue[0]
            free = sim.staff_free_for(item)
            if free:
                sim.apply(f"delegate {item.id} {free[0].id}")
                continue
            sim.apply(f"attend {item.id}")
        sim.apply(f"choose {sim.available_choices()[0].id}")
    return score(sim).replay


def full_day_rate() -> tuple[float, int]:
    """Replays per second of the bundled full-day's best play, and its recorded actions."""
    path = catalog.resolve("full-day")
    scenario = load_scenario(path)
    actions = parse_actions(path.with_suffix(".best.actions").read_text(encoding="utf-8"))
    record = score(play(scenario, actions)).replay
    return rate(lambda: replay_record(scenario, record["seed"], record["actions"],
                                      finish=True)), len(record["actions"])


def figures(load: bool = True) -> dict[str, float]:
    """Every figure of this benchmark."""
    found: dict[str, float] = {}
    found["full_day_replays_per_s"], found["full_day_actions"] = full_day_rate()
    with tempfile.TemporaryDirectory() as folder:
        day = Path(folder) / "day.yaml"
        day.write_text(scenario_text(encounters=6, nodes_per_encounter=3, events=60))
        scenario = load_scenario(day)
        record = greedy_day(day)
        found["generated_day_actions"] = len(record["actions"])
        found["generated_day_replays_per_s"] = rate(
            lambda: replay_record(scenario, record["seed"], record["actions"], finish=True))
        if load:
            big = Path(folder) / "big.yaml"
            big.write_text(scenario_text(encounters=500, nodes_per_encounter=10, events=60))
            loader = yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader
            found["bare_yaml_load_s"] = best_time(
                lambda: yaml.load(big.read_text(), Loader=loader), 3)
            found["load_scenario_s"] = best_time(lambda: load_scenario(big), 3)
    return found


def main() -> int:
    """Print the benchmark figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-load", action="store_true", help="skip the 5,000-node load")
    args = parser.parse_args()
    found = figures(load=not args.no_load)
    if args.json:
        print(json.dumps(found))
        return 0
    print(f"bundled full-day best play ({found['full_day_actions']:.0f} actions): "
          f"{found['full_day_replays_per_s']:.0f} replays/s (goal >= 500)")
    print(f"generated 60-event day ({found['generated_day_actions']:.0f} actions): "
          f"{found['generated_day_replays_per_s']:.0f} replays/s")
    if "load_scenario_s" in found:
        ratio = found["load_scenario_s"] / found["bare_yaml_load_s"]
        print(f"libyaml C loader: {WITH_LIBYAML}; 5,000-node scenario: load_scenario "
              f"{found['load_scenario_s'] * 1000:.0f} ms vs bare yaml.load "
              f"{found['bare_yaml_load_s'] * 1000:.0f} ms: {ratio:.2f}x (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
