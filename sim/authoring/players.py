"""Measuring players: bots that play a scenario by a fixed policy, to see what the day rewards.

Every bot is pure and deterministic: the same scenario, day seed and bot seed give the same
day. A bot is a function ``(sim) -> action text or None`` (``None``: nothing to do but wait
out the day); :func:`play_bot` runs one to the end of the day.

- :func:`first_come_first_served`: knows every answer (the rubric-best available choice), but
  attends strictly in arrival order, never holds, never delegates, lets every interruption
  wait, and waits when nothing is waiting.
- :func:`idle`: does nothing all day.
- :func:`random_legal`: any legal move, uniformly (every verb), from a seeded generator.
- :func:`cherry_picker`: like first come, first served, but handles only some items (those of
  some kinds, or only the first item of the day) and ignores the rest.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection

from sim.authoring.moves import PlayState, moves, note, wait_minutes
from sim.engine.decisions import Option, weigh
from sim.engine.model import Choice, Scenario
from sim.engine.simulation import Simulation
from sim.engine.state import Item

Bot = Callable[[Simulation], "str | None"]
MAX_ACTIONS = 2000  # a safety net: no bot may loop forever in a zero-minute cycle


def best_choice(sim: Simulation) -> Choice | None:
    """The rubric-best of the focused node's available choices (first in file order on ties)."""
    available = sim.available_choices()
    if not available:
        return None
    options = [Option(c.id, c.text, c.feedback, c.skills) for c in available]
    _, _, best = weigh(options, options[0], sim.scenario.rubric.skills)
    return next(c for c in available if c.id == best.id)


def arrival_order(sim: Simulation) -> list[Item]:
    """Items waiting for the player, oldest arrival first (whatever order the engine shows)."""
    order = {item_id: index for index, item_id in enumerate(sim.items)}
    return sorted(sim.queue(), key=lambda item: (item.arrived, order[item.id]))


def _pending_interruption(sim: Simulation) -> Item | None:
    pending = getattr(sim, "interruption", None)
    return pending() if callable(pending) else None


def _answer_well(sim: Simulation) -> str | None:
    """The best choice in focus, if there is one to make."""
    choice = best_choice(sim)
    return f"choose {choice.id}" if choice is not None else None


def _wait(sim: Simulation) -> str:
    return f"wait {wait_minutes(sim)}"


def first_come_first_served(sim: Simulation) -> str | None:
    """The perfect-answers, no-juggling player."""
    interruption = _pending_interruption(sim)
    if interruption is not None:
        return f"defer {interruption.id}"
    if sim.focus is not None:
        return _answer_well(sim) or _wait(sim)
    waiting = arrival_order(sim)
    if waiting:
        return f"attend {waiting[0].id}"
    return _wait(sim)


def idle(sim: Simulation) -> str | None:
    """Does nothing: the day is waited out."""
    return None


def cherry_picker(kinds: Collection[str] | None = None, first_only: bool = False) -> Bot:
    """A bot that handles (with the best answers, in arrival order) only the items of
    ``kinds`` (all kinds when ``None``), or only the first item of the day; it ignores the
    rest, never holds and never delegates."""
    handled: list[str] = []

    def wanted(item: Item) -> bool:
        if first_only:
            return not handled or item.id == handled[0]
        return kinds is None or item.event.kind in kinds

    def bot(sim: Simulation) -> str | None:
        interruption = _pending_interruption(sim)
        if interruption is not None:
            return f"defer {interruption.id}"
        if sim.focus is not None:
            return _answer_well(sim) or _wait(sim)
        for item in arrival_order(sim):
            if wanted(item):
                if item.id not in handled:
                    handled.append(item.id)
                return f"attend {item.id}"
        return _wait(sim)

    return bot


def random_legal(seed: int = 0) -> Bot:
    """A bot that makes any legal move, uniformly, drawn from ``seed``."""
    rng = random.Random(f"random-legal:{seed}")
    state = PlayState()

    def bot(sim: Simulation) -> str | None:
        nonlocal state
        options = moves(sim, state)
        if not options:
            return None
        move = rng.choice(options)
        state = note(sim, state, move)
        return move

    return bot


def play_bot(scenario: Scenario, bot: Bot, seed: int | None = None) -> Simulation:
    """Play the whole day with ``bot`` on day seed ``seed`` (default: the scenario's)."""
    sim = Simulation(scenario, seed)
    sim.start()
    for _ in range(MAX_ACTIONS):
        if sim.is_over:
            break
        action = bot(sim)
        if action is None:
            break
        sim.apply(action)
    if not sim.is_over:
        sim.wait(max(1, scenario.end - sim.clock))
    return sim


__all__ = [
    "Bot",
    "arrival_order",
    "best_choice",
    "cherry_picker",
    "first_come_first_served",
    "idle",
    "play_bot",
    "random_legal",
]
