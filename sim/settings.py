"""The player's settings: display name and best scores, in one small JSON file.

Location: ``$PRACTICE_SIM_HOME/settings.json`` if that variable is set, otherwise
``~/.config/practice-sim/settings.json``. A missing or unreadable file means defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_VAR = "PRACTICE_SIM_HOME"
MAX_NAME = 40
MAX_CODE = 32


def settings_path() -> Path:
    """Where the settings file lives."""
    home = os.environ.get(ENV_VAR)
    folder = Path(home) if home else Path.home() / ".config" / "practice-sim"
    return folder / "settings.json"


def clean_name(text: str) -> str:
    """A display name as stored: printable characters only, trimmed, at most ``MAX_NAME``."""
    printable = "".join(ch for ch in text if ch.isprintable())
    return " ".join(printable.split())[:MAX_NAME]


@dataclass
class Settings:
    """What the game remembers between runs."""

    name: str = ""
    best: dict[str, float] = field(default_factory=dict)  # scenario id -> best score
    last_cohort: str = ""  # the join code last looked up or played, offered next time
    high_contrast: bool = False  # the high-contrast theme (also $PRACTICE_SIM_CONTRAST=1)

    def record_score(self, scenario_id: str, value: float) -> bool:
        """Remember ``value`` if it beats the best so far; True when it does."""
        if value > self.best.get(scenario_id, float("-inf")):
            self.best[scenario_id] = value
            return True
        return False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"name": self.name, "best": dict(self.best), "last_cohort": self.last_cohort,
                "high_contrast": self.high_contrast}


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; defaults when the file is missing or broken."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    name = data.get("name")
    best = data.get("best")
    last_cohort = data.get("last_cohort")
    return Settings(
        name=clean_name(name) if isinstance(name, str) else "",
        best={str(k): float(v) for k, v in best.items() if isinstance(v, (int, float))}
        if isinstance(best, dict) else {},
        last_cohort=clean_name(last_cohort)[:MAX_CODE] if isinstance(last_cohort, str) else "",
        high_contrast=data.get("high_contrast") is True,
    )


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings (atomically: a temporary file, then a rename)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(settings.to_dict(), indent=1, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    os.replace(temp, path)
    return path
