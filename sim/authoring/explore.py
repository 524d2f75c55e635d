"""``explore``: random playthroughs (runtime errors, dead ends, coverage) and the search for
the best and worst achievable scores."""

from __future__ import annotations

import random
import traceback
from dataclasses import dataclass, field

from sim.authoring.analysis import reach
from sim.authoring.moves import action_lines, is_dead_end, random_actions, start
from sim.authoring.progress import ProgressSink
from sim.authoring.search import MAX_ACTIONS, SearchResult, search
from sim.engine.clock import format_clock
from sim.engine.model import END, Scenario
from sim.engine.problems import ActionError
from sim.engine.scoring import final_score
from sim.engine.simulation import Simulation


@dataclass
class Issue:
    """Something that went wrong in a random run: a runtime error or a dead end."""

    kind: str  # runtime-error | refused | dead-end
    run: int
    seed: int
    clock: int
    message: str
    actions: list[str] = field(default_factory=list)

    @property
    def is_error(self) -> bool:
        """True for a failure of the engine (as opposed to a scenario's dead end)."""
        return self.kind != "dead-end"

    def __str__(self) -> str:
        return (f"run {self.run} (day seed {self.seed}) at {format_clock(self.clock)}: "
                f"{self.kind}: {self.message}")


@dataclass
class Coverage:
    """Which nodes were shown and which choices taken, out of those that exist."""

    nodes: set[tuple[str, str]] = field(default_factory=set)
    choices: set[tuple[str, str, str]] = field(default_factory=set)
    all_nodes: set[tuple[str, str]] = field(default_factory=set)
    all_choices: set[tuple[str, str, str]] = field(default_factory=set)

    @property
    def missing_nodes(self) -> list[tuple[str, str]]:
        """Nodes no run reached."""
        return sorted(self.all_nodes - self.nodes)

    @property
    def missing_choices(self) -> list[tuple[str, str, str]]:
        """Choices no run took."""
        return sorted(self.all_choices - self.choices)


@dataclass
class ExploreReport:
    """Everything ``explore`` found."""

    scenario: str
    seed: int
    runs: int
    scores: list[float]
    issues: list[Issue]
    coverage: Coverage
    search: SearchResult | None
    vary_seeds: bool = False

    @property
    def runtime_errors(self) -> list[Issue]:
        """Issues that are engine failures."""
        return [issue for issue in self.issues if issue.is_error]

    @property
    def dead_ends(self) -> list[Issue]:
        """Issues where a conversation got stuck."""
        return [issue for issue in self.issues if not issue.is_error]


def new_coverage(scenario: Scenario) -> Coverage:
    """Empty coverage of every node and choice of the encounters the day can play."""
    coverage = Coverage()
    reached = reach(scenario)
    for enc_id in reached.encounters:
        encounter = scenario.encounters[enc_id]
        for node in encounter.nodes.values():
            coverage.all_nodes.add((enc_id, node.id))
            coverage.all_choices.update((enc_id, node.id, c.id) for c in node.choices)
    return coverage


def _note_move(sim: Simulation, move: str, coverage: Coverage) -> None:
    """Record the nodes and choices a move is about to show or take."""
    if move.startswith("choose ") and sim.focus is not None:
        enc_id = sim.focus.encounter
        node = sim.node()
        assert node is not None
        choice_id = move.split()[1]
        coverage.choices.add((enc_id, node.id, choice_id))
        target = next(c.next for c in node.choices if c.id == choice_id)
        if target != END:
            coverage.nodes.add((enc_id, target))
    elif move.startswith(("attend ", "take ")):
        item = sim.items[move.split()[1]]
        if item.run is None:
            enc_id = item.encounter
            coverage.nodes.add((enc_id, sim.scenario.encounters[enc_id].start))


def random_run(scenario: Scenario, run: int, seed: int, rng: random.Random,
               coverage: Coverage) -> tuple[float | None, list[Issue]]:
    """One random playthrough using every verb (attend, choose, hold, delegate, waits of random
    length); returns its score (``None`` after an error) and its issues."""
    issues: list[Issue] = []
    sim = start(scenario, seed)
    reported: set[str] = set()
    steps = 0
    while not sim.is_over:
        steps += 1
        if steps > MAX_ACTIONS:
            sim.wait(max(1, scenario.end - sim.clock))
            break
        if sim.focus is not None and is_dead_end(sim) and sim.focus.id not in reported:
            reported.add(sim.focus.id)
            node = sim.node()
            assert node is not None
            issues.append(Issue("dead-end", run, seed, sim.clock, f"'{sim.focus.id}' is stuck at "
                                f"node '{node.id}' of encounter '{sim.focus.encounter}': "
                                "none of its choices is available", action_lines(sim)))
        move = "(listing the legal moves)"
        try:
            move = rng.choice(random_actions(sim, rng))
            _note_move(sim, move, coverage)
            sim.apply(move)
        except ActionError as exc:
            issues.append(Issue("refused", run, seed, sim.clock,
                                f"the engine refused '{move}': {exc}", action_lines(sim)))
            return None, issues
        except Exception as exc:  # any crash is what explore looks for
            where = traceback.extract_tb(exc.__traceback__)[-1]
            issues.append(Issue("runtime-error", run, seed, sim.clock,
                                f"'{move}' raised {type(exc).__name__}: {exc} "
                                f"({where.filename}:{where.lineno})",
                                [*action_lines(sim), f"{format_clock(sim.clock)} {move}"]))
            return None, issues
    return final_score(sim), issues


def explore(scenario: Scenario, runs: int = 100, seed: int | None = None,
            budget: int = 20_000, width: int = 8, do_search: bool = True,
            progress: ProgressSink | None = None, vary_seeds: bool = False) -> ExploreReport:
    """Random runs, then the best/worst search, all on day seed ``seed`` (default: the
    scenario's). With ``vary_seeds`` run *i* plays day seed ``seed + i - 1`` instead, to meet
    other walk-in schedules and delegation outcomes (its scores may then fall outside the
    searched day's best and worst)."""
    base = scenario.seed if seed is None else seed
    coverage = new_coverage(scenario)
    scores: list[float] = []
    issues: list[Issue] = []
    sink = progress or ProgressSink()
    sink.start("random runs", runs)
    for run in range(runs):
        rng = random.Random(f"explore:{base}:{run}")
        day_seed = base + run if vary_seeds else base
        result, found = random_run(scenario, run + 1, day_seed, rng, coverage)
        issues += found
        if result is not None:
            scores.append(result)
        sink.advance()
    found_search = None
    if do_search:
        found_search = search(scenario, base, budget, width, sink)
    return ExploreReport(scenario.id, base, runs, scores, issues, coverage, found_search,
                         vary_seeds)
