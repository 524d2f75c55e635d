"""The cohort store's data and its interface, shared by the SQLite and PostgreSQL backends."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sim.storage import fastjson

POLICIES = ("best", "first")
#: How an attempt reached the store: recorded live by a game process the player doesn't
#: control, or a result file someone submitted.
PROCTORED, SELF_REPORTED = "proctored", "self-reported"
PROVENANCES = (PROCTORED, SELF_REPORTED)


class StoreError(Exception):
    """A cohort-store operation failed (for example, a cohort code that already exists)."""


class StoreUnavailable(StoreError):
    """The store can't be reached (no server, no permission, a missing folder)."""


@dataclass(frozen=True)
class Cohort:
    """What everyone in a cohort plays, how attempts count, and when it is open.

    Times are ISO 8601 strings in UTC; ``opens_at``/``closes_at`` may be ``None`` (no limit).
    ``mode`` is ``assessment`` or ``coaching``; ``pace`` is real-time seconds per game minute,
    0 for turn-based (what ``play --cohort`` uses: a result's record can't prove its pace).
    """

    code: str
    name: str
    scenario_id: str
    scenario_title: str
    scenario_version: int
    scenario_sha256: str
    scenario_path: str
    seed: int
    mode: str
    pace: float
    policy: str
    opens_at: str | None
    closes_at: str | None
    created_at: str
    require_proctored: bool = False  # only attempts recorded live by the server count
    private: bool = False  # the scenario's text lives in the store; players never see it
    scenario_text: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (never a private scenario's text)."""
        data = dict(self.__dict__)
        data.pop("scenario_text", None)
        return data

    def window_state(self, at: datetime) -> str:
        """``open``, ``not_open`` (before ``opens_at``) or ``closed`` (from ``closes_at``) at
        the aware time ``at``: when a submission is accepted (``service.submit`` checks it)."""
        if self.opens_at and at < datetime.fromisoformat(self.opens_at):
            return "not_open"
        if self.closes_at and at >= datetime.fromisoformat(self.closes_at):
            return "closed"
        return "open"


@dataclass(frozen=True)
class Attempt:
    """One verified result submitted to a cohort. ``id`` orders submissions (store-assigned)."""

    cohort: str
    fingerprint: str
    player: str
    score: float
    grade: str
    passed: bool
    unresolved: int
    played_seconds: float
    finished_at: str
    submitted_at: str
    result: dict[str, Any] = field(repr=False, compare=False)
    id: int = 0
    provenance: str = SELF_REPORTED
    player_id: str | None = None  # the roster entry, when the cohort has a roster
    #: ``result`` is a document orjson parsed, unchanged (``fastjson.dumps_sorted``'s
    #: ``faithful``)
    result_exact: bool = field(default=False, repr=False, compare=False)

    @property
    def player_key(self) -> str:
        """Who the attempt belongs to: the roster id, else the name the file gives."""
        return self.player_id or f"name:{self.player}"

    def actions_key(self) -> str:
        """The action record alone (times and actions), to find copied plays. A record
        without a single answer (an idle day, only waits) is its own: two idle players
        copied nothing, so each gets a key nobody shares."""
        actions = self.result.get("actions", [])
        if not any(isinstance(a, dict) and str(a.get("action", "")).startswith("choose ")
                   for a in actions if isinstance(actions, list)):
            return f"no-answers:{self.player_key}:{self.id}:{self.fingerprint}"
        return json.dumps(actions, sort_keys=True)

    def result_json(self) -> str:
        """The stored result document as JSON text, keys sorted (rows written before orjson
        have spaces after the separators: both read back alike)."""
        return fastjson.dumps_sorted(self.result, faithful=self.result_exact)


@dataclass(frozen=True)
class Player:
    """A roster entry: a stable id, the name shown, an optional email (the xAPI mbox)."""

    cohort: str
    player_id: str
    name: str
    email: str | None
    created_at: str
    revoked_at: str | None = None


@dataclass(frozen=True)
class LiveAction:
    """One action of a proctored day, as the server recorded it: game clock and wall clock."""

    session: str
    seq: int
    at: str  # game clock, HH:MM
    action: str
    wall: str  # the server's UTC time, ISO 8601


@dataclass(frozen=True)
class Session:
    """A proctored day in progress (or finished): who plays, and when the server started it."""

    session: str
    cohort: str
    player_id: str
    started_at: str
    finished_at: str | None = None


class CohortStore(Protocol):
    """The storage interface: cohorts and their attempts. Implementations must be safe for
    many processes at once, and ``submit`` idempotent per (cohort, fingerprint)."""

    url: str

    def create_cohort(self, cohort: Cohort) -> None:
        """Add a cohort; ``StoreError`` if its code is taken."""
        ...

    def get_cohort(self, code: str) -> Cohort | None:
        """The cohort with this join code, if any."""
        ...

    def submit(self, attempt: Attempt) -> tuple[Attempt, bool]:
        """Store an attempt unless the same one (fingerprint) is there: returns the stored
        attempt and whether it was new."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """A block whose submissions are one transaction, committed when it ends."""
        ...

    def attempts(self, code: str) -> list[Attempt]:
        """Every attempt of a cohort, in submission order."""
        ...

    def add_player(self, player: Player, token_hash: str) -> None:
        """Add a roster entry with its token's hash."""
        ...

    def player_by_token(self, code: str, token_hash: str) -> Player | None:
        """The roster entry holding this token, if any (revoked ones too)."""
        ...

    def players(self, code: str) -> list[Player]:
        """The roster, in invitation order."""
        ...

    def revoke(self, code: str, player_id: str, at: str) -> bool:
        """Revoke a roster entry's token; False if there is no such entry."""
        ...

    def start_session(self, session: Session) -> None:
        """Record that a proctored day started (idempotent)."""
        ...

    def record_actions(self, actions: list[LiveAction]) -> None:
        """Store live actions; one already stored (same session and seq) is left as it is."""
        ...

    def session(self, session: str) -> tuple[Session, list[LiveAction]] | None:
        """A proctored session and its recorded actions, in order."""
        ...

    def finish_session(self, session: str, at: str) -> None:
        """Mark a proctored session finished."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
