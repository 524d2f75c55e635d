"""Scoring a finished (or stopped) day: skills, outcomes, the final score and the debrief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from sim.engine.clock import format_clock
from sim.engine.missed import MissedItem, missed_items
from sim.engine.simulation import ENGINE_VERSION, Simulation
from sim.engine.state import Decision

#: Every scoring rule this engine can apply, oldest first: "1" scores only the decisions
#: played; "2" adds the missed decisions of unfinished items and the delegation details; "3"
#: scores the delegation decision of an item left unattended (expired, or open at the close
#: without being delegated) as earning nothing, instead of as "handled it yourself".
ENGINES = ("1", "2", "3")

#: What an engine 3 debrief says was chosen for a delegation decision left unattended.
UNATTENDED_TEXT = "Left it unattended: neither delegated nor finished"
UNATTENDED_FEEDBACK = ("Nobody took it on, so this decision earned nothing: whether to keep an "
                       "item or hand it over only counts once someone does the work.")


def round1(value: float) -> float:
    """Round half up to one decimal, the same on every machine."""
    return _round1(repr(value))


@lru_cache(maxsize=1 << 14)
def _round1(text: str) -> float:
    """:func:`round1` of the number written ``text`` (keyed by its repr, so that -0.0 and 0.0,
    equal as keys, stay apart): search rounds the same few values thousands of times."""
    return float(Decimal(text).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _counts_missed(engine: str) -> bool:
    """Engine 2 and later count missed decisions and record delegation details."""
    return int(engine) >= 2


def _zeroes_unattended(engine: str) -> bool:
    """Engine 3 and later: an unattended item's delegation decision earns nothing."""
    return int(engine) >= 3


def earned_under(decision: Decision, engine: str) -> dict[str, float]:
    """The points ``decision`` earned per skill under ``engine``'s rule."""
    if decision.unattended and _zeroes_unattended(engine):
        return {skill: 0 for skill in decision.earned}
    return decision.earned


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass
class Component:
    """One scored part of the rubric (a skill or an outcome)."""

    id: str
    kind: str  # skill | outcome
    score: float | None
    weight: float
    earned: float = 0
    possible: float = 0


@dataclass
class Result:
    """Everything a finished day produced: score, debrief and the replay record."""

    scenario: dict[str, Any]
    score: float
    grade: str
    passed: bool
    pass_mark: float
    skills: list[Component]
    outcomes: list[Component]
    decisions: list[dict[str, Any]]
    expired: list[dict[str, Any]]
    unresolved: list[dict[str, Any]]
    log: list[str]
    day: dict[str, Any]
    replay: dict[str, Any] = field(default_factory=dict)
    missed: list[dict[str, Any]] | None = None  # engine 2 and later

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (an engine 1 result has no ``missed`` key, as it never had)."""
        data = asdict(self)
        if data["missed"] is None:
            del data["missed"]
        return data


def outcome_values(sim: Simulation) -> dict[str, float | None]:
    """The six outcomes (0-100) of the day so far; ``None`` where there is nothing to measure."""
    people = sim.people.values()
    arrived = list(sim.items.values())
    resolved = [item for item in arrived if item.state == "resolved"]
    return {
        "patient_satisfaction": _mean([sim.people[p].meters["mood"]
                                       for p in sim.appeared_patients]),
        "staff_morale": _mean([p.meters["morale"] for p in people if p.group == "staff"]),
        "physician_trust": _mean([p.meters["trust"] for p in people if p.group == "physician"]),
        "reputation": sim.practice["reputation"],
        "compliance": sim.practice["compliance"],
        "throughput": 100 * len(resolved) / len(arrived) if arrived else None,
    }


def skill_totals(sim: Simulation, missed: Sequence[MissedItem] = (),
                 engine: str = ENGINE_VERSION) -> dict[str, tuple[float, float]]:
    """Earned and possible points per skill over every decision, missed ones earning 0."""
    if engine == ENGINE_VERSION:  # kept as the day goes, in the same order as the loop
        totals = {skill: list(pair) for skill, pair in sim.played_totals.items()}
    else:
        totals = {}
        for decision in sim.decisions:
            earned = earned_under(decision, engine)
            for skill, possible in decision.possible.items():
                entry = totals.setdefault(skill, [0, 0])
                entry[0] += earned[skill]
                entry[1] += possible
    for item in missed:
        for skill, possible in item.possible.items():
            totals.setdefault(skill, [0, 0])[1] += possible
    return {skill: (earned, possible) for skill, (earned, possible) in totals.items()}


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r} is not one this version knows "
                         f"({', '.join(ENGINES)})")


def _components(sim: Simulation, missed: Sequence[MissedItem], engine: str
                ) -> tuple[list[Component], list[Component], float]:
    """The skill and outcome components of the day and its final score."""
    rubric = sim.scenario.rubric
    totals = skill_totals(sim, missed, engine)
    skills = []
    for skill, weight in rubric.skills.items():
        earned, possible = totals.get(skill, (0, 0))
        value = round1(100 * earned / possible) if possible else None
        skills.append(Component(skill, "skill", value, weight, earned, possible))
    measured = outcome_values(sim)
    outcomes = [Component(outcome, "outcome",
                          None if measured[outcome] is None else round1(measured[outcome]),
                          weight) for outcome, weight in rubric.outcomes.items()]
    scored = [c for c in (*skills, *outcomes) if c.score is not None and c.weight > 0]
    total_weight = sum(c.weight for c in scored)
    final = round1(sum(c.score * c.weight for c in scored) / total_weight) if total_weight else 0.0
    return skills, outcomes, final


def final_score(sim: Simulation, engine: str = ENGINE_VERSION) -> float:
    """Only the final score of :func:`score` (for search, which ranks thousands of days)."""
    _check_engine(engine)
    missed = missed_items(sim, texts=False) if _counts_missed(engine) else []
    return _components(sim, missed, engine)[2]


def score(sim: Simulation, engine: str = ENGINE_VERSION) -> Result:
    """Score the day as it stands (normally once it has closed) under an engine's rule."""
    _check_engine(engine)
    scenario = sim.scenario
    rubric = scenario.rubric
    missed = missed_items(sim) if _counts_missed(engine) else []
    skills, outcomes, final = _components(sim, missed, engine)
    grade = next((g.grade for g in rubric.grades if final >= g.min), rubric.grades[-1].grade)
    return Result(
        scenario={"id": scenario.id, "title": scenario.title, "version": scenario.version,
                  "sha256": scenario.sha256},
        score=final, grade=grade, passed=final >= rubric.pass_mark, pass_mark=rubric.pass_mark,
        skills=skills, outcomes=outcomes,
        decisions=[_decision(d, engine) for d in sim.decisions],
        expired=[_item(sim, i) for i in sim.items.values() if i.state == "expired"],
        unresolved=[_item(sim, i) for i in sim.open_items()],
        log=[f"{format_clock(e.clock)} {e.text}" for e in sim.log],
        day={"start": format_clock(scenario.start), "end": format_clock(scenario.end),
             "closed_at": format_clock(sim.clock), "minutes": sim.clock - scenario.start,
             "over": sim.is_over},
        replay=replay_record(sim, engine),
        missed=[_missed(item) for item in missed] if _counts_missed(engine) else None,
    )


