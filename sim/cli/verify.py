"""``practice-sim verify RESULT...``: replay result files and accept only exact matches."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sim import catalog
from sim.cli.common import error, out, seed_arg
from sim.engine import Scenario, ScenarioError, load_scenario
from sim.storage.results import Verdict, load_result, verify
from sim.storage.safe import printable
from sim.storage.saves import SaveError

HELP = "verify result files by replaying them against the scenario"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("results", nargs="+", metavar="RESULT", help="result files")
    parser.add_argument("--scenario", metavar="ID_OR_PATH",
                        help="the scenario to verify against (default: the bundled scenario "
                             "with the result's id; never a file in ./scenarios)")
    parser.add_argument("--seed", type=seed_arg, help="reject results not played with this seed")
    parser.add_argument("--json", action="store_true", help="one JSON object per result")


#: What a result file says that its replay can't prove: shown, exported, never trusted.
SELF_REPORTED = ("player", "mode", "timing", "saved_at", "played_seconds")


def bundled_path(scenario_id: str) -> Path:
    """The bundled library's file for ``scenario_id``; ``FileNotFoundError`` with what to do.

    Only the bundled library: a ``./scenarios`` file of the same id (anyone can write one) is
    never what a verdict rests on unless ``--scenario`` names it."""
    folder = catalog.bundled_dir()
    for path in sorted(folder.glob("*.yaml")):
        if path.stem == scenario_id:
            return path
    raise FileNotFoundError(f"'{scenario_id}' is not a bundled scenario: verify it against its "
                            "file with --scenario PATH")


class ScenarioCache:
    """Scenarios by id (bundled) or by the ``--scenario`` override, each loaded once."""

    def __init__(self, override: str | None = None):
        self.override = override
        self.loaded: dict[str, Scenario | str] = {}

    def get(self, scenario_id: str) -> Scenario | str:
        """The scenario, or why it can't be had."""
        name = self.override or scenario_id
        if name not in self.loaded:
            try:
                path = catalog.resolve(name) if self.override else bundled_path(name)
                self.loaded[name] = load_scenario(path)
            except FileNotFoundError as exc:
                self.loaded[name] = str(exc)
            except ScenarioError as exc:
                self.loaded[name] = f"the scenario doesn't load: {exc}"
        return self.loaded[name]


def basis(scenario: Scenario | str) -> tuple[str, str] | None:
    """The file a verdict rests on and its sha256 (``None`` without a scenario)."""
    if isinstance(scenario, str):
        return None
    return str(Path(scenario.path).resolve()) if scenario.path else "(unknown)", scenario.sha256


def check(path: str, scenarios: ScenarioCache, seed: int | None) -> tuple[Verdict, Any]:
    """Verify one result file; returns the verdict and the loaded result (or ``None``)."""
    try:
        result = load_result(path)
    except SaveError as exc:
        return Verdict(False, exc.reason, exc.kind), None
    scenario = scenarios.get(result.save.scenario_id)
    if isinstance(scenario, str):
        return Verdict(False, scenario, "scenario_missing"), result
    return verify(result, scenario, seed=seed), result


def run(args: argparse.Namespace) -> int:
    """Print a verdict per result (rejections on stderr); exit 0 only if every one verified."""
    scenarios = ScenarioCache(args.scenario)
    failures = 0
    for path in args.results:
        verdict, result = check(path, scenarios, args.seed)
        failures += not verdict.ok
        standing = verdict.standing
        against = basis(scenarios.get(result.save.scenario_id)) if result else None
        if args.json:
            print(json.dumps({"path": path, "ok": verdict.ok, "kind": verdict.kind,
                              "reason": verdict.reason,
                              "player": result.save.player if result else None,
                              "engine_version": result.save.engine_version if result else None,
                              "claimed_engine_score": verdict.recomputed["score"]
                              if verdict.ok and verdict.recomputed else None,
                              "score": standing["score"] if standing else None,
                              "scenario_file": against[0] if against else None,
                              "scenario_sha256": against[1] if against else None,
                              "self_reported": list(SELF_REPORTED)}))
            continue
        if verdict.ok:
            out(f"{path}: OK {printable(result.save.player)}: {verdict.reason}")
        else:
            error(f"{path}: REJECTED ({verdict.kind}): {verdict.reason}")
        if against:
            (out if verdict.ok else error)(f"  against {against[0]} (sha256 {against[1]})")
        if verdict.ok:
            out(f"  self-reported, not proved by the replay: {', '.join(SELF_REPORTED)}")
    return 1 if failures else 0
