"""The lifecycles of a day, declared as data and run on ``transitions`` machines.

One machine per kind of lifecycle, shared by all the objects of that kind (its models):
the day, every queue item, every staff member, and one per encounter graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import Machine

from sim.engine.model import END, Encounter

DAY = {
    "states": ["briefing", "running", "closed"],
    "initial": "briefing",
    "transitions": [
        {"trigger": "open_day", "source": "briefing", "dest": "running"},
        {"trigger": "close_day", "source": "running", "dest": "closed"},
    ],
}

ITEM = {
    "states": ["queued", "in_progress", "on_hold", "delegated", "resolved", "expired"],
    "initial": "queued",
    "transitions": [
        {"trigger": "attend", "source": ["queued", "on_hold"], "dest": "in_progress"},
        {"trigger": "hold", "source": "in_progress", "dest": "on_hold"},
        {"trigger": "hand_over", "source": ["queued", "on_hold", "in_progress"],
         "dest": "delegated"},
        {"trigger": "finish", "source": "in_progress", "dest": "resolved"},
        {"trigger": "succeed", "source": "delegated", "dest": "resolved"},
        {"trigger": "fail", "source": "delegated", "dest": "queued"},
        {"trigger": "expire", "source": ["queued", "on_hold", "in_progress"], "dest": "expired"},
    ],
}
OPEN_STATES = ("queued", "in_progress", "on_hold", "delegated")
WAITING_STATES = ("queued", "on_hold")

STAFF = {
    "states": ["available", "busy"],
    "initial": "available",
    "transitions": [
        {"trigger": "assign", "source": "available", "dest": "busy"},
        {"trigger": "release", "source": "busy", "dest": "available"},
    ],
}


def make_machine(spec: dict[str, Any], attribute: str = "state") -> Machine:
    """A machine for one kind of lifecycle; add models with ``add_model``."""
    return Machine(model=None, states=spec["states"], transitions=spec["transitions"],
                   initial=spec["initial"], auto_transitions=False, model_attribute=attribute)


def bind(machine: Machine, model: Any) -> None:
    """Make ``model`` a model of ``machine``, and check that it really is one.

    ``transitions`` skips a model that is already "in" its list, and ``in`` compares with
    ``==``: two equal-valued dataclasses would share one binding and the second would never
    get its triggers. Models are therefore compared by identity (``eq=False``), and this
    check turns any regression into an immediate, named error instead of a later crash.
    """
    machine.add_model(model)
    if not any(bound is model for bound in machine.models):
        raise RuntimeError(f"{type(model).__name__} was not bound to its machine: "
                           "machine models must compare by identity (dataclass(eq=False))")


def choice_trigger(node_id: str, choice_id: str) -> str:
    """The trigger name of a choice: unique within its encounter."""
    return f"{node_id}:{choice_id}"


def encounter_spec(encounter: Encounter,
                   condition: Callable[[Any], Callable[..., bool]]) -> dict[str, Any]:
    """An encounter graph as machine data: nodes are states, choices guarded transitions.

    ``condition(choice)`` returns the guard for a choice with a ``when``; guards receive the
    arguments given to the trigger (the evaluation context).
    """
    transitions = []
    for node in encounter.nodes.values():
        for choice in node.choices:
            transition: dict[str, Any] = {"trigger": choice_trigger(node.id, choice.id),
                                          "source": node.id, "dest": choice.next}
            if choice.when is not None:
                transition["conditions"] = [condition(choice)]
            transitions.append(transition)
    return {"states": [*encounter.nodes, END], "initial": encounter.start,
            "transitions": transitions}
