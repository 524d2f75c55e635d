"""Keeping the office's day: autosaves after each action (written a moment later, once its
repaint is on screen), saves on request, and the live record of a proctored day.

Plain functions taking the :class:`~sim.tui.screens.office.OfficeScreen`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.tui.screens.office import OfficeScreen

AUTOSAVE_DELAY = 0.1  # seconds after an action: its repaint is on screen well before


def autosave(screen: OfficeScreen) -> None:
    """Autosave after every action (quietly; a failure is reported once)."""
    screen._last_autosave_clock = screen.sim.clock
    write(screen, autosave=True)


def autosave_soon(screen: OfficeScreen) -> None:
    """Autosave shortly after the action, once its repaint is on screen (the write and its
    fsync would otherwise delay every key's repaint); leaving the office writes it at once.

    Not ``call_after_refresh``: that runs as soon as the screen is idle with nothing marked
    dirty yet, which is before the widgets a key changed have asked for their repaint.
    """
    if not screen._autosave_due:
        screen._autosave_due = True
        screen.set_timer(AUTOSAVE_DELAY, partial(flush_autosave, screen))


def flush_autosave(screen: OfficeScreen) -> None:
    """Write the autosave an action left due, if it still is."""
    if screen._autosave_due:
        screen._autosave_due = False
        autosave(screen)


def save(screen: OfficeScreen) -> None:
    """Save the day to a new file and say where."""
    path = write(screen, autosave=False)
    if path is not None:
        screen.say(f"{path}", title="Saved", severity="information")


def write(screen: OfficeScreen, autosave: bool) -> object | None:
    """Write a save (or an autosave) of the day; its path, or None if none was written."""
    options = screen.options
    if options.practice is not None:  # a branch is practice: it leaves no saves
        if not autosave:
            screen.say("A practice branch isn't saved: finish it to see how the score "
                       "moved.", title="")
        return None
    try:
        from sim.storage.saves import write_save
    except ImportError:
        if not autosave:
            screen.say("Saving isn't available in this build.", title="")
        return None
    try:
        cohort = options.cohort
        return write_save(screen.sim, player=screen.app.player, mode=options.mode,
                          timing=options.timing, played_seconds=screen.played_seconds,
                          autosave=autosave, directory=screen.app.saves_dir,
                          cohort=cohort.cohort.code if cohort is not None else None)
    except OSError as exc:
        if not autosave or not screen._autosave_failed:
            screen.say(f"Couldn't save: {exc}", severity="error", title="")
        screen._autosave_failed = autosave
        return None


def record_live(screen: OfficeScreen) -> None:
    """On a proctored day, hand the server's recorder the new actions (it never blocks:
    the store is written in the background, or queued while it can't be reached)."""
    proctor = getattr(screen.options.cohort, "proctor", None)
    if proctor is not None:
        notice = proctor.sync(screen.sim)
        if notice:
            screen.say(notice, title="Recording")
