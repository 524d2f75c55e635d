"""A footer of the keys that work now, drawn as one line that is repainted in place.

Textual's ``Footer`` recomposes itself (a new ``FooterKey`` widget per key, their styles and a
layout pass) every time the screen's bindings change, which on the office screen is most
keypresses. ``KeyFooter`` reads the same thing the stock
footer reads (``Screen.active_bindings``: the focus chain's bindings, filtered by each node's
``check_action``; a ``None`` answer shows the key dimmed) and shows the same keys with the same
labels and styles, but it is one widget whose line is re-rendered only when the keys shown
change. Clicking a key presses it, as in the stock footer (a dimmed key rings the bell).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

PAINTED_MAX = 16  # lines kept (a few sets of keys, each maybe with a key hovered)


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it (a group's label has no key)."""

    key: str
    display: str
    description: str
    enabled: bool = True
    grouped: bool = False  # a key of a group (shown without its description)


def footer_entries(screen: Screen) -> tuple[tuple[FooterEntry, ...], FooterEntry | None]:
    """The keys Textual's ``Footer`` would show on ``screen``, in its order, and the command
    palette's key (shown on the right) if the app offers one."""
    app = screen.app
    active = screen.active_bindings
    by_action: dict[str, list[tuple[Binding, bool]]] = {}
    for _node, binding, enabled, _tooltip in active.values():
        if binding.show:
            by_action.setdefault(binding.action, []).append((binding, enabled))
    entries: list[FooterEntry] = []
    for group, runs in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
        multi = list(runs)
        if group is not None and len(multi) > 1:
            for bindings in multi:
                binding, enabled = bindings[0]
                entries.append(FooterEntry(binding.key, app.get_key_display(binding), "",
                                           enabled, grouped=True))
            entries.append(FooterEntry("", "", group.description, grouped=True))
        else:
            for bindings in multi:
                binding, enabled = bindings[0]
                entries.append(FooterEntry(binding.key, app.get_key_display(binding),
                                           binding.description, enabled))
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
        palette = FooterEntry(binding.key, app.get_key_display(binding), binding.description,
                              enabled)
    return tuple(entries), palette


class KeyFooter(Widget, can_focus=False):
    """The screen's working keys on one line at the bottom, updated in place."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--palette-edge",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--palette-edge {
            color: $foreground 20%;
        }
    }
    """

    compact = reactive(False, layout=False)
    """Less whitespace between keys (as ``Footer(compact=True)``)."""
    show_command_palette = reactive(True, layout=False)
    """Show the command palette's key on the right."""
    _hovered: reactive[str | None] = reactive(None, layout=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 compact: bool = False, show_command_palette: bool = True) -> None:
        """A footer; ``compact`` and ``show_command_palette`` as for Textual's ``Footer``."""
        super().__init__(id=id, classes=classes)
        self.set_reactive(KeyFooter.compact, compact)
        self.set_reactive(KeyFooter.show_command_palette, show_command_palette)
        self._entries: tuple[FooterEntry, ...] = ()
        self._palette: FooterEntry | None = None
        self._spans: list[tuple[int, int, FooterEntry]] = []
        # The painted line of each set of keys already drawn: the office toggles between a
        # few (with a caller, without), and drawing one costs a couple of milliseconds.
        self._painted: dict[tuple[object, ...], tuple[list[Strip], list[
            tuple[int, int, FooterEntry]]]] = {}

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        """Repaint only when the keys shown changed (no widgets, no layout)."""
        if not self.is_attached or screen is not self.screen:
            return
        shown = footer_entries(screen)
        if shown != (self._entries, self._palette):
            self._entries, self._palette = shown
            self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The line as last drawn for these keys, this width and this hover, or drawn now."""
        key = (self._entries, self._palette, self._hovered, self.compact,
               self.show_command_palette, self.size, crop, self.app.theme)
        painted = self._painted.get(key)
        if painted is None:
            if len(self._painted) >= PAINTED_MAX:
                self._painted.clear()
            painted = self._painted[key] = (super().render_lines(crop), [])
            painted[1].extend(self._spans)  # render() set them while drawing
        self._spans = painted[1]
        return painted[0]

    def notify_style_update(self) -> None:
        """Styles changed (a theme, a stylesheet): what was drawn is out of date."""
        self._painted.clear()
        super().notify_style_update()

    def _key_text(self, entry: FooterEntry, key_style: object, description_style: object,
                  compact: bool) -> Text:
        """One key as ``FooterKey`` draws it: the key in bold accent, its description after."""
        if not entry.key:  # a group's label
            text = Text(entry.description, style=description_style)  # type: ignore[arg-type]
            if not compact:
                text.append(" ")
            return text
        key_pad = "" if compact else " "
        text = Text()  # spans, not the Text's base style, which the description would inherit
        text.append(f"{key_pad}{entry.display}{key_pad}", style=key_style)  # type: ignore[arg-type]
        if entry.description:
            before, after = (" ", "") if compact else ("", " ")
            text.append(f"{before}{entry.description}{after}",
                        style=description_style)  # type: ignore[arg-type]
        if not entry.enabled:
            text.stylize("dim")
        if entry.key == self._hovered:
            text.stylize(self.get_component_rich_style("footer-key--hover"))
        return text

    def render(self) -> Text:
        """The line of keys, with the command palette's key at the right edge."""
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        line = Text(no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, FooterEntry]] = []
        previous: FooterEntry | None = None
        for entry in self._entries:
            gap = self._gap(previous, entry)
            line.append(gap)
            piece = self._key_text(entry, key_style, description_style, self.compact)
            if entry.key:
                spans.append((len(line), len(line) + len(piece), entry))
            line.append_text(piece)
            previous = entry
        width = self.size.width
        palette = self._palette if self.show_command_palette else None
        if palette is not None:
            right = Text()
            right.append("▏", style=self.get_component_rich_style("footer-key--palette-edge"))
            # Textual's footer draws its palette key compact either way, then one column
            right.append_text(self._key_text(palette, key_style, description_style, True))
            right.append(" ")
            start = max(0, width - len(right))
            line.truncate(start, pad=True)
            spans = [span for span in spans if span[0] < start]
            spans.append((start + 1, start + len(right), palette))
            line.append_text(right)
        self._spans = spans
        return line

    def _gap(self, previous: FooterEntry | None, entry: FooterEntry) -> str:
        """The margin ``Footer``'s stylesheet puts between two keys (compact: one column;
        otherwise the keys' own padding; a group's keys sit one apart)."""
        if previous is None:
            return ""
        return " " if self.compact or (previous.grouped and entry.grouped) else ""

    def _entry_at(self, x: int) -> FooterEntry | None:
        """The key drawn at column ``x``."""
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Clicking a key presses it; a dimmed key rings the bell."""
        entry = self._entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer."""
        entry = self._entry_at(event.x)
        self._hovered = entry.key if entry else None

    def on_leave(self, _event: events.Leave) -> None:
        """No key is under the pointer."""
        self._hovered = None

    def watch_compact(self) -> None:
        """Spacing changed: redraw."""
        self.refresh()


