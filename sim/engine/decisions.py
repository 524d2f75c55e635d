"""Scoring one decision: points earned and possible per skill, and the best option."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sim.engine.model import Choice, Scenario

Weighed = tuple[dict[str, float], dict[str, float], "Option"]


class Option(NamedTuple):
    """One option of a decision: a choice, or delegating versus handling an item oneself."""

    id: str
    text: str
    feedback: str
    skills: dict[str, float]


def weigh(options: list[Option], chosen: Option,
          weights: dict[str, float]) -> tuple[dict[str, float], dict[str, float], Option]:
    """Earned and possible points per skill, and the best option, for one decision.

    For every skill named by any option (missing = 0): best = max, worst = min; where
    best > worst, earned = chosen - worst and possible = best - worst. The best option is
    the one with the highest rubric-weighted points (then raw points, then file order);
    the chosen option counts as best when nothing beats it.
    """
    earned: dict[str, float] = {}
    possible: dict[str, float] = {}
    for skill in sorted({s for option in options for s in option.skills}):
        values = [option.skills.get(skill, 0) for option in options]
        high, low = max(values), min(values)
        if high > low:
            earned[skill] = chosen.skills.get(skill, 0) - low
            possible[skill] = high - low

    def value(option: Option) -> tuple[float, float]:
        weighted = sum(points * weights.get(skill, 0) for skill, points in option.skills.items())
        return (weighted, sum(option.skills.values()))

    best = max(options, key=value)
    if value(best) <= value(chosen):
        best = chosen
    return earned, possible, best


def weigh_choices(scenario: Scenario, encounter: str, node: str, available: Sequence[Choice],
                  chosen: str, every: bool = False) -> tuple[list[Option], Option, Weighed]:
    """The options of a choice point, the chosen one, and :func:`weigh` of them, weighed once
    per scenario: a choice's points depend only on which choices were available (all of the
    node's when ``every``). All three are shared, so callers copy the dicts they keep and
    never change the list."""
    cache: dict[tuple, tuple[list[Option], Option, Weighed]] = scenario.__dict__.setdefault(
        "_weighed_choices", {})
    key = (encounter, node, None if every else tuple([c.id for c in available]), chosen)
    found = cache.get(key)
    if found is None:
        options = [Option(c.id, c.text, c.feedback, c.skills) for c in available]
        chosen_option = next(o for o in options if o.id == chosen)
        found = cache[key] = (options, chosen_option,
                              weigh(options, chosen_option, scenario.rubric.skills))
    return found
