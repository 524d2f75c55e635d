"""Author mode (``play PATH --watch``): the TUI side of :mod:`sim.authoring.watch`.

When the scenario file (or a file it includes) changes, the day restarts with the new
version; when it has errors, a screen lists them (``FILE:LINE:COL: ...``) until the next save
fixes them. Nothing here exits the app.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sim.authoring.watch import Reload, ScenarioWatcher

if TYPE_CHECKING:
    from sim.tui.app import PracticeSimApp

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
        yield Footer()


class AuthorWatch:
    """Reloads the scenario on change and restarts the day, or shows the problems."""

    def __init__(self, app: PracticeSimApp, path: str | os.PathLike[str],
                 interval: float = POLL_SECONDS):
        self.app = app
        self.path = str(path)
        self.interval = interval
        self.watcher = ScenarioWatcher(path)
        self.reloads = 0

    def start(self) -> None:
        """Load now (shown once the title screen is up), then poll on a timer."""
        self.app.call_after_refresh(self.show, self.watcher.load())
        self.app.set_interval(self.interval, self.poll)

    def poll(self) -> None:
        """Check the files; act on a settled change."""
        reload = self.watcher.poll()
        if reload is not None:
            self.reloads += 1
            self.show(reload)

    def show(self, reload: Reload) -> None:
        """Restart the day with a good scenario, or list the problems of a bad one."""
        if reload.scenario is not None:
            self.app.start_day(reload.scenario, self.app.options)
            warnings = len(reload.warnings)
            note = f"Loaded {self.path}" + (f" ({warnings} warning(s): practice-sim validate "
                                            f"{self.path})" if warnings else "")
            self.app.notify(note, markup=False)
        else:
            self.app.to_title()
            self.app.push_screen(ProblemsScreen(self.path, reload))
