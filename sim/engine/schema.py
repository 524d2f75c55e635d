"""The shape of scenario format v1, declared once as data.

The same declaration checks files (:mod:`sim.engine.speccheck`: types, required and unknown
keys with a did-you-mean) and produces the JSON Schema that editors use
(:mod:`sim.engine.jsonschema`). Cross-references and meaning are checked later, in
:mod:`sim.engine.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Report = Callable[[tuple[Any, ...], str, str], None]

# Patterns written once, used by the validator (``fullmatch``/``search``) and the JSON Schema.
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$")
#: Text has something besides spaces, and no control characters (but newline and tab).
TEXT = re.compile(r"^(?=[\s\S]*\S)[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$")
#: What the JSON Schema can't say, in its description (``validate`` checks it all).
BEYOND_SCHEMA = (
    "Shape only: practice-sim validate also checks what JSON Schema can't express: that ids "
    "refer to something defined (nodes, encounters, events, staff, physicians, patients, "
    "archetypes, skills, flags), conditions and {placeholders}, times inside the day, flags "
    "keeping one kind of value, .nan and .inf (a schema can't refuse them: JSON has neither), "
    "and duplicate keys. Read as YAML 1.2 (1e0 is a number, 9:30 is text); merge keys "
    "(<<: *name) are merged before checking."
)
KINDS = ("patient", "phone", "email", "staff", "physician", "compliance")
BUILTIN_SKILLS = (
    "communication",
    "active_listening",
    "feedback",
    "conflict",
    "patient_experience",
    "digital",
    "compliance",
    "organization",
)
OUTCOMES = (
    "patient_satisfaction",
    "staff_morale",
    "physician_trust",
    "reputation",
    "compliance",
    "throughput",
)


@dataclass(frozen=True)
class Spec:
    """A value's expected shape. ``kind`` picks the check; the other fields refine it."""

    kind: str
    doc: str = ""
    low: float | None = None
    high: float | None = None
    item: Spec | None = None
    fields: dict[str, Spec] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()


def text(doc: str = "") -> Spec:
    """Text with something in it (not empty, not only spaces)."""
    return Spec("str", doc)


def slug(doc: str = "") -> Spec:
    """An id: lowercase letters, digits, ``_`` and ``-``."""
    return Spec("slug", doc)


#: Every number in a scenario is bounded; these are the bounds where a key names none.
NUMBER_LIMIT = 1_000_000
#: Skill points and effect deltas: a meter runs 0-100, so a bigger step means nothing.
POINTS = 100


def integer(doc: str = "", low: float = -NUMBER_LIMIT, high: float = NUMBER_LIMIT) -> Spec:
    """A whole number within ``low``-``high``."""
    return Spec("int", doc, low, high)


def number(doc: str = "", low: float = -NUMBER_LIMIT, high: float = NUMBER_LIMIT) -> Spec:
    """A number (whole or decimal) within ``low``-``high``."""
    return Spec("num", doc, low, high)


def clock(doc: str = "") -> Spec:
    """A clock time such as ``09:30``."""
    return Spec("clock", doc)


def expression(doc: str = "") -> Spec:
    """A condition in the scenario expression language."""
    return Spec("expr", doc)


def scalar(doc: str = "") -> Spec:
    """A flag value: true/false, a whole number (bounded like any number) or a string."""
    return Spec("scalar", doc, -NUMBER_LIMIT, NUMBER_LIMIT)


def one_of(*choices: str, doc: str = "") -> Spec:
    """One of a fixed set of words."""
    return Spec("enum", doc, choices=choices)


def span(doc: str = "", low: float | None = None, high: float | None = None) -> Spec:
    """A ``[low, high]`` pair of whole numbers."""
    return Spec("range", doc, low, high)


def list_of(item: Spec, doc: str = "", min_items: int = 0) -> Spec:
    """A list whose items all match ``item``."""
    return Spec("list", doc, low=min_items, item=item)


def map_of(item: Spec, doc: str = "", keys: Spec | None = None) -> Spec:
    """A mapping from ids (or ``keys``) to values matching ``item``."""
    return Spec("map", doc, item=item, fields={"": keys or slug()})


def obj(doc: str, required: tuple[str, ...] = (), **fields: Spec) -> Spec:
    """A mapping with named keys."""
    return Spec("obj", doc, fields=fields, required=required)


