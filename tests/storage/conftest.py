"""Fixtures for the storage tests: a small scenario copied into tmp, and a played day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation, load_scenario, parse_actions, play

HERE = Path(__file__).parent / "fixtures"
SCENARIO = HERE / "storage-day.yaml"
ACTIONS = HERE / "storage-day.actions"
POOR = HERE / "storage-day.poor.actions"


@pytest.fixture
def scenario_path(tmp_path: Path) -> Path:
    """A private copy of the storage test scenario (tests may edit it)."""
    target = tmp_path / "scenarios" / "storage-day.yaml"
    target.parent.mkdir()
    shutil.copy(SCENARIO, target)
    return target


@pytest.fixture
def scenario(scenario_path: Path) -> Scenario:
    """The storage test scenario, loaded."""
    return load_scenario(scenario_path)


def play_day(scenario: Scenario, count: int | None = None, finish: bool = True) -> Simulation:
    """Play the first ``count`` actions of the strong play (all by default)."""
    actions = parse_actions(ACTIONS.read_text(encoding="utf-8"))
    return play(scenario, actions[:count] if count is not None else actions, finish=finish)


@pytest.fixture
def day(scenario: Scenario):
    """``day(count=None, finish=True, poor=False)``: a day played from the fixture actions."""

    def make(count: int | None = None, finish: bool = True, poor: bool = False) -> Simulation:
        path = POOR if poor else ACTIONS
        actions = parse_actions(path.read_text(encoding="utf-8"))
        return play(scenario, actions[:count] if count is not None else actions, finish=finish)

    return make


@pytest.fixture
def finished(scenario: Scenario) -> Simulation:
    """A finished day of the storage test scenario."""
    return play_day(scenario)


@pytest.fixture
def halfway(scenario: Scenario) -> Simulation:
    """A day stopped after five actions."""
    return play_day(scenario, 5, finish=False)


# -- cohort stores ------------------------------------------------------------------------------
PG_ENV = "PRACTICE_SIM_TEST_PG"
PG_SKIP = (f"PostgreSQL tests need a server: set {PG_ENV}=postgresql://USER@HOST:PORT/DB "
           "(.ci/run starts one with .ci/postgres.sh)")


def _pg_admin() -> str | None:
    import os

    return os.environ.get(PG_ENV) or None


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, empty cohort store URL for each backend (PostgreSQL skips without a server)."""
    if request.param == "sqlite":
        yield str(tmp_path / "cohorts.db")
        return
    admin = _pg_admin()
    if admin is None:
        pytest.skip(PG_SKIP)
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"practice_sim_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.fail(f"{PG_ENV} is set but the server can't be reached: {exc}")
    yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
