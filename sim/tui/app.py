"""The Practice Sim app: holds the player's settings and options, and moves between screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from sim.settings import Settings, clean_name, load_settings, save_settings
from sim.tui.bindings import APP, bindings
from sim.tui.commands import GameCommands

if TYPE_CHECKING:  # the engine is imported on first use, so the title screen shows sooner
    from sim.engine import Scenario, Simulation


@dataclass(frozen=True)
class PlayOptions:
    """How the next day is played."""

    seed: int | None = None
    turn_based: bool = False
    coaching: bool = False

    @property
    def mode(self) -> str:
        """The mode as saves record it."""
        return "coaching" if self.coaching else "assessment"


class PracticeSimApp(App[None]):
    """The game. Build it with :func:`make_app`."""

    TITLE = "Practice Sim"
    CSS_PATH = "app.tcss"
    COMMANDS = {GameCommands}  # noqa: RUF012 - Textual's own class attribute
    BINDINGS = bindings(APP)
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    def __init__(self, *, scenario: Scenario | None = None, options: PlayOptions | None = None,
                 settings_file: Path | None = None, saves_dir: Path | None = None,
                 clock: Callable[[], float] = time.monotonic, watch_path: Path | None = None):
        super().__init__()
        self.watch_path = watch_path  # author mode: reload this file when it changes
        self.settings_file = settings_file
        self.settings: Settings = load_settings(settings_file)
        self.options = options or PlayOptions()
        self.saves_dir = saves_dir
        self.clock = clock
        self.initial_scenario = scenario

    # -- lifecycle ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Title screen; ``play SCENARIO`` goes on to the briefing; a first run asks a name."""
        from sim.tui.screens.title import TitleScreen

        self.push_screen(TitleScreen())
        if self.watch_path is not None:
            from sim.tui.watching import AuthorWatch

            self.author_watch = AuthorWatch(self, self.watch_path)
            self.author_watch.start()
        elif self.initial_scenario is not None:
            self.show_briefing(self.initial_scenario)
        if not self.settings.name and self.watch_path is None:  # author mode: straight in
            self.ask_name()

    # -- settings -----------------------------------------------------------------------------
    @property
    def player(self) -> str:
        """The display name (``player`` until one is set)."""
        return self.settings.name or "player"

    def ask_name(self, then: Callable[[], Any] | None = None) -> None:
        """Ask the display name and remember it."""
        from sim.tui.screens.dialogs import NameDialog

        def done(name: str | None) -> None:
            if name:
                self.settings.name = clean_name(name)
                self.store_settings()
                self.refresh_title()
            if then is not None:
                then()

        self.push_screen(NameDialog(self.settings.name), done)

    def store_settings(self) -> None:
        """Write the settings file; a failure is reported, never fatal."""
        try:
            save_settings(self.settings, self.settings_file)
        except OSError as exc:
            self.notify(f"Couldn't save your settings: {exc}", severity="warning", markup=False)

    def refresh_title(self) -> None:
        """Let the title screen show the current name and saves."""
        from sim.tui.screens.title import TitleScreen

        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.refresh_menu()

    # -- navigation ---------------------------------------------------------------------------
    def to_title(self) -> None:
        """Back to the title screen (everything above it closes)."""
        from sim.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
        self.refresh_title()

    def show_picker(self) -> None:
        """The scenario picker, above the title screen."""
        from sim.tui.screens.picker import PickerScreen

        self.to_title()
        self.push_screen(PickerScreen())

    def show_briefing(self, scenario: Scenario, options: PlayOptions | None = None) -> None:
        """The briefing of ``scenario``."""
        from sim.tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(scenario, options or self.options))

    def start_day(self, scenario: Scenario, options: PlayOptions) -> None:
        """Start a new day and show the office (replacing the briefing)."""
        from sim.engine import Simulation

        sim = Simulation(scenario, options.seed)
        sim.start()
        self.options = options
        self.open_office(sim, options)

    def open_office(self, sim: Simulation, options: PlayOptions, played_seconds: float = 0.0,
                    paused: bool = False) -> None:
        """Show the office for a live simulation."""
        from sim.tui.screens.office import OfficeScreen

        self.to_title()
        self.push_screen(OfficeScreen(sim, options, played_seconds=played_seconds,
                                      start_paused=paused))

    def show_debrief(self, sim: Simulation, options: PlayOptions, played_seconds: float) -> None:
        """The debrief of a finished day (replacing the office)."""
        from sim.tui.screens.debrief import DebriefScreen

        self.switch_screen(DebriefScreen(sim, options, played_seconds))

    def play_again(self, scenario: Scenario, options: PlayOptions) -> None:
        """A fresh day of the same scenario, from its briefing."""
        self.to_title()
        self.show_briefing(scenario, options)

    def action_help(self) -> None:
        """The help screen."""
        from sim.tui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- saves --------------------------------------------------------------------------------
    def resume_save(self, path: Path) -> None:
        """Load a save and continue its day (asking first if the scenario changed since)."""
        from sim.engine import ScenarioError
        from sim.storage.saves import SaveError, load_save, restore
        from sim.tui.screens.dialogs import ConfirmDialog

        try:
            save = load_save(path)
            scenario = find_scenario(save.scenario_id)
        except SaveError as exc:
            self.notify(f"Can't load this save: {exc.reason}", severity="error", markup=False)
            return
        except (FileNotFoundError, ScenarioError) as exc:
            self.notify(f"Can't load this save's scenario: {exc}", severity="error",
                        markup=False)
            return
        options = replace(self.options, seed=save.seed, coaching=save.mode == "coaching")

        def resume(partial: bool) -> None:
            try:
                sim = restore(save, scenario, partial=partial)
            except SaveError as exc:
                if exc.kind == "scenario_changed" and not partial:
                    self.push_screen(ConfirmDialog(
                        "This scenario changed since the save", exc.reason,
                        yes="Replay as far as it goes", no="Cancel"),
                        lambda ok: resume(True) if ok else None)
                    return
                self.notify(f"Can't load this save: {exc.reason}", severity="error",
                            markup=False)
                return
            if sim.is_over:
                self.show_briefing(scenario, options)
                self.notify("That day was already over: here is a fresh start.", markup=False)
                return
            self.open_office(sim, options, played_seconds=save.played_seconds, paused=True)

        resume(False)


def find_scenario(scenario_id: str) -> Scenario:
    """The catalog's scenario with this id (its file is normally named after it)."""
    from sim import catalog
    from sim.engine import load_scenario

    try:
        return load_scenario(catalog.resolve(scenario_id))
    except FileNotFoundError:
        for entry in catalog.entries():
            if entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry.scenario
        raise


def make_app(*, scenario: Scenario | None = None, seed: int | None = None,
             turn_based: bool = False, coaching: bool = False,
             settings_file: Path | None = None, saves_dir: Path | None = None,
             clock: Callable[[], float] = time.monotonic,
             watch_path: Path | None = None) -> PracticeSimApp:
    """Build the app (tests pass a settings file, a saves folder and a fake clock).

    ``watch_path`` starts author mode: that scenario file is reloaded when it changes.
    """
    return PracticeSimApp(scenario=scenario,
                          options=PlayOptions(seed, turn_based, coaching),
                          settings_file=settings_file, saves_dir=saves_dir, clock=clock,
                          watch_path=watch_path)
