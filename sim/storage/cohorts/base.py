"""The cohort store's operations, written once for both SQL backends.

A backend gives a connection through three methods: ``_write()`` (a write transaction
yielding a cursor), ``_rows(query, params)`` (read rows) and ``_columns(table)`` (the
table's column names, for the migration), plus ``mark`` (its placeholder) and
``_unique_errors`` (the exceptions a duplicate key raises).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from sim.storage.cohorts import sql
from sim.storage.cohorts.model import (
    Attempt,
    Cohort,
    LiveAction,
    Player,
    Session,
    StoreError,
)


class SQLStore:
    """Cohorts, attempts, the roster and proctored sessions over a DB-API connection."""

    mark = "?"
    url = ""
    _unique_errors: tuple[type[Exception], ...] = ()
    _batch: Any = None  # the open batch's cursor, while one is open

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Submissions inside are one transaction, committed (one commit, one fsync) when the
        block ends and rolled back as a whole if it raises. Nested batches join the outer."""
        if self._batch is not None:
            yield
            return
        with self._write() as cur:
            self._batch = cur
            try:
                yield
            finally:
                self._batch = None

    @contextlib.contextmanager
    def _submitting(self) -> Iterator[Any]:
        """The open batch's cursor, or a write transaction of its own."""
        if self._batch is not None:
            yield self._batch
            return
        with self._write() as cur:
            yield cur

    # -- backend hooks ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:  # pragma: no cover - each backend has its own
        raise NotImplementedError
        yield

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        raise NotImplementedError  # pragma: no cover

    def _columns(self, cur: Any, table: str) -> set[str]:
        raise NotImplementedError  # pragma: no cover

    # -- schema ----------------------------------------------------------------------------
    def _create_schema(self, cur: Any, id_column: str) -> None:
        """Create missing tables, then add the columns a schema-1 store lacks."""
        for statement in sql.schema(id_column):
            cur.execute(statement)
        for table, column, definition in sql.ADDED_COLUMNS:
            if column not in self._columns(cur, table):
                cur.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
        cur.execute(sql.insert("meta", ("key", "value"), self.mark, "key"),
                    ("schema_version", str(sql.SCHEMA_VERSION)))
        cur.execute(f"UPDATE meta SET value = {self.mark} WHERE key = 'schema_version'",
                    (str(sql.SCHEMA_VERSION),))

    # -- cohorts and attempts --------------------------------------------------------------
    def create_cohort(self, cohort: Cohort) -> None:
        """Add a cohort; ``StoreError`` if its code is taken."""
        try:
            with self._write() as cur:
                cur.execute(sql.insert_cohort(self.mark), sql.cohort_row(cohort))
        except self._unique_errors:
            raise StoreError(f"a cohort with code {cohort.code} already exists") from None

    def get_cohort(self, code: str) -> Cohort | None:
        """The cohort with this join code, if any."""
        rows = self._rows(sql.select_cohort(self.mark), (code,))
        return sql.cohort_from(rows[0]) if rows else None

    def submit(self, attempt: Attempt) -> tuple[Attempt, bool]:
        """Store an attempt once per (cohort, fingerprint); returns it and whether it was new."""
        with self._submitting() as cur:
            row = cur.execute(sql.insert_attempt(self.mark), sql.attempt_row(attempt)).fetchone()
            if row is None:
                existing = cur.execute(sql.select_attempts(self.mark, by_fingerprint=True),
                                       (attempt.cohort, attempt.fingerprint)).fetchone()
                return sql.attempt_from(existing), False
        return Attempt(**{**attempt.__dict__, "id": row[0]}), True

    def attempts(self, code: str) -> list[Attempt]:
        """Every attempt of a cohort, in submission order."""
        return [sql.attempt_from(row) for row in self._rows(sql.select_attempts(self.mark),
                                                            (code,))]

    # -- the roster ------------------------------------------------------------------------
    def add_player(self, player: Player, token_hash: str) -> None:
        """Add a roster entry with its token's hash."""
        columns = (*sql.PLAYER_COLUMNS, "token_hash")
        with self._write() as cur:
            cur.execute(sql.insert("players", columns, self.mark),
                        (*(getattr(player, c) for c in sql.PLAYER_COLUMNS), token_hash))

    def player_by_token(self, code: str, token_hash: str) -> Player | None:
        """The roster entry holding this token, if any (revoked ones too)."""
        rows = self._rows(sql.select("players", sql.PLAYER_COLUMNS, "cohort, token_hash",
                                     self.mark), (code, token_hash))
        return sql.player_from(rows[0]) if rows else None

    def players(self, code: str) -> list[Player]:
        """The roster, in invitation order."""
        rows = self._rows(sql.select("players", sql.PLAYER_COLUMNS, "cohort", self.mark,
                                     "created_at, player_id"), (code,))
        return [sql.player_from(row) for row in rows]

    def revoke(self, code: str, player_id: str, at: str) -> bool:
        """Revoke a roster entry's token; False if there is no such entry."""
        with self._write() as cur:
            cur.execute(f"UPDATE players SET revoked_at = {self.mark} WHERE cohort = "
                        f"{self.mark} AND player_id = {self.mark}", (at, code, player_id))
            return bool(cur.rowcount)

    # -- proctored sessions ----------------------------------------------------------------
    def start_session(self, session: Session) -> None:
        """Record that a proctored day started (idempotent)."""
        with self._write() as cur:
            cur.execute(sql.insert("sessions", sql.SESSION_COLUMNS, self.mark, "session"),
                        tuple(getattr(session, c) for c in sql.SESSION_COLUMNS))

    def record_actions(self, actions: list[LiveAction]) -> None:
        """Store live actions; one already stored (same session and seq) is left as it is."""
        if not actions:
            return
        query = sql.insert("live_actions", sql.LIVE_COLUMNS, self.mark, "session, seq")
        with self._write() as cur:
            for action in actions:
                cur.execute(query, tuple(getattr(action, c) for c in sql.LIVE_COLUMNS))

    def session(self, session: str) -> tuple[Session, list[LiveAction]] | None:
        """A proctored session and its recorded actions, in order."""
        rows = self._rows(sql.select("sessions", sql.SESSION_COLUMNS, "session", self.mark),
                          (session,))
        if not rows:
            return None
        actions = self._rows(sql.select("live_actions", sql.LIVE_COLUMNS, "session",
                                        self.mark, "seq"), (session,))
        return sql.session_from(rows[0]), [sql.live_from(row) for row in actions]

    def finish_session(self, session: str, at: str) -> None:
        """Mark a proctored session finished (the first finish counts)."""
        with self._write() as cur:
            cur.execute(f"UPDATE sessions SET finished_at = {self.mark} WHERE session = "
                        f"{self.mark} AND finished_at IS NULL", (at, session))
