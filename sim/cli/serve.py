"""``practice-sim serve``: the game in the browser (textual-serve), one game per browser tab.

Each browser session runs ``python -m sim.cli.serve`` (see :func:`session`): the game with
its own throw-away settings folder and its own saves folder (``SAVES/sessions/ID``, or, on a
proctored cohort, ``SAVES/players/ROSTER_ID`` once signed in), so no session lists another's
saves. The cohort store is shared through ``PRACTICE_SIM_DB``. The server checks each
websocket's Origin, caps the number of game processes and ends idle sessions
(:mod:`sim.cli.serving`). See docs/serve.md for putting it behind a reverse proxy.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

from sim.cli.common import error, fail
from sim.settings import ENV_VAR as HOME_VAR
from sim.storage.cohorts import ENV_VAR as DB_VAR
from sim.storage.cohorts import store_url
from sim.storage.saves import ENV_VAR as SAVES_VAR
from sim.storage.saves import saves_dir

HELP = "serve the game to web browsers (textual-serve); localhost unless --host says otherwise"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
COHORT_VAR = "PRACTICE_SIM_SERVE_COHORT"  # tells each session to sign in to this cohort
DEFAULT_MAX_SESSIONS = 40
DEFAULT_IDLE_MINUTES = 30.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use, when behind a reverse proxy "
                             "(e.g. https://class.example.org/practice)")
    parser.add_argument("--cohort", metavar="CODE",
                        help="a proctored cohort: every session signs in with a roster token "
                             "and the server records the day")
    parser.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS, metavar="N",
                        help=f"at most N games at once (default {DEFAULT_MAX_SESSIONS})")
    parser.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_MINUTES,
                        metavar="MINUTES", help="end a session after this long without a key "
                        f"(default {DEFAULT_IDLE_MINUTES:g}; the day is autosaved)")
    parser.add_argument("--db", metavar="URL", help="the cohort store every session submits to "
                                                    "(default: SAVES/cohorts.db)")
    parser.add_argument("--saves-dir", metavar="DIR", help="the server's saves folder")
    parser.add_argument("play_args", nargs=argparse.REMAINDER, metavar="-- PLAY_ARGS",
                        help="arguments for each session's `practice-sim play` (after --)")


def session_command(play_args: list[str]) -> str:
    """The shell command textual-serve runs for each browser session."""
    args = [a for a in play_args if a != "--"]
    return shlex.join([sys.executable, "-m", "sim.cli.serve", *args])


def exposure_warning(host: str, public_url: str | None) -> str | None:
    """What to do when the server is reachable beyond this machine without TLS."""
    if host in LOCAL_HOSTS:
        return None
    if public_url and public_url.startswith("https://"):
        return None
    return (f"practice-sim: listening on {host} without TLS: tokens and play cross the network "
            "in clear text, and anyone who can reach the port can start games. Listen on "
            "127.0.0.1 behind a reverse proxy with TLS (nginx or Caddy: see docs/serve.md) "
            "and pass --public-url https://...")


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from sim.cli.serving import ClassServer

    if args.max_sessions < 1:
        return fail("--max-sessions must be at least 1")
    if args.idle_timeout <= 0:
        return fail("--idle-timeout must be a positive number of minutes")
    saves = saves_dir(args.saves_dir).resolve()
    os.environ[SAVES_VAR] = str(saves)
    url = store_url(args.db, str(saves))
    os.environ[DB_VAR] = url if "://" in url else str(Path(url).resolve())
    if args.cohort:
        problem = check_cohort(args.cohort, os.environ[DB_VAR], saves)
        if problem:
            return fail(problem)
        os.environ[COHORT_VAR] = args.cohort
    warning = exposure_warning(args.host, args.public_url)
    if warning:
        error(warning)
    server = ClassServer(session_command(args.play_args), host=args.host, port=args.port,
                         title="Practice Sim", public_url=args.public_url.rstrip("/")
                         if args.public_url else None, max_sessions=args.max_sessions,
                         idle_seconds=args.idle_timeout * 60)
    server.serve()
    return 0


def check_cohort(code: str, db: str, saves: Path) -> str | None:
    """Why ``serve --cohort`` can't serve ``code`` (``None`` if it can); delivers what the
    outbox kept from an earlier run while the store was down."""
    from sim.storage.cohorts import open_store, service
    from sim.storage.cohorts.play import outbox_dir
    from sim.storage.cohorts.proctor import drain

    try:
        store = open_store(db, saves, create=False)
        try:
            cohort = store.get_cohort(service.normalize_code(code))
        finally:
            store.close()
    except Exception as exc:
        return f"can't reach the cohort store: {exc}"
    if cohort is None:
        return f"no cohort with join code {service.normalize_code(code)}"
    for delivery in drain(outbox_dir(saves), lambda: open_store(db, saves, create=False),
                          service.cohort_scenario):
        error(f"practice-sim: an earlier proctored day: {delivery.outcome}: {delivery.reason}")
    return None


def session(argv: list[str] | None = None) -> int:
    """One browser session: the game with its own settings and saves folders."""
    from sim.cli import main

    home = tempfile.mkdtemp(prefix="practice-sim-session-")
    os.environ[HOME_VAR] = home
    shared = saves_dir()
    try:
        code = os.environ.get(COHORT_VAR)
        if code:
            from sim.cli.proctored import ProctoredApp

            ProctoredApp(code, shared, db=os.environ.get(DB_VAR)).run()
            return 0
        own = shared / "sessions" / uuid.uuid4().hex
        os.environ[SAVES_VAR] = str(own)
        return main(["play", *(sys.argv[1:] if argv is None else argv)])
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(session())
