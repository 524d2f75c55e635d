"""Fixtures for the authoring tests: the starter scenario (lint-clean) and ways to mutate it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sim.authoring.lint import check_file
from sim.authoring.scaffold import scaffold
from sim.engine.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    """A fresh `practice-sim new starter` scenario in a temporary folder."""
    return scaffold("starter", tmp_path / "scenarios")[0]


Mutate = Callable[..., list[Problem]]


@pytest.fixture
def mutate(starter: Path) -> Mutate:
    """Apply (old, new) text replacements to the starter, then return its problems."""

    def apply(*edits: tuple[str, str]) -> list[Problem]:
        text = starter.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"the starter no longer contains {old!r}"
            text = text.replace(old, new, 1)
        starter.write_text(text, encoding="utf-8")
        return check_file(starter)

    return apply


def rules(problems: list[Problem]) -> set[str]:
    """The rule names of the warnings (``... [rule]``)."""
    return {p.message.rsplit("[", 1)[1].rstrip("]") for p in problems
            if p.severity == "warning"}
