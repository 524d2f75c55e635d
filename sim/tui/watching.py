"""Author mode (``play PATH --watch``): the TUI side of :mod:`sim.authoring.watch`.

When the scenario file (or a file it includes) changes, the day is rebuilt with the new
version and put back where the author was: the actions taken so far are replayed as far as
they still apply (a note says where and why the replay stopped), and the pause state is
kept. When the file has errors, a screen lists them (``FILE:LINE:COL: ...``) until the next
save fixes them. The day can start from a moment (:class:`AuthorStart`: an action file's
line, a clock time, one encounter alone), and ``f`` shows the flags and meters. The line
played is kept in ``SAVES/author/<file>.actions`` (an action file) for ``--at`` next time.
Nothing here exits the app.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from sim.authoring.preview import (
    Position,
    encounter_preview,
    record_line,
    replay_line,
)
from sim.authoring.watch import Reload, ScenarioWatcher
from sim.engine import Action, Scenario, Simulation, format_clock
from sim.tui.widgets.author_panel import AuthorPanel
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.tui.navigation import Navigator

POLL_SECONDS = 0.5


class ProblemsScreen(Screen[None]):
    """The scenario's errors (and warnings), shown until the file is fixed."""

    DEFAULT_CSS = """
    ProblemsScreen { padding: 1 2; }
    ProblemsScreen #problems-title { text-style: bold; color: $text-error; margin-bottom: 1; }
    ProblemsScreen #problems-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, path: str, reload: Reload):
        super().__init__()
        self.path = path
        self.reload = reload

    def compose(self) -> ComposeResult:
        """The title, the problems, and what to do."""
        count = len(self.reload.errors)
        yield Static(f"{self.path}: {count} error(s); the day restarts when you fix them",
                     id="problems-title", markup=False)
        with VerticalScroll():
            yield Static(self.reload.report(), id="problems", markup=False)
        yield Static("Author mode: edit the file in your editor and save; it reloads by itself.",
                     id="problems-hint", markup=False)
        yield KeyFooter()


@dataclass(frozen=True)
class AuthorStart:
    """Where author mode starts the day: ``--from`` actions, ``--at`` a time, ``--encounter``."""

    actions: tuple[Action, ...] = field(default_factory=tuple)
    at: int | None = None  # minutes since midnight
    encounter: str | None = None

    @property
    def moment(self) -> bool:
        """True when the day starts somewhere other than its beginning."""
        return bool(self.actions) or self.at is not None or self.encounter is not None


def line_file(saves: Path, scenario_path: str) -> Path:
    """Where author mode keeps the line played on a scenario file."""
    return saves / "author" / f"{Path(scenario_path).stem}.actions"


def write_line(path: Path, sim: Simulation) -> None:
    """The day's actions so far, as an action file (``HH:MM action`` a line)."""
    text = "".join(f"{format_clock(at)} {action}\n" for at, action in sim.record)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class AuthorWatch:
    """Reloads the scenario on change and puts the day back where it was, or shows problems."""

    def __init__(self, app: Navigator, path: str | os.PathLike[str],
                 interval: float = POLL_SECONDS, start: AuthorStart | None = None,
                 saves: Path | None = None):
        self.app = app
        self.path = str(path)
        self.interval = interval
        self.watcher = ScenarioWatcher(path)
        self.reloads = 0
        self.start_at = start or AuthorStart()
        self.saves = saves
        self.line: list[Action] | None = None  # the position to keep across reloads
        self.paused: bool = self.start_at.moment
        self.panel_shown = False
        self.last: Position | None = None
        self._written = -1

    def start(self) -> None:
        """Load now (shown once the title screen is up), then poll on a timer."""
        self.app.call_after_refresh(self.show, self.watcher.load())
        self.timer = self.app.set_interval(self.interval, self.poll)

    def poll(self) -> None:
        """Check the files; act on a settled change; keep the line file current."""
        self.keep_line()
        reload = self.watcher.poll()
        if reload is not None:
            self.reloads += 1
            self.show(reload)

    # -- where the author is ------------------------------------------------------------------
    def office(self) -> object | None:
        """The office (or debrief) screen of the day being previewed, if one is open."""
        for screen in reversed(self.app.screen_stack):
            if getattr(screen, "sim", None) is not None:
                return screen
        return None

    def current_sim(self) -> Simulation | None:
        """The simulation on screen."""
        screen = self.office()
        return getattr(screen, "sim", None) if screen is not None else None

    def capture(self) -> None:
        """Remember the line played and the pause state before the day is replaced."""
        screen = self.office()
        sim = self.current_sim()
        if screen is None or sim is None:
            return
        self.line = record_line(sim)
        self.paused = bool(getattr(screen, "user_paused", self.paused))

    def keep_line(self) -> None:
        """Write the line played to the line file when it grew (for ``--at`` next time)."""
        sim = self.current_sim()
        if sim is None or self.saves is None or len(sim.record) == self._written:
            return
        try:
            write_line(line_file(self.saves, self.path), sim)
            self._written = len(sim.record)
        except OSError:
            self._written = len(sim.record)  # a read-only folder: author mode goes on

    def first_line(self) -> list[Action]:
        """The line the first day replays: ``--from``'s actions, or the saved line for
        ``--at`` (which :meth:`position` plays up to that time)."""
        actions = list(self.start_at.actions)
        if not actions and self.start_at.at is not None and self.saves is not None:
            from sim.engine import ActionSyntaxError, parse_actions
            from sim.engine.files import MIB, FileRefused, read_regular

            try:
                text = read_regular(line_file(self.saves, self.path), MIB).decode("utf-8")
                actions = parse_actions(text)
            except (FileRefused, UnicodeDecodeError, ActionSyntaxError):
                actions = []
        return actions

    def position(self, scenario: Scenario) -> Position:
        """The new day, replayed to where the author was (or to the chosen start)."""
        seed = self.app.options.seed
        first = self.line is None
        line = self.first_line() if first else list(self.line or [])
        until = self.start_at.at if first else None
        if self.start_at.encounter is None:
            return replay_line(scenario, line, seed, until=until)
        try:
            preview = encounter_preview(scenario, self.start_at.encounter, seed)
        except KeyError as exc:
            self.app.notify(f"--encounter: {exc.args[0]}; playing the whole day", markup=False,
                            severity="error", timeout=10)
            self.start_at = AuthorStart(self.start_at.actions, self.start_at.at)
            return replay_line(scenario, line, seed)
        rest = line if first else line[1:]  # a kept line starts with the preview's attend
        return replay_line(preview.scenario, rest, seed, sim=preview)

    # -- showing ------------------------------------------------------------------------------
    def show(self, reload: Reload) -> None:
        """Rebuild the day where it was with a good scenario, or list a bad one's problems."""
        self.capture()
        if reload.scenario is None:
            self.app.to_title()
            self.app.push_screen(ProblemsScreen(self.path, reload))
            return
        position = self.position(reload.scenario)
        self.last = position
        self.app.open_office(position.sim, self.app.options, paused=self.paused)
        if self.panel_shown:
            self.app.call_after_refresh(self._mount_panel)
        warnings = len(reload.warnings)
        note = f"Loaded {self.path}" + (f" ({warnings} warning(s): practice-sim validate "
                                        f"{self.path})" if warnings else "")
        if position.applied or position.stopped:
            note += f". {position.summary()}"
        self.app.notify(note, markup=False, severity="warning" if position.stopped else
                        "information", timeout=12 if position.stopped else 5)

    def toggle_panel(self) -> None:
        """Show or hide the flags and meters panel (``f``)."""
        screen = self.office()
        if screen is None:
            return
        found = list(screen.query(AuthorPanel))  # type: ignore[attr-defined]
        if found:
            found[0].remove()
            self.panel_shown = False
        else:
            self._mount_panel()
            self.panel_shown = True

    def _mount_panel(self) -> None:
        screen = self.office()
        sim = self.current_sim()
        if screen is not None and sim is not None and not list(screen.query(AuthorPanel)):
            screen.mount(AuthorPanel(sim))  # type: ignore[attr-defined]

