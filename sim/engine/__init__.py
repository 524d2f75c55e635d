"""The Practice Sim engine: scenarios, the day simulation and scoring. Never imports Textual."""

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
