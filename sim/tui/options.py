"""How a day is played (timing, mode, cohort, practice): plain data the screens pass along."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.engine import Scenario


@dataclass(frozen=True)
class Practice:
    """A practice branch ("try the other answer"): what it branched from.

    ``original`` is the original day's score, ``at`` and ``label`` the decision that was
    answered differently. A practice day is never submitted to a cohort.
    """

    original: float
    at: str
    label: str
    chosen: str
    instead: str

    def as_record(self) -> dict[str, Any]:
        """What the practice day's result file says about its origin."""
        return {"original_score": self.original, "at": self.at, "decision": self.label,
                "answered": self.chosen, "instead": self.instead}


@dataclass(frozen=True)
class PlayOptions:
    """How the next day is played. ``cohort`` (a ``sim.storage.cohorts.play.CohortDay``) is
    set on a cohort day: the cohort fixes the seed, mode and pace, and gets the result."""

    seed: int | None = None
    turn_based: bool = False
    coaching: bool = False
    cohort: Any = None
    practice: Practice | None = None

    @property
    def mode(self) -> str:
        """The mode as saves record it."""
        return "coaching" if self.coaching else "assessment"

    @property
    def timing(self) -> str:
        """The timing as saves record it."""
        return "turn-based" if self.turn_based else "real-time"

    def pace(self, scenario: Scenario) -> float:
        """Real seconds per game minute at 1x: the cohort's pace, else the scenario's."""
        if self.cohort is not None and self.cohort.cohort.pace > 0:
            return float(self.cohort.cohort.pace)
        return scenario.pace_seconds

    @classmethod
    def for_cohort(cls, day: Any) -> PlayOptions:
        """The options a cohort fixes (``day`` is a ``CohortDay``)."""
        return cls(seed=day.seed, turn_based=day.turn_based, coaching=day.coaching,
                   cohort=day)


