"""The debrief: score, grade, pass or fail, skills and outcomes, every decision explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Static

from sim.engine import Simulation, score
from sim.tui.bindings import DEBRIEF, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.base import GameScreen
from sim.tui.screens.briefing import heading
from sim.tui.screens.picker import skill_name
from sim.tui.text import bar, join, literal, minutes, shorten

if TYPE_CHECKING:
    from sim.tui.app import PlayOptions, PracticeSimApp
    from sim.tui.ending import DayEnding


def _component_line(part: dict[str, Any]) -> Content:
    value = part["score"]
    name = literal(f"  {skill_name(part['id']):<21}")
    if value is None:
        return join(name, Content("not scored today").stylize("$text-muted"))
    return join(name, bar(value / 100, 20), Content(f" {value:5.1f}"),
                Content(f"  x{part['weight']:g}").stylize("$text-muted"))


def _played(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


#: Actions offered in each flavour of the debrief.
PLAYED = {"again", "other", "menu"}
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

    CSS_PATH = "debrief.tcss"
    BINDINGS = bindings(DEBRIEF)
    app: PracticeSimApp

    def __init__(self, sim: Simulation, options: PlayOptions, played_seconds: float,
                 ending: DayEnding | None = None, review: bool = False):
        super().__init__()
        self.sim = sim
        self.options = options
        self.played_seconds = played_seconds
        self.ending = ending
        self.review = review
        self.result = score(sim).to_dict()

    def compose(self) -> ComposeResult:
        """Score, components, decisions, expired items, and the way out."""
        with Vertical(id="debrief-head"):
            yield Static(self._verdict(), id="verdict")
            yield Static(id="result-note")
        with VerticalScroll(id="debrief-body"):
            yield Static(self._components(), classes="section", id="components")
            yield Static(self._expired(), classes="section", id="expired")
            yield Static(self._decisions(), classes="section", id="decisions")
        with Horizontal(id="debrief-buttons"):
            if self.review:
                yield Button("Close (q)", id="close", variant="primary", compact=True)
                return
            yield Button("Play again (a)", id="again", variant="primary", compact=True)
            if self.ending is not None and self.ending.cohort:
                yield Button("Leaderboard (l)", id="leaderboard", compact=True)
            yield Button("Other scenario (o)", id="other", compact=True)
            yield Button("Menu (m)", id="menu", compact=True)
        yield Footer()

    def ready(self) -> None:
        """Remember a new best score; focus the text for scrolling."""
        if not self.review:
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
        ])

    def _components(self) -> Content:
        lines = [heading("Skills")]
        lines += [_component_line(part) for part in self.result["skills"]]
        lines += [Content(""), heading("Outcomes")]
        lines += [_component_line(part) for part in self.result["outcomes"]]
        return Content("\n").join(lines)

    def _decisions(self) -> Content:
        decisions = self.result["decisions"]
        lines = [heading(f"Your decisions ({sum(d['was_best'] for d in decisions)} of "
                         f"{len(decisions)} the best available)")]
        if not decisions:
            lines.append(Content("No decisions were made.").stylize("$text-muted"))
        for decision in decisions:
            best = decision["was_best"]
            lines.append(Content(""))
            lines.append(join(Content("✓ " if best else "✗ ").stylize(
                "bold $success" if best else "bold $warning"),
                Content(f"{decision['at']} ").stylize("$text-muted"),
                literal(shorten(decision["prompt"], 160), "bold")))
            lines.append(join(Content("  You: ").stylize("$text-muted"),
                              literal(decision["chosen_text"])))
            if decision["feedback"]:
                lines.append(join(Content("  Why: ").stylize("$text-muted"),
                                  literal(" ".join(decision["feedback"].split()), "italic")))
            if not best:
                lines.append(join(Content("  Better: ").stylize("$success"),
                                  literal(decision["best_text"])))
                if decision["best_feedback"]:
                    lines.append(join(Content("  Why: ").stylize("$text-muted"),
                                      literal(" ".join(decision["best_feedback"].split()),
                                              "italic")))
        return Content("\n").join(lines)

    def _expired(self) -> Content:
        data = self.result
        lines = [heading("Ran out of patience")]
        if data["expired"]:
            lines += [join(Content(f"  {item['arrived']} ").stylize("$text-muted"),
                           literal(item["title"])) for item in data["expired"]]
        else:
            lines.append(Content("  Nothing: nobody gave up on you.").stylize("$success"))
        if data["unresolved"]:
            lines += [Content(""), heading("Still open at the close")]
            lines += [join(Content(f"  {item['arrived']} ").stylize("$text-muted"),
                           literal(item["title"])) for item in data["unresolved"]]
        return Content("\n").join(lines)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons do what the keys do."""
        self.run_action(event.button.id or "menu")

    def action_again(self) -> None:
        """The same scenario again, from its briefing."""
        self.app.play_again(self.sim.scenario, self.options)

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
