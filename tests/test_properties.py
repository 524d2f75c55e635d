"""Property tests: mutated scenarios never produce a traceback, only problems or a playable day."""

from __future__ import annotations

import contextlib
import copy
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine import ActionError, Simulation, check_source, score
from tests.conftest import FIXTURES

SOURCES = [FIXTURES / "tiny.yaml", FIXTURES / "walkins.yaml"]
BASES = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in SOURCES]
RAW = [path.read_bytes() for path in SOURCES]

junk = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=12), st.sampled_from(["09:30", "25:00", "end", "ann", "jo", "{x}",
                                          "flags.calmed", "not", "patient.mood", "[bold]"]),
    st.lists(st.integers(-5, 50), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                st.integers(), max_size=2),
)


#: Number literals that once crashed validation or scoring; spliced in as raw YAML text.
NUMBER_SHAPES = [
    "1" + "0" * 400, "9" * 5000, "-" + "7" * 4400, "0x" + "f" * 400, "0o" + "7" * 500,
    "1.0e+308", "-1.0e+308", "1.5e+400", "1" + "0" * 400 + ".5", ".inf", "-.inf", ".nan",
    "1_000", "0b11", "1e0", "99999999999999999999", "2147483648", "-1", "0.0000001",
]
RAW_NUMBER = "rawnumberhere"


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: Any, path: tuple, how: str, value: Any) -> Any:
    if not path:
        return value if how == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent[f"{last}x"] = parent.pop(last)
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return data


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    index = draw(st.integers(0, len(BASES) - 1))
    data = copy.deepcopy(BASES[index])
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["replace", "delete", "rename", "duplicate"]))
        value = RAW_NUMBER if draw(st.integers(0, 3)) == 0 else draw(junk)
        data = _mutate(data, path, how, value)
    text = yaml.safe_dump(data, allow_unicode=True)
    return text.replace(RAW_NUMBER, draw(st.sampled_from(NUMBER_SHAPES))).encode()


def _play_randomly(sim: Simulation, picks: list[int]) -> None:
    sim.start()
    for pick in picks:
        if sim.is_over:
            break
        options = [f"attend {i.id}" for i in sim.queue()]
        options += [f"choose {c.id}" for c in sim.available_choices()]
        options += ["hold", "wait 3"]
        options += [f"delegate {i.id} {s.id}" for i in sim.queue()
                    for s in sim.staff_free_for(i)]
        with contextlib.suppress(ActionError):
            sim.apply(options[pick % len(options)])
    score(sim)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated(), picks=st.lists(st.integers(0, 50), max_size=40))
def test_mutated_scenarios_never_crash(raw: bytes, picks: list[int]) -> None:
    scenario, problems = check_source(raw, "mutant.yaml")
    assert (scenario is None) == bool(problems)
    for problem in problems:
        assert problem.file == "mutant.yaml" and problem.line >= 0 and problem.message
    if scenario is not None:
        _play_randomly(Simulation(scenario), picks)


@settings(max_examples=150, deadline=None)
@given(index=st.integers(0, len(RAW) - 1), cut=st.integers(0, 5000),
       flips=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 255)), max_size=4))
def test_damaged_bytes_never_crash(index: int, cut: int, flips: list[tuple[int, int]]) -> None:
    raw = bytearray(RAW[index][: max(1, cut)] if cut < len(RAW[index]) else RAW[index])
    for position, byte in flips:
        raw[position % len(raw)] = byte
    scenario, problems = check_source(bytes(raw), "damaged.yaml")
    assert (scenario is None) == bool(problems)


@settings(max_examples=150, deadline=None)
@given(index=st.integers(0, len(RAW) - 1), shape=st.sampled_from(NUMBER_SHAPES),
       nth=st.integers(0, 200))
def test_every_number_is_bounded(index: int, shape: str, nth: int) -> None:
    """Any number in the file replaced by a huge or odd literal: a problem, never a crash."""
    text = RAW[index].decode()
    spots = [m for m in re.finditer(r"(?<=[:\[,] )-?[0-9][0-9.]*(?=[,\]}\n ])", text)]
    spot = spots[nth % len(spots)]
    raw = (text[: spot.start()] + shape + text[spot.end():]).encode()
    scenario, problems = check_source(raw, "numbers.yaml")
    assert (scenario is None) == bool(problems)
    if scenario is not None:
        _play_randomly(Simulation(scenario), list(range(30)))
