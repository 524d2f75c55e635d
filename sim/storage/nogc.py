"""Pausing the cyclic garbage collector over a burst of allocations that leaves no cycles to
collect in the meantime.

Reading a result file makes thousands of dicts and lists in a few milliseconds, and a
verification's replay thousands more: each 700 of them start a collection that walks every
young object and finds nothing to free (a parsed JSON tree has no cycles; a day's objects
live until the verification ends). That is about 8% of verifying a result. Within
:func:`collection_paused` no collection starts; the first one after it frees whatever
cycles the work left, so memory stays bounded by one piece of work.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic collection within the block (unchanged if collection was already off:
    only the block that turned it off turns it back on)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
