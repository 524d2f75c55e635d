"""Lifecycles are declared as data and run on one transitions machine per kind and scenario."""

from __future__ import annotations

import pytest
from transitions.core import MachineError

from sim.catalog import bundled_dir
from sim.engine import Scenario, Simulation, load_scenario
from sim.engine.machines import (
    DAY,
    ITEM,
    STAFF,
    Lifecycle,
    choice_trigger,
    encounter_spec,
    lifecycles,
    make_machine,
)
from tests.conftest import TINY


def test_item_lifecycle_is_data() -> None:
    assert ITEM["states"] == ["queued", "in_progress", "on_hold", "delegated", "resolved",
                              "expired"]
    triggers = {t["trigger"] for t in ITEM["transitions"]}
    assert {"attend", "hold", "hand_over", "finish", "succeed", "fail", "expire"} == triggers


def test_encounter_graph_becomes_states_and_guarded_transitions(tiny: Scenario) -> None:
    spec = encounter_spec(tiny.encounters["desk"], lambda choice: lambda item: True)
    assert spec["states"] == ["greet", "thanks", "end"]
    assert spec["initial"] == "greet"
    by_trigger = {t["trigger"]: t for t in spec["transitions"]}
    assert by_trigger[choice_trigger("greet", "warm")]["dest"] == "thanks"
    assert "conditions" in by_trigger[choice_trigger("greet", "again")]
    assert "conditions" not in by_trigger[choice_trigger("greet", "curt")]


def test_one_machine_per_kind_for_every_simulation_of_a_scenario() -> None:
    tiny = load_scenario(TINY)
    first, second = Simulation(tiny), Simulation(tiny, seed=99)
    for sim in (first, second):
        sim.start()
        sim.apply("wait 5")
        sim.apply("attend call")
        sim.apply("choose book")
    assert first._machines is second._machines is lifecycles(tiny)
    assert lifecycles(tiny).built_encounters == ["call"]
    assert first.items["call"].state == second.items["call"].state == "resolved"


def _every_lifecycle() -> list[tuple[str, Lifecycle]]:
    found = [(name, Lifecycle(make_machine(spec))) for name, spec in
             (("day", DAY), ("item", ITEM), ("staff", STAFF))]
    for path in sorted(bundled_dir().glob("*.yaml")):
        scenario = load_scenario(path)
        found += [(f"{scenario.id}/{enc}", lifecycles(scenario).encounter(enc))
                  for enc in scenario.encounters]
    return found


class _Model:
    def __init__(self, attribute: str, state: str):
        setattr(self, attribute, state)


@pytest.mark.parametrize("guards", [True, False])
def test_lifecycles_fire_exactly_as_transitions_does(guards: bool) -> None:
    """Every trigger from every state: the same destination, refusal or MachineError."""
    checked = refused = 0
    for name, lifecycle in _every_lifecycle():
        machine = lifecycle.machine
        attribute = lifecycle.attribute
        args = (_Sim(guards), None)
        for state in machine.states:
            for trigger, event in machine.events.items():
                ours, theirs = _Model(attribute, state), _Model(attribute, state)
                try:
                    expected = event.trigger(theirs, *args)
                except MachineError:
                    with pytest.raises(MachineError):
                        lifecycle.fire(ours, trigger, *args)
                    continue
                assert lifecycle.fire(ours, trigger, *args) == expected, (name, state, trigger)
                assert getattr(ours, attribute) == getattr(theirs, attribute)
                checked += 1
                refused += not expected
    assert checked > 400 and refused > 0


class _Sim:
    """Answers every condition's lookups alike, so guards all pass or all fail."""

    def __init__(self, value: bool):
        self.value = value

    def lookup(self, path: str, item: object) -> object:
        return 100 if self.value else -100


def test_a_lifecycle_refuses_callbacks_it_would_not_run() -> None:
    machine = make_machine(STAFF)
    machine.events["assign"].add_callback("after", lambda: None)
    with pytest.raises(ValueError, match="callbacks"):
        Lifecycle(machine)
