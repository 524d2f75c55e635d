"""Proctored days: the server records each action, with its own wall clock, as it happens.

A :class:`Proctor` belongs to one game process that the player doesn't control (a browser
session of ``practice-sim serve --cohort CODE``). :meth:`Proctor.sync` is called after every
change to the day: new actions get the server's UTC time and go first to a durable local
outbox (one JSON line each, fsynced), then to the cohort store. When the store is unreachable
they stay in the outbox and go out at the next sync, at the finish, or when ``serve`` starts
again (:func:`drain`). Store writes are idempotent (a session's actions are keyed by their
sequence number, the attempt by the session), so a retry never doubles anything, and the
outbox file is removed only once the finished attempt is in the store.

At the finish the attempt is rebuilt from the recorded actions alone (never from a file the
player held): replayed on the cohort's scenario, scored, checked against the cohort's pace,
and stored with provenance ``proctored``, the server's times and the roster's identity.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.engine import ReplayError, Scenario, Simulation, replay_record
from sim.storage import saves
from sim.storage.cohorts.model import (
    PROCTORED,
    Attempt,
    Cohort,
    CohortStore,
    LiveAction,
    Player,
    Session,
)
from sim.storage.results import result_document

Opener = Callable[[], CohortStore]


def _now() -> datetime:
    return saves.now().astimezone(UTC)


@dataclass
class Delivery:
    """What happened at the finish: ``stored`` (with the attempt), ``queued`` (the store is
    down: the outbox keeps it) or ``refused`` (recorded, but not ranked: ``reason``)."""

    outcome: str
    reason: str
    attempt: Attempt | None = None


class Proctor:
    """Records one proctored day of ``player`` in ``cohort`` (see the module docstring)."""

    def __init__(self, cohort: Cohort, player: Player, scenario: Scenario, opener: Opener,
                 outbox_dir: Path, session: str | None = None, background: bool = True):
        self.cohort, self.player, self.scenario = cohort, player, scenario
        self.opener = opener
        self.session = session or uuid.uuid4().hex
        self.outbox = Path(outbox_dir) / f"{self.session}.jsonl"
        self.outbox.parent.mkdir(parents=True, exist_ok=True)
        self.started_at = _now().isoformat()
        self.actions: list[LiveAction] = []
        self._seen: list[tuple[int, str]] = []  # the game's record at the last sync
        self.delivered = 0  # how many of ``actions`` the store has
        self.session_stored = False
        self.problem = ""  # why the store can't be reached, while it can't
        self._announced = ""  # the problem the player was last told about
        self.background = background  # deliver in a thread, so the game never waits
        self._lock = threading.Lock()  # one delivery at a time
        self._worker: threading.Thread | None = None
        self._append({"type": "start", "session": self.session, "cohort": cohort.code,
                      "player_id": player.player_id, "started_at": self.started_at})

    # -- the outbox ------------------------------------------------------------------------
    def _append(self, entry: dict[str, Any]) -> None:
        with open(self.outbox, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    # -- recording -------------------------------------------------------------------------
    def sync(self, sim: Simulation) -> str | None:
        """Record the day's new actions and try to deliver them. Returns a message for the
        player when delivery starts failing or recovers (``None`` otherwise)."""
        for at, text in self._new_actions(sim):
            action = LiveAction(self.session, len(self.actions) + 1,
                                f"{at // 60:02d}:{at % 60:02d}", text, _now().isoformat())
            self._append({"type": "action", **action.__dict__})  # durable before anything
            self.actions.append(action)
        if not self.background:
            with self._lock:
                self._deliver()
        elif self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._deliver_locked, daemon=True)
            self._worker.start()
        return self.notice()

    def _new_actions(self, sim: Simulation) -> list[tuple[int, str]]:
        """The actions applied since the last sync, each as it was applied.

        The game's record merges back-to-back waits into one entry (``wait 5`` then ``wait
        5`` is ``wait 10``); the server logs each wait when it happens, at its own clock, so
        a grown last entry gives a wait of the difference."""
        new: list[tuple[int, str]] = []
        seen = self._seen
        if seen and len(sim.record) >= len(seen) and sim.record[len(seen) - 1] != seen[-1]:
            (at, before), (_, after) = seen[-1], sim.record[len(seen) - 1]
            grown = int(after.split()[1]) - int(before.split()[1])
            new.append((at + int(before.split()[1]), f"wait {grown}"))
        new += sim.record[len(seen):]
        self._seen = list(sim.record)
        return new

    def notice(self) -> str | None:
        """A message for the player when delivery has started failing or recovered."""
        problem = self.problem
        if problem and not self._announced:
            self._announced = problem
            return ("The cohort store can't be reached: your day is kept safely on the "
                    "server and sent as soon as the store is back. Play on.")
        if self._announced and not problem:
            self._announced = ""
            return "The cohort store is back: your day is recorded."
        return None

    def _deliver_locked(self) -> None:
        with self._lock:
            self._deliver()

    def _deliver(self) -> bool:
        """Send what the store lacks; False (and ``problem`` set) if it can't be reached."""
        try:
            store = self.opener()
        except Exception as exc:  # any failure to connect: keep everything for later
            self.problem = _first_line(exc)
            return False
        try:
            if not self.session_stored:
                store.start_session(Session(self.session, self.cohort.code,
                                            self.player.player_id, self.started_at))
                self.session_stored = True
            pending = self.actions[self.delivered:]
            store.record_actions(pending)
            self.delivered += len(pending)
        except Exception as exc:
            self.problem = _first_line(exc)
            return False
        finally:
            _close(store)
        self.problem = ""
        return True

    def finish(self, sim: Simulation) -> Delivery:
        """Record the end of the day and store the attempt (or leave it queued)."""
        self.background = False
        if self._worker is not None:
            self._worker.join()
        self.sync(sim)
        with self._lock:
            finished_at = _now().isoformat()
            self._append({"type": "finish", "finished_at": finished_at})
            return finish_session(self.opener, self.cohort, self.player, self.scenario,
                                  self.session, self.started_at, finished_at, self.actions,
                                  self.outbox)


