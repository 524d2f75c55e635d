"""Author mode's "test from here": start a day at a chosen moment instead of at its start.

* :func:`replay_line` replays a line of actions (an action file's, or the day played so far
  before the file changed) as far as it still applies, and says where and why it stopped;
* :func:`line_until` cuts a line at a clock time (``--at HH:MM``);
* :func:`encounter_preview` opens one conversation at once, with the scenario's people
  (``--encounter ID``).

All of it is engine-only (no Textual), so it is tested without a screen.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from sim.engine import Action, ActionError, Scenario, Simulation, format_clock
from sim.engine.loader import build_scenario

#: The id of the one item an encounter preview opens.
PREVIEW_ITEM = "preview"


@dataclass
class Position:
    """A day replayed to a moment: the live simulation, and how far the line went."""

    sim: Simulation
    applied: int
    total: int
    stopped: str | None = None  # why the line stopped early (None: it all applied)

    def summary(self) -> str:
        """One line for the author: where the day stands and, if the line broke, why."""
        where = f"{format_clock(self.sim.clock)}"
        if self.stopped is None:
            return f"Replayed {self.applied} action(s) to {where}"
        return (f"Replayed {self.applied} of {self.total} action(s), stopped at {where}: "
                f"{self.stopped}")


def record_line(sim: Simulation) -> list[Action]:
    """The actions a simulation has taken so far, each at its clock time."""
    line = []
    for at, text in sim.record:
        verb, *args = text.split()
        line.append(Action(verb, tuple(args), at))
    return line


def line_until(actions: list[Action], until: int) -> list[Action]:
    """The actions of a line that start before ``until`` (minutes), then a wait until it."""
    kept = [a for a in actions if a.at is None or a.at < until]
    return [*kept, Action("wait", ("0",), until)]


def replay_line(scenario: Scenario, actions: list[Action], seed: int | None = None,
                sim: Simulation | None = None) -> Position:
    """Start a day (or go on with ``sim``) and apply ``actions`` while they apply; stop at the
    first that doesn't.

    An action with a time waits until then first, as in an action file; one whose time has
    already passed (the new version of the file takes longer to get there) stops the replay,
    as does an action the new file no longer allows (a choice renamed, an item gone).
    """
    if sim is None:
        sim = Simulation(scenario, seed)
        sim.start()
    for index, action in enumerate(actions):
        if sim.is_over:
            if action.verb == "wait":
                continue
            return Position(sim, index, len(actions), f"the day closed before '{action}'")
        try:
            sim.apply(action)
        except ActionError as exc:
            where = f"line {action.line}: " if action.line else ""
            return Position(sim, index, len(actions), f"{where}'{action}' no longer applies "
                            f"({exc})")
    return Position(sim, len(actions), len(actions))


def _subject_for(data: dict[str, Any], encounter: str) -> tuple[dict[str, Any], str | None]:
    """A preview event for ``encounter``, modelled on the first event that plays it."""
    archetypes = data.get("archetypes") or {}
    for event in data.get("events") or []:
        uses = event.get("encounter") or (archetypes.get(event.get("archetype", "")) or {}).get(
            "encounter")
        if uses == encounter:
            return event, event.get("archetype") if "every" in event else None
    return {}, None


def encounter_preview(scenario: Scenario, encounter: str, seed: int | None = None) -> Simulation:
    """A day that opens ``encounter`` at once: one item, attended, with the scenario's people.

    The item's subject is the one of the first event that plays the encounter (a walk-in
    stream's archetype gives a stand-in patient). Other scripted and random arrivals are
    left out so the conversation can be read alone; follow-ups it triggers still come.
    ``KeyError`` when there is no such encounter.
    """
    if encounter not in scenario.encounters:
        known = ", ".join(scenario.encounters)
        raise KeyError(f"no encounter '{encounter}' (encounters: {known})")
    data = copy.deepcopy(scenario.source)
    model, archetype = _subject_for(data, encounter)
    item: dict[str, Any] = {
        "id": PREVIEW_ITEM, "at": data["day"]["start"], "kind": model.get("kind", "patient"),
        "title": model.get("title", scenario.encounters[encounter].title),
        "encounter": encounter, "patience": 24 * 60,
    }
    if archetype is not None:
        arch = data["archetypes"][archetype]
        patients = data.setdefault("patients", {})
        patients["walk_in"] = {"name": arch["names"][0], "mood": sum(arch["mood"]) // 2,
                               "traits": list(arch.get("traits") or ())}
        item["who"] = "walk_in"
    elif "who" in model:
        item["who"] = model["who"]
    for key in ("delegate", "on_expire"):
        if key in model:
            item[key] = model[key]
    followups = [e for e in data.get("events") or [] if "at" not in e and "every" not in e]
    data["events"] = [item, *followups]
    preview = build_scenario(data, scenario.sha256, scenario.path)
    sim = Simulation(preview, seed)
    sim.start()
    sim.attend(PREVIEW_ITEM)
    return sim
