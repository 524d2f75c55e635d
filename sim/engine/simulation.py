"""A day at the office: the deterministic simulation the player acts on.

Time is whole game minutes. Everything random (the walk-in schedule, delegation outcomes) is
drawn from the seed and keyed by event or item id, so the same scenario, seed and actions
always give the same day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any

from sim.engine import interrupts
from sim.engine.actions import Action, parse_action
from sim.engine.clock import format_clock
from sim.engine.decisions import Option, weigh
from sim.engine.machines import OPEN_STATES, WAITING_STATES, choice_trigger, lifecycles
from sim.engine.model import END, Choice, Event, Node, Outcome, Scenario
from sim.engine.paths import PLACEHOLDER
from sim.engine.problems import ActionError
from sim.engine.snapshot import copy_simulation
from sim.engine.state import (
    Decision,
    EncounterRun,
    Feedback,
    Item,
    LogEntry,
    PersonState,
)

ENGINE_VERSION = "3"
HOLD_COST = 5
DELEGATE_MINUTES = 1
#: The meter that stands for how a person feels about the practice, by their group: a
#: conversation's ``subject`` effect moves it, and the TUI shows it next to the person.
SUBJECT_METER: dict[str, str] = {"patient": "mood", "staff": "morale", "physician": "trust"}


def delegation_chance(skill: float, morale: float) -> float:
    """Probability that a delegated item succeeds, from the staff member's skill and morale."""
    return 0.2 + 0.7 * (0.6 * skill + 0.4 * morale) / 100


def strength(person: PersonState, event: Event) -> float:
    """What a staff member's strengths add to their skill for items like ``event``."""
    return sum(person.strengths.get(key, 0) for key in (event.kind, *event.tags))


def describe_chance(chance: float) -> str:
    """The odds of a delegation in words, for the player."""
    if chance >= 0.8:
        return "very likely to handle it"
    if chance >= 0.65:
        return "likely to handle it"
    if chance >= 0.5:
        return "could go either way"
    return "unlikely to manage it"


@dataclass
class _Arrival:
    time: int
    order: tuple[int, int]
    item_id: str
    event: Event
    walk_in: PersonState | None = None
    encounter: str = ""


