"""The office: the day being played. Renders the engine's state and sends it actions.

Real-time mode asks a :class:`~sim.tui.pacing.Pacer` how many whole game minutes have passed
(measured on a monotonic clock) and hands them to the engine as waits; turn-based mode moves
time only by the player's actions and waits. Either way the engine's record replays the day.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Footer, OptionList, RichLog, Static

from sim.engine import ActionError, Simulation, delegation_chance, describe_chance, format_clock
from sim.tui.bindings import OFFICE, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.pacing import Pacer
from sim.tui.screens.base import GameScreen
from sim.tui.screens.dialogs import ConfirmDialog, DelegateDialog, StaffOption
from sim.tui.text import clean, shorten
from sim.tui.widgets.panels import Shown, encounter, people, status_line
from sim.tui.widgets.queue import QueueList

if TYPE_CHECKING:
    from sim.tui.app import PlayOptions, PracticeSimApp
    from sim.tui.ending import DayEnding

TICK_SECONDS = 0.1
AUTOSAVE_EVERY = 5  # game minutes between autosaves while the clock runs on its own
LOG_CHARS = 160  # long closing lines are shortened in the log (the encounter shows them whole)
# Log entries worth a notification when the log panel is hidden (small terminals).
NOTIFY_KINDS = {"expired": "error", "delegated": "information", "returned": "warning"}
LOG_STYLES = {"arrival": "cyan", "expired": "bold red", "delegated": "green",
              "returned": "yellow", "resolved": "", "closed": "bold", "hold": "yellow",
              "delegate": "green"}


class EncounterScroll(VerticalScroll):
    """The conversation's scrolling area; tells the screen when its size changes."""

    def on_resize(self) -> None:
        """Let the screen update the "more" hint."""
        screen = self.screen
        if isinstance(screen, OfficeScreen):
            self.call_after_refresh(screen._show_overflow)