def replay_record(sim: Simulation, engine: str = ENGINE_VERSION) -> dict[str, Any]:
    """The run itself: scenario identity, seed, timestamped actions and the scoring engine."""
    return {
        "scenario_id": sim.scenario.id,
        "version": sim.scenario.version,
        "sha256": sim.scenario.sha256,
        "seed": sim.seed,
        "engine_version": engine,
        "actions": [{"at": format_clock(at), "action": text} for at, text in sim.record],
    }


def _decision(decision: Decision, engine: str) -> dict[str, Any]:
    data = {
        "at": format_clock(decision.clock), "item": decision.item,
        "encounter": decision.encounter, "node": decision.node, "prompt": decision.prompt,
        "chosen": decision.chosen, "chosen_text": decision.chosen_text,
        "feedback": decision.feedback, "best": decision.best, "best_text": decision.best_text,
        "best_feedback": decision.best_feedback, "was_best": decision.was_best,
        "earned": decision.earned, "possible": decision.possible,
    }
    if _counts_missed(engine) and decision.node == "delegate" and not decision.encounter:
        if decision.delegated_name:
            data["chosen_text"] = f"Delegate it to {decision.delegated_name}"
        data["feedback"] = decision.feedback or decision.reason
        data["best_feedback"] = decision.best_feedback or decision.reason
        data.update(delegated_to=decision.delegated_to, delegated_name=decision.delegated_name,
                    outcome=decision.outcome)
        if decision.unattended and _zeroes_unattended(engine):
            data.update(chosen="unattended", chosen_text=UNATTENDED_TEXT, was_best=False,
                        earned=earned_under(decision, engine), outcome="unattended",
                        feedback=f"{UNATTENDED_FEEDBACK} {data['best_feedback']}".strip())
    return data


def _missed(item: MissedItem) -> dict[str, Any]:
    first = item.nodes[0] if item.nodes else None
    return {
        "item": item.item, "title": item.title, "kind": item.kind, "status": item.status,
        "what": item.what, "at": item.at, "possible": dict(item.possible),
        "nodes": [{"node": n.node, "prompt": n.prompt, "best": n.best, "best_text": n.best_text,
                   "best_feedback": n.best_feedback, "possible": dict(n.possible)}
                  for n in item.nodes],  # asdict's deep copies, without their cost
        "first_reply": first.best_text if first else "",
        "first_feedback": first.best_feedback if first else "",
    }


def _item(sim: Simulation, item: Any) -> dict[str, Any]:
    return {"item": item.id, "title": sim.title(item), "arrived": format_clock(item.arrived),
            "kind": item.event.kind}
