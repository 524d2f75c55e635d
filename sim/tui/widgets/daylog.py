"""The office's day log: what Textual's ``RichLog`` shows, in a fraction of its memory.

``RichLog`` keeps every wrapped line as a :class:`~textual.strip.Strip`, and each ``Strip``
carries seven caches of its own (crops, styles, filters...) that fill with further strips as
the line is painted: over a full day that was the largest part of the office's memory. Here
each line is kept as the tuple of its segments and its width; a ``Strip`` is made when a line
is painted, and only the lines painted lately stay cached (:data:`PAINTED`). Importing
``RichLog`` also loads ``rich.pretty`` (and ``attrs`` where installed), which the log never
needs. Writing, wrapping, scrolling and ``max_lines`` work as ``RichLog``'s (Textual 8), for
the rich ``Text`` lines the office writes.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.measure import measure_renderables
from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: Painted lines kept (more than a tall terminal's log shows; ``RichLog`` keeps 1,024). A
#: line scrolled back into view is painted again from its segments, which is quick.
PAINTED = 64


class _Line(NamedTuple):
    segments: tuple[Segment, ...]
    width: int


class DayLog(ScrollView, can_focus=True):
    """A scrolling log of rich ``Text`` lines, wrapped to the log's width."""

    DEFAULT_CSS = """
    DayLog {
        background: $surface;
        color: $foreground;
        overflow-y: scroll;
        &:focus {
            background-tint: $foreground 5%;
        }
    }
    """

    def __init__(self, *, max_lines: int | None = None, min_width: int = 78, wrap: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.max_lines = max_lines
        self.min_width = min_width
        self.wrap = wrap
        self._lines: list[_Line] = []
        self._start_line = 0  # lines dropped by max_lines (keeps the cache keys unique)
        self._widest = 0
        self._painted: LRUCache[tuple[int, int, int, int], Strip] = LRUCache(PAINTED)
        self._deferred: list[tuple[Text, bool]] = []
        self._size_known = False

    @property
    def line_count(self) -> int:
        """How many (wrapped) lines the log holds."""
        return len(self._lines)

    def line(self, index: int) -> Strip:
        """Line ``index`` as a strip."""
        segments, width = self._lines[index]
        return Strip(segments, width)

    def notify_style_update(self) -> None:
        """Styles changed: paint again."""
        super().notify_style_update()
        self._painted.clear()

    def on_resize(self, event: Resize) -> None:
        """Write what was written before the width was known."""
        if event.size.width and not self._size_known:
            self._size_known = True
            deferred, self._deferred = self._deferred, []
            for text, scroll_end in deferred:
                self.write(text, scroll_end=scroll_end)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the widest line, once the width is known."""
        return self.virtual_size.width if self._size_known else container.width

    def write(self, text: Text, scroll_end: bool = True) -> DayLog:
        """Add ``text`` at the bottom (wrapped when ``wrap``), scrolling to it if asked."""
        if not self._size_known:  # rendered once the width is known, in order
            self._deferred.append((text.copy(), scroll_end))
            return self
        text.expand_tabs()
        console = self.app.console
        options = console.options
        if not self.wrap:
            options = options.update(overflow="ignore", no_wrap=True)
        width = min(measure_renderables(console, options, [text]).maximum,
                    self.scrollable_content_region.width)
        width = max(width, self.min_width)
        lines = list(Segment.split_lines(console.render(text, options.update_width(width))))
        if not lines:
            self._widest = max(width, self._widest)
            self._lines.append(_Line((Segment(" " * width),), width))
        else:
            written = [_Line(tuple(line), sum(s.cell_length for s in line)) for line in lines]
            self._lines.extend(written)
            if self.max_lines is not None and len(self._lines) > self.max_lines:
                self._start_line += len(self._lines) - self.max_lines
                self.refresh()
                del self._lines[:-self.max_lines]
            self._widest = max(self._widest, *(line.width for line in written))
        self.virtual_size = Size(self._widest, len(self._lines))
        if scroll_end:
            self.scroll_end(animate=False, immediate=False, x_axis=False)
        return self

    def clear(self) -> DayLog:
        """Empty the log."""
        self._lines.clear()
        self._painted.clear()
        self._start_line = 0
        self._widest = 0
        self._deferred.clear()
        self.virtual_size = Size(0, 0)
        self.refresh()
        return self

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the visible part."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style).apply_style(self.rich_style)
        key = (index + self._start_line, scroll_x, width, self._widest)
        painted = self._painted.get(key)
        if painted is None:
            painted = self.line(index).crop_extend(scroll_x, scroll_x + width, self.rich_style)
            self._painted[key] = painted
        return painted.apply_style(self.rich_style)
