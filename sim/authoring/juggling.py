"""The juggling report of a scenario: how its bundled plays and the measuring players score,
and what the day asks of the player (waiting, open items, holds, delegation, consequences,
how far wording alone gets)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from sim.authoring.measures import (
    consequences,
    delegation_facts,
    guess,
    juggles,
    peak_open,
    waiting_share,
)
from sim.authoring.players import first_come_first_served, idle, play_bot, random_legal
from sim.engine.actions import parse_actions
from sim.engine.model import Scenario
from sim.engine.replay import play
from sim.engine.scoring import score
from sim.engine.simulation import Simulation

RANDOM_RUNS = 20


@dataclass
class JuggleReport:
    """One scenario's figures (scores are final scores, 0-100; shares are 0-1)."""

    scenario: str
    best: float | None
    poor: float | None
    idle: float
    fcfs: float
    random: float
    best_waiting: float | None
    peak_open_best: int | None
    peak_open_fcfs: int
    best_juggles: dict[str, int] = field(default_factory=dict)
    consequences: int = 0
    delegation_wrong: int = 0
    delegation_whom: int = 0
    delegation_unexplained: list[str] = field(default_factory=list)
    guess_rate: float = 0.0
    guess_chance: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)


def bundled_play(scenario: Scenario, kind: str) -> Simulation | None:
    """The scenario's ``<id>.best.actions`` or ``.poor.actions`` played, if the file exists."""
    if not scenario.path:
        return None
    path = Path(scenario.path).with_name(f"{scenario.id}.{kind}.actions")
    if not path.exists():
        return None
    return play(scenario, parse_actions(path.read_text(encoding="utf-8")))


def report(scenario: Scenario, random_runs: int = RANDOM_RUNS) -> JuggleReport:
    """Play everything and measure."""
    best, poor = bundled_play(scenario, "best"), bundled_play(scenario, "poor")
    fcfs = play_bot(scenario, first_come_first_served)
    randoms = [score(play_bot(scenario, random_legal(run))).score for run in range(random_runs)]
    facts = delegation_facts(scenario)
    guessed = guess(scenario)
    return JuggleReport(
        scenario=scenario.id,
        best=score(best).score if best else None,
        poor=score(poor).score if poor else None,
        idle=score(play_bot(scenario, idle)).score,
        fcfs=score(fcfs).score,
        random=round(mean(randoms), 1) if randoms else 0.0,
        best_waiting=waiting_share(best) if best else None,
        peak_open_best=peak_open(best) if best else None,
        peak_open_fcfs=peak_open(fcfs),
        best_juggles=juggles(best) if best else {},
        consequences=len(consequences(scenario)),
        delegation_wrong=sum(f.wrong for f in facts),
        delegation_whom=sum(f.whom_matters for f in facts),
        delegation_unexplained=[f.event for f in facts if not f.explained],
        guess_rate=guessed.rate,
        guess_chance=guessed.chance,
    )


#: The bundled library's bar (docs/authoring.md, "Reference: juggle"): what a juggling day
#: should show. ``concerns`` says in words where a report falls short of it.
FCFS_GAP, IDLE_MAX, WAITING_MAX, PEAK_MIN, CONSEQUENCES_MIN, GUESS_MAX = 12, 15, 0.35, 3, 3, 0.4


def concerns(r: JuggleReport) -> list[str]:
    """Where the day doesn't ask for juggling yet, one sentence each (empty when none)."""
    found = []
    if r.best is None:
        found.append(f"no {r.scenario}.best.actions beside the scenario: save your best play "
                     "there (explore --save-best writes one) to see whether juggling beats "
                     f"first-come-first-served ({r.fcfs:.1f}) by {FCFS_GAP} points or more")
    elif r.best - r.fcfs < FCFS_GAP:
        found.append(f"first-come-first-served with every answer right scores {r.fcfs:.1f}, "
                     f"within {FCFS_GAP} of the best play ({r.best:.1f}): taking things in "
                     "order costs nothing, so prioritising, holding and delegating earn "
                     "nothing (add items that expire or cost more while they wait)")
    if r.idle > IDLE_MAX:
        found.append(f"a player who does nothing scores {r.idle:.1f} (above {IDLE_MAX}): "
                     "outcomes or unscored decisions pay for neglect")
    if r.best_waiting is not None and r.best_waiting > WAITING_MAX:
        found.append(f"the best play waits {100 * r.best_waiting:.0f}% of the day (over "
                     f"{100 * WAITING_MAX:.0f}%): there isn't enough to do")
    if r.peak_open_best is not None and r.peak_open_best < PEAK_MIN:
        found.append(f"at most {r.peak_open_best} item(s) are open at once in the best play "
                     f"(fewer than {PEAK_MIN}): nothing to juggle")
    if r.consequences < CONSEQUENCES_MIN:
        found.append(f"{r.consequences} cross-encounter consequence(s) (fewer than "
                     f"{CONSEQUENCES_MIN}): choices rarely carry into later encounters")
    if r.guess_rate > GUESS_MAX:
        found.append(f"a guesser reading only the wording picks the best choice "
                     f"{100 * r.guess_rate:.0f}% of the time (over {100 * GUESS_MAX:.0f}%): "
                     "the best answers share a tell")
    return found


COLUMNS = ("scenario", "best", "poor", "idle", "FCFS", "random", "best-FCFS", "wait%",
           "peak", "hold/dlg/take", "conseq", "dlg wrong/whom", "guess% (chance)")


def table(reports: list[JuggleReport]) -> str:
    """The reports as a Markdown table."""
    rows = [COLUMNS, tuple("---" for _ in COLUMNS)]
    for r in reports:
        gap = f"{r.best - r.fcfs:+.1f}" if r.best is not None else "-"
        juggled = "/".join(str(r.best_juggles.get(v, 0)) for v in ("hold", "delegate", "take"))
        rows.append((
            r.scenario, _num(r.best), _num(r.poor), _num(r.idle), _num(r.fcfs), _num(r.random),
            gap, _pct(r.best_waiting),
            f"{_num(r.peak_open_best, 0)} ({r.peak_open_fcfs})", juggled, str(r.consequences),
            f"{r.delegation_wrong}/{r.delegation_whom}"
            + (f" ({len(r.delegation_unexplained)} silent)" if r.delegation_unexplained else ""),
            f"{_pct(r.guess_rate)} ({_pct(r.guess_chance)})",
        ))
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"
