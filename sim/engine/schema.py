"""The shape of scenario format v1, declared once as data.

The same declaration checks files (types, required and unknown keys with a did-you-mean) and
produces the JSON Schema that editors use. Cross-references and meaning are checked later,
in :mod:`sim.engine.checks`.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sim.engine.clock import is_clock
from sim.engine.yamlsafe import BigNumber

Report = Callable[[tuple[Any, ...], str, str], None]

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
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
    """A string."""
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

NODE = obj(
    "One beat of a conversation.",
    ("speaker", "text"),
    speaker=text("Who speaks; may use {patient.name}."),
    text=text("What they say."),
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
    skills=map_of(number(low=-POINTS, high=POINTS), "Skill points for choosing to delegate."),
    feedback=text("Why delegating this is wise or not: shown in the debrief."),
    success=OUTCOME_BLOCK,
    failure=OUTCOME_BLOCK,
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
        mood_decay=number("Mood lost per waiting minute.", 0, 100),
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
                     morale=integer(low=0, high=100))),
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
                          encounter=slug())),
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

_TYPE_NAMES = {
    "str": "text",
    "slug": "an id (lowercase letters, digits, _ and -)",
    "int": "a whole number",
    "num": "a number",
    "clock": "a clock time like 09:30",
    "expr": "a condition (text)",
    "scalar": "true/false, a number or text",
    "range": "a [low, high] pair",
    "list": "a list",
    "map": "a mapping",
    "obj": "a mapping",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"


def check(spec: Spec, value: Any, path: tuple[Any, ...], report: Report) -> None:
    """Check ``value`` against ``spec``, calling ``report(path, message, hint)`` per problem."""
    kind = spec.kind
    if kind == "obj":
        if not isinstance(value, dict):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {_describe(value)}", "")
            return
        for key in spec.required:
            if key not in value:
                report(path, f"missing required key '{key}'", f"add `{key}:`")
        for key, sub in value.items():
            child = spec.fields.get(key)
            if child is None:
                close = difflib.get_close_matches(str(key), list(spec.fields), n=1)
                hint = f"did you mean '{close[0]}'?" if close else (
                    "allowed: " + ", ".join(spec.fields))
                if sub is None and " " in str(key):
                    hint = "a comma inside { } ends a value: put text with commas in quotes"
                report((*path, key, "<key>"), f"unknown key '{key}'", hint)
            else:
                check(child, sub, (*path, key), report)
        return
    if kind == "map":
        if not isinstance(value, dict):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {_describe(value)}", "")
            return
        key_spec = spec.fields[""]
        assert spec.item is not None
        for key, sub in value.items():
            check(key_spec, key, (*path, key, "<key>"), report)
            check(spec.item, sub, (*path, key), report)
        return
    if kind == "list":
        if not isinstance(value, list):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {_describe(value)}",
                   "start each item with '- '")
            return
        if spec.low and len(value) < spec.low:
            report(path, f"needs at least {int(spec.low)} item(s)", "")
        assert spec.item is not None
        for index, sub in enumerate(value):
            check(spec.item, sub, (*path, index), report)
        return
    _check_scalar(spec, value, path, report)


def _check_scalar(spec: Spec, value: Any, path: tuple[Any, ...], report: Report) -> None:
    kind = spec.kind
    bad = f"expected {_TYPE_NAMES.get(kind, kind)}, found {_describe(value)}"
    if kind in ("str", "expr"):
        if not isinstance(value, str):
            report(path, bad, "put it in quotes" if value is not None else "")
    elif kind == "slug":
        if not isinstance(value, str) or not SLUG.match(value):
            report(path, f"{bad}", "use lowercase letters, digits, _ and -")
    elif kind == "clock":
        if not isinstance(value, str) or not is_clock(value):
            report(path, bad, "write times as HH:MM, 00:00 to 23:59")
    elif kind == "enum":
        if value not in spec.choices:
            close = difflib.get_close_matches(str(value), list(spec.choices), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(spec.choices)
            report(path, f"'{value}' is not allowed here", hint)
    elif kind == "scalar":
        if isinstance(value, BigNumber):
            _check_bounds(spec, value, path, report)
        elif not isinstance(value, bool | int | str) or isinstance(value, float):
            report(path, bad, "")
        elif _is_int(value):
            _check_bounds(spec, value, path, report)
    elif kind == "range":
        if (not isinstance(value, list) or len(value) != 2
                or not all(_is_int(v) for v in value)):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {_describe(value)}",
                   "write it as [low, high]")
        elif value[0] > value[1]:
            report(path, f"low {value[0]} is above high {value[1]}", "swap them")
        else:
            _check_bounds(spec, value[0], path, report)
            _check_bounds(spec, value[1], path, report)
    elif kind in ("int", "num"):
        if isinstance(value, BigNumber):
            _check_bounds(spec, value, path, report)  # 1e999, 1 + 400 zeros: out of range
            return
        ok = _is_int(value) if kind == "int" else _is_number(value)
        if not ok:
            report(path, bad, "remove the quotes" if isinstance(value, str) else "")
        else:
            _check_bounds(spec, value, path, report)


def _check_bounds(spec: Spec, value: float, path: tuple[Any, ...], report: Report) -> None:
    if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
        low = "" if spec.low is None else f"{spec.low:,.10g}"
        high = "" if spec.high is None else f"{spec.high:,.10g}"
        span_text = f"{low} to {high}" if low and high else (f"at least {low}" if low else
                                                            f"at most {high}")
        report(path, f"{value} is out of range ({span_text})", "")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def json_schema(spec: Spec = SCENARIO) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``spec``, for editors and external checks."""
    schema = _to_json(spec)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://practice-sim.example/schema/scenario-v1.json",
            "title": "Practice Sim scenario, format v1", **schema}


def _to_json(spec: Spec) -> dict[str, Any]:
    out: dict[str, Any] = {"description": spec.doc} if spec.doc else {}
    kind = spec.kind
    if kind == "obj":
        out.update(type="object", additionalProperties=False,
                   properties={k: _to_json(v) for k, v in spec.fields.items()})
        if spec.required:
            out["required"] = list(spec.required)
    elif kind == "map":
        assert spec.item is not None
        out.update(type="object", additionalProperties=_to_json(spec.item))
        key = spec.fields[""]
        if key.kind == "slug":
            out["propertyNames"] = {"pattern": SLUG.pattern}
        elif key.kind == "enum":
            out["propertyNames"] = {"enum": list(key.choices)}
    elif kind == "list":
        assert spec.item is not None
        out.update(type="array", items=_to_json(spec.item))
        if spec.low:
            out["minItems"] = int(spec.low)
    elif kind in ("str", "expr"):
        out["type"] = "string"
    elif kind == "slug":
        out.update(type="string", pattern=SLUG.pattern)
    elif kind == "clock":
        out.update(type="string", pattern=r"^([01]?\d|2[0-3]):[0-5]\d$")
    elif kind == "enum":
        out["enum"] = list(spec.choices)
    elif kind == "scalar":
        out["type"] = ["boolean", "integer", "string"]
    elif kind == "range":
        bounds = _bounds(spec)
        out.update(type="array", items={"type": "integer", **bounds}, minItems=2, maxItems=2)
    else:
        out.update(type="integer" if kind == "int" else "number", **_bounds(spec))
    return out


def _bounds(spec: Spec) -> dict[str, float]:
    bounds: dict[str, float] = {}
    if spec.low is not None:
        bounds["minimum"] = spec.low
    if spec.high is not None:
        bounds["maximum"] = spec.high
    return bounds
