"""The SQLite cohort store: one file, WAL mode, a busy timeout and ``BEGIN IMMEDIATE`` writes,
so that many processes (a class playing through ``practice-sim serve``) can submit at once."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sim.storage.cohorts.base import SQLStore
from sim.storage.cohorts.model import StoreUnavailable

BUSY_TIMEOUT_MS = 60_000


class SQLiteStore(SQLStore):
    """A cohort store in a SQLite file (created with its folder if missing)."""

    mark = "?"
    _unique_errors = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        self.path = Path(path)
        self.url = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=busy_timeout_ms / 1000,
                                        isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            with self._write() as cur:
                self._create_schema(cur, "INTEGER PRIMARY KEY AUTOINCREMENT")
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

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        return self.conn.execute(query, tuple(params)).fetchall()

    def _columns(self, cur: Any, table: str) -> set[str]:
        return {row[1] for row in cur.execute(f"PRAGMA table_info({table})").fetchall()}

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