def build_attempt(cohort: Cohort, player: Player, scenario: Scenario, session: str,
                  started_at: str, finished_at: str,
                  actions: list[LiveAction]) -> Attempt | str:
    """The proctored attempt the recorded actions make (or why they make none)."""
    record = [{"at": a.at, "action": a.action} for a in actions]
    try:
        sim = replay_record(scenario, cohort.seed, record, finish=False)
    except ReplayError as exc:
        return f"the recorded actions don't replay: {exc}"
    if not sim.is_over:
        return "the day was not played to the end"
    start = datetime.fromisoformat(started_at)
    played = (datetime.fromisoformat(finished_at) - start).total_seconds()
    from sim.storage.cohorts.service import attempt_fingerprint, pace_problem

    for action in actions:  # every action no earlier than the pace allows
        minute = int(action.at[:2]) * 60 + int(action.at[3:]) - scenario.start
        offset = (datetime.fromisoformat(action.wall) - start).total_seconds()
        problem = pace_problem(cohort, minute, offset)
        if problem:
            return f"action {action.seq} came too early for the cohort's pace: {problem}"
    document = result_document(sim, player=player.name, mode=cohort.mode,
                               played_seconds=played, cohort=cohort.code,
                               timing="turn-based" if cohort.pace <= 0 else "real-time")
    document["saved_at"] = finished_at
    document["proctored"] = {"session": session, "started_at": started_at,
                             "finished_at": finished_at, "player_id": player.player_id,
                             "walls": [a.wall for a in actions]}
    claimed = document["claimed"]
    return Attempt(
        cohort=cohort.code, player=player.name, player_id=player.player_id,
        provenance=PROCTORED, score=claimed["score"], grade=claimed["grade"],
        passed=claimed["passed"], unresolved=len(claimed["unresolved"]),
        played_seconds=played, finished_at=finished_at, submitted_at=finished_at,
        fingerprint=attempt_fingerprint(cohort.code, scenario.sha256, cohort.seed, record,
                                        f"proctored:{session}"),
        result=document)


def finish_session(opener: Opener, cohort: Cohort, player: Player, scenario: Scenario,
                   session: str, started_at: str, finished_at: str,
                   actions: list[LiveAction], outbox: Path) -> Delivery:
    """Deliver a finished session and its attempt; the outbox file goes once it is stored."""
    attempt = build_attempt(cohort, player, scenario, session, started_at, finished_at,
                            actions)
    try:
        store = opener()
    except Exception as exc:
        return Delivery("queued", f"the cohort store can't be reached ({_first_line(exc)}): "
                        "your day is kept on the server and will be sent when it is back")
    try:
        store.start_session(Session(session, cohort.code, player.player_id, started_at))
        store.record_actions(actions)
        stored = None
        if isinstance(attempt, Attempt):
            stored, _new = store.submit(attempt)
        store.finish_session(session, finished_at)
    except Exception as exc:
        return Delivery("queued", f"the cohort store failed ({_first_line(exc)}): your day "
                        "is kept on the server and will be sent when it is back")
    finally:
        _close(store)
    outbox.unlink(missing_ok=True)
    if stored is None:
        return Delivery("refused", f"recorded, but not ranked: {attempt}")
    return Delivery("stored", f"recorded by the server: score {stored.score} ({stored.grade})",
                    stored)


def drain(outbox_dir: Path, opener: Opener,
          scenario_of: Callable[[Cohort], Scenario]) -> list[Delivery]:
    """Deliver every finished session left in ``outbox_dir`` (a server that stopped while the
    store was down). Unfinished ones are only sent as far as they go; nothing is lost."""
    results = []
    for path in sorted(Path(outbox_dir).glob("*.jsonl")):
        entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        start = next((e for e in entries if e.get("type") == "start"), None)
        end = next((e for e in entries if e.get("type") == "finish"), None)
        if start is None or end is None:
            continue  # still being played (or cut off before the end): left as it is
        actions = [LiveAction(**{k: e[k] for k in ("session", "seq", "at", "action", "wall")})
                   for e in entries if e.get("type") == "action"]
        try:
            store = opener()
            try:
                cohort = store.get_cohort(start["cohort"])
                roster = {p.player_id: p for p in store.players(start["cohort"])}
            finally:
                _close(store)
        except Exception as exc:
            results.append(Delivery("queued", _first_line(exc)))
            continue
        if cohort is None or start["player_id"] not in roster:
            results.append(Delivery("refused", f"{path.name}: cohort or player unknown"))
            continue
        results.append(finish_session(opener, cohort, roster[start["player_id"]],
                                      scenario_of(cohort), start["session"],
                                      start["started_at"], end["finished_at"], actions, path))
    return results


def _close(store: Any) -> None:
    with contextlib.suppress(Exception):  # a dead connection: nothing to release
        store.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
