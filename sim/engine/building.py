"""Build the immutable scenario model from checked data (no YAML, no checks: a scenario's
compiled copy is built from here without importing either)."""

from __future__ import annotations

from typing import Any

from sim.engine.clock import parse_clock
from sim.engine.expr import parse_condition
from sim.engine.model import (
    DEFAULT_GRADES,
    Archetype,
    Candidate,
    Choice,
    Delegation,
    Encounter,
    Event,
    Grade,
    Interruption,
    Node,
    Outcome,
    Person,
    Reply,
    Rubric,
    Scenario,
    Variant,
)


def _outcome(raw: dict[str, Any] | None) -> Outcome:
    raw = raw or {}
    return Outcome(effects=dict(raw.get("effects") or {}), set=dict(raw.get("set") or {}),
                   log=raw.get("log", "").strip())


def _choice(raw: dict[str, Any]) -> Choice:
    return Choice(
        id=raw["id"], text=raw["text"].strip(), next=raw["next"], minutes=raw.get("minutes", 0),
        when=parse_condition(raw["when"]) if "when" in raw else None,
        skills=dict(raw.get("skills") or {}), effects=dict(raw.get("effects") or {}),
        set=dict(raw.get("set") or {}), feedback=raw.get("feedback", "").strip(),
        trigger=tuple(raw.get("trigger") or ()),
    )


def _reply(raw: dict[str, Any] | None, default: str) -> Reply:
    raw = raw or {}
    return Reply(text=raw.get("text", default).strip(), skills=dict(raw.get("skills") or {}),
                 effects=dict(raw.get("effects") or {}), set=dict(raw.get("set") or {}),
                 log=raw.get("log", "").strip(), feedback=raw.get("feedback", "").strip(),
                 patience=raw.get("patience"))


def _interruption(raw: dict[str, Any] | None) -> Interruption | None:
    if raw is None:
        return None
    return Interruption(_reply(raw.get("take"), "Take it now"),
                        _reply(raw.get("wait"), "Let it wait"))


def _candidates(raw: dict[str, Any] | None) -> dict[str, Candidate]:
    return {staff: Candidate(dict(c["skills"]) if "skills" in c else None,
                             c.get("feedback", "").strip(),
                             _outcome(c["success"]) if "success" in c else None,
                             _outcome(c["failure"]) if "failure" in c else None)
            for staff, c in (raw or {}).items()}


def _event(raw: dict[str, Any], archetypes: dict[str, Archetype]) -> Event:
    delegate = raw.get("delegate")
    archetype = archetypes.get(raw.get("archetype", ""))
    variants = archetype.encounters if archetype and "encounter" not in raw else ()
    encounter = raw.get("encounter") or (archetype.encounter if archetype else None) or (
        variants[0][0] if variants else None)
    return Event(
        id=raw["id"], kind=raw["kind"], title=raw["title"].strip(), encounter=encounter or "",
        who=raw.get("who"),
        at=parse_clock(raw["at"]) if "at" in raw else None,
        every=tuple(raw["every"]) if "every" in raw else None,  # type: ignore[arg-type]
        start=parse_clock(raw["from"]) if "from" in raw else None,
        until=parse_clock(raw["until"]) if "until" in raw else None,
        archetype=raw.get("archetype"), after=raw.get("after", 0), patience=raw.get("patience"),
        when=parse_condition(raw["when"]) if "when" in raw else None,
        delegate=Delegation(
            to=tuple(delegate["to"]), minutes=delegate["minutes"],
            skills=dict(delegate.get("skills") or {}),
            feedback=delegate.get("feedback", "").strip(),
            success=_outcome(delegate.get("success")), failure=_outcome(delegate.get("failure")),
            candidates=_candidates(delegate.get("candidates")),
        ) if delegate else None,
        on_expire=_outcome(raw.get("on_expire")),
        tags=tuple(raw.get("tags") or ()),
        interrupt=_interruption(raw.get("interrupts")),
        variants=variants,
    )


def _node(node_id: str, node: dict[str, Any]) -> Node:
    return Node(node_id, node["speaker"].strip(), node["text"].strip(),
                tuple(_choice(c) for c in node.get("choices") or ()),
                tuple(Variant(parse_condition(v["when"]), v["text"].strip(),
                              v["speaker"].strip() if "speaker" in v else None)
                      for v in node.get("variants") or ()))


def build_scenario(data: dict[str, Any], digest: str, path: str = "") -> Scenario:
    """Build the immutable model from checked raw data."""
    day, practice, rubric = data["day"], data["practice"], data["rubric"]
    archetypes = {
        key: Archetype(key, tuple(a["names"]), tuple(a["mood"]),  # type: ignore[arg-type]
                       tuple(a["patience"]), a.get("encounter"),  # type: ignore[arg-type]
                       tuple(a.get("traits") or ()),
                       tuple((enc, float(w)) for enc, w in (a.get("encounters") or {}).items()))
        for key, a in (data.get("archetypes") or {}).items()
    }
    encounters = {
        key: Encounter(key, enc["title"], enc["start"], {
            node_id: _node(node_id, node) for node_id, node in enc["nodes"].items()})
        for key, enc in data["encounters"].items()
    }
    grades = tuple(sorted((Grade(g["min"], g["grade"]) for g in rubric.get("grades") or ()),
                          key=lambda g: -g.min)) or DEFAULT_GRADES
    return Scenario(
        id=data["id"], title=data["title"], version=data["version"], author=data["author"],
        summary=data["summary"], difficulty=data["difficulty"],
        objectives=tuple(data["objectives"]),
        start=parse_clock(day["start"]), end=parse_clock(day["end"]), seed=day.get("seed", 0),
        pace_seconds=float(day.get("pace_seconds", 1.0)),
        mood_decay=float(day.get("mood_decay", 0.0)),
        morale_decay=float(day.get("morale_decay", 0.0)),
        trust_decay=float(day.get("trust_decay", 0.0)),
        practice_name=practice.get("name", ""), reputation=practice["reputation"],
        compliance=practice["compliance"],
        staff={k: Person(k, s["name"], s["role"], {"skill": s["skill"], "morale": s["morale"]},
                         strengths=dict(s.get("strengths") or {}))
               for k, s in (data.get("staff") or {}).items()},
        physicians={k: Person(k, p["name"], p["specialty"], {"trust": p["trust"]})
                    for k, p in (data.get("physicians") or {}).items()},
        patients={k: Person(k, p["name"], "patient", {"mood": p["mood"]}, p.get("patience"),
                            tuple(p.get("traits") or ()))
                  for k, p in (data.get("patients") or {}).items()},
        archetypes=archetypes,
        flags=dict(data.get("flags") or {}),
        events=tuple(_event(e, archetypes) for e in data["events"]),
        encounters=encounters,
        rubric=Rubric(dict(rubric.get("skills") or {}), dict(rubric.get("outcomes") or {}),
                      float(rubric["pass"]), grades),
        skills=dict(data.get("skills") or {}),
        sha256=digest,
        path=path,
        source=data,
    )
