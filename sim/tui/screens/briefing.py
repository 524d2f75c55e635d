"""The briefing: situation, objectives, cast, scoring, controls and mode; Enter starts the day."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sim.engine import Scenario, format_clock
from sim.tui.bindings import BRIEFING, OFFICE, bindings, documented
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.base import GameScreen
from sim.tui.screens.picker import skill_name, stars
from sim.tui.text import join, literal, shorten
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.tui.navigation import Navigator
    from sim.tui.options import PlayOptions


def heading(text: str) -> Content:
    """A section heading."""
    return Content(text).stylize("bold $text-accent")


class BriefingScreen(GameScreen[None]):
    """What the day holds and how it is scored."""

    HELP = "Briefing"

    CSS_PATH = "briefing.tcss"
    BINDINGS = bindings(BRIEFING)
    app: Navigator

    def __init__(self, scenario: Scenario, options: PlayOptions):
        super().__init__()
        self.scenario = scenario
        self.options = options

    def compose(self) -> ComposeResult:
        """The briefing text and the mode."""
        scenario = self.scenario
        yield Static(join(literal(scenario.title, "bold"), Content(
            f"   {stars(scenario.difficulty)}").stylize("$warning")), id="briefing-title")
        with VerticalScroll(id="briefing-body"):
            yield Static(self._situation(), classes="section")
            yield Static(self._cast(), classes="section")
            yield Static(self._scoring(), classes="section")
            yield Static(self._controls(), classes="section")
        yield Static(id="mode")
        yield KeyFooter()

    def ready(self) -> None:
        """Show the mode and focus the text for scrolling."""
        self._show_mode()
        self.query_one("#briefing-body").focus()

    def _situation(self) -> Content:
        scenario = self.scenario
        lines = [
            heading("The situation"),
            join(literal(scenario.practice_name, "bold"), Content(
                f", {format_clock(scenario.start)} to {format_clock(scenario.end)}")),
            literal(" ".join(scenario.summary.split())),
            Content(""),
            heading("Objectives"),
        ]
        lines += [literal(f"• {objective}") for objective in scenario.objectives]
        return Content("\n").join(lines)

    def _cast(self) -> Content:
        scenario = self.scenario
        lines = [heading("Who's who")]
        for label, people in (("Staff", scenario.staff), ("Physicians", scenario.physicians),
                              ("Expected patients", scenario.patients)):
            if not people:
                continue
            lines.append(Content(label).stylize("bold"))
            for person in people.values():
                role = f", {person.role}" if person.role and person.role != "patient" else ""
                lines.append(join("  ", literal(person.name), literal(role, "$text-muted")))
        return Content("\n").join(lines)

    def _scoring(self) -> Content:
        rubric = self.scenario.rubric
        total = sum(rubric.skills.values()) + sum(rubric.outcomes.values()) or 1
        lines = [heading("How you are scored"),
                 Content("Each decision is scored against the best option you had; the day's "
                         "outcomes count too. Weights:")]
        for label, weights in (("Skills", rubric.skills), ("Outcomes", rubric.outcomes)):
            if not weights:
                continue
            lines.append(Content(label).stylize("bold"))
            for component, weight in weights.items():
                lines.append(join(literal(f"  {skill_name(component):<22}"),
                                  Content(f"x{weight:g}").stylize("$accent"),
                                  Content(f"  ({100 * weight / total:.0f}%)").stylize(
                                      "$text-muted")))
        grades = ", ".join(f"{g.grade} from {g.min:g}" for g in rubric.grades)
        lines.append(literal(f"Pass mark {rubric.pass_mark:g}.  Grades: {grades}."))
        return Content("\n").join(lines)

    def _controls(self) -> Content:
        lines = [heading("Controls")]
        for keys, label in documented(OFFICE):
            lines.append(join(Content(f"  {keys:>6}  ").stylize("bold $accent"), label))
        lines.append(Content("  ctrl+p  every command, searchable;  ?  help").stylize(
            "$text-muted"))
        return Content("\n").join(lines)

    def _show_mode(self) -> None:
        options = self.options
        if options.cohort is not None:
            self._show_cohort()
            return
        if options.turn_based:
            timing = join(Content("Turn-based").stylize("bold"),
                          ": time moves only when you act or wait (w).")
        else:
            timing = join(Content("Real-time").stylize("bold"), Content(
                f": one game minute every {self.scenario.pace_seconds:g} s at 1x; "
                "space pauses, +/- change speed."))
        feedback = join(Content("Coaching").stylize("bold"),
                        ": feedback right after each choice.") if options.coaching else \
            join(Content("Assessment").stylize("bold"), ": feedback waits for the debrief.")
        self.query_one("#mode", Static).update(Content("\n").join([
            join(Content("t ").stylize("bold $accent"), timing),
            join(Content("c ").stylize("bold $accent"), feedback),
            Content("Press Enter to start the day.").stylize("bold $success"),
        ]))

    def _show_cohort(self) -> None:
        from sim.tui.screens.leaderboard import cohort_facts, window_text

        day = self.options.cohort
        cohort = day.cohort
        lines = [
            join(Content("Cohort day: ").stylize("bold $text-accent"),
                 literal(shorten(cohort.name, 60), "bold"),
                 Content(f"  [{cohort.code}]  ").stylize("bold $accent"), window_text(cohort)),
            join(Content("Fixed by the cohort: ").stylize("$text-muted"), cohort_facts(cohort)),
            Content("Your result is verified and submitted at the end of the day.").stylize(
                "$text-muted"),
        ]
        if day.offline:
            lines.append(Content("The cohort store can't be reached: playing from the copy "
                                 "saved when you last joined. Your result will wait for "
                                 "submission.").stylize("$warning"))
        lines.append(Content("Press Enter to start the day.").stylize("bold $success"))
        self.query_one("#mode", Static).update(Content("\n").join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On a cohort day the cohort fixes timing and mode: their keys are not offered."""
        if action in ("toggle_timing", "toggle_coaching"):
            return self.options.cohort is None
        return True

    def action_start(self) -> None:
        """Start the day."""
        self.app.start_day(self.scenario, self.options)

    def action_toggle_timing(self) -> None:
        """Switch real-time / turn-based."""
        self.options = replace(self.options, turn_based=not self.options.turn_based)
        self._show_mode()

    def action_toggle_coaching(self) -> None:
        """Switch coaching / assessment."""
        self.options = replace(self.options, coaching=not self.options.coaching)
        self._show_mode()

    def action_back(self) -> None:
        """Back to where we came from."""
        self.close()

    def palette_commands(self) -> list[PaletteCommand]:
        """The briefing's keys."""
        return from_specs(self, BRIEFING)
