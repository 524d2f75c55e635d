"""Try another answer: pick one of the day's decisions, then a different answer to it.

Dismisses with ``(BranchPoint, choice_id)``; the debrief branches the day's record there
(``sim.engine.branch``) and the player plays on from that moment, as practice.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.engine import Simulation
from sim.engine.branch import BranchPoint, alternatives
from sim.tui.bindings import DIALOG, TRY, bindings
from sim.tui.screens.base import Dialog
from sim.tui.screens.debrief_text import decision_heading, flat
from sim.tui.text import join, literal, shorten


class TryDialog(Dialog[tuple[BranchPoint, str] | None]):
    """First the decision, then the other answer."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = bindings(DIALOG + TRY)

    def __init__(self, sim: Simulation, result: dict[str, Any], points: list[BranchPoint]):
        super().__init__()
        self.sim, self.result, self.points = sim, result, points
        self.point: BranchPoint | None = None

    def compose(self) -> ComposeResult:
        """The decisions, as options."""
        with Vertical(classes="dialog", id="try"):
            yield Static("Try another answer", classes="dialog-title")
            yield Static("Which decision? The day replays to that moment and you play on "
                         "from there, with the answer you pick. It is practice: it is never "
                         "submitted to a cohort, and its debrief shows how the score moved.",
                         classes="dialog-body", id="try-body", markup=False)
            yield OptionList(*self._decision_options(), id="try-list")
            yield Static("1-9 or ↑↓ enter: pick   esc: cancel", classes="dialog-keys")

    def _decision_options(self) -> list[Option]:
        # Each line cut to the list's width (the dialog is 90 wide, or 95% of the terminal),
        # so a cut line doesn't wrap its last word onto a line of its own.
        room = min(90, int(self.app.size.width * 0.95)) - 12
        options = []
        for number, point in enumerate(self.points, start=1):
            decision = self.result["decisions"][point.decision]
            mark = Content("✓ " if decision["was_best"] else "✗ ").stylize(
                "bold $success" if decision["was_best"] else "bold $warning")
            options.append(Option(join(
                mark, Content(f"[{number}] {decision['at']} ").stylize("bold $accent"),
                literal(shorten(decision_heading(self.sim, decision), room - 14), "bold"), "\n",
                Content("    you: ").stylize("$text-muted"),
                literal(shorten(flat(decision["chosen_text"]), room - 9), "$text-muted")),
                id=str(number - 1)))
        return options

    def on_mount(self) -> None:
        """The list has the focus."""
        self.query_one("#try-list").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A decision: show its answers. An answer: done."""
        event.stop()
        if self.point is None:
            self._show_answers(self.points[int(event.option.id or 0)])
        elif event.option.id:
            self.dismiss((self.point, event.option.id))

    def _show_answers(self, point: BranchPoint) -> None:
        sim = self.sim
        self.point = point
        choices = alternatives(sim.scenario, sim.seed, sim.record, point)
        item = sim.items[point.item]
        listing = self.query_one("#try-list", OptionList)
        listing.clear_options()
        for number, choice in enumerate(choices, start=1):
            yours = choice.id == point.chosen
            listing.add_option(Option(join(
                Content(f"{number} ").stylize("bold $accent"),
                literal(flat(sim.render(choice.text, item)),
                        "$text-muted" if yours else ""),
                Content("  (your answer)" if yours else "").stylize("italic")),
                id=None if yours else choice.id, disabled=yours))
        decision = self.result["decisions"][point.decision]
        self.query_one("#try-body", Static).update(join(
            Content(f"{decision['at']}  ").stylize("bold"),
            literal(shorten(flat(decision["prompt"]), 300)), "\n",
            Content("Pick the answer to try instead:").stylize("bold")))
        listing.highlighted = next((n for n, c in enumerate(choices) if c.id != point.chosen),
                                   None)

    def action_pick(self, number: int) -> None:
        """The numbered decision, then the numbered answer (as Enter on it would)."""
        listing = self.query_one("#try-list", OptionList)
        if not 1 <= number <= listing.option_count:
            return
        option = listing.get_option_at_index(number - 1)
        if option.disabled:  # your own answer: pick another
            return
        listing.highlighted = number - 1
        if self.point is None:
            self._show_answers(self.points[int(option.id or 0)])
        elif option.id:
            self.dismiss((self.point, option.id))

    def action_cancel(self) -> None:
        """No branch."""
        self.dismiss(None)
