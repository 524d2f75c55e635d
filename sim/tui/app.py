"""The Practice Sim app: holds the player's settings and options, and moves between screens."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.settings import Settings, clean_name, load_settings, save_settings
from sim.tui.bindings import APP, bindings
from sim.tui.commands import GameCommands
from sim.tui.navigation import Navigator
from sim.tui.options import PlayOptions, Practice

TUI = Path(__file__).resolve().parent

if TYPE_CHECKING:  # the engine is imported on first use, so the title screen shows sooner
    from textual.binding import Binding
    from textual.screen import Screen

    from sim.engine import Scenario, Simulation
    from sim.tui.ending import DayEnding


class PracticeSimApp(Navigator):
    """The game. Build it with :func:`make_app`."""

    TITLE = "Practice Sim"
    # The title's stylesheet is read with the app's: a screen that brings a new one makes
    # Textual parse every stylesheet again and restyle the app, before the first frame.
    CSS_PATH = [TUI / "app.tcss", TUI / "screens" / "title.tcss"]  # noqa: RUF012
    COMMANDS = {GameCommands}  # noqa: RUF012 - Textual's own class attribute
    BINDINGS = bindings(APP)
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012

    def __init__(self, *, scenario: Scenario | None = None, options: PlayOptions | None = None,
                 settings_file: Path | None = None, saves_dir: Path | None = None,
                 clock: Callable[[], float] = time.monotonic, watch_path: Path | None = None,
                 db: str | None = None, author: Any = None):
        super().__init__()
        self.author_start = author  # author mode's start (a ``sim.tui.watching.AuthorStart``)
        self.db = db  # the cohort store (--db); None: $PRACTICE_SIM_DB, else SAVES/cohorts.db
        self.watch_path = watch_path  # author mode: reload this file when it changes
        self.settings_file = settings_file
        self.settings: Settings = load_settings(settings_file)
        self.options = options or PlayOptions()
        self.saves_dir = saves_dir
        self.clock = clock
        self.initial_scenario = scenario
        self.initial_options: PlayOptions | None = None  # a cohort day's fixed options

    # -- lifecycle ----------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        """The title screen is the bottom of the stack: Textual's blank default screen would
        be mounted, styled and laid out first, for nothing, before the title's first frame."""
        from sim.tui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        """Theme; ``play SCENARIO`` goes on to the briefing; a first run asks a name."""
        from sim.tui.themes import HIGH_CONTRAST, wanted

        self.register_theme(HIGH_CONTRAST)
        if wanted(self.settings.high_contrast):
            self.theme = HIGH_CONTRAST.name

        if self.watch_path is not None:
            from sim.storage.saves import saves_dir
            from sim.tui.watching import AuthorWatch

            self.author_watch = AuthorWatch(self, self.watch_path, start=self.author_start,
                                            saves=saves_dir(self.saves_dir))
            self.author_watch.start()
            self.bind("f", "author_panel", description="Flags")
        elif self.initial_scenario is not None:
            self.show_briefing(self.initial_scenario, self.initial_options)
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

    def toggle_contrast(self) -> None:
        """Switch the high-contrast theme on or off (remembered)."""
        from sim.tui.themes import DEFAULT, HIGH_CONTRAST

        self.settings.high_contrast = not self.settings.high_contrast
        self.theme = HIGH_CONTRAST.name if self.settings.high_contrast else DEFAULT
        self.store_settings()

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
    def to_title(self) -> list[Awaitable[None]]:
        """Back to the title screen (everything above it closes); each closing screen's
        removal, to await where it must be gone."""
        from sim.tui.screens.title import TitleScreen

        removals = []
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            removals.append(self.pop_screen())
        self.refresh_title()
        return removals

    def show_picker(self) -> None:
        """The scenario picker, above the title screen."""
        from sim.tui.screens.picker import PickerScreen

        self.to_title()
        self.push_screen(PickerScreen())

    def show_briefing(self, scenario: Scenario, options: PlayOptions | None = None) -> None:
        """The briefing of ``scenario`` (with the player's last choices unless ``options``)."""
        from sim.tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(scenario, options or self.options))

    def start_day(self, scenario: Scenario, options: PlayOptions) -> None:
        """Start a new day and show the office (replacing the briefing)."""
        from sim.engine import Simulation

        sim = Simulation(scenario, options.seed)
        sim.start()
        if options.cohort is None:  # remembered for the next briefing; a cohort's aren't
            self.options = options
        else:
            self.remember_cohort(options.cohort.cohort.code)
        self.open_office(sim, options)

    def open_office(self, sim: Simulation, options: PlayOptions, played_seconds: float = 0.0,
                    paused: bool = False) -> None:
        """Show the office for a live simulation."""
        from sim.tui.screens.office import OfficeScreen

        self.to_title()
        self.push_screen(OfficeScreen(sim, options, played_seconds=played_seconds,
                                      start_paused=paused))

    def start_branch(self, sim: Simulation, options: PlayOptions, practice: Practice) -> None:
        """Play on from a branched day: practice, never a cohort's, paused until space."""
        self.open_office(sim, replace(options, cohort=None, practice=practice), paused=True)

    def show_profile(self) -> None:
        """The player's progress across days."""
        from sim.tui.screens.profile import ProfileScreen

        self.push_screen(ProfileScreen())

    def show_debrief(self, sim: Simulation, options: PlayOptions, played_seconds: float,
                     ending: DayEnding | None = None) -> None:
        """The debrief of a finished day (replacing the office).

        It opens from the app's own loop: a screen pushed from the office's would keep the
        office (its widgets and their painted lines) alive under the debrief, as the screen
        that asked for it."""
        self.call_later(self._replace_office, sim, options, played_seconds, ending)

    async def _replace_office(self, sim: Simulation, options: PlayOptions,
                              played_seconds: float, ending: DayEnding | None) -> None:
        import gc

        from sim.tui.screens.debrief import DebriefScreen

        # The office (and whatever is open over it) is removed, and its widgets collected
        # (40 ms), before the debrief is built: the debrief takes the memory they held instead
        # of adding to the day's peak (0.6-1 MiB). The batch keeps the title, current in
        # between, from being painted.
        with self.batch_update():
            for removal in self.to_title():
                await removal
            gc.collect()
            await self.push_screen(DebriefScreen(sim, options, played_seconds, ending))

    def end_day(self, sim: Simulation, options: PlayOptions, played_seconds: float) -> DayEnding:
        """The day is over: write its result file; on a cohort day, submit it too.

        An ordinary day's file is written at once; a cohort day's submission runs in a worker
        (the store may be slow or unreachable) and the debrief is told when it is done.
        """
        from sim.tui.ending import DayEnding, write_plain

        if self.watch_path is not None:  # author mode: a draft's days are not results
            return DayEnding()
        if options.cohort is None:
            practice = options.practice.as_record() if options.practice else None
            return write_plain(sim, player=self.player, mode=options.mode,
                               timing=options.timing, played_seconds=played_seconds,
                               saves=self.saves_dir, practice=practice)
        cohort = options.cohort.cohort
        ending = DayEnding(cohort_code=cohort.code, cohort_name=cohort.name, pending=True)
        self.run_worker(partial(self._submit, ending, options.cohort, sim, played_seconds),
                        thread=True, group="submit", exit_on_error=False)
        return ending

    def _submit(self, ending: DayEnding, day: Any, sim: Simulation,
                played_seconds: float) -> None:
        """Worker: write and submit a cohort day's result, then update ``ending``."""
        from sim.tui.ending import finish_cohort

        try:
            done = finish_cohort(day, sim, player=self.player, played_seconds=played_seconds,
                                 db=self.db, saves=self.saves_dir)
        except Exception as exc:  # never let a submission take the game down
            done = DayEnding(cohort_code=ending.cohort_code, cohort_name=ending.cohort_name,
                             error=f"couldn't finish the cohort day: {exc}")
        self.call_from_thread(self._submitted, ending, done)

    def _submitted(self, ending: DayEnding, done: DayEnding) -> None:
        from sim.tui.screens.debrief import DebriefScreen

        ending.__dict__.update({**done.__dict__, "pending": False})
        for screen in self.screen_stack:
            if isinstance(screen, DebriefScreen) and screen.ending is ending:
                screen.show_ending()

    # -- cohorts ------------------------------------------------------------------------------
    def remember_cohort(self, code: str) -> None:
        """Offer this join code next time the leaderboards are opened."""
        if code and code != self.settings.last_cohort:
            self.settings.last_cohort = code
            self.store_settings()

    def ask_leaderboard(self) -> None:
        """Ask a join code (the last one offered), then show that cohort's leaderboard."""
        from sim.tui.screens.dialogs import JoinCodeDialog

        def chosen(code: str | None) -> None:
            if code:
                self.show_leaderboard(code)

        self.push_screen(JoinCodeDialog(self.settings.last_cohort), chosen)

    def show_leaderboard(self, code: str) -> None:
        """A cohort's leaderboard, above the current screen."""
        from sim.tui.screens.leaderboard import LeaderboardScreen

        self.push_screen(LeaderboardScreen(code))

    def play_again(self, scenario: Scenario, options: PlayOptions) -> None:
        """A fresh day of the same scenario, from its briefing."""
        self.to_title()
        self.show_briefing(scenario, options)

    def action_author_panel(self) -> None:
        """Author mode: show or hide the flags and meters panel."""
        watch = getattr(self, "author_watch", None)
        if watch is not None:
            watch.toggle_panel()

    def action_quit(self) -> None:
        """Quit the game, after asking (the day in progress is autosaved either way)."""
        from sim.tui.screens.dialogs import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return
        self.push_screen(ConfirmDialog(
            "Quit Practice Sim?", "A day in progress is autosaved: Continue picks it up.",
            yes="Quit", no="Stay"), lambda ok: self.exit() if ok else None)

    def action_command_palette(self) -> None:
        """The command palette (Textual's, made safe for keys on an empty list)."""
        from sim.tui.commands import SafePalette

        if self.use_command_palette and not SafePalette.is_open(self):
            self.push_screen(SafePalette(id="--command-palette"))

    def get_key_display(self, binding: Binding) -> str:
        """Textual's display of a key, without its look-up of the key as a Unicode name when
        the key is one character (whose display is itself): every look-up pages in 0.25 to
        0.6 MiB of Unicode's name table, for a footer of letters."""
        modifiers, key = binding.parse_key()
        if binding.key_display or len(key) != 1:
            return super().get_key_display(binding)
        if "ctrl" in modifiers:  # as Textual writes it: ^p
            modifiers.remove("ctrl")
            key = f"^{key}"
        return "+".join([*modifiers, key])

    def action_help(self) -> None:
        """The help screen."""
        from sim.tui.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        group = next((getattr(s, "HELP", "") for s in reversed(self.screen_stack)
                      if getattr(s, "HELP", "")), "Title")
        self.push_screen(HelpScreen(group))

    # -- saves --------------------------------------------------------------------------------
    def resume_save(self, path: Path) -> None:
        """Load a save and continue its day in its timing and mode (asking first if the
        scenario changed since). A cohort day's save rejoins its cohort first."""
        from sim.tui.resuming import resume_save

        resume_save(self, path)


def make_app(*, scenario: Scenario | None = None, seed: int | None = None,
             turn_based: bool = False, coaching: bool = False,
             settings_file: Path | None = None, saves_dir: Path | None = None,
             clock: Callable[[], float] = time.monotonic,
             watch_path: Path | None = None, cohort: Any = None,
             db: str | None = None, author: Any = None) -> PracticeSimApp:
    """Build the app (tests pass a settings file, a saves folder and a fake clock).

    ``watch_path`` starts author mode: that scenario file is reloaded when it changes;
    ``author`` (a ``sim.tui.watching.AuthorStart``) says where its day starts.
    ``cohort`` (a ``CohortDay`` from ``sim.storage.cohorts.play.join``) goes straight to the
    cohort's briefing; ``db`` is the cohort store (``--db``).
    """
    from sim.tui import keys, strips

    keys.install()  # Escape typed fast stays an Escape
    strips.install()  # lines of the screen without seven empty caches each
    if cohort is not None:
        scenario = cohort.scenario
    app = PracticeSimApp(scenario=scenario, options=PlayOptions(seed, turn_based, coaching),
                         settings_file=settings_file, saves_dir=saves_dir, clock=clock,
                         watch_path=watch_path, db=db, author=author)
    app.initial_options = PlayOptions.for_cohort(cohort) if cohort is not None else None
    return app
