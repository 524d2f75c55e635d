"""The office's dialogs: an interruption to take or defer, whom to delegate to, and whether
to leave the day. Each opens its dialog and turns the answer into an engine action.

Plain functions taking the :class:`~sim.tui.screens.office.OfficeScreen`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine import describe_chance, format_clock
from sim.tui.screens import office_saves
from sim.tui.screens.dialogs import ConfirmDialog, DelegateDialog, InterruptDialog, StaffOption

if TYPE_CHECKING:
    from sim.tui.screens.office import OfficeScreen


def ask_about_interruption(screen: OfficeScreen) -> None:
    """Something interrupts the conversation in progress: ask at once, in a dialog."""
    sim = screen.sim
    item = sim.interruption()
    if item is None or sim.is_over or screen._asking == item.id:
        return
    interrupt = item.event.interrupt
    assert interrupt is not None
    screen._asking = item.id
    with_whom = "someone"
    if sim.focus is not None:
        subject = sim.person(sim.focus.subject)
        with_whom = subject.name if subject is not None else sim.title(sim.focus)

    def answered(answer: str | None) -> None:
        screen._asking = None
        screen.shown = None
        screen.act(f"{'take' if answer == 'take' else 'defer'} {item.id}")

    screen.app.push_screen(InterruptDialog(
        sim.title(item), with_whom, sim.render(interrupt.take.text, item),
        sim.render(interrupt.wait.text, item)), answered)


def delegate(screen: OfficeScreen, item_id: str | None) -> None:
    """Ask whom to hand ``item_id`` to (or say why it can't be), then delegate."""
    sim = screen.sim
    if item_id is None:
        screen.say("Highlight an item in the queue to delegate it.")
        return
    item = sim.items[item_id]
    refusal = sim.delegation_refusal(item)
    if refusal:
        screen.say(refusal)  # the engine says why: "... can't be delegated: ..."
        return
    staff = [StaffOption(p.id, p.name, p.role,
                         describe_chance(sim.delegation_odds(item, p)))
             for p in sim.staff_free_for(item)]
    rule = item.event.delegate
    busy = [sim.people[s] for s in (rule.to if rule else ())
            if sim.people[s].state != "available"]
    busy_line = ("Busy: " + ", ".join(
        f"{p.name} until {format_clock(p.busy_until or 0)}" for p in busy)) if busy else ""

    def chosen(staff_id: str | None) -> None:
        if staff_id:
            screen.shown = None
            screen.act(f"delegate {item_id} {staff_id}")

    screen.app.push_screen(DelegateDialog(sim.title(item), staff, busy_line), chosen)


def confirm_quit(screen: OfficeScreen) -> None:
    """Leave the day (after confirming); it stays autosaved."""

    def answer(leave: bool | None) -> None:
        if leave:
            office_saves.autosave(screen)
            screen.app.to_title()

    screen.app.push_screen(ConfirmDialog(
        "Leave this day?", "It is autosaved: Continue on the title screen picks it up "
        "where you left it.", yes="Leave", no="Stay"), answer)
