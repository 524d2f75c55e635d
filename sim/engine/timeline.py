"""Jumping the clock: the minutes in which nothing but waiting happens, passed at once.

Between two events (an arrival, an expiry, a colleague coming back, the close, or the end of
what was asked for) a minute only takes one minute of patience from every waiting item and
its group's per-minute toll from the waiting person's meter (patients' mood, staff's
morale, physicians' trust). Those minutes pass in one step: patience
in closed form, and each meter by the very same sequence of clamped float subtractions the
minute-by-minute loop made (``functools.reduce`` over C floats, so the result is bit for bit
the loop's). The event minute itself then runs the full minute of the simulation.
"""

from __future__ import annotations

from functools import reduce
from itertools import repeat
from operator import sub
from typing import TYPE_CHECKING

from sim.engine.machines import WAITING_STATES
from sim.engine.state import SUBJECT_METER

if TYPE_CHECKING:
    from sim.engine.simulation import Simulation
    from sim.engine.state import Item


def decayed(value: float, step: float, times: int) -> float:
    """``value`` after ``times`` minutes of ``max(0, min(100, value - step))``, exactly."""
    if times <= 0 or not step:
        return value
    if step < 0:  # rising, clamped at 100: rare enough to take minute by minute
        for _ in range(times):
            value = max(0, min(100, value - step))
        return value
    # Falling from at most 100 the upper clamp never bites, and once at 0 it stays 0.
    result = reduce(sub, repeat(step, times), value)
    return result if result > 0 else 0


def quiet_minutes(sim: Simulation, target: int, busy_with: Item | None,
                  until_done: bool) -> int:
    """How many of the minutes up to ``target`` can pass at once: all of them when none holds
    an event, else those before the first that does."""
    clock = sim.clock
    if until_done and sim._nothing_left():
        return 0  # the loop's first minute already ends the wait
    event = sim.scenario.end
    arrival = sim.next_arrival()
    if arrival is not None and arrival < event:
        event = max(arrival, clock + 1)
    for person in sim._staff:
        until = person.busy_until
        if until is not None and clock < until < event and person.state == "busy":
            event = until
    for item in sim._open.values():
        state = item.state
        if state in WAITING_STATES or (state == "in_progress" and item is not busy_with):
            expiry = clock + max(item.patience, 1)
            if expiry < event:
                event = expiry
    return target - clock if event > target else event - clock - 1


def pass_quietly(sim: Simulation, minutes: int, busy_with: Item | None) -> None:
    """Let ``minutes`` event-free minutes pass at once (see :func:`quiet_minutes`): every
    waiting item loses that much patience, and its subject's meter that many minutes of its
    group's toll (as ``Simulation._waiting_cost`` takes it minute by minute)."""
    sim.clock += minutes
    tolls: dict[str, int] = {}
    for item in sim._open.values():
        state = item.state
        if not (state in WAITING_STATES or (state == "in_progress" and item is not busy_with)):
            continue
        item.patience -= minutes
        subject = item.subject
        if subject is not None and subject in sim.people:
            tolls[subject] = tolls.get(subject, 0) + minutes
    for person_id, times in tolls.items():
        person = sim.people[person_id]
        step = sim.decay(person.group)
        if step:
            meter = SUBJECT_METER[person.group]
            person.meters[meter] = decayed(person.meters[meter], step, times)
