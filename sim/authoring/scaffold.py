"""``new ID``: a small, valid, commented scenario with a best and a poor action file."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from string import Template

from sim.authoring.schemafile import SCHEMA_DIR, SCHEMA_FILE, write_schemas
from sim.engine.schema import SLUG

TEMPLATES = ("scenario.yaml", "best.actions", "poor.actions")


class ScaffoldError(Exception):
    """The scenario can't be created (a bad id, or files that already exist)."""


def _template(name: str) -> Template:
    return Template(resources.files("sim.authoring").joinpath("templates", name)
                    .read_text(encoding="utf-8"))


def title_for(scenario_id: str) -> str:
    """A readable title from an id: ``late-tuesday`` -> ``Late tuesday``."""
    words = scenario_id.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def targets(scenario_id: str, folder: str | os.PathLike[str]) -> list[Path]:
    """The scenario file and its two action files."""
    base = Path(folder)
    return [base / f"{scenario_id}.yaml", base / f"{scenario_id}.best.actions",
            base / f"{scenario_id}.poor.actions"]


def scaffold(scenario_id: str, folder: str | os.PathLike[str] = "scenarios",
             force: bool = False) -> list[Path]:
    """Write ``ID.yaml``, ``ID.best.actions`` and ``ID.poor.actions`` (and the schema files
    editors use, when missing) into ``folder``; return the files written."""
    if not SLUG.match(scenario_id):
        raise ScaffoldError(f"'{scenario_id}' is not a valid id: use lowercase letters, digits, "
                            "_ and -, starting with a letter or digit")
    files = targets(scenario_id, folder)
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise ScaffoldError(f"{', '.join(existing)} already exist(s); pick another id or "
                            "use --force to overwrite")
    Path(folder).mkdir(parents=True, exist_ok=True)
    values = {"id": scenario_id, "title": title_for(scenario_id), "path": str(files[0]),
              "best": str(files[1])}
    for path, name in zip(files, TEMPLATES, strict=True):
        path.write_text(_template(name).substitute(values), encoding="utf-8")
    written = list(files)
    if not (Path(folder) / SCHEMA_DIR / SCHEMA_FILE).exists():
        written += write_schemas(folder)
    return written
