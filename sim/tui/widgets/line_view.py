"""The base of the office's line-painted widgets (the queue, the conversation): paragraphs of
``Content`` painted once and kept, changed lines repainted alone, and a change of height that
lays the screen out only when it must.

A ``ScrollView``'s virtual size is a reactive that lays the whole screen out whenever it
changes. For a view whose own height doesn't follow its content, the only thing a new height
can change on screen is its scrollbar; while the scrollbar stays as it is (shown or not),
:meth:`LineView.set_virtual_size` updates it in place and the screen is not laid out.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size, Spacing
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual, visualize
from textual.widget import Widget

Shape = tuple[str, tuple[object, ...]]

#: Painted paragraphs (and their heights) kept: a screen's worth and some. Every painted line
#: also keeps the crops and styles Textual derived from it, so a larger cache mostly holds the
#: lines of conversations already closed (256 held about 1 MiB more over a day).
PAINTED = 64


def shape(content: Content) -> Shape:
    """What a Content shows: its text and its styles (``==`` on Content compares text only)."""
    return content.plain, tuple(content.spans)


class LineView(ScrollView):
    """A ``ScrollView`` that paints paragraphs of ``Content`` and keeps what it painted."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._painted: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(PAINTED)
        self._heights: LRUCache[tuple[Shape, int], int] = LRUCache(PAINTED)
        self._width = 0  # the width the lines were laid out at

    def layout_width(self) -> tuple[int, bool]:
        """The width to lay the lines out at (0: the view has none yet) and whether the last
        layout had it (if not, every line is new); the width is kept as the lines' width."""
        width = self.scrollable_content_region.width
        same = width == self._width
        if width:
            self._width = width
        return width, same

    def paragraph_height(self, paragraph: Content, width: int) -> int:
        """How many lines ``paragraph`` wraps to at ``width``."""
        key = (shape(paragraph), width)
        if (height := self._heights.get(key)) is None:
            height = visualize(self, paragraph).get_height(self.styles, width)
            self._heights[key] = height
        return height

    def paint(self, key: tuple[object, ...], paragraph: Content, width: int, style: Style, *,
              fill: bool = True, padding: Spacing | None = None,
              meta: dict[str, object] | None = None) -> list[Strip]:
        """``paragraph``'s lines at ``width`` in ``style``, kept under ``key`` with its shape,
        the style and the width. ``fill`` paints each line to the full width in ``style`` (a
        highlight); otherwise the rest of a line is the widget's background, as a ``Static``
        leaves it."""
        cache_key = (*key, shape(paragraph), style, width)
        if (strips := self._painted.get(cache_key)) is None:
            visual: Visual = visualize(self, paragraph)
            if padding:
                visual = Padding(visual, padding)
            strips = Visual.to_strips(self, visual, width, None, style)
            if fill:
                rich_style = style.rich_style
                strips = [strip.extend_cell_length(width, rich_style) for strip in strips]
            if meta is not None:
                strips = [strip.apply_meta(meta) for strip in strips]
            self._painted[cache_key] = strips
        return strips

    def set_virtual_size(self, size: Size) -> bool:
        """Set the scrollable size; True if it changed. The screen is laid out only if it must
        be: the view's height follows its content, or the scrollbar comes or goes. Otherwise
        the scrollbar is updated in place and nothing is repainted: the caller repaints the
        lines that changed."""
        if size == self.virtual_size:
            return False
        if self._keeps_its_scrollbar(size):
            self.set_reactive(Widget.virtual_size, size)
            # What Textual runs when a layout finds a new virtual size: the scrollbar's thumb
            # and the scroll offset, kept within the new size.
            self._scroll_update(size)
        else:
            self.virtual_size = size  # lays out (and repaints the view)
        return True

    def _keeps_its_scrollbar(self, size: Size) -> bool:
        """True when ``size`` changes neither the view's region nor its scrollbars."""
        styles = self.styles
        width, height = styles.width, styles.height
        if (not self.is_mounted or not self.container_size or styles.overflow_x != "hidden"
                or height is None or height.is_auto or (width is not None and width.is_auto)):
            return False
        overflow = styles.overflow_y
        shown = overflow == "scroll" or (
            overflow == "auto" and size.height > self.container_size.height)
        return shown == self.show_vertical_scrollbar

    def repaint_changed(self, before: list[tuple[object, ...]],
                        after: list[tuple[object, ...]]) -> None:
        """Repaint the lines (of the whole virtual height) whose keys differ."""
        changed = [y for y in range(max(len(before), len(after)))
                   if y >= len(before) or y >= len(after) or before[y] != after[y]]
        if changed:
            self.refresh_lines(changed[0], changed[-1] - changed[0] + 1)

    def notify_style_update(self) -> None:
        """Styles changed (a theme, the focus): paint again."""
        super().notify_style_update()
        self._painted.clear()
        self._heights.clear()
        self.refresh()
