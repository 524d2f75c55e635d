"""Interruptions: an item with ``interrupts:`` that arrives while the player is with someone
must be answered at once: ``take`` it (the conversation goes on hold) or ``defer`` it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine.decisions import Option
from sim.engine.problems import ActionError

if TYPE_CHECKING:
    from sim.engine.simulation import Simulation
    from sim.engine.state import Item


def refuse_while_interrupted(sim: Simulation) -> None:
    """Raise ``ActionError`` while an interruption waits for its answer."""
    item = sim.interruption()
    if item is not None:
        raise ActionError(f"'{sim.title(item)}' is interrupting: take {item.id} (what you "
                          f"are doing goes on hold) or defer {item.id} first")


def interrupting(sim: Simulation, item_id: str) -> Item:
    """The interruption to answer, which must be ``item_id``."""
    item = sim.interruption()
    if item is None:
        raise ActionError("nothing is interrupting you")
    if item.id != item_id:
        raise ActionError(f"'{sim.title(item)}' ({item.id}) is the interruption to answer")
    return item


def answer(sim: Simulation, item: Item, reply_id: str, answered: bool = True) -> None:
    """Settle the interruption of ``item`` with ``reply_id`` ("take" or "wait"): its effects,
    flags, log line and (when scored) the decision. Unanswered (it rang out, or the day
    closed) counts as letting it wait, without the new patience."""
    sim.interruptions.remove(item)
    interrupt = item.event.interrupt
    assert interrupt is not None
    reply = interrupt.take if reply_id == "take" else interrupt.wait
    sim._apply_effects(reply.effects, item)
    sim._set_flags(reply.set)
    if answered and reply_id == "wait" and reply.patience is not None:
        item.patience = item.full_patience = reply.patience
    if reply.log:
        sim._log("interruption", sim.render(reply.log, item), item)
    if interrupt.scored:
        options = [Option("take", interrupt.take.text, interrupt.take.feedback,
                          interrupt.take.skills),
                   Option("wait", interrupt.wait.text, interrupt.wait.feedback,
                          interrupt.wait.skills)]
        sim._add_decision(item, "", "interrupt", f"'{sim.title(item)}' interrupts you",
                          options[0] if reply_id == "take" else options[1], options)
