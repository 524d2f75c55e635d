"""The save file format: its version, its errors, and reading a file into a :class:`SaveFile`.

A save is one JSON object (see ``sim.storage.saves.save_document``); reading never changes
the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sim.engine.files import FileRefused, read_regular

FORMAT = "practice-sim/save"
FORMAT_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024
#: How the clock ran: a save's optional ``timing`` field (saves written before it existed
#: load as real-time, the only timing there was).
TIMINGS = ("real-time", "turn-based")
DEFAULT_TIMING = "real-time"


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
    timing: str = DEFAULT_TIMING  # real-time | turn-based (``mode`` is coaching/assessment)
    cohort: str | None = None  # the join code of the cohort the day was played for
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    def replay(self) -> dict[str, Any]:
        """The run in the engine's replay-record shape (``sim.engine.scoring.replay_record``)."""
        return {"scenario_id": self.scenario_id, "version": self.scenario_version,
                "sha256": self.scenario_sha256, "seed": self.seed,
                "engine_version": self.engine_version, "actions": self.actions}



def read_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A file's JSON object, read only; ``SaveError`` says why it isn't one."""
    path = Path(path)
    try:
        raw = read_regular(path, MAX_BYTES, "a save or result file")
    except FileRefused as exc:
        if exc.kind == "too_large":
            raise SaveError("too_large", f"the file is larger than {MAX_BYTES // 2**20} MiB",
                            path) from None
        raise SaveError("unreadable", exc.reason, path) from None
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
    except ValueError:  # a number over Python's 4,300-digit limit
        raise SaveError("corrupt", "the file is damaged (a number is far too long)",
                        path) from None
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
    timing = data.get("timing", DEFAULT_TIMING)
    if timing not in TIMINGS:
        raise SaveError("corrupt", "the save's 'timing' is damaged", path)
    cohort = data.get("cohort")
    if cohort is not None and not isinstance(cohort, str):
        raise SaveError("corrupt", "the save's cohort is damaged", path)
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
        timing=timing,
        cohort=cohort,
        data=data,
    )
