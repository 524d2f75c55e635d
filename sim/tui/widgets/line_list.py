"""A list of options painted line by line: what Textual's ``OptionList`` shows, repainting
only the lines that change (the office's queue is one)."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.strip import Strip

from sim.tui.widgets.line_view import LineView, shape


class Option(NamedTuple):
    """One listed option: what it shows, its id, and whether it can be highlighted."""

    prompt: Content
    id: str
    disabled: bool = False


class _Entry:
    """One listed option: its paragraphs (the lines of its prompt, each wrapped on its own)
    and the height of each at the width laid out."""

    __slots__ = ("heights", "option", "paragraphs")

    def __init__(self, option: Option, whole: bool) -> None:
        self.option = option
        self.paragraphs = [option.prompt] if whole else option.prompt.split("\n", allow_blank=True)
        self.heights: list[int] = []


#: The component class of each way an option is drawn ("" is the plain option).
KINDS = ("", "option-list--option-disabled", "option-list--option-highlighted",
         "option-list--option-hover")


class LineList(LineView, can_focus=True, inherit_bindings=False):
    """Options one under the other, each a ``Content`` of one or more lines: the highlight
    moves with ↑↓ (round the ends), a click highlights and selects, disabled options are
    dimmed and skipped.

    It looks and moves as Textual's ``OptionList`` (the same component classes and styles),
    but paints its lines itself: an option's lines stay painted until it changes, and when
    the options change only the lines that differ are repainted (``OptionList`` repaints every
    visible option when one prompt changes, and rebuilds them all when one is added).
    """

    DEFAULT_CSS = """
    LineList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .option-list--option-disabled {
            color: $text-disabled;
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"option-list--option", *KINDS[1:]}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    class _Message(Message):
        """About one option of the list."""

        def __init__(self, owner: LineList, option_id: str | None) -> None:
            super().__init__()
            self.owner = owner
            self.option_id = option_id

        @property
        def control(self) -> LineList:
            """The list."""
            return self.owner

    class Highlighted(_Message):
        """The highlight moved to another (enabled) option."""

    class Selected(_Message):
        """An option was clicked."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: list[_Entry] = []
        self._lines: list[tuple[int, int, int]] = []  # (entry, its paragraph, line within)
        self._first: list[int] = []  # each entry's first line
        self._highlighted: int | None = None
        self._hover: int | None = None

    # -- what it holds ------------------------------------------------------------------------
    @property
    def option_count(self) -> int:
        """How many options are listed."""
        return len(self._entries)

    def get_option_at_index(self, index: int) -> Option:
        """The option at ``index``."""
        return self._entries[index].option

    @property
    def highlighted(self) -> int | None:
        """The index of the highlighted option."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if self._move_highlight(index):
            option = self._entries[self._highlighted].option  # type: ignore[index]
            if not option.disabled:
                self.post_message(self.Highlighted(self, option.id))

    def set_options(self, options: list[Option], highlighted: int | None) -> None:
        """List ``options`` and highlight one, without a highlight message. A line shown
        exactly as before keeps its painting, and only the lines that differ are repainted."""
        before = self._line_keys()
        whole = self._whole()
        self._entries = [_Entry(option, whole) for option in options]
        self._highlighted = highlighted
        self._hover = None
        self._lay_out(before)
        self._scroll_to_highlight()

    # -- moving -------------------------------------------------------------------------------
    def _move_highlight(self, index: int | None) -> bool:
        """Highlight ``index`` (kept within the list); True if it moved."""
        if index is not None:
            index = max(0, min(index, len(self._entries) - 1)) if self._entries else None
        if index == self._highlighted:
            return False
        before = self._line_keys()
        self._highlighted = index
        self._repaint_changed(before)
        self._scroll_to_highlight()
        return index is not None

    def _next_enabled(self, direction: int) -> int | None:
        """The next enabled option, going round the ends (as ``OptionList``)."""
        count = len(self._entries)
        if not count:
            return None
        start = self._highlighted
        if start is None:
            order = range(count) if direction > 0 else range(count - 1, -1, -1)
        else:
            order = [(start + direction * step) % count for step in range(1, count + 1)]
        return next((i for i in order if not self._entries[i].option.disabled), start)

    def action_cursor_down(self) -> None:
        """Highlight the next enabled option."""
        self.highlighted = self._next_enabled(1)

    def action_cursor_up(self) -> None:
        """Highlight the previous enabled option."""
        self.highlighted = self._next_enabled(-1)

    def action_first(self) -> None:
        """Highlight the first enabled option."""
        self.highlighted = next((i for i, e in enumerate(self._entries)
                                 if not e.option.disabled), None)

    def action_last(self) -> None:
        """Highlight the last enabled option."""
        self.highlighted = next((i for i in range(len(self._entries) - 1, -1, -1)
                                 if not self._entries[i].option.disabled), None)

    def _scroll_to_highlight(self) -> None:
        index = self._highlighted
        if index is None or not self.is_mounted or index >= len(self._first):
            return
        self.scroll_to_region(Region(0, self._first[index], self._width,
                                     sum(self._entries[index].heights)),
                              force=True, animate=False, immediate=True)

    def on_show(self) -> None:
        """Shown again: the highlighted option is brought into view."""
        self._scroll_to_highlight()

    # -- the mouse ----------------------------------------------------------------------------
    def _index_at(self, meta: dict[str, object]) -> int | None:
        option_id = meta.get("option_id")
        return next((i for i, e in enumerate(self._entries) if e.option.id == option_id), None)

    async def _on_click(self, event: events.Click) -> None:
        index = self._index_at(event.style.meta)
        if index is not None and not self._entries[index].option.disabled:
            self.highlighted = index
            self.post_message(self.Selected(self, self._entries[index].option.id))

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._index_at(event.style.meta))

    def _on_leave(self, _: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            before = self._line_keys()
            self._hover = index
            self._repaint_changed(before)

    # -- painting -----------------------------------------------------------------------------
    def _kind(self, index: int) -> str:
        if self._entries[index].option.disabled:
            return KINDS[1]
        if index == self._highlighted:
            return KINDS[2]
        return KINDS[3] if index == self._hover else ""

    def _line_keys(self) -> list[tuple[object, ...]]:
        """What each line shows: its option, paragraph, the line within it and how it is
        drawn."""
        entries = self._entries
        return [(entries[index].option.id, shape(entries[index].paragraphs[paragraph]), line,
                 self._kind(index)) for index, paragraph, line in self._lines
                if index < len(entries)]

    def _padding(self) -> Spacing:
        return self.get_component_styles("option-list--option").padding

    def _whole(self) -> bool:
        """Options with padding above or below are painted whole, not line by line."""
        padding = self._padding()
        return bool(padding.top or padding.bottom)

    def _lay_out(self, before: list[tuple[object, ...]] | None = None) -> None:
        """Work out every entry's lines at the width there is; repaint what changed."""
        width, same = self.layout_width()
        if not width:
            return
        if not same:
            before = None
        inner = width - self._padding().width
        lines: list[tuple[int, int, int]] = []
        first = []
        for index, entry in enumerate(self._entries):
            entry.heights = [self.paragraph_height(paragraph, inner)
                             for paragraph in entry.paragraphs]
            first.append(len(lines))
            lines += [(index, number, line) for number, height in enumerate(entry.heights)
                      for line in range(height)]
        self._lines, self._first = lines, first
        self.set_virtual_size(Size(width, len(lines)))
        if before is None:
            self.refresh()
        else:
            self._repaint_changed(before)

    def _repaint_changed(self, before: list[tuple[object, ...]]) -> None:
        self.repaint_changed(before, self._line_keys())

    def _strips(self, index: int, paragraph: int, kind: str) -> list[Strip]:
        """A paragraph of option ``index`` painted as ``kind`` (kept while it is shown
        unchanged)."""
        entry = self._entries[index]
        style = self.get_visual_style("option-list--option", kind) if kind else \
            self.get_visual_style("option-list--option")
        option_id = entry.option.id
        return self.paint((option_id,), entry.paragraphs[paragraph], self._width, style,
                          padding=self._padding(), meta={"option_id": option_id})

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As tall as its options at ``width``."""
        inner = width - self._padding().width
        return sum(self.paragraph_height(paragraph, inner) for entry in self._entries
                   for paragraph in entry.paragraphs)

    def on_resize(self) -> None:
        """Lay the options out again at the new width."""
        self._lay_out()
        self._scroll_to_highlight()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay out first if the width wasn't known when the options changed."""
        if self._width != self.scrollable_content_region.width:
            self._lay_out()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the visible part."""
        line = self.scroll_offset.y + y
        if line < len(self._lines):
            index, paragraph, offset = self._lines[line]
            strips = self._strips(index, paragraph, self._kind(index))
            if offset < len(strips):
                return strips[offset]
        return Strip.blank(self._width, self.get_visual_style("option-list--option").rich_style)
