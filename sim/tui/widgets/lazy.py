"""Updating a widget only when what it shows has changed.

A ``Static.update`` always repaints, and by default also lays the whole screen out again,
which is most of what a keypress costs in the office. Most keys change one or two panels:
these helpers leave the others alone, and skip the layout when the size can't have changed.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def _shape(content: Content) -> tuple[str, tuple[object, ...]]:
    """What a Content shows: its text and its styles (``==`` on Content compares text only)."""
    return content.plain, tuple(content.spans)


def _same_size(widget: Static, content: Content) -> bool:
    """True when ``content`` takes exactly the room the widget has now, so a layout would
    change nothing: its width doesn't follow its content and the text wraps to the height it
    was given (an ``auto`` height; any other height doesn't follow the content either)."""
    styles = widget.styles
    width, height = styles.width, styles.height
    if not widget.display or not widget.size or (width is not None and width.is_auto):
        return False
    if height is not None and not height.is_auto:
        return True
    size = widget.content_size
    return content.get_height(styles, size.width) == size.height


def update_static(widget: Static, content: Content, *, fixed_lines: bool = False) -> bool:
    """Show ``content`` in ``widget`` unless it already shows exactly that; True if updated.

    The layout is skipped when the new content takes the same room: ``fixed_lines`` (the
    widget's lines never wrap: a status line, the team panel) says the same number of lines
    is the same size; otherwise the content is wrapped at the widget's width to compare.
    """
    shape = _shape(content)
    before = getattr(widget, "_lazy_shape", None)
    if shape == before:
        return False
    if fixed_lines:
        same_size = before is not None and before[0].count("\n") == shape[0].count("\n")
    else:
        same_size = before is not None and _same_size(widget, content)
    widget._lazy_shape = shape  # type: ignore[attr-defined]
    widget.update(content, layout=not same_size)
    return True
