"""Pilot tests of the office's ``DayLog``: it paints exactly what Textual's ``RichLog`` paints
(wrapping, styles, scrolling to the end, ``max_lines``), while keeping its lines as plain
segment tuples instead of strips."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.strip import Strip
from textual.widgets import RichLog

from sim.tui.widgets.daylog import PAINTED, CompactLines, DayLog


class TwoLogs(App[None]):
    """A ``RichLog`` and a ``DayLog`` side by side, written alike."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield RichLog(id="stock", wrap=True, max_lines=30, min_width=1)
            yield DayLog(id="ours", wrap=True, max_lines=30, min_width=1)


def _painted(log: RichLog) -> list[Strip]:
    return [log.render_line(y) for y in range(log.scrollable_content_region.height)]


async def test_the_day_log_paints_what_rich_log_paints() -> None:
    app = TwoLogs()
    async with app.run_test(size=(60, 12)) as pilot:
        stock, ours = app.query_one("#stock", RichLog), app.query_one("#ours", DayLog)
        app.set_focus(None)  # a focused log is tinted
        for n in range(40):  # more than max_lines, some lines wrapped
            line = Text(f"09:{n:02d} ", style="dim")
            line.append("a caller waits " * (n % 4 + 1), style="bold" if n % 2 else "")
            stock.write(line, scroll_end=True)
            ours.write(line.copy(), scroll_end=True)
            await pilot.pause()
        assert len(ours.lines) == len(stock.lines) == 30
        assert ours.scroll_offset == stock.scroll_offset
        assert ours.virtual_size == stock.virtual_size
        assert [list(s) for s in _painted(ours)] == [list(s) for s in _painted(stock)]
        assert [list(s) for s in ours.lines] == [list(s) for s in stock.lines]


async def test_the_day_log_keeps_no_strips() -> None:
    app = TwoLogs()
    async with app.run_test(size=(60, 12)) as pilot:
        ours = app.query_one("#ours", DayLog)
        for n in range(200):
            ours.write(Text(f"line {n}"), scroll_end=True)
        await pilot.pause()
        assert isinstance(ours.lines, CompactLines)
        assert all(isinstance(item, tuple) for item in list.__iter__(ours.lines))
        assert ours._line_cache.maxsize == PAINTED
        ours.clear()
        assert len(ours.lines) == 0 and isinstance(ours.lines, CompactLines)
