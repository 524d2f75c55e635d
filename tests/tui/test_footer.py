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


KEYS = [*"aqwh19?D", "ctrl+p", "ctrl+s", "shift+d", "ctrl+shift+a", "alt+x", "enter", "escape",
        "question_mark", "f1", "tab", "shift+tab", "home", "space", "minus", "plus"]


def test_a_key_is_shown_as_textual_shows_it(monkeypatch) -> None:
    import textual.keys
    from textual.app import App
    from textual.binding import Binding

    from sim.tui import bindings as specs
    from sim.tui.app import make_app

    app = make_app()
    shown = [Binding(key, "x") for key in KEYS] + [Binding("f1", "x", key_display="?")]
    for group in vars(specs).values():
        if isinstance(group, tuple) and group and isinstance(group[0], specs.KeySpec):
            shown += specs.bindings(group)
    for binding in shown:
        assert app.get_key_display(binding) == App.get_key_display(app, binding), binding

    def refused(name: str) -> str:
        raise AssertionError(f"looked up {name!r}")

    monkeypatch.setattr(textual.keys.unicodedata, "lookup", refused)
    assert [app.get_key_display(Binding(key, "x")) for key in ("w", "ctrl+p", "shift+d")] == [
        "w", "^p", "shift+d"]


def _bound_keys() -> set[str]:
    """Every key bound anywhere in the game's screens and widgets, and Textual's own app and
    screen keys."""
    import importlib
    import inspect
    import pkgutil

    from textual.app import App
    from textual.binding import Binding
    from textual.screen import Screen

    import sim.tui

    classes: list[type] = [App, Screen]
    for module in pkgutil.walk_packages(sim.tui.__path__, "sim.tui."):
        classes += [cls for _, cls in inspect.getmembers(importlib.import_module(module.name),
                                                         inspect.isclass)]
    keys = set()
    for cls in classes:
        for binding in getattr(cls, "BINDINGS", None) or ():
            key = binding.key if isinstance(binding, Binding) else binding[0]
            keys.update(part.strip() for part in key.split(","))
    return keys


def test_the_named_keys_have_the_characters_textual_gives_them() -> None:
    import textual.keys
    import textual.screen

    from sim.tui import keys
    from sim.tui.app import make_app

    make_app()  # installs the game's key handling
    named = {key for key in _bound_keys() if len(key) > 1 and "+" not in key}
    assert named <= set(keys.NAMED_KEY_CHARACTERS)
    for key, character in keys.NAMED_KEY_CHARACTERS.items():
        assert textual.keys.key_to_character(key) == character, key
        assert textual.screen.key_to_character(key) == character, key
    assert textual.screen.key_to_character("ctrl+x") is None
    assert textual.screen.key_to_character("exclamation_mark") == "!"  # Textual answers it
