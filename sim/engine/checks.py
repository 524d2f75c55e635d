"""Meaning checks on a structurally valid scenario: references, times, paths, conditions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from sim.engine.clock import parse_clock
from sim.engine.expr import ExprError, parse_condition
from sim.engine.model import END
from sim.engine.paths import boolean_word, check_path, placeholders, suggest_path
from sim.engine.schema import BUILTIN_SKILLS, KINDS

Report = Any  # Callable[[tuple, str, str], None], with an optional column offset
P = tuple[Any, ...]


def _clock(value: Any) -> int | None:
    """Minutes for a clock value, or None when the shape check already reported it."""
    try:
        return parse_clock(value)
    except (ValueError, TypeError, AttributeError):
        return None


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _suggest(word: str, options: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f"did you mean '{close[0]}'?" if close else ""


class SemanticChecker:
    """Walks raw scenario data and reports every broken reference or meaning."""

    def __init__(self, data: dict[str, Any], report: Report):
        self.data = data
        self.report = report
        self.skills = set(BUILTIN_SKILLS) | set(data.get("skills") or {})
        self.staff = data.get("staff") or {}
        self.physicians = data.get("physicians") or {}
        self.patients = data.get("patients") or {}
        self.archetypes = data.get("archetypes") or {}
        self.encounters = data.get("encounters") or {}
        self.told: set[str] = set()  # flags whose declaration was already reported
        self.events = {e["id"]: e for e in data.get("events") or [] if isinstance(e, dict)
                       and "id" in e}

    def run(self) -> None:
        """Report every problem found."""
        self.check_day()
        self.check_people()
        self.check_events()
        for enc_id, encounter in self.encounters.items():
            self.check_encounter(enc_id, encounter)
        self.check_patient_subjects()
        self.check_rubric()

    # -- day and cast -------------------------------------------------------------------------
    def check_day(self) -> None:
        day = self.data["day"]
        start, end = _clock(day["start"]), _clock(day["end"])
        if start is not None and end is not None and end <= start:
            self.report(("day", "end"), f"the day ends at {day['end']}, not after it starts "
                        f"({day['start']})", "make end later than start")

    def check_people(self) -> None:
        seen: dict[str, str] = {}
        for group in ("staff", "physicians", "patients"):
            for person_id in self.data.get(group) or {}:
                if person_id in seen:
                    self.report((group, person_id, "<key>"),
                                f"id '{person_id}' is used in both {seen[person_id]} and {group}",
                                "give each person a distinct id")
                seen[person_id] = group
        for arch_id, arch in self.archetypes.items():
            if "encounter" in arch:
                self.check_ref(("archetypes", arch_id, "encounter"), arch["encounter"],
                               self.encounters, "encounter")
            if "encounters" in arch and "encounter" in arch:
                self.report(("archetypes", arch_id, "encounters", "<key>"), "an archetype has "
                            "either encounter: or encounters:, not both",
                            "list every variant under encounters:")
            for enc_id in arch.get("encounters") or {}:
                self.check_ref(("archetypes", arch_id, "encounters", enc_id, "<key>"), enc_id,
                               self.encounters, "encounter")
        tags = set(KINDS) | {t for e in self.events.values()
                                           for t in e.get("tags") or ()}
        for staff_id, staff in self.staff.items():
            for key in staff.get("strengths") or {}:
                if key not in tags:
                    self.report(("staff", staff_id, "strengths", key, "<key>"),
                                f"no item kind or event tag '{key}'",
                                _suggest(key, tags) or "use a kind (patient, phone, email, "
                                "staff, physician, compliance) or a tag some event lists")

    # -- events -------------------------------------------------------------------------------
    def check_events(self) -> None:
        day = self.data["day"]
        start, end = _clock(day["start"]) or 0, _clock(day["end"]) or 24 * 60
        seen: set[str] = set()
        for index, event in enumerate(self.data["events"]):
            path: P = ("events", index)
            event_id = event["id"]
            if event_id in seen:
                self.report((*path, "id"), f"duplicate event id '{event_id}'", "ids must be unique")
            seen.add(event_id)
            self.check_event_timing(path, event, start, end)
            who = event.get("who")
            if who is not None:
                if "every" in event:
                    self.report((*path, "who"), "a random stream has no fixed who",
                                "its walk-ins come from the archetype")
                elif who not in (people := [*self.staff, *self.physicians, *self.patients]):
                    self.report((*path, "who"), f"no patient, staff member or physician '{who}'",
                                _suggest(who, people))
            encounter = event.get("encounter")
            if encounter is None:
                arch = self.archetypes.get(event.get("archetype", ""), {})
                if "encounter" not in arch and not arch.get("encounters"):
                    self.report(path, "missing required key 'encounter'", "add `encounter:`")
            else:
                self.check_ref((*path, "encounter"), encounter, self.encounters, "encounter")
            if "patience" not in event and not self.subject_patience(event):
                self.report(path, "missing required key 'patience'",
                            "add `patience:` (minutes it waits before it expires)")
            if "when" in event:
                self.check_condition((*path, "when"), event["when"])
            self.check_text((*path, "title"), event["title"])
            delegate = event.get("delegate")
            if delegate:
                for i, staff_id in enumerate(delegate["to"]):
                    self.check_ref((*path, "delegate", "to", i), staff_id, self.staff,
                                   "staff member")
                self.check_skills((*path, "delegate", "skills"), delegate.get("skills") or {})
                for staff_id, candidate in (delegate.get("candidates") or {}).items():
                    cpath = (*path, "delegate", "candidates", staff_id)
                    if staff_id not in delegate["to"]:
                        self.report((*cpath, "<key>"), f"'{staff_id}' is not in this "
                                    "delegation's to:", "add them to to:, or remove this entry")
                    self.check_skills((*cpath, "skills"), candidate.get("skills") or {})
                    if "feedback" in candidate:
                        self.check_text((*cpath, "feedback"), candidate["feedback"])
                    for branch in ("success", "failure"):
                        if branch in candidate:
                            self.check_outcome((*cpath, branch), candidate[branch] or {})
                for branch in ("success", "failure"):
                    self.check_outcome((*path, "delegate", branch), delegate.get(branch) or {})
            self.check_outcome((*path, "on_expire"), event.get("on_expire") or {})
            for answer, reply in (event.get("interrupts") or {}).items():
                rpath = (*path, "interrupts", answer)
                self.check_skills((*rpath, "skills"), reply.get("skills") or {})
                self.check_outcome(rpath, reply)
                for key in ("text", "feedback"):
                    if key in reply:
                        self.check_text((*rpath, key), reply[key])

    def subject_patience(self, event: dict[str, Any]) -> bool:
        if "every" in event:
            return True  # walk-ins draw their patience from the archetype
        patient = self.patients.get(event.get("who", ""))
        return bool(patient and "patience" in patient)

    def check_event_timing(self, path: P, event: dict[str, Any], start: int, end: int) -> None:
        stream_keys = [k for k in ("every", "from", "until", "archetype") if k in event]
        if "at" in event:
            if stream_keys:
                self.report((*path, stream_keys[0]), f"'{stream_keys[0]}' belongs to random "
                            "streams, but this event has a fixed 'at'", "keep one of the two")
            at = _clock(event["at"])
            if at is not None and not start <= at < end:
                self.report((*path, "at"), f"{event['at']} is outside the day "
                            f"({self.data['day']['start']}-{self.data['day']['end']})",
                            "move it inside the day")
        elif stream_keys:
            for key in ("every", "from", "until", "archetype"):
                if key not in event:
                    self.report(path, f"a random stream needs '{key}'", f"add `{key}:`")
            if "from" in event and "until" in event:
                first, last = _clock(event["from"]), _clock(event["until"])
                if first is None or last is None:
                    pass
                elif last < first:
                    self.report((*path, "until"), "until is before from", "swap them")
                elif first < start or last > end:
                    self.report((*path, "from"), "the stream runs outside the day",
                                "keep from/until inside day.start-day.end")
            if "archetype" in event:
                self.check_ref((*path, "archetype"), event["archetype"], self.archetypes,
                               "archetype")
        if "after" in event and ("at" in event or stream_keys):
            self.report((*path, "after"), "'after' is for events that only a trigger schedules",
                        "remove 'after' or 'at'")

    # -- encounters ---------------------------------------------------------------------------
    def check_encounter(self, enc_id: str, encounter: dict[str, Any]) -> None:
        base: P = ("encounters", enc_id)
        nodes = encounter["nodes"]
        self.check_ref((*base, "start"), encounter["start"], nodes, "node")
        self.check_text((*base, "title"), encounter["title"])
        for node_id, node in nodes.items():
            if node_id == END:
                self.report((*base, "nodes", node_id, "<key>"), "'end' is reserved",
                            "choose another node id")
            npath: P = (*base, "nodes", node_id)
            self.check_text((*npath, "speaker"), node["speaker"])
            self.check_text((*npath, "text"), node["text"])
            for index, variant in enumerate(node.get("variants") or []):
                vpath: P = (*npath, "variants", index)
                self.check_condition((*vpath, "when"), variant["when"])
                self.check_text((*vpath, "text"), variant["text"])
                if "speaker" in variant:
                    self.check_text((*vpath, "speaker"), variant["speaker"])
            seen: set[str] = set()
            for index, choice in enumerate(node.get("choices") or []):
                cpath: P = (*npath, "choices", index)
                if choice["id"] in seen:
                    self.report((*cpath, "id"), f"duplicate choice id '{choice['id']}'",
                                "choice ids must be unique within a node")
                seen.add(choice["id"])
                self.check_choice(cpath, choice, nodes)

    def check_choice(self, path: P, choice: dict[str, Any], nodes: dict[str, Any]) -> None:
        self.check_text((*path, "text"), choice["text"])
        if choice["next"] != END:
            self.check_ref((*path, "next"), choice["next"], nodes, "node", extra=" or end")
        if "when" in choice:
            self.check_condition((*path, "when"), choice["when"])
        self.check_skills((*path, "skills"), choice.get("skills") or {})
        self.check_effects((*path, "effects"), choice.get("effects") or {})
        self.check_set((*path, "set"), choice.get("set") or {})
        for index, event_id in enumerate(choice.get("trigger") or []):
            tpath = (*path, "trigger", index)
            event = self.events.get(event_id)
            if event is None:
                self.report(tpath, f"no event '{event_id}'", _suggest(event_id, self.events))
            elif "at" in event or "every" in event:
                self.report(tpath, f"event '{event_id}' has its own time, so it can't be "
                            "triggered", "remove its at:/every: to make it a follow-up")

    # -- shared helpers -----------------------------------------------------------------------
    def check_ref(self, path: P, value: str, table: Any, what: str, extra: str = "") -> None:
        if value not in table:
            hint = _suggest(value, table) or (f"known: {', '.join(map(str, table))}{extra}"
                                              if table else f"define {_article(what)} {what} first")
            self.report(path, f"no {what} '{value}'", hint)

    def check_skills(self, path: P, skills: dict[str, Any]) -> None:
        for skill in skills:
            if skill not in self.skills:
                self.report((*path, skill, "<key>"), f"unknown skill '{skill}'",
                            _suggest(skill, self.skills) or "declare it under skills:")

    def did_you_mean(self, name: str, write: bool, wrap: str = "'{}'") -> str:
        """``did you mean 'staff.priya.morale'?`` for a broken path, or nothing."""
        best = suggest_path(name, self.data, write)
        return f"did you mean {wrap.format(best)}?" if best and best != name else ""

    def declared_badly(self, target: str) -> bool:
        """True for a path to a flag whose own declaration is already reported (0.5, a list)."""
        flags = self.data.get("flags") or {}
        value = flags.get(target[6:]) if target.startswith("flags.") else None
        return isinstance(value, float | list | dict)

    def check_effects(self, path: P, effects: dict[str, Any]) -> None:
        for target in effects:
            problem = check_path(target, self.data, write=True)
            if problem and not self.declared_badly(target):
                self.report((*path, target, "<key>"), f"can't change '{target}': {problem}",
                            self.did_you_mean(target, write=True))

    def check_set(self, path: P, assignments: dict[str, Any]) -> None:
        flags = self.data.get("flags") or {}
        for target, value in assignments.items():
            name = target[6:] if target.startswith("flags.") else None
            if name is None or name not in flags:
                problem = check_path(target, self.data, write=False) if name else (
                    "set: only changes flags (write flags.<name>)")
                self.report((*path, target, "<key>"),
                            f"can't set '{target}': {problem or 'not a flag'}",
                            _suggest(name or target, [f"flags.{f}" for f in flags]))
            elif self.declared_badly(target) or isinstance(value, float | list | dict) \
                    or value is None:
                continue  # the value (or the declaration) is reported by the shape check
            elif _kind(value) != _kind(flags[name]):
                self.report_flag_kind(path, target, name, value)

    def report_flag_kind(self, path: P, target: str, name: str, value: Any) -> None:
        """A flag set to another kind of value than it starts with, told where it's wrong."""
        declared = (self.data.get("flags") or {})[name]
        meant = boolean_word(declared) if isinstance(declared, str) else None
        if meant is not None and isinstance(value, bool):
            if name in self.told:
                return
            self.told.add(name)
            self.report(("flags", name), f"flag '{name}' starts as the text '{declared}', but "
                        f"set: gives it {str(value).lower()}, a yes/no value",
                        f"for a yes/no flag write {meant} here: only true and false are "
                        "yes/no")
            return
        shown = str(declared).lower() if isinstance(declared, bool) else repr(declared)
        self.report((*path, target), f"flag '{name}' starts as {_kind(declared)} ({shown}), "
                    f"but this sets it to {_kind(value)}",
                    f"keep each flag one kind: write {_EXAMPLE[_kind(declared)]} here, or "
                    "change its starting value under flags:")

    def check_outcome(self, path: P, outcome: dict[str, Any]) -> None:
        self.check_effects((*path, "effects"), outcome.get("effects") or {})
        self.check_set((*path, "set"), outcome.get("set") or {})
        if "log" in outcome:
            self.check_text((*path, "log"), outcome["log"])

    def check_condition(self, path: P, source: str) -> None:
        try:
            condition = parse_condition(source)
        except ExprError as exc:
            self.report(path, f"bad condition: {exc}", "conditions use and, or, not, == != < <= "
                        "> >=, numbers, 'text', true/false, times like 10:30 and paths",
                        offset=exc.offset)
            return
        for name, offset in condition.paths():
            word = boolean_word(name)
            if word is not None:
                self.report(path, f"bad condition: '{name}' is not a value conditions know",
                            f"write {word}, in lowercase, for a yes/no value", offset=offset)
                continue
            problem = check_path(name, self.data, write=False)
            if problem:
                self.report(path, f"bad condition: '{name}': {problem}",
                            self.did_you_mean(name, write=False), offset=offset)

    def check_text(self, path: P, text: str) -> None:
        for name, offset in placeholders(text):
            problem = check_path(name, self.data, write=False)
            if problem:
                path_like = PATH_LIKE.match(name) is not None
                hint = self.did_you_mean(name, write=False, wrap="{{{}}}") if path_like else ""
                if not path_like:
                    hint = "write {{ and }} for literal braces"
                self.report(path, f"unknown placeholder {{{name}}}: {problem}", hint,
                            offset=offset)

    def check_patient_subjects(self) -> None:
        """Whatever reads or changes ``patient.*`` needs an event whose subject is a patient."""
        for index, event in enumerate(self.data["events"]):
            who = event.get("who")
            unknown = who is not None and who not in self.staff and who not in self.physicians
            if "every" in event or unknown:  # walk-ins are patients; an unknown who is reported
                continue
                continue
            enc_id = event.get("encounter")
            own = [event.get("title", ""), (event.get("on_expire") or {}).get("log", "")]
            uses_own = any(_mentions_patient(t) for t in own) or any(
                k.startswith("patient.") for block in _event_outcomes(event)
                for k in (block.get("effects") or {}))
            if uses_own:
                self.report(("events", index), f"event '{event['id']}' refers to patient.* but "
                            "its who is not a patient", "set who: to a patient id")
            encounter = self.encounters.get(enc_id) if enc_id else None
            if encounter and _encounter_mentions_patient(encounter):
                self.report(("events", index, "encounter"), f"encounter '{enc_id}' refers to "
                            f"patient.*, but event '{event['id']}' has no patient as its who",
                            "set who: to a patient id, or use staff.<id>. paths")

    def check_rubric(self) -> None:
        rubric = self.data["rubric"]
        self.check_skills(("rubric", "skills"), rubric.get("skills") or {})
        if not (rubric.get("skills") or rubric.get("outcomes")):
            self.report(("rubric",), "the rubric scores nothing", "add skills: or outcomes:")


