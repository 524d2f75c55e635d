"""Static facts about a scenario shared by the lint rules, ``explore`` and ``graph``:
which flag values can ever occur, which conditions can ever hold, and which nodes,
encounters and events can be reached."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from sim.engine.expr import Condition
from sim.engine.model import END, Choice, Encounter, Event, Outcome, Scenario

ANY = object()  # a value the analysis can't pin down
MAYBE = object()  # a truth value that depends on what happens in play
MAX_COMBINATIONS = 20_000


def flag_domains(scenario: Scenario) -> dict[str, set[Any] | object]:
    """Every value each flag can take: a finite set, or ``ANY`` when effects change it."""
    domains: dict[str, set[Any] | object] = {name: {value}
                                             for name, value in scenario.flags.items()}
    changes: list[tuple[dict[str, Any], dict[str, float]]] = [
        (choice.set, choice.effects) for choice in iter_choices(scenario)]
    changes += [(outcome.set, outcome.effects) for event in scenario.events
                for outcome in event_outcomes(event)]
    for assignments, effects in changes:
        for target, value in assignments.items():
            domain = domains.get(target.removeprefix("flags."))
            if isinstance(domain, set):
                domain.add(value)
        for target in effects:
            if target.startswith("flags."):
                domains[target[6:]] = ANY
    return domains


def event_outcomes(event: Event) -> Iterator[Outcome]:
    """An event's outcome blocks: on expiry, and a delegation's success and failure."""
    yield event.on_expire
    if event.delegate:
        yield from event.delegate.outcomes()


def iter_choices(scenario: Scenario) -> Iterator[Choice]:
    """Every choice of every node of every encounter."""
    for encounter in scenario.encounters.values():
        for node in encounter.nodes.values():
            yield from node.choices


def can_hold(condition: Condition, scenario: Scenario,
             domains: dict[str, set[Any] | object] | None = None) -> bool:
    """False only when ``condition`` is false for every flag value and clock time the day allows."""
    domains = flag_domains(scenario) if domains is None else domains
    finite: dict[str, list[Any]] = {}
    for path, _ in condition.paths():
        if path == "clock":
            finite[path] = list(range(scenario.start, scenario.end + 1))
        elif path.startswith("flags."):
            domain = domains.get(path[6:], ANY)
            if isinstance(domain, set):
                finite[path] = sorted(domain, key=repr)
    names = list(finite)
    total = 1
    for name in names:
        total *= len(finite[name])
    if total > MAX_COMBINATIONS:
        return True
    for values in itertools.product(*(finite[n] for n in names)):
        binding = dict(zip(names, values, strict=True))
        if _truth(_eval(condition.tree, binding)) is not False:
            return True
    return False


def _truth(value: Any) -> Any:
    return MAYBE if value is ANY or value is MAYBE else bool(value)


def _eval(tree: tuple[Any, ...], binding: dict[str, Any]) -> Any:
    """Three-valued evaluation mirroring the engine's: unknown paths give ``ANY``."""
    kind = tree[0]
    if kind == "value":
        return tree[1]
    if kind == "path":
        return binding.get(tree[1], ANY)
    if kind in ("and", "or"):
        left, right = _truth(_eval(tree[1], binding)), _truth(_eval(tree[2], binding))
        decisive = kind == "or"  # True decides an or, False an and
        if left is decisive or right is decisive:
            return decisive
        if left is MAYBE or right is MAYBE:
            return MAYBE
        return not decisive
    if kind == "not":
        inner = _truth(_eval(tree[1], binding))
        return MAYBE if inner is MAYBE else not inner
    left, right = _eval(tree[2], binding), _eval(tree[3], binding)
    if left is ANY or right is ANY:
        return MAYBE
    op = tree[1]
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if isinstance(left, str) != isinstance(right, str):
        return False
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


@dataclass
class Reach:
    """What a scenario can reach: nodes per encounter, encounters, events, live choices."""

    nodes: dict[str, set[str]] = field(default_factory=dict)
    encounters: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    dead_choices: set[tuple[str, str, str]] = field(default_factory=set)  # enc, node, choice


