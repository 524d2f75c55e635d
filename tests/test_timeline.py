"""The clock's jump from event to event is the per-minute loop, bit for bit.

Every bundled scenario (their ``day`` decays wear down patients' mood, staff's morale and
physicians' trust) is played with random legal actions twice: once with quiet minutes passing
at once (:mod:`sim.engine.timeline`), once with every minute run in full. After every action
the two days must be identical, floats of every meter included (``==`` on the repr).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.engine import load_scenario, timeline
from sim.engine.state import clamp
from tests.random_play import ROOT, fingerprint, random_play

PLAYS = 12


def _minute_by_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "quiet_minutes", lambda *args: 0)


def _play(path: Path, seed: int, per_minute: bool, monkeypatch: pytest.MonkeyPatch) -> list:
    """The fingerprints of a random play after every action."""
    scenario = load_scenario(path)
    prints: list[str] = []
    with monkeypatch.context() as patch:
        if per_minute:
            _minute_by_minute(patch)
        random_play(scenario, seed, check=lambda sim: prints.append(repr(fingerprint(sim))))
    return prints


@pytest.mark.parametrize("path", sorted(ROOT.glob("scenarios/*.yaml")), ids=lambda p: p.stem)
def test_jumping_the_clock_matches_the_minute_loop(path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for seed in range(PLAYS):
        jumped = _play(path, seed, per_minute=False, monkeypatch=monkeypatch)
        looped = _play(path, seed, per_minute=True, monkeypatch=monkeypatch)
        assert jumped == looped, f"{path.name}, seed {seed}"


def test_the_bundled_days_wear_down_every_group() -> None:
    """The property above means something: the bundled days have every group's decay."""
    days = [load_scenario(p) for p in sorted(ROOT.glob("scenarios/*.yaml"))]
    assert any(d.morale_decay for d in days) and any(d.trust_decay for d in days)
    assert any(d.mood_decay for d in days)


@pytest.mark.parametrize("value", [100, 73.3, 0.2, 5, 0.05])
@pytest.mark.parametrize("step", [0.05, 0.1, 0.3, 1.0, -0.5])
def test_decayed_is_the_clamped_loop(value: float, step: float) -> None:
    for times in (0, 1, 2, 7, 60, 400):
        looped = value
        for _ in range(times):
            looped = max(0, min(100, looped - step))
        assert repr(timeline.decayed(value, step, times)) == repr(looped)


@given(st.one_of(st.integers(-300, 300), st.floats(-300, 300, allow_nan=False)))
def test_clamp_is_max_min_to_the_type(value: float) -> None:
    """The fast clamp gives what ``max(0, min(100, value))`` gives, int or float alike."""
    expected = max(0, min(100, value))
    assert repr(clamp(value)) == repr(expected)
