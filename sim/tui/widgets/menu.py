"""A menu that stops at its ends: Up from the first entry stays there (it never wraps round
to "Quit" at the bottom, one Enter from closing the game)."""

from __future__ import annotations

from textual._widget_navigation import find_next_enabled_no_wrap
from textual.widgets import OptionList


class Menu(OptionList):
    """An option list without wrap-around."""

    def _step(self, direction: int) -> None:
        target = find_next_enabled_no_wrap(self.options, anchor=self.highlighted,
                                           direction=direction)
        if target is not None:
            self.highlighted = target

    def action_cursor_up(self) -> None:
        """The previous enabled entry (none above the first)."""
        self._step(-1)

    def action_cursor_down(self) -> None:
        """The next enabled entry (none below the last)."""
        self._step(1)
