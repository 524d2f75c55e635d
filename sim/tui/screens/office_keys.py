"""The office's keys that act on the day: which work now, and attend, choose, hold and wait,
each sent to the engine as its action (an illegal one is explained on the notice line).

Plain functions taking the :class:`~sim.tui.screens.office.OfficeScreen`; its ``action_*``
methods call them. Delegating goes through a dialog (:mod:`.office_dialogs`); pause and speed
are the clock's (:mod:`.office_pacing`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine import ActionError, Simulation, format_clock
from sim.tui.screens import office_saves
from sim.tui.text import clean
from sim.tui.widgets.panels import Shown
from sim.tui.widgets.queue import QueueList

if TYPE_CHECKING:
    from sim.tui.screens.office import OfficeScreen

WAIT_MINUTES = 5  # w waits this long at most: less when something arrives sooner
CLOCK_KEYS = ("pause", "resume", "faster", "slower")
DAY_KEYS = ("attend", "hold", "delegate", "delegate_queued", "wait", "choose", "save")


def works(sim: Simulation, clock_runs: bool, action: str, paused: bool = False) -> bool:
    """Whether the office's ``action`` works now (only those are offered in the footer);
    ``clock_runs`` is True on a real-time day, ``paused`` while the player has paused it
    (space then resumes: the footer says so)."""
    if action in CLOCK_KEYS:
        if action in ("pause", "resume") and paused != (action == "resume"):
            return False
        return clock_runs and not sim.is_over
    if action in DAY_KEYS:
        if sim.is_over:
            return False
        if action in ("hold", "choose"):
            return sim.focus is not None
        if action == "delegate":
            return sim.focus is not None or bool(sim.queue())
        if action == "delegate_queued":
            return bool(sim.queue())
        if action == "attend":
            return sim.focus is None and bool(sim.queue())
    return True


def act(screen: OfficeScreen, action: str) -> bool:
    """Apply one action; an illegal one is explained in a notification. True if applied."""
    if screen.sim.is_over:
        screen.say("The day is over: Enter shows your debrief.", title="")
        return False
    try:
        screen.sim.apply(action)
        screen._at_end = False
        screen.notices = []
        screen.clear_notice()
    except ActionError as exc:
        screen.say(str(exc))
        return False
    office_saves.record_live(screen)
    screen.refresh_view()
    if not screen._finished:  # the close autosaves at once (refresh_view)
        office_saves.autosave_soon(screen)
    return True


def attend(screen: OfficeScreen, item_id: str) -> None:
    """Attend an item (what was shown before stays if the engine refuses)."""
    previous, screen.shown = screen.shown, None
    if not screen.act(f"attend {item_id}"):
        screen.shown = previous
        screen.refresh_view()
    else:
        screen.query_one("#enc-view").scroll_home(animate=False)


def attend_highlighted(screen: OfficeScreen) -> None:
    """Attend the highlighted queue item."""
    item_id = screen.query_one("#queue", QueueList).highlighted_item()
    if item_id is None:
        screen.say("Nothing is waiting in the queue.", title="")
        return
    screen.attend(item_id)


def choose(screen: OfficeScreen, number: int) -> None:
    """Pick the numbered choice of the focused conversation; show the answer and its
    verdict."""
    sim = screen.sim
    if sim.focus is None:
        screen.say("Nobody is with you: press Enter to attend the highlighted item.")
        return
    choices = sim.available_choices()
    if not 1 <= number <= len(choices):
        screen.say(f"There is no option {number} here (1-{len(choices)}).")
        return
    choice = choices[number - 1]
    focus = sim.focus
    decisions = len(sim.decisions)
    text = sim.render(choice.text, focus)
    feedback = sim.render(choice.feedback, focus)
    if screen.act(f"choose {choice.id}"):
        last = sim.last_feedback
        new = sim.decisions[decisions:]
        # Only this item's verdicts: another item may expire (and settle its own
        # delegation decision) while the answer's minutes run.
        mine = [d for d in new if focus is not None and d.item == focus.id]
        answer = next((d for d in reversed(mine) if d.node != "delegate"), None)
        handled = next((d for d in mine if d.node == "delegate"), None)
        screen.shown = Shown(text, feedback, last.closing if last else None, answer,
                             handled)
        screen.refresh_view()
        screen.query_one("#enc-view").scroll_home(animate=False)


def hold(screen: OfficeScreen) -> None:
    """Put the focused conversation back in the queue."""
    screen.shown = None
    screen.act("hold")


def wait(screen: OfficeScreen) -> None:
    """Wait five minutes, or less when something arrives sooner; say what arrived."""
    screen.shown = None
    sim = screen.sim
    if sim.is_over:
        screen.act("wait 1")  # says the day is over
        return
    logged = len(sim.log)
    minutes = sim.wait_step(WAIT_MINUTES)
    if not screen.act(f"wait {minutes}"):
        return
    arrived = [entry.text for entry in sim.log[logged:] if entry.kind == "arrival"]
    back = [entry.text for entry in sim.log[logged:] if entry.kind in ("delegated",
                                                                      "returned")]
    if arrived or back:
        screen.say(clean("; ".join([*arrived, *back])), severity="information",
                   title=f"{format_clock(sim.clock)} "
                   + ("arrived" if arrived else "back from a colleague"))
