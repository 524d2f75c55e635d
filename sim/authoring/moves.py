"""The moves a player can make at a decision point, for automated play and search.

Time only matters when something happens, so waiting is one move: wait until the next
arrival, return of a delegated colleague, expiry of a waiting item, or the end of the day.
``hold`` is offered only when something new has arrived since the focus was attended (or the
conversation is stuck), so zero-minute hold/attend loops can't go on forever.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sim.engine.clock import format_clock
from sim.engine.model import Scenario
from sim.engine.simulation import Simulation

RANDOM_WAITS = (1, 1, 2, 3, 5, 8, 15, 30, 60)


@dataclass(frozen=True)
class PlayState:
    """What the move generator remembers besides the simulation itself."""

    waiting_at_attend: frozenset[str] = frozenset()
    stuck: frozenset[tuple[str, str]] = frozenset()  # (item, world signature when it stuck)
    actions: tuple[str, ...] = field(default=())


def is_dead_end(sim: Simulation) -> bool:
    """True when the focused conversation is at a node with choices, none of them available."""
    node = sim.node()
    return node is not None and not node.closing and not sim.available_choices()


def signature(sim: Simulation) -> str:
    """What a condition can read: the clock, flags and meters. A conversation that was stuck
    is worth attending again only once this has changed."""
    meters = sorted((p.id, sorted(p.meters.items())) for p in sim.people.values())
    return repr((sim.clock, sorted(sim.flags.items()), sorted(sim.practice.items()), meters))


def wait_minutes(sim: Simulation) -> int:
    """Minutes until something next happens (at least 1)."""
    moments = [sim.scenario.end]
    arrival = sim.next_arrival()
    if arrival is not None:
        moments.append(arrival)
    for person in sim.people.values():
        if person.state == "busy" and person.busy_until is not None:
            moments.append(person.busy_until)
    moments += [sim.clock + item.patience for item in sim.queue()]
    return max(1, min(moments) - sim.clock)


def moves(sim: Simulation, state: PlayState) -> list[str]:
    """Every move worth trying now, in a stable order."""
    if sim.is_over:
        return []
    interruption = sim.interruption()
    if interruption is not None:  # it must be answered before anything else
        return [f"take {interruption.id}", f"defer {interruption.id}"]
    now = signature(sim) if state.stuck else ""
    waiting = [item for item in sim.queue() if (item.id, now) not in state.stuck]
    if sim.focus is not None:
        options = [f"choose {choice.id}" for choice in sim.available_choices()]
        fresh = any(item.id not in state.waiting_at_attend for item in waiting)
        if fresh or not options:
            options.append("hold")
        return options
    options = [f"attend {item.id}" for item in waiting]
    for item in sim.open_items():
        if item.state in ("queued", "on_hold"):
            options += [f"delegate {item.id} {staff.id}" for staff in sim.staff_free_for(item)]
    options.append(f"wait {wait_minutes(sim)}")
    return options


def random_actions(sim: Simulation, rng: random.Random) -> list[str]:
    """Every legal action now, of every verb, for a random player: take or defer an
    interruption (or let it ring while time passes); else choose or hold (with a focus) or
    attend (without), delegate any open item someone free may take, the focus included, and
    one wait of a random length (stopping short of or past the next event)."""
    interruption = sim.interruption()
    if interruption is not None:  # answer it, or let time pass while it rings
        return [f"take {interruption.id}", f"defer {interruption.id}",
                f"wait {rng.choice((1, 2, 5))}"]
    actions: list[str] = []
    if sim.focus is not None:
        actions += [f"choose {c.id}" for c in sim.available_choices()]
        actions.append("hold")
    else:
        actions += [f"attend {item.id}" for item in sim.queue()]
    for item in sim.open_items():
        if item.state != "delegated" and item.event.delegate:
            actions += [f"delegate {item.id} {staff.id}" for staff in sim.staff_free_for(item)
                        if sim.delegation_refusal(item, staff.id) is None]
    actions.append(f"wait {rng.choice(RANDOM_WAITS)}")
    return actions


def advance(sim: Simulation, state: PlayState, move: str) -> PlayState:
    """Apply ``move`` to ``sim``; return the new play state (``sim`` changes in place)."""
    after = note(sim, state, move)
    sim.apply(move)
    return after


def note(sim: Simulation, state: PlayState, move: str) -> PlayState:
    """The play state after ``move``, computed before it is applied to ``sim``."""
    stuck = state.stuck
    waiting_at_attend = state.waiting_at_attend
    if move == "hold" and sim.focus is not None and is_dead_end(sim):
        stuck = stuck | {(sim.focus.id, signature(sim))}
    if move.startswith("attend "):
        waiting_at_attend = frozenset(item.id for item in sim.queue())
    return PlayState(waiting_at_attend, stuck, (*state.actions, move))


def action_lines(sim: Simulation) -> list[str]:
    """The day's actions as an action file: ``HH:MM action`` per line."""
    return [f"{format_clock(at)} {text}" for at, text in sim.record]


def start(scenario: Scenario, seed: int) -> Simulation:
    """A simulation of the scenario's day, started."""
    sim = Simulation(scenario, seed)
    sim.start()
    return sim
