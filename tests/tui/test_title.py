"""The title screen is complete as composed, and looks for an autosave only once shown."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from sim.tui.screens.title import MENU, TitleScreen


async def test_the_title_is_whole_without_the_autosave_lookup(
        build, named: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing fills the title in after compose: its first frame must already be all of it.
    monkeypatch.setattr(TitleScreen, "_show_menu", lambda self, autosave: None)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen
        assert isinstance(title, TitleScreen)
        assert app.screen_stack == [title]  # the default screen: no blank one under it
        assert str(title.query_one("#greeting", Static).visual) == f"Hello, {named}."
        menu = title.query_one("#menu", OptionList)
        assert [option.id for option in menu.options] == [entry[0] for entry in MENU]
        assert menu.highlighted == 1  # Play: Continue is disabled until an autosave is found
        assert menu.options[0].disabled


async def test_the_autosave_lookup_starts_once_the_title_is_shown(
        build, named: str, monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[bool] = []

    def lookup(self: TitleScreen) -> None:
        looked.append(self.is_mounted and self.size.width > 0)

    monkeypatch.setattr(TitleScreen, "_autosave", lookup)
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert looked == [True]  # once, laid out
        app.refresh_title()  # the name changed, say: it looks again
        await app.workers.wait_for_complete()
        assert looked == [True, True]
