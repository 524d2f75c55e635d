"""Helpers shared by the subcommands."""

from __future__ import annotations

from sim import catalog
from sim.engine import Scenario, ScenarioError, load_scenario


def load_scenario_arg(name: str) -> Scenario | None:
    """Load a scenario named by id or path; on failure print why and return ``None``."""
    try:
        return load_scenario(catalog.resolve(name))
    except FileNotFoundError as exc:
        print(f"practice-sim: {exc}")
    except ScenarioError as exc:
        print(exc)
    return None
