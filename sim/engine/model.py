"""A loaded scenario as plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.engine.expr import Condition

END = "end"


@dataclass(frozen=True)
class Outcome:
    """Effects (path -> delta) and an optional log line."""

    effects: dict[str, float] = field(default_factory=dict)
    set: dict[str, Any] = field(default_factory=dict)
    log: str = ""


@dataclass(frozen=True)
class Choice:
    """One option at a node."""

    id: str
    text: str
    next: str
    minutes: int = 0
    when: Condition | None = None
    skills: dict[str, float] = field(default_factory=dict)
    effects: dict[str, float] = field(default_factory=dict)
    set: dict[str, Any] = field(default_factory=dict)
    feedback: str = ""
    trigger: tuple[str, ...] = ()


@dataclass(frozen=True)
class Node:
    """A beat of conversation; without choices it is a closing line."""

    id: str
    speaker: str
    text: str
    choices: tuple[Choice, ...] = ()

    @property
    def closing(self) -> bool:
        """True when the node ends the encounter after it is shown."""
        return not self.choices


@dataclass(frozen=True)
class Encounter:
    """A conversation graph: nodes by id and the node it starts at."""

    id: str
    title: str
    start: str
    nodes: dict[str, Node]


@dataclass(frozen=True)
class Delegation:
    """Who may take an item, for how long, and what success and failure do."""

    to: tuple[str, ...]
    minutes: int
    skills: dict[str, float] = field(default_factory=dict)
    feedback: str = ""
    success: Outcome = field(default_factory=Outcome)
    failure: Outcome = field(default_factory=Outcome)


@dataclass(frozen=True)
class Event:
    """A scripted, random-stream or triggered arrival in the queue."""

    id: str
    kind: str
    title: str
    encounter: str
    who: str | None = None
    at: int | None = None
    every: tuple[int, int] | None = None
    start: int | None = None
    until: int | None = None
    archetype: str | None = None
    after: int = 0
    patience: int | None = None
    when: Condition | None = None
    delegate: Delegation | None = None
    on_expire: Outcome = field(default_factory=Outcome)

    @property
    def is_stream(self) -> bool:
        """True for a random stream of walk-ins."""
        return self.every is not None

    @property
    def is_triggered(self) -> bool:
        """True for an event that only a choice's trigger schedules."""
        return self.at is None and self.every is None


@dataclass(frozen=True)
class Person:
    """A patient, staff member or physician as declared (meters are the starting values)."""

    id: str
    name: str
    role: str = ""
    meters: dict[str, float] = field(default_factory=dict)
    patience: int | None = None
    traits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Archetype:
    """A template for random walk-ins."""

    id: str
    names: tuple[str, ...]
    mood: tuple[int, int]
    patience: tuple[int, int]
    encounter: str | None = None
    traits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grade:
    """A grade band: scores at or above ``min`` get ``grade``."""

    min: float
    grade: str


@dataclass(frozen=True)
class Rubric:
    """Weights of skills and outcomes, the pass mark and grade bands (highest first)."""

    skills: dict[str, float]
    outcomes: dict[str, float]
    pass_mark: float
    grades: tuple[Grade, ...]


DEFAULT_GRADES = (Grade(90, "A"), Grade(80, "B"), Grade(70, "C"), Grade(60, "D"), Grade(0, "F"))


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, ready to simulate."""

    id: str
    title: str
    version: int
    author: str
    summary: str
    difficulty: int
    objectives: tuple[str, ...]
    start: int
    end: int
    seed: int
    pace_seconds: float
    mood_decay: float
    practice_name: str
    reputation: int
    compliance: int
    staff: dict[str, Person]
    physicians: dict[str, Person]
    patients: dict[str, Person]
    archetypes: dict[str, Archetype]
    flags: dict[str, Any]
    events: tuple[Event, ...]
    encounters: dict[str, Encounter]
    rubric: Rubric
    skills: dict[str, str]
    sha256: str
    path: str = ""
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def event(self, event_id: str) -> Event:
        """The event with this id."""
        return self._events_by_id[event_id]

    @property
    def _events_by_id(self) -> dict[str, Event]:
        cache = self.__dict__.get("_event_index")
        if cache is None:
            cache = {event.id: event for event in self.events}
            object.__setattr__(self, "_event_index", cache)
        return cache

    def skills_trained(self) -> list[str]:
        """Skill ids that some choice or delegation awards non-zero points, in a stable order."""
        seen: dict[str, None] = {}
        for encounter in self.encounters.values():
            for node in encounter.nodes.values():
                for choice in node.choices:
                    for skill, points in choice.skills.items():
                        if points:
                            seen[skill] = None
        for event in self.events:
            if event.delegate:
                for skill, points in event.delegate.skills.items():
                    if points:
                        seen[skill] = None
        return list(seen)
