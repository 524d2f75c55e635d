"""What never changes in a day of one scenario and seed, worked out once and kept for the
next plays of it (replaying many records of one day, verifying a cohort, searching).

Texts that read only names and roles, rendered per subject (a walk-in's name comes from the
seed); staff strengths per (staff, event); a colleague's odds in words per (staff, event,
skill, morale); and the best lines of unfinished items that no condition or changing text
touches (``sim.engine.missed``). None of these reads anything a day changes, so every day of
the scenario and seed, and every copy of one, shares them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.engine.model import Scenario

DAYS_KEPT = 16  # per scenario: the caches of the last seeds played


@dataclass
class DayCache:
    """The shared caches of one scenario and seed."""

    fixed_renders: dict[tuple[str, str | None], str] = field(default_factory=dict)
    strengths: dict[tuple[str, str], float] = field(default_factory=dict)
    odds_texts: dict[tuple[str, str, float, float], str] = field(default_factory=dict)
    #: (encounter, first node, subject, with texts) -> the missed nodes and best choices
    missed_lines: dict[tuple[str, str, str | None, bool], Any] = field(default_factory=dict)


def day_cache(scenario: Scenario, seed: int) -> DayCache:
    """The caches of ``scenario`` played with ``seed``, kept on the (immutable) scenario."""
    caches: dict[int, DayCache] = scenario.__dict__.setdefault("_day_caches", {})
    found = caches.get(seed)
    if found is None:
        if len(caches) >= DAYS_KEPT:
            del caches[next(iter(caches))]
        found = caches[seed] = DayCache()
    return found
