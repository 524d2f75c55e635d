"""SQL shared by the backends: the schema and the row <-> dataclass mapping."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sim.storage.cohorts.model import Attempt, Cohort

SCHEMA_VERSION = 1

COHORT_COLUMNS = ("code", "name", "scenario_id", "scenario_title", "scenario_version",
                  "scenario_sha256", "scenario_path", "seed", "mode", "pace", "policy",
                  "opens_at", "closes_at", "created_at")
ATTEMPT_COLUMNS = ("cohort", "fingerprint", "player", "score", "grade", "passed", "unresolved",
                   "played_seconds", "finished_at", "submitted_at", "result")


def schema(id_column: str) -> list[str]:
    """``CREATE`` statements; ``id_column`` is the dialect's auto-increment key."""
    return [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS cohorts (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            scenario_id TEXT NOT NULL,
            scenario_title TEXT NOT NULL,
            scenario_version INTEGER NOT NULL,
            scenario_sha256 TEXT NOT NULL,
            scenario_path TEXT NOT NULL,
            seed BIGINT NOT NULL,
            mode TEXT NOT NULL,
            pace DOUBLE PRECISION NOT NULL,
            policy TEXT NOT NULL,
            opens_at TEXT,
            closes_at TEXT,
            created_at TEXT NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS attempts (
            id {id_column},
            cohort TEXT NOT NULL REFERENCES cohorts(code),
            fingerprint TEXT NOT NULL,
            player TEXT NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            grade TEXT NOT NULL,
            passed INTEGER NOT NULL,
            unresolved INTEGER NOT NULL,
            played_seconds DOUBLE PRECISION NOT NULL,
            finished_at TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            result TEXT NOT NULL,
            UNIQUE (cohort, fingerprint))""",
        "CREATE INDEX IF NOT EXISTS attempts_by_cohort ON attempts (cohort, id)",
    ]


def cohort_row(cohort: Cohort) -> tuple[Any, ...]:
    """A cohort as column values, in ``COHORT_COLUMNS`` order."""
    return tuple(getattr(cohort, column) for column in COHORT_COLUMNS)


def cohort_from(row: Sequence[Any]) -> Cohort:
    """A cohort from a row in ``COHORT_COLUMNS`` order."""
    values = dict(zip(COHORT_COLUMNS, row, strict=True))
    values["pace"] = float(values["pace"])
    return Cohort(**values)


def attempt_row(attempt: Attempt) -> tuple[Any, ...]:
    """An attempt as column values, in ``ATTEMPT_COLUMNS`` order."""
    values = {column: getattr(attempt, column) for column in ATTEMPT_COLUMNS[:-1]}
    values["passed"] = int(attempt.passed)
    return (*values.values(), attempt.result_json())


def attempt_from(row: Sequence[Any]) -> Attempt:
    """An attempt from a row of ``id`` then ``ATTEMPT_COLUMNS``."""
    values = dict(zip(("id", *ATTEMPT_COLUMNS), row, strict=True))
    values["passed"] = bool(values["passed"])
    values["score"] = float(values["score"])
    values["played_seconds"] = float(values["played_seconds"])
    values["result"] = json.loads(values["result"])
    return Attempt(**values)


def select_cohort(mark: str) -> str:
    """The query for one cohort by code (``mark`` is the dialect's placeholder)."""
    return f"SELECT {', '.join(COHORT_COLUMNS)} FROM cohorts WHERE code = {mark}"


def insert_cohort(mark: str) -> str:
    """The insert of one cohort."""
    marks = ", ".join([mark] * len(COHORT_COLUMNS))
    return f"INSERT INTO cohorts ({', '.join(COHORT_COLUMNS)}) VALUES ({marks})"


def insert_attempt(mark: str) -> str:
    """The idempotent insert of an attempt, returning its id when it is new."""
    marks = ", ".join([mark] * len(ATTEMPT_COLUMNS))
    return (f"INSERT INTO attempts ({', '.join(ATTEMPT_COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT (cohort, fingerprint) DO NOTHING RETURNING id")


def select_attempts(mark: str, by_fingerprint: bool = False) -> str:
    """The query for a cohort's attempts in submission order (or one, by fingerprint)."""
    where = f"cohort = {mark}" + (f" AND fingerprint = {mark}" if by_fingerprint else "")
    return f"SELECT id, {', '.join(ATTEMPT_COLUMNS)} FROM attempts WHERE {where} ORDER BY id"
