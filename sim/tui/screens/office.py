"""The office: the day being played. Renders the engine's state and sends it actions.

Real-time mode asks a :class:`~sim.tui.pacing.Pacer` how many whole game minutes have passed
(measured on a monotonic clock) and hands them to the engine as waits; turn-based mode moves
time only by the player's actions and waits. Either way the engine's record replays the day.

This module holds the screen itself: its widgets, its state and its lifecycle. The work is
done by plain functions in sibling modules: :mod:`.office_view` draws the panels,
:mod:`.office_keys` sends the keys' actions, :mod:`.office_dialogs` runs the dialogs,
:mod:`.office_pacing` runs the real-time clock and :mod:`.office_saves` keeps the day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Static

from sim.engine import Simulation
from sim.tui.bindings import OFFICE, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens import office_dialogs, office_keys, office_pacing, office_saves, office_view
from sim.tui.screens.base import GameScreen
from sim.tui.text import join, literal, shorten
from sim.tui.widgets.daylog import DayLog
from sim.tui.widgets.encounter_view import EncounterView
from sim.tui.widgets.footer import KeyFooter
from sim.tui.widgets.lazy import update_static
from sim.tui.widgets.panels import Shown
from sim.tui.widgets.queue import QueueList

if TYPE_CHECKING:
    from sim.tui.ending import DayEnding
    from sim.tui.navigation import Navigator
    from sim.tui.options import PlayOptions
    from sim.tui.pacing import Pacer


class Conversation(EncounterView):
    """The encounter panel's conversation; tells the screen when its size changes."""

    def on_resize(self) -> None:
        """Let the screen update the "more" hint (``EncounterView`` wraps it again first)."""
        screen = self.screen
        if isinstance(screen, OfficeScreen):
            self.call_after_refresh(screen._show_overflow)


