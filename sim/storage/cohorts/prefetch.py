"""Result files read and verified ahead, in worker processes, for a submission of many files.

Verifying (the replay) is most of a submission's time and needs nothing from the store, so
``cohort submit`` of many files has it done by one worker process per core while it stores
each file in order. A worker sends back the file's bytes (the parent parses those very bytes:
the file is read once, and what is stored is what was verified) and the verdict; an accepted
verdict whose recomputed result is identical to the claimed one (every result played and
written by this Practice Sim) comes back as its reason alone, the claim standing for the
result, which saves pickling 100 KB twice per file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sim.storage.plain import identical
from sim.storage.results import ResultFile, Verdict, load_result, result_from_bytes, verify
from sim.storage.saveformat import SaveError, read_bytes

if TYPE_CHECKING:
    from sim.engine import Scenario

#: Fewer files than this are verified in this process (starting workers costs more).
PARALLEL_FROM = 16
CHUNK = 4  # files handed to a worker at a time

_scenario: Scenario | None = None  # what the forked workers verify against
_seed: int | None = None


@dataclass
class Loaded:
    """One file, in the order given: its result (or why it can't be read) and, when worked
    out already, ``verify(result, scenario, seed=seed)``."""

    path: str
    result: ResultFile | None
    error: SaveError | None = None
    verdict: Verdict | None = None


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def busy() -> bool:
    """Whether other processes keep the other cores busy (load average over one minute),
    as ``make -l`` asks: workers then only add their hand-off to the work (measured: 4.1-4.7
    s against 3.1-3.9 s for 400 files at a load of 3 on 2 cores)."""
    return os.getloadavg()[0] > cores() - 1


@contextmanager
def loaded(paths: Sequence[str], scenario: Scenario | None,
           seed: int) -> Iterator[Iterator[Loaded]]:
    """Each of ``paths`` as a :class:`Loaded`, in order; verified ahead by worker processes
    when there are many files, several idle cores, ``fork`` and a scenario to verify
    against."""
    workers = min(cores(), len(paths) // CHUNK)
    if (scenario is None or len(paths) < PARALLEL_FROM or workers < 2 or busy()
            or not sys.platform.startswith("linux")):
        yield (_load(path) for path in paths)
        return
    global _scenario, _seed
    _scenario, _seed = scenario, seed
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            checked = pool.imap(_check, paths, CHUNK)
            yield (_receive(path, *answer) for path, answer in zip(paths, checked,
                                                                   strict=True))
    finally:
        _scenario = _seed = None


def _load(path: str) -> Loaded:
    try:
        return Loaded(path, load_result(path))
    except SaveError as exc:
        return Loaded(path, None, exc)


Answer = tuple[bytes | None, tuple[str, str] | None, Verdict | str | None]


def _check(path: str) -> Answer:
    """In a worker: the file's bytes (or why it can't be read) and its verdict (``None`` if
    the bytes hold no result; the reason alone if the claim is the recomputed result)."""
    try:
        raw = read_bytes(Path(path))
    except SaveError as exc:
        return None, (exc.kind, exc.reason), None
    try:
        result = result_from_bytes(raw, path)
    except SaveError:
        return raw, None, None  # the parent parses the same bytes and says why
    assert _scenario is not None
    verdict = verify(result, _scenario, seed=_seed)
    if (verdict.ok and verdict.current is None and verdict.recomputed is not None
            and (verdict.recomputed is result.claimed
                 or identical(verdict.recomputed, result.claimed))):
        return raw, None, verdict.reason
    return raw, None, verdict


def _receive(path: str, raw: bytes | None, error: tuple[str, str] | None,
             verdict: Verdict | str | None) -> Loaded:
    """In the parent: a worker's answer as a :class:`Loaded`."""
    if raw is None:
        assert error is not None
        return Loaded(path, None, SaveError(*error, Path(path)))
    try:
        result = result_from_bytes(raw, path)
    except SaveError as exc:
        return Loaded(path, None, exc)
    if isinstance(verdict, str):  # accepted, and the claim is exactly the recomputed result
        verdict = Verdict(True, verdict, "", result.claimed)
    return Loaded(path, result, None, verdict)
