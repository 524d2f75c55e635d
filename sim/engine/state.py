"""The live state of a day: people, queue items, decisions and the log (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.engine.model import Choice, Event

#: The meter that stands for how a person feels about the practice, by their group: a
#: conversation's ``subject`` effect moves it, waiting wears it down, and the TUI shows it
#: next to the person.
SUBJECT_METER: dict[str, str] = {"patient": "mood", "staff": "morale", "physician": "trust"}


@dataclass(eq=False)
class PersonState:
    """A person's live values during the day."""

    id: str
    group: str  # patient | staff | physician
    name: str
    role: str
    meters: dict[str, float]
    patience: int | None = None
    traits: tuple[str, ...] = ()
    state: str = "available"  # staff lifecycle, driven by the staff machine
    busy_until: int | None = None
    strengths: dict[str, float] = field(default_factory=dict)  # kind or tag -> skill


def copy_person(person: PersonState) -> PersonState:
    """A copy of ``person`` with meters of its own (built, not cloned: an object whose
    ``__dict__`` was touched reads its attributes more slowly in CPython 3.11)."""
    return PersonState(person.id, person.group, person.name, person.role, dict(person.meters),
                       person.patience, person.traits, person.state, person.busy_until,
                       person.strengths)


@dataclass(eq=False)
class Item:
    """An open or closed item of the day's queue (a model of the item machine)."""

    id: str
    event: Event
    subject: str | None
    arrived: int
    patience: int
    state: str = "queued"
    run: EncounterRun | None = None
    delegated_to: str | None = None
    delegate_tried: bool = False
    delegation_decided: bool = False
    closed_at: int | None = None
    full_patience: int = 0  # patience at arrival, to show how much is left
    encounter: str = ""  # the conversation it plays (a walk-in's drawn variant)
    returned_from: str | None = None  # who gave it back after a failed delegation


@dataclass(eq=False)
class EncounterRun:
    """Where an item's conversation is (a model of its encounter's machine)."""

    node: str


@dataclass
class Decision:
    """One scored decision: what was available, what was chosen, and the best alternative."""

    clock: int
    item: str
    encounter: str
    node: str
    prompt: str
    chosen: str
    chosen_text: str
    feedback: str
    best: str
    best_text: str
    best_feedback: str
    earned: dict[str, float]
    possible: dict[str, float]
    # A delegation decision only: whom the item went to, how that ended, and a reason for the
    # debrief when the scenario gives none.
    delegated_to: str | None = None
    delegated_name: str = ""
    outcome: str = ""  # succeeded | failed | pending | "" (handled by the player)
    reason: str = ""
    # Settled because the item expired or the day closed before the player either delegated
    # or finished it: engine 3 and later score it as earning nothing.
    unattended: bool = False

    @property
    def was_best(self) -> bool:
        """True when the chosen option was (one of) the best available."""
        return self.chosen == self.best


@dataclass
class LogEntry:
    """One line of the day's log."""

    clock: int
    kind: str
    text: str
    item: str = ""


@dataclass
class Feedback:
    """What the last choice led to, for coaching: the choice, its feedback, a closing line."""

    item: str
    choice: Choice
    closing: tuple[str, str] | None = None


def clamp(value: float) -> float:
    """``value`` kept within a meter's 0-100: the int 0 or 100 at or past an end, exactly as
    ``max(0, min(100, value))`` gives them (so saved meters read the same)."""
    return 0 if value <= 0 else 100 if value >= 100 else value
