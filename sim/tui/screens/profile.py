"""The profile: each skill's history across the player's days, bests, and what to play next.

Read from the player's own result files (``sim.storage.profile``): nothing new is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sim.tui.bindings import PROFILE, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.base import GameScreen
from sim.tui.screens.briefing import heading
from sim.tui.screens.picker import skill_name
from sim.tui.text import join, literal, shorten
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.storage.profile import Profile
    from sim.tui.navigation import Navigator

MUTED = "$text-muted"
BLOCKS = "▁▂▃▄▅▆▇█"
PLOT_DAYS = 30


def plot(values: list[float]) -> str:
    """One block per day on a fixed 0-100 scale (the latest ``PLOT_DAYS`` days), so a
    higher block is always a better day, whatever the other days scored."""
    return "".join(BLOCKS[min(len(BLOCKS) - 1, int(v / 100 * len(BLOCKS)))]
                   for v in values[-PLOT_DAYS:])


def counted(count: int, noun: str, plural: str = "s") -> str:
    """``1 finished day``, ``2 finished days``."""
    return f"{count} {noun}{'' if count == 1 else plural}"


class ProfileScreen(GameScreen[None]):
    """Progress across days."""

    HELP = "Profile"

    CSS_PATH = "profile.tcss"
    BINDINGS = bindings(PROFILE)
    app: Navigator

    def compose(self) -> ComposeResult:
        """Summary, one sparkline per skill, bests and the suggestion."""
        from sim import catalog
        from sim.storage.profile import load_profile, suggest

        profile = load_profile(self.app.player, self.app.saves_dir)
        self.profile = profile
        scenarios = [e.scenario for e in catalog.entries() if e.scenario is not None]
        self.suggestion = suggest(profile, scenarios)
        yield Static(join(Content("Your progress  ").stylize("bold"),
                          literal(shorten(self.app.player, 40), "bold $text-accent")),
                     id="profile-title")
        with VerticalScroll(id="profile-body"):
            yield Static(self._summary(profile), classes="section")
            history = profile.skill_history()
            if history:
                yield Static(Content.assemble(heading("Skills, oldest day first"), "\n",
                                              Content("One block per day, low to high on a "
                                                      "0-100 scale; then first, best and "
                                                      "latest.").stylize(MUTED)),
                             classes="section")
            for skill, values in sorted(history.items()):
                with Horizontal(classes="skill-row"):
                    yield Static(literal(f"{skill_name(skill):<20}"), classes="skill-name")
                    yield Static(plot(values), classes="skill-spark")
                    days = "1 day" if len(values) == 1 else f"{len(values)} days"
                    yield Static(Content(f"{values[0]:3.0f} → best {max(values):3.0f} → "
                                         f"now {values[-1]:3.0f}  ({days})"),
                                 classes="skill-values")
            yield Static(self._bests(profile), classes="section")
            yield Static(self._next(), classes="section")
        yield KeyFooter()

    def ready(self) -> None:
        """Focus the text for scrolling."""
        self.query_one("#profile-body").focus()

    @staticmethod
    def _summary(profile: Profile) -> Content:
        days = profile.days
        practice = len(profile.attempts) - len(days)
        if not profile.attempts:
            return Content("No finished days yet: play one, and your progress shows here."
                           ).stylize(MUTED)
        parts = [counted(len(days), "finished day"), f"{sum(a.passed for a in days)} passed"]
        if practice:
            parts.append(counted(practice, "practice branch", "es") + " (not counted)")
        if profile.unreadable:
            parts.append(f"{profile.unreadable} result files couldn't be read")
        return Content(", ".join(parts) + ".")

    @staticmethod
    def _bests(profile: Profile) -> Content:
        bests = profile.bests()
        lines = [heading("Personal best per scenario")]
        if not bests:
            lines.append(Content("  None yet.").stylize(MUTED))
        for attempt in sorted(bests.values(), key=lambda a: a.scenario_title.lower()):
            mark = Content("✓ pass " if attempt.passed else "✗ not yet ").stylize(
                "$success" if attempt.passed else "$warning")
            lines.append(join("  ", Content(f"{attempt.score:5.1f}  ").stylize("bold"), mark,
                              literal(attempt.scenario_title)))
        return Content("\n").join(lines)

    def _next(self) -> Content:
        lines = [heading("Play next")]
        if self.suggestion is None:
            lines.append(Content("  Finish a day first: the suggestion follows your weakest "
                                 "skill.").stylize(MUTED))
        else:
            scenario, why = self.suggestion
            lines += [join("  ", literal(scenario.title, "bold"),
                           Content("   enter: its briefing").stylize("$accent")),
                      join("  ", literal(why, MUTED))]
        return Content("\n").join(lines)

    def action_play_next(self) -> None:
        """The suggested scenario's briefing."""
        if self.suggestion is not None:
            self.app.show_briefing(self.suggestion[0])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"Play next" only when there is a suggestion."""
        if action == "play_next":
            return self.suggestion is not None
        return True

    def action_back(self) -> None:
        """Back."""
        self.close()

    def palette_commands(self) -> list[PaletteCommand]:
        """The screen's keys."""
        return from_specs(self, PROFILE)
