"""The end of a day: its result file, and (on a cohort day) its submission to the cohort.

The storage layer does the work (``sim.storage.results.write_result``, and
``sim.storage.cohorts.play.finish`` for a cohort day); this only records what happened, so
the debrief can say it in a line or two.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.engine import Simulation


def shown_path(path: Path) -> str:
    """A path as the player would type it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) \
            else str(path)
    except (OSError, ValueError):
        return str(path)


@dataclass
class DayEnding:
    """What became of a finished day's result.

    ``pending`` while a cohort submission is under way; then ``path`` is the result file (or
    ``error`` says why it couldn't be written), ``submitted`` is set when the cohort store has
    it, and ``later`` is the command that submits it when the store couldn't be reached.
    """

    cohort_code: str | None = None
    cohort_name: str = ""
    pending: bool = False
    path: Path | None = None
    error: str = ""
    submitted: bool = False
    verdict: str = ""  # the store's answer (accepted, duplicate, or why it was rejected)
    later: str = ""
    rank: int | None = None
    players: int = 0
    player: str = ""  # set when reviewing someone's result (``practice-sim review``)

    @property
    def cohort(self) -> bool:
        """True for a cohort day."""
        return self.cohort_code is not None


def write_plain(sim: Simulation, *, player: str, mode: str, timing: str,
                played_seconds: float, saves: Path | None,
                practice: dict[str, Any] | None = None) -> DayEnding:
    """Write the result file of an ordinary day under ``SAVES/results`` (``practice``
    marks a practice branch)."""
    from sim.storage.results import write_result
    from sim.storage.saves import saves_dir

    try:
        path = write_result(sim, player=player, mode=mode, timing=timing,
                            played_seconds=played_seconds,
                            directory=saves_dir(saves) / "results", practice=practice)
    except OSError as exc:
        return DayEnding(error=f"couldn't write the result file: {exc}")
    return DayEnding(path=path)


def finish_cohort(day: Any, sim: Simulation, *, player: str, played_seconds: float,
                  db: str | None, saves: Path | None) -> DayEnding:
    """Write, verify and submit a cohort day's result (``sim.storage.cohorts.play.finish``).

    Runs in a worker thread: the store may be slow to answer or unreachable.
    """
    from sim.storage.cohorts.play import finish, submit_command

    cohort = day.cohort
    ending = DayEnding(cohort_code=cohort.code, cohort_name=cohort.name)
    if getattr(day, "proctor", None) is not None:  # the server recorded it: no file at all
        delivery = day.proctor.finish(sim)
        ending.submitted = delivery.outcome == "stored"
        ending.verdict = delivery.reason
        return _with_rank(ending, cohort.code, player, db, saves)
    try:
        done = finish(day, sim, player=player, played_seconds=played_seconds, db=db,
                      saves=saves)
    except OSError as exc:
        ending.error = f"couldn't write the result file: {exc}"
        return ending
    ending.path = done.path
    if done.submission is None:
        ending.verdict = done.problem
        ending.later = submit_command(cohort.code, Path(shown_path(done.path)), db)
        return ending
    ending.submitted = done.submission.ok
    ending.verdict = done.submission.reason
    return _with_rank(ending, cohort.code, player, db, saves)


def _with_rank(ending: DayEnding, code: str, player: str, db: str | None,
               saves: Path | None) -> DayEnding:
    """``ending`` with the player's rank, once the store has the attempt."""
    from sim.storage.cohorts.play import standings

    if ending.submitted:
        try:
            board = standings(code, db, saves)
        except Exception:  # the submission stands; the rank is only a courtesy
            return ending
        ending.rank = board.rank_of(player)
        ending.players = len(board.entries)
    return ending
