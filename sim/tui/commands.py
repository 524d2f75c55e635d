"""The one command-palette provider: it offers whatever the active screen can do.

A screen lists its commands with ``palette_commands()`` (plain :class:`PaletteCommand` data,
built from its key bindings plus anything live such as queue items); screens without that
method contribute the palette-enabled bindings of their class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from sim.tui.bindings import KeySpec, display_keys
from sim.tui.text import clean, literal


@dataclass(frozen=True)
class PaletteCommand:
    """A command: its label (may hold scenario text: shown literally), help and callback."""

    label: str
    help: str
    run: Callable[[], Any]


def from_specs(screen: Any, specs: tuple[KeySpec, ...]) -> list[PaletteCommand]:
    """Commands that run a screen's (or the app's) bound actions."""
    commands = []
    for spec in specs:
        if not spec.palette:
            continue

        def run(action: str = spec.action) -> Any:
            return screen.run_action(action)

        commands.append(PaletteCommand(spec.description, f"key: {display_keys(spec)}", run))
    return commands


def _highlight(label: str, offsets: tuple[int, ...], style: str) -> Content:
    content = literal(label)
    for offset in offsets:
        if offset < len(label) and not label[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class GameCommands(Provider):
    """Every action of the current screen, searchable."""

    def _commands(self) -> list[PaletteCommand]:
        getter = getattr(self.screen, "palette_commands", None)
        commands = list(getter()) if callable(getter) else []
        from sim.tui.bindings import APP  # the app-wide keys (help) everywhere

        commands += from_specs(self.app, APP)
        ask_name = getattr(self.app, "ask_name", None)
        if ask_name is not None:
            commands.append(PaletteCommand("Change display name",
                                           "the name on your saves and leaderboards",
                                           ask_name))
        seen: set[str] = set()  # one entry per label (a menu entry and its key say the same)
        return [c for c in commands if not (c.label in seen or seen.add(c.label))]

    async def discover(self) -> Hits:
        """All commands, when nothing is typed yet."""
        for command in self._commands():
            yield DiscoveryHit(literal(command.label), command.run, text=command.label,
                               help=escape(clean(command.help)))

    async def search(self, query: str) -> Hits:
        """Commands that fuzzily match ``query``."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.label)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(query, command.label)
                yield Hit(score, _highlight(command.label, offsets, "reverse"), command.run,
                          text=command.label, help=escape(clean(command.help)))


class SafePalette(CommandPalette):
    """Textual's command palette; PgUp/PgDn on a list not laid out yet do nothing (Textual
    raised KeyError there)."""

    def _action_command_list(self, action: str) -> None:
        if self.query_one(CommandList).option_count == 0:
            return
        try:
            super()._action_command_list(action)
        except KeyError:  # options, but no lines laid out yet
            return
