"""Lifecycles are declared as data and run on one transitions machine per kind."""

from __future__ import annotations

from sim.engine import Scenario, Simulation
from sim.engine.machines import ITEM, choice_trigger, encounter_spec


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


def test_one_machine_per_kind_with_many_models(tiny: Scenario) -> None:
    sim = Simulation(tiny)
    sim.start()
    sim.apply("wait 5")
    sim.apply("attend call")
    items = sim._item_machine.models
    assert sorted(m.id for m in items) == ["ann_desk", "call"]
    assert sorted(m.id for m in sim._staff_machine.models) == ["jo", "sam"]
    assert list(sim._encounter_machines) == ["call"]
