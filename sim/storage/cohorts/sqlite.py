"""The SQLite cohort store: one file, WAL mode, a busy timeout and ``BEGIN IMMEDIATE`` writes,
so that many processes (a class playing through ``practice-sim serve``) can submit at once."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sim.storage.cohorts import sql
from sim.storage.cohorts.model import Attempt, Cohort, StoreError, StoreUnavailable

BUSY_TIMEOUT_MS = 60_000


class SQLiteStore:
    """A cohort store in a SQLite file (created with its folder if missing)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.url = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                        isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            with self._write() as cur:
                for statement in sql.schema("INTEGER PRIMARY KEY AUTOINCREMENT"):
                    cur.execute(statement)
                cur.execute("INSERT OR IGNORE INTO meta (key, value) VALUES "
                            "('schema_version', ?)", (str(sql.SCHEMA_VERSION),))
        except (OSError, sqlite3.Error) as exc:
            raise StoreUnavailable(f"can't open the cohort store {self.path}: {exc}") from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``)."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    def create_cohort(self, cohort: Cohort) -> None:
        """Add a cohort; ``StoreError`` if its code is taken."""
        try:
            with self._write() as cur:
                cur.execute(sql.insert_cohort("?"), sql.cohort_row(cohort))
        except sqlite3.IntegrityError:
            raise StoreError(f"a cohort with code {cohort.code} already exists") from None

    def get_cohort(self, code: str) -> Cohort | None:
        """The cohort with this join code, if any."""
        row = self.conn.execute(sql.select_cohort("?"), (code,)).fetchone()
        return sql.cohort_from(row) if row else None

    def submit(self, attempt: Attempt) -> tuple[Attempt, bool]:
        """Store an attempt once per (cohort, fingerprint); returns it and whether it was new."""
        with self._write() as cur:
            row = cur.execute(sql.insert_attempt("?"), sql.attempt_row(attempt)).fetchone()
            if row is None:
                existing = cur.execute(sql.select_attempts("?", by_fingerprint=True),
                                       (attempt.cohort, attempt.fingerprint)).fetchone()
                return sql.attempt_from(existing), False
        return _with_id(attempt, row[0]), True

    def attempts(self, code: str) -> list[Attempt]:
        """Every attempt of a cohort, in submission order."""
        rows = self.conn.execute(sql.select_attempts("?"), (code,)).fetchall()
        return [sql.attempt_from(row) for row in rows]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def _with_id(attempt: Attempt, attempt_id: int) -> Attempt:
    return Attempt(**{**attempt.__dict__, "id": attempt_id})