OUTCOME_BLOCK = obj(
    "What happens: numeric deltas and a log line.",
    effects=map_of(number(low=-POINTS, high=POINTS), "Path -> delta, e.g. patient.mood: -10.",
                   keys=text()),
    set=map_of(scalar(), "flags.<name> -> new value.", keys=text()),
    log=text("A line for the day's log; may use {patient.name} and the like."),
)

CHOICE = obj(
    "Something the player can say or do.",
    ("id", "text", "next"),
    id=slug("Unique within its node."),
    text=text("What the player does or says."),
    when=expression("Offered only while this holds."),
    minutes=integer("Game minutes it takes.", 0, 600),
    skills=map_of(number(low=-POINTS, high=POINTS), "Skill id -> points (may be negative)."),
    effects=map_of(number(low=-POINTS, high=POINTS), "Path -> numeric delta.", keys=text()),
    set=map_of(scalar(), "flags.<name> -> new value.", keys=text()),
    feedback=text("Why it is good or bad: shown in coaching mode and the debrief."),
    next=text("A node id of this encounter, or end."),
    trigger=list_of(slug(), "Event ids to schedule now."),
)

VARIANT = obj(
    "Another wording of the node, used while its condition holds.",
    ("when", "text"),
    when=expression("This wording is used while this holds (the first that holds wins)."),
    text=text("What they say instead."),
    speaker=text("Who speaks instead (default: the node's speaker)."),
)

NODE = obj(
    "One beat of a conversation.",
    ("speaker", "text"),
    speaker=text("Who speaks; may use {patient.name}."),
    text=text("What they say."),
    variants=list_of(VARIANT, "Other wordings by condition, e.g. a closing line that "
                     "reflects the day; the first whose when holds replaces text."),
    choices=list_of(CHOICE, "The player's options; none makes this a closing line."),
)

ENCOUNTER = obj(
    "A conversation graph.",
    ("title", "start", "nodes"),
    title=text("Shown above the conversation."),
    start=slug("The first node."),
    nodes=map_of(NODE, "Node id -> node."),
)

DELEGATE = obj(
    "Who may take this item off the player's hands, and how it goes.",
    ("to", "minutes"),
    to=list_of(slug(), "Staff ids allowed.", min_items=1),
    minutes=integer("Minutes the staff member is busy.", 1, 600),
    skills=map_of(number(low=-POINTS, high=POINTS), "Skill points for choosing to delegate "
                  "(negative: delegating is the wrong call)."),
    feedback=text("Why delegating this is wise or not: shown in the debrief."),
    candidates=map_of(obj(
        "What delegating to this staff member scores instead of the item's skills/feedback.",
        skills=map_of(number(low=-POINTS, high=POINTS), "Skill points for delegating to this "
                      "person."),
        feedback=text("Why this person is (or isn't) the one to ask."),
        success=OUTCOME_BLOCK,
        failure=OUTCOME_BLOCK,
    ), "Staff id (one of `to`) -> their own points, feedback and (optionally) success and "
       "failure outcomes: whom you ask matters."),
    success=OUTCOME_BLOCK,
    failure=OUTCOME_BLOCK,
)


def _reply(doc: str, **extra: Spec) -> Spec:
    return obj(
        doc,
        text=text("The option as the player sees it."),
        skills=map_of(number(), "Skill points for this answer."),
        effects=map_of(number(), "Path -> numeric delta.", keys=text()),
        set=map_of(scalar(), "flags.<name> -> new value.", keys=text()),
        log=text("A line for the day's log."),
        feedback=text("Why this answer is good or bad: shown in the debrief."),
        **extra,
    )


INTERRUPT = obj(
    "The item interrupts the conversation in progress when it arrives: the player takes it "
    "at once (the conversation goes on hold) or lets it wait. A scored decision.",
    take=_reply("Taking it now; the conversation in progress goes on hold."),
    wait=_reply("Letting it wait (voicemail, 'one moment please').",
                patience=integer("Minutes it will now wait (default: unchanged).", 1, 1440)),
)

