"""Search for the best and the worst final score a scenario allows, with the actions that
reach them.

First an exhaustive search over every decision point (every move of :mod:`moves`); when the
day has more of them than ``budget`` allows, a beam search keeps the ``width`` most promising
partial days at each step instead, and its figures are bounds: the true best is at least the
best found, the true worst at most the worst found. Each branch goes on from a copy of the day
(:meth:`Simulation.copy`), never from a replay.
"""

from __future__ import annotations

import random
import statistics
import sys
from dataclasses import dataclass, field

from sim.authoring.moves import PlayState, action_lines, advance, moves, start
from sim.authoring.progress import ProgressSink
from sim.engine.model import Scenario
from sim.engine.scoring import final_score
from sim.engine.simulation import Simulation

MAX_ACTIONS = 400  # a safety net against zero-minute loops in a conversation graph
PROBES = 16  # random playthroughs that estimate the size of the exact search
HOPELESS = 20  # skip the exact search when its estimated moves exceed the budget this often


@dataclass
class Extreme:
    """A final score and an action file that reaches it."""

    score: float
    actions: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    """The best and worst scores found, and whether they are exact."""

    best: Extreme
    worst: Extreme
    exact: bool
    states: int
    method: str
    estimated_moves: float | None = None  # when the exact search was not possible


class _OverBudget(Exception):
    pass


def _finish(sim: Simulation) -> float:
    """Wait out the rest of the day; its final score."""
    if not sim.is_over:
        sim.wait(max(1, sim.scenario.end - sim.clock))
    return final_score(sim)


def exhaustive(scenario: Scenario, seed: int, budget: int,
               progress: ProgressSink | None = None) -> SearchResult:
    """Try every sequence of moves; raises ``_OverBudget`` once it has simulated more than
    ``budget`` moves."""
    best: list[Extreme] = []
    worst: list[Extreme] = []
    count = 0
    work = 0

    def visit(sim: Simulation, state: PlayState) -> None:
        nonlocal count, work
        count += 1
        options = moves(sim, state) if len(state.actions) < MAX_ACTIONS else []
        if not options:
            leaf = _finish(sim)  # the actions are written out only for a new extreme
            if not best or leaf > best[0].score:
                best[:] = [Extreme(leaf, action_lines(sim))]
            if not worst or leaf < worst[0].score:
                worst[:] = [Extreme(leaf, action_lines(sim))]
            return
        for index, move in enumerate(options):
            work += 1
            if work > budget:
                raise _OverBudget
            if progress:
                progress.advance(1)
            child = sim if index == len(options) - 1 else sim.copy()
            visit(child, advance(child, state, move))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * MAX_ACTIONS + 200))
    try:
        visit(start(scenario, seed), PlayState())
    finally:
        sys.setrecursionlimit(limit)
    return SearchResult(best[0], worst[0], True, count, "exhaustive")


def beam(scenario: Scenario, seed: int, width: int, maximize: bool,
         progress: ProgressSink | None = None) -> tuple[Extreme, int]:
    """Keep the ``width`` best (or worst) partial days at each step; return the extreme found."""
    sign = 1 if maximize else -1
    frontier: list[tuple[Simulation, PlayState]] = [(start(scenario, seed), PlayState())]
    found: Extreme | None = None
    states = 0
    while frontier:
        children: list[tuple[float, Simulation, PlayState]] = []
        for sim, state in frontier:
            options = moves(sim, state) if len(state.actions) < MAX_ACTIONS else []
            if not options:
                leaf = _finish(sim)
                if found is None or sign * leaf > sign * found.score:
                    found = Extreme(leaf, action_lines(sim))
                continue
            for index, move in enumerate(options):
                child = sim if index == len(options) - 1 else sim.copy()
                child_state = advance(child, state, move)
                states += 1
                children.append((sign * final_score(child), child, child_state))
        if progress:
            progress.advance(1)
        children.sort(key=lambda entry: -entry[0])
        frontier = [(sim, state) for _, sim, state in children[:width]]
    assert found is not None
    return found, states


def estimated_moves(scenario: Scenario, seed: int, probes: int = PROBES) -> float:
    """How many moves trying every decision would take, estimated from random playthroughs
    (Knuth's estimator: along a random path, 1 + b1 + b1*b2 + ... for the branching factors
    b met). The median of ``probes`` paths is taken: for these skewed trees it comes out
    below the true size, so a search skipped on its word would have run over budget anyway."""
    rng = random.Random(f"estimate:{seed}")
    estimates = []
    for _ in range(probes):
        sim, state = start(scenario, seed), PlayState()
        total = width = 1
        while options := (moves(sim, state) if len(state.actions) < MAX_ACTIONS else []):
            width *= len(options)
            total += width
            state = advance(sim, state, rng.choice(options))
        estimates.append(total)
    return statistics.median(estimates)


def search(scenario: Scenario, seed: int, budget: int = 20_000, width: int = 8,
           progress: ProgressSink | None = None) -> SearchResult:
    """Exact best and worst when trying every decision fits in ``budget`` simulated moves,
    otherwise bounds from a beam search of ``width``. When the estimated number of moves is
    far beyond the budget (``HOPELESS`` times), the exact search isn't even started."""
    sink = progress or ProgressSink()
    estimate = estimated_moves(scenario, seed)
    if estimate <= HOPELESS * budget:
        sink.start("exact search (work budget)", budget)
        try:
            return exhaustive(scenario, seed, budget, sink)
        except _OverBudget:
            pass
    sink.start("beam search for the best (steps)", None)
    best, best_states = beam(scenario, seed, width, True, sink)
    sink.start("beam search for the worst (steps)", None)
    worst, worst_states = beam(scenario, seed, width, False, sink)
    return SearchResult(best, worst, False, best_states + worst_states,
                        f"beam search of width {width}", estimate)
