"""``practice-sim cohort create|submit|leaderboard|export``: a class competing on one day."""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.common import error, fail, load_scenario_arg, out, seed_arg
from sim.cli.progress import progress_bar
from sim.storage.atomic import atomic_write_text
from sim.storage.cohorts import (
    POLICIES,
    Attempt,
    Cohort,
    StoreError,
    StoreUnavailable,
    open_store,
    service,
    xapi,
)
from sim.storage.cohorts import leaderboard as boards
from sim.storage.cohorts.leaderboard import describe_pace
from sim.storage.results import load_result
from sim.storage.safe import printable
from sim.storage.saves import SaveError

if TYPE_CHECKING:
    from sim.engine import Scenario
    from sim.storage.cohorts.model import CohortStore

HELP = "create a cohort, submit results, show its leaderboard, export it (CSV, JSON, xAPI)"

STORE_ERRORS: tuple[type[Exception], ...] = (StoreError, sqlite3.Error)
try:  # psycopg is a dependency, but keep the SQLite path working without it
    import psycopg

    STORE_ERRORS = (*STORE_ERRORS, psycopg.Error)
except ImportError:  # pragma: no cover
    pass


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="the cohort store: a SQLite file or postgresql://... (default: "
                             "$PRACTICE_SIM_DB, else SAVES/cohorts.db)")
    parser.add_argument("--saves-dir", metavar="DIR",
                        help="the saves folder (default: $PRACTICE_SIM_SAVES, else ./saves)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the subcommands and their arguments."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="create a cohort and print its join code")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--scenario", required=True, metavar="ID_OR_PATH")
    create.add_argument("--seed", type=seed_arg, help="the seed everyone plays (default: the "
                                                 "scenario's)")
    create.add_argument("--policy", choices=POLICIES, default="best",
                        help="which attempt counts: each player's best or first")
    create.add_argument("--mode", choices=service.MODES, default="assessment",
                        help="assessment (feedback at the debrief) or coaching (after each "
                             "choice)")
    pace = create.add_mutually_exclusive_group()
    pace.add_argument("--pace", type=float, metavar="SECONDS",
                      help="real-time seconds per game minute (default: the scenario's)")
    pace.add_argument("--turn-based", action="store_true",
                      help="time moves only when the player acts (pace 0)")
    create.add_argument("--opens", metavar="WHEN", help="ISO 8601 date/time (local time "
                                                        "unless it has a zone)")
    create.add_argument("--closes", metavar="WHEN", help="ISO 8601 date/time")
    create.add_argument("--code", help="choose the join code instead of a random one")
    _store_options(create)

    submit = sub.add_parser("submit", help="verify result files and add them to a cohort")
    submit.add_argument("code", metavar="CODE")
    submit.add_argument("results", nargs="+", metavar="RESULT")
    _store_options(submit)

    board = sub.add_parser("leaderboard", help="ranks, skill leaders, pass rate, scores")
    board.add_argument("code", metavar="CODE")
    board.add_argument("--player", metavar="NAME", help="highlight this player's rank")
    _export_formats(board)
    _store_options(board)

    export = sub.add_parser("export", help="export a cohort as xAPI statements, CSV or JSON")
    export.add_argument("code", metavar="CODE")
    _export_formats(export)
    export.add_argument("--xapi", action="store_true",
                        help="one xAPI statement per attempt (JSON array)")
    export.add_argument("--decisions", action="store_true",
                        help="with --xapi: also one statement per decision")
    export.add_argument("--base-iri", default=xapi.DEFAULT_BASE, metavar="IRI",
                        help="the IRI prefix of activities, accounts and extensions")
    _store_options(export)


def _export_formats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--csv", action="store_true", help="CSV, one row per player")
    parser.add_argument("--json", action="store_true", help="JSON")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def _emit(text: str, output: str | None) -> None:
    if output:
        atomic_write_text(Path(output), text)
    else:
        out(text, end="" if text.endswith("\n") else "\n")


