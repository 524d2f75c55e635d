"""``practice-sim serve``: the game in the browser (textual-serve), one game per browser tab.

Each browser session runs ``python -m sim.cli.serve`` (see :func:`session`): the game with its
own throw-away settings folder, so every player gives their own name, while saves and the
cohort store are shared through ``PRACTICE_SIM_SAVES`` and ``PRACTICE_SIM_DB``.
See docs/serve.md for putting it behind a reverse proxy.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from sim.settings import ENV_VAR as HOME_VAR
from sim.storage.cohorts import ENV_VAR as DB_VAR
from sim.storage.cohorts import store_url
from sim.storage.saves import ENV_VAR as SAVES_VAR
from sim.storage.saves import saves_dir

HELP = "serve the game to web browsers (textual-serve); localhost unless --host says otherwise"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use, when behind a reverse proxy "
                             "(e.g. https://class.example.org/practice)")
    parser.add_argument("--db", metavar="URL", help="the cohort store every session submits to "
                                                    "(default: SAVES/cohorts.db)")
    parser.add_argument("--saves-dir", metavar="DIR", help="the shared saves folder")
    parser.add_argument("play_args", nargs=argparse.REMAINDER, metavar="-- PLAY_ARGS",
                        help="arguments for each session's `practice-sim play` (after --)")


def session_command(play_args: list[str]) -> str:
    """The shell command textual-serve runs for each browser session."""
    args = [a for a in play_args if a != "--"]
    return shlex.join([sys.executable, "-m", "sim.cli.serve", *args])


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from textual_serve.server import Server

    saves = saves_dir(args.saves_dir).resolve()
    os.environ[SAVES_VAR] = str(saves)
    url = store_url(args.db, str(saves))
    os.environ[DB_VAR] = url if "://" in url else str(Path(url).resolve())
    if args.host not in LOCAL_HOSTS:
        print(f"practice-sim: listening on {args.host}: anyone who can reach port {args.port} "
              "can start games here. Prefer 127.0.0.1 behind a reverse proxy (docs/serve.md).",
              file=sys.stderr)
    server = Server(session_command(args.play_args), host=args.host, port=args.port,
                    title="Practice Sim", public_url=args.public_url.rstrip("/")
                    if args.public_url else None)
    server.serve()
    return 0


def session(argv: list[str] | None = None) -> int:
    """One browser session: the game with its own settings folder, removed afterwards."""
    from sim.cli import main

    home = tempfile.mkdtemp(prefix="practice-sim-session-")
    os.environ[HOME_VAR] = home
    try:
        return main(["play", *(sys.argv[1:] if argv is None else argv)])
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(session())
