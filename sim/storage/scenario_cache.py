"""Checked scenarios kept as plain JSON, so the game builds a scenario it has read before
without reading its YAML or checking it again.

Reading a scenario means PyYAML, the schema and the meaning checks: for full-day, 1.4 MiB of
imported code, 5 MiB of memory the game's day then grows into, and a tenth of a second (the
picker reads all twelve bundled scenarios: 0.31 s, 0.02 s from their checked copies). The
game plays from the checked data instead (``sim.engine.building`` builds the same model from
it), kept under ``$PRACTICE_SIM_CACHE``, else ``$PRACTICE_SIM_HOME/cache``, else
``$XDG_CACHE_HOME/practice-sim``, else ``~/.cache/practice-sim``. A scenario not kept yet is
read and checked by a short-lived child process (0.4 s for full-day, once), so the game
itself never imports the YAML reader; where the child can't run or write, the game reads the
file itself, as it always did.

An entry is used only when it was made by this engine (a digest of ``sim/engine``'s
sources) from the same bytes of the scenario and of every file it includes, read by the
same name; anything else (a changed file, a new engine, a damaged entry) reads the YAML
again. A file with problems is never kept, so its problems are always reported afresh.
Only playing goes through here: ``validate``, ``lint`` and ``verify`` always read the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import orjson

from sim.engine import building
from sim.engine.building import build_scenario
from sim.engine.files import SCENARIO_BYTES, FileRefused, read_regular, read_source
from sim.engine.model import Scenario
from sim.engine.problems import ScenarioError
from sim.storage.atomic import atomic_write_bytes
from sim.storage.plain import identical

FORMAT = 1
CHILD_SECONDS = 120  # a child reading many large scenarios on a slow machine
ENGINE_DIR = Path(building.__file__).parent


def cache_dir() -> Path:
    """Where the checked scenarios are kept."""
    if os.environ.get("PRACTICE_SIM_CACHE"):
        return Path(os.environ["PRACTICE_SIM_CACHE"])
    if os.environ.get("PRACTICE_SIM_HOME"):
        return Path(os.environ["PRACTICE_SIM_HOME"]) / "cache"
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "practice-sim"


@cache
def engine_digest() -> str:
    """SHA-256 of the engine's sources: any change to how a scenario is read, checked or
    built makes every kept scenario stale."""
    hasher = hashlib.sha256(f"format {FORMAT}\0".encode())
    for source in sorted(ENGINE_DIR.glob("*.py")):
        hasher.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return hasher.hexdigest()


def entry_path(name: str) -> Path:
    """The entry kept for the scenario file called ``name`` (one per file name)."""
    key = hashlib.sha256(os.path.abspath(name).encode("utf-8", "surrogateescape"))
    return cache_dir() / "scenarios" / f"{key.hexdigest()[:32]}.json"


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _kept(name: str, raw: bytes) -> Scenario | None:
    """The scenario from its entry, if the entry is fresh for ``raw``; else ``None``."""
    try:
        entry = orjson.loads(entry_path(name).read_bytes())
        files = entry["files"]
        if (entry["format"] != FORMAT or entry["engine"] != engine_digest()
                or files[0] != [name, _sha(raw)]):
            return None
        for included, digest in files[1:]:
            if _sha(read_regular(included, SCENARIO_BYTES, "an included file")) != digest:
                return None
        return build_scenario(entry["data"], entry["digest"], name)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, FileRefused):
        return None  # missing, stale or damaged: read the file instead


def compile_and_keep(name: str, raw: bytes) -> Scenario:
    """Read and check the scenario (raising ``ScenarioError`` with its problems) and keep
    its checked data for the next time (when it can be written and read back exactly)."""
    from sim.engine.loader import check_source_located

    scenario, problems, locate = check_source_located(raw, name)
    if scenario is None or locate is None:
        raise ScenarioError(problems)
    entry = {"format": FORMAT, "engine": engine_digest(),
             "files": [[file, _sha(data)] for file, data in locate.sources.raw.items()],
             "digest": scenario.sha256, "data": scenario.source}
    try:
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False).encode("utf-8")
        if identical(orjson.loads(text)["data"], scenario.source):
            path = entry_path(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, text)
    except (OSError, ValueError, TypeError, orjson.JSONDecodeError):
        pass  # kept next time, or never: the game plays the same either way
    return scenario


#: The child: this package's own folder on its path (an installed game's is there already,
#: a checkout's may not be), nothing from the environment's Python settings.
CHILD = ("import sys; root = sys.argv[1]; root in sys.path or sys.path.insert(0, root); "
         "from sim.storage.scenario_cache import main; raise SystemExit(main(sys.argv[2:]))")


def _compile_in_child(names: list[str]) -> None:
    """Have a child process read, check and keep ``names`` (quietly: a failure only means
    the game reads them itself)."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run([sys.executable, "-I", "-c", CHILD, str(ENGINE_DIR.parent.parent),
                        *names], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=CHILD_SECONDS, check=False)


def _compile_here(name: str, raw: bytes) -> Scenario | ScenarioError:
    """Read and check the scenario in this process: it, or the ``ScenarioError`` of its
    problems, exactly as ``load_scenario`` says them."""
    try:
        return compile_and_keep(name, raw)
    except ScenarioError as error:
        return error


def load_many(paths: list[str | os.PathLike[str]]) -> list[Scenario | ScenarioError]:
    """Each scenario (or the ``ScenarioError`` saying why it can't be played), as
    ``load_scenario`` gives it, from its kept copy where that is fresh."""
    names = [str(path) for path in paths]
    raws: dict[str, bytes] = {}
    found: dict[str, Scenario | ScenarioError] = {}
    for name in names:
        raw, problems = read_source(name)
        if raw is None:
            found[name] = ScenarioError(problems)
        elif (kept := _kept(name, raw)) is not None:
            found[name] = kept
        else:
            raws[name] = raw
    if raws:
        _compile_in_child(list(raws))
    for name, raw in raws.items():
        found[name] = _kept(name, raw) or _compile_here(name, raw)
    return [found[name] for name in names]


def load(path: str | os.PathLike[str]) -> Scenario:
    """``load_scenario(path)``, from its kept copy where that is fresh."""
    (result,) = load_many([path])
    if isinstance(result, ScenarioError):
        raise result
    return result


def main(argv: list[str]) -> int:
    """The child: read, check and keep each named scenario."""
    for name in argv:
        raw, _ = read_source(name)
        try:
            if raw is not None:
                compile_and_keep(name, raw)
        except Exception:  # the parent reads any file that failed here itself
            continue
    return 0
