"""Load a scenario file: read YAML, check its shape and meaning, build the model."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sim.engine.building import build_scenario
from sim.engine.checks import SemanticChecker
from sim.engine.files import read_source
from sim.engine.includes import Locator, Sources, expand_includes
from sim.engine.model import Scenario
from sim.engine.problems import Problem, ScenarioError
from sim.engine.schema import SCENARIO
from sim.engine.speccheck import check, describe, normalize
from sim.engine.yamlsafe import Document, read_yaml


def check_source(raw: bytes, filename: str) -> tuple[Scenario | None, list[Problem]]:
    """Check scenario bytes; return the scenario (when there are no errors) and all problems."""
    scenario, problems, _ = check_source_located(raw, filename)
    return scenario, problems


def check_source_located(
    raw: bytes, filename: str,
) -> tuple[Scenario | None, list[Problem], Locator | None]:
    """Like :func:`check_source`, plus a :class:`Locator` for the merged data's paths.

    The locator (``None`` when the file is not readable YAML) maps any path of the scenario
    data, included files' content too, to its file, line and column; its ``files`` lists
    every file read.
    """
    doc, problems = read_yaml(raw, filename)
    if doc is None:
        return None, problems, None
    sources = Sources(filename)
    sources.add(filename, raw)
    locate = Locator(doc, sources)

    def report(path: tuple[Any, ...], message: str, hint: str = "", offset: int = 0) -> None:
        file, line, column = locate(path, offset)
        problems.append(Problem(file, line, column, message, hint=hint))

    data = doc.data
    if not isinstance(data, dict):
        report((), "a scenario is a mapping of keys (format:, id:, title: ...)",
               "start from `practice-sim new ID`")
        return None, problems, locate
    version = data.get("format")
    if version not in (1, None):
        if isinstance(version, int | float) and not isinstance(version, bool) and version > 1:
            report(("format",), f"this file is format {version}; this version of Practice "
                   "Sim reads format 1", "upgrade Practice Sim to read it")
        else:
            report(("format",), f"format: must be the number 1, not {describe(version)}",
                   "write format: 1" + (", without quotes" if isinstance(version, str) else ""))
        return None, problems, locate
    if "include" in data:
        locate, included = expand_includes(doc, sources)
        problems.extend(included)
    renames: list[tuple[tuple[Any, ...], Any, str]] = []
    check(SCENARIO, data, (), report, renames)
    _read_as_meant(doc, renames)
    normalize(SCENARIO, data)
    structural = bool(problems)
    try:
        SemanticChecker(data, report).run()
    except (KeyError, TypeError, AttributeError, ValueError):
        if not structural:
            raise
        # The shape is already wrong; meaning checks on broken data would only add noise.
    if problems:
        return None, problems, locate
    return build_scenario(data, sources.digest(), filename), problems, locate


def _read_as_meant(doc: Document, renames: list[tuple[tuple[Any, ...], Any, str]]) -> None:
    """Rename misspelt keys (already reported) to what they stand for, marks and all, so the
    meaning checks don't report what the misspelling implies (every encounter "missing")."""
    for path, wrong, right in renames:
        parent: Any = doc.data
        for part in path:
            parent = parent[part]
        parent[right] = parent.pop(wrong)
        size = len(path)
        for table in (doc.marks, doc.key_marks):
            for old in [p for p in table if p[:size + 1] == (*path, wrong)]:
                table[(*path, right, *old[size + 1:])] = table.pop(old)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Load and validate a scenario file; raises ``ScenarioError`` listing every problem."""
    raw, problems = read_source(path)
    if raw is None:
        raise ScenarioError(problems)
    scenario, problems = check_source(raw, str(path))
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def validate_file(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in a scenario file (an empty list means valid)."""
    raw, problems = read_source(path)
    if raw is None:
        return problems
    return check_source(raw, str(path))[1]


def scenario_id_from_path(path: str | os.PathLike[str]) -> str:
    """The id a scenario file's name suggests (``monday-rush.yaml`` -> ``monday-rush``)."""
    return Path(path).name.removesuffix(".yaml").removesuffix(".yml")


__all__ = [
    "Document",
    "build_scenario",
    "check_source",
    "check_source_located",
    "load_scenario",
    "read_source",
    "scenario_id_from_path",
    "validate_file",
]
