"""Fuzz the scenario and action-file readers: every input gives problems or a day, never a
traceback.

Run: .venv/bin/python -m bench.fuzz_input [SCENARIOS] [ACTION_FILES] [SEED]
(defaults 8000, 5000, 1). Mutated scenarios go through validation with lint (what
``validate --strict`` does) and, when valid, a random play, its score and the text report
(what ``run`` prints); fuzzed action files are played against the bundled scenarios. Prints
the counts and the first traceback of each kind; exits 1 if any input crashed.
"""

from __future__ import annotations

import contextlib
import copy
import random
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from sim.authoring.lint import lint
from sim.cli.run import format_result
from sim.engine import (
    ActionError,
    ActionSyntaxError,
    ReplayError,
    Simulation,
    load_scenario,
    parse_actions,
    play,
    score,
)
from sim.engine.loader import check_source_located

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures").glob("*.yaml"))
NUMBERS = ["1" + "0" * 400, "9" * 5000, "0x" + "f" * 400, "0o" + "7" * 500, "1.0e+308",
           "-1.0e+308", "1.5e+400", ".inf", "-.inf", ".nan", "1_000", "0b11", "1e0", "-0",
           "2147483648", "99999999999999999999", "0.1", "-1", "100.0"]
TEXTS = ["", " ", "end", "{patient.name}", "{staff.x.name}", "{{", "}", "flags.x == true",
         "patient.mood > 1" + "0" * 30, "not", "(", "\x1b[2J", "\x07", "\x9b", "é", "ℌ", "²",
         "09:30", "25:00", "9:5", "[bold]", "a" * 300, "<<", "&x", "*x", "null", "yes"]
RAW = "rawvaluehere"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _junk(rng: random.Random) -> Any:
    pick = rng.randrange(9)
    if pick == 0:
        return RAW  # replaced by a raw number literal after dumping
    return [None, True, rng.randint(-10**6, 10**6), rng.uniform(-1e9, 1e9), rng.choice(TEXTS),
            [rng.randint(-5, 50) for _ in range(rng.randrange(4))], {"x": 1}, [], {}][pick - 1]


def _mutate_data(data: Any, rng: random.Random) -> Any:
    for _ in range(rng.randint(1, 4)):
        path = rng.choice(_paths(data))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        how = rng.choice(["replace", "replace", "delete", "rename", "duplicate", "swap"])
        if how == "replace":
            parent[last] = _junk(rng)
        elif how == "delete":
            del parent[last]
        elif how == "rename" and isinstance(parent, dict):
            parent[f"{last}{rng.choice(['x', 's', '_'])}"] = parent.pop(last)
        elif how == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif how == "swap" and isinstance(parent, dict) and len(parent) > 1:
            other = rng.choice(list(parent))
            parent[last], parent[other] = parent[other], parent[last]
    return data


def _mutate_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        how = rng.randrange(5)
        if how == 0:
            lines[index] = "  " + lines[index]
        elif how == 1:
            lines[index] = lines[index][2:]
        elif how == 2:
            del lines[index]
            if not lines:
                lines = [""]
        elif how == 3:
            spot = rng.randrange(len(lines[index]) + 1)
            lines[index] = lines[index][:spot] + rng.choice(":-{}[]&*!|>'\"#") \
                + lines[index][spot:]
        else:
            lines[index] = lines[index].replace(": ", ": " + rng.choice(NUMBERS) + " ", 1)
    return "\n".join(lines) + "\n"


def mutant(bases: list[Any], texts: list[str], rng: random.Random) -> bytes:
    """One mutated scenario's bytes."""
    index = rng.randrange(len(bases))
    if rng.random() < 0.3:
        return _mutate_text(texts[index], rng).encode()
    data = _mutate_data(copy.deepcopy(bases[index]), rng)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    while RAW in text:
        text = text.replace(RAW, rng.choice(NUMBERS), 1)
    return text.encode()


