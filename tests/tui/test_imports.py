"""The TUI's import graph: the app composes the screens and nothing imports it back.

Only entry points (``sim/tui/__main__.py``, should there be one, and the CLI's modules, which
live outside ``sim/tui``) may import ``sim.tui.app``; screens, widgets and helpers reach the
app through :class:`sim.tui.navigation.Navigator`. Every import counts: at module level,
inside a function, or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parents[2] / "sim" / "tui"
APP = "sim.tui.app"
ENTRY_POINTS = {"__main__.py"}


def module_name(path: Path) -> str:
    """``sim.tui.screens.office`` for ``sim/tui/screens/office.py``."""
    parts = path.relative_to(TUI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, names in ``from`` imports
    included as modules (``from sim.tui import app`` imports ``sim.tui.app``)."""
    package = module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def upward(path: Path) -> bool:
    """True if the file at ``path`` imports the app."""
    return APP in imported(path.read_text(encoding="utf-8"), module_name(path))


def test_nothing_under_sim_tui_imports_the_app() -> None:
    offenders = [str(path.relative_to(TUI)) for path in sorted(TUI.rglob("*.py"))
                 if path.name not in ENTRY_POINTS and path != TUI / "app.py" and upward(path)]
    assert offenders == []


@pytest.mark.parametrize("source", [
    "from sim.tui.app import PracticeSimApp",
    "import sim.tui.app",
    "from sim.tui import app",
    "from .. import app",
    "from ..app import make_app",
    "def f():\n    from sim.tui.app import make_app",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sim.tui.app import X",
])
def test_the_check_sees_every_way_of_importing_the_app(source: str) -> None:
    assert APP in imported(source, "sim.tui.screens.office")


def test_the_check_leaves_other_imports_alone() -> None:
    assert APP not in imported("from sim.tui.navigation import Navigator\n"
                               "from textual.app import App", "sim.tui.screens.office")
