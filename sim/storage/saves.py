"""Saves: a run (scenario identity, seed and timestamped actions) in one JSON file.

Loading a save replays it, so a save can't hold a state the engine wouldn't reach. Files are
written atomically (see :mod:`sim.storage.atomic`) and never modified when loading them.

Layout of the saves folder (``./saves`` unless ``--saves-dir`` or ``PRACTICE_SIM_SAVES``)::

    saves/NAME-HASH.json          a named save (saving again under the same name replaces it)
    saves/SCENARIO-TIME.json      an unnamed save
    saves/autosave-PLAYER-N.json  rotating autosave slots, ``AUTOSAVE_SLOTS`` per player
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.engine import Scenario, Simulation, format_clock
from sim.engine.actions import Action, ActionSyntaxError, parse_action
from sim.engine.clock import parse_clock
from sim.engine.problems import ActionError
from sim.engine.scoring import replay_record
from sim.storage.atomic import atomic_write_text

FORMAT = "practice-sim/save"
FORMAT_VERSION = 1
AUTOSAVE_SLOTS = 3
MAX_BYTES = 32 * 1024 * 1024
ENV_VAR = "PRACTICE_SIM_SAVES"

#: Kinds of :class:`SaveError`.
ERROR_KINDS = (
    "unreadable",  # the file can't be opened or read
    "too_large",  # bigger than MAX_BYTES
    "truncated",  # the JSON stops early (an interrupted copy, a full disk)
    "corrupt",  # not valid JSON, or a save with missing or mistyped fields
    "not_a_save",  # valid JSON, but not a Practice Sim save
    "newer_format",  # written by a newer Practice Sim
    "wrong_scenario",  # restore() was given another scenario
    "scenario_changed",  # the scenario file changed since (sha256 differs)
    "replay_failed",  # an action no longer applies at its recorded time
)


class SaveError(Exception):
    """A save that can't be loaded or restored: ``kind`` (see ``ERROR_KINDS``) and ``reason``."""

    def __init__(self, kind: str, reason: str, path: Path | None = None):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


@dataclass
class SaveFile:
    """A loaded save: everything needed to replay the run, plus who played it and when."""

    path: Path | None
    kind: str  # save | autosave | result
    name: str
    saved_at: datetime
    player: str
    mode: str
    played_seconds: float
    scenario_id: str
    scenario_title: str
    scenario_version: int
    scenario_sha256: str
    seed: int
    engine_version: str
    clock: str
    over: bool
    actions: list[dict[str, str]]
    format_version: int = FORMAT_VERSION
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    def replay(self) -> dict[str, Any]:
        """The run in the engine's replay-record shape (``sim.engine.scoring.replay_record``)."""
        return {"scenario_id": self.scenario_id, "version": self.scenario_version,
                "sha256": self.scenario_sha256, "seed": self.seed,
                "engine_version": self.engine_version, "actions": self.actions}


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


# -- where ------------------------------------------------------------------------------------
def saves_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The saves folder: ``--saves-dir``, else ``$PRACTICE_SIM_SAVES``, else ``./saves``."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path.cwd() / "saves"


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
                  name: str = "", kind: str = "save",
                  saved_at: datetime | None = None) -> dict[str, Any]:
    """The JSON document of a save of ``sim`` (results add a ``claimed`` key to it)."""
    record = replay_record(sim)
    scenario = sim.scenario
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": kind,
        "name": name,
        "saved_at": (saved_at or now()).isoformat(),
        "player": player,
        "mode": mode,
        "played_seconds": round(float(played_seconds), 3),
        "scenario": {"id": scenario.id, "title": scenario.title, "version": scenario.version,
                     "sha256": scenario.sha256},
        "seed": sim.seed,
        "engine_version": record["engine_version"],
        "clock": format_clock(sim.clock),
        "over": sim.is_over,
        "actions": record["actions"],
    }


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
               directory: str | os.PathLike[str] | None = None) -> Path:
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
                             name=name or "", kind=kind, saved_at=stamp)
    atomic_write_text(path, dump(document))
    return path


# -- reading ----------------------------------------------------------------------------------
def read_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A file's JSON object, read only; ``SaveError`` says why it isn't one."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise SaveError("unreadable", f"can't read the file: {exc.strerror or exc}", path) from None
    if len(raw) > MAX_BYTES:
        raise SaveError("too_large", f"the file is larger than {MAX_BYTES // 2**20} MiB", path)
    if not raw.strip():
        raise SaveError("truncated", "the file is empty", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError("corrupt", "the file is not UTF-8 text: it is damaged or not a save",
                        path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or not text.rstrip().endswith("}"):
            raise SaveError("truncated", "the file stops in the middle: it was cut short",
                            path) from None
        raise SaveError("corrupt", f"the file is damaged (line {exc.lineno}, column "
                        f"{exc.colno}: {exc.msg})", path) from None
    except RecursionError:
        raise SaveError("corrupt", "the file is damaged (nested too deep)", path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError("not_a_save", "this is not a Practice Sim save", path)
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("corrupt", "the save has no format version", path)
    if version > FORMAT_VERSION:
        raise SaveError("newer_format", f"the save is in format {version}, newer than this "
                        f"Practice Sim reads ({FORMAT_VERSION}): update Practice Sim", path)
    return data


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise SaveError("corrupt", f"the save's '{key}' is missing or damaged", path)
    return value


def parse_document(data: dict[str, Any], path: Path | None = None) -> SaveFile:
    """A :class:`SaveFile` from a save document; ``SaveError`` (corrupt) on bad fields."""
    where = path or Path("<save>")
    scenario = _field(data, "scenario", dict, where)
    actions = _field(data, "actions", list, where)
    for entry in actions:
        if not (isinstance(entry, dict) and isinstance(entry.get("at"), str)
                and isinstance(entry.get("action"), str)):
            raise SaveError("corrupt", "the save's action list is damaged", path)
    try:
        saved_at = datetime.fromisoformat(_field(data, "saved_at", str, where))
    except ValueError:
        raise SaveError("corrupt", "the save's date is damaged", path) from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    played = _field(data, "played_seconds", (int, float), where)
    return SaveFile(
        path=path,
        kind=_field(data, "kind", str, where),
        name=_field(data, "name", str, where),
        saved_at=saved_at,
        player=_field(data, "player", str, where),
        mode=_field(data, "mode", str, where),
        played_seconds=float(played),
        scenario_id=_field(scenario, "id", str, where),
        scenario_title=_field(scenario, "title", str, where),
        scenario_version=_field(scenario, "version", int, where),
        scenario_sha256=_field(scenario, "sha256", str, where),
        seed=_field(data, "seed", int, where),
        engine_version=_field(data, "engine_version", str, where),
        clock=_field(data, "clock", str, where),
        over=_field(data, "over", bool, where),
        actions=[{"at": e["at"], "action": e["action"]} for e in actions],
        format_version=data["format_version"],
        data=data,
    )


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
                    save.played_seconds)


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
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "latest_autosave",
    "list_saves",
    "load_save",
    "replay_prefix",
    "restore",
    "restore_report",
    "saves_dir",
    "write_save",
]
