"""The Practice Sim engine: scenarios, the day simulation and scoring. Never imports Textual.

The names below load their module on first use (PEP 562), so importing a light part of the
engine (``sim.engine.files``, ``sim.engine.clock``) doesn't load the simulation, the loader and
``transitions``: the title screen lists saves without them. ``from sim.engine import X`` works
as it always did.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the module that defines it.
_HOMES = {
    "Action": "actions", "ActionSyntaxError": "actions", "parse_action": "actions",
    "parse_actions": "actions",
    "format_clock": "clock", "parse_clock": "clock",
    "check_source": "loader", "load_scenario": "loader", "validate_file": "loader",
    "Scenario": "model",
    "ActionError": "problems", "Problem": "problems", "ScenarioError": "problems",
    "ReplayError": "replay", "play": "replay", "replay_record": "replay",
    "run_actions_file": "replay",
    "Result": "scoring", "score": "scoring",
    "ENGINE_VERSION": "simulation", "SUBJECT_METER": "simulation", "Decision": "simulation",
    "Item": "simulation", "Simulation": "simulation", "delegation_chance": "simulation",
    "describe_chance": "simulation",
}

__all__ = [
    "ENGINE_VERSION",
    "SUBJECT_METER",
    "Action",
    "ActionError",
    "ActionSyntaxError",
    "Decision",
    "Item",
    "Problem",
    "ReplayError",
    "Result",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "check_source",
    "delegation_chance",
    "describe_chance",
    "format_clock",
    "load_scenario",
    "parse_action",
    "parse_actions",
    "parse_clock",
    "play",
    "replay_record",
    "run_actions_file",
    "score",
    "validate_file",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'sim.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"sim.engine.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:
    from sim.engine.actions import Action, ActionSyntaxError, parse_action, parse_actions
    from sim.engine.clock import format_clock, parse_clock
    from sim.engine.loader import check_source, load_scenario, validate_file
    from sim.engine.model import Scenario
    from sim.engine.problems import ActionError, Problem, ScenarioError
    from sim.engine.replay import ReplayError, play, replay_record, run_actions_file
    from sim.engine.scoring import Result, score
    from sim.engine.simulation import (
        ENGINE_VERSION,
        SUBJECT_METER,
        Decision,
        Item,
        Simulation,
        delegation_chance,
        describe_chance,
    )
