"""The lifecycles of a day, declared as data and run on ``transitions`` machines.

One machine per kind of lifecycle, built once per scenario and shared by every simulation of
it and every object of that kind: the day, queue items, staff members, and one per encounter
graph. Objects are fired through a :class:`Lifecycle` rather than bound as models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import Machine
from transitions.core import MachineError

from sim.engine.model import END, Choice, Encounter, Scenario

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
    """A ``transitions`` machine for one kind of lifecycle, without models."""
    return Machine(model=None, states=spec["states"], transitions=spec["transitions"],
                   initial=spec["initial"], auto_transitions=False, model_attribute=attribute)


class Lifecycle:
    """A ``transitions`` machine fired on models it never binds (model-free dispatch).

    ``transitions`` resolves a trigger through the machine's events: the model's state names
    the source, the source's transitions are tried in order and the first whose conditions
    hold sets the destination. This does exactly that from the machine's own event table,
    read once, instead of binding trigger methods onto every model (``add_model`` is most of
    the cost of a day) and building event data for every trigger. The specs use no callbacks
    and no string conditions, and construction refuses a machine that does, so the table is
    the whole of the machine's behaviour; ``tests/test_machines.py`` checks it against
    ``transitions`` firing every trigger from every state.
    """

    def __init__(self, machine: Machine):
        self.machine = machine
        self.attribute: str = machine.model_attribute
        self.initial: str = machine.initial
        if any(state.on_enter or state.on_exit for state in machine.states.values()):
            raise ValueError("a Lifecycle runs no state callbacks")
        self._table: dict[tuple[str, str], tuple[tuple[str, tuple[Any, ...]], ...]] = {}
        # (trigger, source) -> dest where the one transition has no conditions: most of them.
        self._direct: dict[tuple[str, str], str] = {}
        for name, event in machine.events.items():
            for source, transitions in event.transitions.items():
                options = []
                for transition in transitions:
                    if any(getattr(transition, kind) for kind in ("prepare", "before", "after")):
                        raise ValueError("a Lifecycle runs no transition callbacks")
                    if any(not callable(c.func) for c in transition.conditions):
                        raise ValueError("a Lifecycle's conditions are callables")
                    checks = tuple((c.func, c.target) for c in transition.conditions)
                    options.append((transition.dest or source, checks))
                self._table[(name, source)] = tuple(options)
                if len(options) == 1 and not options[0][1]:
                    self._direct[(name, source)] = options[0][0]

    def fire(self, model: Any, trigger: str, *args: Any) -> bool:
        """Fire ``trigger`` on ``model`` (conditions get ``args``); False if a guard refused.

        Raises ``MachineError``, as ``transitions`` does, when the model's state has no
        transition for the trigger.
        """
        state = getattr(model, self.attribute)
        key = (trigger, state)
        dest = self._direct.get(key)
        if dest is not None:
            setattr(model, self.attribute, dest)
            return True
        options = self._table.get(key)
        if options is None:
            raise MachineError(f"Can't trigger event {trigger} from state {state}!")
        for dest, checks in options:
            if all(func(*args) == target for func, target in checks):
                setattr(model, self.attribute, dest)
                return True
        return False


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


def _guard(choice: Choice) -> Callable[..., bool]:
    """A choice's condition as a guard on ``(simulation, item)``, the trigger's arguments."""
    when = choice.when
    assert when is not None
    return lambda sim, item: when.evaluate(lambda path: sim.lookup(path, item))


class Lifecycles:
    """Every lifecycle of one scenario, built once and shared by all its simulations."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.day = Lifecycle(make_machine(DAY))
        self.item = Lifecycle(make_machine(ITEM))
        self.staff = Lifecycle(make_machine(STAFF))
        self._encounters: dict[str, Lifecycle] = {}

    def encounter(self, encounter_id: str) -> Lifecycle:
        """The machine of an encounter graph (built the first time a day needs it)."""
        lifecycle = self._encounters.get(encounter_id)
        if lifecycle is None:
            spec = encounter_spec(self.scenario.encounters[encounter_id], _guard)
            lifecycle = Lifecycle(make_machine(spec, attribute="node"))
            self._encounters[encounter_id] = lifecycle
        return lifecycle

    @property
    def built_encounters(self) -> list[str]:
        """The encounters whose machines exist so far."""
        return list(self._encounters)


def lifecycles(scenario: Scenario) -> Lifecycles:
    """The scenario's lifecycles, cached on the (immutable) scenario itself."""
    cached = scenario.__dict__.get("_lifecycles")
    if cached is None:
        cached = Lifecycles(scenario)
        object.__setattr__(scenario, "_lifecycles", cached)
    return cached
