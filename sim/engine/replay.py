"""Replaying a run: a scenario, a seed and timestamped actions give back the same day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sim.engine.actions import Action, ActionSyntaxError, parse_action, parse_actions
from sim.engine.clock import format_clock, parse_clock
from sim.engine.model import Scenario
from sim.engine.problems import ActionError
from sim.engine.scoring import Result, score
from sim.engine.simulation import Simulation


@dataclass
class ReplayError(Exception):
    """An action in a replay could not be applied; ``index`` is 0-based, ``line`` 1-based."""

    message: str
    index: int
    line: int = 0

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else f"action {self.index + 1}"
        return f"{where}: {self.message}"


def play(scenario: Scenario, actions: Iterable[Action], seed: int | None = None,
         finish: bool = True) -> Simulation:
    """Start the day and apply every action; with ``finish``, wait out the rest of the day."""
    sim = Simulation(scenario, seed)
    sim.start()
    for index, action in enumerate(actions):
        try:
            sim.apply(action)
        except ActionError as exc:
            raise ReplayError(str(exc), index, action.line) from None
    if finish and not sim.is_over:
        sim.wait(scenario.end - sim.clock)
    return sim


def run_actions_file(scenario: Scenario, text: str, seed: int | None = None) -> Result:
    """Play an action file's text and score the day."""
    try:
        actions = parse_actions(text)
    except ActionSyntaxError as exc:
        raise ReplayError(str(exc), 0, exc.line) from None
    return score(play(scenario, actions, seed))


def record_actions(entries: Iterable[dict[str, str]]) -> list[Action]:
    """Actions from a replay record's ``[{"at": "HH:MM", "action": "..."}]`` list."""
    actions = []
    for index, entry in enumerate(entries):
        try:
            actions.append(_entry_action(entry["at"], entry["action"]))
        except (ActionSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ReplayError(f"unreadable action: {exc}", index) from None
    return actions


@lru_cache(maxsize=4096)
def _entry_action(at: str, text: str) -> Action:
    """One record entry parsed (records of one day share most entries; actions are frozen)."""
    parsed = parse_action(text)
    return Action(parsed.verb, parsed.args, parse_clock(at))


def replay_record(scenario: Scenario, seed: int, entries: Iterable[dict[str, str]],
                  finish: bool = False) -> Simulation:
    """Rebuild a run from its record; every action must fall exactly at its recorded time."""
    actions = record_actions(entries)
    sim = Simulation(scenario, seed)
    sim.start()
    for index, action in enumerate(actions):
        if action.at != sim.clock:
            raise ReplayError(f"'{action}' is recorded at {format_clock(action.at or 0)}, but in "
                              f"the replay it comes at {format_clock(sim.clock)}", index)
        try:
            sim.act(action)  # at the time it is recorded for, checked above
        except ActionError as exc:
            raise ReplayError(str(exc), index) from None
    if finish and not sim.is_over:
        sim.wait(scenario.end - sim.clock)
    return sim
