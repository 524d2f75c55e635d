"""Saves: a run (scenario identity, seed and timestamped actions) in one JSON file.

Loading a save replays it, so a save can't hold a state the engine wouldn't reach. Files are
written atomically (see :mod:`sim.storage.atomic`) and never modified when loading them.

Layout of the saves folder (see :func:`saves_dir` for where it is)::

    saves/NAME-HASH.json          a named save (saving again under the same name replaces it)
    saves/SCENARIO-TIME.json      an unnamed save
    saves/autosave-PLAYER-N.json  rotating autosave slots, ``AUTOSAVE_SLOTS`` per player
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.engine import Scenario, Simulation, format_clock
from sim.engine.actions import Action, ActionSyntaxError, parse_action
from sim.engine.clock import parse_clock
from sim.engine.problems import ActionError
from sim.engine.scoring import replay_record
from sim.storage.atomic import atomic_write_text
from sim.storage.saveformat import (
    DEFAULT_TIMING,
    ERROR_KINDS,
    FORMAT,
    FORMAT_VERSION,
    TIMINGS,
    SaveError,
    SaveFile,
    parse_document,
    read_document,
)

AUTOSAVE_SLOTS = 3
ENV_VAR = "PRACTICE_SIM_SAVES"


@dataclass
class SaveInfo:
    """One line of the load screen. A broken file has ``error`` set and blanks elsewhere."""

    path: Path
    name: str
    scenario_id: str
    scenario_title: str
    player: str
    clock: str
    saved_at: datetime
    kind: str
    over: bool = False
    mode: str = ""
    played_seconds: float = 0.0
    error: SaveError | None = None
    timing: str = DEFAULT_TIMING
    cohort: str | None = None


# -- where ------------------------------------------------------------------------------------
def saves_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The saves folder: ``--saves-dir``, else ``$PRACTICE_SIM_SAVES``, else ``./saves`` when
    that folder already exists (where earlier versions kept them), else the player's own data
    folder (:func:`user_saves_dir`), so saves don't depend on where the game is started."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    legacy = Path.cwd() / "saves"
    return legacy if legacy.is_dir() else user_saves_dir()


def user_saves_dir() -> Path:
    """``$PRACTICE_SIM_HOME/saves``, else ``$XDG_DATA_HOME/practice-sim/saves``, else
    ``~/.local/share/practice-sim/saves``."""
    home = os.environ.get("PRACTICE_SIM_HOME")
    if home:
        return Path(home) / "saves"
    data = os.environ.get("XDG_DATA_HOME")
    return (Path(data) if data else Path.home() / ".local" / "share") / "practice-sim" / "saves"


def slug(text: str, limit: int = 32) -> str:
    """A short, safe file-name fragment for any text (markup, escapes, any length)."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    return cleaned or "save"


def _name_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def now() -> datetime:
    """The wall clock in UTC (a function so that tests can replace it)."""
    return datetime.now(UTC)


# -- writing ----------------------------------------------------------------------------------
def save_document(sim: Simulation, *, player: str, mode: str, played_seconds: float,
                  name: str = "", kind: str = "save", saved_at: datetime | None = None,
                  timing: str = DEFAULT_TIMING, cohort: str | None = None) -> dict[str, Any]:
    """The JSON document of a save of ``sim`` (results add a ``claimed`` key to it).

    ``mode`` is coaching or assessment; ``timing`` real-time or turn-based; ``cohort`` the
    join code of the cohort the day is played for, if any.
    """
    if timing not in TIMINGS:
        raise ValueError(f"timing must be one of {', '.join(TIMINGS)}")
    record = replay_record(sim)
    scenario = sim.scenario
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": kind,
        "name": name,
        "saved_at": (saved_at or now()).isoformat(),
        "player": player,
        "mode": mode,
        "timing": timing,
        "played_seconds": round(float(played_seconds), 3),
        "scenario": {"id": scenario.id, "title": scenario.title, "version": scenario.version,
                     "sha256": scenario.sha256},
        "seed": sim.seed,
        "engine_version": record["engine_version"],
        "clock": format_clock(sim.clock),
        "over": sim.is_over,
        "actions": record["actions"],
    }
    if cohort:
        document["cohort"] = cohort
    return document


def dump(document: dict[str, Any]) -> str:
    """Serialise a document the way every save is written."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _autosave_path(folder: Path, player: str) -> Path:
    """The autosave slot to write next: a free one, else the oldest."""
    stem = f"autosave-{slug(player, 16)}-{_name_hash(player)}"
    slots = [folder / f"{stem}-{n}.json" for n in range(1, AUTOSAVE_SLOTS + 1)]
    free = [slot for slot in slots if not slot.exists()]
    if free:
        return free[0]

    def age(slot: Path) -> tuple[int, str]:
        try:
            return slot.stat().st_mtime_ns, slot.name
        except OSError:
            return 0, slot.name

    return min(slots, key=age)


def write_save(sim: Simulation, *, player: str, mode: str, played_seconds: float,
               name: str | None = None, autosave: bool = False,
               directory: str | os.PathLike[str] | None = None,
               timing: str = DEFAULT_TIMING, cohort: str | None = None) -> Path:
    """Write a save of ``sim`` atomically and return its path.

    A named save replaces an earlier save of the same name; an unnamed one gets a new file;
    an autosave goes to the player's oldest rotating slot.
    """
    folder = Path(directory) if directory is not None else saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now()
    if autosave:
        path, kind = _autosave_path(folder, player), "autosave"
    elif name:
        path, kind = folder / f"{slug(name)}-{_name_hash(name)}.json", "save"
    else:
        base = f"{slug(sim.scenario.id)}-{stamp.strftime('%Y%m%d-%H%M%S-%f')}"
        path, kind = folder / f"{base}.json", "save"
        counter = 1
        while path.exists():
            counter += 1
            path = folder / f"{base}-{counter}.json"
    document = save_document(sim, player=player, mode=mode, played_seconds=played_seconds,
                             name=name or "", kind=kind, saved_at=stamp, timing=timing,
                             cohort=cohort)
    atomic_write_text(path, dump(document))
    return path


def load_save(path: str | os.PathLike[str]) -> SaveFile:
    """Read a save (the file is only read, never changed); ``SaveError`` says what's wrong."""
    path = Path(path)
    return parse_document(read_document(path), path)


