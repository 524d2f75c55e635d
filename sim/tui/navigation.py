"""What a screen may ask of the game: the app's settings and its ways between screens.

Screens are typed against :class:`Navigator`, never against ``sim.tui.app``: the app
(``PracticeSimApp``, a Navigator) composes the screens and nothing imports upward.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from sim.engine import Scenario, Simulation
    from sim.settings import Settings
    from sim.tui.ending import DayEnding
    from sim.tui.options import PlayOptions, Practice


class Navigator(App[None]):
    """The game as its screens see it (implemented by ``PracticeSimApp``)."""

    settings: Settings
    saves_dir: Path | None
    db: str | None
    clock: Callable[[], float]
    options: PlayOptions

    @property
    def player(self) -> str:
        """The display name."""
        raise NotImplementedError

    def ask_name(self, then: Callable[[], Any] | None = None) -> None:
        """Ask the display name."""
        raise NotImplementedError

    def store_settings(self) -> None:
        """Write the settings."""
        raise NotImplementedError

    def to_title(self) -> list[Awaitable[None]]:
        """Back to the title screen; the closing screens' removals."""
        raise NotImplementedError

    def show_picker(self) -> None:
        """The scenario picker."""
        raise NotImplementedError

    def show_briefing(self, scenario: Scenario, options: PlayOptions | None = None) -> None:
        """A scenario's briefing."""
        raise NotImplementedError

    def start_day(self, scenario: Scenario, options: PlayOptions) -> None:
        """A new day in the office."""
        raise NotImplementedError

    def open_office(self, sim: Simulation, options: PlayOptions, played_seconds: float = 0.0,
                    paused: bool = False) -> None:
        """The office for a live day."""
        raise NotImplementedError

    def end_day(self, sim: Simulation, options: PlayOptions,
                played_seconds: float) -> DayEnding:
        """Write the finished day's result."""
        raise NotImplementedError

    def show_debrief(self, sim: Simulation, options: PlayOptions, played_seconds: float,
                     ending: DayEnding | None = None) -> None:
        """The debrief of a finished day."""
        raise NotImplementedError

    def play_again(self, scenario: Scenario, options: PlayOptions) -> None:
        """The same scenario again."""
        raise NotImplementedError

    def show_leaderboard(self, code: str) -> None:
        """A cohort's leaderboard."""
        raise NotImplementedError

    def ask_leaderboard(self) -> None:
        """Ask a join code, then show its leaderboard."""
        raise NotImplementedError

    def remember_cohort(self, code: str) -> None:
        """Offer this join code next time."""
        raise NotImplementedError

    def resume_save(self, path: Path) -> None:
        """Continue a save."""
        raise NotImplementedError

    def start_branch(self, sim: Simulation, options: PlayOptions, practice: Practice) -> None:
        """Play on from a branched day (practice)."""
        raise NotImplementedError

    def show_profile(self) -> None:
        """The player's progress."""
        raise NotImplementedError

    def action_help(self) -> None:
        """The help of the screen on top."""
        raise NotImplementedError

    def action_quit(self) -> None:
        """Quit, after asking."""
        raise NotImplementedError
