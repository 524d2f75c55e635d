"""Shared fixtures for the engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Scenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"


@pytest.fixture(autouse=True)
def private_data_folders(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real player's saves or settings."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data / "share"))
    monkeypatch.setenv("PRACTICE_SIM_HOME", str(data / "home"))


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
