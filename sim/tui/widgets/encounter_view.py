"""The conversation in the office's encounter panel, painted line by line: its text, then,
under a rule, the numbered choices and keys.

It shows what two ``Static`` widgets in a ``VerticalScroll`` showed (the text, and the choices
with a ``border-top``), wrapped and styled the same, as one widget: a keypress that opens,
answers or leaves a conversation repaints the lines that differ and, unless the scrollbar
comes or goes, lays nothing out (the scroll container laid the screen out for every new
text, then again for its own new height, and re-rendered its rows through four widgets).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.style import Style

from sim.tui.widgets.line_view import LineView, shape

RULE = "encounter-view--rule"


class EncounterView(LineView, can_focus=False):
    """Text and choices, scrolled as one (PgUp/PgDn are the office's keys)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    EncounterView {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        & > .encounter-view--rule {
            color: $primary 40%;
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {RULE}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Content("")
        self.choices = Content("")
        self._paragraphs: list[Content | None] = []  # None: the rule above the choices
        self._lines: list[tuple[int, int]] = []  # (paragraph, line within it)

    def show(self, text: Content, choices: Content) -> bool:
        """Show ``text`` and, under a rule, ``choices`` (no rule without choices); True if
        anything changed. Only the lines that differ are repainted."""
        if shape(text) == shape(self.text) and shape(choices) == shape(self.choices):
            return False
        before = self._line_keys()
        self.text, self.choices = text, choices
        paragraphs: list[Content | None] = list(text.split("\n", allow_blank=True))
        if choices.plain:
            paragraphs += [None, *choices.split("\n", allow_blank=True)]
        self._paragraphs = paragraphs
        self._lay_out(before)
        return True

    # -- laying out ---------------------------------------------------------------------------
    def _line_keys(self) -> list[tuple[object, ...]]:
        """What each line shows: its paragraph's shape (or the rule) and the line within."""
        paragraphs = self._paragraphs
        return [(None if paragraphs[number] is None else shape(paragraphs[number]), line)
                for number, line in self._lines]

    def _lay_out(self, before: list[tuple[object, ...]] | None = None) -> None:
        """Wrap every paragraph at the width there is; repaint what changed."""
        width, same = self.layout_width()
        if not width:
            return
        if not same:
            before = None
        lines: list[tuple[int, int]] = []
        for number, paragraph in enumerate(self._paragraphs):
            height = 1 if paragraph is None else self.paragraph_height(paragraph, width)
            lines += [(number, line) for line in range(height)]
        self._lines = lines
        self.set_virtual_size(Size(width, len(lines)))
        if before is None:
            self.refresh()
        else:
            self.repaint_changed(before, self._line_keys())

    def on_resize(self) -> None:
        """Wrap again at the new width."""
        self._lay_out()

    # -- painting -----------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay out first if the width changed since (a scrollbar came or went)."""
        if self._width != self.scrollable_content_region.width:
            self._lay_out()
        return super().render_lines(crop)

    def _rule(self) -> Strip:
        """The line above the choices (as a ``border-top: solid`` draws it)."""
        style = self.get_visual_style(RULE)
        key = (RULE, style, self._width)
        if (strips := self._painted.get(key)) is None:
            strips = [Strip([Segment("─" * self._width, style.rich_style)], self._width)]
            self._painted[key] = strips
        return strips[0]

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the visible part."""
        line = self.scroll_offset.y + y
        style = self.visual_style
        if line < len(self._lines):
            number, offset = self._lines[line]
            paragraph = self._paragraphs[number]
            if paragraph is None:
                return self._rule()
            strips = self.paint((), paragraph, self._width, style, fill=False)
            if offset < len(strips):
                return strips[offset]
        # Below the text, only the background (as the scroll container painted it).
        return Strip.blank(self._width, Style(background=style.background).rich_style)
