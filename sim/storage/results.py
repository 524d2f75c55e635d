"""Result files: a save of a finished day plus the score it claims, and their verification.

A result is accepted only if replaying its actions on the scenario gives exactly the claimed
result. Nothing in the file is trusted: an edited score, an edited or injected action, a
swapped seed or a different scenario version is rejected with the reason.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.engine import ENGINE_VERSION, ReplayError, Scenario, Simulation, replay_record, score
from sim.storage.atomic import atomic_write_text
from sim.storage.fastjson import written_alike
from sim.storage.nogc import collection_paused
from sim.storage.plain import plain
from sim.storage.saveformat import parse_bytes, read_bytes
from sim.storage.saves import (
    DEFAULT_TIMING,
    SaveError,
    SaveFile,
    dump,
    now,
    parse_document,
    save_document,
    saves_dir,
    slug,
)

#: Kinds of a rejected :class:`Verdict`.
REJECT_KINDS = (
    "wrong_scenario",  # the result is of another scenario
    "scenario_version",  # the scenario file differs from the one played (version or sha256)
    "seed",  # the seed differs from the claimed one or the expected one
    "actions",  # the action list was edited or injected
    "unfinished",  # the day wasn't played to the end
    "score",  # the claimed score isn't what the actions give
    "result",  # another part of the claimed result isn't what the actions give
    "engine",  # made under an engine version this Practice Sim doesn't know
)


@dataclass
class ResultFile:
    """A loaded result: the save part, the claimed result, and the cohort it was played for."""

    save: SaveFile
    claimed: dict[str, Any]
    cohort: str | None = None

    @property
    def path(self) -> Path | None:
        """Where the result was read from."""
        return self.save.path

    @property
    def score(self) -> Any:
        """The claimed score (unverified)."""
        return self.claimed.get("score")

    def fingerprint(self) -> str:
        """A stable id of this attempt: the sha256 of its canonical JSON (for idempotent
        submission)."""
        canonical = json.dumps(self.save.data, sort_keys=True, ensure_ascii=True,
                               separators=(",", ":"))
        return hashlib.sha256(canonical.encode("ascii")).hexdigest()


@dataclass
class Verdict:
    """The outcome of verifying one result: accepted, or rejected with ``kind`` and ``reason``."""

    ok: bool
    reason: str
    kind: str = ""
    recomputed: dict[str, Any] | None = None
    #: The day scored under this Practice Sim's engine, when the result was made under an
    #: older one (``recomputed`` is then the claim's own engine's result).
    current: dict[str, Any] | None = None

    @property
    def standing(self) -> dict[str, Any] | None:
        """The result that counts today: under the current engine (``None`` if rejected)."""
        if not self.ok:
            return None
        return self.current if self.current is not None else self.recomputed


def result_document(sim: Simulation, *, player: str, mode: str, played_seconds: float,
                    cohort: str | None = None, timing: str = DEFAULT_TIMING,
                    practice: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document of a result: a save of ``sim`` (kind ``result``) plus its score.

    ``practice`` marks a practice branch (what it branched from): such a day is never a
    cohort attempt, and the player's profile counts it towards no best.
    """
    if practice is not None and cohort is not None:
        raise ValueError("a practice branch is never played for a cohort")
    document = save_document(sim, player=player, mode=mode, played_seconds=played_seconds,
                             kind="result", timing=timing, cohort=cohort)
    document["claimed"] = plain(score(sim))
    if practice is not None:
        document["practice"] = practice
    return document


def default_result_path(sim: Simulation, player: str,
                        directory: str | os.PathLike[str] | None = None) -> Path:
    """A new file name under ``SAVES/results`` for a result of ``sim`` by ``player``."""
    folder = Path(directory) if directory is not None else saves_dir() / "results"
    stamp = now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{slug(sim.scenario.id)}-{slug(player, 16)}-{stamp}.json"


