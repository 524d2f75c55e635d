"""Lines of the screen (Textual's ``Strip``) that make their caches when first used.

Every ``Strip`` Textual makes starts with seven empty caches of the strips derived from it
(cropped, styled, filtered, padded, offset, divided), about 900 of its 1,180 bytes. Over a
day in the office some 2,600 strips are alive at once, and fewer than one cache in ten is
ever used: 2.2 MiB of empty caches, the biggest single part of the game's peak memory.
Textual's own ``Content`` already makes its caches on first use; this gives ``Strip`` the
same: each cache is read through a descriptor that makes it the first time it is read, so
every method that uses one is unchanged, and so is everything painted.
"""

from __future__ import annotations

from typing import Any

from textual.cache import FIFOCache
from textual.strip import Strip

#: Strip's slots that are not caches, as ``Strip.__init__`` sets them (Textual 8).
PLAIN_SLOTS = ("_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count")


class CacheOnFirstUse:
    """A cache slot of ``Strip`` that holds nothing until it is first read."""

    __slots__ = ("size", "slot")

    def __init__(self, slot: Any, size: int) -> None:
        self.slot = slot  # the slot's own member descriptor
        self.size = size

    def __get__(self, strip: Strip | None, owner: type | None = None) -> Any:
        if strip is None:
            return self
        try:
            return self.slot.__get__(strip, owner)
        except AttributeError:  # never read yet
            cache: FIFOCache[Any, Any] = FIFOCache(self.size)
            self.slot.__set__(strip, cache)
            return cache

    def __set__(self, strip: Strip, value: Any) -> None:
        self.slot.__set__(strip, value)


def _init(self: Strip, segments: Any, cell_length: int | None = None) -> None:
    """``Strip.__init__`` without making the caches."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def cache_sizes() -> dict[str, int] | None:
    """Each cache slot of a ``Strip`` as Textual makes it, and its size; ``None`` when this
    Textual's ``Strip`` is not the one this module knows (its slots differ)."""
    probe = Strip([])
    sizes: dict[str, int] = {}
    for name in Strip.__slots__:
        value = getattr(probe, name)
        if isinstance(value, FIFOCache):
            sizes[name] = value._maxsize
        elif name not in PLAIN_SLOTS or value not in (None, []):
            return None
    if set(Strip.__slots__) != set(PLAIN_SLOTS) | set(sizes):
        return None
    return sizes


def install() -> bool:
    """Make ``Strip`` caches on first use; whether it is installed (a Textual whose ``Strip``
    differs from the known one is left as it is)."""
    if Strip.__init__ is _init:
        return True
    sizes = cache_sizes()
    if sizes is None:
        return False
    for name, size in sizes.items():
        setattr(Strip, name, CacheOnFirstUse(Strip.__dict__[name], size))
    Strip.__init__ = _init  # type: ignore[method-assign]
    return True
