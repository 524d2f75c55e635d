"""The debrief: score, grade, pass or fail, skills and outcomes, every decision explained."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from sim.engine import ReplayError, Simulation, score
from sim.engine.branch import BranchPoint, branch, branch_points
from sim.tui.bindings import DEBRIEF, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.options import Practice
from sim.tui.screens.base import GameScreen
from sim.tui.screens.debrief_text import (
    components,
    decision_heading,
    decisions,
    delegations,
    missed,
    practice_line,
)
from sim.tui.text import join, literal, minutes, shorten
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.tui.ending import DayEnding
    from sim.tui.navigation import Navigator
    from sim.tui.options import PlayOptions


def _played(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


#: Actions offered in each flavour of the debrief.
PLAYED = {"again", "other", "menu", "try_other", "profile"}
REVIEW = {"close"}


def ending_note(ending: DayEnding | None) -> Content:
    """The quiet line (or three, after a cohort day) about the day's result file."""
    from sim.tui.ending import shown_path

    if ending is None:
        return Content("")
    muted = "$text-muted"
    where = join(Content("Result file: ").stylize(muted),
                 literal(shown_path(ending.path), muted)) if ending.path else \
        literal(f"No result file: {ending.error}", "$error") if ending.error else Content("")
    if ending.player:  # a review: whose day this is
        where = join(Content("Played by ").stylize(muted),
                     literal(shorten(ending.player, 60), "bold"), Content(" · ").stylize(muted),
                     where)
    if not ending.cohort:
        return where
    cohort = join(Content("Cohort ").stylize("bold"), literal(shorten(ending.cohort_name, 40),
                                                              "bold"),
                  Content(f" [{ending.cohort_code}]: ").stylize("bold"))
    if ending.pending:
        return join(cohort, Content("submitting your result…").stylize(muted))
    if ending.submitted:
        rank = f". You are #{ending.rank} of {ending.players}." if ending.rank else ""
        return Content("\n").join([
            join(cohort, Content("submitted, ").stylize("$success"),
                 literal(ending.verdict), Content(rank).stylize("bold"),
                 Content("  l: leaderboard").stylize(muted)),
            where])
    if ending.later:
        return Content("\n").join([
            join(cohort, Content("not submitted yet: ").stylize("$warning"),
                 literal(shorten(ending.verdict, 120), muted)),
            Content("When the cohort store can be reached, submit it with:"),
            literal(f"  {ending.later}", "bold $accent")])
    return Content("\n").join([
        join(cohort, Content("not accepted: ").stylize("$error"), literal(ending.verdict)),
        where])


