"""The real-time pacer: game minutes from a monotonic clock, never from counting ticks."""

from __future__ import annotations

import subprocess
import sys

from sim.tui.pacing import SPEEDS, FakeClock, Pacer


def test_minutes_follow_the_clock_not_the_number_of_readings() -> None:
    clock = FakeClock()
    many, once = Pacer(2.0, clock), Pacer(2.0, clock)
    many.resume()
    once.resume()
    handed = 0
    for _ in range(1000):  # a minute every 2 s: 1000 readings 0.013 s apart = 13 s
        clock.advance(0.013)
        handed += many.due()
    assert handed == once.due() == 6


def test_pause_and_speed() -> None:
    clock = FakeClock()
    pacer = Pacer(1.0, clock)
    assert pacer.paused and pacer.due() == 0
    pacer.resume()
    clock.advance(2.5)
    assert pacer.due() == 2
    pacer.pause()
    clock.advance(100)
    assert pacer.due() == 0
    pacer.resume()
    assert pacer.faster() == 1.5
    clock.advance(1.0)  # half a minute left over from before, plus 1.5
    assert pacer.due() == 2
    for _ in range(10):
        pacer.faster()
    assert pacer.speed == SPEEDS[-1]
    for _ in range(10):
        pacer.slower()
    assert pacer.speed == SPEEDS[0]


def test_play_with_an_unknown_scenario_exits_without_starting_the_ui(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "sim", "play", "no-such-scenario"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 1
    assert "no scenario 'no-such-scenario'" in out.stderr and out.stdout == ""
