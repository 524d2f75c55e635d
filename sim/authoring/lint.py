"""Lint: warnings about a valid scenario that is probably not what its author meant.

Each rule is a function ``(context) -> None`` that calls ``context.warn``; a warning prints
as ``FILE:LINE:COL: warning: message [rule] (hint)``. ``validate`` shows them after the
errors, and ``validate --strict`` counts them as errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.authoring.analysis import (
    Reach,
    arrival_problem,
    can_hold,
    ending_nodes,
    event_outcomes,
    flag_domains,
    iter_choices,
    reach,
    shortest_minutes,
)
from sim.engine.clock import format_clock
from sim.engine.includes import Locator
from sim.engine.loader import check_source_located, read_source, scenario_id_from_path
from sim.engine.model import Choice, Event, Node, Reply, Scenario
from sim.engine.paths import placeholders
from sim.engine.problems import Problem

P = tuple[Any, ...]


@dataclass
class LintContext:
    """A loaded scenario, where its values are, what it can reach, and the warnings so far."""

    scenario: Scenario
    locate: Locator
    reach: Reach
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, path: P, rule: str, message: str, hint: str) -> None:
        """Add a warning located at ``path`` of the scenario data."""
        file, line, column = self.locate(path)
        self.warnings.append(Problem(file, line, column, f"{message} [{rule}]", "warning", hint))

    def event_path(self, event_id: str) -> P:
        """The data path of an event."""
        index = next(i for i, e in enumerate(self.scenario.events) if e.id == event_id)
        return ("events", index)

    def choice_path(self, enc_id: str, node: Node, choice: Choice) -> P:
        """The data path of a choice."""
        return ("encounters", enc_id, "nodes", node.id, "choices", node.choices.index(choice))


Rule = Callable[[LintContext], None]


def unreachable_nodes(ctx: LintContext) -> None:
    """Nodes no path of choices leads to."""
    for enc_id, encounter in ctx.scenario.encounters.items():
        if enc_id not in ctx.reach.encounters:
            continue
        for node_id in encounter.nodes:
            if node_id not in ctx.reach.nodes[enc_id]:
                ctx.warn(("encounters", enc_id, "nodes", node_id, "<key>"), "unreachable-node",
                         f"node '{node_id}' of encounter '{enc_id}' can never be reached",
                         "point a choice's next: at it, or delete it")


def unused_encounters(ctx: LintContext) -> None:
    """Encounters that no event which can arrive plays."""
    for enc_id in ctx.scenario.encounters:
        if enc_id not in ctx.reach.encounters:
            used = any(e.encounter == enc_id for e in ctx.scenario.events)
            ctx.warn(("encounters", enc_id, "<key>"), "unreachable-encounter",
                     f"encounter '{enc_id}' is never played" + (
                         " (its events never arrive)" if used else ""),
                     "name it in an event's encounter:, or delete it")


def dead_end_nodes(ctx: LintContext) -> None:
    """Reachable nodes from which the conversation can never end."""
    for enc_id, encounter in ctx.scenario.encounters.items():
        if enc_id not in ctx.reach.encounters:
            continue
        can_end = ending_nodes(encounter, ctx.reach.dead_choices)
        for node_id in sorted(ctx.reach.nodes[enc_id] - can_end):
            ctx.warn(("encounters", enc_id, "nodes", node_id, "<key>"), "no-way-to-end",
                     f"from node '{node_id}' of encounter '{enc_id}' the conversation can "
                     "never reach end", "give it (or a node after it) a choice with next: end")


def never_true_conditions(ctx: LintContext) -> None:
    """Choices whose ``when`` fails for every value the flags can ever take."""
    for enc_id, node_id, choice_id in sorted(ctx.reach.dead_choices):
        node = ctx.scenario.encounters[enc_id].nodes[node_id]
        choice = next(c for c in node.choices if c.id == choice_id)
        ctx.warn((*ctx.choice_path(enc_id, node, choice), "when"), "never-offered",
                 f"choice '{choice_id}' is never offered: its when can't hold with the flag "
                 "values that are ever set", "check the flag names and the values set:")
    domains = flag_domains(ctx.scenario)
    for event in ctx.scenario.events:
        if event.when is not None and not can_hold(event.when, ctx.scenario, domains):
            ctx.warn((*ctx.event_path(event.id), "when"), "never-offered",
                     f"event '{event.id}' never arrives: its when can't hold",
                     "check the flag names and the values set:")
    for enc_id, encounter in ctx.scenario.encounters.items():
        for node in encounter.nodes.values():
            for index, variant in enumerate(node.variants):
                if not can_hold(variant.when, ctx.scenario, domains):
                    ctx.warn(("encounters", enc_id, "nodes", node.id, "variants", index, "when"),
                             "never-offered", f"variant {index + 1} of node '{node.id}' is "
                             "never shown: its when can't hold",
                             "check the flag names and the values set:")


def flag_usage(ctx: LintContext) -> None:
    """Flags read but never changed, or changed but never read."""
    scenario = ctx.scenario
    read: set[str] = set()
    written: set[str] = set()
    for text in _texts(scenario):
        read.update(name[6:] for name, _ in placeholders(text) if name.startswith("flags."))
    conditions = [c.when for c in iter_choices(scenario) if c.when] + [
        e.when for e in scenario.events if e.when] + [
        v.when for enc in scenario.encounters.values() for node in enc.nodes.values()
        for v in node.variants]
    for condition in conditions:
        read.update(path[6:] for path, _ in condition.paths() if path.startswith("flags."))
    for choice in iter_choices(scenario):
        written.update(t[6:] for t in (*choice.set, *choice.effects) if t.startswith("flags."))
    for event in scenario.events:
        for outcome in event_outcomes(event):
            written.update(t[6:] for t in (*outcome.set, *outcome.effects)
                           if t.startswith("flags."))
        for reply in _replies(event):
            written.update(t[6:] for t in (*reply.set, *reply.effects) if t.startswith("flags."))
    for name in scenario.flags:
        if name in read and name not in written:
            ctx.warn(("flags", name, "<key>"), "flag-never-set",
                     f"flag '{name}' is read but never set, so it is always "
                     f"{scenario.flags[name]!r}", "set it in a choice's set: or effects:")
        elif name in written and name not in read:
            ctx.warn(("flags", name, "<key>"), "flag-never-read",
                     f"flag '{name}' is set but never read",
                     "use it in a when: or a {flags.name} text, or delete it")
        elif name not in read:
            ctx.warn(("flags", name, "<key>"), "flag-never-read",
                     f"flag '{name}' is never used", "delete it")


def _texts(scenario: Scenario) -> list[str]:
    texts = []
    for encounter in scenario.encounters.values():
        texts.append(encounter.title)
        for node in encounter.nodes.values():
            texts += [node.speaker, node.text]
            texts += [t for v in node.variants for t in (v.text, v.speaker or "")]
            texts += [t for c in node.choices for t in (c.text, c.feedback)]
    for event in scenario.events:
        texts += [event.title, event.on_expire.log]
        if event.delegate:
            texts += [*(o.log for o in event.delegate.outcomes()),
                      *(c.feedback for c in event.delegate.candidates.values())]
        texts += [t for r in _replies(event) for t in (r.text, r.log, r.feedback)]
    return texts


def _replies(event: Event) -> tuple[Reply, ...]:
    """An interruption's two answers (none for an ordinary event)."""
    return (event.interrupt.take, event.interrupt.wait) if event.interrupt else ()