PATH_LIKE = re.compile(r"^[A-Za-z_][\w-]*(\.[\w-]+)+$")


def _kind(value: Any) -> str:
    """A flag value's kind in the educator's words."""
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int):
        return "a whole number"
    return "text"


_EXAMPLE = {"a yes/no value": "true or false", "a whole number": "a whole number",
            "text": "text"}


def _event_outcomes(event: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield event.get("on_expire") or {}
    delegate = event.get("delegate") or {}
    yield delegate.get("success") or {}
    yield delegate.get("failure") or {}


def _mentions_patient(text: str) -> bool:
    return any(name.startswith("patient.") for name, _ in placeholders(text))


def _encounter_mentions_patient(encounter: dict[str, Any]) -> bool:
    for node in encounter["nodes"].values():
        if _mentions_patient(node["speaker"]) or _mentions_patient(node["text"]):
            return True
        for variant in node.get("variants") or []:
            if _mentions_patient(variant["text"]) or _mentions_patient(variant.get("speaker", "")) \
                    or "patient." in variant["when"]:
                return True
        for choice in node.get("choices") or []:
            if _mentions_patient(choice["text"]) or any(
                    k.startswith("patient.") for k in choice.get("effects") or {}):
                return True
            if "when" in choice and "patient." in choice["when"]:
                return True
    return False
