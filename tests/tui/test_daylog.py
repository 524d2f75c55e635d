"""Pilot tests of the office's ``DayLog``: it paints exactly what Textual's ``RichLog`` paints
(wrapping, styles, scrolling to the end, ``max_lines``, clearing, writes before the size is
known), while keeping its lines as plain segment tuples instead of strips."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.strip import Strip
from textual.widgets import RichLog

from sim.tui.widgets.daylog import PAINTED, DayLog


class TwoLogs(App[None]):
    """A ``RichLog`` and a ``DayLog`` side by side, written alike."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield RichLog(id="stock", wrap=True, max_lines=30, min_width=1)
            yield DayLog(id="ours", wrap=True, max_lines=30, min_width=1)


def _painted(log: RichLog | DayLog) -> list[Strip]:
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
        assert ours.line_count == len(stock.lines) == 30
        assert ours.scroll_offset == stock.scroll_offset
        assert ours.virtual_size == stock.virtual_size
        assert [list(s) for s in _painted(ours)] == [list(s) for s in _painted(stock)]
        assert [list(ours.line(n)) for n in range(30)] == [list(s) for s in stock.lines]
        stock.scroll_home(animate=False)
        ours.scroll_home(animate=False)
        await pilot.pause()
        assert [list(s) for s in _painted(ours)] == [list(s) for s in _painted(stock)]
        stock.clear()
        ours.clear()
        stock.write(Text("after"))
        ours.write(Text("after"))
        await pilot.pause()
        assert ours.virtual_size == stock.virtual_size
        assert [list(s) for s in _painted(ours)] == [list(s) for s in _painted(stock)]


class EarlyWrites(TwoLogs):
    """Both logs written in ``on_mount``, before their size is known."""

    def on_mount(self) -> None:
        for log in self.query("RichLog, DayLog"):
            for n in range(5):
                log.write(Text(f"early line {n} " * 3))  # type: ignore[attr-defined]


async def test_writes_before_the_size_is_known_appear_in_order() -> None:
    app = EarlyWrites()
    async with app.run_test(size=(60, 12)) as pilot:
        app.set_focus(None)  # a focused log is tinted
        await pilot.pause()
        stock, ours = app.query_one("#stock", RichLog), app.query_one("#ours", DayLog)
        assert ours.line_count == len(stock.lines) > 5
        assert [list(s) for s in _painted(ours)] == [list(s) for s in _painted(stock)]


async def test_the_day_log_keeps_no_strips() -> None:
    app = TwoLogs()
    async with app.run_test(size=(60, 12)) as pilot:
        ours = app.query_one("#ours", DayLog)
        for n in range(200):
            ours.write(Text(f"line {n}"), scroll_end=True)
        await pilot.pause()
        assert ours.line_count == 30  # max_lines
        assert all(isinstance(line.segments, tuple) and
                   all(type(segment) is Segment for segment in line.segments)
                   for line in ours._lines)
        assert len(ours._painted) <= PAINTED
        assert ours.line(29).text == "line 199"
