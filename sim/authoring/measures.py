"""What a played day and a scenario file say about the juggling: how long the player waited,
how many items were open at once, whether holding or delegating was used, which choices
carry consequences into other encounters, and how far a surface-cue guesser gets.

All pure functions of a finished :class:`Simulation` or a :class:`Scenario`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sim.engine.model import Choice, Scenario
from sim.engine.paths import placeholders
from sim.engine.simulation import Simulation

CLOSING_KINDS = ("resolved", "expired", "delegated")  # log kinds that close an item


# -- a played day --------------------------------------------------------------------------------
def waited_minutes(sim: Simulation) -> int:
    """Minutes the player spent in ``wait`` (the actions' record, up to the close)."""
    record = sim.record
    total = 0
    for index, (at, text) in enumerate(record):
        if text.startswith("wait "):
            until = record[index + 1][0] if index + 1 < len(record) else sim.clock
            total += max(0, min(until, sim.clock) - at)
    return total


def waiting_share(sim: Simulation) -> float:
    """The share (0-1) of the day, as it ran, that the player spent waiting."""
    ran = sim.clock - sim.scenario.start
    return waited_minutes(sim) / ran if ran > 0 else 0.0


def peak_open(sim: Simulation) -> int:
    """The most items open at once (queued, in progress, on hold or delegated) during the day."""
    # An item is open until its outcome is logged: after the minutes of its last choice.
    closed = {entry.item: entry.clock for entry in sim.log if entry.kind in CLOSING_KINDS}
    moments: list[tuple[int, int]] = []
    for item in sim.items.values():
        moments.append((item.arrived, 1))
        moments.append((closed.get(item.id, sim.clock + 1), -1))
    peak = count = 0
    for _, change in sorted(moments):  # at the same minute, closing (-1) comes first
        count += change
        peak = max(peak, count)
    return peak


def juggles(sim: Simulation) -> dict[str, int]:
    """How often the play held, delegated or took an interruption."""
    verbs = [text.split()[0] for _, text in sim.record]
    return {verb: verbs.count(verb) for verb in ("hold", "delegate", "take")}


# -- a scenario file -----------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Consequence:
    """One way a choice in one encounter reaches another: a flag it sets that a later
    condition or text reads, or an event it triggers."""

    kind: str  # flag | trigger
    source: str  # the encounter (or event) that sets or triggers
    target: str  # the encounter (or event) that reads or arrives
    via: str  # the flag or the triggered event


def _flag_writes(scenario: Scenario) -> dict[str, set[str]]:
    """flag -> the encounters (or ``event:ID``, for a delegation's outcome) that change it.
    An expiry's outcome is left out: neglect isn't a choice carried forward."""
    writes: dict[str, set[str]] = {}
    for enc_id, encounter in scenario.encounters.items():
        for node in encounter.nodes.values():
            for choice in node.choices:
                for target in (*choice.set, *choice.effects):
                    if target.startswith("flags."):
                        writes.setdefault(target[6:], set()).add(enc_id)
    for event in scenario.events:  # a delegation's outcome follows from the choice to delegate
        outcomes = event.delegate.outcomes() if event.delegate else ()
        for outcome in outcomes:
            for target in (*outcome.set, *outcome.effects):
                if target.startswith("flags."):
                    writes.setdefault(target[6:], set()).add(f"event:{event.id}")
    return writes


def _conditions_of_node(node) -> list:
    conditions = [choice.when for choice in node.choices if choice.when is not None]
    conditions += [variant.when for variant in getattr(node, "variants", ())]
    return conditions


def _texts_of_node(node) -> list[str]:
    texts = [node.speaker, node.text, *(c.text for c in node.choices)]
    texts += [variant.text for variant in getattr(node, "variants", ())]
    return texts


def _flag_reads(scenario: Scenario) -> dict[str, set[str]]:
    """flag -> the encounters (or ``event:ID``) whose conditions or texts read it."""
    reads: dict[str, set[str]] = {}
    for enc_id, encounter in scenario.encounters.items():
        for node in encounter.nodes.values():
            names = {path for condition in _conditions_of_node(node)
                     for path, _ in condition.paths()}
            names |= {name for text in _texts_of_node(node) for name, _ in placeholders(text)}
            for name in names:
                if name.startswith("flags."):
                    reads.setdefault(name[6:], set()).add(enc_id)
    for event in scenario.events:
        if event.when is not None:
            for path, _ in event.when.paths():
                if path.startswith("flags."):
                    reads.setdefault(path[6:], set()).add(f"event:{event.id}")
    return reads


def consequences(scenario: Scenario) -> list[Consequence]:
    """Every cross-encounter consequence: a flag changed by a choice in one encounter (or by a
    delegation's outcome) and read by another encounter's conditions or texts, or by an
    event's ``when``; and every event a choice triggers."""
    found: set[Consequence] = set()
    writes, reads = _flag_writes(scenario), _flag_reads(scenario)
    for flag, writers in writes.items():
        for reader in reads.get(flag, ()):
            for writer in writers:
                if writer != reader and _own_event(scenario, writer) != reader:
                    found.add(Consequence("flag", writer, reader, flag))
    for enc_id, encounter in scenario.encounters.items():
        for node in encounter.nodes.values():
            for choice in node.choices:
                for event_id in choice.trigger:
                    found.add(Consequence("trigger", enc_id, f"event:{event_id}", event_id))
    return sorted(found)


def _own_event(scenario: Scenario, writer: str) -> str:
    """For ``event:ID`` the encounter that event plays (its outcome isn't another encounter)."""
    if writer.startswith("event:"):
        return scenario.event(writer[6:]).encounter
    return writer


# -- delegation ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DelegationFacts:
    """Per item that may be delegated: is delegating scored, wrong, candidate-dependent, and
    explained?"""

    event: str
    scored: bool
    wrong: bool  # delegating (to anyone) scores below handling it yourself
    whom_matters: bool  # candidates score differently
    explained: bool  # the decision has feedback for every option it can score


def delegation_facts(scenario: Scenario) -> list[DelegationFacts]:
    """Facts about every event's delegation block."""
    weights = scenario.rubric.skills
    facts = []
    for event in scenario.events:
        delegate = event.delegate
        if delegate is None:
            continue
        per_candidate = [_candidate_skills(delegate, staff) for staff in delegate.to]
        values = [sum(points * weights.get(skill, 0) for skill, points in skills.items())
                  for skills in per_candidate]
        scored = any(any(skills.values()) for skills in per_candidate)
        feedbacks = [_candidate_feedback(delegate, staff) for staff in delegate.to]
        facts.append(DelegationFacts(
            event.id, scored, min(values) < 0,
            len(set(values)) > 1, not scored or all(f.strip() for f in feedbacks)))
    return facts


def _candidate_skills(delegate, staff: str) -> dict[str, float]:
    candidate = getattr(delegate, "candidates", {}).get(staff)
    if candidate is not None and candidate.skills is not None:
        return dict(candidate.skills)
    return dict(delegate.skills)


def _candidate_feedback(delegate, staff: str) -> str:
    candidate = getattr(delegate, "candidates", {}).get(staff)
    if candidate is not None and candidate.feedback:
        return candidate.feedback
    return delegate.feedback


# -- the surface-cue guesser -----------------------------------------------------------------------
#: Words a trainee with no domain knowledge might take for "the professional answer", and for
#: "the careless one". The rule knows nothing about medical offices.
GOOD_CUES = ("listen", "explain", "ask", "offer", "check", "confirm", "privately", "calm",
             "apolog", "thank", "verify", "document", "both", "together", "option", "plan",
             "follow up", "acknowledge", "understand", "specific", "respect", "policy")
BAD_CUES = ("just", "ignore", "later", "refuse", "quick", "skip", "whatever", "won't",
            "never", "nobody", "probably", "anyway", "!", "tell him", "tell her", "tell them",
            "blame", "promise", "always")
WORD = re.compile(r"[a-z']+|!")


def cue_score(choice: Choice, position: int, count: int) -> float:
    """How professional a choice *sounds*: cue words, a middling-to-long length, not first."""
    text = choice.text.lower()
    score = 2.0 * sum(cue in text for cue in GOOD_CUES)
    score -= 2.0 * sum(cue in text for cue in BAD_CUES)
    score += min(len(WORD.findall(text)), 30) / 15
    if position == 0 and count > 2:
        score -= 0.5
    return score


@dataclass(frozen=True)
class GuessReport:
    """How often the guesser picks the rubric-best choice, against chance."""

    nodes: int
    hits: int
    chance: float  # expected hit rate of a uniform random pick

    @property
    def rate(self) -> float:
        """Hits per decision node (0-1)."""
        return self.hits / self.nodes if self.nodes else 0.0


def guess(scenario: Scenario, inverted: bool = False) -> GuessReport:
    """Run the surface-cue guesser over every decision node (two or more choices that are
    not all worth the same) of every encounter; ``inverted`` picks the choice that sounds
    *least* professional, which wins wherever the cues point away from the best answer."""
    weights = scenario.rubric.skills
    nodes = hits = 0
    chance = 0.0
    for encounter in scenario.encounters.values():
        for node in encounter.nodes.values():
            choices = node.choices
            if len(choices) < 2:
                continue
            values = [sum(p * weights.get(s, 0) for s, p in c.skills.items()) for c in choices]
            top = max(values)
            if top == min(values):
                continue
            cues = [cue_score(c, i, len(choices)) for i, c in enumerate(choices)]
            pick = cues.index(min(cues) if inverted else max(cues))
            nodes += 1
            hits += values[pick] == top
            chance += values.count(top) / len(choices)
    return GuessReport(nodes, hits, chance / nodes if nodes else 0.0)

