"""The hook ``practice-sim play --cohort CODE`` uses: what to play, and what to do at the end.

1. :func:`join` looks the cohort up (the store, else the copy cached at the last successful
   look-up, so a class can play offline) and returns the scenario and options to play.
2. :func:`finish` writes the result file (under ``SAVES/results``) and submits it when the store
   is reachable; otherwise the file waits for ``practice-sim cohort submit CODE FILE``.
3. :func:`standings` is the leaderboard to show afterwards.
"""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.engine import Scenario, Simulation
from sim.storage.atomic import atomic_write_text
from sim.storage.cohorts import open_store, service
from sim.storage.cohorts.leaderboard import Leaderboard, build
from sim.storage.cohorts.model import Cohort
from sim.storage.results import load_result, write_result
from sim.storage.saves import saves_dir


@dataclass
class CohortDay:
    """What ``play --cohort`` plays: the cohort, its scenario and its options."""

    cohort: Cohort
    scenario: Scenario
    offline: bool = False
    proctor: Any = None  # a ``Proctor`` when the server records the day (``sign_in``)
    player: Any = None  # the roster entry of a proctored day

    @property
    def seed(self) -> int:
        """The seed everyone plays."""
        return self.cohort.seed

    @property
    def turn_based(self) -> bool:
        """True when the cohort plays turn-based (pace 0)."""
        return self.cohort.pace <= 0

    @property
    def coaching(self) -> bool:
        """True in coaching mode (feedback after each choice)."""
        return self.cohort.mode == "coaching"

    @property
    def timing(self) -> str:
        """``turn-based`` or ``real-time``, as saves record it."""
        return "turn-based" if self.turn_based else "real-time"


def _cache_path(code: str, saves: str | os.PathLike[str] | None) -> Path:
    return saves_dir(saves) / "cohorts" / f"{service.normalize_code(code)}.json"


def join(code: str, db: str | None = None,
         saves: str | os.PathLike[str] | None = None) -> CohortDay:
    """The cohort's day. ``LookupError`` for an unknown code (or one never seen offline),
    ``FileNotFoundError`` when the cohort's scenario version isn't available here."""
    code = service.normalize_code(code)
    cache = _cache_path(code, saves)
    offline = False
    try:
        store = open_store(db, saves, create=False)
        try:
            cohort = store.get_cohort(code)
        finally:
            store.close()
    except Exception as exc:  # any store failure (SQLite, psycopg, OS): try the cached copy
        if not cache.exists():
            raise LookupError(f"can't reach the cohort store ({exc}) and cohort {code} "
                              "was never joined here") from None
        cohort = Cohort(**json.loads(cache.read_text(encoding="utf-8")))
        offline = True
    if cohort is None:
        raise LookupError(f"no cohort with join code {code}")
    if cohort.require_proctored:
        raise LookupError(f"cohort {code} is proctored: play it where your instructor serves "
                          "it (practice-sim serve --cohort), signing in with your token")
    if not offline:
        cache.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cache, json.dumps(cohort.to_dict(), ensure_ascii=False, indent=1))
    return CohortDay(cohort, service.cohort_scenario(cohort), offline)


def outbox_dir(saves: str | os.PathLike[str] | None = None) -> Path:
    """Where a server keeps proctored actions the store hasn't got yet."""
    return saves_dir(saves) / "outbox"


def sign_in(code: str, token: str, db: str | None = None,
            saves: str | os.PathLike[str] | None = None) -> CohortDay:
    """A proctored day for the roster entry holding ``token``: the server records it.

    ``AccessDenied`` (one line) for a bad or revoked token or a closed cohort, ``LookupError``
    for an unknown cohort, ``StoreUnavailable`` when the store can't be reached."""
    from sim.storage.cohorts.proctor import Proctor
    from sim.storage.cohorts.roster import authenticate

    code = service.normalize_code(code)
    store = open_store(db, saves, create=False)
    try:
        cohort = service.require_cohort(store, code)
        player = authenticate(store, cohort, token)
    finally:
        store.close()
    scenario = service.cohort_scenario(cohort)
    proctor = Proctor(cohort, player, scenario, lambda: open_store(db, saves, create=False),
                      outbox_dir(saves))
    return CohortDay(cohort, scenario, proctor=proctor, player=player)


@dataclass
class Finished:
    """The end of a cohort day: the result file, and the submission (``None`` if deferred:
    ``problem`` says why, and ``later`` is the command that submits the file)."""

    path: Path
    submission: service.Submission | None
    message: str
    problem: str = ""
    later: str = ""


def finish(day: CohortDay, sim: Simulation, *, player: str, played_seconds: float,
           db: str | None = None, saves: str | os.PathLike[str] | None = None) -> Finished:
    """Write the result and submit it if the store is reachable (never raises for that)."""
    code = day.cohort.code
    path = write_result(sim, player=player, mode=day.cohort.mode,
                        played_seconds=played_seconds, cohort=code, timing=day.timing,
                        directory=saves_dir(saves) / "results")
    later = submit_command(code, path, db)

    def deferred(exc: Exception) -> Finished:
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return Finished(path, None, f"Saved, not yet submitted ({problem}). Submit later: "
                        f"{later}", problem, later)

    try:
        store = open_store(db, saves, create=False)
    except Exception as exc:  # unreachable: keep the file for later
        return deferred(exc)
    try:
        submission = service.submit(store, code, load_result(path), scenario=day.scenario)
    except Exception as exc:
        return deferred(exc)
    finally:
        store.close()
    if submission.ok:
        return Finished(path, submission, f"Submitted to {day.cohort.name}: {submission.reason}")
    return Finished(path, submission, f"Not accepted by the cohort: {submission.reason}")


def submit_command(code: str, path: Path, db: str | None = None) -> str:
    """The command that submits a result later (quoted where needed; ``--db`` if one was
    named)."""
    return shlex.join(["practice-sim", "cohort", "submit", code, str(path),
                       *(["--db", db] if db else [])])


def standings(code: str, db: str | None = None,
              saves: str | os.PathLike[str] | None = None) -> Leaderboard:
    """The cohort's leaderboard, for the TUI's leaderboard screen (``rank_of(player)`` gives
    the rank to highlight). ``LookupError`` for an unknown code; ``StoreUnavailable`` when
    there is no store (a missing SQLite file is not created); other store errors propagate."""
    code = service.normalize_code(code)
    store = open_store(db, saves, create=False)
    try:
        return build(service.require_cohort(store, code), store.attempts(code))
    finally:
        store.close()