def unscored_skills(ctx: LintContext) -> None:
    """Rubric skills with a weight that no decision can ever score."""
    scenario = ctx.scenario
    scored: set[str] = set()
    for encounter in scenario.encounters.values():
        for node in encounter.nodes.values():
            skills = {s for c in node.choices for s in c.skills}
            for skill in skills:
                if len({c.skills.get(skill, 0) for c in node.choices}) > 1:
                    scored.add(skill)
    for event in scenario.events:
        if event.delegate:
            for staff in event.delegate.to:
                scored.update(s for s, v in event.delegate.skills_for(staff).items() if v)
        replies = _replies(event)
        for skill in {s for r in replies for s in r.skills}:
            if len({r.skills.get(skill, 0) for r in replies}) > 1:
                scored.add(skill)
    for skill, weight in scenario.rubric.skills.items():
        if weight and skill not in scored:
            ctx.warn(("rubric", "skills", skill, "<key>"), "unscored-skill",
                     f"rubric skill '{skill}' is never awarded: no choice gives it more "
                     "points than another", "add skills: points to some choices, or drop it")


def event_timing(ctx: LintContext) -> None:
    """Events kept out of the day by their timing, or that nothing triggers."""
    triggers = {t for c in iter_choices(ctx.scenario) for t in c.trigger}
    for event in ctx.scenario.events:
        path = ctx.event_path(event.id)
        problem = arrival_problem(event, ctx.scenario)
        if problem:
            ctx.warn((*path, "id"), "event-outside-day", f"event '{event.id}' never arrives: "
                     f"{problem}", "move it inside day.start-day.end")
        elif event.is_triggered and event.id not in triggers:
            ctx.warn((*path, "id"), "event-never-triggered", f"event '{event.id}' has no at: "
                     "or every:, and no choice triggers it", "add it to a choice's trigger:, "
                     "or give it at:")
        elif event.is_triggered and event.id not in ctx.reach.events:
            ctx.warn((*path, "id"), "event-never-triggered", f"event '{event.id}' is only "
                     "triggered by choices that are never offered", "trigger it from a "
                     "reachable choice")


