"""Delegation: handing an item to a free colleague, its odds, its return, and its decision.

The outcome is drawn when the colleague comes back, from an RNG keyed by the seed and the
item, with the odds of :func:`delegation_chance`.
"""

from __future__ import annotations

import random
from functools import lru_cache

from sim.engine.clock import format_clock
from sim.engine.decisions import Option, Weighed, weigh
from sim.engine.model import Event
from sim.engine.state import Item, PersonState, clamp

DELEGATE_MINUTES = 1


def delegation_chance(skill: float, morale: float) -> float:
    """Probability that a delegated item succeeds, from the staff member's skill and morale."""
    return 0.2 + 0.7 * (0.6 * skill + 0.4 * morale) / 100


def strength(person: PersonState, event: Event) -> float:
    """What a staff member's strengths add to their skill for items like ``event``."""
    return sum(person.strengths.get(key, 0) for key in (event.kind, *event.tags))


@lru_cache(maxsize=8192)
def delegation_draw(key: str) -> float:
    """The first draw of the RNG seeded by ``key`` (``"{seed}:delegate:{item}"``): seeding
    from a string hashes it, so days of one seed share the draws."""
    return random.Random(key).random()


def describe_chance(chance: float) -> str:
    """The odds of a delegation in words, for the player."""
    if chance >= 0.8:
        return "very likely to handle it"
    if chance >= 0.65:
        return "likely to handle it"
    if chance >= 0.5:
        return "could go either way"
    return "unlikely to manage it"


