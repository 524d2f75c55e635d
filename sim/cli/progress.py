"""A progress bar on stderr for long commands (explore, cohort submit), only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sim.authoring.progress import ProgressSink


class RichProgress(ProgressSink):
    """A Rich progress bar on stderr, one line per phase."""

    def __init__(self, bar: Any):
        self.bar = bar
        self.task: Any = None

    def start(self, label: str, total: int | None) -> None:
        """Finish the previous phase's line and start a new one."""
        if self.task is not None:
            self.bar.update(self.task, completed=self.bar.tasks[-1].total or 1,
                            total=self.bar.tasks[-1].total or 1)
        self.task = self.bar.add_task(label, total=total)

    def advance(self, amount: int = 1) -> None:
        """Move the bar."""
        self.bar.advance(self.task, amount)


@contextmanager
def progress_bar(enabled: bool) -> Iterator[ProgressSink | None]:
    """A progress bar on stderr when it is a terminal and ``enabled``."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield RichProgress(bar)