def missing_feedback(ctx: LintContext) -> None:
    """Choices without feedback: the debrief can't say why they were good or bad."""
    for enc_id, encounter in ctx.scenario.encounters.items():
        for node in encounter.nodes.values():
            for choice in node.choices:
                if not choice.feedback.strip():
                    ctx.warn(ctx.choice_path(enc_id, node, choice), "no-feedback",
                             f"choice '{choice.id}' has no feedback",
                             "add feedback: saying why it is good or bad")


def unexplained_decisions(ctx: LintContext) -> None:
    """Scored delegations and interruptions without feedback: the debrief can't say why."""
    for event in ctx.scenario.events:
        path = ctx.event_path(event.id)
        delegate = event.delegate
        if delegate is not None and delegate.scored:
            silent = [ctx.scenario.staff[s].name for s in delegate.to
                      if not delegate.feedback_for(s).strip()]
            if silent:
                ctx.warn((*path, "delegate"), "delegation-no-feedback",
                         f"delegating '{event.id}' is scored but has no feedback"
                         + (f" for {', '.join(silent)}" if delegate.candidates else ""),
                         "add delegate.feedback: (or candidates.ID.feedback:) saying when "
                         "handing it over is wise, and to whom")
        interrupt = event.interrupt
        if interrupt is not None and interrupt.scored:
            for answer, reply in (("take", interrupt.take), ("wait", interrupt.wait)):
                if not reply.feedback.strip():
                    ctx.warn((*path, "interrupts"), "interruption-no-feedback",
                             f"the interruption '{event.id}' is scored but its {answer} answer "
                             "has no feedback", f"add interrupts.{answer}.feedback:")


#: A length tell: picking the longest (or shortest) text finds the best choice in more than
#: this share of a scenario's decision nodes with three or more choices (chance is 1/3 or less).
MAX_LENGTH_TELL = 0.4


