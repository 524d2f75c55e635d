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
from sim.storage import fastjson
from sim.storage.nogc import collection_paused

FORMAT = "practice-sim/save"
FORMAT_VERSION = 1
MAX_BYTES = 32 * 1024 * 1024
#: Sane ranges for a save's numbers: anything outside is a damaged (or forged) file.
MAX_PLAYED_SECONDS = 10_000_000  # about 115 days
MAX_SEED = 2**63 - 1  # the cohort store keeps seeds in a BIGINT
MAX_SCENARIO_VERSION = 1_000_000
MAX_FORMAT_VERSION = 1_000_000
MAX_DIGITS = 40  # no number in a save needs more digits
LONG_DIGIT_RUN = b"0" * (MAX_DIGITS + 1)
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
    #: ``data`` was parsed by orjson (``fastjson.parse``): orjson writes it back faithfully
    exact: bool = field(default=False, repr=False, compare=False)

    def replay(self) -> dict[str, Any]:
        """The run in the engine's replay-record shape (``sim.engine.scoring.replay_record``)."""
        return {"scenario_id": self.scenario_id, "version": self.scenario_version,
                "sha256": self.scenario_sha256, "seed": self.seed,
                "engine_version": self.engine_version, "actions": self.actions}



def read_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A file's JSON object, read only; ``SaveError`` says why it isn't one."""
    path = Path(path)
    return parse_bytes(read_bytes(path), path)[0]


def read_bytes(path: Path) -> bytes:
    """A save or result file's bytes, read only; ``SaveError`` if it can't be read."""
    try:
        return read_regular(path, MAX_BYTES, "a save or result file")
    except FileRefused as exc:
        if exc.kind == "too_large":
            raise SaveError("too_large", f"the file is larger than {MAX_BYTES // 2**20} MiB",
                            path) from None
        raise SaveError("unreadable", exc.reason, path) from None


def parse_bytes(raw: bytes, path: Path) -> tuple[dict[str, Any], bool]:
    """The JSON object a save's bytes (read from ``path``) hold, and whether orjson parsed
    it (``fastjson.parse``); ``SaveError`` says why they don't hold one."""
    if not raw.strip():
        raise SaveError("truncated", "the file is empty", path)
    try:
        with collection_paused():  # a JSON tree has no cycles: no collection finds any
            data, exact = _loads(raw)
    except _NumberError as exc:
        raise SaveError("corrupt", f"the file is damaged: {exc}", path) from None
    except UnicodeDecodeError:
        raise SaveError("corrupt", "the file is not UTF-8 text: it is damaged or not a save",
                        path) from None
    except json.JSONDecodeError as exc:
        text = exc.doc
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
    if not isinstance(version, int) or isinstance(version, bool) or not (
            1 <= version <= MAX_FORMAT_VERSION):
        raise SaveError("corrupt", "the save's 'format_version' is missing or damaged (a "
                        f"whole number from 1 to {FORMAT_VERSION} is expected)", path)
    if version > FORMAT_VERSION:
        raise SaveError("newer_format", f"the save is in format {version}, newer than this "
                        f"Practice Sim reads ({FORMAT_VERSION}): update Practice Sim", path)
    return data, exact


class _NumberError(ValueError):
    """A number in the JSON text that no save holds (too many digits, NaN, Infinity)."""


def _loads(raw: bytes) -> tuple[Any, bool]:
    """The UTF-8 bytes ``raw`` parsed, refusing numbers no save holds (``UnicodeDecodeError``
    if they aren't UTF-8). Checking each integer calls Python once per number; without a
    longer run of digits anywhere in the file, no integer can be too long, and the check is
    skipped (and orjson parses it, with ``json``'s results: see ``sim.storage.fastjson``;
    it checks the UTF-8 itself, so the text is only decoded if it refuses it)."""
    digits = raw.translate(fastjson.DIGITS_AS_ZERO)
    if LONG_DIGIT_RUN in digits:
        return json.loads(raw.decode("utf-8"), parse_int=_parse_int,
                          parse_constant=_no_constant), False
    return fastjson.parse(raw, parse_constant=_no_constant, digits=digits)