def random_play(sim: Simulation, rng: random.Random, steps: int = 60) -> None:
    """Play random legal-looking actions to the close."""
    sim.start()
    for _ in range(steps):
        if sim.is_over:
            break
        options = [f"attend {i.id}" for i in sim.queue()]
        options += [f"choose {c.id}" for c in sim.available_choices()]
        options += ["hold", f"wait {rng.randint(1, 40)}"]
        options += [f"delegate {i.id} {s.id}" for i in sim.queue() for s in sim.staff_free_for(i)]
        with contextlib.suppress(ActionError):
            sim.apply(rng.choice(options))
    if not sim.is_over:
        sim.wait(sim.scenario.end - sim.clock)


def fuzz_scenarios(count: int, rng: random.Random, crashes: Counter[str],
                   first: dict[str, str]) -> Counter[str]:
    """Validate, lint, play and report ``count`` mutated scenarios."""
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in SOURCES]
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    outcome: Counter[str] = Counter()
    for _ in range(count):
        raw = mutant(bases, texts, rng)
        stage = "validate"
        try:
            scenario, problems, locate = check_source_located(raw, "mutant.yaml")
            if scenario is None:
                outcome["invalid"] += 1
                assert problems, "no scenario and no problem"
                for problem in problems:
                    str(problem)
                continue
            assert locate is not None
            lint(scenario, locate)
            outcome["valid"] += 1
            stage = "run"
            sim = Simulation(scenario)
            random_play(sim, rng)
            format_result(score(sim).to_dict())
        except Exception:
            key = f"{stage}: {traceback.format_exc().strip().splitlines()[-1]}"
            crashes[key] += 1
            first.setdefault(key, traceback.format_exc())
    return outcome


ACTION_WORDS = ["attend", "choose", "hold", "delegate", "wait", "WAIT", "Attend", "09:30",
                "25:99", "9:05", "10:00", "#", "²", "٣", "1" * 5000, "0", "-3", "999999", "x",
                "\x1b", "\t", "ann_desk", "call", "jo", "end", "\u00a0", "1e3"]


def action_file(rng: random.Random) -> str:
    """A fuzzed action file's text."""
    lines = []
    for _ in range(rng.randint(0, 12)):
        words = [rng.choice(ACTION_WORDS) for _ in range(rng.randint(0, 4))]
        lines.append(" ".join(words))
    return "\n".join(lines)


def fuzz_actions(count: int, rng: random.Random, crashes: Counter[str],
                 first: dict[str, str]) -> Counter[str]:
    """Play ``count`` fuzzed action files against the bundled scenarios."""
    scenarios = [load_scenario(p) for p in SOURCES]
    outcome: Counter[str] = Counter()
    for _ in range(count):
        text = action_file(rng)
        try:
            sim = play(rng.choice(scenarios), parse_actions(text))
            format_result(score(sim).to_dict())
            outcome["played"] += 1
        except (ActionSyntaxError, ReplayError):
            outcome["refused"] += 1
        except Exception:
            key = f"actions: {traceback.format_exc().strip().splitlines()[-1]}"
            crashes[key] += 1
            first.setdefault(key, traceback.format_exc())
    return outcome


def main(argv: list[str]) -> int:
    """Run both fuzzers and print what they found."""
    scenarios = int(argv[0]) if argv else 8000
    actions = int(argv[1]) if len(argv) > 1 else 5000
    rng = random.Random(int(argv[2]) if len(argv) > 2 else 1)
    crashes: Counter[str] = Counter()
    first: dict[str, str] = {}
    found = fuzz_scenarios(scenarios, rng, crashes, first)
    print(f"scenarios: {scenarios} mutants, {found['invalid']} refused with problems, "
          f"{found['valid']} valid and played")
    done = fuzz_actions(actions, rng, crashes, first)
    print(f"action files: {actions}, {done['refused']} refused with a located error, "
          f"{done['played']} played")
    print(f"tracebacks: {sum(crashes.values())}")
    for key, number in crashes.most_common():
        print(f"  {number} x {key}")
    for text in list(first.values())[:5]:
        print(text)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
