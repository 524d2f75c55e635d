"""The cohort store's data and its interface, shared by the SQLite and PostgreSQL backends."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

POLICIES = ("best", "first")


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

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return dict(self.__dict__)

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

    def result_json(self) -> str:
        """The stored result document as JSON text."""
        return json.dumps(self.result, ensure_ascii=False, sort_keys=True)


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

    def attempts(self, code: str) -> list[Attempt]:
        """Every attempt of a cohort, in submission order."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