class Simulation:
    """One play of a scenario with a seed. Act with :meth:`apply` or the verb methods."""

    def __init__(self, scenario: Scenario, seed: int | None = None):
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.clock = scenario.start
        self.state = "briefing"
        self.practice: dict[str, float] = {"reputation": scenario.reputation,
                                           "compliance": scenario.compliance}
        self.flags: dict[str, Any] = dict(scenario.flags)
        self.people: dict[str, PersonState] = {}
        for group, table in (("staff", scenario.staff), ("physician", scenario.physicians),
                             ("patient", scenario.patients)):
            for person in table.values():
                self.people[person.id] = PersonState(person.id, group, person.name, person.role,
                                                     dict(person.meters), person.patience,
                                                     person.traits,
                                                     strengths=dict(person.strengths))
        self.items: dict[str, Item] = {}
        self.focus: Item | None = None
        self.log: list[LogEntry] = []
        self.decisions: list[Decision] = []
        self.appeared_patients: list[str] = []
        self.record: list[tuple[int, str]] = []
        self.last_feedback: Feedback | None = None
        self.interruptions: list[Item] = []  # arrived while the player was with someone
        self._fired: set[str] = set()
        self._arrivals: list[_Arrival] = self._schedule()
        self._machines = lifecycles(scenario)
        self._delegation_decisions: dict[str, Decision] = {}

    # -- schedule -----------------------------------------------------------------------------
    def _schedule(self) -> list[_Arrival]:
        """Every arrival known before play: scripted events and random walk-ins."""
        arrivals: list[_Arrival] = []
        for index, event in enumerate(self.scenario.events):
            if event.at is not None:
                arrivals.append(_Arrival(event.at, (index, 0), event.id, event))
            elif event.is_stream:
                arrivals.extend(self._stream(index, event))
        arrivals.sort(key=lambda a: (a.time, a.order))
        return arrivals

    def _stream(self, index: int, event: Event) -> list[_Arrival]:
        assert event.every and event.start is not None and event.until is not None
        archetype = self.scenario.archetypes[event.archetype or ""]
        rng = random.Random(f"{self.seed}:stream:{event.id}")
        names = list(archetype.names)
        rng.shuffle(names)
        arrivals = []
        time, number = event.start + rng.randint(*event.every), 1
        while time <= event.until and time < self.scenario.end:
            item_id = f"{event.id}-{number}"
            walk_in = PersonState(item_id, "patient", names[(number - 1) % len(names)], "patient",
                                  {"mood": rng.randint(*archetype.mood)},
                                  rng.randint(*archetype.patience), archetype.traits)
            arrivals.append(_Arrival(time, (index, number), item_id, event, walk_in,
                                     self._variant(event, item_id)))
            time += rng.randint(*event.every)
            number += 1
        return arrivals

    def _variant(self, event: Event, item_id: str) -> str:
        """The encounter a walk-in plays: drawn by weight from its archetype's variants (an
        RNG of its own, so a scenario without variants draws exactly what it always did)."""
        if len(event.variants) < 2:
            return event.encounter
        rng = random.Random(f"{self.seed}:variant:{item_id}")
        encounters, weights = zip(*event.variants, strict=True)
        return rng.choices(encounters, weights)[0]

    def copy(self) -> Simulation:
        """An independent copy of the day as it stands, without replaying it."""
        return copy_simulation(self)

    # -- queries ------------------------------------------------------------------------------
    @property
    def is_over(self) -> bool:
        """True once the day has closed."""
        return self.state == "closed"

    def open_items(self) -> list[Item]:
        """Items still open (queued, in progress, on hold or delegated), in arrival order."""
        return [item for item in self.items.values() if item.state in OPEN_STATES]

    def queue(self) -> list[Item]:
        """Items waiting for the player, in arrival order: prioritising is the player's job."""
        return [i for i in self.items.values() if i.state in WAITING_STATES]

    def next_arrival(self) -> int | None:
        """When the next scheduled arrival is due, if any."""
        return self._arrivals[0].time if self._arrivals else None

    def wait_step(self, limit: int) -> int:
        """Minutes to wait for at most ``limit``: fewer when an arrival or a colleague's
        return comes sooner (at least 1)."""
        moments = [self.clock + limit]
        arrival = self.next_arrival()
        if arrival is not None:
            moments.append(arrival)
        moments += [p.busy_until for p in self.people.values()
                    if p.state == "busy" and p.busy_until is not None]
        return max(1, min(moments) - self.clock)

    def interruption(self) -> Item | None:
        """The item interrupting the player now (take it or defer it), if any."""
        return self.interruptions[0] if self.interruptions else None

    def node(self) -> Node | None:
        """The node the focused conversation is at."""
        if self.focus is None or self.focus.run is None:
            return None
        encounter = self.scenario.encounters[self.focus.encounter]
        return encounter.nodes.get(self.focus.run.node)

    def wording(self, node: Node, item: Item | None = None) -> tuple[str, str]:
        """A node's speaker and text as shown now (its first variant whose when holds),
        placeholders filled in."""
        speaker, text = node.speaker, node.text
        for variant in node.variants:
            if variant.when.evaluate(lambda path: self.lookup(path, item)):
                speaker, text = variant.speaker or speaker, variant.text
                break
        return self.render(speaker, item), self.render(text, item)

    def available_choices(self) -> list[Choice]:
        """The focused node's choices whose conditions hold now."""
        node = self.node()
        if node is None or self.focus is None:
            return []
        focus = self.focus
        return [c for c in node.choices if c.when is None
                or c.when.evaluate(lambda path: self.lookup(path, focus))]

    def delegation_odds(self, item: Item, staff: PersonState) -> float:
        """The chance that ``staff`` handles ``item``, strengths for its kind and tags included."""
        skill = _clamp(staff.meters["skill"] + strength(staff, item.event))
        return delegation_chance(skill, staff.meters["morale"])

    def staff_free_for(self, item: Item) -> list[PersonState]:
        """Staff allowed by the item's delegation and free now."""
        delegate = item.event.delegate
        if delegate is None or item.delegate_tried:
            return []
        return [self.people[s] for s in delegate.to if self.people[s].state == "available"]

    def delegation_refusal(self, item: Item, staff_id: str | None = None) -> str | None:
        """Why ``item`` can't be delegated (to ``staff_id``, or to anyone free); None if it can."""
        delegate = item.event.delegate
        if delegate is None:
            return f"'{self.title(item)}' can't be delegated: only you can handle it"
        if item.delegate_tried:
            return f"'{self.title(item)}' already came back once: handle it yourself"
        if item.state == "delegated":
            return f"'{self.title(item)}' is already delegated"
        if staff_id is None:
            if self.staff_free_for(item):
                return None
            busy = ", ".join(f"{self.people[s].name} until "
                             f"{format_clock(self.people[s].busy_until or 0)}"
                             for s in delegate.to)
            return f"nobody who can take '{self.title(item)}' is free ({busy})"
        if staff_id not in delegate.to:
            allowed = ", ".join(self.people[s].name for s in delegate.to)
            return f"'{staff_id}' can't take this one (allowed: {allowed})"
        staff = self.people[staff_id]
        if staff.state != "available":
            return f"{staff.name} is busy until {format_clock(staff.busy_until or 0)}"
        return None

    def person(self, person_id: str | None) -> PersonState | None:
        """A person's live state."""
        return self.people.get(person_id) if person_id else None

    def lookup(self, path: str, item: Item | None = None) -> Any:
        """The current value at a dotted path (see the format reference)."""
        parts = path.split(".")
        head = parts[0]
        if head == "clock":
            return self.clock
        if head == "flags":
            return self.flags.get(parts[1])
        if head == "practice":
            if parts[1] == "name":
                return self.scenario.practice_name
            return self.practice[parts[1]]
        if head == "patient":
            person = self.person(item.subject if item else None)
        else:
            person = self.people.get(parts[1])
            parts = parts[1:]
        if person is None:
            return None
        attribute = parts[1]
        if attribute == "name":
            return person.name
        if attribute in ("role", "specialty"):
            return person.role
        if attribute == "patience":
            return item.patience if item else person.patience
        return person.meters.get(attribute)

    def render(self, text: str, item: Item | None = None) -> str:
        """``text`` with its ``{path}`` placeholders filled in."""
        if "{" not in text:
            return text

        def fill(match: Any) -> str:
            value = self.lookup(match.group(1), item)
            if match.group(1) == "clock":
                return format_clock(value)
            if isinstance(value, float):
                return str(round(value))
            return "" if value is None else str(value)

        escaped = text.replace("{{", "\0L").replace("}}", "\0R")
        return PLACEHOLDER.sub(fill, escaped).replace("\0L", "{").replace("\0R", "}")

    def title(self, item: Item) -> str:
        """The queue line of an item."""
        return self.render(item.event.title, item)

    # -- actions ------------------------------------------------------------------------------
    def apply(self, action: Action | str) -> None:
        """Apply one action (text or parsed); an illegal one raises ``ActionError``, no change."""
        if isinstance(action, str):
            action = parse_action(action)
        if action.at is not None:
            if action.at < self.clock:
                raise ActionError(f"'{action}' is set for {format_clock(action.at)}, but it is "
                                  f"already {format_clock(self.clock)}")
            if action.at > self.clock:
                self.wait(action.at - self.clock)
        if action.verb == "wait" and action.args == ("0",):
            return
        handler = getattr(self, action.verb)
        handler(*action.args)

    def start(self) -> None:
        """Open the day: the clock starts and the first arrivals come in."""
        if self.state != "briefing":
            raise ActionError("the day has already started")
        self._machines.day.fire(self, "open_day")
        self._arrive_due()
        self._close_if_done()

    def _require_running(self) -> None:
        if self.state == "briefing":
            raise ActionError("the day hasn't started yet")
        if self.state == "closed":
            raise ActionError("the day is over")

    def attend(self, item_id: str) -> None:
        """Take an item from the queue as the focus."""
        self._require_running()
        interrupts.refuse_while_interrupted(self)
        item = self._open_item(item_id)
        if self.focus is not None:
            raise ActionError(f"you are still with '{self.title(self.focus)}': finish it or "
                              "put it on hold (hold) first")
        if item.state not in WAITING_STATES:
            raise ActionError(f"'{self.title(item)}' is {item.state.replace('_', ' ')}")
        self._note(f"attend {item_id}")
        self._machines.item.fire(item, "attend")
        self.focus = item
        self.last_feedback = None
        self._begin(item)
        self._close_if_done()

    def _begin(self, item: Item) -> None:
        """``item`` is now the focus: start its conversation, or resume it."""
        if item.run is None:
            item.run = EncounterRun(self.scenario.encounters[item.encounter].start)
        node = self.node()
        if node is not None and node.closing:
            self._finish(item)
            self._log_resolution(item, self.wording(node, item))

    def choose(self, choice_id: str) -> None:
        """Pick a choice in the focused conversation; it costs its minutes."""
        self._require_running()
        interrupts.refuse_while_interrupted(self)
        item, node = self.focus, self.node()
        if item is None or node is None or item.run is None:
            raise ActionError("nothing is in focus: attend an item first")
        available = self.available_choices()
        choice = next((c for c in available if c.id == choice_id), None)
        if choice is None:
            known = [c.id for c in node.choices]
            if choice_id in known:
                raise ActionError(f"'{choice_id}' isn't available right now")
            raise ActionError(f"no choice '{choice_id}' here (choices: "
                              f"{', '.join(c.id for c in available)})")
        # The machine checks the guard on the state before the choice's own effects.
        machine = self._machines.encounter(item.encounter)
        if not machine.fire(item.run, choice_trigger(node.id, choice.id), self, item):
            raise AssertionError("a checked choice was refused by the encounter machine")
        self._note(f"choose {choice_id}")
        self._record_choice(item, node, choice, available)
        self._apply_effects(choice.effects, item)
        self._set_flags(choice.set)
        for event_id in choice.trigger:
            self._trigger(event_id)
        closing = None
        next_node = self.node()
        finished = item.run.node == END or next_node is None or next_node.closing
        if finished:
            if next_node is not None and next_node.closing:
                closing = self.wording(next_node, item)
            self._finish(item)
        self.last_feedback = Feedback(item.id, choice, closing)
        self._advance(choice.minutes, busy_with=item)
        if finished:  # the outcome is logged when the choice's minutes are over
            self._log_resolution(item, closing)
        self._close_if_done()

    def hold(self) -> None:
        """Put the focus back in the queue, where it is; its subject loses some goodwill."""
        self._require_running()
        interrupts.refuse_while_interrupted(self)
        item = self.focus
        if item is None:
            raise ActionError("nothing is in focus to put on hold")
        self._note("hold")
        self._put_on_hold(item)
        self._close_if_done()

    def _put_on_hold(self, item: Item) -> None:
        self._machines.item.fire(item, "hold")
        self.focus = None
        self.last_feedback = None
        self._change_subject(item, -HOLD_COST)
        self._log("hold", f"{self.title(item)}: on hold.", item)

    def take(self, item_id: str) -> None:
        """Answer the interruption now: the conversation in progress goes on hold."""
        self._require_running()
        item = interrupts.interrupting(self, item_id)
        self._note(f"take {item_id}")
        interrupts.answer(self, item, "take")
        if self.focus is not None:
            self._put_on_hold(self.focus)
        self._machines.item.fire(item, "attend")
        self.focus = item
        self.last_feedback = None
        self._begin(item)
        self._close_if_done()

    def defer(self, item_id: str) -> None:
        """Let the interruption wait (voicemail, "one moment please"): it stays in the queue."""
        self._require_running()
        item = interrupts.interrupting(self, item_id)
        self._note(f"defer {item_id}")
        interrupts.answer(self, item, "wait")
        self._close_if_done()

    def delegate(self, item_id: str, staff_id: str) -> None:
        """Hand an item to a free staff member allowed to take it (costs one minute)."""
        self._require_running()
        interrupts.refuse_while_interrupted(self)
        item = self._open_item(item_id)
        refusal = self.delegation_refusal(item, staff_id)
        if refusal:
            raise ActionError(refusal)
        delegate = item.event.delegate
        assert delegate is not None
        staff = self.people[staff_id]
        self._note(f"delegate {item_id} {staff_id}")
        if self.focus is item:
            self.focus = None
        self.last_feedback = None
        self._machines.item.fire(item, "hand_over")
        item.delegate_tried = True
        item.delegated_to = staff_id
        self._record_delegation(item, delegated_to=staff_id)
        self._machines.staff.fire(staff, "assign")
        staff.busy_until = self.clock + DELEGATE_MINUTES + delegate.minutes
        self._log("delegate", f"{staff.name} takes '{self.title(item)}' "
                  f"(back at {format_clock(staff.busy_until)}).", item)
        self._advance(DELEGATE_MINUTES)
        self._close_if_done()

    def wait(self, minutes: int | str) -> None:
        """Let time pass."""
        self._require_running()
        count = int(minutes)
        if count < 1:
            raise ActionError("wait at least one minute")
        self._note(f"wait {count}")
        self.last_feedback = None
        self._advance(count, until_done=True)
        self._close_if_done()

    # -- mechanics ----------------------------------------------------------------------------
    def _open_item(self, item_id: str) -> Item:
        item = self.items.get(item_id)
        if item is None:
            hint = ", ".join(i.id for i in self.queue()) or "the queue is empty"
            due = next((a.time for a in self._arrivals if a.item_id == item_id), None)
            if due is not None:
                hint += f"; '{item_id}' is due at {format_clock(due)}: wait until then"
            elif self._arrivals:
                hint += f"; the next arrival is due at {format_clock(self._arrivals[0].time)}"
            raise ActionError(f"no item '{item_id}' has arrived by {format_clock(self.clock)} "
                              f"(waiting: {hint})")
        if item.state not in OPEN_STATES:
            raise ActionError(f"'{self.title(item)}' is already {item.state}")
        return item

    def _note(self, text: str) -> None:
        """Record an action with its time; consecutive waits merge into one."""
        if text.startswith("wait ") and self.record and self.record[-1][1].startswith("wait ") \
                and self.record[-1][0] + int(self.record[-1][1].split()[1]) == self.clock:
            at, previous = self.record[-1]
            self.record[-1] = (at, f"wait {int(previous.split()[1]) + int(text.split()[1])}")
        else:
            self.record.append((self.clock, text))

    def _log(self, kind: str, text: str, item: Item | None = None) -> None:
        self.log.append(LogEntry(self.clock, kind, text, item.id if item else ""))

    def _trigger(self, event_id: str) -> None:
        if event_id in self._fired or any(a.item_id == event_id for a in self._arrivals):
            return
        event = self.scenario.event(event_id)
        arrival = _Arrival(self.clock + event.after, (len(self.scenario.events), len(self.items)),
                           event_id, event)
        if arrival.time >= self.scenario.end:
            return
        self._arrivals.append(arrival)
        self._arrivals.sort(key=lambda a: (a.time, a.order))
        if event.after == 0:
            self._arrive_due()

    def _arrive_due(self) -> None:
        while self._arrivals and self._arrivals[0].time <= self.clock:
            arrival = self._arrivals.pop(0)
            self._arrive(arrival)

    def _arrive(self, arrival: _Arrival) -> None:
        event = arrival.event
        subject = arrival.item_id if arrival.walk_in else event.who
        if arrival.walk_in:  # its own copy: the arrival may be shared with a copy of the day
            self.people[arrival.item_id] = replace(arrival.walk_in,
                                                   meters=dict(arrival.walk_in.meters))
        probe = Item(arrival.item_id, event, subject, self.clock, 0)
        if event.when is not None and not event.when.evaluate(
                lambda path: self.lookup(path, probe)):
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
        if event.interrupt is not None and self.focus is not None:
            self.interruptions.append(item)
        if person is not None and person.group == "patient" and person.id not in \
                self.appeared_patients:
            self.appeared_patients.append(person.id)
        self._log("arrival", f"{self.title(item)}", item)

    def _advance(self, minutes: int, busy_with: Item | None = None,
                 until_done: bool = False) -> None:
        """Let ``minutes`` pass, one at a time: patience, mood, delegations, arrivals.

        A choice's minutes always pass in full; a wait (``until_done``) stops once nothing is
        open and nothing more can arrive, so the day closes then.
        """
        for _ in range(minutes):
            if self.state != "running":
                return
            self.clock += 1
            for item in list(self.items.values()):
                waiting = item.state in WAITING_STATES or (
                    item.state == "in_progress" and item is not busy_with)
                if not waiting:
                    continue
                item.patience -= 1
                self._waiting_cost(item)
                if item.patience <= 0:
                    self._expire(item)
            for person in self.people.values():
                if person.state == "busy" and person.busy_until == self.clock:
                    self._complete_delegation(person)
            self._arrive_due()
            if self.clock >= self.scenario.end:
                self._close("The day is over.")
                return
            if until_done and self._nothing_left():
                return

    def _waiting_cost(self, item: Item) -> None:
        """A minute of waiting costs the subject's meter its group's ``day`` decay."""
        person = self.person(item.subject)
        if person is None:
            return
        scenario = self.scenario
        decay = (scenario.mood_decay if person.group == "patient" else scenario.morale_decay
                 if person.group == "staff" else scenario.trust_decay)
        if decay:
            meter = SUBJECT_METER[person.group]
            person.meters[meter] = _clamp(person.meters[meter] - decay)

    def _expire(self, item: Item) -> None:
        if item in self.interruptions:
            interrupts.answer(self, item, "wait", answered=False)
        if self.focus is item:
            self.focus = None
        self._machines.item.fire(item, "expire")
        item.closed_at = self.clock
        self._apply_outcome(item.event.on_expire, item)
        self._record_delegation(item, unattended=True)
        text = self.render(item.event.on_expire.log, item) if item.event.on_expire.log else (
            f"'{self.title(item)}' ran out of patience.")
        self._log("expired", text, item)

    def _complete_delegation(self, staff: PersonState) -> None:
        item = next(i for i in self.items.values()
                    if i.state == "delegated" and i.delegated_to == staff.id)
        delegate = item.event.delegate
        assert delegate is not None
        self._machines.staff.fire(staff, "release")
        staff.busy_until = None
        rng = random.Random(f"{self.seed}:delegate:{item.id}")
        chance = self.delegation_odds(item, staff)
        succeeded = rng.random() < chance
        decision = self._delegation_decisions.get(item.id)
        if decision is not None:
            decision.outcome = "succeeded" if succeeded else "failed"
        if succeeded:
            self._machines.item.fire(item, "succeed")
            item.closed_at = self.clock
            self._settle(delegate.success_for(staff.id), item,
                         f"{staff.name} handled '{self.title(item)}'.", "delegated")
        else:
            self._machines.item.fire(item, "fail")
            item.delegated_to = None
            item.returned_from = staff.id
            self._settle(delegate.failure_for(staff.id), item, f"{staff.name} couldn't sort out "
                         f"'{self.title(item)}': it is back in your queue.", "returned")

    def _settle(self, outcome: Outcome, item: Item, default_log: str, kind: str) -> None:
        self._apply_outcome(outcome, item)
        self._log(kind, self.render(outcome.log, item) if outcome.log else default_log, item)

    def _finish(self, item: Item) -> None:
        self._machines.item.fire(item, "finish")
        item.closed_at = self.clock
        self.focus = None
        self._record_delegation(item)

    def _log_resolution(self, item: Item, closing: tuple[str, str] | None) -> None:
        self._log("resolved", f"{self.title(item)}: done." if closing is None else
                  f"{closing[0]}: {closing[1]}", item)

    def _nothing_left(self) -> bool:
        return not self._arrivals and not self.open_items()

    def _close_if_done(self) -> None:
        if self.state == "running" and self._nothing_left():
            self._close("Nothing else is waiting: the day is done.")

    def _close(self, text: str) -> None:
        for item in list(self.interruptions):
            interrupts.answer(self, item, "wait", answered=False)
        for item in self.open_items():
            self._record_delegation(item, unattended=True)
        self.focus = None
        self._machines.day.fire(self, "close_day")
        self._log("closed", text)

    def _apply_effects(self, effects: dict[str, float], item: Item) -> None:
        for target, delta in effects.items():
            parts = target.split(".")
            if parts[0] == "flags":
                self.flags[parts[1]] = self.flags[parts[1]] + delta
            elif parts[0] == "practice":
                self.practice[parts[1]] = _clamp(self.practice[parts[1]] + delta)
            else:
                person = self.person(item.subject) if parts[0] == "patient" else \
                    self.people[parts[1]]
                if person is not None:
                    meter = parts[-1]
                    person.meters[meter] = _clamp(person.meters[meter] + delta)

    def _apply_outcome(self, outcome: Outcome, item: Item) -> None:
        self._apply_effects(outcome.effects, item)
        self._set_flags(outcome.set)

    def _set_flags(self, assignments: dict[str, Any]) -> None:
        self.flags.update({target[len("flags."):]: value for target, value in assignments.items()})

    def _change_subject(self, item: Item, delta: float) -> None:
        person = self.person(item.subject)
        if person is not None:
            meter = SUBJECT_METER[person.group]
            person.meters[meter] = _clamp(person.meters[meter] + delta)

    # -- decisions ----------------------------------------------------------------------------
    def _record_choice(self, item: Item, node: Node, choice: Choice,
                       available: list[Choice]) -> None:
        options = [Option(c.id, c.text, c.feedback, c.skills) for c in available]
        self._add_decision(item, item.encounter, node.id, self.wording(node, item)[1],
                           choice.id, options)

    def _record_delegation(self, item: Item, delegated_to: str | None = None,
                           unattended: bool = False) -> None:
        """Settle the decision to delegate ``item`` (to ``delegated_to``) or handle it;
        ``unattended`` when it settles by expiring or by the close, neither delegated nor done."""
        delegate = item.event.delegate
        if delegate is None or item.delegation_decided or not delegate.scored:
            return
        item.delegation_decided = True
        if delegate.candidates:  # whom you ask matters: one option per candidate
            options = [Option("handle", "Handle it yourself", delegate.feedback, {})]
            options += [Option(s, f"Delegate it to {self.people[s].name}",
                               delegate.feedback_for(s), delegate.skills_for(s))
                        for s in delegate.to]
            chosen = delegated_to or "handle"
        else:
            names = " or ".join(self.people[s].name for s in delegate.to)
            options = [
                Option("handle", "Handle it yourself", delegate.feedback, {}),
                Option("delegate", f"Delegate it to {names}", delegate.feedback,
                       dict(delegate.skills)),
            ]
            chosen = "delegate" if delegated_to else "handle"
        delegated = delegated_to is not None
        decision = self._add_decision(item, "", "delegate", f"Delegate '{self.title(item)}'?",
                                      chosen, options)
        decision.reason = self._delegation_reason(item, delegated, decision.best)
        decision.unattended = unattended
        if delegated and item.delegated_to:
            decision.delegated_to = item.delegated_to
            decision.delegated_name = self.people[item.delegated_to].name
            decision.outcome = "pending"
            self._delegation_decisions[item.id] = decision

    def _delegation_reason(self, item: Item, delegated: bool, best: str) -> str:
        """The trade-off of a delegation decision in words, for a scenario that gives none.
        ``best`` is the best option's id: "handle", "delegate", or a candidate's staff id."""
        delegate = item.event.delegate
        assert delegate is not None
        delegating_was_best = best != "handle"

        def odds(staff_id: str) -> str:
            staff = self.people[staff_id]
            chance = self.delegation_odds(item, staff)
            return f"{staff.name} ({describe_chance(chance)}, {round(100 * chance)}%)"

        if delegated and item.delegated_to:
            who = odds(item.delegated_to)
            if delegating_was_best and best not in ("delegate", item.delegated_to):
                return (f"Handing it over was right, but to {odds(best)} rather than {who}: "
                        "whom you ask matters.")
            if delegating_was_best:
                return (f"Delegating was the right call: {who} spent {delegate.minutes} minutes "
                        "on it instead of you, which freed you for the rest of the queue.")
            return (f"This one needed you: handing it to {who} saved you time, but it put the "
                    "item with someone who shouldn't carry it.")
        who = " or ".join(odds(s) for s in delegate.to)
        if delegating_was_best:
            who = odds(best) if best != "delegate" else who
            return (f"{who} could have taken it for {delegate.minutes} minutes and freed you for "
                    "the rest of the queue: handing it over was the better use of your time.")
        return f"Keeping it was right: it needed you rather than {who}."

    def _add_decision(self, item: Item, encounter: str, node: str, prompt: str, chosen: str,
                      options: list[Option]) -> Decision:
        chosen_option = next(o for o in options if o.id == chosen)
        earned, possible, best = weigh(options, chosen_option, self.scenario.rubric.skills)
        decision = Decision(
            self.clock, item.id, encounter, node, prompt, chosen,
            self.render(chosen_option.text, item), self.render(chosen_option.feedback, item),
            best.id, self.render(best.text, item), self.render(best.feedback, item),
            earned, possible)
        self.decisions.append(decision)
        return decision


def _clamp(value: float) -> float:
    return max(0, min(100, value))
