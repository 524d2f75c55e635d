"""Pilot tests of ``LineList`` (the office's queue): it paints exactly what Textual's
``OptionList`` paints for the same options (highlighted, disabled, focused or not, wrapped,
scrolled), moves the same way, and keeps the lines of options that didn't change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option as StockOption

from sim.tui.widgets.line_list import LineList, Option


def _prompts(count: int, stamp: str = "") -> list[tuple[Content, str, bool]]:
    return [(Content.assemble(Content(f"caller {n} ").stylize("bold"),
                              "waits for an answer " * (n % 3), f"\n  {n}m waited{stamp}"),
             f"c{n}", n % 4 == 3) for n in range(count)]


class TwoLists(App[None]):
    """An ``OptionList`` and a ``LineList`` side by side, with the same options."""

    CSS = "OptionList, LineList { width: 1fr; height: 100%; }"
    AUTO_FOCUS = None

    def __init__(self) -> None:
        super().__init__()
        self.selected: list[str] = []
        self.highlights: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="stock")
            yield LineList(id="ours")

    def fill(self, prompts: list[tuple[Content, str, bool]], highlighted: int) -> None:
        stock = self.query_one("#stock", OptionList)
        stock.clear_options()
        stock.add_options([StockOption(p, id=i, disabled=d) for p, i, d in prompts])
        with stock.prevent(OptionList.OptionHighlighted):
            stock.highlighted = highlighted
        self.query_one("#ours", LineList).set_options(
            [Option(p, i, d) for p, i, d in prompts], highlighted)

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        self.selected.append(event.option_id)

    def on_line_list_highlighted(self, event: LineList.Highlighted) -> None:
        self.highlights.append(event.option_id)


def _painted(widget: OptionList | LineList) -> list[list[tuple[str, str]]]:
    """Each painted row's text and styles (not the click metadata, which differs)."""
    lines = widget.render_lines(widget.region.reset_offset)
    return [[(segment.text, str(segment.style)) for segment in line] for line in lines]


async def _same(pilot, app: TwoLists) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    stock, ours = app.query_one("#stock", OptionList), app.query_one("#ours", LineList)
    assert ours.virtual_size == stock.virtual_size
    assert ours.scroll_offset == stock.scroll_offset
    assert _painted(ours) == _painted(stock)


async def test_it_paints_what_option_list_paints() -> None:
    app = TwoLists()
    async with app.run_test(size=(100, 12)) as pilot:
        app.fill(_prompts(6), 1)
        await _same(pilot, app)
        stock, ours = app.query_one("#stock", OptionList), app.query_one("#ours", LineList)
        for key in ("", "down", "down", "down", "up"):  # round the ends, over the disabled
            painted = []
            for widget in (stock, ours):  # focused: another highlight style, a tint
                widget.focus()
                if key:
                    await pilot.press(key)
                await pilot.pause()
                painted.append(_painted(widget))
            assert ours.highlighted == stock.highlighted
            assert painted[0] == painted[1]
        app.set_focus(None)
        stock.action_last()
        ours.action_last()  # scrolled to the end
        await _same(pilot, app)
        app.fill(_prompts(3, " (later)"), 0)  # fewer, changed: back to the top
        await _same(pilot, app)
        assert ours.option_count == 3 and ours.get_option_at_index(2).id == "c2"


async def test_unchanged_options_keep_their_painted_lines() -> None:
    app = TwoLists()
    async with app.run_test(size=(100, 12)) as pilot:
        prompts = _prompts(3)
        app.fill(prompts, 0)
        await pilot.pause()
        ours = app.query_one("#ours", LineList)
        first = ours.render_line(0)
        changed = _prompts(3, " (later)")
        app.fill([prompts[0], *changed[1:]], 0)  # the first caller is shown as before
        await pilot.pause()
        assert ours.render_line(0) is first
        assert ours.render_line(3) is not None
        await _same(pilot, app)


async def test_a_click_highlights_and_selects() -> None:
    app = TwoLists()
    async with app.run_test(size=(100, 12)) as pilot:
        app.fill(_prompts(3), 0)
        await pilot.pause()
        ours = app.query_one("#ours", LineList)
        first_of_second = ours.get_option_at_index(0).prompt.get_height(ours.styles, 48)
        await pilot.click("#ours", offset=(3, 1 + first_of_second))  # under the border
        assert app.selected == ["c1"] and ours.highlighted == 1
        assert app.highlights == ["c1"]
        ours.highlighted = 1  # unchanged: no message
        ours.highlighted = 2
        await pilot.pause()
        assert app.highlights == ["c1", "c2"]
