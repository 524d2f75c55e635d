"""The cohort store: SQLite by default (``saves/cohorts.db``), PostgreSQL for a ``postgresql://``
URL, both behind :class:`CohortStore`."""

from __future__ import annotations

import os
from pathlib import Path

from sim.storage.cohorts.model import (
    POLICIES,
    Attempt,
    Cohort,
    CohortStore,
    Player,
    StoreError,
    StoreUnavailable,
)
from sim.storage.saves import saves_dir

ENV_VAR = "PRACTICE_SIM_DB"


def store_url(db: str | None = None, saves: str | os.PathLike[str] | None = None) -> str:
    """Which store to use: ``--db``, else ``$PRACTICE_SIM_DB``, else ``SAVES/cohorts.db``."""
    return db or os.environ.get(ENV_VAR) or str(saves_dir(saves) / "cohorts.db")


def is_postgres(url: str) -> bool:
    """True for a PostgreSQL URL."""
    return url.startswith(("postgresql://", "postgres://"))


def open_store(db: str | None = None, saves: str | os.PathLike[str] | None = None,
               create: bool = True) -> CohortStore:
    """Open the cohort store; ``StoreUnavailable`` if it can't be reached.

    A SQLite store is created if missing, unless ``create`` is false (players joining or
    looking up a cohort): then a missing file is ``StoreUnavailable`` too, rather than a new,
    empty store that knows no cohort.
    """
    url = store_url(db, saves)
    if is_postgres(url):
        from sim.storage.cohorts.postgres import PostgresStore

        return PostgresStore(url)
    from sim.storage.cohorts.sqlite import SQLiteStore

    path = Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
    if not create and not path.is_file():
        raise StoreUnavailable(f"there is no cohort store at {path}")
    return SQLiteStore(path)


__all__ = [
    "ENV_VAR",
    "POLICIES",
    "Attempt",
    "Cohort",
    "CohortStore",
    "Player",
    "StoreError",
    "StoreUnavailable",
    "is_postgres",
    "open_store",
    "store_url",
]
