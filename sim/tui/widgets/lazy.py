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


def update_static(widget: Static, content: Content, *, fixed_lines: bool = False) -> bool:
    """Show ``content`` in ``widget`` unless it already shows exactly that; True if updated.

    ``fixed_lines``: the widget's lines never wrap (a status line, the team panel), so the same
    number of lines means the same size and the layout is skipped.
    """
    shape = _shape(content)
    before = getattr(widget, "_lazy_shape", None)
    if shape == before:
        return False
    same_size = fixed_lines and before is not None and \
        before[0].count("\n") == shape[0].count("\n")
    widget._lazy_shape = shape  # type: ignore[attr-defined]
    widget.update(content, layout=not same_size)
    return True
