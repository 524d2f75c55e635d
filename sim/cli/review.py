"""``practice-sim review RESULT``: go through a trainee's day in the debrief, decision by decision.

The result is verified first; the debrief always shows what the actions really give, so an
edited score can't be reviewed as if it were earned.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from sim.engine import Simulation, replay_record
from sim.storage.results import ResultFile, Verdict, verify
from sim.storage.safe import printable

HELP = "open a result file in the debrief (verified by replay first)"

UNREPLAYABLE = ("wrong_scenario", "scenario_version", "actions", "scenario_missing")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("result", metavar="RESULT", help="a result file")
    parser.add_argument("--scenario", metavar="ID_OR_PATH",
                        help="the scenario to replay it on (default: the result's, by id)")
    parser.add_argument("--text", action="store_true",
                        help="print the debrief instead of opening the game")


def prepare(path: str, scenario_name: str | None = None) -> tuple[ResultFile, Simulation,
                                                                   Verdict] | str:
    """Load, verify and replay a result; a string says why it can't be reviewed."""
    from sim.cli.verify import ScenarioCache, check

    verdict, result = check(path, ScenarioCache(scenario_name), None)
    if result is None or verdict.kind in UNREPLAYABLE:
        return f"{printable(path, None)}: can't review: {printable(verdict.reason, None)}"
    scenario = ScenarioCache(scenario_name).get(result.save.scenario_id)
    assert not isinstance(scenario, str)
    sim = replay_record(scenario, result.save.seed, result.save.actions, finish=False)
    return result, sim, verify(result, scenario)


def run(args: argparse.Namespace) -> int:
    """Open the debrief (or print it); exit 1 if the result can't be replayed."""
    prepared = prepare(args.result, args.scenario)
    if isinstance(prepared, str):
        print(prepared)
        return 1
    result, sim, verdict = prepared
    warning = None if verdict.ok else f"Not verified ({verdict.kind}): {verdict.reason}. " \
        "The debrief shows what the actions really give."
    if args.text:
        from sim.cli.run import format_result
        from sim.engine import score

        if warning:
            print(printable(warning, None))
        print(f"Player: {printable(result.save.player, None)}")
        print(format_result(score(sim).to_dict()))
        return 0
    make_review_app(result, sim, warning).run()
    return 0


def make_review_app(result: ResultFile, day: Simulation, warning: str | None = None) -> Any:
    """The game opened on this result's debrief. Its settings go to a throw-away file, so a
    review never changes the educator's name or best scores."""
    from sim.tui.app import PlayOptions, PracticeSimApp

    settings_file = Path(tempfile.mkdtemp(prefix="practice-sim-review-")) / "settings.json"
    options = PlayOptions(seed=result.save.seed, coaching=result.save.mode == "coaching",
                          turn_based=result.save.timing == "turn-based")

    from textual import events

    from sim.tui import app as tui_app

    class ReviewApp(PracticeSimApp):
        """The app, straight to the debrief of one result."""

        CSS_PATH = Path(tui_app.__file__).parent / str(PracticeSimApp.CSS_PATH)

        def on_mount(self, event: events.Mount) -> None:
            """Title below, debrief on top; no first-run name dialog (nor the base handler)."""
            event.prevent_default()
            from sim.tui.ending import DayEnding
            from sim.tui.screens.debrief import DebriefScreen
            from sim.tui.screens.title import TitleScreen

            self.settings.name = result.save.player
            self.push_screen(TitleScreen())
            self.push_screen(DebriefScreen(
                day, options, result.save.played_seconds, review=True,
                ending=DayEnding(path=result.path, player=result.save.player)))
            if warning:
                self.notify(warning, severity="warning", markup=False, timeout=30)

    return ReviewApp(options=options, settings_file=settings_file)
