"""`juggle` says in words where a day falls short of the library's bar."""

from __future__ import annotations

import dataclasses

import pytest

from sim.authoring.juggling import JuggleReport, concerns

MEETS_THE_BAR = JuggleReport(scenario="day", best=90.0, poor=30.0, idle=10.0, fcfs=70.0,
                             random=40.0, best_waiting=0.2, peak_open_best=4, peak_open_fcfs=5,
                             consequences=4, guess_rate=0.3, guess_chance=0.3)


def test_a_day_that_meets_the_bar_has_no_concerns():
    assert concerns(MEETS_THE_BAR) == []


@pytest.mark.parametrize(("change", "words"), [
    ({"fcfs": 80.0}, "within 12 of the best play (90.0)"),
    ({"best": None}, "no day.best.actions beside the scenario"),
    ({"idle": 15.1}, "a player who does nothing scores 15.1"),
    ({"best_waiting": 0.4}, "the best play waits 40% of the day"),
    ({"peak_open_best": 2}, "at most 2 item(s) are open at once"),
    ({"consequences": 2}, "2 cross-encounter consequence(s)"),
    ({"guess_rate": 0.45}, "picks the best choice 45% of the time"),
])
def test_each_shortfall_is_named_once(change, words):
    found = concerns(dataclasses.replace(MEETS_THE_BAR, **change))
    assert len(found) == 1 and words in found[0]
