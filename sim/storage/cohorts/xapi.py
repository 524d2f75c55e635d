"""xAPI (Experience API 1.0.3) statements for a cohort's attempts, for a learning record store.

One statement per attempt (passed or failed, with the score and the time played) and, with
``decisions``, one per decision: the node as the activity, the choice as the response and the
skill points it earned as result extensions. Statement ids are derived from the attempt, so
exporting twice gives the same statements (an LRS ignores the repeats).

The actor is the roster entry (``mbox`` when it has an email, else an account whose name is
the stable player id), so two players with one name are two actors. ``timestamp`` and
``duration`` come only from the server's clock, for proctored attempts; a self-reported
attempt's claimed times go in an extension that says so. No ``version``: the spec says a
record provider should leave it to the LRS.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from sim.engine import Scenario
from sim.storage.cohorts.model import PROCTORED, Attempt, Cohort, Player

VERSION = "1.0.3"  # the xAPI version spoken to an LRS (its header), never a statement field
DEFAULT_BASE = "https://practice-sim.invalid"
VERBS = {
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "responded": "http://adlnet.gov/expapi/verbs/responded",
}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
_NAMESPACE = uuid.UUID("6f1c7a52-2d0b-4c43-9e55-0b9b7d1f7a11")


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration such as ``PT1H2M3.5S``."""
    hundredths = round(max(seconds, 0) * 100)
    hours, rest = divmod(hundredths, 360_000)
    minutes, rest = divmod(rest, 6_000)
    secs = f"{rest // 100}" if rest % 100 == 0 else f"{rest / 100:.2f}".rstrip("0")
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if rest or text == "PT" else "")


def _verb(name: str) -> dict[str, Any]:
    return {"id": VERBS[name], "display": {"en-US": name}}


def actor(attempt: Attempt, base: str, roster: dict[str, Player] | None = None) -> dict[str, Any]:
    """The attempt's player as an xAPI Agent (see the module docstring)."""
    entry = (roster or {}).get(attempt.player_id or "")
    agent: dict[str, Any] = {"objectType": "Agent", "name": attempt.player}
    if entry is not None and entry.email:
        agent["mbox"] = f"mailto:{entry.email}"
    else:
        agent["account"] = {"homePage": f"{base}/players",
                            "name": attempt.player_id or attempt.player}
    return agent


def scenario_activity(cohort: Cohort, base: str) -> dict[str, Any]:
    """The scenario (at the cohort's version) as an xAPI activity."""
    return {"objectType": "Activity",
            "id": f"{base}/scenarios/{quote(cohort.scenario_id)}",
            "definition": {"name": {"en-US": cohort.scenario_title}, "type": SIMULATION}}


def _context(cohort: Cohort, base: str, attempt: Attempt) -> dict[str, Any]:
    return {
        "registration": str(uuid.uuid5(_NAMESPACE, f"{cohort.code}:{attempt.fingerprint}")),
        "platform": "Practice Sim",
        "contextActivities": {"grouping": [{
            "objectType": "Activity", "id": f"{base}/cohorts/{quote(cohort.code)}",
            "definition": {"name": {"en-US": cohort.name},
                           "type": "http://adlnet.gov/expapi/activities/course"}}]},
        "extensions": {f"{base}/xapi/scenario-version": cohort.scenario_version,
                       f"{base}/xapi/scenario-sha256": cohort.scenario_sha256,
                       f"{base}/xapi/seed": cohort.seed,
                       f"{base}/xapi/mode": cohort.mode,
                       f"{base}/xapi/provenance": attempt.provenance},
    }


def _self_reported(attempt: Attempt) -> dict[str, Any]:
    """What a submitted file claims about itself, unproved by the replay."""
    data = attempt.result
    return {key: data.get(key) for key in ("saved_at", "played_seconds", "mode", "timing",
                                           "player")}


