"""Snapshot tests of every main screen at 80x24 and 120x40 (turn-based, fixed seed).

Update after an intended change with ``pytest tests/tui --snapshot-update`` and look at the
SVGs under ``tests/tui/__snapshots__``.
"""

from __future__ import annotations

import pytest

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
PLAY_DAY = ("enter", "enter", "1", "d", "1", "w", "enter", "1", "w", "enter", "1", "enter")


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, build, named, size) -> None:
    assert snap_compare(build(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_picker(snap_compare, build, named, size) -> None:
    assert snap_compare(build(), press=["enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, build, named, front_desk, size) -> None:
    assert snap_compare(build(scenario=front_desk, turn_based=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_office_mid_day(snap_compare, build, named, front_desk, size) -> None:
    app = build(scenario=front_desk, turn_based=True, coaching=True)
    # welcome Ann, wait until Dr. Lee arrives (09:06), then her question is in focus with the
    # call waiting (the queue is in arrival order: the call first, then Dr. Lee)
    assert snap_compare(app, press=["enter", "enter", "1", "w", "down", "enter"],
                        terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_office_feedback(snap_compare, build, named, front_desk, size) -> None:
    app = build(scenario=front_desk, turn_based=True, coaching=True)
    # a weaker answer in coaching mode: the feedback and the better option show at once
    assert snap_compare(app, press=["enter", "enter", "2"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_delegate_dialog(snap_compare, build, named, front_desk, size) -> None:
    app = build(scenario=front_desk, turn_based=True)
    assert snap_compare(app, press=["enter", "enter", "1", "d"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_day_over(snap_compare, build, named, front_desk, size) -> None:
    app = build(scenario=front_desk, turn_based=True, coaching=True)
    assert snap_compare(app, press=list(PLAY_DAY[:-1]), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_debrief(snap_compare, build, named, front_desk, frozen, size) -> None:
    app = build(scenario=front_desk, turn_based=True)
    assert snap_compare(app, press=list(PLAY_DAY), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_leaderboard(snap_compare, build, named, frozen, cohort_store, size) -> None:
    # fixed submission times, local time UTC; Robin's row highlighted, a hostile name cut
    async def open_board(pilot) -> None:
        pilot.app.show_leaderboard("WEEK01")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(build(), run_before=open_board, terminal_size=size)
