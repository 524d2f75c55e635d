"""Pilot tests of the office's ``KeyFooter``: it shows exactly what Textual's ``Footer`` shows
(the same keys, labels, order and dimmed keys) as the working keys change, it repaints in place
instead of mounting widgets, and clicking a key presses it."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from sim.engine import Scenario
from sim.tui.screens.office import OfficeScreen
from sim.tui.widgets.footer import FooterEntry, KeyFooter


def _stock_keys(footer: Footer) -> list[tuple[str, str, str, bool]]:
    """What a stock footer composed: key, display, description and whether it works."""
    return [(key.key, key.key_display, key.description, not key._disabled)
            for key in footer.query(FooterKey)]


def _ours(footer: KeyFooter) -> list[tuple[str, str, str, bool]]:
    """The same for ours, the command palette's key last (the stock footer docks it last)."""
    entries: list[FooterEntry] = [*footer._entries, *([footer._palette] if footer._palette else [])]
    return [(entry.key, entry.display, entry.description, entry.enabled) for entry in entries]


async def test_the_footer_shows_what_textuals_footer_shows(build, named: str,
                                                           front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        stock = Footer(compact=True)
        await office.mount(stock)
        ours = office.query_one(KeyFooter)
        seen = []
        for keys in [(), ("w",), ("enter",), ("h",), ("enter",)]:
            await pilot.press(*keys)
            office.refresh_bindings()  # the stock footer was mounted late: let it catch up
            await pilot.pause()
            await pilot.pause()
            assert _ours(ours) == _stock_keys(stock)
            seen.append(str(ours.render()))
        assert any("Attend" in line and "Hold" not in line for line in seen)
        assert any("Hold" in line and "Attend" not in line for line in seen)
        assert not ours.children  # one line repainted in place, no key widgets


async def test_clicking_a_key_in_the_footer_presses_it(build, named: str,
                                                       front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        office = app.screen
        assert isinstance(office, OfficeScreen)
        footer = office.query_one(KeyFooter)
        line = str(footer.render())
        before = office.sim.clock
        await pilot.click(KeyFooter, offset=(line.index("Wait"), 0))
        await pilot.pause()
        assert office.sim.clock > before
        line = str(footer.render())
        await pilot.click(KeyFooter, offset=(line.index("Attend"), 0))
        await pilot.pause()
        assert office.sim.focus is not None
        assert "Hold" in str(footer.render())


async def test_a_line_drawn_again_for_the_same_keys_is_what_a_fresh_draw_gives(
        build, named: str, front_desk: Scenario) -> None:
    """The footer keeps each set of keys' painted line (the office toggles between a few):
    coming back to a set shows its own keys, and a theme change draws them anew."""
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        footer = app.screen.query_one(KeyFooter)
        region = Region(0, 0, *footer.size)
        painted = {}
        for key in ["enter", "h", "enter", "h"]:  # with a caller, without, and back
            await pilot.press(key)
            await pilot.pause()
            [strip] = footer.render_lines(region)
            assert strip.text.rstrip().startswith(str(footer.render()).rstrip()[:40])
            painted.setdefault(strip.text, strip)
        assert len(painted) == 2  # two sets of keys, each drawn once and then reused
        assert any("Hold" in text for text in painted) and \
            any("Attend" in text for text in painted)
        before = footer.render_lines(region)[0]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        after = footer.render_lines(region)[0]
        assert after.text == before.text and list(after) != list(before)  # new colours