class OfficeScreen(GameScreen[None]):
    """The office screen. Holds no rules: everything comes from the simulation."""

    HELP = "Office"

    CSS_PATH = "office.tcss"
    BINDINGS = bindings(OFFICE)
    app: Navigator

    def __init__(self, sim: Simulation, options: PlayOptions, played_seconds: float = 0.0,
                 start_paused: bool = False):
        super().__init__()
        self.sim = sim
        self.options = options
        self.shown: Shown | None = None
        self.pacer: Pacer | None = None
        self.user_paused = start_paused
        self._played_before = played_seconds
        self._logged = 0
        self._last_autosave_clock = sim.clock
        self._autosave_failed = False
        self._autosave_due = False  # an action's autosave, written after its repaint
        self._finished = False
        self._played_at_close = 0.0
        self.ending: DayEnding | None = None
        self._asking: str | None = None  # the interruption whose dialog is open
        self.notices: list[Content] = []  # delegations settled since the player's last action
        self._relogging = False  # the log is being rewritten after a resize: no new notices
        self._at_end = False  # End was pressed: the conversation stays scrolled to its end
        self._keys_state: tuple[bool, bool, bool, bool] | None = None  # what the footer offers
        self._notice_stale = False  # the notice shown is to go once this key is handled
        self._notice_shown = False  # the notice line says something

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Status line, queue, encounter, people and log."""
        yield Static(id="status")
        with Vertical(id="office"):
            yield QueueList(id="queue")
            with Vertical(id="encounter"):
                yield Conversation(id="enc-view")  # PgDn reaches the last choice
                yield Button("See your debrief", id="to-debrief", variant="success")
            yield Static(id="people")
            yield DayLog(id="log", wrap=True, max_lines=500, min_width=1)
        yield Static(id="notice")
        yield KeyFooter(compact=True)

    def ready(self) -> None:
        """Start the clock (real-time) and draw."""
        self._started = self.app.clock()
        self.query_one("#queue").border_title = "Queue"
        self.query_one("#encounter").border_title = "With you"
        self.query_one("#people").border_title = "Team · morale · trust"
        self.query_one("#log").border_title = "Log"
        office_pacing.start(self)
        view = self.query_one("#enc-view", EncounterView)
        self.watch(view, "virtual_size", self._show_overflow, init=False)
        self.watch(view, "scroll_y", self._show_overflow, init=False)
        self.query_one("#queue").focus()
        self.shown = self.shown or self._branched_answer()
        self.refresh_view()
        if self.user_paused and self.pacer is not None:
            self.say("Paused: press space when you're ready.", title="")

    def _branched_answer(self) -> Shown | None:
        """On a practice branch, the answer just tried and what it led to (as after a choice)."""
        sim, last = self.sim, self.sim.last_feedback
        if self.options.practice is None or last is None or last.item not in sim.items:
            return None
        item = sim.items[last.item]
        answer = next((d for d in reversed(sim.decisions) if d.node != "delegate"), None)
        return Shown(sim.render(last.choice.text, item), sim.render(last.choice.feedback, item),
                     last.closing, answer)

    # -- lifecycle ----------------------------------------------------------------------------
    @property
    def played_seconds(self) -> float:
        """Real seconds spent on this day (including earlier sessions of a loaded save)."""
        return self._played_before + self.app.clock() - self._started

    def tick(self) -> None:
        """Hand the engine the game minutes that have passed (real-time mode)."""
        office_pacing.tick(self)

    def on_screen_suspend(self) -> None:
        """A dialog or the palette opened over the office: the clock stops."""
        office_pacing.suspend(self)

    def on_screen_resume(self) -> None:
        """Back in the office: the clock runs again unless the player paused it."""
        office_pacing.resume(self)

    def on_unmount(self) -> None:
        """Leaving the office: an autosave still due is written now."""
        office_saves.flush_autosave(self)

    def on_resize(self) -> None:
        """Re-wrap the log and redraw (the people panel shows more on a wide terminal).

        Not before the panels are composed or once the office has closed: keys typed fast
        can open and close it between a resize and its handling."""
        logs = self.query("#log").results(DayLog)
        log = next(logs, None)
        if log is None or self not in self.app.screen_stack:
            return
        log.clear()
        self._logged, self._relogging = 0, True
        self.call_after_refresh(self.refresh_view)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The day is over: on to the debrief."""
        if event.button.id == "to-debrief":
            self.app.show_debrief(self.sim, self.options, self._played_at_close, self.ending)

    def on_line_list_highlighted(self, event: QueueList.Highlighted) -> None:
        """The hints (what's next, what can be delegated) follow the highlight."""
        self.refresh_view()

    def on_line_list_selected(self, event: QueueList.Selected) -> None:
        """A click on a queue item attends it (Enter is the office's own key: attend)."""
        if event.option_id and not event.option_id.startswith("delegated:"):
            self.attend(event.option_id)

    # -- drawing ------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Redraw every panel from the simulation (not once the office has closed)."""
        office_view.refresh_view(self)

    def _show_overflow(self, _value: object = None) -> None:
        """Tell the player when the conversation runs past the panel."""
        office_view.show_overflow(self)

    def say(self, text: str, title: str = "Not now", severity: str = "warning") -> None:
        """A short notice on the line above the footer: it replaces the one before, so
        notices never pile up over the panels (toasts did), and it stays until the next
        action. The line is always there (blank without a notice), so a notice coming or
        going never resizes the panels."""
        style = {"warning": "bold $warning", "error": "bold $error"}.get(severity, "bold")
        head = Content(f"{title}: " if title else "").stylize(style)
        self._notice_stale = False
        self._notice_shown = True
        update_static(self.query_one("#notice", Static),
                      join(head, literal(shorten(text, 240))))

    def clear_notice(self) -> None:
        """The player acted: the notice goes, unless the action says something new (a wait
        that brought callers). Blanked once the key is handled, so a notice replaced by the
        next one is repainted once."""
        if self._notice_shown and not self._notice_stale:
            self._notice_stale = True
            self.call_next(self._blank_stale_notice)

    def _blank_stale_notice(self) -> None:
        if self._notice_stale:
            self._blank_notice()

    def _blank_notice(self) -> None:
        """Nothing to say: the notice line stays, empty."""
        self._notice_stale = self._notice_shown = False
        update_static(self.query_one("#notice", Static), Content(""))

    # -- acting -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that work now are offered (and shown in the footer)."""
        return office_keys.works(self.sim, self.pacer is not None, action, self.user_paused)

    def act(self, action: str) -> bool:
        """Apply one action; an illegal one is explained in a notification. True if applied."""
        return office_keys.act(self, action)

    def attend(self, item_id: str) -> None:
        """Attend an item."""
        office_keys.attend(self, item_id)

    def autosave(self) -> None:
        """Autosave (quietly; a failure is reported once)."""
        office_saves.autosave(self)

    def action_attend(self) -> None:
        """Attend the highlighted queue item."""
        office_keys.attend_highlighted(self)

    def action_choose(self, number: int) -> None:
        """Pick the numbered choice of the focused conversation."""
        office_keys.choose(self, number)

    def action_hold(self) -> None:
        """Put the focused conversation back in the queue."""
        office_keys.hold(self)

    def action_wait(self) -> None:
        """Wait five minutes, or less when something arrives sooner; say what arrived."""
        office_keys.wait(self)

    def action_delegate(self) -> None:
        """Hand the focused (or, with nobody, the highlighted) item to a free colleague."""
        focus = self.sim.focus
        office_dialogs.delegate(self, focus.id if focus else self.query_one(
            "#queue", QueueList).highlighted_item())

    def action_delegate_queued(self) -> None:
        """Hand the queue's highlighted item to a free colleague, even in a conversation
        (which goes on: the engine's ``delegate ITEM STAFF`` takes any open item)."""
        office_dialogs.delegate(self, self.query_one("#queue", QueueList).highlighted_item())

    def action_pause(self) -> None:
        """Pause the clock (space; resumes too, when called directly)."""
        office_pacing.toggle_pause(self)

    def action_resume(self) -> None:
        """Resume the paused clock (space, shown as Resume while paused)."""
        office_pacing.toggle_pause(self)

    def action_faster(self) -> None:
        """Speed the clock up."""
        office_pacing.change_speed(self, faster=True)

    def action_slower(self) -> None:
        """Slow the clock down."""
        office_pacing.change_speed(self, faster=False)

    def action_save(self) -> None:
        """Save the day to a new file."""
        office_saves.save(self)

    def action_quit(self) -> None:
        """Leave the day (after confirming); it stays autosaved."""
        office_dialogs.confirm_quit(self)

    # The scroll keys are the screen's (not priority bindings, which the app would resolve
    # before the keys typed ahead of them had run: "Enter End" typed fast lost the End), and
    # the scrolls wait for the next refresh, so they move the conversation Enter just opened.
    def action_scroll_text(self, direction: int) -> None:
        """Scroll the conversation a page (the queue keeps the focus)."""
        office_view.scroll_page(self, direction)

    def action_scroll_text_to(self, end: bool) -> None:
        """Scroll the conversation to its start or its end (its last choice and keys); with
        no conversation or answer to read, Home and End go to the queue's first or last."""
        office_view.scroll_to(self, end)

    # -- the command palette ------------------------------------------------------------------
    def _if_open(self, action: Any, *args: Any) -> None:
        """Run a palette command only while the office is open (it runs after the palette
        closes, when the day may be gone)."""
        if self in self.app.screen_stack and not self.sim.is_over:
            action(*args)

    def palette_commands(self) -> list[PaletteCommand]:
        """Attend any queue item, pick any choice, and every key of the office."""
        sim = self.sim
        commands = [PaletteCommand(f"Attend: {sim.title(item)}", "take it as your focus",
                                   lambda i=item.id: self._if_open(self.attend, i))
                    for item in sim.queue()]
        if sim.focus is not None:
            commands += [PaletteCommand(
                f"Choose {n}: {sim.render(choice.text, sim.focus)}",
                f"{choice.minutes} min", lambda n=n: self._if_open(self.action_choose, n))
                for n, choice in enumerate(sim.available_choices(), start=1)]
        return commands + from_specs(self, OFFICE)
