"""``practice-sim cohort create|submit|leaderboard|export``: a class competing on one day."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.common import error, fail, load_scenario_arg, out, seed_arg
from sim.cli.progress import progress_bar
from sim.storage.atomic import atomic_write_text
from sim.storage.cohorts import (
    POLICIES,
    Attempt,
    Cohort,
    Player,
    StoreError,
    StoreUnavailable,
    open_store,
    prefetch,
    roster,
    service,
    xapi,
)
from sim.storage.cohorts import leaderboard as boards
from sim.storage.cohorts.leaderboard import describe_pace
from sim.storage.safe import printable

if TYPE_CHECKING:
    from sim.engine import Scenario
    from sim.storage.cohorts.model import CohortStore

HELP = ("create a cohort, invite its players, submit results, show its leaderboard, export it "
        "(CSV, JSON, xAPI, or straight to an LRS)")

#: Result files submitted in one transaction: one commit (and fsync) per batch instead of per
#: file, while other writers (a class submitting through ``serve``) wait at most a second or so.
SUBMIT_BATCH = 50


def store_errors() -> tuple[type[Exception], ...]:
    """What a failing store raises. psycopg's errors count once the PostgreSQL store has
    imported it (importing it for a SQLite store would add 0.1 s to every command)."""
    psycopg = sys.modules.get("psycopg")
    return (StoreError, sqlite3.Error, *([psycopg.Error] if psycopg is not None else []))


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="the cohort store: a SQLite file or postgresql://... (default: "
                             "$PRACTICE_SIM_DB, else SAVES/cohorts.db)")
    parser.add_argument("--saves-dir", metavar="DIR",
                        help="the saves folder (default: $PRACTICE_SIM_SAVES, else ./saves if it "
                             "exists, else ~/.local/share/practice-sim/saves)")


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
    create.add_argument("--proctored", action="store_true",
                        help="count only attempts recorded live by the server (practice-sim "
                             "serve --cohort CODE); result files are refused")
    create.add_argument("--private", action="store_true",
                        help="keep the scenario's text in the cohort store: played only on the "
                             "server, never shown to players (implies --proctored)")
    _store_options(create)

    invite = sub.add_parser("invite", help="add a player to the roster and print their token "
                                           "(shown once)")
    invite.add_argument("code", metavar="CODE")
    invite.add_argument("name", metavar="NAME")
    invite.add_argument("--email", metavar="ADDR", help="their email (the xAPI actor's mbox)")
    _store_options(invite)

    revoke = sub.add_parser("revoke", help="revoke a player's token (their attempts stay)")
    revoke.add_argument("code", metavar="CODE")
    revoke.add_argument("player", metavar="NAME_OR_ID")
    _store_options(revoke)

    roster = sub.add_parser("roster", help="list the roster (never the tokens)")
    roster.add_argument("code", metavar="CODE")
    _store_options(roster)

    submit = sub.add_parser("submit", help="verify result files and add them to a cohort")
    submit.add_argument("code", metavar="CODE")
    submit.add_argument("results", nargs="+", metavar="RESULT")
    submit.add_argument("--token", metavar="TOKEN",
                        help="your roster token (needed when the cohort has a roster)")
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
    export.add_argument("--lrs", metavar="URL",
                        help="with --xapi: post the statements to this LRS's xAPI endpoint "
                             "(e.g. https://lrs.example.org/xAPI) instead of printing them")
    export.add_argument("--auth", metavar="USER:PASS", help="the LRS's basic-auth credentials")
    export.add_argument("--lrs-config", metavar="FILE",
                        help='a JSON file {"url": ..., "auth": "USER:PASS"} instead of --lrs '
                             "and --auth (keeps the password out of the shell history)")
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
                                     opens=args.opens, closes=args.closes, code=args.code,
                                     require_proctored=args.proctored, private=args.private)
    except ValueError as exc:
        return fail(str(exc))
    with closing(open_store(args.db, args.saves_dir)) as store:
        if args.code:
            store.create_cohort(cohort)
        else:
            cohort = service.create(store, cohort)
    out(f"Cohort {printable(cohort.name)}: {printable(cohort.scenario_title)} "
        f"v{cohort.scenario_version}, seed {cohort.seed}, {cohort.mode}, "
        f"{describe_pace(cohort.pace)}, {cohort.policy} attempt counts")
    out(f"Join code: {cohort.code}")
    if cohort.require_proctored:
        out(f"Proctored{' (private scenario)' if cohort.private else ''}: invite players "
            f"(practice-sim cohort invite {cohort.code} NAME), then serve it: "
            f"practice-sim serve --cohort {cohort.code}")
    else:
        out(f"  practice-sim play --cohort {cohort.code}")
    return 0


def _invite(args: argparse.Namespace) -> int:
    with closing(open_store(args.db, args.saves_dir)) as store:
        cohort = service.require_cohort(store, args.code)
        player, token = roster.invite(store, cohort, args.name, args.email)
    out(f"Invited {player.name} to {cohort.name} [{cohort.code}] (player id {player.player_id})")
    out(f"Token (shown once; give it to {player.name} privately): {token}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with closing(open_store(args.db, args.saves_dir)) as store:
        cohort = service.require_cohort(store, args.code)
        player = roster.find_player(store, cohort.code, args.player)
        store.revoke(cohort.code, player.player_id, service.saves.now().isoformat())
    out(f"Revoked the token of {player.name} ({player.player_id}) in {cohort.code}")
    return 0


def _roster(args: argparse.Namespace) -> int:
    with closing(open_store(args.db, args.saves_dir)) as store:
        cohort = service.require_cohort(store, args.code)
        players = store.players(cohort.code)
    if not players:
        out(f"No players on the roster of {cohort.code} yet: practice-sim cohort invite "
            f"{cohort.code} NAME")
    for player in players:
        state = f"revoked {player.revoked_at}" if player.revoked_at else "active"
        out(f"{player.player_id}  {printable(player.name, 40):<40} "
            f"{printable(player.email or '-', 40):<30} {state}")
    return 0


def _submit(args: argparse.Namespace) -> int:
    failures = 0
    with closing(open_store(args.db, args.saves_dir)) as store:
        cohort = store.get_cohort(service.normalize_code(args.code))
        scenario = _cohort_scenario(cohort)  # loaded once for every file
        paths = list(args.results)
        # workers start before the bar (its refresh thread is never forked)
        with prefetch.loaded(paths, scenario, cohort.seed if cohort else 0) as files, \
                progress_bar(len(paths) > 1) as bar:
            if bar is not None:
                bar.start("verifying results", len(paths))
            for start in range(0, len(paths), SUBMIT_BATCH):
                lines: list[tuple[bool, str]] = []
                with store.batch():  # one commit per batch; said only once it is committed
                    for _ in paths[start:start + SUBMIT_BATCH]:
                        lines.append(_submit_one(store, args.code, next(files), scenario,
                                                 args.token))
                        if bar is not None:
                            bar.advance()
                for ok, line in lines:
                    failures += not ok
                    (out if ok else error)(line)
    return 1 if failures else 0


def _cohort_scenario(cohort: Cohort | None) -> Scenario | None:
    """The cohort's scenario, or None to let each submission report why there is none."""
    if cohort is None:
        return None
    try:
        return service.cohort_scenario(cohort)
    except FileNotFoundError:
        return None


