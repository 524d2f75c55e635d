"""Helpers shared by the subcommands: loading a scenario argument, printing safely.

Everything a command prints passes through :func:`out` (results, on stdout) or :func:`error`
(problems, on stderr), so that no control character from a scenario, a result file or a
player's name reaches the terminal, and no error lands in a file the output is redirected to.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from sim.storage.safe import printable_text

if TYPE_CHECKING:  # the engine loads on first use: ``play`` opens its title screen sooner
    from sim.engine import Scenario

#: Seeds a run can be played with (the cohort store keeps them in a BIGINT).
MAX_SEED = 2**63 - 1


def out(text: str = "", end: str = "\n") -> None:
    """Print a command's output on stdout, control characters escaped."""
    sys.stdout.write(printable_text(text) + end)


def error(text: str) -> None:
    """Print a problem on stderr, control characters escaped."""
    sys.stderr.write(printable_text(text) + "\n")


def fail(text: str, code: int = 1) -> int:
    """Report ``text`` on stderr (prefixed ``practice-sim:``) and return the exit ``code``."""
    error(f"practice-sim: {text}")
    return code


def seed_arg(text: str) -> int:
    """An argparse type: a seed from 0 to ``MAX_SEED``."""
    import argparse  # imported where a parser is in use: the bare game starts without it

    try:
        value = int(text) if len(text) <= 30 else -1
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:30]}' is not a whole number") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"a seed is a whole number from 0 to {MAX_SEED}")
    return value


def player_name(text: str) -> str:
    """An argparse type: a player's name, not empty or only spaces (it is trimmed)."""
    import argparse

    name = text.strip()
    if not name:
        raise argparse.ArgumentTypeError("a player's name can't be empty or only spaces")
    if len(name) > 100:
        raise argparse.ArgumentTypeError("a player's name is at most 100 characters")
    return name


#: The largest action file read.
ACTIONS_LIMIT = 5 * 1024 * 1024


def read_action_text(path: str) -> str | None:
    """An action file's text; ``None`` after saying on stderr why it can't be read (not a
    regular file, too big, not UTF-8)."""
    from sim.engine.files import FileRefused, read_regular

    try:
        return read_regular(path, ACTIONS_LIMIT, "an action file").decode("utf-8-sig")
    except FileRefused as exc:
        error(str(exc))
    except UnicodeDecodeError:
        error(f"{path}: the action file is not UTF-8 text (save it as UTF-8)")
    return None


def load_scenario_arg(name: str) -> Scenario | None:
    """Load a scenario named by id or path; on failure print why (stderr), return ``None``."""
    from sim import catalog
    from sim.engine import ScenarioError, load_scenario

    try:
        return load_scenario(catalog.resolve(name))
    except FileNotFoundError as exc:
        error(f"practice-sim: {exc}")
    except ScenarioError as exc:
        error(str(exc))
    return None
