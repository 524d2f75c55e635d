"""play PATH --watch: the TUI restarts the day on a good save and lists errors on a bad one."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from sim.tui.app import make_app
from sim.tui.pacing import FakeClock
from sim.tui.screens.office import OfficeScreen
from sim.tui.watching import ProblemsScreen


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated settings file with a name (no first-run dialog)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"name": "Robin", "best": {}}))
    monkeypatch.setenv("PRACTICE_SIM_HOME", str(home))
    monkeypatch.setenv("PRACTICE_SIM_SAVES", str(tmp_path / "saves"))
    return home


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))


def test_watch_restarts_the_day_and_shows_errors(home: Path, starter: Path) -> None:
    good = starter.read_text(encoding="utf-8")

    async def scenario() -> None:
        app = make_app(clock=FakeClock(), turn_based=True, watch_path=starter)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, OfficeScreen)
            assert app.screen.sim.scenario.title == "Starter"
            watch = app.author_watch
            _save(starter, good.replace("next: closing", "next: nowher", 1))
            watch.poll()
            watch.poll()
            await pilot.pause()
            assert isinstance(app.screen, ProblemsScreen)
            text = str(app.screen.query_one("#problems").render())
            assert f"{starter}:" in text and "nowher" in text
            _save(starter, good.replace('title: "Starter"', 'title: "Fixed"'))
            watch.poll()
            watch.poll()
            await pilot.pause()
            assert isinstance(app.screen, OfficeScreen)
            assert app.screen.sim.scenario.title == "Fixed" and app.screen.sim.clock == 9 * 60
            assert watch.reloads == 2

    asyncio.run(scenario())


def test_play_watch_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    from sim.cli import main

    assert main(["play", "--watch"]) == 1
    assert "--watch needs a scenario file" in capsys.readouterr().err
