"""What a day writes down and changes: its record, log and decisions, and the effects of
choices and outcomes on meters and flags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.engine.decisions import Option, Weighed, weigh, weigh_choices
from sim.engine.model import Choice, Node, Outcome
from sim.engine.paths import split_path
from sim.engine.state import SUBJECT_METER, Decision, Item, LogEntry, clamp


class Recording:
    """The record, log, decisions and effects of :class:`~sim.engine.simulation.Simulation`."""

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

    def _log_resolution(self, item: Item, closing: tuple[str, str] | None) -> None:
        self._log("resolved", f"{self.title(item)}: done." if closing is None else
                  f"{closing[0]}: {closing[1]}", item)

    def _settle(self, outcome: Outcome, item: Item, default_log: str, kind: str) -> None:
        self._apply_outcome(outcome, item)
        self._log(kind, self.render(outcome.log, item) if outcome.log else default_log, item)

    def _record_choice(self, item: Item, node: Node, choice: Choice,
                       available: Sequence[Choice]) -> None:
        options, chosen, weighed = weigh_choices(self.scenario, item.encounter, node.id,
                                                 available, choice.id,
                                                 every=available is node.choices)
        self._add_decision(item, item.encounter, node.id, self.prompt(node, item), chosen,
                           options, weighed)

    def _add_decision(self, item: Item, encounter: str, node: str, prompt: str,
                      chosen_option: Option, options: list[Option],
                      weighed: Weighed | None = None, unattended: bool = False) -> Decision:
        """Record one decision (weighed here unless ``weighed`` is given) and keep the day's
        points per skill; an ``unattended`` decision earns nothing under this engine."""
        chosen = chosen_option.id
        if weighed is None:
            weighed = weigh(options, chosen_option, self.scenario.rubric.skills)
        earned, possible, best = weighed
        # Most texts have no placeholders: rendering only those that do saves four calls.
        text, feedback, best_text, best_feedback = (
            chosen_option.text, chosen_option.feedback, best.text, best.feedback)
        if "{" in text:
            text = self.render(text, item)
        if "{" in feedback:
            feedback = self.render(feedback, item)
        if "{" in best_text:
            best_text = self.render(best_text, item)
        if "{" in best_feedback:
            best_feedback = self.render(best_feedback, item)
        decision = Decision(self.clock, item.id, encounter, node, prompt, chosen, text, feedback,
                            best.id, best_text, best_feedback, dict(earned), dict(possible),
                            unattended=unattended)
        self.decisions.append(decision)
        # Earned and possible points per skill so far, summed in decision order.
        totals = self.played_totals
        for skill, points in possible.items():
            so_far, possible_so_far = totals.get(skill, (0, 0))
            totals[skill] = (so_far + (0 if unattended else earned[skill]),
                             possible_so_far + points)
        return decision

    def _apply_effects(self, effects: dict[str, float], item: Item) -> None:
        for target, delta in effects.items():
            parts = split_path(target)
            if parts[0] == "flags":
                self.flags[parts[1]] = self.flags[parts[1]] + delta
            elif parts[0] == "practice":
                self.practice[parts[1]] = clamp(self.practice[parts[1]] + delta)
            else:
                person = self.person(item.subject) if parts[0] == "patient" else \
                    self.people[parts[1]]
                if person is not None:
                    meter = parts[-1]
                    person.meters[meter] = clamp(person.meters[meter] + delta)

    def _apply_outcome(self, outcome: Outcome, item: Item) -> None:
        self._apply_effects(outcome.effects, item)
        self._set_flags(outcome.set)

    def _set_flags(self, assignments: dict[str, Any]) -> None:
        if assignments:
            self.flags.update({target[len("flags."):]: value
                               for target, value in assignments.items()})

    def _change_subject(self, item: Item, delta: float) -> None:
        person = self.person(item.subject)
        if person is not None:
            meter = SUBJECT_METER[person.group]
            person.meters[meter] = clamp(person.meters[meter] + delta)
