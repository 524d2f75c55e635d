"""Escape typed fast: read as Escape and then the next key, never as a lost Alt modifier.

A terminal sends Escape as the ESC byte, which also starts Alt-key and escape sequences.
Textual's parser waits briefly for a sequence: when the next key comes before that wait is
over (a fast typist's Escape then Enter, or tmux's send-keys), it reads the pair as Alt+key
and, for keys like Enter, drops the Alt: the Escape vanished and the Enter went through (the
delegate dialog delegated when it was cancelled), and "Escape 3" became "£". The game binds
no Alt keys, so ESC followed by a single key is always the two keys, in order.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import partial

from textual import events
from textual._xterm_parser import XTermParser

ESC = "\x1b"
SEQUENCE_STARTS = "[O"  # CSI and SS3: real escape sequences (arrows, function keys)


class FastEscapeParser(XTermParser):
    """Textual's parser, reading ESC + key as Escape, then the key."""

    def _sequence_to_key_events(self, sequence: str, alt: bool = False
                                ) -> Iterable[events.Key]:
        if alt:
            yield events.Key("escape", ESC)
            yield from super()._sequence_to_key_events(sequence, False)
            return
        if len(sequence) == 2 and sequence[0] == ESC and sequence[1] not in SEQUENCE_STARTS:
            yield events.Key("escape", ESC)
            if sequence[1] == ESC:
                yield events.Key("escape", ESC)
                return
            yield from super()._sequence_to_key_events(sequence[1], False)
            return
        yield from super()._sequence_to_key_events(sequence, alt)


DRIVERS = ("textual.drivers.linux_driver", "textual.drivers.web_driver")

#: The character of each named key the game binds, as Textual's ``key_to_character`` gives
#: it (a test holds them equal). Textual asks it of every key of the screen and the app
#: whenever the focus moves, to see whether the focused widget would take the key as text,
#: and finds the character by the key's Unicode name: each look-up pages in 0.25 to 0.6 MiB
#: of Unicode's name table (0.9 MiB in all for the help key, ``?`` and F1).
NAMED_KEY_CHARACTERS: dict[str, str | None] = {
    "backspace": "\x08", "delete": "\x7f", "down": None, "end": None, "enter": None,
    "equals_sign": "=", "escape": "\x1b", "f1": None, "home": None, "left": None,
    "minus": None, "pagedown": None, "pageup": None, "plus": None, "question_mark": "?",
    "right": None, "space": " ", "tab": "\t", "up": None,
}


def key_to_character(key: str, textual_answer: Callable[[str], str | None]) -> str | None:
    """Textual's ``key_to_character``, answering the game's named keys without a look-up."""
    if key in NAMED_KEY_CHARACTERS:
        return NAMED_KEY_CHARACTERS[key]
    return textual_answer(key)


def install() -> None:
    """Make Textual's terminal drivers (local and browser) read keys with our parser, and its
    screens find the characters of the game's named keys without Unicode's name table.

    Each driver takes the parser from ``textual._xterm_parser`` when it is imported: a driver
    imported from now on takes ours, one already imported is patched. (Importing the browser's
    driver just to patch it would cost the terminal game's start-up for nothing.)
    """
    import textual._xterm_parser
    import textual.screen

    textual._xterm_parser.XTermParser = FastEscapeParser  # type: ignore[misc]
    if not isinstance(textual.screen.key_to_character, partial):
        textual.screen.key_to_character = partial(  # type: ignore[assignment]
            key_to_character, textual_answer=textual.screen.key_to_character)
    for name in DRIVERS:
        driver = sys.modules.get(name)
        if driver is not None:
            driver.XTermParser = FastEscapeParser  # type: ignore[attr-defined]
