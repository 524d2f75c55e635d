"""Clock times: ``"9:30"`` and ``"09:30"`` both mean 570 minutes since midnight."""

from __future__ import annotations

import re
from functools import lru_cache

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$", re.ASCII)


def parse_clock(text: str) -> int:
    """Minutes since midnight for ``H:MM`` or ``HH:MM``; ``ValueError`` otherwise."""
    match = _CLOCK.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"'{text}' is not a clock time like 09:30")
    return int(match.group(1)) * 60 + int(match.group(2))


def is_clock(text: str) -> bool:
    """True when ``text`` is a clock time."""
    return bool(_CLOCK.match(text.strip()))


@lru_cache(maxsize=4096)
def format_clock(minutes: int) -> str:
    """``HH:MM`` for minutes since midnight (remembered: a result writes hundreds of them)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
