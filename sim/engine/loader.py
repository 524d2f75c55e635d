"""Load a scenario file: read YAML, check its shape and meaning, build the model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sim.engine.checks import SemanticChecker
from sim.engine.clock import parse_clock
from sim.engine.expr import parse_condition
from sim.engine.files import FileRefused, read_regular
from sim.engine.includes import Locator, Sources, expand_includes
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
from sim.engine.problems import Problem, ScenarioError
from sim.engine.schema import SCENARIO
from sim.engine.speccheck import check, describe, normalize
from sim.engine.yamlsafe import MAX_BYTES, Document, read_yaml


def read_source(path: str | os.PathLike[str]) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem saying why it can't be read (never blocks on a FIFO)."""
    try:
        return read_regular(path, MAX_BYTES, "a scenario file"), []
    except FileRefused as exc:
        return None, [Problem(str(path), 0, 0, exc.reason, hint=exc.hint)]


def check_source(raw: bytes, filename: str) -> tuple[Scenario | None, list[Problem]]:
    """Check scenario bytes; return the scenario (when there are no errors) and all problems."""
    scenario, problems, _ = check_source_located(raw, filename)
    return scenario, problems


def check_source_located(
    raw: bytes, filename: str,
) -> tuple[Scenario | None, list[Problem], Locator | None]:
    """Like :func:`check_source`, plus a :class:`Locator` for the merged data's paths.

    The locator (``None`` when the file is not readable YAML) maps any path of the scenario
    data, included files' content too, to its file, line and column; its ``files`` lists
    every file read.
    """
    doc, problems = read_yaml(raw, filename)
    if doc is None:
        return None, problems, None
    sources = Sources(filename)
    sources.add(filename, raw)
    locate = Locator(doc, sources)

    def report(path: tuple[Any, ...], message: str, hint: str = "", offset: int = 0) -> None:
        file, line, column = locate(path, offset)
        problems.append(Problem(file, line, column, message, hint=hint))

    data = doc.data
    if not isinstance(data, dict):
        report((), "a scenario is a mapping of keys (format:, id:, title: ...)",
               "start from `practice-sim new ID`")
        return None, problems, locate
    version = data.get("format")
    if version not in (1, None):
        if isinstance(version, int | float) and not isinstance(version, bool) and version > 1:
            report(("format",), f"this file is format {version}; this version of Practice "
                   "Sim reads format 1", "upgrade Practice Sim to read it")
        else:
            report(("format",), f"format: must be the number 1, not {describe(version)}",
                   "write format: 1" + (", without quotes" if isinstance(version, str) else ""))
        return None, problems, locate
    if "include" in data:
        locate, included = expand_includes(doc, sources)
        problems.extend(included)
    renames: list[tuple[tuple[Any, ...], Any, str]] = []
    check(SCENARIO, data, (), report, renames)
    _read_as_meant(doc, renames)
    normalize(SCENARIO, data)
    structural = bool(problems)
    try:
        SemanticChecker(data, report).run()
    except (KeyError, TypeError, AttributeError, ValueError):
        if not structural:
            raise
        # The shape is already wrong; meaning checks on broken data would only add noise.
    if problems:
        return None, problems, locate
    return build_scenario(data, sources.digest(), filename), problems, locate


def _read_as_meant(doc: Document, renames: list[tuple[tuple[Any, ...], Any, str]]) -> None:
    """Rename misspelt keys (already reported) to what they stand for, marks and all, so the
    meaning checks don't report what the misspelling implies (every encounter "missing")."""
    for path, wrong, right in renames:
        parent: Any = doc.data
        for part in path:
            parent = parent[part]
        parent[right] = parent.pop(wrong)
        size = len(path)
        for table in (doc.marks, doc.key_marks):
            for old in [p for p in table if p[:size + 1] == (*path, wrong)]:
                table[(*path, right, *old[size + 1:])] = table.pop(old)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario file; raises ``ScenarioError`` listing every problem."""
    raw, problems = read_source(path)
    if raw is None:
        raise ScenarioError(problems)
    scenario, problems = check_source(raw, str(path))
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def validate_file(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in a scenario file (an empty list means valid)."""
    raw, problems = read_source(path)
    if raw is None:
        return problems
    return check_source(raw, str(path))[1]


# -- building the model ------------------------------------------------------------------------
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


def scenario_id_from_path(path: str | os.PathLike[str]) -> str:
    """The id a scenario file's name suggests (``monday-rush.yaml`` -> ``monday-rush``)."""
    return Path(path).name.removesuffix(".yaml").removesuffix(".yml")


__all__ = [
    "Document",
    "build_scenario",
    "check_source",
    "check_source_located",
    "load_scenario",
    "read_source",
    "scenario_id_from_path",
    "validate_file",
]
