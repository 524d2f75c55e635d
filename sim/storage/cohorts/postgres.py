"""The PostgreSQL cohort store (psycopg 3), for a class sharing one server."""

from __future__ import annotations

from sim.storage.cohorts import sql
from sim.storage.cohorts.model import Attempt, Cohort, StoreError, StoreUnavailable

_SCHEMA_LOCK = 0x5052_4143  # pg_advisory_xact_lock key: concurrent first runs create once


class PostgresStore:
    """A cohort store in a PostgreSQL database given by a ``postgresql://`` URL."""

    def __init__(self, url: str, connect_timeout: int = 10):
        import psycopg

        self.url = url
        self._errors = psycopg.errors
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"can't reach the cohort store: {_first_line(exc)}") from None
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            for statement in sql.schema("BIGSERIAL PRIMARY KEY"):
                cur.execute(statement)
            cur.execute("INSERT INTO meta (key, value) VALUES ('schema_version', %s) "
                        "ON CONFLICT (key) DO NOTHING", (str(sql.SCHEMA_VERSION),))

    def create_cohort(self, cohort: Cohort) -> None:
        """Add a cohort; ``StoreError`` if its code is taken."""
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute(sql.insert_cohort("%s"), sql.cohort_row(cohort))
        except self._errors.UniqueViolation:
            raise StoreError(f"a cohort with code {cohort.code} already exists") from None

    def get_cohort(self, code: str) -> Cohort | None:
        """The cohort with this join code, if any."""
        with self.conn.cursor() as cur:
            row = cur.execute(sql.select_cohort("%s"), (code,)).fetchone()
        return sql.cohort_from(row) if row else None

    def submit(self, attempt: Attempt) -> tuple[Attempt, bool]:
        """Store an attempt once per (cohort, fingerprint); returns it and whether it was new."""
        with self.conn.transaction(), self.conn.cursor() as cur:
            row = cur.execute(sql.insert_attempt("%s"), sql.attempt_row(attempt)).fetchone()
            if row is None:
                existing = cur.execute(sql.select_attempts("%s", by_fingerprint=True),
                                       (attempt.cohort, attempt.fingerprint)).fetchone()
                return sql.attempt_from(existing), False
        return Attempt(**{**attempt.__dict__, "id": row[0]}), True

    def attempts(self, code: str) -> list[Attempt]:
        """Every attempt of a cohort, in submission order."""
        with self.conn.cursor() as cur:
            rows = cur.execute(sql.select_attempts("%s"), (code,)).fetchall()
        return [sql.attempt_from(row) for row in rows]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