def _info(path: Path) -> SaveInfo:
    try:
        save = load_save(path)
    except SaveError as exc:
        try:
            stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            stamp = datetime.fromtimestamp(0, UTC)
        kind = "autosave" if path.name.startswith("autosave-") else "save"
        return SaveInfo(path, path.stem, "", "", "", "", stamp, kind, error=exc)
    return SaveInfo(path, save.name, save.scenario_id, save.scenario_title, save.player,
                    save.clock, save.saved_at, save.kind, save.over, save.mode,
                    save.played_seconds, timing=save.timing, cohort=save.cohort)


def list_saves(directory: str | os.PathLike[str] | None = None) -> list[SaveInfo]:
    """Every ``*.json`` in the saves folder, newest first; broken files have ``error`` set."""
    folder = Path(directory) if directory is not None else saves_dir()
    if not folder.is_dir():
        return []
    infos = [_info(path) for path in folder.glob("*.json") if path.is_file()]
    infos.sort(key=lambda info: (info.saved_at, info.path.name), reverse=True)
    return infos


def latest_autosave(directory: str | os.PathLike[str] | None = None,
                    player: str | None = None) -> SaveInfo | None:
    """The newest loadable autosave (of ``player``, if given), for "continue"."""
    for info in list_saves(directory):
        if info.kind == "autosave" and info.error is None and (
                player is None or info.player == player):
            return info
    return None


# -- restoring --------------------------------------------------------------------------------
def _parse_entry(entry: dict[str, str]) -> Action:
    parsed = parse_action(entry["action"])
    return Action(parsed.verb, parsed.args, parse_clock(entry["at"]))


def replay_prefix(scenario: Scenario, seed: int,
                  entries: list[dict[str, str]]) -> tuple[Simulation, int, str | None]:
    """Replay actions while they apply at their recorded times.

    Returns the simulation, how many actions applied, and why the next one didn't (``None``
    when all did).
    """
    sim = Simulation(scenario, seed)
    sim.start()
    for index, entry in enumerate(entries):
        try:
            action = _parse_entry(entry)
        except (ActionSyntaxError, ValueError, KeyError) as exc:
            return sim, index, f"action {index + 1} is unreadable: {exc}"
        if action.at != sim.clock:
            return sim, index, (f"action {index + 1} ('{entry['action']}') is recorded at "
                                f"{entry['at']}, but in the replay it comes at "
                                f"{format_clock(sim.clock)}")
        try:
            sim.apply(Action(action.verb, action.args))
        except ActionError as exc:
            return sim, index, f"action {index + 1} ('{entry['action']}') no longer applies: {exc}"
    return sim, len(entries), None


def restore(save: SaveFile, scenario: Scenario, partial: bool = False) -> Simulation:
    """Replay a save on ``scenario`` and return the live simulation.

    Raises ``SaveError`` with kind ``wrong_scenario``, ``scenario_changed`` (the file's sha256
    differs: ask the player, then call again with ``partial=True`` or start over) or
    ``replay_failed``. With ``partial=True`` the save is replayed as far as its actions still
    apply, and never fails on that account.
    """
    if scenario.id != save.scenario_id:
        raise SaveError("wrong_scenario", f"the save is of '{save.scenario_id}', not "
                        f"'{scenario.id}'", save.path)
    if scenario.sha256 != save.scenario_sha256 and not partial:
        raise SaveError("scenario_changed", f"'{scenario.title}' changed since this save "
                        f"(saved with version {save.scenario_version}, now version "
                        f"{scenario.version}): replay as far as the actions still apply, or "
                        "start over", save.path)
    sim, _applied, problem = replay_prefix(scenario, save.seed, save.actions)
    if problem is not None and not partial:
        raise SaveError("replay_failed", f"the save doesn't replay: {problem}", save.path)
    return sim


def restore_report(save: SaveFile, scenario: Scenario) -> tuple[Simulation, int, str | None]:
    """Like ``restore(partial=True)``, also telling how many of the save's actions applied."""
    if scenario.id != save.scenario_id:
        raise SaveError("wrong_scenario", f"the save is of '{save.scenario_id}', not "
                        f"'{scenario.id}'", save.path)
    return replay_prefix(scenario, save.seed, save.actions)


__all__ = [
    "AUTOSAVE_SLOTS",
    "ERROR_KINDS",
    "FORMAT_VERSION",
    "TIMINGS",
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "latest_autosave",
    "list_saves",
    "load_save",
    "parse_document",
    "read_document",
    "replay_prefix",
    "restore",
    "restore_report",
    "saves_dir",
    "write_save",
]