class DebriefScreen(GameScreen[None]):
    """How the day went, and why.

    ``ending`` says where the result file went (and, after a cohort day, what the cohort
    store made of it). ``review`` is the read-only flavour of ``practice-sim review``: no
    "play again", just "close".
    """

    HELP = "Debrief"
    CSS_PATH = "debrief.tcss"
    BINDINGS = bindings(DEBRIEF)
    app: Navigator

    def __init__(self, sim: Simulation, options: PlayOptions, played_seconds: float,
                 ending: DayEnding | None = None, review: bool = False):
        super().__init__()
        self.sim = sim
        self.options = options
        self.played_seconds = played_seconds
        self.ending = ending
        self.review = review
        self.result = score(sim).to_dict()
        self.points = self._branch_points()
        self.numbers = {point.decision: number for number, point in
                        enumerate(self.points, start=1)}

    def _branch_points(self) -> list[BranchPoint]:
        """The decisions "try another answer" can branch at (none in a review)."""
        if self.review:
            return []
        try:
            return branch_points(self.sim.scenario, self.sim.seed, self.sim.record)
        except ReplayError:  # the record always replays; never let the debrief fail on it
            return []

    def compose(self) -> ComposeResult:
        """Score, components, decisions, expired items, and the way out."""
        with Vertical(id="debrief-head"):
            yield Static(self._verdict(), id="verdict")
            yield Static(id="result-note")
        with VerticalScroll(id="debrief-body"):
            yield Static(self._components(), classes="section", id="components")
            yield Static(self._side(), classes="section", id="missed")
            yield Static(self._decisions(), classes="section", id="decisions")
        with Horizontal(id="debrief-buttons"):
            if self.review:
                yield Button("Close (q)", id="close", variant="primary", compact=True)
                return
            yield Button("Again (a)", id="again", variant="primary", compact=True)
            if self.numbers:
                yield Button("Try another (t)", id="try_other", compact=True)
            if self.ending is not None and self.ending.cohort:
                yield Button("Leaderboard (l)", id="leaderboard", compact=True)
            yield Button("Profile (p)", id="profile", compact=True)
            yield Button("Other (o)", id="other", compact=True)
            yield Button("Menu (m)", id="menu", compact=True)
        yield KeyFooter()

    def ready(self) -> None:
        """Remember a new best score; focus the text for scrolling."""
        self.app.clear_notifications()  # nothing covers the score or the buttons
        if not self.review and self.options.practice is None:
            self.new_best = self.app.settings.record_score(self.sim.scenario.id,
                                                           self.result["score"])
            if self.new_best:
                self.app.store_settings()
        self.show_ending()
        self.query_one("#debrief-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each flavour offers its own way out; the leaderboard follows a cohort day."""
        if action == "leaderboard":
            return self.ending is not None and self.ending.cohort and not self.review
        if action == "try_other" and not self.numbers:
            return False
        if action in PLAYED | REVIEW:
            return action in (REVIEW if self.review else PLAYED)
        return True

    def show_ending(self) -> None:
        """Say where the result went (and, on a cohort day, what became of it)."""
        note = self.query_one("#result-note", Static)
        note.update(ending_note(self.ending))
        note.display = self.ending is not None

    def _verdict(self) -> Content:
        data, day = self.result, self.result["day"]
        passed = data["passed"]
        verdict = Content(" PASS " if passed else " NOT YET ").stylize(
            f"bold $background on {'$success' if passed else '$warning'}")
        return Content("\n").join([
            join(literal(self.sim.scenario.title, "bold"), "  ",
                 Content("coaching" if self.options.coaching else "assessment").stylize(
                     "$text-muted")),
            join(Content(f"Score {data['score']:.1f}").stylize("bold"),
                 Content(f"   grade {data['grade']}   ").stylize("bold $text-accent"), verdict,
                 Content(f"  pass mark {data['pass_mark']:g}").stylize("$text-muted")),
            Content(f"Day {day['start']}-{day['end']}, closed at {day['closed_at']} "
                    f"({minutes(day['minutes'])} of game time, "
                    f"{_played(self.played_seconds)} played)").stylize("$text-muted"),
            *self._practice(),
        ])

    def _practice(self) -> list[Content]:
        """A practice branch: how the score moved against the original day."""
        practice = self.options.practice
        if practice is None:
            return []
        return [practice_line(self.result["score"], practice.original, practice.at,
                              practice.label)]

    def _components(self) -> Content:
        return components(self.result)

    def _side(self) -> Content:
        return Content("\n\n").join([missed(self.result), delegations(self.result, self.sim)])

    def _decisions(self) -> Content:
        return decisions(self.result, self.sim, self.numbers)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons do what the keys do."""
        await self.run_action(event.button.id or "menu")

    def action_again(self) -> None:
        """The same scenario again, from its briefing."""
        self.app.play_again(self.sim.scenario, self.options)

    def action_try_other(self) -> None:
        """Pick a decision and another answer to it, then play on from there (practice)."""
        from sim.tui.screens.branching import TryDialog

        self.app.push_screen(TryDialog(self.sim, self.result, self.points),
                             self._branch_chosen)

    def _branch_chosen(self, chosen: tuple[BranchPoint, str] | None) -> None:
        if chosen is None:
            return
        point, choice_id = chosen
        sim = self.sim
        try:
            new = branch(sim.scenario, sim.seed, sim.record, point, choice_id)
        except (ValueError, ReplayError) as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        decision = self.result["decisions"][point.decision]
        original = self.options.practice.original if self.options.practice else \
            self.result["score"]
        chosen_choice = next(c for c in sim.scenario.encounters[decision["encounter"]]
                             .nodes[point.node].choices if c.id == choice_id)
        practice = Practice(original, decision["at"], decision_heading(sim, decision),
                            point.chosen, sim.render(chosen_choice.text, new.items[point.item]))
        self.app.start_branch(new, self.options, practice)

    def action_profile(self) -> None:
        """The player's progress across days."""
        self.app.show_profile()

    def action_other(self) -> None:
        """The scenario picker."""
        self.app.show_picker()

    def action_menu(self) -> None:
        """The title screen."""
        self.app.to_title()

    def action_leaderboard(self) -> None:
        """The cohort's leaderboard (after a cohort day)."""
        if self.ending is not None and self.ending.cohort_code:
            self.app.show_leaderboard(self.ending.cohort_code)

    def action_close(self) -> None:
        """Close the review."""
        self.app.exit()

    def palette_commands(self) -> list[PaletteCommand]:
        """The debrief's keys."""
        return from_specs(self, DEBRIEF)
