"""The debrief: score, grade, pass or fail, skills and outcomes, every decision explained."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from sim.engine import Simulation, score
from sim.tui.bindings import DEBRIEF, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.briefing import heading
from sim.tui.screens.picker import skill_name
from sim.tui.text import bar, join, literal, minutes, shorten

if TYPE_CHECKING:
    from sim.tui.app import PlayOptions, PracticeSimApp


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


class DebriefScreen(Screen[None]):
    """How the day went, and why."""

    CSS_PATH = "debrief.tcss"
    BINDINGS = bindings(DEBRIEF)
    app: PracticeSimApp

    def __init__(self, sim: Simulation, options: PlayOptions, played_seconds: float):
        super().__init__()
        self.sim = sim
        self.options = options
        self.played_seconds = played_seconds
        self.result = score(sim).to_dict()

    def compose(self) -> ComposeResult:
        """Score, components, decisions, expired items, and the way out."""
        yield Static(self._verdict(), id="verdict")
        with VerticalScroll(id="debrief-body"):
            yield Static(self._components(), classes="section", id="components")
            yield Static(self._expired(), classes="section", id="expired")
            yield Static(self._decisions(), classes="section", id="decisions")
        with Horizontal(id="debrief-buttons"):
            yield Button("Play again (a)", id="again", variant="primary", compact=True)
            yield Button("Other scenario (o)", id="other", compact=True)
            yield Button("Menu (m)", id="menu", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Remember a new best score; focus the text for scrolling."""
        self.new_best = self.app.settings.record_score(self.sim.scenario.id,
                                                       self.result["score"])
        if self.new_best:
            self.app.store_settings()
        self.query_one("#debrief-body").focus()

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

    def palette_commands(self) -> list[PaletteCommand]:
        """The debrief's keys."""
        return from_specs(self, DEBRIEF)
