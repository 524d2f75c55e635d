"""Continuing a saved day: load the save, rejoin its cohort if it was a cohort's, replay it on
its scenario (asking first if the scenario changed since) and open the office."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.tui.options import PlayOptions

if TYPE_CHECKING:
    from sim.engine import Scenario
    from sim.tui.navigation import Navigator


def resume_save(app: Navigator, path: Path) -> None:
    """Load a save and continue its day in its timing and mode (asking first if the
    scenario changed since). A cohort day's save rejoins its cohort first."""
    from sim.storage.saves import SaveError, load_save

    try:
        save = load_save(path)
    except SaveError as exc:
        app.notify(f"Can't load this save: {exc.reason}", severity="error", markup=False)
        return
    if save.cohort:  # the store may be slow: look the cohort up in a worker
        app.run_worker(partial(_rejoin, app, save), thread=True, group="rejoin",
                       exit_on_error=False)
        return
    _resume_ordinary(app, save)


def _rejoin(app: Navigator, save: Any) -> None:
    """Worker: the cohort of a cohort day's save (``None`` and why, if it can't be had)."""
    from sim.storage.cohorts.play import join

    try:
        day, problem = join(save.cohort, app.db, app.saves_dir), ""
    except Exception as exc:  # unknown code, no store and no cached copy, scenario gone
        day, problem = None, str(exc)
    app.call_from_thread(_rejoined, app, save, day, problem)


def _rejoined(app: Navigator, save: Any, day: Any, problem: str) -> None:
    if day is not None and day.scenario.id == save.scenario_id:
        _resume(app, save, day.scenario, PlayOptions.for_cohort(day))
        return
    app.notify(f"This day was played for cohort {save.cohort}, which can't be joined now "
               f"({problem or 'another scenario'}): it goes on as an ordinary day, and its "
               "result file can be submitted with practice-sim cohort submit later.",
               severity="warning", markup=False, timeout=15)
    save.cohort = None
    _resume_ordinary(app, save)


def _resume_ordinary(app: Navigator, save: Any) -> None:
    """Continue a loaded save as an ordinary day, in its own timing and mode."""
    from sim.engine import ScenarioError

    try:
        scenario = find_scenario(save.scenario_id)
    except (FileNotFoundError, ScenarioError) as exc:
        app.notify(f"Can't load this save's scenario: {exc}", severity="error", markup=False)
        return
    _resume(app, save, scenario, replace(
        app.options, seed=save.seed, coaching=save.mode == "coaching",
        turn_based=save.timing == "turn-based"))


def _resume(app: Navigator, save: Any, scenario: Scenario, options: PlayOptions) -> None:
    """Replay ``save`` on ``scenario`` and open the office (or say why not)."""
    from sim.storage.saves import SaveError, restore
    from sim.tui.screens.dialogs import ConfirmDialog

    def resume(as_far_as_it_goes: bool) -> None:
        try:
            sim = restore(save, scenario, partial=as_far_as_it_goes)
        except SaveError as exc:
            if exc.kind == "scenario_changed" and not as_far_as_it_goes:
                app.push_screen(ConfirmDialog(
                    "This scenario changed since the save", exc.reason,
                    yes="Replay as far as it goes", no="Cancel"),
                    lambda ok: resume(True) if ok else None)
                return
            app.notify(f"Can't load this save: {exc.reason}", severity="error", markup=False)
            return
        if sim.is_over:
            app.show_briefing(scenario, options)
            app.notify("That day was already over: here is a fresh start.", markup=False)
            return
        app.open_office(sim, options, played_seconds=save.played_seconds, paused=True)

    resume(False)


def find_scenario(scenario_id: str) -> Scenario:
    """The catalog's scenario with this id (its file is normally named after it)."""
    from sim import catalog

    try:
        return catalog.load(catalog.resolve(scenario_id))
    except FileNotFoundError:
        for entry in catalog.entries():
            if entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry.scenario
        raise
