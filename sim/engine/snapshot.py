"""Copying a day as it stands, so search and "try the other answer" never replay from the start.

A copy shares everything that no longer changes (the scenario, its machines, log lines, pending
arrivals, closed items) and duplicates everything the day changes in place: meters, flags,
open items and their conversations, and delegation decisions whose outcome may still come.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sim.engine.simulation import Simulation

T = TypeVar("T")


def clone(obj: T) -> T:
    """A shallow copy of a plain object (faster than ``copy.copy`` for dataclasses)."""
    twin = object.__new__(type(obj))
    twin.__dict__.update(obj.__dict__)  # type: ignore[attr-defined]
    return twin


def copy_values(sim: Simulation) -> Simulation:
    """A shallow copy of ``sim`` with its own meters and flags (everything else shared)."""
    twin = clone(sim)
    twin.practice = dict(sim.practice)
    twin.flags = dict(sim.flags)
    people = {}
    for person_id, person in sim.people.items():
        copied = clone(person)
        copied.meters = dict(person.meters)
        people[person_id] = copied
    twin.people = people
    return twin


def copy_simulation(sim: Simulation) -> Simulation:
    """An independent copy of ``sim``: acting on either never changes the other."""
    twin = copy_values(sim)
    people = twin.people
    twin._staff = [people[person.id] for person in sim._staff]
    twin._busy = [people[person.id] for person in sim._busy]
    items = dict(sim.items)  # a closed item never changes again: the copy shares it
    for item_id, item in sim._open.items():
        copied = clone(item)
        if item.run is not None:
            copied.run = clone(item.run)
        items[item_id] = copied
    twin.items = items
    twin._open = {item_id: items[item_id] for item_id in sim._open}
    twin.focus = items[sim.focus.id] if sim.focus is not None else None
    twin.interruptions = [items[item.id] for item in sim.interruptions]
    twin.log = list(sim.log)
    twin.record = list(sim.record)
    twin.appeared_patients = list(sim.appeared_patients)
    twin._fired = set(sim._fired)
    twin._arrivals = list(sim._arrivals)
    pending: dict[int, Any] = {id(d): clone(d) for d in sim._delegation_decisions.values()}
    twin.decisions = [pending.get(id(d), d) for d in sim.decisions]
    twin.played_totals = dict(sim.played_totals)
    twin._delegation_decisions = {item_id: pending[id(d)]
                                  for item_id, d in sim._delegation_decisions.items()}
    return twin