EVENT = obj(
    "Something that lands in the queue.",
    ("id", "kind", "title"),
    id=slug("Unique event id."),
    at=clock("When it arrives (scripted)."),
    every=span("Minutes between arrivals of a random stream.", 1, 1440),
    **{"from": clock("Stream: first possible arrival."),
       "until": clock("Stream: last possible arrival.")},
    archetype=slug("Stream: the archetype its walk-ins are drawn from."),
    after=integer("Triggered only: minutes after the trigger it arrives.", 0, 1440),
    kind=one_of(*KINDS, doc="Queue icon and category."),
    title=text("One line for the queue."),
    who=slug("The subject: a patient, staff member or physician id."),
    encounter=slug("The encounter played when attended."),
    patience=integer("Minutes it waits before it expires.", 1, 1440),
    when=expression("Arrives only if this holds when it would."),
    delegate=DELEGATE,
    on_expire=OUTCOME_BLOCK,
    tags=list_of(slug(), "What the item is about (e.g. billing, records): staff strengths "
                 "can name them."),
    interrupts=INTERRUPT,
)

SCENARIO = obj(
    "A Practice Sim scenario, format v1.",
    ("format", "id", "title", "version", "author", "summary", "difficulty", "objectives", "day",
     "practice", "events", "encounters", "rubric"),
    format=integer("Always 1.", 1, 1),
    id=slug("The scenario's id (its file name without .yaml)."),
    title=text(),
    version=integer("Bump it whenever you change the scenario.", 1, NUMBER_LIMIT),
    author=text(),
    summary=text(),
    difficulty=integer("1 (gentle) to 5 (hard).", 1, 5),
    objectives=list_of(text(), "What the trainee should achieve."),
    include=list_of(text(), "Other YAML files merged in (relative paths)."),
    skills=map_of(text(), "Extra skills this scenario scores: id -> description."),
    day=obj(
        "The day's clock.",
        ("start", "end"),
        start=clock(),
        end=clock(),
        seed=integer("Default random seed.", 0, 2**31 - 1),
        pace_seconds=number("Real seconds per game minute in real-time play.", 0.05, 60),
        mood_decay=number("Mood a waiting patient loses per minute.", 0, 100),
        morale_decay=number("Morale a staff member loses per minute their item waits.", 0, 100),
        trust_decay=number("Trust a physician loses per minute their item waits.", 0, 100),
    ),
    practice=obj(
        "The practice's starting meters.",
        ("reputation", "compliance"),
        name=text("The practice's (fictional) name."),
        reputation=integer(low=0, high=100),
        compliance=integer(low=0, high=100),
    ),
    staff=map_of(obj("A staff member.", ("name", "role", "skill", "morale"),
                     name=text(), role=text(), skill=integer(low=0, high=100),
                     morale=integer(low=0, high=100),
                     strengths=map_of(number(low=-100, high=100),
                                      "Item kind or tag -> added to skill for delegated items "
                                      "of that kind or tag (negative: a weakness).",
                                      keys=slug()))),
    physicians=map_of(obj("A physician.", ("name", "specialty", "trust"),
                          name=text(), specialty=text(), trust=integer(low=0, high=100))),
    patients=map_of(obj("A patient.", ("name", "mood"),
                        name=text(), mood=integer(low=0, high=100),
                        patience=integer("Minutes they will wait.", 1, 1440),
                        traits=list_of(text()))),
    archetypes=map_of(obj("A template for walk-ins.", ("names", "mood", "patience"),
                          names=list_of(text(), min_items=1),
                          mood=span(low=0, high=100),
                          patience=span(low=1, high=1440),
                          traits=list_of(text()),
                          encounter=slug(),
                          encounters=map_of(number(low=0.001),
                                            "Encounter id -> weight: each walk-in plays one, "
                                            "drawn from the seed (instead of encounter)."))),
    flags=map_of(scalar(), "Named values the story reads and sets."),
    events=list_of(EVENT, "What happens during the day."),
    encounters=map_of(ENCOUNTER, "Encounter id -> conversation."),
    rubric=obj(
        "How the day is scored.",
        ("pass",),
        skills=map_of(number(low=0, high=POINTS), "Skill id -> weight."),
        outcomes=map_of(number(low=0, high=POINTS), "Outcome -> weight.",
                        keys=one_of(*OUTCOMES)),
        **{"pass": number("Pass mark, 0-100.", 0, 100)},
        grades=list_of(obj("A grade band.", ("min", "grade"), min=number(low=0, high=100),
                           grade=text())),
    ),
)
