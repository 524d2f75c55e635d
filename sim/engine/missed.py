"""Missed decisions: what the items left unfinished at the close would have asked of the player.

Engine 2's scoring counts every node on an unfinished item's best line as a decision earned at
0 (see "How a day is scored" in docs/scenario-format.md). The best line is played on a scratch
copy of the state at the close (:class:`Scratch`), applying only the best choices' ``set`` and
``effects``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sim.engine.clock import format_clock
from sim.engine.decisions import weigh_choices
from sim.engine.model import END, Choice, Node
from sim.engine.paths import fixed_template
from sim.engine.snapshot import copy_values

if TYPE_CHECKING:
    from sim.engine.simulation import Simulation
    from sim.engine.state import Item


@dataclass
class MissedNode:
    """One node on a missed item's best line, scored as if its worst option had been chosen."""

    node: str
    prompt: str
    best: str
    best_text: str
    best_feedback: str
    possible: dict[str, float]


@dataclass
class MissedItem:
    """An item that arrived and was not finished, with the best line it would have taken."""

    item: str
    title: str
    kind: str
    status: str  # the item's state at the close, or "returned" after a failed delegation
    what: str
    at: str
    nodes: list[MissedNode] = field(default_factory=list)
    #: points possible per skill over the whole best line
    possible: dict[str, float] = field(default_factory=dict)

def missed_items(sim: Simulation, texts: bool = True) -> list[MissedItem]:
    """Every unfinished item of the day so far, in arrival order, with its best line; without
    ``texts`` only the points (for ranking days in a search: no titles, prompts or status)."""
    scratch = Scratch(sim)
    return [_missed(sim, scratch, item, texts) for item in sim.items.values()
            if item.state != "resolved"]


class Scratch:
    """The day's values as the best lines change them; the day itself is untouched.

    Only a choice's condition reads them, so the copy of the day is made when the first node
    with conditions is reached (most best lines reach none), and the changes made before then
    are applied to it first, in their order: what every condition sees is what it would see
    in a copy made at the start.
    """

    def __init__(self, sim: Simulation):
        self.sim = sim
        self.copy: Simulation | None = None
        self.pending: list[tuple[Choice, Item]] = []

    def choose(self, choice: Choice, item: Item) -> None:
        """Apply ``choice``'s effects and flags."""
        if self.copy is not None:
            self.copy._apply_effects(choice.effects, item)
            self.copy._set_flags(choice.set)
        elif choice.effects or choice.set:
            self.pending.append((choice, item))

    def available(self, node: Node, item: Item) -> Sequence[Choice]:
        """``node``'s choices whose conditions hold (the node's own tuple when none has one)."""
        if not node.conditional:
            return node.choices
        if self.copy is None:
            self.copy = copy = copy_values(self.sim)
            for choice, chosen_for in self.pending:
                copy._apply_effects(choice.effects, chosen_for)
                copy._set_flags(choice.set)
            self.pending = []
        copy = self.copy
        return [c for c in node.choices if c.when is None
                or c.when.evaluate(lambda path: copy.lookup(path, item))]


def _missed(sim: Simulation, scratch: Scratch, item: Item, texts: bool) -> MissedItem:
    if texts:
        status, what, at = _status(sim, item)
        missed = MissedItem(item.id, sim.title(item), item.event.kind, status, what, at)
    else:
        missed = MissedItem(item.id, "", item.event.kind, "", "", "")
    encounter = sim.scenario.encounters[item.encounter]
    node_id = item.run.node if item.run is not None else encounter.start
    key = (encounter.id, node_id, item.subject, texts)
    line = sim._missed_lines.get(key)
    if line is None:
        nodes, chosen, fixed = _best_line(sim, scratch, item, node_id, texts)
        possible = _line_possible(nodes)
        if fixed:
            sim._missed_lines[key] = (nodes, chosen, possible)
    else:  # the same line as last time: only the best choices' changes are made again
        nodes, chosen, possible = line
        for choice in chosen:
            scratch.choose(choice, item)
    missed.nodes.extend(nodes)
    missed.possible = possible
    return missed


def _line_possible(nodes: list[MissedNode]) -> dict[str, float]:
    """Points possible per skill over a line's nodes."""
    totals: dict[str, float] = {}
    for node in nodes:
        for skill, points in node.possible.items():
            totals[skill] = totals.get(skill, 0) + points
    return totals


def _best_line(sim: Simulation, scratch: Scratch, item: Item, node_id: str, texts: bool
               ) -> tuple[list[MissedNode], list[Choice], bool]:
    """The missed nodes of ``item``'s best line from ``node_id``, the best choices (applied
    to ``scratch`` as they are made), and whether the line is the same in every day of this
    scenario and seed: no condition chose among its choices, and every text on it reads
    nothing but names and roles. Such a line is kept (its nodes and points shared: never
    change them)."""
    encounter = sim.scenario.encounters[item.encounter]
    nodes: list[MissedNode] = []
    chosen: list[Choice] = []
    fixed = True
    seen: set[str] = set()
    while node_id != END and node_id not in seen:
        node = encounter.nodes.get(node_id)
        if node is None or node.closing:
            break
        seen.add(node_id)
        available = scratch.available(node, item)
        fixed = fixed and not node.conditional
        if not available:
            break
        _, _, (_, possible, best_option) = weigh_choices(
            sim.scenario, encounter.id, node.id, available, available[0].id,
            every=available is node.choices)
        best = next(c for c in available if c.id == best_option.id)
        if texts:
            fixed = (fixed and not node.variants and _fixed(node.text) and _fixed(best.text)
                     and _fixed(best.feedback))
            nodes.append(MissedNode(node.id, sim.prompt(node, item), best.id,
                                    sim.render(best.text, item),
                                    sim.render(best.feedback, item), dict(possible)))
        else:
            nodes.append(MissedNode(node.id, "", best.id, "", "", possible))
        scratch.choose(best, item)
        chosen.append(best)
        node_id = best.next
    return nodes, chosen, fixed


def _fixed(text: str) -> bool:
    """Whether ``text`` renders the same all day for one subject."""
    return "{" not in text or fixed_template(text)


def _status(sim: Simulation, item: Item) -> tuple[str, str, str]:
    """(status, what happened in words, when) for an unfinished item."""
    close = format_clock(sim.clock)
    if item.state == "expired":
        at = format_clock(item.closed_at if item.closed_at is not None else sim.clock)
        return "expired", f"expired at {at}", at
    if item.state == "delegated" and item.delegated_to:
        name = sim.people[item.delegated_to].name
        return "delegated", f"still with {name} at the close", close
    if item.state == "queued" and item.returned_from:
        name = sim.people[item.returned_from].name
        return "returned", f"came back from {name} and was left open", close
    if item.state == "on_hold":
        return "on_hold", "on hold at the close", close
    if item.state == "in_progress":
        return "in_progress", "still in your hands at the close", close
    return "queued", "left open, never attended", close