class OfficeScreen(GameScreen[None]):
    """The office screen. Holds no rules: everything comes from the simulation."""

    CSS_PATH = "office.tcss"
    BINDINGS = bindings(OFFICE)
    app: PracticeSimApp

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
        self._finished = False
        self._played_at_close = 0.0
        self.ending: DayEnding | None = None

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Status line, queue, encounter, people and log."""
        yield Static(id="status")
        with Vertical(id="office"):
            yield QueueList(id="queue")
            with Vertical(id="encounter"):
                with EncounterScroll(id="enc-scroll"):
                    yield Static(id="enc-text")
                yield Static(id="enc-choices")
                yield Button("See your debrief", id="to-debrief", variant="success")
            yield Static(id="people")
            yield RichLog(id="log", wrap=True, markup=False, max_lines=500, min_width=1)
        yield Footer(compact=True)

    def ready(self) -> None:
        """Start the clock (real-time) and draw."""
        self._started = self.app.clock()
        self.query_one("#queue").border_title = "Queue"
        self.query_one("#encounter").border_title = "With you"
        self.query_one("#people").border_title = "Team · morale · trust"
        self.query_one("#log").border_title = "Log"
        if not self.options.turn_based:
            self.pacer = Pacer(self.options.pace(self.sim.scenario), self.app.clock)
            if not self.user_paused:
                self.pacer.resume()
            self.set_interval(TICK_SECONDS, self.tick)
        scroll = self.query_one("#enc-scroll", VerticalScroll)
        self.watch(scroll, "virtual_size", self._show_overflow, init=False)
        self.watch(scroll, "scroll_y", self._show_overflow, init=False)
        self.query_one("#queue").focus()
        self.refresh_view()
        if self.user_paused and self.pacer is not None:
            self.notify("Paused: press space when you're ready.", markup=False)

    # -- time ---------------------------------------------------------------------------------
    @property
    def played_seconds(self) -> float:
        """Real seconds spent on this day (including earlier sessions of a loaded save)."""
        return self._played_before + self.app.clock() - self._started

    def tick(self) -> None:
        """Hand the engine the game minutes that have passed (real-time mode)."""
        if self.pacer is None or self.sim.is_over or self.pacer.paused:
            return
        due = self.pacer.due()
        if due <= 0:
            return
        with contextlib.suppress(ActionError):  # the day may have closed meanwhile
            self.sim.wait(due)
        if self.sim.clock - self._last_autosave_clock >= AUTOSAVE_EVERY:
            self.autosave()
        self.refresh_view()

    def on_screen_suspend(self) -> None:
        """A dialog or the palette opened over the office: the clock stops."""
        if self.pacer is not None:
            self.pacer.pause()

    def on_screen_resume(self) -> None:
        """Back in the office: the clock runs again unless the player paused it."""
        if self.pacer is not None and not self.user_paused and not self.sim.is_over:
            self.pacer.resume()
        if not self._finished:
            self.query_one("#queue").focus()
        self.refresh_view()

    # -- drawing ------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Redraw every panel from the simulation."""
        sim = self.sim
        paused = self.pacer.paused if self.pacer else False
        self.query_one("#status", Static).update(status_line(
            sim, turn_based=self.options.turn_based, paused=self.user_paused or paused,
            speed=self.pacer.speed if self.pacer else 1.0, coaching=self.options.coaching,
            cohort=self.options.cohort.cohort.code if self.options.cohort else None))
        queue = self.query_one("#queue", QueueList)
        queue.show(sim)
        highlighted = queue.highlighted_item()
        title = sim.title(sim.items[highlighted]) if highlighted else None
        compact = self.size.height < 30 or self.size.width < 100
        text, choices = encounter(sim, self.shown, self.options.coaching, title, compact)
        self.query_one("#enc-text", Static).update(text)
        choices_widget = self.query_one("#enc-choices", Static)
        choices_widget.update(choices)
        choices_widget.display = bool(choices.plain)
        self.query_one("#encounter").set_class(not choices.plain, "-no-choices")
        wide = self.size.width >= 120
        self.query_one("#people", Static).update(people(sim, wide))
        log = self.query_one("#log", RichLog)
        log_hidden = not log.display
        for entry in sim.log[self._logged:]:
            line = Text(f"{format_clock(entry.clock)} ", style="dim")
            line.append(shorten(clean(entry.text), LOG_CHARS),
                        style=LOG_STYLES.get(entry.kind, ""))
            log.write(line, scroll_end=True)
            if log_hidden and entry.kind in NOTIFY_KINDS and self._logged:
                self.notify(shorten(clean(entry.text), LOG_CHARS), title=format_clock(
                    entry.clock), severity=NOTIFY_KINDS[entry.kind], markup=False)
        self._logged = len(sim.log)
        if sim.is_over and not self._finished:
            self._finished = True
            self.autosave()
            if self.pacer is not None:
                self.pacer.pause()
            self._played_at_close = self.played_seconds
            self.ending = self.app.end_day(self.sim, self.options, self._played_at_close)
            button = self.query_one("#to-debrief", Button)
            button.display = True
            button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The day is over: on to the debrief."""
        if event.button.id == "to-debrief":
            self.app.show_debrief(self.sim, self.options, self._played_at_close, self.ending)

    def _show_overflow(self, _value: object = None) -> None:
        """Tell the player when the conversation runs past the panel."""
        scroll = self.query_one("#enc-scroll", VerticalScroll)
        more = scroll.max_scroll_y > 0 and scroll.scroll_y < scroll.max_scroll_y
        self.query_one("#encounter").border_subtitle = "more: PgDn" if more else (
            "PgUp" if scroll.scroll_y > 0 else "")

    def on_resize(self) -> None:
        """Re-wrap the log and redraw (the people panel shows more on a wide terminal)."""
        self.query_one("#log", RichLog).clear()
        self._logged = 0
        self.call_after_refresh(self.refresh_view)

    def action_scroll_text(self, direction: int) -> None:
        """Scroll the conversation a page (the queue keeps the focus)."""
        scroll = self.query_one("#enc-scroll", VerticalScroll)
        if direction < 0:
            scroll.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_down(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The hint under the queue follows the highlight."""
        if self.sim.focus is None:
            self.refresh_view()

    # -- acting -------------------------------------------------------------------------------
    def act(self, action: str) -> bool:
        """Apply one action; an illegal one is explained in a notification. True if applied."""
        if self.sim.is_over:
            self.notify("The day is over.", markup=False)
            return False
        try:
            self.sim.apply(action)
        except ActionError as exc:
            self.notify(str(exc), title="Not now", severity="warning", markup=False)
            return False
        self.autosave()
        self.refresh_view()
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a queue item attends it."""
        if event.option.id and not event.option.id.startswith("delegated:"):
            self.attend(event.option.id)

    def attend(self, item_id: str) -> None:
        """Attend an item."""
        previous, self.shown = self.shown, None
        if not self.act(f"attend {item_id}"):
            self.shown = previous
            self.refresh_view()
        else:
            self.query_one("#enc-scroll").scroll_home(animate=False)

    def action_attend(self) -> None:
        """Attend the highlighted queue item."""
        item_id = self.query_one("#queue", QueueList).highlighted_item()
        if item_id is None:
            self.notify("Nothing is waiting in the queue.", markup=False)
            return
        self.attend(item_id)

    def action_choose(self, number: int) -> None:
        """Pick the numbered choice of the focused conversation."""
        sim = self.sim
        if sim.focus is None:
            self.notify("Nobody is with you: press Enter to attend the highlighted item.",
                        title="Not now", severity="warning", markup=False)
            return
        choices = sim.available_choices()
        if not 1 <= number <= len(choices):
            self.notify(f"There is no option {number} here (1-{len(choices)}).",
                        title="Not now", severity="warning", markup=False)
            return
        choice = choices[number - 1]
        focus = sim.focus
        decisions = len(sim.decisions)
        text = sim.render(choice.text, focus)
        feedback = sim.render(choice.feedback, focus)
        if self.act(f"choose {choice.id}"):
            last = sim.last_feedback
            decision = sim.decisions[-1] if len(sim.decisions) > decisions else None
            self.shown = Shown(text, feedback, last.closing if last else None, decision)
            self.refresh_view()
            self.query_one("#enc-scroll").scroll_home(animate=False)

    def action_hold(self) -> None:
        """Put the focused conversation back in the queue."""
        self.shown = None
        self.act("hold")

    def action_wait(self) -> None:
        """Let five minutes pass."""
        self.shown = None
        self.act("wait 5")

    def action_delegate(self) -> None:
        """Hand the focused (or highlighted) item to a free colleague."""
        sim = self.sim
        item_id = sim.focus.id if sim.focus else self.query_one(
            "#queue", QueueList).highlighted_item()
        if item_id is None:
            self.notify("Highlight an item in the queue to delegate it.", title="Not now",
                        severity="warning", markup=False)
            return
        item = sim.items[item_id]
        refusal = sim.delegation_refusal(item)
        if refusal:
            self.notify(refusal, title="Can't delegate", severity="warning", markup=False)
            return
        staff = [StaffOption(p.id, p.name, p.role,
                             describe_chance(delegation_chance(p.meters["skill"],
                                                               p.meters["morale"])))
                 for p in sim.staff_free_for(item)]

        def chosen(staff_id: str | None) -> None:
            if staff_id:
                self.shown = None
                self.act(f"delegate {item_id} {staff_id}")

        self.app.push_screen(DelegateDialog(sim.title(item), staff), chosen)

    def action_pause(self) -> None:
        """Pause or resume the clock."""
        if self.pacer is None:
            self.notify("Turn-based: time moves only when you act, or wait with w.",
                        markup=False)
            return
        self.user_paused = not self.user_paused
        if self.user_paused:
            self.pacer.pause()
        else:
            self.pacer.resume()
        self.refresh_view()

    def _speed(self, faster: bool) -> None:
        if self.pacer is None:
            self.notify("Turn-based: there is no clock speed; w lets five minutes pass.",
                        markup=False)
            return
        speed = self.pacer.faster() if faster else self.pacer.slower()
        self.notify(f"Speed {speed:g}x", timeout=1.5, markup=False)
        self.refresh_view()

    def action_faster(self) -> None:
        """Speed the clock up."""
        self._speed(True)

    def action_slower(self) -> None:
        """Slow the clock down."""
        self._speed(False)

    def action_save(self) -> None:
        """Save the day to a new file."""
        path = self._write(autosave=False)
        if path is not None:
            self.notify(f"Saved: {path}", title="Saved", markup=False)

    def autosave(self) -> None:
        """Autosave after every action (quietly; a failure is reported once)."""
        self._last_autosave_clock = self.sim.clock
        self._write(autosave=True)

    def _write(self, autosave: bool) -> object | None:
        try:
            from sim.storage.saves import write_save
        except ImportError:
            if not autosave:
                self.notify("Saving isn't available in this build.", markup=False)
            return None
        try:
            cohort = self.options.cohort
            return write_save(self.sim, player=self.app.player, mode=self.options.mode,
                              timing=self.options.timing, played_seconds=self.played_seconds,
                              autosave=autosave, directory=self.app.saves_dir,
                              cohort=cohort.cohort.code if cohort is not None else None)
        except OSError as exc:
            if not autosave or not self._autosave_failed:
                self.notify(f"Couldn't save: {exc}", severity="error", markup=False)
            self._autosave_failed = autosave
            return None

    def action_quit(self) -> None:
        """Leave the day (after confirming); it stays autosaved."""

        def answer(leave: bool | None) -> None:
            if leave:
                self.autosave()
                self.app.to_title()

        self.app.push_screen(ConfirmDialog(
            "Leave this day?", "It is autosaved: Continue on the title screen picks it up "
            "where you left it.", yes="Leave", no="Stay"), answer)

    def palette_commands(self) -> list[PaletteCommand]:
        """Attend any queue item, pick any choice, and every key of the office."""
        sim = self.sim
        commands = [PaletteCommand(f"Attend: {sim.title(item)}", "take it as your focus",
                                   lambda i=item.id: self.attend(i)) for item in sim.queue()]
        if sim.focus is not None:
            commands += [PaletteCommand(
                f"Choose {n}: {sim.render(choice.text, sim.focus)}",
                f"{choice.minutes} min", lambda n=n: self.action_choose(n))
                for n, choice in enumerate(sim.available_choices(), start=1)]
        return commands + from_specs(self, OFFICE)
