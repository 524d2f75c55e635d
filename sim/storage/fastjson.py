"""JSON at C speed (orjson) with exactly the standard library's results.

A result file is ~100 KB of JSON, parsed for every verification and written to the cohort
store for every submission; orjson does each three to fifteen times faster than ``json``.
Where the two libraries differ, ``json``'s answer is the one kept:

- orjson reads an integer outside the 64-bit range as a float (``json``: an exact int), so a
  text with a run of ``EXACT_DIGITS`` or more digits anywhere is left to ``json``;
- orjson refuses what ``json`` accepts (``NaN``, ``Infinity``, ``1e400``, a lone surrogate
  escape, nesting deeper than 1,024) and reports errors in its own words: whatever orjson
  refuses is parsed again by ``json``, which accepts it or raises its own error;
- orjson writes NaN and infinities as ``null`` and refuses integers over 64 bits or lone
  surrogates: :func:`dumps_sorted` keeps its text only if it reads back equal to the value.

Floats, strings, duplicate keys (the last value wins, at the first key's place) and key order
come out the same (``tests/storage/test_fastjson.py`` checks each against ``json``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson

#: Digits in a row from which a number may not fit 64 bits (-9223372036854775809 has 19).
EXACT_DIGITS = 19
_LONG_RUN = b"0" * EXACT_DIGITS
#: Every ASCII digit as b"0", everything else as a space: runs of digits, found at C speed.
DIGITS_AS_ZERO = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))


def loads(raw: bytes, text: str | None = None, *,
          parse_constant: Callable[[str], Any] | None = None,
          digits: bytes | None = None) -> Any:
    """``json.loads(text, parse_constant=parse_constant)`` of the UTF-8 bytes ``raw``: the
    same value, or the same exception. ``text`` is ``raw`` decoded, if the caller has it;
    ``digits`` is ``raw.translate(DIGITS_AS_ZERO)``, if the caller has it."""
    return parse(raw, text, parse_constant=parse_constant, digits=digits)[0]


def parse(raw: bytes, text: str | None = None, *,
          parse_constant: Callable[[str], Any] | None = None,
          digits: bytes | None = None) -> tuple[Any, bool]:
    """:func:`loads`, and whether orjson parsed it: such a value holds nothing orjson
    writes differently (no NaN, infinity, integer past 64 bits or lone surrogate), so
    :func:`dumps_sorted` may skip its check for as long as it is unchanged."""
    if digits is None:
        digits = raw.translate(DIGITS_AS_ZERO)
    if _LONG_RUN not in digits:
        try:
            return orjson.loads(raw), True
        except orjson.JSONDecodeError:
            pass  # json decides: it may accept it (NaN, 1e400) or says why not
    if text is None:
        text = raw.decode("utf-8")
    return json.loads(text, parse_constant=parse_constant), False


def loads_text(text: str) -> Any:
    """``json.loads(text)`` (a stored row), orjson's speed where it gives the same value."""
    return loads(text.encode("utf-8", "surrogatepass"), text)


def dumps_sorted(value: Any, faithful: bool = False) -> str:
    """Text that ``json.loads`` reads back as the value ``json.dumps(value,
    ensure_ascii=False, sort_keys=True)`` gives (the keys sorted alike), written by orjson
    unless only ``json`` writes it faithfully. Not byte-identical to ``json``'s text (no
    spaces after separators): nothing hashes or compares it, it is only read back.
    ``faithful``: the value came from :func:`parse` through orjson, unchanged (the text
    is not read back to check it)."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # a big integer, a lone surrogate, a key that isn't a str
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    # NaN and infinities became null, a dataclass an object: only a faithful text is kept
    # (== ignores key order, which orjson sorts as json does, by code point)
    if not faithful and orjson.loads(text) != value:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.decode("utf-8")


def written_alike(value: Any, other: Any) -> bool:
    """Whether orjson writes ``value`` and ``other`` as the same text (a dataclass as the
    object of its fields, in order). The same text is the same JSON value, key order and
    number types included (``1`` and ``1.0`` are written apart), unless one holds a NaN or an
    infinity where the other holds ``null``: orjson writes both as ``null``."""
    try:
        return orjson.dumps(value) == orjson.dumps(other)
    except orjson.JSONEncodeError:  # a big integer, a key that isn't a str: not alike here
        return False
