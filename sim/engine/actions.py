"""Player actions as text: ``attend ITEM``, ``choose CHOICE``, ``hold``, ``delegate ITEM STAFF``,
``wait MINUTES``; and action files (one a line, optional leading ``HH:MM``, ``#`` comments)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sim.engine.clock import is_clock, parse_clock

# verb -> names of its arguments
VERBS: dict[str, tuple[str, ...]] = {
    "attend": ("item",),
    "choose": ("choice",),
    "hold": (),
    "delegate": ("item", "staff"),
    "wait": ("minutes",),
}


#: The longest single wait an action may ask for (a day is at most 1,440 minutes).
MAX_WAIT = 99_999
_MINUTES = re.compile(r"[0-9]{1,5}")


def _minutes(word: str) -> bool:
    """True for ASCII digits from 1 to :data:`MAX_WAIT` (``str.isdigit`` also accepts ``²``)."""
    return bool(_MINUTES.fullmatch(word)) and 1 <= int(word) <= MAX_WAIT


@dataclass(frozen=True)
class Action:
    """One parsed action; ``at`` (minutes since midnight) means: first wait until then."""

    verb: str
    args: tuple[str, ...] = ()
    at: int | None = None
    line: int = 0

    def __str__(self) -> str:
        return " ".join((self.verb, *self.args))


class ActionSyntaxError(ValueError):
    """An action line that does not parse; ``line`` is 1-based (0 when not from a file)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def parse_action(text: str, line: int = 0) -> Action:
    """Parse one action line (without comments)."""
    words = text.split()
    at = None
    if words and is_clock(words[0]):
        at = parse_clock(words.pop(0))
    if not words:
        if at is not None:
            return Action("wait", ("0",), at, line)
        raise ActionSyntaxError("empty action", line)
    verb, args = words[0].lower(), tuple(words[1:])
    if verb not in VERBS:
        raise ActionSyntaxError(
            f"unknown action '{verb}' (actions: {', '.join(VERBS)})", line)
    expected = VERBS[verb]
    if len(args) != len(expected):
        usage = " ".join((verb, *(name.upper() for name in expected)))
        raise ActionSyntaxError(f"'{text.strip()}': expected `{usage}`", line)
    if verb == "wait" and not _minutes(args[0]):
        shown = args[0] if len(args[0]) <= 12 else f"{args[0][:8]}..."
        raise ActionSyntaxError(f"wait takes a whole number of minutes from 1 to "
                                f"{MAX_WAIT:,}, not '{shown}'", line)
    return Action(verb, args, at, line)


def parse_actions(text: str) -> list[Action]:
    """Parse an action file's text."""
    actions = []
    for number, raw in enumerate(text.splitlines(), start=1):
        content = raw.split("#", 1)[0].strip()
        if content:
            actions.append(parse_action(content, number))
    return actions
