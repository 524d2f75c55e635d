"""Author mode: notice when a scenario file (or a file it includes) changes, reload it, and
hand back either the new scenario or the problems to show, never an exception.

A front end (the TUI's ``play PATH --watch``) owns the screen; it calls
:meth:`ScenarioWatcher.poll` on a timer and, when it returns a :class:`Reload`, restarts the
day with ``reload.scenario`` or shows ``reload.problems``::

    watcher = ScenarioWatcher(path)
    first = watcher.load()
    ...
    reload = watcher.poll()          # every half second, say
    if reload is not None:
        restart(reload.scenario) if reload.ok else show(reload.report())

Changes are debounced: a reload happens once the files have stopped changing for one poll,
so an editor's save-in-two-steps doesn't show a half-written file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sim.authoring.lint import lint
from sim.engine.loader import check_source_located, read_source
from sim.engine.model import Scenario
from sim.engine.problems import Problem

Stamp = tuple[int, int] | None  # (mtime_ns, size), or None for a missing file


@dataclass
class Reload:
    """The result of (re)loading: a scenario, or the problems that stop it loading."""

    scenario: Scenario | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the scenario loaded (there may still be warnings)."""
        return self.scenario is not None

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity error."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Lint warnings."""
        return [p for p in self.problems if p.severity != "error"]

    def report(self) -> str:
        """The problems, one ``FILE:LINE:COL: ...`` line each, errors first."""
        lines = [str(p) for p in (*self.errors, *self.warnings)]
        if not self.ok:
            lines.append(f"{len(self.errors)} error(s): fix the file and save; it reloads "
                         "by itself")
        return "\n".join(lines)


def load(path: str | os.PathLike[str], warnings: bool = True) -> Reload:
    """Load a scenario, its lint warnings and the list of files it was read from."""
    raw, problems = read_source(path)
    if raw is None:
        return Reload(None, problems, [str(path)])
    scenario, problems, locate = check_source_located(raw, str(path))
    files = locate.files if locate is not None else [str(path)]
    if scenario is not None and locate is not None and warnings:
        problems = problems + lint(scenario, locate)
    return Reload(scenario, sorted(problems), files)


def _stamp(name: str) -> Stamp:
    try:
        info = os.stat(name)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class ScenarioWatcher:
    """Watches a scenario and the files it includes; reloads when they change."""

    def __init__(self, path: str | os.PathLike[str], warnings: bool = True):
        self.path = str(path)
        self.warnings = warnings
        self.current: Reload | None = None
        self._stamps: dict[str, Stamp] = {}
        self._pending: dict[str, Stamp] | None = None

    @property
    def files(self) -> list[str]:
        """The files watched: the scenario and what it includes."""
        return list(self._stamps) or [self.path]

    def _read_stamps(self) -> dict[str, Stamp]:
        return {name: _stamp(name) for name in self.files}

    def load(self) -> Reload:
        """Load now (the first time, or to force a reload)."""
        self.current = load(self.path, self.warnings)
        names = list(dict.fromkeys([self.path, *self.current.files]))
        self._stamps = {name: _stamp(name) for name in names}
        self._pending = None
        return self.current

    def changed(self) -> bool:
        """True when a watched file differs from when it was last loaded."""
        return self._read_stamps() != self._stamps

    def poll(self) -> Reload | None:
        """A new :class:`Reload` once changed files have settled, else ``None``."""
        if self.current is None:
            return self.load()
        stamps = self._read_stamps()
        if stamps == self._stamps:
            self._pending = None
            return None
        if stamps != self._pending:
            self._pending = stamps  # still changing: wait for one quiet poll
            return None
        return self.load()


def watch(path: str | os.PathLike[str], on_reload: Callable[[Reload], None],
          interval: float = 0.5, should_stop: Callable[[], bool] = lambda: False) -> None:
    """Call ``on_reload`` with the first load and after every change, until ``should_stop``."""
    watcher = ScenarioWatcher(Path(path))
    on_reload(watcher.load())
    while not should_stop():
        time.sleep(interval)
        reload = watcher.poll()
        if reload is not None:
            on_reload(reload)
