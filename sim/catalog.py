"""Where scenarios live: the bundled library and ``./scenarios`` in the current folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine is imported when a scenario is loaded
    from sim.engine import Scenario, ScenarioError

PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    """The bundled scenarios: inside the installed package, or the repository's scenarios/."""
    installed = PACKAGE_DIR / "scenarios"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "scenarios"


def search_dirs() -> list[Path]:
    """Folders searched for scenarios by id: ./scenarios first, then the bundled library."""
    local = Path.cwd() / "scenarios"
    dirs = [bundled_dir()]
    if local.is_dir() and local.resolve() != dirs[0].resolve():
        dirs.insert(0, local)
    return dirs


@dataclass(frozen=True)
class Entry:
    """A scenario file found in the catalog, loaded or with the reason it failed."""

    path: Path
    source: str  # "bundled" or "local"
    scenario: Scenario | None
    error: ScenarioError | None = None


def scenario_files() -> list[tuple[Path, str]]:
    """Every scenario file in the search folders (a local file shadows a bundled one)."""
    seen: set[str] = set()
    found = []
    bundled = bundled_dir().resolve()
    for folder in search_dirs():
        source = "bundled" if folder.resolve() == bundled else "local"
        for path in sorted(folder.glob("*.yaml")):
            if path.stem not in seen:
                seen.add(path.stem)
                found.append((path, source))
    return found


def load(path: str | Path) -> Scenario:
    """The scenario in ``path`` to play (``ScenarioError`` if it can't be played), from its
    checked copy when the file hasn't changed since it was last read."""
    from sim.storage.scenario_cache import load as load_kept

    return load_kept(path)


def entries() -> list[Entry]:
    """Load every scenario in the catalog, keeping broken ones with their errors."""
    from sim.engine.problems import ScenarioError
    from sim.storage.scenario_cache import load_many

    files = scenario_files()
    result = []
    for (path, source), loaded in zip(files, load_many([path for path, _ in files]),
                                      strict=True):
        if isinstance(loaded, ScenarioError):
            result.append(Entry(path, source, None, loaded))
        else:
            result.append(Entry(path, source, loaded))
    return result


def resolve(name: str) -> Path:
    """A scenario path from a path or an id; ``FileNotFoundError`` says what exists."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise FileNotFoundError(f"{name}: no such file")
        return path
    for candidate, _ in scenario_files():
        if candidate.stem == name:
            return candidate
    loaded = entries()
    for entry in loaded:  # a file whose id differs from its name (list shows the id)
        if entry.scenario is not None and entry.scenario.id == name:
            return entry.path
    known = ", ".join(_names(loaded)) or "none"
    raise FileNotFoundError(f"no scenario '{name}' (known: {known})")


def _names(loaded: list[Entry]) -> list[str]:
    """Every name ``resolve`` accepts (file names and, where they differ, ids) of the
    catalog's ``loaded`` entries."""
    names = []
    for entry in loaded:
        names.append(entry.path.stem)
        if entry.scenario is not None and entry.scenario.id != entry.path.stem:
            names.append(entry.scenario.id)
    return names
