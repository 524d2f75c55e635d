"""Engine benchmarks: scenario load+validate against bare libyaml, and replays per second.

Run: .venv/bin/python -m bench.engine   (figures go to stdout; see bench/README.md)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.generate import scenario_text
from sim.engine import Simulation, load_scenario, replay_record, score
from sim.engine.yamlsafe import WITH_LIBYAML

REPEATS = 7


def best_of(func, repeats: int = REPEATS) -> float:
    """The fastest of ``repeats`` timings of ``func()`` (seconds)."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
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


def main() -> int:
    """Print the benchmark figures."""
    loader = yaml.CSafeLoader if WITH_LIBYAML else yaml.SafeLoader
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        big.write_text(scenario_text(encounters=500, nodes_per_encounter=10, events=60))
        text = big.read_text()
        base = best_of(lambda: yaml.load(big.read_text(), Loader=loader))
        ours = best_of(lambda: load_scenario(big))
        nodes = 500 * 10
        print(f"libyaml C loader: {WITH_LIBYAML}")
        print(f"scenario: {nodes} nodes, {len(text) / 1024:.0f} KiB")
        print(f"bare yaml.load:            {base * 1000:8.1f} ms")
        print(f"load_scenario (validated): {ours * 1000:8.1f} ms")
        print(f"ratio: {ours / base:.2f} (goal <= 1.5)")

        day = Path(folder) / "day.yaml"
        day.write_text(scenario_text(encounters=6, nodes_per_encounter=3, events=60))
        scenario = load_scenario(day)
        record = greedy_day(day)
        runs = []
        for _ in range(5):
            count, start = 0, time.perf_counter()
            while time.perf_counter() - start < 1.0:
                replay_record(scenario, record["seed"], record["actions"], finish=True)
                count += 1
            runs.append(count / (time.perf_counter() - start))
        print(f"full day 08:00-17:00, 60 events, {len(record['actions'])} actions: "
              f"{statistics.median(runs):.0f} replays/s (median of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
