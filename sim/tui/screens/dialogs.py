"""Dialogs: each a ``ModalScreen[T]`` that dismisses with its result."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from sim.settings import MAX_CODE, MAX_NAME, clean_name
from sim.tui.bindings import CONFIRM, DELEGATE, DIALOG, GROUPS, INTERRUPT, bindings, documented
from sim.tui.screens.base import Dialog
from sim.tui.text import join, literal


class PromptDialog(Dialog[str | None]):
    """Asks for one line of text; dismisses with it cleaned (None if cancelled).

    Subclasses fill in the wording as class data and say how to clean the answer.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG)
    PROMPT_TITLE = ""
    PROMPT_BODY = ""
    PLACEHOLDER = ""
    INPUT_ID = "answer"
    MAX_LENGTH = MAX_NAME
    KEYS = "enter: ok   esc: cancel"
    EMPTY = "Type something first (or press esc)."

    def __init__(self, current: str = ""):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """A prompt and an input holding the current value."""
        with Vertical(classes="dialog"):
            yield Static(self.PROMPT_TITLE, classes="dialog-title")
            yield Static(self.PROMPT_BODY, classes="dialog-body", markup=False)
            yield Input(self.current, placeholder=self.PLACEHOLDER, max_length=self.MAX_LENGTH,
                        id=self.INPUT_ID)
            yield Static(self.KEYS, classes="dialog-keys")

    def clean(self, value: str) -> str:
        """The answer as it will be used ('' means nothing usable was typed)."""
        return clean_name(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Accept a non-empty answer."""
        answer = self.clean(event.value)
        if not answer:
            self.notify(self.EMPTY, markup=False)
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        """Dismiss without an answer."""
        self.dismiss(None)


class NameDialog(PromptDialog):
    """Asks the player's display name."""

    PROMPT_TITLE = "What should we call you?"
    PROMPT_BODY = ("Your display name goes on your saves and, later, your cohort's leaderboard. "
                   "You can change it from the command palette (ctrl+p).")
    PLACEHOLDER = "display name"
    INPUT_ID = "name"
    KEYS = "enter: ok   esc: later"
    EMPTY = "Type a name first (or press esc to skip for now)."


class JoinCodeDialog(PromptDialog):
    """Asks a cohort's join code, normalised as the store writes codes."""

    PROMPT_TITLE = "Which cohort?"
    PROMPT_BODY = "Type the join code your educator gave you (like K7QX2M)."
    PLACEHOLDER = "join code"
    INPUT_ID = "code"
    MAX_LENGTH = MAX_CODE
    KEYS = "enter: show the leaderboard   esc: cancel"
    EMPTY = "Type a join code first (or press esc)."

    def clean(self, value: str) -> str:
        """Upper case, no dashes, at most MAX_CODE characters."""
        from sim.storage.cohorts.service import normalize_code

        return normalize_code(clean_name(value))[:MAX_CODE]


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; dismisses with True for yes."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(CONFIRM)

    def __init__(self, title: str, body: str = "", yes: str = "Yes", no: str = "No"):
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        """Question and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text), classes="dialog-title")
            if self.body:
                yield Static(literal(self.body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers."""
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        """Yes."""
        self.dismiss(True)

    def action_no(self) -> None:
        """No."""
        self.dismiss(False)


@dataclass(frozen=True)
class StaffOption:
    """A staff member the player may delegate to, with the odds in words."""

    id: str
    name: str
    role: str
    odds: str


class DelegateDialog(Dialog[str | None]):
    """Pick who takes an item; dismisses with the staff id (None if cancelled)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG + DELEGATE)

    def __init__(self, item_title: str, staff: list[StaffOption], busy: str = ""):
        super().__init__()
        self.item_title = item_title
        self.staff = staff
        self.busy = busy

    def compose(self) -> ComposeResult:
        """The item and the free staff allowed to take it."""
        with Vertical(classes="dialog", id="delegate"):
            yield Static("Delegate", classes="dialog-title")
            yield Static(join("Who should take this? ", literal(self.item_title, "bold")),
                         classes="dialog-body")
            options = []
            for number, person in enumerate(self.staff, start=1):
                options.append(Option(join(
                    Content(f"{number}  ").stylize("bold $accent"),
                    literal(person.name, "bold"), "  ", literal(person.role, "$text-muted"),
                    "\n   ", literal(person.odds, "italic")), id=person.id))
            yield OptionList(*options, id="staff")
            if self.busy:
                yield Static(literal(self.busy, "$text-muted"), classes="dialog-body")
            yield Static("1-9 or enter: delegate   esc: cancel", classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Chosen."""
        self.dismiss(event.option.id)

    def action_pick(self, number: int) -> None:
        """A number key picks that colleague directly."""
        if 1 <= number <= len(self.staff):
            self.dismiss(self.staff[number - 1].id)

    def action_cancel(self) -> None:
        """Don't delegate."""
        self.dismiss(None)


class InterruptDialog(Dialog[str]):
    """Something interrupts the conversation in progress; dismisses with "take" or "defer"."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(INTERRUPT)

    def __init__(self, title: str, with_whom: str, take: str, wait: str):
        super().__init__()
        self.item_title, self.with_whom, self.take_text, self.wait_text = (
            title, with_whom, take, wait)

    def compose(self) -> ComposeResult:
        """What interrupts, whom you are with, and the two answers."""
        with Vertical(classes="dialog", id="interrupt"):
            yield Static("Interruption", classes="dialog-title")
            yield Static(join(literal(self.item_title, "bold"), "\n",
                              literal(f"You are with {self.with_whom}: taking it puts them on "
                                      "hold.", "$text-muted")), classes="dialog-body")
            yield OptionList(
                Option(join(Content("t  ").stylize("bold $accent"), literal(self.take_text)),
                       id="take"),
                Option(join(Content("l  ").stylize("bold $accent"), literal(self.wait_text)),
                       id="defer"), id="answers")
            yield Static("t: take it now   l or esc: let it wait", classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Chosen."""
        self.dismiss(event.option.id or "defer")

    def action_take(self) -> None:
        """Take it now."""
        self.dismiss("take")

    def action_defer(self) -> None:
        """Let it wait."""
        self.dismiss("defer")


HOW_IT_WORKS = (
    "Items arrive in your queue: patients at the window, calls, messages, staff and "
    "physicians, in the order they came; each shows the patience it has left, and its bar "
    "turns amber, then red. Which comes first is up to you. Attend one item at a time and "
    "answer with the number keys: each answer costs the minutes shown. Put a conversation on "
    "hold when something more urgent comes in; an urgent call that rings while you are with "
    "someone asks you at once whether to take it (other calls wait in the queue). "
    "Delegate what a colleague can do well: the dialog shows each one's odds. "
    "w waits five minutes, or less when something arrives. Everything you choose is scored "
    "against the best option you actually had; the debrief shows why."
)


class HelpScreen(Dialog[None]):
    """The keys of the screen it was opened on first, from the binding declarations; how a
    day works on the screens of a day."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG)

    def __init__(self, group: str = "Title"):
        super().__init__()
        self.group = group if group in GROUPS else "Title"

    def compose(self) -> ComposeResult:
        """This screen's keys, then the keys that work everywhere."""
        with Vertical(classes="dialog", id="help"):
            yield Static(f"Help: {self.group.lower()}", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                for group in (self.group, "Everywhere"):
                    yield Static(group if group == "Everywhere" else f"Keys here ({group})",
                                 classes="help-group")
                    lines = [join(Content(f"{keys:>10}  ").stylize("bold $accent"), label)
                             for keys, label in documented(GROUPS[group])]
                    yield Static(Content("\n").join(lines))
                if self.group in ("Office", "Briefing"):
                    yield Static("How a day works", classes="help-group")
                    yield Static(HOW_IT_WORKS, classes="dialog-body", markup=False)
                yield Static("Tab moves between panels and buttons; PgUp/PgDn scroll. ctrl+p "
                             "opens the command palette: every action of this screen, "
                             "searchable.", classes="dialog-body", markup=False)
            yield Static("esc: close", classes="dialog-keys")

    def action_cancel(self) -> None:
        """Close."""
        self.dismiss(None)
