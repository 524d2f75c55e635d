"""One absurd file in the saves folder never crashes the Load screen: it is listed as broken."""

from __future__ import annotations

import json
from pathlib import Path

from sim.tui.screens.load import LoadScreen


async def test_absurd_saves_are_listed_as_broken(build, named: str, isolated: Path) -> None:
    folder = isolated / "saves"
    folder.mkdir()
    base = {"format": "practice-sim/save", "format_version": 1, "kind": "save"}
    (folder / "huge-version.json").write_text(
        json.dumps(base).replace('"format_version": 1', '"format_version": ' + "9" * 5000))
    (folder / "huge-played.json").write_text(json.dumps({**base, "played_seconds": 0}).replace(
        '"played_seconds": 0', '"played_seconds": 1' + "0" * 400))
    (folder / "year-one.json").write_text(json.dumps({**base, "saved_at": "0001-01-01T00:00"}))
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(LoadScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LoadScreen)
        assert len(screen.saves) == 3 and all(info.error for info in screen.saves)
        await pilot.press("enter")  # a broken entry: a notice, no crash
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
