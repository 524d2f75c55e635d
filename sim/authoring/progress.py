"""Progress reporting for long explorations, without tying the toolkit to a display."""

from __future__ import annotations


class ProgressSink:
    """Where explore reports progress: a phase starts (``total`` may be unknown), work advances.
    This default does nothing; the command line shows a progress bar."""

    def start(self, label: str, total: int | None) -> None:
        """A new phase of work begins."""

    def advance(self, amount: int = 1) -> None:
        """``amount`` more units of the current phase are done."""
