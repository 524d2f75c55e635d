"""Dialogs: each a ``ModalScreen[T]`` that dismisses with its result."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from sim.settings import MAX_CODE, MAX_NAME, clean_name
from sim.tui.bindings import CONFIRM, DIALOG, GROUPS, bindings, documented
from sim.tui.text import join, literal


class NameDialog(ModalScreen[str | None]):
    """Asks the player's display name; dismisses with it (None if cancelled)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG)

    def __init__(self, current: str = ""):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """A prompt and an input."""
        with Vertical(classes="dialog"):
            yield Static("What should we call you?", classes="dialog-title")
            yield Static("Your display name goes on your saves and, later, your cohort's "
                         "leaderboard. You can change it from the command palette (ctrl+p).",
                         classes="dialog-body", markup=False)
            yield Input(self.current, placeholder="display name", max_length=MAX_NAME,
                        id="name")
            yield Static("enter: ok   esc: later", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Accept a non-empty name."""
        name = clean_name(event.value)
        if not name:
            self.notify("Type a name first (or press esc to skip for now).", markup=False)
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Skip for now."""
        self.dismiss(None)


class JoinCodeDialog(ModalScreen[str | None]):
    """Asks a cohort's join code; dismisses with it, normalised (None if cancelled)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG)

    def __init__(self, current: str = ""):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        """A prompt and an input, holding the last code used."""
        with Vertical(classes="dialog"):
            yield Static("Which cohort?", classes="dialog-title")
            yield Static("Type the join code your educator gave you (like K7QX2M).",
                         classes="dialog-body", markup=False)
            yield Input(self.current, placeholder="join code", max_length=MAX_CODE,
                        id="code")
            yield Static("enter: show the leaderboard   esc: cancel", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Accept a non-empty code (as the store writes codes: upper case, no dashes)."""
        from sim.storage.cohorts.service import normalize_code

        code = normalize_code(clean_name(event.value))[:MAX_CODE]
        if not code:
            self.notify("Type a join code first (or press esc).", markup=False)
            return
        self.dismiss(code)

    def action_cancel(self) -> None:
        """No leaderboard after all."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
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


class DelegateDialog(ModalScreen[str | None]):
    """Pick who takes an item; dismisses with the staff id (None if cancelled)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG)

    def __init__(self, item_title: str, staff: list[StaffOption]):
        super().__init__()
        self.item_title = item_title
        self.staff = staff

    def compose(self) -> ComposeResult:
        """The item and the free staff allowed to take it."""
        with Vertical(classes="dialog", id="delegate"):
            yield Static("Delegate", classes="dialog-title")
            yield Static(join("Who should take ", literal(self.item_title, "bold"), "?"),
                         classes="dialog-body")
            options = []
            for number, person in enumerate(self.staff, start=1):
                options.append(Option(join(
                    Content(f"{number}  ").stylize("bold $accent"),
                    literal(person.name, "bold"), "  ", literal(person.role, "$text-muted"),
                    "\n   ", literal(person.odds, "italic")), id=person.id))
            yield OptionList(*options, id="staff")
            yield Static("1-9 or enter: delegate   esc: cancel", classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Chosen."""
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        """Number keys pick directly (and go no further)."""
        if event.key.isdigit():
            event.stop()
            event.prevent_default()
            if 1 <= int(event.key) <= len(self.staff):
                self.dismiss(self.staff[int(event.key) - 1].id)

    def action_cancel(self) -> None:
        """Don't delegate."""
        self.dismiss(None)


HOW_IT_WORKS = (
    "Items arrive in your queue: patients at the window, calls, messages, staff and "
    "physicians. The most urgent (least patience left) is at the top; its bar turns amber, "
    "then red. Attend one item at a time and answer with the number keys: each answer costs "
    "the minutes shown. Put a conversation on hold when something more urgent comes in; "
    "delegate what a colleague can do. Everything you choose is scored against the best "
    "option you actually had; the debrief shows why."
)


class HelpScreen(ModalScreen[None]):
    """How a day works and every key, from the binding declarations."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG)

    def compose(self) -> ComposeResult:
        """Keys by screen."""
        with Vertical(classes="dialog", id="help"):
            yield Static("Help", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(HOW_IT_WORKS, classes="dialog-body", markup=False)
                for group, specs in GROUPS.items():
                    yield Static(group, classes="help-group")
                    lines = [join(Content(f"{keys:>10}  ").stylize("bold $accent"), label)
                             for keys, label in documented(specs)]
                    yield Static(Content("\n").join(lines))
                yield Static("PgUp/PgDn scroll a long conversation. ctrl+p opens the command "
                             "palette: every action, searchable.",
                             classes="dialog-body", markup=False)
            yield Static("esc: close", classes="dialog-keys")

    def action_cancel(self) -> None:
        """Close."""
        self.dismiss(None)
