"""The scenario picker: bundled scenarios and ``./scenarios``, details in a side pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim import catalog
from sim.engine import Scenario, format_clock
from sim.tui.bindings import PICKER, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.base import GameScreen
from sim.tui.text import join, literal
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.tui.navigation import Navigator


def stars(difficulty: int) -> str:
    """Difficulty as five stars."""
    return "★" * difficulty + "☆" * (5 - difficulty)


def real_minutes(scenario: Scenario) -> str:
    """The longest the day can take in real time at 1x (``12 min``): every answer moves the
    clock on by its minutes at once, and the day closes when nothing is left, so it is
    usually much shorter."""
    seconds = (scenario.end - scenario.start) * scenario.pace_seconds
    return f"{max(1, round(seconds / 60))} min"


def skill_name(skill_id: str) -> str:
    """``active_listening`` -> ``active listening``."""
    return skill_id.replace("_", " ")


class PickerScreen(GameScreen[None]):
    """Choose a scenario; Enter opens its briefing."""

    HELP = "Scenario picker"

    CSS_PATH = "picker.tcss"
    BINDINGS = bindings(PICKER)
    app: Navigator

    def __init__(self) -> None:
        super().__init__()
        # Easiest first (the orientation tutorial leads), broken files last.
        self.entries = sorted(catalog.entries(), key=lambda e: (
            e.scenario is None, e.scenario.difficulty if e.scenario else 0,
            e.scenario.title.lower() if e.scenario else e.path.stem))

    def compose(self) -> ComposeResult:
        """List and side pane."""
        yield Static("Choose a scenario", id="picker-title")
        with Horizontal(id="picker-body"):
            options = [Option(self._prompt(entry), id=str(index))
                       for index, entry in enumerate(self.entries)]
            yield OptionList(*options, id="scenarios")
            with VerticalScroll(id="details"):
                yield Static(id="detail-text")
        yield KeyFooter()

    def ready(self) -> None:
        """Show the first scenario's details."""
        listing = self.query_one("#scenarios", OptionList)
        if not self.entries:
            self.query_one("#detail-text", Static).update(
                "No scenarios found. Put .yaml files in ./scenarios.")
            return
        listing.highlighted = 0
        listing.focus()
        self._show(0)

    def _prompt(self, entry: catalog.Entry) -> Content:
        scenario = entry.scenario
        if scenario is None:
            return join(literal(entry.path.stem, "bold"), "\n",
                        Content("  can't be played: see details").stylize("$error"))
        best = self.app.settings.best.get(scenario.id)
        best_text = f" · best {best:.0f}" if best is not None else ""
        minutes = scenario.end - scenario.start
        return join(literal(scenario.title, "bold"), "\n",
                    Content(f" {stars(scenario.difficulty)} {minutes} min").stylize(
                        "$text-muted"),
                    Content(best_text).stylize("$success"),
                    Content(" local" if entry.source == "local" else "").stylize("$accent"))

    def _show(self, index: int) -> None:
        entry = self.entries[index]
        scenario = entry.scenario
        if scenario is None:
            problems = entry.error.problems if entry.error else []
            lines = [literal(entry.path.name, "bold"), Content(""),
                     Content("This scenario file has problems:").stylize("$error")]
            lines += [literal(f"• {problem}") for problem in problems[:12]]
            lines += [Content(""), literal(f"Check it with: practice-sim validate {entry.path}")]
            self.query_one("#detail-text", Static).update(Content("\n").join(lines))
            return
        best = self.app.settings.best.get(scenario.id)
        skills = ", ".join(skill_name(s) for s in scenario.skills_trained()) or "none"
        lines = [
            literal(scenario.title, "bold $text-accent"),
            join(Content(f"{stars(scenario.difficulty)}   ").stylize("$warning"),
                 f"{format_clock(scenario.start)}-{format_clock(scenario.end)}, "
                 f"at most {real_minutes(scenario)} at 1x (answers move the clock on)   ",
                 Content(f"your best: {best:.0f}" if best is not None else "not played yet"
                         ).stylize("$success" if best is not None else "$text-muted")),
            join(Content("Trains: ").stylize("bold"), literal(skills)),
            Content(""),
            literal(" ".join(scenario.summary.split())),
            Content(""),
            Content("Objectives").stylize("bold"),
        ]
        lines += [literal(f"• {objective}") for objective in scenario.objectives]
        lines += [Content(""), join(Content("by ").stylize("$text-muted"),
                                    literal(scenario.author, "$text-muted"),
                                    Content(f"  ·  {entry.source}").stylize("$text-muted"))]
        self.query_one("#detail-text", Static).update(Content("\n").join(lines))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Follow the highlight in the side pane."""
        if event.option.id is not None:
            self._show(int(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the briefing."""
        self.pick(int(event.option.id or 0))

    def pick(self, index: int) -> None:
        """Open a scenario's briefing, or say why it can't be played."""
        entry = self.entries[index]
        if entry.scenario is None:
            self.notify(f"{entry.path.name} has problems: run practice-sim validate "
                        f"{entry.path}", severity="warning", markup=False)
            return
        self.app.show_briefing(entry.scenario)

    def action_back(self) -> None:
        """Back to the title."""
        self.close()

    def palette_commands(self) -> list[PaletteCommand]:
        """Each playable scenario, plus the screen's keys."""
        commands = [PaletteCommand(f"Play: {entry.scenario.title}", entry.scenario.summary,
                                   lambda i=index: self.pick(i))
                    for index, entry in enumerate(self.entries) if entry.scenario is not None]
        return commands + from_specs(self, PICKER)
