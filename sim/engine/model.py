"""A loaded scenario as plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
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
class Variant:
    """Another wording of a node, used while ``when`` holds (the first that holds wins)."""

    when: Condition
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Node:
    """A beat of conversation; without choices it is a closing line."""

    id: str
    speaker: str
    text: str
    choices: tuple[Choice, ...] = ()
    variants: tuple[Variant, ...] = ()

    @cached_property
    def conditional(self) -> bool:
        """True when some choice has a ``when`` (so what is available depends on the day)."""
        return any(c.when is not None for c in self.choices)

    @cached_property
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
class Candidate:
    """What delegating to one particular staff member scores, instead of the item's default."""

    skills: dict[str, float] | None = None
    feedback: str = ""
    success: Outcome | None = None  # None: the item's own success (and failure) block
    failure: Outcome | None = None


@dataclass(frozen=True)
class Delegation:
    """Who may take an item, for how long, and what success and failure do."""

    to: tuple[str, ...]
    minutes: int
    skills: dict[str, float] = field(default_factory=dict)
    feedback: str = ""
    success: Outcome = field(default_factory=Outcome)
    failure: Outcome = field(default_factory=Outcome)
    candidates: dict[str, Candidate] = field(default_factory=dict)

    def skills_for(self, staff_id: str) -> dict[str, float]:
        """The points for delegating to ``staff_id``."""
        candidate = self.candidates.get(staff_id)
        return dict(self.skills if candidate is None or candidate.skills is None
                    else candidate.skills)

    def feedback_for(self, staff_id: str) -> str:
        """The debrief's explanation of delegating to ``staff_id``."""
        candidate = self.candidates.get(staff_id)
        return candidate.feedback if candidate is not None and candidate.feedback else \
            self.feedback

    def success_for(self, staff_id: str) -> Outcome:
        """What happens when ``staff_id`` manages the item."""
        candidate = self.candidates.get(staff_id)
        return candidate.success if candidate is not None and candidate.success else self.success

    def failure_for(self, staff_id: str) -> Outcome:
        """What happens when ``staff_id`` doesn't manage it."""
        candidate = self.candidates.get(staff_id)
        return candidate.failure if candidate is not None and candidate.failure else self.failure

    def outcomes(self) -> tuple[Outcome, ...]:
        """Every success and failure block: the item's and each candidate's own."""
        own = [o for c in self.candidates.values() for o in (c.success, c.failure) if o]
        return (self.success, self.failure, *own)

    @cached_property
    def scored(self) -> bool:
        """True when delegating (to anyone) is a scored decision."""
        return any(any(self.skills_for(s).values()) for s in self.to)


@dataclass(frozen=True)
class Reply:
    """One answer to an interruption: take it now, or let it wait."""

    text: str
    skills: dict[str, float] = field(default_factory=dict)
    effects: dict[str, float] = field(default_factory=dict)
    set: dict[str, Any] = field(default_factory=dict)
    log: str = ""
    feedback: str = ""
    patience: int | None = None  # letting it wait: the minutes it will now wait


@dataclass(frozen=True)
class Interruption:
    """An item that interrupts the conversation in progress when it arrives."""

    take: Reply = field(default_factory=lambda: Reply("Take it now"))
    wait: Reply = field(default_factory=lambda: Reply("Let it wait"))

    @property
    def scored(self) -> bool:
        """True when taking or letting it wait scores differently."""
        return self.take.skills != self.wait.skills


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
    tags: tuple[str, ...] = ()
    interrupt: Interruption | None = None
    variants: tuple[tuple[str, float], ...] = ()  # walk-ins: (encounter, weight) to draw from

    @property
    def encounters(self) -> tuple[str, ...]:
        """Every encounter this event can play."""
        return tuple(enc for enc, _ in self.variants) or (self.encounter,)

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
    strengths: dict[str, float] = field(default_factory=dict)  # staff: kind or tag -> skill


@dataclass(frozen=True)
class Archetype:
    """A template for random walk-ins."""

    id: str
    names: tuple[str, ...]
    mood: tuple[int, int]
    patience: tuple[int, int]
    encounter: str | None = None
    traits: tuple[str, ...] = ()
    encounters: tuple[tuple[str, float], ...] = ()  # (encounter, weight): one drawn per walk-in


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
    morale_decay: float = 0.0
    trust_decay: float = 0.0
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
            blocks = []
            if event.delegate:
                blocks += [event.delegate.skills_for(s) for s in event.delegate.to]
            if event.interrupt:
                blocks += [event.interrupt.take.skills, event.interrupt.wait.skills]
            for block in blocks:
                for skill, points in block.items():
                    if points:
                        seen[skill] = None
        return list(seen)
