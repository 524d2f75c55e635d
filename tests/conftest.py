"""Shared fixtures for the engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Scenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"


@pytest.fixture(scope="session")
def scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of checked scenarios for the whole run (each is read from YAML once)."""
    return tmp_path_factory.mktemp("scenario-cache")


@pytest.fixture(autouse=True)
def private_data_folders(tmp_path_factory: pytest.TempPathFactory, scenario_cache: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real player's saves, settings or cache."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(data / "cache"))
    monkeypatch.setenv("PRACTICE_SIM_HOME", str(data / "home"))
    monkeypatch.setenv("PRACTICE_SIM_CACHE", str(scenario_cache))


@pytest.fixture(scope="session")
def tiny() -> Scenario:
    """The hand-checked tiny scenario."""
    return load_scenario(TINY)


@pytest.fixture
def write_scenario(tmp_path: Path):
    """Write YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# Modules whose module-scoped fixture starts a server (ralph, serve and chromium): run on one
# xdist worker each, so the server starts once.
ONE_WORKER_MODULES = ("tests/browser/test_serve_chromium.py", "tests/storage/test_lrs.py")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup``): every PostgreSQL test on one worker, one at a
    time, since one of them stops and restarts the shared server mid-day; and each
    server-starting module on one worker."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store_url") == "postgresql":
            item.add_marker(pytest.mark.xdist_group("postgresql"))
            continue
        module = item.nodeid.split("::", 1)[0]
        if module in ONE_WORKER_MODULES:
            item.add_marker(pytest.mark.xdist_group(module))
