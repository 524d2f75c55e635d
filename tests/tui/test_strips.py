"""Strips that make their caches on first use paint exactly as Textual's own."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from sim.tui import strips

CACHES = ("_divide_cache", "_crop_cache", "_style_cache", "_filter_cache",
          "_line_length_cache", "_crop_extend_cache", "_offsets_cache")


@pytest.fixture(autouse=True)
def installed() -> None:
    assert strips.install()


def made(strip: Strip, name: str) -> bool:
    """Whether ``strip``'s cache ``name`` exists yet (read past the descriptor)."""
    try:
        Strip.__dict__[name].slot.__get__(strip, Strip)
    except AttributeError:
        return False
    return True


def test_a_new_strip_has_no_caches_until_one_is_used() -> None:
    strip = Strip([Segment("hello "), Segment("world", Style(bold=True))])
    assert not any(made(strip, name) for name in CACHES)
    first = strip.crop(1, 8)
    assert made(strip, "_crop_cache")
    assert [name for name in CACHES if made(strip, name)] == ["_crop_cache"]
    assert strip.crop(1, 8) is first  # the cache works as Textual's does


@pytest.mark.parametrize("start,end", [(0, 11), (1, 8), (3, 3), (6, 20)])
def test_derived_strips_are_what_textual_makes(start: int, end: int) -> None:
    segments = [Segment("hello "), Segment("world", Style(bold=True))]
    strip = Strip(segments)
    assert strip.crop(start, end).text == "hello world"[start:end]
    assert strip.crop_extend(start, end, None).text == "hello world"[start:end].ljust(
        max(end - start, 0))
    assert strip.adjust_cell_length(14).cell_length == 14
    assert strip.apply_style(Style(italic=True)).text == "hello world"
    assert [part.text for part in strip.divide([6, 11])] == ["hello ", "world"]
    assert strip.apply_offsets(2, 3).text == "hello world"


def test_a_strip_textual_changed_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strips, "PLAIN_SLOTS", strips.PLAIN_SLOTS[:-1])
    assert strips.cache_sizes() is None


def test_installing_twice_changes_nothing() -> None:
    before = {name: Strip.__dict__[name] for name in CACHES}
    assert strips.install()
    assert {name: Strip.__dict__[name] for name in CACHES} == before
