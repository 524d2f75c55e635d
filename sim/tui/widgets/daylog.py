"""The office's day log: Textual's ``RichLog``, keeping its written lines compact.

``RichLog`` keeps every wrapped line as a :class:`~textual.strip.Strip`, and each ``Strip``
carries seven caches of its own (crops, styles, filters...) that fill with further strips as
the line is painted: over a full day that is most of the office's memory. Here each line is
kept as the tuple of its segments and its width; a ``Strip`` is made when a line is painted,
and only the lines painted lately stay cached (:data:`PAINTED`). Writing, wrapping, scrolling
and ``max_lines`` are ``RichLog``'s own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, SupportsIndex, overload

from rich.segment import Segment
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widgets import RichLog

#: Painted lines kept (a few screens' worth; ``RichLog`` keeps 1,024).
PAINTED = 160

_Line = tuple[tuple[Segment, ...], int]


def _compact(strip: Strip) -> _Line:
    return tuple(strip), strip.cell_length


class CompactLines(list):  # type: ignore[type-arg]
    """A list of strips stored as plain segment tuples; indexing makes a fresh ``Strip``."""

    def __init__(self, strips: Iterable[Strip | _Line] = ()) -> None:
        super().__init__(item if isinstance(item, tuple) else _compact(item) for item in strips)

    def append(self, strip: Strip | _Line) -> None:  # type: ignore[override]
        """Keep one more line."""
        super().append(strip if isinstance(strip, tuple) else _compact(strip))

    def extend(self, strips: Iterable[Strip | _Line]) -> None:  # type: ignore[override]
        """Keep these lines."""
        super().extend(item if isinstance(item, tuple) else _compact(item) for item in strips)

    @overload  # type: ignore[override]
    def __getitem__(self, index: SupportsIndex) -> Strip: ...

    @overload
    def __getitem__(self, index: slice) -> CompactLines: ...

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return CompactLines(super().__getitem__(index))
        segments, width = super().__getitem__(index)
        return Strip(segments, width)

    def __iter__(self) -> Any:
        return (Strip(segments, width) for segments, width in super().__iter__())


class DayLog(RichLog):
    """A ``RichLog`` whose lines are kept compact (see the module's docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._line_cache = LRUCache(PAINTED)

    @property  # type: ignore[override]
    def lines(self) -> CompactLines:
        """The lines written (each indexed line is a new ``Strip``)."""
        return self._compact_lines

    @lines.setter
    def lines(self, value: Iterable[Strip | _Line]) -> None:
        self._compact_lines = value if isinstance(value, CompactLines) else CompactLines(value)
