"""Results as plain data are what a JSON round trip gives, whatever they hold."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from sim.engine import load_scenario, play, score
from sim.engine.actions import parse_actions
from sim.storage.plain import plain
from tests.random_play import ROOT

JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                        st.floats(allow_nan=False, allow_infinity=False))


@dataclass
class Inner:
    """A dataclass inside another, as results nest them."""

    name: str
    values: tuple[float, ...] = ()


@dataclass
class Outer:
    """A result-like dataclass."""

    inner: Inner
    table: dict = field(default_factory=dict)
    items: list = field(default_factory=list)


def _round_trip(value: object) -> object:
    return json.loads(json.dumps(value, default=lambda v: dict(vars(v))))


VALUES = st.recursive(JSON_LEAVES, lambda children: st.one_of(
    st.lists(children, max_size=4), st.tuples(children, children),
    st.dictionaries(st.text(max_size=4), children, max_size=4),
    st.dictionaries(st.integers(), children, max_size=2),  # keys JSON turns into strings
    st.builds(Inner, st.text(max_size=4), st.tuples(st.floats(allow_nan=False))),
    st.builds(Outer, st.builds(Inner, st.text(max_size=4)),
              st.dictionaries(st.text(max_size=3), children, max_size=3),
              st.lists(children, max_size=3))), max_leaves=20)


@given(VALUES)
def test_plain_is_the_json_round_trip(value: object) -> None:
    assert repr(plain(value)) == repr(_round_trip(value))


def test_a_scored_day_is_its_json_round_trip() -> None:
    path = ROOT / "scenarios" / "full-day.yaml"
    scenario = load_scenario(path)
    day = play(scenario, parse_actions(path.with_suffix(".best.actions").read_text()))
    result = score(day)
    assert repr(plain(result)) == repr(_round_trip(result))
