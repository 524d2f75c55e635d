"""``practice-sim review RESULT``: go through a trainee's day in the debrief, decision by decision.

The result is verified first; the debrief always shows what the actions really give, so an
edited score can't be reviewed as if it were earned.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from sim.cli.common import error, out
from sim.engine import ENGINE_VERSION, ReplayError, Simulation, replay_record
from sim.storage.results import ResultFile, Verdict

HELP = "open a result file in the debrief (verified by replay first)"

UNREPLAYABLE = ("wrong_scenario", "scenario_version", "actions", "scenario_missing", "engine")


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

    scenarios = ScenarioCache(scenario_name)
    verdict, result = check(path, scenarios, None)
    if result is None or verdict.kind in UNREPLAYABLE:
        return f"{path}: can't review: {verdict.reason}"
    scenario = scenarios.get(result.save.scenario_id)
    assert not isinstance(scenario, str)
    try:
        sim = replay_record(scenario, result.save.seed, result.save.actions, finish=False)
    except ReplayError as exc:
        return (f"{path}: can't review: its actions don't replay on this scenario ({exc}): "
                "the file was edited, or was played on another version of the scenario")
    return result, sim, verdict


def warning_for(result: ResultFile, verdict: Verdict) -> str | None:
    """What the reviewer must know before reading the debrief: an unverified claim, or a day
    scored under an older engine (the debrief shows today's rules)."""
    if not verdict.ok:
        return (f"Not verified ({verdict.kind}): {verdict.reason}. The debrief shows what "
                "the actions really give.")
    if verdict.current is not None:
        return (f"Made under engine {result.save.engine_version}: {verdict.reason}. The "
                f"debrief shows engine {ENGINE_VERSION}.")
    return None


def run(args: argparse.Namespace) -> int:
    """Open the debrief (or print it); exit 1 if the result can't be replayed."""
    prepared = prepare(args.result, args.scenario)
    if isinstance(prepared, str):
        error(prepared)
        return 1
    result, sim, verdict = prepared
    warning = warning_for(result, verdict)
    if args.text:
        from sim.cli.run import format_result
        from sim.engine import score

        if warning:  # part of the debrief, not a failure of the command: on stdout
            out(warning)
        out(f"Player: {result.save.player}")
        out(format_result(score(sim).to_dict()))
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

    class ReviewApp(PracticeSimApp):
        """The app, straight to the debrief of one result."""

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
