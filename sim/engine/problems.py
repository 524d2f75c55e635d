"""Problems found in a scenario file, reported as ``FILE:LINE:COL: message``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, located in a file (line and column are 1-based; 0 = unknown)."""

    file: str
    line: int
    column: int
    message: str
    severity: str = "error"
    hint: str = field(default="", compare=False)

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        text = f"{self.file}:{self.line}:{self.column}: {prefix}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ScenarioError(Exception):
    """A scenario could not be loaded; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ActionError(Exception):
    """An action that the rules do not allow right now; the simulation is unchanged."""