def _create(args: argparse.Namespace) -> int:
    scenario = load_scenario_arg(args.scenario)
    if scenario is None:
        return 1
    try:
        cohort = service.make_cohort(args.name, scenario, seed=args.seed, policy=args.policy,
                                     mode=args.mode, pace=0.0 if args.turn_based else args.pace,
                                     opens=args.opens, closes=args.closes, code=args.code)
    except ValueError as exc:
        return fail(str(exc))
    store = open_store(args.db, args.saves_dir)
    try:
        if args.code:
            store.create_cohort(cohort)
        else:
            cohort = service.create(store, cohort)
    finally:
        store.close()
    out(f"Cohort {printable(cohort.name)}: {printable(cohort.scenario_title)} "
        f"v{cohort.scenario_version}, seed {cohort.seed}, {cohort.mode}, "
        f"{describe_pace(cohort.pace)}, {cohort.policy} attempt counts")
    out(f"Join code: {cohort.code}")
    out(f"  practice-sim play --cohort {cohort.code}")
    return 0


def _submit(args: argparse.Namespace) -> int:
    store = open_store(args.db, args.saves_dir)
    failures = 0
    try:
        scenario = _cohort_scenario(store, args.code)  # loaded once for every file
        with progress_bar(len(args.results) > 1) as bar:
            if bar is not None:
                bar.start("verifying results", len(args.results))
            for path in args.results:
                failures += not _submit_one(store, args.code, path, scenario)
                if bar is not None:
                    bar.advance()
    finally:
        store.close()
    return 1 if failures else 0


def _cohort_scenario(store: CohortStore, code: str) -> Scenario | None:
    """The cohort's scenario, or None to let each submission report why there is none."""
    cohort = store.get_cohort(service.normalize_code(code))
    if cohort is None:
        return None
    try:
        return service.cohort_scenario(cohort)
    except FileNotFoundError:
        return None


def _submit_one(store: CohortStore, code: str, path: str, scenario: Scenario | None) -> bool:
    try:
        result = load_result(path)
    except SaveError as exc:
        error(f"{path}: REJECTED ({exc.kind}): {exc.reason}")
        return False
    outcome = service.submit(store, code, result, scenario)
    label = outcome.outcome.upper() + (f" ({outcome.kind})" if outcome.kind else "")
    (out if outcome.ok else error)(f"{path}: {label}: {outcome.reason}")
    return outcome.ok


def _load(args: argparse.Namespace) -> tuple[Cohort, list[Attempt]] | None:
    store = open_store(args.db, args.saves_dir)
    try:
        code = service.normalize_code(args.code)
        cohort = store.get_cohort(code)
        if cohort is None:
            fail(f"no cohort with join code {printable(code)}")
            return None
        return cohort, store.attempts(code)
    finally:
        store.close()


def _leaderboard(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    board = boards.build(*loaded)
    if args.csv:
        _emit(boards.to_csv(board), args.output)
    elif args.json:
        _emit(json.dumps(board.to_dict(), indent=2, ensure_ascii=False), args.output)
    else:
        _emit(boards.format_text(board, args.player), args.output)
    return 0


def _export(args: argparse.Namespace) -> int:
    if not (args.xapi or args.csv or args.json):
        return fail("choose a format: --xapi, --csv or --json", 2)
    if not args.xapi:
        return _leaderboard(argparse.Namespace(**{**vars(args), "player": None}))
    loaded = _load(args)
    if loaded is None:
        return 1
    cohort, attempts = loaded
    try:  # with the cohort's scenario, decision statements list each node's options
        scenario = service.cohort_scenario(cohort) if args.decisions else None
    except FileNotFoundError:
        scenario = None
    statements = xapi.statements(cohort, attempts, args.decisions, args.base_iri, scenario)
    _emit(json.dumps(statements, indent=2, ensure_ascii=False), args.output)
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "create": _create, "submit": _submit, "leaderboard": _leaderboard, "export": _export}


def run(args: argparse.Namespace) -> int:
    """Run the cohort subcommand; exit 2 when the store can't be reached."""
    try:
        return ACTIONS[args.action](args)
    except StoreUnavailable as exc:
        return fail(str(exc), 2)
    except STORE_ERRORS as exc:
        first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        return fail(f"cohort store error: {first}", 2)
    except OSError as exc:
        return fail(str(exc))
