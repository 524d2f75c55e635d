"""The monkey test in CI: seeded random keys (bursts, resizes, clock jumps) on every screen.

Each seed plays several sessions from the title screen and from briefings of the bundled
orientation and monday-rush days and the fixture, real-time and turn-based; ``monkey.py``
checks the invariants after every step. The long run: ``python -m tests.tui.monkey``.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.tui import monkey

KEYS_PER_SEED = 500


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_random_keys_never_break_the_game(seed: int) -> None:
    findings = asyncio.run(monkey.run(KEYS_PER_SEED, seed, session_keys=250))
    assert findings.keys >= KEYS_PER_SEED
    assert not findings.kinds, "\n".join(findings.problems)


async def test_the_monkey_notices_a_screen_popped_from_under_the_office(
        build, named, front_desk) -> None:
    """The check can fail: an office popped without its confirmation is reported."""
    findings = monkey.Findings()
    checker = monkey.Monkey(0, findings, None)  # type: ignore[arg-type]
    app = build(scenario=front_desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        offices = {id(app.screen): app.screen}
        app.pop_screen()
        await pilot.pause()
        checker._check(app, offices, None, None)
    assert findings.kinds == {"office left without confirmation": 1}