def _submit_one(store: CohortStore, code: str, loaded: prefetch.Loaded,
                scenario: Scenario | None, token: str | None) -> tuple[bool, str]:
    """Submit one result file: whether it counts, and the line that says how it went."""
    path, result = loaded.path, loaded.result
    if result is None:
        assert loaded.error is not None
        return False, f"{path}: REJECTED ({loaded.error.kind}): {loaded.error.reason}"
    outcome = service.submit(store, code, result, scenario, token=token,
                             verdict=loaded.verdict)
    label = outcome.outcome.upper() + (f" ({outcome.kind})" if outcome.kind else "")
    return outcome.ok, f"{path}: {label}: {outcome.reason}"


def _load(args: argparse.Namespace) -> tuple[Cohort, list[Attempt], list[Player]] | None:
    with closing(open_store(args.db, args.saves_dir)) as store:
        code = service.normalize_code(args.code)
        cohort = store.get_cohort(code)
        if cohort is None:
            fail(f"no cohort with join code {printable(code)}")
            return None
        return cohort, store.attempts(code), store.players(code)


def _leaderboard(args: argparse.Namespace) -> int:
    loaded = _load(args)
    if loaded is None:
        return 1
    board = boards.build(*loaded[:2])
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
    cohort, attempts, players = loaded
    try:  # with the cohort's scenario, decision statements list each node's options
        scenario = service.cohort_scenario(cohort) if args.decisions else None
    except FileNotFoundError:
        scenario = None
    statements = xapi.statements(cohort, attempts, args.decisions, args.base_iri, scenario,
                                 players)
    if args.lrs or args.lrs_config:
        return _push(args, statements)
    _emit(json.dumps(statements, indent=2, ensure_ascii=False), args.output)
    return 0


def _lrs_target(args: argparse.Namespace) -> tuple[str, str]:
    if args.lrs_config:
        data = json.loads(Path(args.lrs_config).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("url"), str) \
                or not isinstance(data.get("auth"), str):
            raise ValueError(f'{args.lrs_config}: expected {{"url": "...", "auth": '
                             '"USER:PASS"}')
        return data["url"], data["auth"]
    if not args.auth:
        raise ValueError("--lrs needs --auth USER:PASS (or use --lrs-config FILE)")
    return args.lrs, args.auth


def _push(args: argparse.Namespace, statements: list[dict[str, object]]) -> int:
    from sim.cli.explore import progress_bar
    from sim.storage.cohorts.lrs import LRSClient, LRSError, post

    url, auth = _lrs_target(args)
    client = LRSClient(url, auth)
    try:
        with progress_bar(True) as bar:
            if bar is not None:
                bar.start("Posting statements", len(statements))
            report = post(client, statements, bar.advance if bar is not None else None)
    except LRSError as exc:
        return fail(str(exc), 2)
    out(f"{url}: {report.summary()}")
    for statement_id, reason in report.rejected:
        error(f"  rejected {statement_id}: {reason}")
    return 1 if report.rejected else 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "create": _create, "invite": _invite, "revoke": _revoke, "roster": _roster,
    "submit": _submit, "leaderboard": _leaderboard, "export": _export}


def run(args: argparse.Namespace) -> int:
    """Run the cohort subcommand; exit 2 when the store can't be reached."""
    try:
        return ACTIONS[args.action](args)
    except (LookupError, ValueError, roster.AccessDenied) as exc:
        return fail(str(exc).strip("'\""))
    except StoreUnavailable as exc:
        return fail(str(exc), 2)
    except store_errors() as exc:
        first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        return fail(f"cohort store error: {first}", 2)
    except OSError as exc:
        return fail(str(exc))
