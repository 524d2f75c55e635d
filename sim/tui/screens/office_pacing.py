"""The office's clock in real-time mode: a :class:`~sim.tui.pacing.Pacer` counts the whole
game minutes that have passed (on a monotonic clock) and each tick hands them to the engine
as waits; dialogs stop it. Turn-based days have no pacer: time moves only by actions.

Plain functions taking the :class:`~sim.tui.screens.office.OfficeScreen`.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from sim.engine import ActionError
from sim.tui.pacing import Pacer
from sim.tui.screens import office_saves, office_view

if TYPE_CHECKING:
    from sim.tui.screens.office import OfficeScreen

TICK_SECONDS = 0.1
AUTOSAVE_EVERY = 5  # game minutes between autosaves while the clock runs on its own


def start(screen: OfficeScreen) -> None:
    """Start the real-time clock (unless the day is turn-based or opened paused)."""
    if screen.options.turn_based:
        return
    screen.pacer = Pacer(screen.options.pace(screen.sim.scenario), screen.app.clock)
    if not screen.user_paused:
        screen.pacer.resume()
    screen.set_interval(TICK_SECONDS, screen.tick)


def tick(screen: OfficeScreen) -> None:
    """Hand the engine the game minutes that have passed (real-time mode)."""
    pacer, sim = screen.pacer, screen.sim
    if pacer is None or sim.is_over or pacer.paused:
        return
    due = pacer.due()
    if due <= 0:
        return
    with contextlib.suppress(ActionError):  # the day may have closed meanwhile
        sim.wait(due)
    office_saves.record_live(screen)
    if sim.clock - screen._last_autosave_clock >= AUTOSAVE_EVERY:
        office_saves.autosave(screen)
    screen.refresh_view()


def suspend(screen: OfficeScreen) -> None:
    """A dialog or the palette opened over the office: the clock stops."""
    office_saves.flush_autosave(screen)
    if screen.pacer is not None:
        screen.pacer.pause()
        if screen.is_mounted and screen.query("#status"):
            office_view.draw_status(screen)  # shows the clock stopped behind the dialog


def resume(screen: OfficeScreen) -> None:
    """Back in the office: the clock runs again unless the player paused it."""
    if screen not in screen.app.screen_stack:  # closed in the same breath (to_title)
        return
    if screen.pacer is not None and not screen.user_paused and not screen.sim.is_over:
        screen.pacer.resume()
    if not screen._finished:
        screen.query_one("#queue").focus()
    screen.refresh_view()


def toggle_pause(screen: OfficeScreen) -> None:
    """Pause or resume the clock (the player's own pause: dialogs don't lift it)."""
    if screen.pacer is None:
        screen.say("Turn-based: time moves only when you act, or wait with w.", title="")
        return
    screen.user_paused = not screen.user_paused
    if screen.user_paused:
        screen.pacer.pause()
    else:
        screen.pacer.resume()
    screen.refresh_view()


def change_speed(screen: OfficeScreen, faster: bool) -> None:
    """Speed the clock up or slow it down, and say the new speed."""
    if screen.pacer is None:
        screen.say("Turn-based: there is no clock speed; w lets five minutes pass.",
                   title="")
        return
    speed = screen.pacer.faster() if faster else screen.pacer.slower()
    screen.say(f"Speed {speed:g}x", title="")
    screen.refresh_view()
