"""Fixtures for the TUI tests: an isolated home, saves folder and scenario catalog."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sim import catalog
from sim.engine import Scenario, load_scenario
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