def attempt_statement(cohort: Cohort, attempt: Attempt, base: str = DEFAULT_BASE,
                      roster: dict[str, Player] | None = None) -> dict[str, Any]:
    """The statement of one attempt: passed or failed, with the score (and, proctored, the
    time played and when, by the server's clock)."""
    claimed = attempt.result.get("claimed", {})
    pass_mark = claimed.get("pass_mark")
    proctored = attempt.provenance == PROCTORED
    statement: dict[str, Any] = {
        "id": str(uuid.uuid5(_NAMESPACE, f"attempt:{cohort.code}:{attempt.fingerprint}")),
        "actor": actor(attempt, base, roster),
        "verb": _verb("passed" if attempt.passed else "failed"),
        "object": scenario_activity(cohort, base),
        "result": {
            "score": {"scaled": round(attempt.score / 100, 4), "raw": attempt.score,
                      "min": 0, "max": 100},
            "success": attempt.passed,
            "completion": True,
            "extensions": {f"{base}/xapi/grade": attempt.grade,
                           f"{base}/xapi/pass-mark": pass_mark,
                           f"{base}/xapi/unresolved": attempt.unresolved,
                           f"{base}/xapi/game-minutes": claimed.get("day", {}).get("minutes")},
        },
        "context": _context(cohort, base, attempt),
    }
    if proctored:
        statement["result"]["duration"] = iso_duration(attempt.played_seconds)
        statement["timestamp"] = attempt.finished_at
    else:
        statement["result"]["extensions"][f"{base}/xapi/self-reported"] = _self_reported(attempt)
    return statement


def _choices(scenario: Scenario | None, decision: dict[str, Any]) -> list[dict[str, Any]]:
    """The node's options as xAPI interaction components (empty without the scenario)."""
    if scenario is None:
        return []
    if not decision.get("encounter"):
        return [{"id": "handle", "description": {"en-US": "Handle it yourself"}},
                {"id": "delegate", "description": {"en-US": "Delegate it"}}]
    encounter = scenario.encounters.get(decision["encounter"])
    node = encounter.nodes.get(decision["node"]) if encounter else None
    return [{"id": c.id, "description": {"en-US": c.text}} for c in node.choices] if node else []


def decision_statements(cohort: Cohort, attempt: Attempt, parent_id: str,
                        base: str = DEFAULT_BASE, scenario: Scenario | None = None,
                        roster: dict[str, Player] | None = None) -> list[dict[str, Any]]:
    """One statement per decision of an attempt: node as activity, choice as response (with
    the node's options when ``scenario``, the cohort's version, is given)."""
    statements = []
    activity = scenario_activity(cohort, base)
    decisions = attempt.result.get("claimed", {}).get("decisions", [])
    for index, decision in enumerate(decisions):
        node = "/".join(quote(part) for part in (decision.get("encounter") or "delegation",
                                                 decision["node"]))
        context = _context(cohort, base, attempt)
        context["contextActivities"]["parent"] = [activity]
        context["statement"] = {"objectType": "StatementRef", "id": parent_id}
        context["extensions"][f"{base}/xapi/game-clock"] = decision["at"]
        context["extensions"][f"{base}/xapi/item"] = decision["item"]
        extensions: dict[str, Any] = {f"{base}/skills/{quote(skill)}": points
                                      for skill, points in decision["earned"].items()}
        extensions[f"{base}/xapi/skill-points-possible"] = decision["possible"]
        definition: dict[str, Any] = {"name": {"en-US": decision["prompt"]},
                                      "type": INTERACTION, "interactionType": "choice",
                                      "correctResponsesPattern": [decision["best"]]}
        choices = _choices(scenario, decision)
        if choices:
            definition["choices"] = choices
        statement = {
            "id": str(uuid.uuid5(_NAMESPACE, f"decision:{cohort.code}:{attempt.fingerprint}:"
                                             f"{index}")),
            "actor": actor(attempt, base, roster),
            "verb": _verb("responded"),
            "object": {"objectType": "Activity",
                       "id": f"{activity['id']}/nodes/{node}",
                       "definition": definition},
            "result": {"response": decision["chosen"], "success": bool(decision["was_best"]),
                       "extensions": extensions},
            "context": context,
        }
        if attempt.provenance == PROCTORED:
            statement["timestamp"] = attempt.finished_at
        statements.append(statement)
    return statements


def statements(cohort: Cohort, attempts: list[Attempt], decisions: bool = False,
               base: str = DEFAULT_BASE, scenario: Scenario | None = None,
               players: list[Player] | None = None) -> list[dict[str, Any]]:
    """Every attempt's statement (in submission order), each followed by its decisions'.
    ``players`` is the cohort's roster (actors by roster id and email)."""
    base = base.rstrip("/")
    roster = {p.player_id: p for p in players or []}
    out = []
    for attempt in attempts:
        statement = attempt_statement(cohort, attempt, base, roster)
        out.append(statement)
        if decisions:
            out.extend(decision_statements(cohort, attempt, statement["id"], base, scenario,
                                           roster))
    return out