class Delegation:
    """What :class:`~sim.engine.simulation.Simulation` knows and does about delegating."""

    def delegation_odds(self, item: Item, staff: PersonState) -> float:
        """The chance that ``staff`` handles ``item``, strengths for its kind and tags included."""
        key = (staff.id, item.event.id)
        bonus = self._strengths.get(key)
        if bonus is None:  # strengths never change during a day
            bonus = self._strengths[key] = strength(staff, item.event)
        skill = clamp(staff.meters["skill"] + bonus)
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

    def _track_busy(self) -> None:
        """Staff away on a delegation, in staff order: a new list, never changed in place
        (the clock may be going through the old one)."""
        self._busy = [p for p in self._staff if p.state == "busy"]

    def _complete_delegation(self, staff: PersonState) -> None:
        item = next(i for i in self._open.values()
                    if i.state == "delegated" and i.delegated_to == staff.id)
        delegate = item.event.delegate
        assert delegate is not None
        self._machines.staff.fire(staff, "release")
        staff.busy_until = None
        self._busy = [p for p in self._busy if p is not staff]  # as _track_busy, shorter
        chance = self.delegation_odds(item, staff)
        succeeded = delegation_draw(f"{self.seed}:delegate:{item.id}") < chance
        decision = self._delegation_decisions.get(item.id)
        if decision is not None:
            decision.outcome = "succeeded" if succeeded else "failed"
        if succeeded:
            self._fire_item(item, "succeed")
            item.closed_at = self.clock
            self._settle(delegate.success_for(staff.id), item,
                         f"{staff.name} handled '{self.title(item)}'.", "delegated")
        else:
            self._fire_item(item, "fail")
            item.delegated_to = None
            item.returned_from = staff.id
            self._settle(delegate.failure_for(staff.id), item, f"{staff.name} couldn't sort out "
                         f"'{self.title(item)}': it is back in your queue.", "returned")

    def _record_delegation(self, item: Item, delegated_to: str | None = None,
                           unattended: bool = False) -> None:
        """Settle the decision to delegate ``item`` (to ``delegated_to``) or handle it;
        ``unattended`` when it settles by expiring or by the close, neither delegated nor done."""
        delegate = item.event.delegate
        if delegate is None or item.delegation_decided or not delegate.scored:
            return
        item.delegation_decided = True
        # One option per candidate when whom you ask matters, else delegate or handle.
        chosen = (delegated_to or "handle") if delegate.candidates else \
            ("delegate" if delegated_to else "handle")
        options, chosen_option, weighed = self._weighed_delegation(item, chosen)
        delegated = delegated_to is not None
        decision = self._add_decision(item, "", "delegate", f"Delegate '{self.title(item)}'?",
                                      chosen_option, options, weighed, unattended)
        decision.reason = self._delegation_reason(item, delegated, decision.best)
        if delegated and item.delegated_to:
            decision.delegated_to = item.delegated_to
            decision.delegated_name = self.people[item.delegated_to].name
            decision.outcome = "pending"
            self._delegation_decisions[item.id] = decision

    def _weighed_delegation(self, item: Item, chosen: str
                            ) -> tuple[list[Option], Option, Weighed]:
        """The options of ``item``'s delegation decision, ``chosen``'s and :func:`weigh` of it,
        once per scenario: they depend only on the event (staff are no walk-ins), as for
        choices. Callers never change them."""
        delegate = item.event.delegate
        assert delegate is not None
        cache = self.scenario.__dict__.setdefault("_weighed_delegations", {})
        found = cache.get(item.event.id)
        if found is None:
            if delegate.candidates:
                options = [Option("handle", "Handle it yourself", delegate.feedback, {})]
                options += [Option(s, f"Delegate it to {self.people[s].name}",
                                   delegate.feedback_for(s), delegate.skills_for(s))
                            for s in delegate.to]
            else:
                names = " or ".join(self.people[s].name for s in delegate.to)
                options = [
                    Option("handle", "Handle it yourself", delegate.feedback, {}),
                    Option("delegate", f"Delegate it to {names}", delegate.feedback,
                           dict(delegate.skills)),
                ]
            found = cache[item.event.id] = (options, {})
        options, weighed = found
        known = weighed.get(chosen)
        if known is None:
            option = next(o for o in options if o.id == chosen)
            known = weighed[chosen] = (option, weigh(options, option, self.scenario.rubric.skills))
        return options, known[0], known[1]

    def _delegation_reason(self, item: Item, delegated: bool, best: str) -> str:
        """The trade-off of a delegation decision in words, for a scenario that gives none.
        ``best`` is the best option's id: "handle", "delegate", or a candidate's staff id."""
        delegate = item.event.delegate
        assert delegate is not None
        delegating_was_best = best != "handle"
        odds = self._odds_text
        if delegated and item.delegated_to:
            who = odds(item, item.delegated_to)
            if delegating_was_best and best not in ("delegate", item.delegated_to):
                return (f"Handing it over was right, but to {odds(item, best)} rather than {who}: "
                        "whom you ask matters.")
            if delegating_was_best:
                return (f"Delegating was the right call: {who} spent {delegate.minutes} minutes "
                        "on it instead of you, which freed you for the rest of the queue.")
            return (f"This one needed you: handing it to {who} saved you time, but it put the "
                    "item with someone who shouldn't carry it.")
        if delegating_was_best:
            who = odds(item, best) if best != "delegate" else \
                " or ".join(odds(item, s) for s in delegate.to)
            return (f"{who} could have taken it for {delegate.minutes} minutes and freed you for "
                    "the rest of the queue: handing it over was the better use of your time.")
        who = " or ".join(odds(item, s) for s in delegate.to)
        return f"Keeping it was right: it needed you rather than {who}."

    def _odds_text(self, item: Item, staff_id: str) -> str:
        """A colleague's odds for ``item`` in words: "Bea (likely to handle it, 71%)"."""
        staff = self.people[staff_id]
        key = (staff_id, item.event.id, staff.meters["skill"], staff.meters["morale"])
        text = self._odds_texts.get(key)
        if text is None:  # the same skill and morale give the same words all day
            chance = self.delegation_odds(item, staff)
            text = self._odds_texts[key] = (f"{staff.name} ({describe_chance(chance)}, "
                                            f"{round(100 * chance)}%)")
        return text
