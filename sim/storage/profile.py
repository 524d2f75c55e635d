"""A player's progress, read from their own result files (``SAVES/results/*.json``).

Nothing new is kept: every finished day already leaves a result file, so the profile is a
fold over them. Practice branches ("try the other answer") are listed but count towards no
best and no skill history: they are do-overs, not days.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.storage.saves import SaveError
from sim.storage.saves import saves_dir as default_saves_dir

HISTORY = 3  # the weakest skill is judged on the latest attempts that scored it


@dataclass(frozen=True)
class Attempt:
    """One finished day, as its result file claims it."""

    scenario_id: str
    scenario_title: str
    saved_at: str
    score: float
    passed: bool
    skills: dict[str, float]
    practice: bool = False


@dataclass
class Profile:
    """Every attempt of one player, oldest first, and what follows from them."""

    player: str
    attempts: list[Attempt] = field(default_factory=list)
    unreadable: int = 0

    @property
    def days(self) -> list[Attempt]:
        """The real days (no practice branches)."""
        return [a for a in self.attempts if not a.practice]

    def skill_history(self) -> dict[str, list[float]]:
        """Each skill's scores across the days that scored it, oldest first."""
        history: dict[str, list[float]] = {}
        for attempt in self.days:
            for skill, value in attempt.skills.items():
                history.setdefault(skill, []).append(value)
        return history

    def bests(self) -> dict[str, Attempt]:
        """The best day of each scenario."""
        best: dict[str, Attempt] = {}
        for attempt in self.days:
            held = best.get(attempt.scenario_id)
            if held is None or attempt.score > held.score:
                best[attempt.scenario_id] = attempt
        return best

    def weakest_skill(self) -> tuple[str, float] | None:
        """The skill with the lowest mean over its latest attempts (ties: by name)."""
        recent = {skill: sum(values[-HISTORY:]) / len(values[-HISTORY:])
                  for skill, values in self.skill_history().items()}
        if not recent:
            return None
        skill = min(recent, key=lambda s: (recent[s], s))
        return skill, recent[skill]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) and 0 <= value <= 100 else None


def attempt_of(document: dict[str, Any]) -> Attempt | None:
    """The attempt a result document claims (None if its claim is unreadable)."""
    claimed = document.get("claimed")
    scenario = document.get("scenario")
    if not isinstance(claimed, dict) or not isinstance(scenario, dict):
        return None
    total = _number(claimed.get("score"))
    if total is None or not isinstance(scenario.get("id"), str):
        return None
    skills = {}
    for part in claimed.get("skills") or []:
        if isinstance(part, dict) and isinstance(part.get("id"), str):
            value = _number(part.get("score"))
            if value is not None:
                skills[part["id"]] = value
    return Attempt(scenario["id"], str(scenario.get("title") or scenario["id"]),
                   str(document.get("saved_at") or ""), total, claimed.get("passed") is True,
                   skills, practice=bool(document.get("practice")))


def load_profile(player: str, saves: str | os.PathLike[str] | None = None) -> Profile:
    """``player``'s attempts from ``SAVES/results`` (other players' files are skipped;
    a broken file is counted, never fatal)."""
    from sim.storage.saveformat import read_document

    folder = (Path(saves) if saves is not None else default_saves_dir()) / "results"
    profile = Profile(player)
    paths: Iterable[Path] = sorted(p for p in folder.glob("*.json") if p.is_file()) \
        if folder.is_dir() else ()
    for path in paths:
        try:
            document = read_document(path)
        except (SaveError, OSError, ValueError):
            profile.unreadable += 1
            continue
        if document.get("player") != player or document.get("kind") != "result":
            continue
        attempt = attempt_of(document)
        if attempt is None:
            profile.unreadable += 1
        else:
            profile.attempts.append(attempt)
    profile.attempts.sort(key=lambda a: a.saved_at)
    return profile


def suggest(profile: Profile, scenarios: Iterable[Any]) -> tuple[Any, str] | None:
    """The scenario to play next for the weakest skill, and why in a line.

    Among the scenarios that weight that skill, the heaviest weight first; then one not yet
    passed; then the lowest personal best; then the easiest.
    """
    weakest = profile.weakest_skill()
    if weakest is None:
        return None
    skill, level = weakest
    bests = profile.bests()

    def key(scenario: Any) -> tuple:
        best = bests.get(scenario.id)
        return (-scenario.rubric.skills.get(skill, 0), best is not None and best.passed,
                best.score if best else -1, scenario.difficulty, scenario.id)

    candidates = [s for s in scenarios if s.rubric.skills.get(skill, 0) > 0
                  and skill in s.skills_trained()]
    if not candidates:
        return None
    choice = min(candidates, key=key)
    label = skill.replace("_", " ")
    return choice, (f"{label} is your weakest skill ({level:.0f} over your latest days); "
                    f"{choice.title} weights it x{choice.rubric.skills[skill]:g}.")
