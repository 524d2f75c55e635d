"""Jumping the clock: the minutes in which nothing but waiting happens, passed at once.

Between two events (an arrival, an expiry, a colleague coming back, the close, or the end of
what was asked for) a minute only takes one minute of patience from every waiting item and
its group's per-minute toll from the waiting person's meter (patients' mood, staff's
morale, physicians' trust). Those minutes pass in one step: patience
in closed form, and each meter by the very same sequence of clamped float subtractions the
minute-by-minute loop made (``functools.reduce`` over C floats, so the result is bit for bit
the loop's). The event minute itself then runs the full minute of the simulation.
"""

from __future__ import annotations

from functools import reduce
from itertools import repeat
from operator import sub
from typing import TYPE_CHECKING

from sim.engine import interrupts
from sim.engine.machines import WAITING_STATES
from sim.engine.schedule import Arrival, by_time
from sim.engine.state import SUBJECT_METER, Item, clamp, copy_person

if TYPE_CHECKING:
    from sim.engine.simulation import Simulation


def decayed(value: float, step: float, times: int) -> float:
    """``value`` after ``times`` minutes of ``max(0, min(100, value - step))``, exactly."""
    if times <= 0 or not step:
        return value
    if step < 0:  # rising, clamped at 100: rare enough to take minute by minute
        for _ in range(times):
            value = max(0, min(100, value - step))
        return value
    # Falling from at most 100 the upper clamp never bites, and once at 0 it stays 0.
    result = reduce(sub, repeat(step, times), value)
    return result if result > 0 else 0


def waiting_items(sim: Simulation, busy_with: Item | None) -> list[Item]:
    """The open items losing patience now: queued, on hold, or in progress but not the one
    the player is busy with."""
    return [item for item in sim._open.values() if item.state in WAITING_STATES
            or (item.state == "in_progress" and item is not busy_with)]


def quiet_minutes(sim: Simulation, target: int, waiting: list[Item],
                  until_done: bool) -> int:
    """How many of the minutes up to ``target`` can pass at once: all of them when none holds
    an event, else those before the first that does (``waiting``: :func:`waiting_items`)."""
    clock = sim.clock
    if until_done and not sim._arrivals and not sim._open:
        return 0  # the loop's first minute already ends the wait
    event = sim.scenario.end
    arrivals = sim._arrivals
    if arrivals:
        due = arrivals[0].time
        if due < event:
            event = due if due > clock else clock + 1
    for person in sim._busy:
        until = person.busy_until
        if until is not None and clock < until < event:
            event = until
    for item in waiting:
        patience = item.patience
        expiry = clock + (patience if patience > 1 else 1)
        if expiry < event:
            event = expiry
    return target - clock if event > target else event - clock - 1


def pass_quietly(sim: Simulation, minutes: int, waiting: list[Item]) -> None:
    """Let ``minutes`` event-free minutes pass at once (see :func:`quiet_minutes`): every
    ``waiting`` item loses that much patience, and its subject's meter that many minutes of
    its group's toll (as ``Simulation._waiting_cost`` takes it minute by minute)."""
    sim.clock += minutes
    tolls: dict[str, int] = {}
    for item in waiting:
        item.patience -= minutes
        subject = item.subject
        if subject is not None and subject in sim.people:
            tolls[subject] = tolls.get(subject, 0) + minutes
    for person_id, times in tolls.items():
        person = sim.people[person_id]
        step = sim.decay(person.group)
        if step:
            meter = SUBJECT_METER[person.group]
            person.meters[meter] = decayed(person.meters[meter], step, times)