def _parse_int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > MAX_DIGITS:
        raise _NumberError(f"a number has {len(digits)} digits (at most {MAX_DIGITS} are "
                           "expected)")
    return int(text)


def _no_constant(text: str) -> float:
    raise _NumberError(f"'{text}' is not a number a save holds")


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path,
           bounds: tuple[float, float] | None = None) -> Any:
    """``data[key]`` if it has the type ``kind`` (and lies within ``bounds``, inclusive)."""
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise SaveError("corrupt", f"the save's '{key}' is missing or damaged", path)
    if bounds is not None and not (bounds[0] <= value <= bounds[1]):  # NaN fails too
        raise SaveError("corrupt", f"the save's '{key}' is out of range ({bounds[0]:g} to "
                        f"{bounds[1]:g} expected): the file is damaged", path)
    return value


def _text(data: dict[str, Any], key: str, path: Path, limit: int = 10_000) -> str:
    """A string field of at most ``limit`` characters."""
    value = _field(data, key, str, path)
    if len(value) > limit:
        raise SaveError("corrupt", f"the save's '{key}' is longer than {limit} characters: "
                        "the file is damaged", path)
    return value


def parse_document(data: dict[str, Any], path: Path | None = None,
                   exact: bool = False) -> SaveFile:
    """A :class:`SaveFile` from a save document; ``SaveError`` (corrupt) on bad fields.
    ``exact``: orjson parsed ``data`` (``SaveFile.exact``)."""
    where = path or Path("<save>")
    scenario = _field(data, "scenario", dict, where)
    actions = _field(data, "actions", list, where)
    for index, entry in enumerate(actions, start=1):
        if not (isinstance(entry, dict) and isinstance(entry.get("at"), str)
                and isinstance(entry.get("action"), str)
                and len(entry["at"]) + len(entry["action"]) <= 1_000):
            raise SaveError("corrupt", f"the save's action list is damaged (action {index})",
                            path)
    try:
        saved_at = datetime.fromisoformat(_text(data, "saved_at", where, 64))
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=UTC)
        saved_at = saved_at.astimezone(UTC)
        if not 1970 <= saved_at.year <= 9000:
            raise ValueError("out of range")
    except (ValueError, OverflowError):
        raise SaveError("corrupt", "the save's 'saved_at' date is damaged", path) from None
    played = _field(data, "played_seconds", (int, float), where, (0, MAX_PLAYED_SECONDS))
    timing = data.get("timing", DEFAULT_TIMING)
    if timing not in TIMINGS:
        raise SaveError("corrupt", "the save's 'timing' is damaged", path)
    cohort = data.get("cohort")
    if cohort is not None and not isinstance(cohort, str):
        raise SaveError("corrupt", "the save's cohort is damaged", path)
    return SaveFile(
        path=path,
        kind=_text(data, "kind", where, 32),
        name=_text(data, "name", where, 20_000),
        saved_at=saved_at,
        player=_text(data, "player", where, 20_000),
        mode=_text(data, "mode", where, 32),
        played_seconds=float(played),
        scenario_id=_text(scenario, "id", where, 200),
        scenario_title=_text(scenario, "title", where, 20_000),
        scenario_version=_field(scenario, "version", int, where, (0, MAX_SCENARIO_VERSION)),
        scenario_sha256=_text(scenario, "sha256", where, 64),
        seed=_field(data, "seed", int, where, (0, MAX_SEED)),
        engine_version=_text(data, "engine_version", where, 32),
        clock=_text(data, "clock", where, 5),
        over=_field(data, "over", bool, where),
        actions=[{"at": e["at"], "action": e["action"]} for e in actions],
        format_version=data["format_version"],
        timing=timing,
        cohort=cohort,
        data=data,
        exact=exact,
    )
