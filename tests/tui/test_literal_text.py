"""Scenario text and player names are shown literally: no markup, no terminal escapes."""

from __future__ import annotations

import json
from pathlib import Path

from sim.engine import validate_file
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.dialogs import DelegateDialog
from sim.tui.screens.office import OfficeScreen
from sim.tui.text import clean, literal

from .conftest import FRONT_DESK

ESC = "\x1b"
TITLE = "[bold]Bold[/bold] [link=https://evil.example]click[/link] \\e[31mRED\\e[0m day"
JO = "[reverse]Jo[/] \\e]8;;https://x\\e\\\\Park"
WINDOW = "{patient.name} is at the [blink]window[/blink] \\e[2J"
CHOICE = "Welcome her [i]by name[/i] \\e[5m and check in"


def hostile_scenario(folder: Path, escapes: bool = False) -> Path:
    """The test scenario with markup (and, with ``escapes``, ESC characters) in its texts.

    Validation refuses control characters in scenario text, so the playable version keeps
    only what follows each ESC; the display must still show it literally.
    """
    text = FRONT_DESK.read_text()
    strip = (lambda t: t) if escapes else (lambda t: t.replace("\\e", ""))
    for old, new in (
        ("title: Front desk test day", f'title: "{TITLE}"'),
        ("{name: Jo Park,", f'{{name: "{JO}",'),
        ('title: "{patient.name} is at the window"', f'title: "{WINDOW}"'),
        ("text: Welcome her by name, check her in and tell her how long the wait is.",
         f'text: "{CHOICE}"'),
    ):
        assert old in text
        text = text.replace(old, strip(new))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.yaml"
    path.write_text(text)
    return path


def screen_text(app) -> str:
    """Every character on the active screen, as the terminal would get it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_literal_helpers() -> None:
    assert literal("[bold]x[/bold]").plain == "[bold]x[/bold]"
    assert clean("a\x1b[31mb\x07c\x9bd\te\nf") == "a[31mbcd e\nf"


def test_escapes_in_scenario_text_are_refused_with_their_place(tmp_path: Path) -> None:
    problems = validate_file(hostile_scenario(tmp_path, escapes=True))
    found = [(p.line, p.message) for p in problems]
    assert found and all("control character (U+001B ESC)" in m for _, m in found)
    assert len(found) == 4


async def test_markup_and_escapes_are_shown_literally(build, isolated: Path) -> None:
    hostile_scenario(isolated / "scenarios")
    home = isolated / "home"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"name": "[red]Eve[/red]\x1b[31m"}))
    app = build(turn_based=True)
    async with app.run_test(size=(160, 50)) as pilot:
        text = screen_text(app)
        assert "Hello, [red]Eve[/red][31m." in text  # the name, control chars dropped
        await pilot.press("enter")  # the picker: the hostile scenario is listed
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Bold[/bold] [link=https://evil.example]click[/link] [31mRED[0m day" \
            in text
        assert ESC not in text
        await pilot.press("enter")  # its briefing (hostile.yaml sorts before front-desk)
        text = screen_text(app)
        assert "[reverse]Jo[/] ]8;;https://x\\Park" in text
        assert ESC not in text
        await pilot.press("enter")
        assert isinstance(app.screen, OfficeScreen)
        text = screen_text(app)
        assert "Ann Okafor is at the [blink]window[/blink] [2J" in text
        assert ESC not in text
        await pilot.press("ctrl+p", *"attend")  # the palette lists scenario text literally
        for _ in range(20):
            await pilot.pause(0.05)
            if "Attend:" in screen_text(app):
                break
        text = screen_text(app)
        assert "Attend: Ann Okafor is at the [blink]window[/blink] [2J" in text
        assert ESC not in text
        await pilot.press("escape")
        assert isinstance(app.screen, OfficeScreen)
        await pilot.press("d")  # Ann can't be delegated: the notification quotes the title
        notification = list(app._notifications)[-1]
        assert "[blink]window[/blink]" in notification.message
        assert not notification.markup
        await pilot.press("enter")
        text = screen_text(app)
        assert "Welcome her [i]by name[/i] [5m and check in" in text
        assert ESC not in text
        await pilot.press("1", "d")
        assert isinstance(app.screen, DelegateDialog)
        text = screen_text(app)
        assert "[reverse]Jo[/] ]8;;https://x\\Park" in text
        assert ESC not in text
        await pilot.press("escape")
        for _ in range(8):
            await pilot.press("w")
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        text = screen_text(app)
        assert "[bold]Bold[/bold]" in text and "[i]by name[/i]" in text
        assert ESC not in text
