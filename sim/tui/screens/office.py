"""The office: the day being played. Renders the engine's state and sends it actions.

Real-time mode asks a :class:`~sim.tui.pacing.Pacer` how many whole game minutes have passed
(measured on a monotonic clock) and hands them to the engine as waits; turn-based mode moves
time only by the player's actions and waits. Either way the engine's record replays the day.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, OptionList, RichLog, Static

from sim.engine import ActionError, Simulation, describe_chance, format_clock
from sim.tui.bindings import OFFICE, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.pacing import Pacer
from sim.tui.screens.base import GameScreen
from sim.tui.screens.dialogs import ConfirmDialog, DelegateDialog, InterruptDialog, StaffOption
from sim.tui.text import clean, join, literal, shorten
from sim.tui.widgets.footer import KeyFooter
from sim.tui.widgets.lazy import update_static
from sim.tui.widgets.panels import SETTLED, Shown, encounter, people, settled_notice, status_line
from sim.tui.widgets.queue import QueueList

if TYPE_CHECKING:
    from sim.tui.ending import DayEnding
    from sim.tui.navigation import Navigator
    from sim.tui.options import PlayOptions

TICK_SECONDS = 0.1
WAIT_MINUTES = 5  # w waits this long at most: less when something arrives sooner
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

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Status line, queue, encounter, people and log."""
        yield Static(id="status")
        with Vertical(id="office"):
            yield QueueList(id="queue")
            with Vertical(id="encounter"):
                with EncounterScroll(id="enc-scroll"):  # PgDn reaches the last choice
                    yield Static(id="enc-text")
                    yield Static(id="enc-choices")
                yield Button("See your debrief", id="to-debrief", variant="success")
            yield Static(id="people")
            yield RichLog(id="log", wrap=True, markup=False, max_lines=500, min_width=1)
        yield Static(id="notice")
        yield KeyFooter(compact=True)

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
        self.record_live()
        if self.sim.clock - self._last_autosave_clock >= AUTOSAVE_EVERY:
            self.autosave()
        self.refresh_view()

    def on_screen_suspend(self) -> None:
        """A dialog or the palette opened over the office: the clock stops."""
        self._flush_autosave()
        if self.pacer is not None:
            self.pacer.pause()
            if self.is_mounted and self.query("#status"):
                self._draw_status()  # shows the clock stopped behind the dialog

    def on_screen_resume(self) -> None:
        """Back in the office: the clock runs again unless the player paused it."""
        if self not in self.app.screen_stack:  # closed in the same breath (to_title)
            return
        if self.pacer is not None and not self.user_paused and not self.sim.is_over:
            self.pacer.resume()
        if not self._finished:
            self.query_one("#queue").focus()
        self.refresh_view()

    # -- drawing ------------------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Redraw every panel from the simulation (not once the office has closed: a late
        timer or resize may still call)."""
        if self not in self.app.screen_stack:
            return
        sim = self.sim
        self._draw_status()
        queue = self.query_one("#queue", QueueList)
        queue.show(sim)
        highlighted = queue.highlighted_item()
        compact = self.size.height < 30 or self.size.width < 100
        text, choices = encounter(sim, self.shown, self.options.coaching,
                                  sim.items[highlighted] if highlighted else None, compact,
                                  self.notices)
        update_static(self.query_one("#enc-text", Static), text)
        choices_widget = self.query_one("#enc-choices", Static)
        if update_static(choices_widget, choices):
            choices_widget.display = bool(choices.plain)
        wide = self.size.width >= 120
        update_static(self.query_one("#people", Static), people(sim, wide), fixed_lines=True)
        log = self.query_one("#log", RichLog)
        log_hidden = not log.display
        for entry in sim.log[self._logged:]:
            if entry.kind in SETTLED and self._logged and not self._relogging:
                self.notices.append(settled_notice(sim, entry, self.options.coaching))
            if not log_hidden:  # a hidden log is written whole when a resize shows it
                line = Text(f"{format_clock(entry.clock)} ", style="dim")
                line.append(shorten(clean(entry.text), LOG_CHARS),
                            style=LOG_STYLES.get(entry.kind, ""))
                log.write(line, scroll_end=True)
            if log_hidden and entry.kind in NOTIFY_KINDS and self._logged \
                    and entry.kind not in SETTLED and not self._relogging:
                self.say(clean(entry.text), title=format_clock(entry.clock),
                         severity=NOTIFY_KINDS[entry.kind])
        self._logged = len(sim.log)
        self._relogging = False
        self._offer_keys()
        self._ask_about_interruption()
        if sim.is_over and not self._finished:
            self._finished = True
            self.autosave()
            if self.pacer is not None:
                self.pacer.pause()
            self._played_at_close = self.played_seconds
            self.ending = self.app.end_day(self.sim, self.options, self._played_at_close)
            self.app.clear_notifications()  # nothing covers the way to the debrief
            self.query_one("#notice").display = False
            self.refresh_bindings()
            button = self.query_one("#to-debrief", Button)
            button.display = True
            button.focus()

    def _draw_status(self) -> None:
        """The status line: clock, mode, and whether the clock runs (a dialog stops it)."""
        paused = self.pacer.paused if self.pacer else False
        update_static(self.query_one("#status", Static), status_line(
            self.sim, turn_based=self.options.turn_based, paused=self.user_paused or paused,
            speed=self.pacer.speed if self.pacer else 1.0, coaching=self.options.coaching,
            cohort=self.options.cohort.cohort.code if self.options.cohort else None,
            practice=self.options.practice is not None), fixed_lines=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that work now are offered (and shown in the footer)."""
        sim = self.sim
        if action in ("pause", "faster", "slower"):
            return self.pacer is not None and not sim.is_over
        if action in ("attend", "hold", "delegate", "delegate_queued", "wait", "choose",
                      "save"):
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

    def _offer_keys(self) -> None:
        """Tell the footer when the set of working keys changes."""
        sim = self.sim
        state = (sim.focus is None, sim.is_over, not sim.queue())
        if state != getattr(self, "_keys_state", None):
            self._keys_state = state
            self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The day is over: on to the debrief."""
        if event.button.id == "to-debrief":
            self.app.show_debrief(self.sim, self.options, self._played_at_close, self.ending)

    def _show_overflow(self, _value: object = None) -> None:
        """Tell the player when the conversation runs past the panel."""
        if self not in self.app.screen_stack:
            return
        scroll = self.query_one("#enc-scroll", VerticalScroll)
        if self._at_end and scroll.scroll_y < scroll.max_scroll_y:
            scroll.scroll_end(animate=False)
        more = scroll.max_scroll_y > 0 and scroll.scroll_y < scroll.max_scroll_y
        self.query_one("#encounter").border_subtitle = "more: PgDn" if more else (
            "PgUp" if scroll.scroll_y > 0 else "")

    def on_resize(self) -> None:
        """Re-wrap the log and redraw (the people panel shows more on a wide terminal).

        Not before the panels are composed or once the office has closed: keys typed fast
        can open and close it between a resize and its handling."""
        logs = self.query("#log").results(RichLog)
        log = next(logs, None)
        if log is None or self not in self.app.screen_stack:
            return
        log.clear()
        self._logged, self._relogging = 0, True
        self.call_after_refresh(self.refresh_view)

    # The scroll keys are the screen's (not priority bindings, which the app would resolve
    # before the keys typed ahead of them had run: "Enter End" typed fast lost the End), and
    # the scrolls wait for the next refresh, so they move the conversation Enter just opened.
    def action_scroll_text(self, direction: int) -> None:
        """Scroll the conversation a page (the queue keeps the focus)."""
        scroll = self.query_one("#enc-scroll", VerticalScroll)
        self._at_end = False
        page = scroll.scroll_page_up if direction < 0 else scroll.scroll_page_down
        scroll.call_after_refresh(page, animate=False)

    def action_scroll_text_to(self, end: bool) -> None:
        """Scroll the conversation to its start or its end (its last choice and keys); with
        no conversation or answer to read, Home and End go to the queue's first or last."""
        if self.sim.focus is None and self.shown is None:
            queue = self.query_one("#queue", QueueList)
            if end:
                queue.action_last()
            else:
                queue.action_first()
            return
        scroll = self.query_one("#enc-scroll", VerticalScroll)
        self._at_end = end  # kept there while the new text is still being laid out
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The hints (what's next, what can be delegated) follow the highlight."""
        self.refresh_view()

    def record_live(self) -> None:
        """On a proctored day, hand the server's recorder the new actions (it never blocks:
        the store is written in the background, or queued while it can't be reached)."""
        proctor = getattr(self.options.cohort, "proctor", None)
        if proctor is not None:
            notice = proctor.sync(self.sim)
            if notice:
                self.say(notice, title="Recording")

    def say(self, text: str, title: str = "Not now", severity: str = "warning") -> None:
        """A short notice on the line above the footer: it replaces the one before, so
        notices never pile up over the panels (toasts did), and it stays until the next
        action."""
        style = {"warning": "bold $warning", "error": "bold $error"}.get(severity, "bold")
        head = Content(f"{title}: " if title else "").stylize(style)
        notice = self.query_one("#notice", Static)
        notice.update(join(head, literal(shorten(text, 240))))
        notice.display = True

    # -- acting -------------------------------------------------------------------------------
    def act(self, action: str) -> bool:
        """Apply one action; an illegal one is explained in a notification. True if applied."""
        if self.sim.is_over:
            self.say("The day is over: Enter shows your debrief.", title="")
            return False
        try:
            self.sim.apply(action)
            self._at_end = False
            self.notices = []
            notice = self.query_one("#notice")
            if notice.display:  # setting it, even unchanged, lays the screen out again
                notice.display = False
        except ActionError as exc:
            self.say(str(exc))
            return False
        self.record_live()
        self.refresh_view()
        if not self._finished:  # the close autosaves at once (refresh_view)
            self._autosave_soon()
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a queue item attends it (Enter is the office's own key: attend)."""
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
            self.say("Nothing is waiting in the queue.", title="")
            return
        self.attend(item_id)

    def action_choose(self, number: int) -> None:
        """Pick the numbered choice of the focused conversation."""
        sim = self.sim
        if sim.focus is None:
            self.say("Nobody is with you: press Enter to attend the highlighted item.")
            return
        choices = sim.available_choices()
        if not 1 <= number <= len(choices):
            self.say(f"There is no option {number} here (1-{len(choices)}).")
            return
        choice = choices[number - 1]
        focus = sim.focus
        decisions = len(sim.decisions)
        text = sim.render(choice.text, focus)
        feedback = sim.render(choice.feedback, focus)
        if self.act(f"choose {choice.id}"):
            last = sim.last_feedback
            new = sim.decisions[decisions:]
            # Only this item's verdicts: another item may expire (and settle its own
            # delegation decision) while the answer's minutes run.
            mine = [d for d in new if focus is not None and d.item == focus.id]
            answer = next((d for d in reversed(mine) if d.node != "delegate"), None)
            handled = next((d for d in mine if d.node == "delegate"), None)
            self.shown = Shown(text, feedback, last.closing if last else None, answer,
                               handled)
            self.refresh_view()
            self.query_one("#enc-scroll").scroll_home(animate=False)

    def action_hold(self) -> None:
        """Put the focused conversation back in the queue."""
        self.shown = None
        self.act("hold")

    def action_wait(self) -> None:
        """Wait five minutes, or less when something arrives sooner; say what arrived."""
        self.shown = None
        sim = self.sim
        if sim.is_over:
            self.act("wait 1")  # says the day is over
            return
        logged = len(sim.log)
        minutes = sim.wait_step(WAIT_MINUTES)
        if not self.act(f"wait {minutes}"):
            return
        arrived = [entry.text for entry in sim.log[logged:] if entry.kind == "arrival"]
        back = [entry.text for entry in sim.log[logged:] if entry.kind in ("delegated",
                                                                          "returned")]
        if arrived or back:
            self.say(clean("; ".join([*arrived, *back])), severity="information",
                     title=f"{format_clock(sim.clock)} "
                     + ("arrived" if arrived else "back from a colleague"))

    def _ask_about_interruption(self) -> None:
        """Something interrupts the conversation in progress: ask at once, in a dialog."""
        sim = self.sim
        item = sim.interruption()
        if item is None or sim.is_over or self._asking == item.id:
            return
        interrupt = item.event.interrupt
        assert interrupt is not None
        self._asking = item.id
        with_whom = "someone"
        if sim.focus is not None:
            subject = sim.person(sim.focus.subject)
            with_whom = subject.name if subject is not None else sim.title(sim.focus)

        def answered(answer: str | None) -> None:
            self._asking = None
            self.shown = None
            self.act(f"{'take' if answer == 'take' else 'defer'} {item.id}")

        self.app.push_screen(InterruptDialog(
            sim.title(item), with_whom, sim.render(interrupt.take.text, item),
            sim.render(interrupt.wait.text, item)), answered)

    def action_delegate(self) -> None:
        """Hand the focused (or, with nobody, the highlighted) item to a free colleague."""
        sim = self.sim
        self._delegate(sim.focus.id if sim.focus else self.query_one(
            "#queue", QueueList).highlighted_item())

    def action_delegate_queued(self) -> None:
        """Hand the queue's highlighted item to a free colleague, even in a conversation
        (which goes on: the engine's ``delegate ITEM STAFF`` takes any open item)."""
        self._delegate(self.query_one("#queue", QueueList).highlighted_item())

    def _delegate(self, item_id: str | None) -> None:
        """Ask whom to hand ``item_id`` to (or say why it can't be), then delegate."""
        sim = self.sim
        if item_id is None:
            self.say("Highlight an item in the queue to delegate it.")
            return
        item = sim.items[item_id]
        refusal = sim.delegation_refusal(item)
        if refusal:
            self.say(refusal)  # the engine says why: "... can't be delegated: ..."
            return
        staff = [StaffOption(p.id, p.name, p.role,
                             describe_chance(sim.delegation_odds(item, p)))
                 for p in sim.staff_free_for(item)]
        delegate = item.event.delegate
        busy = [sim.people[s] for s in (delegate.to if delegate else ())
                if sim.people[s].state != "available"]
        busy_line = ("Busy: " + ", ".join(
            f"{p.name} until {format_clock(p.busy_until or 0)}" for p in busy)) if busy else ""

        def chosen(staff_id: str | None) -> None:
            if staff_id:
                self.shown = None
                self.act(f"delegate {item_id} {staff_id}")

        self.app.push_screen(DelegateDialog(sim.title(item), staff, busy_line), chosen)

    def action_pause(self) -> None:
        """Pause or resume the clock."""
        if self.pacer is None:
            self.say("Turn-based: time moves only when you act, or wait with w.", title="")
            return
        self.user_paused = not self.user_paused
        if self.user_paused:
            self.pacer.pause()
        else:
            self.pacer.resume()
        self.refresh_view()

    def _speed(self, faster: bool) -> None:
        if self.pacer is None:
            self.say("Turn-based: there is no clock speed; w lets five minutes pass.",
                     title="")
            return
        speed = self.pacer.faster() if faster else self.pacer.slower()
        self.say(f"Speed {speed:g}x", title="")
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
            self.say(f"{path}", title="Saved", severity="information")

    def _autosave_soon(self) -> None:
        """Autosave once the action's repaint is on screen (the write and its fsync would
        otherwise delay every key's repaint); leaving the office writes it at once."""
        self._autosave_due = True
        self.call_after_refresh(self._flush_autosave)

    def _flush_autosave(self) -> None:
        if self._autosave_due:
            self._autosave_due = False
            self.autosave()

    def on_unmount(self) -> None:
        """Leaving the office: an autosave still due is written now."""
        self._flush_autosave()

    def autosave(self) -> None:
        """Autosave after every action (quietly; a failure is reported once)."""
        self._last_autosave_clock = self.sim.clock
        self._write(autosave=True)

    def _write(self, autosave: bool) -> object | None:
        if self.options.practice is not None:  # a branch is practice: it leaves no saves
            if not autosave:
                self.say("A practice branch isn't saved: finish it to see how the score "
                         "moved.", title="")
            return None
        try:
            from sim.storage.saves import write_save
        except ImportError:
            if not autosave:
                self.say("Saving isn't available in this build.", title="")
            return None
        try:
            cohort = self.options.cohort
            return write_save(self.sim, player=self.app.player, mode=self.options.mode,
                              timing=self.options.timing, played_seconds=self.played_seconds,
                              autosave=autosave, directory=self.app.saves_dir,
                              cohort=cohort.cohort.code if cohort is not None else None)
        except OSError as exc:
            if not autosave or not self._autosave_failed:
                self.say(f"Couldn't save: {exc}", severity="error", title="")
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
