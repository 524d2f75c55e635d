"""A day at the office: the deterministic simulation the player acts on.

Time is whole game minutes. Everything random (the walk-in schedule, delegation outcomes) is
drawn from the seed and keyed by event or item id, so the same scenario, seed and actions
always give the same day.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.engine import interrupts
from sim.engine.actions import Action, parse_action
from sim.engine.clock import format_clock
from sim.engine.daycache import day_cache
from sim.engine.delegation import (
    DELEGATE_MINUTES,
    Delegation,
    delegation_chance,
    describe_chance,
    strength,
)
from sim.engine.machines import OPEN_STATES, WAITING_STATES, choice_trigger, lifecycles
from sim.engine.model import END, Choice, Node, Scenario
from sim.engine.problems import ActionError
from sim.engine.reading import Reading
from sim.engine.recording import Recording
from sim.engine.schedule import Arrival, schedule
from sim.engine.snapshot import copy_simulation
from sim.engine.state import (
    SUBJECT_METER,
    Decision,
    EncounterRun,
    Feedback,
    Item,
    LogEntry,
    PersonState,
)
from sim.engine.timeline import Clock

ENGINE_VERSION = "3"
HOLD_COST = 5

__all__ = ["DELEGATE_MINUTES", "ENGINE_VERSION", "HOLD_COST", "SUBJECT_METER", "Decision",
           "Item", "Simulation", "delegation_chance", "describe_chance", "strength"]


class Simulation(Clock, Delegation, Recording, Reading):
    """One play of a scenario with a seed. Act with :meth:`apply` or the verb methods.

    Its parts by responsibility: the clock, arrivals and the close
    (:class:`~sim.engine.timeline.Clock`), delegation (:class:`~sim.engine.delegation.
    Delegation`), the record, log, decisions and effects
    (:class:`~sim.engine.recording.Recording`), and reading paths and texts
    (:class:`~sim.engine.reading.Reading`); here are the queries and the player's verbs.
    """

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
        self._open: dict[str, Item] = {}  # the items still open, in arrival order
        self._staff = [p for p in self.people.values() if p.group == "staff"]
        self._busy: list[PersonState] = []  # staff away on a delegation, in staff order
        self.focus: Item | None = None
        self.log: list[LogEntry] = []
        self.decisions: list[Decision] = []
        self.played_totals: dict[str, tuple[float, float]] = {}
        self.appeared_patients: list[str] = []
        self.record: list[tuple[int, str]] = []
        self.last_feedback: Feedback | None = None
        self.interruptions: list[Item] = []  # arrived while the player was with someone
        self._fired: set[str] = set()
        self._arrivals: list[Arrival] = list(schedule(scenario, self.seed))
        self._machines = lifecycles(scenario)
        self._delegation_decisions: dict[str, Decision] = {}
        caches = day_cache(scenario, self.seed)  # what never changes in this day: shared
        self._strengths = caches.strengths
        self._odds_texts = caches.odds_texts
        self._fixed_renders = caches.fixed_renders
        self._missed_lines = caches.missed_lines

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
        return list(self._open.values())

    def queue(self) -> list[Item]:
        """Items waiting for the player, in arrival order: prioritising is the player's job."""
        return [i for i in self._open.values() if i.state in WAITING_STATES]

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
        moments += [p.busy_until for p in self._busy if p.busy_until is not None]
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

    def available_choices(self) -> list[Choice]:
        """The focused node's choices whose conditions hold now."""
        node = self.node()
        if node is None or self.focus is None:
            return []
        return list(self._choices_at(node, self.focus))

    def _choices_at(self, node: Node, item: Item) -> Sequence[Choice]:
        """The choices whose conditions hold: the node's own tuple when none has one."""
        if not node.conditional:
            return node.choices
        return [c for c in node.choices if c.when is None
                or c.when.evaluate(lambda path: self.lookup(path, item))]

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
        self.act(action)

    def act(self, action: Action) -> None:
        """Apply a parsed action now, whatever time it is set for (:meth:`apply` waits for
        it first; a replay has already checked it is due)."""
        if action.verb == "wait" and action.args == ("0",):
            return
        getattr(self, action.verb)(*action.args)

    def start(self) -> None:
        """Open the day: the clock starts and the first arrivals come in."""
        if self.state != "briefing":
            raise ActionError("the day has already started")
        self._machines.day.fire(self, "open_day")
        self._arrive_due()
        self._close_if_done()

    def _require_free(self) -> None:
        """Raise ``ActionError`` unless the day runs and no interruption waits for an answer."""
        if self.state != "running":
            self._require_running()
        if self.interruptions:
            interrupts.refuse_while_interrupted(self)

    def _require_running(self) -> None:
        if self.state == "briefing":
            raise ActionError("the day hasn't started yet")
        if self.state == "closed":
            raise ActionError("the day is over")

    def attend(self, item_id: str) -> None:
        """Take an item from the queue as the focus."""
        self._require_free()
        item = self._open_item(item_id)
        if self.focus is not None:
            raise ActionError(f"you are still with '{self.title(self.focus)}': finish it or "
                              "put it on hold (hold) first")
        if item.state not in WAITING_STATES:
            raise ActionError(f"'{self.title(item)}' is {item.state.replace('_', ' ')}")
        self._note(f"attend {item_id}")
        self._fire_item(item, "attend")
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
        self._require_free()
        item = self.focus
        run = item.run if item is not None else None
        if item is None or run is None:
            raise ActionError("nothing is in focus: attend an item first")
        nodes = self.scenario.encounters[item.encounter].nodes
        node = nodes.get(run.node)
        if node is None:
            raise ActionError("nothing is in focus: attend an item first")
        available = self._choices_at(node, item)
        for choice in available:
            if choice.id == choice_id:
                break
        else:
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
        next_node = nodes.get(run.node)  # the machine moved the run on
        finished = run.node == END or next_node is None or next_node.closing
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
        self._require_free()
        item = self.focus
        if item is None:
            raise ActionError("nothing is in focus to put on hold")
        self._note("hold")
        self._put_on_hold(item)
        self._close_if_done()

    def _put_on_hold(self, item: Item) -> None:
        self._fire_item(item, "hold")
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
        self._fire_item(item, "attend")
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
        self._require_free()
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
        self._fire_item(item, "hand_over")
        item.delegate_tried = True
        item.delegated_to = staff_id
        self._record_delegation(item, delegated_to=staff_id)
        self._machines.staff.fire(staff, "assign")
        staff.busy_until = self.clock + DELEGATE_MINUTES + delegate.minutes
        self._track_busy()
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
    def _fire_item(self, item: Item, trigger: str) -> None:
        """Move an item along its lifecycle; a closed item leaves the open ones."""
        self._machines.item.fire(item, trigger)
        if item.state not in OPEN_STATES:
            del self._open[item.id]

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

    def _finish(self, item: Item) -> None:
        self._fire_item(item, "finish")
        item.closed_at = self.clock
        self.focus = None
        self._record_delegation(item)

    # -- decisions ----------------------------------------------------------------------------

