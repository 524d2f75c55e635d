"""Which dotted paths a scenario may read (conditions, texts) and write (effects, set)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any

# What each kind of person exposes: readable attributes, and the numeric ones effects may change.
READABLE = {
    "patient": ("name", "mood", "patience"),
    "staff": ("name", "role", "skill", "morale"),
    "physician": ("name", "specialty", "trust"),
    "practice": ("name", "reputation", "compliance"),
}
WRITABLE = {
    "patient": ("mood",),
    "staff": ("skill", "morale"),
    "physician": ("trust",),
    "practice": ("reputation", "compliance"),
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@lru_cache(maxsize=8192)
def template(text: str) -> tuple[tuple[str, str | None], ...]:
    """``text`` split once into (literal, path) parts, the last path ``None``: rendering
    joins each literal (``{{``/``}}`` unescaped) with its path's value."""
    escaped = text.replace("{{", "\0L").replace("}}", "\0R")
    parts: list[tuple[str, str | None]] = []
    start = 0
    for match in PLACEHOLDER.finditer(escaped):
        parts.append((_unescape(escaped[start:match.start()]), match.group(1)))
        start = match.end()
    parts.append((_unescape(escaped[start:]), None))
    return tuple(parts)


@lru_cache(maxsize=8192)
def split_path(path: str) -> tuple[str, ...]:
    """A dotted path's parts (split once per path)."""
    return tuple(path.split("."))


#: Attributes that never change during a day: a text reading only these renders the same all day.
FIXED_ATTRIBUTES = ("name", "role", "specialty")


@lru_cache(maxsize=8192)
def fixed_template(text: str) -> bool:
    """True when every placeholder of ``text`` reads a name, role or specialty (so, for one
    item, it renders the same all day)."""
    return all(split_path(path)[-1] in FIXED_ATTRIBUTES and not path.startswith("flags.")
               for _, path in template(text) if path is not None)


def _unescape(text: str) -> str:
    return text.replace("\0L", "{").replace("\0R", "}")


def placeholders(text: str) -> list[tuple[str, int]]:
    """The ``{path}`` placeholders in a text with their offsets (``{{``/``}}`` are literal)."""
    cleaned = text.replace("{{", "\0\0").replace("}}", "\0\0")
    return [(m.group(1), m.start(1)) for m in PLACEHOLDER.finditer(cleaned)]


def check_path(path: str, scenario: dict[str, Any], write: bool) -> str | None:
    """``None`` if ``path`` is valid for the scenario (raw data), else what is wrong."""
    parts = path.split(".")
    head = parts[0]
    table = WRITABLE if write else READABLE
    if head == "clock" and len(parts) == 1:
        return "clock can't be changed by an effect" if write else None
    if head == "flags":
        flags = scenario.get("flags") or {}
        if len(parts) != 2:
            return "write flags.<name>"
        if parts[1] not in flags:
            return f"flag '{parts[1]}' is not declared under flags:"
        value = flags[parts[1]]
        if write and (isinstance(value, bool) or not isinstance(value, int)):
            return f"flag '{parts[1]}' is not a number, so it can't take a delta (use set:)"
        return None
    if head in ("patient", "practice"):
        if len(parts) != 2 or parts[1] not in table[head]:
            return f"{head}.<{'|'.join(table[head])}> expected"
        return None
    if head in ("staff", "physician"):
        group = scenario.get("staff" if head == "staff" else "physicians") or {}
        if len(parts) != 3 or parts[2] not in table[head]:
            return f"{head}.<id>.<{'|'.join(table[head])}> expected"
        if parts[1] not in group:
            return f"no {head} member with id '{parts[1]}'"
        return None
    return ("paths start with patient., staff.<id>., physician.<id>., practice., flags."
            + ("" if write else " or are clock"))


HEADS = ("patient", "staff", "physician", "practice", "flags", "clock")
_BOOLEAN_WORDS = {"True": "true", "TRUE": "true", "yes": "true", "Yes": "true", "on": "true",
                  "False": "false", "FALSE": "false", "no": "false", "No": "false",
                  "off": "false"}


def boolean_word(word: str) -> str | None:
    """``true``/``false`` for a word an author may have meant as one (``True``, ``no``)."""
    return _BOOLEAN_WORDS.get(word)


def _close(word: str, options: Any) -> str | None:
    found = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return found[0] if found else None


def suggest_path(path: str, scenario: dict[str, Any], write: bool) -> str | None:
    """The valid path closest to a broken one (``staff.pria.morale`` -> ``staff.priya.morale``),
    or ``None`` when nothing is close."""
    parts = path.split(".")
    table = WRITABLE if write else READABLE
    head = parts[0] if parts[0] in HEADS else _close(parts[0], HEADS)
    if head is None:
        return None
    if head == "clock":
        return None if write else "clock"
    if head == "flags":
        flags = scenario.get("flags") or {}
        names = [n for n, v in flags.items()
                 if not write or (isinstance(v, int) and not isinstance(v, bool))]
        name = parts[1] if len(parts) > 1 else ""
        best = name if name in names else _close(name, names)
        return f"flags.{best}" if best else None
    if head in ("patient", "practice"):
        attribute = parts[-1] if len(parts) > 1 else ""
        best = attribute if attribute in table[head] else _close(attribute, table[head])
        return f"{head}.{best}" if best else None
    group = scenario.get("staff" if head == "staff" else "physicians") or {}
    if not isinstance(group, dict) or len(parts) < 2:
        return None
    person = parts[1] if parts[1] in group else _close(parts[1], group)
    attribute = parts[2] if len(parts) > 2 else ""
    best = attribute if attribute in table[head] else _close(attribute, table[head])
    if person is None or best is None:
        return None
    return f"{head}.{person}.{best}"
