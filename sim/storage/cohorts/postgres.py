"""The PostgreSQL cohort store (psycopg 3), for a class sharing one server."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sim.storage.cohorts.base import SQLStore
from sim.storage.cohorts.model import StoreUnavailable

_SCHEMA_LOCK = 0x5052_4143  # pg_advisory_xact_lock key: concurrent first runs create once


class PostgresStore(SQLStore):
    """A cohort store in a PostgreSQL database given by a ``postgresql://`` URL."""

    mark = "%s"

    def __init__(self, url: str, connect_timeout: int = 10):
        import psycopg

        self.url = url
        self._unique_errors = (psycopg.errors.UniqueViolation,)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"can't reach the cohort store: {_first_line(exc)}") from None
        with self._write() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            self._create_schema(cur, "BIGSERIAL PRIMARY KEY")

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        with self.conn.transaction(), self.conn.cursor() as cur:
            yield cur

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        with self.conn.cursor() as cur:
            return cur.execute(query, tuple(params)).fetchall()  # type: ignore[arg-type]

    def _columns(self, cur: Any, table: str) -> set[str]:
        rows = cur.execute("SELECT column_name FROM information_schema.columns WHERE "
                           "table_schema = current_schema() AND table_name = %s",
                           (table,)).fetchall()
        return {row[0] for row in rows}

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
