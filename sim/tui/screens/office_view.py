"""Drawing the office: every panel redrawn from the simulation, the log, the status line,
the conversation's scrolling and the close of the day.

Plain functions taking the :class:`~sim.tui.screens.office.OfficeScreen`; they hold no rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Button, Static

from sim.engine import format_clock
from sim.tui.screens import office_dialogs, office_saves
from sim.tui.text import clean, shorten
from sim.tui.widgets.daylog import DayLog
from sim.tui.widgets.encounter_view import EncounterView
from sim.tui.widgets.lazy import update_static
from sim.tui.widgets.panels import SETTLED, encounter, people, settled_notice, status_line
from sim.tui.widgets.queue import QueueList

if TYPE_CHECKING:
    from sim.tui.screens.office import OfficeScreen

LOG_CHARS = 160  # long closing lines are shortened in the log (the encounter shows them whole)
# Log entries worth a notification when the log panel is hidden (small terminals).
NOTIFY_KINDS = {"expired": "error", "delegated": "information", "returned": "warning"}
LOG_STYLES = {"arrival": "cyan", "expired": "bold red", "delegated": "green",
              "returned": "yellow", "resolved": "", "closed": "bold", "hold": "yellow",
              "delegate": "green"}


def refresh_view(screen: OfficeScreen) -> None:
    """Redraw every panel from the simulation (not once the office has closed: a late
    timer or resize may still call)."""
    if screen not in screen.app.screen_stack:
        return
    sim = screen.sim
    draw_status(screen)
    _write_log(screen)  # first: delegations settled now are notices in the encounter
    queue = screen.query_one("#queue", QueueList)
    queue.show(sim)
    highlighted = queue.highlighted_item()
    compact = screen.size.height < 30 or screen.size.width < 100
    text, choices = encounter(sim, screen.shown, screen.options.coaching,
                              sim.items[highlighted] if highlighted else None, compact,
                              screen.notices)
    if screen.query_one("#enc-view", EncounterView).show(text, choices):
        show_overflow(screen)  # its height may have changed without a layout
    wide = screen.size.width >= 120
    update_static(screen.query_one("#people", Static), people(sim, wide), fixed_lines=True)
    _offer_keys(screen)
    office_dialogs.ask_about_interruption(screen)
    if sim.is_over and not screen._finished:
        _close_day(screen)


def _write_log(screen: OfficeScreen) -> None:
    """Log the new entries; settled delegations become notices, and with the log hidden the
    entries worth it are said on the notice line."""
    sim = screen.sim
    log = screen.query_one("#log", DayLog)
    log_hidden = not log.display
    for entry in sim.log[screen._logged:]:
        if entry.kind in SETTLED and screen._logged and not screen._relogging:
            screen.notices.append(settled_notice(sim, entry, screen.options.coaching))
        if not log_hidden:  # a hidden log is written whole when a resize shows it
            line = Text(f"{format_clock(entry.clock)} ", style="dim")
            line.append(shorten(clean(entry.text), LOG_CHARS),
                        style=LOG_STYLES.get(entry.kind, ""))
            log.write(line, scroll_end=True)
        if log_hidden and entry.kind in NOTIFY_KINDS and screen._logged \
                and entry.kind not in SETTLED and not screen._relogging:
            screen.say(clean(entry.text), title=format_clock(entry.clock),
                       severity=NOTIFY_KINDS[entry.kind])
    screen._logged = len(sim.log)
    screen._relogging = False


def _close_day(screen: OfficeScreen) -> None:
    """The day is over: save it, stop the clock, end the day and offer the debrief."""
    screen._finished = True
    office_saves.autosave(screen)
    if screen.pacer is not None:
        screen.pacer.pause()
    screen._played_at_close = screen.played_seconds
    screen.ending = screen.app.end_day(screen.sim, screen.options, screen._played_at_close)
    screen.app.clear_notifications()  # nothing covers the way to the debrief
    screen._blank_notice()
    screen.refresh_bindings()
    button = screen.query_one("#to-debrief", Button)
    button.display = True
    button.focus()


def draw_status(screen: OfficeScreen) -> None:
    """The status line: clock, mode, and whether the clock runs (a dialog stops it)."""
    pacer, options = screen.pacer, screen.options
    paused = pacer.paused if pacer else False
    update_static(screen.query_one("#status", Static), status_line(
        screen.sim, turn_based=options.turn_based, paused=screen.user_paused or paused,
        speed=pacer.speed if pacer else 1.0, coaching=options.coaching,
        cohort=options.cohort.cohort.code if options.cohort else None,
        practice=options.practice is not None), fixed_lines=True)


def _offer_keys(screen: OfficeScreen) -> None:
    """Tell the footer when the set of working keys changes."""
    sim = screen.sim
    state = (sim.focus is None, sim.is_over, not sim.queue(), screen.user_paused)
    if state != screen._keys_state:
        screen._keys_state = state
        screen.refresh_bindings()


def show_overflow(screen: OfficeScreen) -> None:
    """Tell the player when the conversation runs past the panel."""
    if screen not in screen.app.screen_stack:
        return
    scroll = screen.query_one("#enc-view", EncounterView)
    if screen._at_end and scroll.scroll_y < scroll.max_scroll_y:
        scroll.scroll_end(animate=False)
    more = scroll.max_scroll_y > 0 and scroll.scroll_y < scroll.max_scroll_y
    subtitle = "more: PgDn" if more else ("PgUp" if scroll.scroll_y > 0 else "")
    panel = screen.query_one("#encounter")
    if panel.border_subtitle != subtitle:  # setting it, even unchanged, repaints the panel
        panel.border_subtitle = subtitle


def scroll_page(screen: OfficeScreen, direction: int) -> None:
    """Scroll the conversation a page up (``direction`` < 0) or down, once the next refresh
    has laid out what the key before it opened."""
    scroll = screen.query_one("#enc-view", EncounterView)
    screen._at_end = False
    page = scroll.scroll_page_up if direction < 0 else scroll.scroll_page_down
    scroll.call_after_refresh(page, animate=False)


def scroll_to(screen: OfficeScreen, end: bool) -> None:
    """Scroll the conversation to its start or its end (its last choice and keys); with
    no conversation or answer to read, go to the queue's first or last item instead."""
    if screen.sim.focus is None and screen.shown is None:
        queue = screen.query_one("#queue", QueueList)
        if end:
            queue.action_last()
        else:
            queue.action_first()
        return
    scroll = screen.query_one("#enc-view", EncounterView)
    screen._at_end = end  # kept there while the new text is still being laid out
    if end:
        scroll.scroll_end(animate=False)
    else:
        scroll.scroll_home(animate=False)
