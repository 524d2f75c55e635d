"""The day's arrivals known before play: scripted events and the random walk-ins of streams.

A schedule depends only on the scenario and the seed (every draw has an RNG keyed by the seed
and the event or item id), and its arrivals are never changed (a walk-in's state is copied
when it arrives), so the last few seeds' schedules are kept on the scenario: replaying many
records of one day draws its schedule once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sim.engine.model import Event, Scenario
from sim.engine.state import PersonState

SCHEDULES_KEPT = 16  # per scenario: the schedules of the last seeds played


@dataclass
class Arrival:
    """One item due at ``time``; ``order`` breaks ties (event index, walk-in number)."""

    time: int
    order: tuple[int, int]
    item_id: str
    event: Event
    walk_in: PersonState | None = None
    encounter: str = ""


def schedule(scenario: Scenario, seed: int) -> tuple[Arrival, ...]:
    """Every arrival known before play, in the order they come (shared: never change one)."""
    cache: dict[int, tuple[Arrival, ...]] = scenario.__dict__.setdefault("_schedules", {})
    cached = cache.get(seed)
    if cached is None:
        if len(cache) >= SCHEDULES_KEPT:
            del cache[next(iter(cache))]
        cached = cache[seed] = tuple(_draw(scenario, seed))
    return cached


def by_time(arrivals: list[Arrival]) -> None:
    """Sort ``arrivals`` in place into the order they come."""
    arrivals.sort(key=lambda a: (a.time, a.order))


def _draw(scenario: Scenario, seed: int) -> list[Arrival]:
    arrivals: list[Arrival] = []
    for index, event in enumerate(scenario.events):
        if event.at is not None:
            arrivals.append(Arrival(event.at, (index, 0), event.id, event))
        elif event.is_stream:
            arrivals.extend(_stream(scenario, seed, index, event))
    by_time(arrivals)
    return arrivals


def _stream(scenario: Scenario, seed: int, index: int, event: Event) -> list[Arrival]:
    assert event.every and event.start is not None and event.until is not None
    archetype = scenario.archetypes[event.archetype or ""]
    rng = random.Random(f"{seed}:stream:{event.id}")
    names = list(archetype.names)
    rng.shuffle(names)
    arrivals = []
    time, number = event.start + rng.randint(*event.every), 1
    while time <= event.until and time < scenario.end:
        item_id = f"{event.id}-{number}"
        walk_in = PersonState(item_id, "patient", names[(number - 1) % len(names)], "patient",
                              {"mood": rng.randint(*archetype.mood)},
                              rng.randint(*archetype.patience), archetype.traits)
        arrivals.append(Arrival(time, (index, number), item_id, event, walk_in,
                                _variant(seed, event, item_id)))
        time += rng.randint(*event.every)
        number += 1
    return arrivals


def _variant(seed: int, event: Event, item_id: str) -> str:
    """The encounter a walk-in plays: drawn by weight from its archetype's variants (an RNG of
    its own, so a scenario without variants draws exactly what it always did)."""
    if len(event.variants) < 2:
        return event.encounter
    rng = random.Random(f"{seed}:variant:{item_id}")
    encounters, weights = zip(*event.variants, strict=True)
    return rng.choices(encounters, weights)[0]
