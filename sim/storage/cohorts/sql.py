"""SQL shared by the backends: the schema (and its migration), and the row <-> dataclass mapping.

Schema 2 adds the roster (``players``), proctored sessions (``sessions``, ``live_actions``),
each attempt's provenance and roster id, and the cohort's proctoring and private scenario.
A store of schema 1 is migrated in place when it is opened (new columns get their defaults).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.storage import fastjson
from sim.storage.cohorts.model import Attempt, Cohort, LiveAction, Player, Session

SCHEMA_VERSION = 2

COHORT_COLUMNS = ("code", "name", "scenario_id", "scenario_title", "scenario_version",
                  "scenario_sha256", "scenario_path", "seed", "mode", "pace", "policy",
                  "opens_at", "closes_at", "created_at", "require_proctored", "private",
                  "scenario_text")
ATTEMPT_COLUMNS = ("cohort", "fingerprint", "player", "score", "grade", "passed", "unresolved",
                   "played_seconds", "finished_at", "submitted_at", "provenance", "player_id",
                   "result")
PLAYER_COLUMNS = ("cohort", "player_id", "name", "email", "created_at", "revoked_at")
SESSION_COLUMNS = ("session", "cohort", "player_id", "started_at", "finished_at")
LIVE_COLUMNS = ("session", "seq", "at", "action", "wall")

#: Columns schema 2 added to schema 1's tables: (table, column, definition).
ADDED_COLUMNS = (
    ("cohorts", "require_proctored", "INTEGER NOT NULL DEFAULT 0"),
    ("cohorts", "private", "INTEGER NOT NULL DEFAULT 0"),
    ("cohorts", "scenario_text", "TEXT"),
    ("attempts", "provenance", "TEXT NOT NULL DEFAULT 'self-reported'"),
    ("attempts", "player_id", "TEXT"),
)


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
        """CREATE TABLE IF NOT EXISTS players (
            cohort TEXT NOT NULL REFERENCES cohorts(code),
            player_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT,
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            token_hash TEXT NOT NULL UNIQUE)""",
        """CREATE TABLE IF NOT EXISTS sessions (
            session TEXT PRIMARY KEY,
            cohort TEXT NOT NULL REFERENCES cohorts(code),
            player_id TEXT NOT NULL REFERENCES players(player_id),
            started_at TEXT NOT NULL,
            finished_at TEXT)""",
        """CREATE TABLE IF NOT EXISTS live_actions (
            session TEXT NOT NULL REFERENCES sessions(session),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            wall TEXT NOT NULL,
            PRIMARY KEY (session, seq))""",
    ]


def cohort_row(cohort: Cohort) -> tuple[Any, ...]:
    """A cohort as column values, in ``COHORT_COLUMNS`` order."""
    values = {column: getattr(cohort, column) for column in COHORT_COLUMNS}
    values["require_proctored"] = int(cohort.require_proctored)
    values["private"] = int(cohort.private)
    return tuple(values.values())


def cohort_from(row: Sequence[Any]) -> Cohort:
    """A cohort from a row in ``COHORT_COLUMNS`` order."""
    values = dict(zip(COHORT_COLUMNS, row, strict=True))
    values["pace"] = float(values["pace"])
    values["require_proctored"] = bool(values["require_proctored"])
    values["private"] = bool(values["private"])
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
    values["result"] = fastjson.loads_text(values["result"])
    return Attempt(**values)


def player_from(row: Sequence[Any]) -> Player:
    """A roster entry from a row in ``PLAYER_COLUMNS`` order."""
    return Player(**dict(zip(PLAYER_COLUMNS, row, strict=True)))


def session_from(row: Sequence[Any]) -> Session:
    """A session from a row in ``SESSION_COLUMNS`` order."""
    return Session(**dict(zip(SESSION_COLUMNS, row, strict=True)))


def live_from(row: Sequence[Any]) -> LiveAction:
    """A live action from a row in ``LIVE_COLUMNS`` order."""
    values = dict(zip(LIVE_COLUMNS, row, strict=True))
    values["seq"] = int(values["seq"])
    return LiveAction(**values)


def select(table: str, columns: Sequence[str], where: str, mark: str,
           order: str = "") -> str:
    """``SELECT columns FROM table WHERE a = mark AND b = mark ...`` (``where`` names the
    columns, comma-separated)."""
    conditions = " AND ".join(f"{column.strip()} = {mark}" for column in where.split(","))
    return (f"SELECT {', '.join(columns)} FROM {table} WHERE {conditions}"
            + (f" ORDER BY {order}" if order else ""))


def insert(table: str, columns: Sequence[str], mark: str, conflict: str = "") -> str:
    """``INSERT INTO table (columns) VALUES (...)``, ``ON CONFLICT (conflict) DO NOTHING``
    when ``conflict`` names the key."""
    marks = ", ".join([mark] * len(columns))
    tail = f" ON CONFLICT ({conflict}) DO NOTHING" if conflict else ""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){tail}"


def select_cohort(mark: str) -> str:
    """The query for one cohort by code (``mark`` is the dialect's placeholder)."""
    return select("cohorts", COHORT_COLUMNS, "code", mark)


def insert_cohort(mark: str) -> str:
    """The insert of one cohort."""
    return insert("cohorts", COHORT_COLUMNS, mark)


def insert_attempt(mark: str) -> str:
    """The idempotent insert of an attempt, returning its id when it is new."""
    return insert("attempts", ATTEMPT_COLUMNS, mark, "cohort, fingerprint") + " RETURNING id"


def select_attempts(mark: str, by_fingerprint: bool = False) -> str:
    """The query for a cohort's attempts in submission order (or one, by fingerprint)."""
    where = "cohort, fingerprint" if by_fingerprint else "cohort"
    return select("attempts", ("id", *ATTEMPT_COLUMNS), where, mark, "id")
