"""Branching a day: replay its record up to one decision, then take another answer there.

A day is its record (scenario, seed, timestamped actions), so "what if I had answered that
differently?" is the record's prefix up to the action that made the decision, replayed, and a
different ``choose`` in its place. The branch is a new day from that moment on; the original
record is untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sim.engine.actions import parse_action
from sim.engine.clock import format_clock
from sim.engine.model import Choice, Scenario
from sim.engine.problems import ActionError
from sim.engine.replay import ReplayError, replay_record
from sim.engine.simulation import Simulation

Record = Sequence[tuple[int, str]]


@dataclass(frozen=True)
class BranchPoint:
    """A decision that can be answered differently: ``decision`` indexes the day's decisions,
    ``action`` the record's ``choose`` that made it."""

    decision: int
    action: int
    item: str
    node: str
    chosen: str


def _entries(record: Record) -> list[dict[str, str]]:
    return [{"at": format_clock(at), "action": action} for at, action in record]


def branch_points(scenario: Scenario, seed: int, record: Record) -> list[BranchPoint]:
    """Every answered decision of the day (delegation decisions are not answers: they are
    branched by attending and delegating differently, which is a new day, not a branch)."""
    sim = Simulation(scenario, seed)
    sim.start()
    points = []
    for index, (at, action) in enumerate(record):
        before = len(sim.decisions)
        if at > sim.clock:
            sim.wait(at - sim.clock)
        try:
            sim.apply(action)
        except ActionError as exc:
            raise ReplayError(str(exc), index) from None
        if parse_action(action).verb != "choose":
            continue
        for number in range(before, len(sim.decisions)):
            decision = sim.decisions[number]
            if decision.node != "delegate":
                points.append(BranchPoint(number, index, decision.item, decision.node,
                                          decision.chosen))
    return points


def before(scenario: Scenario, seed: int, record: Record, point: BranchPoint) -> Simulation:
    """The day replayed to just before ``point``'s answer (the conversation is at its node)."""
    return replay_record(scenario, seed, _entries(record[:point.action]))


def alternatives(scenario: Scenario, seed: int, record: Record,
                 point: BranchPoint) -> list[Choice]:
    """The choices that were available at ``point``, in the order the player saw them."""
    return before(scenario, seed, record, point).available_choices()


def branch(scenario: Scenario, seed: int, record: Record, point: BranchPoint,
           choice_id: str) -> Simulation:
    """A new day: the original up to ``point``, then ``choice_id`` instead of the answer given.

    ``ValueError`` if ``choice_id`` is the answer already given or wasn't available there.
    """
    if choice_id == point.chosen:
        raise ValueError(f"'{choice_id}' is the answer you gave: pick another")
    sim = before(scenario, seed, record, point)
    if choice_id not in {choice.id for choice in sim.available_choices()}:
        raise ValueError(f"'{choice_id}' wasn't available at that moment")
    sim.apply(f"choose {choice_id}")
    return sim