def length_tells(ctx: LintContext) -> None:
    """Best choices that are too often the longest (or shortest) text: trainees learn to pick
    by length. Counted over the scenario's nodes with three or more choices and a single best,
    and reported on each such node once the share passes ``MAX_LENGTH_TELL``."""
    weights = ctx.scenario.rubric.skills
    nodes = 0
    hits: dict[str, list[tuple[str, Node, Choice]]] = {"longest": [], "shortest": []}
    for enc_id, encounter in ctx.scenario.encounters.items():
        for node in encounter.nodes.values():
            if len(node.choices) < 3:
                continue

            def value(choice: Choice) -> float:
                return sum(p * weights.get(s, 0) for s, p in choice.skills.items())

            ranked = sorted(node.choices, key=value, reverse=True)
            best = ranked[0]
            if value(best) == value(ranked[1]):
                continue
            nodes += 1
            others = [len(c.text) for c in node.choices if c is not best]
            if len(best.text) > max(others):
                hits["longest"].append((enc_id, node, best))
            elif len(best.text) < min(others):
                hits["shortest"].append((enc_id, node, best))
    for kind, found in hits.items():
        if len(found) < 2 or len(found) <= MAX_LENGTH_TELL * nodes:
            continue
        share = f"{len(found)} of {nodes} decision nodes ({100 * len(found) // nodes}%)"
        for enc_id, node, best in found:
            ctx.warn(ctx.choice_path(enc_id, node, best), f"{kind}-is-best",
                     f"the best choice is the {kind} text in {share}; here '{best.id}' in "
                     f"node '{node.id}'",
                     f"keep it to at most {int(MAX_LENGTH_TELL * 100)}%: vary which option is "
                     "the longest and the shortest")


def overbooked_day(ctx: LintContext) -> None:
    """Scripted events needing more of the player's time than the day has, even at best."""
    scenario = ctx.scenario
    jobs = []
    for event in scenario.events:
        if event.at is None or event.when is not None:
            continue  # only events certain to arrive count against the day
        minutes = shortest_minutes(scenario.encounters[event.encounter])
        if minutes is None:
            continue
        if event.delegate:
            minutes = min(minutes, 1)
        jobs.append((event.at, minutes, event.id))
    clock = scenario.start
    for at, minutes, event_id in sorted(jobs):
        clock = max(clock, at) + minutes
        if clock > scenario.end:
            ctx.warn((*ctx.event_path(event_id), "at"), "day-overbooked",
                     f"the scripted events up to '{event_id}' need your time until "
                     f"{format_clock(clock)} even at best, but the day ends at "
                     f"{format_clock(scenario.end)}", "end the day later, or space the events")
            return


def id_and_file_name(ctx: LintContext) -> None:
    """A scenario is found by its file name and named by its id: they should be the same."""
    scenario = ctx.scenario
    stem = scenario_id_from_path(scenario.path) if scenario.path else scenario.id
    if stem != scenario.id:
        ctx.warn(("id",), "id-not-file-name", f"the id '{scenario.id}' differs from the file "
                 f"name '{Path(scenario.path).name}'", f"rename the file to {scenario.id}.yaml "
                 f"or write id: {stem}; both work with run and play, but one name is clearer")


RULES: tuple[Rule, ...] = (
    id_and_file_name,
    unused_encounters,
    unreachable_nodes,
    dead_end_nodes,
    never_true_conditions,
    flag_usage,
    unscored_skills,
    event_timing,
    missing_feedback,
    unexplained_decisions,
    length_tells,
    overbooked_day,
)


def lint(scenario: Scenario, locate: Locator) -> list[Problem]:
    """Every warning about a valid scenario, sorted by place."""
    ctx = LintContext(scenario, locate, reach(scenario))
    for rule in RULES:
        rule(ctx)
    return sorted(ctx.warnings)


def check_file(path: str | os.PathLike[str], warnings: bool = True) -> list[Problem]:
    """Errors of a scenario file, or (when it has none) its lint warnings."""
    raw, problems = read_source(path)
    if raw is None:
        return problems
    scenario, problems, locate = check_source_located(raw, str(path))
    if scenario is None or locate is None or not warnings:
        return problems
    return problems + lint(scenario, locate)