class Clock:
    """The day's clock, as part of :class:`~sim.engine.simulation.Simulation`: arrivals,
    minutes passing (quiet ones at once), the tolls of waiting, expiries and the close."""

    def _trigger(self, event_id: str) -> None:
        if event_id in self._fired or any(a.item_id == event_id for a in self._arrivals):
            return
        event = self.scenario.event(event_id)
        arrival = Arrival(self.clock + event.after, (len(self.scenario.events), len(self.items)),
                          event_id, event)
        if arrival.time >= self.scenario.end:
            return
        self._arrivals.append(arrival)
        by_time(self._arrivals)
        if event.after == 0:
            self._arrive_due()

    def _arrive_due(self) -> None:
        while self._arrivals and self._arrivals[0].time <= self.clock:
            arrival = self._arrivals.pop(0)
            self._arrive(arrival)

    def _arrive(self, arrival: Arrival) -> None:
        event = arrival.event
        subject = arrival.item_id if arrival.walk_in else event.who
        if arrival.walk_in:  # its own copy: the arrival may be shared with a copy of the day
            walk_in = copy_person(arrival.walk_in)
            self.people[arrival.item_id] = walk_in
        if event.when is not None and not event.when.evaluate(
                lambda path: self.lookup(path, Item(arrival.item_id, event, subject,
                                                    self.clock, 0))):
            if arrival.walk_in:
                del self.people[arrival.item_id]
            return
        self._fired.add(arrival.item_id)
        person = self.person(subject)
        patience = event.patience
        if patience is None:  # validation guarantees that the subject (or walk-in) has one
            assert person is not None and person.patience is not None
            patience = person.patience
        item = Item(arrival.item_id, event, subject, self.clock, patience,
                    full_patience=patience, encounter=arrival.encounter or event.encounter)
        self.items[item.id] = item
        self._open[item.id] = item
        if event.interrupt is not None and self.focus is not None:
            self.interruptions.append(item)
        if person is not None and person.group == "patient" and person.id not in \
                self.appeared_patients:
            self.appeared_patients.append(person.id)
        self._log("arrival", f"{self.title(item)}", item)

    def _advance(self, minutes: int, busy_with: Item | None = None,
                 until_done: bool = False) -> None:
        """Let ``minutes`` pass: patience, mood, delegations, arrivals.

        A choice's minutes always pass in full; a wait (``until_done``) stops once nothing is
        open and nothing more can arrive, so the day closes then. Minutes without an event
        pass at once (:mod:`sim.engine.timeline`); each event minute runs :meth:`_minute`.
        """
        target = self.clock + minutes
        while self.clock < target:
            if self.state != "running":
                return
            waiting = waiting_items(self, busy_with)
            quiet = quiet_minutes(self, target, waiting, until_done)
            if quiet:
                pass_quietly(self, quiet, waiting)
                if self.clock == target:
                    return
            self._minute(waiting)
            if self.state != "running":
                return
            if until_done and not self._arrivals and not self._open:
                return

    def _minute(self, waiting: list[Item]) -> None:
        """One minute in full: patience and tolls, expiries, returns, arrivals, the close.

        ``waiting`` are the items waiting as the minute starts (:func:`waiting_items` found
        them): an expiry changes no other item's state, so none joins or leaves meanwhile."""
        self.clock += 1
        for item in waiting:
            item.patience -= 1
            self._waiting_cost(item)
            if item.patience <= 0:
                self._expire(item)
        for person in self._busy:  # a new list once one comes back: this one stays whole
            if person.busy_until == self.clock:
                self._complete_delegation(person)
        self._arrive_due()
        if self.clock >= self.scenario.end:
            self._close("The day is over.")

    def _waiting_cost(self, item: Item) -> None:
        """A minute of waiting costs the subject's meter its group's ``day`` decay."""
        person = self.people.get(item.subject) if item.subject else None
        if person is None:
            return
        decay = self.decay(person.group)
        if decay:
            meter = SUBJECT_METER[person.group]
            person.meters[meter] = clamp(person.meters[meter] - decay)

    def decay(self, group: str) -> float:
        """What a minute of waiting costs a person of ``group`` (the scenario's ``day`` decays)."""
        scenario = self.scenario
        return (scenario.mood_decay if group == "patient" else scenario.morale_decay
                if group == "staff" else scenario.trust_decay)

    def _expire(self, item: Item) -> None:
        if item in self.interruptions:
            interrupts.answer(self, item, "wait", answered=False)
        if self.focus is item:
            self.focus = None
        self._fire_item(item, "expire")
        item.closed_at = self.clock
        self._apply_outcome(item.event.on_expire, item)
        self._record_delegation(item, unattended=True)
        text = self.render(item.event.on_expire.log, item) if item.event.on_expire.log else (
            f"'{self.title(item)}' ran out of patience.")
        self._log("expired", text, item)

    def _close_if_done(self) -> None:
        if self.state == "running" and not self._arrivals and not self._open:
            self._close("Nothing else is waiting: the day is done.")

    def _close(self, text: str) -> None:
        for item in list(self.interruptions):
            interrupts.answer(self, item, "wait", answered=False)
        for item in self.open_items():
            self._record_delegation(item, unattended=True)
        self.focus = None
        self._machines.day.fire(self, "close_day")
        self._log("closed", text)
