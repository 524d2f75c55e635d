"""Real-time pacing: game minutes derived from a monotonic clock, handed to the engine as waits.

The engine stays the only source of truth: this only says how many whole game minutes the
player has let pass. Time is computed from the clock's readings, never by counting timer ticks,
so a slow or late timer can't make the day drift.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

SPEEDS = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)


class Pacer:
    """Converts real seconds into game minutes at ``pace_seconds`` a minute times ``speed``.

    Game time is ``banked`` minutes (from earlier stretches at other speeds) plus the running
    stretch measured from its start, so rounding never accumulates.
    """

    EPSILON = 1e-6  # forgive floating-point dust at minute boundaries

    def __init__(self, pace_seconds: float, clock: Callable[[], float] = time.monotonic,
                 speed: float = 1.0):
        self.pace_seconds = max(pace_seconds, 0.01)
        self.clock = clock
        self.speed = speed
        self._banked = 0.0
        self._stretch_start: float | None = None  # None while paused
        self._handed = 0

    @property
    def paused(self) -> bool:
        """True while the clock is stopped."""
        return self._stretch_start is None

    def elapsed(self) -> float:
        """Game minutes elapsed in total (fractional)."""
        if self._stretch_start is None:
            return self._banked
        return self._banked + (self.clock() - self._stretch_start) * self.speed \
            / self.pace_seconds

    def _bank(self) -> None:
        self._banked = self.elapsed()
        if self._stretch_start is not None:
            self._stretch_start = self.clock()

    def resume(self) -> None:
        """Let the clock run."""
        if self._stretch_start is None:
            self._stretch_start = self.clock()

    def pause(self) -> None:
        """Stop the clock (what has elapsed so far is kept)."""
        self._banked = self.elapsed()
        self._stretch_start = None

    def set_speed(self, speed: float) -> None:
        """Change the speed from now on."""
        self._bank()
        self.speed = speed

    def faster(self) -> float:
        """The next speed up (capped); returns the new speed."""
        self.set_speed(next((s for s in SPEEDS if s > self.speed), SPEEDS[-1]))
        return self.speed

    def slower(self) -> float:
        """The next speed down (capped); returns the new speed."""
        self.set_speed(next((s for s in reversed(SPEEDS) if s < self.speed), SPEEDS[0]))
        return self.speed

    def due(self) -> int:
        """Whole game minutes elapsed but not yet handed to the engine; now handed."""
        total = math.floor(self.elapsed() + self.EPSILON)
        count, self._handed = total - self._handed, max(total, self._handed)
        return max(count, 0)


class FakeClock:
    """A clock for tests: time moves only when told."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds
