"""``practice-sim play [SCENARIO]``: the game. Without a scenario it opens the title screen."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from sim.cli.common import error, fail, seed_arg

if TYPE_CHECKING:
    import argparse

HELP = "play the game (the default command); with a scenario, go straight to its briefing"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO_OR_PATH",
                        help="a scenario id or .yaml path (default: open the title screen)")
    parser.add_argument("--seed", type=seed_arg, help="random seed (default: the scenario's)")
    parser.add_argument("--turn-based", action="store_true",
                        help="time moves only when you act or wait")
    parser.add_argument("--coaching", action="store_true",
                        help="show each choice's feedback right after it")
    parser.add_argument("--watch", action="store_true",
                        help="author mode: reload the scenario file whenever it changes and "
                             "restart the day; errors are shown on screen")
    parser.add_argument("--from", dest="from_actions", metavar="ACTIONS",
                        help="author mode: replay this action file at every reload, then hand "
                             "over (test from here)")
    parser.add_argument("--at", metavar="HH:MM",
                        help="author mode: start at this time, playing the --from file (or "
                             "the line you played last time) up to it")
    parser.add_argument("--encounter", metavar="ID",
                        help="author mode: open this encounter at once, alone, with the "
                             "scenario's people")
    parser.add_argument("--saves-dir", metavar="DIR",
                        help="where saves go (default: $PRACTICE_SIM_SAVES, else ./saves if it "
                             "exists, else ~/.local/share/practice-sim/saves)")
    parser.add_argument("--cohort", metavar="CODE",
                        help="play a cohort's day (its scenario, seed, mode and pace) and "
                             "submit the result to the cohort store")
    parser.add_argument("--db", metavar="URL",
                        help="the cohort store: a SQLite file or postgresql://... (default: "
                             "$PRACTICE_SIM_DB, else SAVES/cohorts.db)")


def defaults() -> argparse.Namespace:
    """The arguments of a bare ``practice-sim`` (``play`` without options), as the parser of
    :func:`add_arguments` gives them, without importing ``argparse`` or building the parser:
    the title screen's first frame comes a few milliseconds sooner. (A test keeps the two
    the same.)"""
    return SimpleNamespace(  # type: ignore[return-value]
        scenario=None, seed=None, turn_based=False, coaching=False, watch=False,
        from_actions=None, at=None, encounter=None, saves_dir=None, cohort=None, db=None)


def join_cohort(args: argparse.Namespace) -> object | None:
    """The cohort's day for ``--cohort``; on failure print why and return ``None``."""
    if args.scenario or args.watch or args.seed is not None or args.turn_based \
            or args.coaching:
        fail("--cohort fixes the scenario, seed, timing and mode: play --cohort CODE takes "
             "no scenario, --seed, --turn-based, --coaching or --watch")
        return None
    from sim.storage.cohorts.play import join

    try:
        day = join(args.cohort, args.db, args.saves_dir)
    except (LookupError, FileNotFoundError) as exc:
        fail(str(exc))
        return None
    if day.offline:
        error(f"practice-sim: the cohort store can't be reached; playing cohort "
              f"{day.cohort.code} from the copy saved when it was last joined here")
    return day


def author_start(args: argparse.Namespace) -> object | None:
    """The :class:`~sim.tui.watching.AuthorStart` of ``--from``/``--at``/``--encounter``;
    ``None`` (after saying why on stderr) when one of them is wrong."""
    from sim.engine import ActionSyntaxError, parse_actions, parse_clock
    from sim.tui.watching import AuthorStart

    given = [name for name, value in (("--from", args.from_actions), ("--at", args.at),
                                      ("--encounter", args.encounter)) if value]
    if given and not args.watch:
        print(f"practice-sim: {', '.join(given)} work in author mode: add --watch "
              "(play PATH --watch --from FILE)", file=sys.stderr)
        return None
    actions: list = []
    if args.from_actions:
        from sim.cli.common import read_action_text

        text = read_action_text(args.from_actions)
        if text is None:
            return None
        try:
            actions = parse_actions(text)
        except ActionSyntaxError as exc:
            print(f"{args.from_actions}:{exc.line}: {exc}", file=sys.stderr)
            return None
    at = None
    if args.at:
        try:
            at = parse_clock(args.at)
        except ValueError:
            print(f"practice-sim: --at {args.at}: write a time like 10:15", file=sys.stderr)
            return None
    return AuthorStart(tuple(actions), at, args.encounter)


def run(args: argparse.Namespace) -> int:
    """Run the app; exit 1 if the scenario (or the cohort) can't be loaded."""
    scenario = None
    watch_path = None
    cohort = None
    if args.cohort:
        cohort = join_cohort(args)
        if cohort is None:
            return 1
    if args.scenario:  # the engine loads only when needed, so the title screen shows sooner
        from sim import catalog
        from sim.engine import ScenarioError
    author = None
    if args.watch or args.from_actions or args.at or args.encounter:
        author = author_start(args)
        if author is None:
            return 1
    if args.watch:
        if not args.scenario:
            return fail("--watch needs a scenario file: play PATH --watch")
        try:
            watch_path = catalog.resolve(args.scenario)
        except FileNotFoundError as exc:
            return fail(str(exc))
    elif args.scenario:
        try:
            scenario = catalog.load(catalog.resolve(args.scenario))
        except FileNotFoundError as exc:
            return fail(str(exc))
        except ScenarioError as exc:
            error(str(exc))
            return 1
    from sim.tui.app import make_app

    app = make_app(scenario=scenario, seed=args.seed, turn_based=args.turn_based,
                   coaching=args.coaching,
                   saves_dir=Path(args.saves_dir) if args.saves_dir else None,
                   watch_path=watch_path, cohort=cohort, db=args.db, author=author)
    app.run()
    return 0