def write_result(sim: Simulation, path: str | os.PathLike[str] | None = None, *, player: str,
                 mode: str, played_seconds: float, cohort: str | None = None,
                 directory: str | os.PathLike[str] | None = None,
                 timing: str = DEFAULT_TIMING, practice: dict[str, Any] | None = None) -> Path:
    """Write a result file atomically (to ``path``, or a new file under the results folder)."""
    target = Path(path) if path is not None else default_result_path(sim, player, directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    document = result_document(sim, player=player, mode=mode, played_seconds=played_seconds,
                               cohort=cohort, timing=timing, practice=practice)
    atomic_write_text(target, dump(document))
    return target


def parse_result(data: dict[str, Any], path: Path | None = None,
                 exact: bool = False) -> ResultFile:
    """A :class:`ResultFile` from a document; ``SaveError`` if it isn't a valid result.
    ``exact``: orjson parsed ``data`` (``SaveFile.exact``)."""
    save = parse_document(data, path, exact)
    claimed = data.get("claimed")
    if save.kind != "result" or not isinstance(claimed, dict):
        raise SaveError("not_a_result", "this is a save, not a result file (finish the day "
                        "to get one)", path)
    cohort = data.get("cohort")
    if cohort is not None and not isinstance(cohort, str):
        raise SaveError("corrupt", "the result's cohort is damaged", path)
    return ResultFile(save, claimed, cohort)


def load_result(path: str | os.PathLike[str]) -> ResultFile:
    """Read a result file (read only); ``SaveError`` says what is wrong with it."""
    path = Path(path)
    return result_from_bytes(read_bytes(path), path)


def result_from_bytes(raw: bytes, path: str | os.PathLike[str]) -> ResultFile:
    """The result in ``raw``, the bytes read from the file ``path`` (as ``load_result``)."""
    path = Path(path)
    data, exact = parse_bytes(raw, path)
    return parse_result(data, path, exact)


# -- verification -----------------------------------------------------------------------------
def first_difference(claimed: Any, actual: Any, where: str = "") -> str | None:
    """The path of the first place two JSON values differ (``None`` if equal)."""
    if type(claimed) is not type(actual):
        return where or "(whole result)"
    if isinstance(actual, dict):
        for key in sorted(set(claimed) | set(actual)):
            if key not in claimed or key not in actual:
                return f"{where}.{key}".lstrip(".")
            found = first_difference(claimed[key], actual[key], f"{where}.{key}")
            if found:
                return found.lstrip(".")
        return None
    if isinstance(actual, list):
        for index, (left, right) in enumerate(zip(claimed, actual, strict=False)):
            found = first_difference(left, right, f"{where}[{index}]")
            if found:
                return found
        return None if len(claimed) == len(actual) else f"{where} (length)".lstrip(".")
    return None if claimed == actual else where.lstrip(".") or "(whole result)"


def score_under(sim: Simulation, engine: str) -> dict[str, Any] | None:
    """``sim`` scored under engine version ``engine``, as plain data; ``None`` when this
    Practice Sim doesn't know that engine."""
    if engine == ENGINE_VERSION:
        return plain(score(sim))
    if "engine" not in inspect.signature(score).parameters:
        return None
    try:
        data = plain(score(sim, engine=engine))  # type: ignore[call-arg]
    except (ValueError, KeyError, LookupError):
        return None
    # keys added since (``missed``) are None under an older engine, whose files lack them
    return {key: value for key, value in data.items() if value is not None}


def engine_change(claimed_engine: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """What a scoring change did to a day: "scored 57.8 under engine 1, 12.3 under engine 2"."""
    return (f"scored {old['score']} ({old['grade']}) under engine {claimed_engine}, "
            f"{new['score']} ({new['grade']}) under engine {ENGINE_VERSION}, today's rules")


def _recomputed(result: ResultFile, sim: Simulation) -> dict[str, Any] | None:
    """``sim`` scored under the engine ``result`` was made with, as plain data (``None``: an
    engine this Practice Sim doesn't know). When the claim is written exactly as the replay's
    result, it is the claim itself: converting the replay's result to compare it would cost
    more than the rest of the verification but the replay."""
    save = result.save
    if save.engine_version != ENGINE_VERSION:
        return score_under(sim, save.engine_version)
    replayed = score(sim)
    # orjson read the claim (``exact``): it holds no NaN or infinity, and the replay holds
    # none either (a scenario's numbers are bounded), so no ``null`` stands for one
    if save.exact and written_alike(replayed, result.claimed):
        return result.claimed
    return plain(replayed)


def _reject(kind: str, reason: str, recomputed: dict[str, Any] | None = None) -> Verdict:
    return Verdict(False, reason, kind, recomputed)


def verify(result: ResultFile, scenario: Scenario, *, seed: int | None = None) -> Verdict:
    """Replay ``result`` on ``scenario`` and compare; ``seed`` is the one required, if any."""
    with collection_paused():
        return _verify(result, scenario, seed)


def _verify(result: ResultFile, scenario: Scenario, seed: int | None) -> Verdict:
    save, claimed = result.save, result.claimed
    if save.scenario_id != scenario.id:
        return _reject("wrong_scenario", f"the result is of '{save.scenario_id}', not "
                       f"'{scenario.id}'")
    if save.scenario_sha256 != scenario.sha256 or save.scenario_version != scenario.version:
        return _reject("scenario_version", f"played on version {save.scenario_version} "
                       f"(sha256 {save.scenario_sha256[:12]}), but the scenario is version "
                       f"{scenario.version} (sha256 {scenario.sha256[:12]})")
    claimed_replay = claimed.get("replay")
    if not isinstance(claimed_replay, dict):
        return _reject("result", "the claimed result has no replay record: it was edited")
    if seed is not None and save.seed != seed:
        return _reject("seed", f"played with seed {save.seed}, but seed {seed} is required")
    if claimed_replay.get("seed") != save.seed:
        return _reject("seed", f"the file's seed ({save.seed}) is not the seed of the claimed "
                       f"result ({claimed_replay.get('seed')}): the seed was swapped")
    if claimed_replay.get("engine_version") != save.engine_version:
        return _reject("result", f"the file says engine {save.engine_version}, its claimed "
                       f"result engine {claimed_replay.get('engine_version')}: it was edited")
    if claimed_replay.get("actions") != save.actions:
        return _reject("actions", "the action list differs from the claimed result's record: "
                       "actions were edited or injected")
    try:
        sim = replay_record(scenario, save.seed, save.actions, finish=False)
    except ReplayError as exc:
        return _reject("actions", f"the actions don't replay ({exc}): an action was edited "
                       "or injected")
    recomputed = _recomputed(result, sim)
    if recomputed is None:
        return _reject("engine", f"made under engine {save.engine_version}, which this "
                       f"Practice Sim (engine {ENGINE_VERSION}) doesn't know: update "
                       "Practice Sim to verify it")
    if recomputed["replay"]["actions"] != save.actions:
        return _reject("actions", "the action list is not one the game records (an action "
                       "was edited or injected)", recomputed)
    if not sim.is_over:
        return _reject("unfinished", f"the day stops at {save.clock}: it was not played to "
                       "the end", recomputed)
    if claimed.get("score") != recomputed["score"]:
        return _reject("score", f"claims a score of {claimed.get('score')!r}, but the actions "
                       f"give {recomputed['score']}", recomputed)
    different = None if claimed == recomputed else first_difference(claimed, recomputed)
    if different:
        return _reject("result", f"the claimed result differs from the replay at "
                       f"'{different}'", recomputed)
    if save.engine_version == ENGINE_VERSION:
        return Verdict(True, f"verified: score {recomputed['score']} ({recomputed['grade']})",
                       "", recomputed)
    current = plain(score(sim))
    return Verdict(True, f"verified under engine {save.engine_version}: "
                   f"{engine_change(save.engine_version, recomputed, current)}", "",
                   recomputed, current)
