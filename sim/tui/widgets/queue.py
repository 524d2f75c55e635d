"""The queue: open items in arrival order, each with its kind, wait and the patience it has left
(prioritising is the player's job, so the game doesn't sort by urgency)."""

from __future__ import annotations

from textual.content import Content

from sim.engine import Item, Simulation, format_clock
from sim.tui.text import badge, bar, join, literal, meter_style
from sim.tui.widgets.line_list import LineList, Option


def item_prompt(sim: Simulation, item: Item) -> Content:
    """Two lines: badge and title; waiting time and patience left."""
    full = item.full_patience or max(item.patience, 1)
    fraction = item.patience / full
    state = " on hold" if item.state == "on_hold" else ""
    return join(
        badge(item.event.kind), " ", literal(sim.title(item)), "\n",
        Content(f"  {short_minutes(sim.clock - item.arrived)} waited ").stylize("$text-muted"),
        bar(fraction, 6), " ",
        Content(f"{short_minutes(item.patience)} left").stylize(meter_style(fraction)),
        Content(state).stylize("bold $warning"),
    )


def short_minutes(count: int) -> str:
    """``7m``."""
    return f"{count}m"


def delegated_prompt(sim: Simulation, item: Item) -> Content:
    """A delegated item: who has it and when they'll be back."""
    person = sim.person(item.delegated_to)
    back = format_clock(person.busy_until) if person and person.busy_until else "?"
    return join(badge(item.event.kind).stylize("dim"), " ",
                literal(sim.title(item), "$text-muted"), "\n",
                Content("    with ").stylize("$text-muted"),
                literal(person.name if person else "staff", "$text-muted"),
                Content(f", back at {back}").stylize("$text-muted"))


class QueueList(LineList):
    """Queue items as options; Enter (the office's key) or a click attends.

    The highlight stays on its item while the queue changes (arrivals, expiries, an item
    coming back); when that item leaves, it moves to the one now in its place. Only ↑↓ are
    the queue's own keys: the office's bindings take Enter (attend), PgUp/PgDn and Home/End
    (the conversation) at once, so keys typed fast run in the order they were typed (a
    selection message would attend only after the keys queued behind Enter).
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._key: tuple[object, ...] | None = None  # what the queue was last built from

    def highlighted_item(self) -> str | None:
        """The id of the highlighted waiting item."""
        index = self.highlighted
        if index is None or index >= self.option_count:
            return None
        option_id = self.get_option_at_index(index).id
        return None if option_id.startswith("delegated:") else option_id

    def show(self, sim: Simulation) -> None:
        """Rebuild from the simulation, keeping the highlight on the same item."""
        waiting = sim.queue()
        delegated = [item for item in sim.open_items() if item.state == "delegated"]
        key = (tuple((i.id, i.patience, i.state) for i in waiting), sim.clock,
               tuple(i.id for i in delegated))
        if key == self._key:
            return
        self._key = key
        previous, place = self.highlighted_item(), self.highlighted or 0
        options = [Option(item_prompt(sim, item), id=item.id) for item in waiting]
        options += [Option(delegated_prompt(sim, item), id=f"delegated:{item.id}",
                           disabled=True) for item in delegated]
        if not options:
            options = [Option(Content("Nobody is waiting.").stylize("$text-muted"),
                              id="delegated:none", disabled=True)]
        ids = [item.id for item in waiting]
        # No highlight message: the office is drawing itself from this queue already.
        self.set_options(options, None if not ids else (
            ids.index(previous) if previous in ids else min(place, len(ids) - 1)))

