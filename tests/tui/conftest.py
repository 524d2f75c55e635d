"""Fixtures for the TUI tests: an isolated home, saves folder and scenario catalog."""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sim import catalog
from sim.engine import Scenario, load_scenario
from sim.storage.cohorts import Attempt, Cohort
from sim.tui.app import PracticeSimApp, make_app
from sim.tui.pacing import FakeClock

FIXTURES = Path(__file__).parent / "fixtures"
FRONT_DESK = FIXTURES / "front-desk.yaml"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and saves in a temporary folder; only the fixture scenarios in the catalog."""
    home = tmp_path / "home"
    monkeypatch.setenv("PRACTICE_SIM_HOME", str(home))
    monkeypatch.setenv("PRACTICE_SIM_SAVES", str(tmp_path / "saves"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(catalog, "bundled_dir", lambda: FIXTURES)
    return tmp_path


@pytest.fixture
def named(isolated: Path) -> str:
    """A settings file with a display name, so no first-run dialog."""
    home = isolated / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text(json.dumps({"name": "Robin", "best": {}}))
    return "Robin"


@pytest.fixture
def front_desk() -> Scenario:
    """The TUI tests' scenario."""
    return load_scenario(FRONT_DESK)


@pytest.fixture
def build() -> Callable[..., PracticeSimApp]:
    """Make an app with a frozen clock (the default: never moves unless told)."""

    def factory(**kwargs: object) -> PracticeSimApp:
        kwargs.setdefault("clock", FakeClock())
        return make_app(**kwargs)  # type: ignore[arg-type]

    return factory


# -- result files and cohorts -------------------------------------------------------------------
FROZEN = datetime(2026, 11, 20, 15, 30, 0, tzinfo=UTC)
HOSTILE_NAME = "[bold]Eve[/bold] \x1b[31m[link=https://evil.example]x[/link]" + "y" * 10_000


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[datetime]:
    """Saves and result files stamped with a fixed time; local time is UTC."""
    from sim.storage import results, saves

    monkeypatch.setattr(saves, "now", lambda: FROZEN)
    monkeypatch.setattr(results, "now", lambda: FROZEN)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield FROZEN
    monkeypatch.undo()
    time.tzset()


def attempt(player: str, score: float, *, grade: str, passed: bool, unresolved: int,
            minute: int, skills: dict[str, float]) -> Attempt:
    """A stored attempt with fixed times (the leaderboard only shows what the store holds)."""
    stamp = datetime(2026, 11, 20, 9, minute, tzinfo=UTC).isoformat()
    return Attempt(cohort="WEEK01", fingerprint=f"{player[:40]}-{score}", player=player,
                   score=score, grade=grade, passed=passed, unresolved=unresolved,
                   played_seconds=120, finished_at=stamp, submitted_at=stamp,
                   result={"claimed": {"skills": [{"id": k, "score": v}
                                                  for k, v in skills.items()]}})


@pytest.fixture
def cohort_store(isolated: Path, front_desk: Scenario) -> str:
    """The default cohort store (SAVES/cohorts.db) with cohort WEEK01 of the front-desk day
    (turn-based, assessment, open until 2030) and, unless a test clears it, four results."""
    from sim.storage.cohorts import open_store, service

    db = str(isolated / "saves" / "cohorts.db")
    store = open_store(db)
    cohort = service.make_cohort("Week 1 [i]evening[/i]", front_desk, pace=0, code="WEEK01",
                                 closes="2030-01-01T17:00:00+00:00")
    store.create_cohort(Cohort(**{**cohort.__dict__, "created_at": FROZEN.isoformat()}))
    for entry in (
        attempt("Ann", 91.5, grade="A", passed=True, unresolved=0, minute=5,
                skills={"communication": 95.0, "organization": 80.0}),
        attempt(HOSTILE_NAME, 78.0, grade="B", passed=True, unresolved=1, minute=7,
                skills={"communication": 70.0, "organization": 90.0}),
        attempt("Robin", 78.0, grade="B", passed=True, unresolved=2, minute=9,
                skills={"communication": 75.0, "organization": 60.0}),
        attempt("Bob", 42.0, grade="D", passed=False, unresolved=3, minute=12,
                skills={"communication": 40.0, "organization": 50.0}),
    ):
        store.submit(entry)
    store.close()
    return db
