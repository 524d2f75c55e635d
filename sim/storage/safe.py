"""Showing untrusted text (player and cohort names) safely in a terminal or a CSV file."""

from __future__ import annotations

import unicodedata

_BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)),
         *map(chr, range(0x2066, 0x206A))}


def printable(text: str, limit: int | None = 60) -> str:
    """``text`` with control characters and bidi overrides shown as ``\\x..``/``\\u....``
    escapes (so no escape sequence reaches the terminal), cut to ``limit`` characters with an
    ellipsis. Markup like ``[bold]`` is left as literal text: print it, never render it."""
    out = []
    for char in text:
        if char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    shown = "".join(out)
    if limit is not None and len(shown) > limit:
        shown = shown[: max(limit - 1, 0)] + "…"
    return shown


def printable_text(text: str) -> str:
    """Multi-line ``text`` made safe for a terminal: each line through :func:`printable`
    (uncut), so newlines and tabs stay while every other control character is escaped."""
    return "\n".join("\t".join(printable(part, None) for part in line.split("\t"))
                     for line in text.split("\n"))


def csv_cell(text: str) -> str:
    """A cell that spreadsheets won't run as a formula (a leading ``= + - @`` gets a quote)."""
    text = printable(text, None)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