def reach(scenario: Scenario) -> Reach:
    """Reachability: events that can arrive, the encounters they play, the nodes those reach."""
    domains = flag_domains(scenario)
    result = Reach()
    for enc_id, encounter in scenario.encounters.items():
        for node in encounter.nodes.values():
            for choice in node.choices:
                if choice.when is not None and not can_hold(choice.when, scenario, domains):
                    result.dead_choices.add((enc_id, node.id, choice.id))
        result.nodes[enc_id] = reachable_nodes(encounter, result.dead_choices)
    triggered: set[str] = set()
    pending = [e for e in scenario.events if not e.is_triggered and arrives(e, scenario, domains)]
    while pending:
        event = pending.pop()
        if event.id in result.events:
            continue
        result.events.add(event.id)
        for enc_id in event.encounters:
            result.encounters.add(enc_id)
            encounter = scenario.encounters[enc_id]
            for node_id in result.nodes[enc_id]:
                for choice in encounter.nodes[node_id].choices:
                    if (enc_id, node_id, choice.id) in result.dead_choices:
                        continue
                    for target in choice.trigger:
                        triggered.add(target)
                        follow = scenario.event(target)
                        if arrives(follow, scenario, domains):
                            pending.append(follow)
    return result


def arrives(event: Event, scenario: Scenario, domains: dict[str, set[Any] | object]) -> bool:
    """False when an event can never arrive in the day, whatever the player does."""
    if event.when is not None and not can_hold(event.when, scenario, domains):
        return False
    return arrival_problem(event, scenario) is None


def arrival_problem(event: Event, scenario: Scenario) -> str | None:
    """Why an event's timing keeps it out of the day, or ``None``."""
    if event.is_stream:
        assert event.every is not None and event.start is not None and event.until is not None
        first = event.start + event.every[0]
        last = min(event.until, scenario.end - 1)
        if first > last:
            return (f"its first walk-in comes at the earliest {event.every[0]} min after from:, "
                    "which is past until: or the end of the day")
    elif event.is_triggered and scenario.start + event.after >= scenario.end:
        return f"after: {event.after} puts it past the end of the day however early it is triggered"
    return None


def reachable_nodes(encounter: Encounter,
                    dead: AbstractSet[tuple[str, str, str]] = frozenset()) -> set[str]:
    """Nodes reachable from the start along choices that can hold."""
    seen = {encounter.start}
    stack = [encounter.start]
    while stack:
        node = encounter.nodes[stack.pop()]
        for choice in node.choices:
            if (encounter.id, node.id, choice.id) in dead or choice.next == END:
                continue
            if choice.next not in seen:
                seen.add(choice.next)
                stack.append(choice.next)
    return seen


def ending_nodes(encounter: Encounter,
                 dead: AbstractSet[tuple[str, str, str]] = frozenset()) -> set[str]:
    """Nodes from which the encounter can end (a choice to ``end`` or a closing node)."""
    done = {n.id for n in encounter.nodes.values() if n.closing}
    changed = True
    while changed:
        changed = False
        for node in encounter.nodes.values():
            if node.id in done:
                continue
            for choice in node.choices:
                if (encounter.id, node.id, choice.id) in dead:
                    continue
                if choice.next == END or choice.next in done:
                    done.add(node.id)
                    changed = True
                    break
    return done


def shortest_minutes(encounter: Encounter) -> int | None:
    """The fewest game minutes from the start to the end of an encounter (``None``: never)."""
    best = {encounter.start: 0}
    heap = [(0, encounter.start)]
    while heap:
        minutes, node_id = heapq.heappop(heap)
        if node_id == END or encounter.nodes[node_id].closing:
            return minutes
        if minutes > best.get(node_id, minutes):
            continue
        for choice in encounter.nodes[node_id].choices:
            total = minutes + choice.minutes
            if total < best.get(choice.next, total + 1):
                best[choice.next] = total
                heapq.heappush(heap, (total, choice.next))
    return None
