"""Snapshots at 80x24 with the bundled library's longest texts (turn-based, fixed seeds).

Orientation's first question is the library's longest node (its text and choices, found by
``longest_node`` below over every bundled best and poor play); audit-day has the longest
names; monday-rush's poor play has the longest debrief. Update with
``pytest tests/tui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import catalog
from sim.engine import Simulation, load_scenario
from sim.engine.actions import parse_actions

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"
SMALL = (80, 24)


def longest_node() -> tuple[str, int]:
    """The (scenario, actions before it) of the longest question any bundled play meets."""
    best = (0, "", 0)
    for path in sorted(LIBRARY.glob("*.yaml")):
        scenario = load_scenario(path)
        for kind in ("best", "poor"):
            actions = parse_actions((LIBRARY / f"{scenario.id}.{kind}.actions").read_text())
            sim = Simulation(scenario)
            sim.start()
            for index, action in enumerate(actions, start=1):
                sim.apply(action)
                node = sim.node()
                if sim.focus is not None and node is not None:
                    size = len(sim.render(node.text, sim.focus)) + sum(
                        len(c.text) for c in sim.available_choices())
                    if size > best[0]:
                        best = (size, scenario.id, index)
    return best[1], best[2]


@pytest.fixture
def library(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real bundled library in the catalog."""
    monkeypatch.setattr(catalog, "bundled_dir", lambda: LIBRARY)


def test_the_longest_question_is_orientations_first() -> None:
    assert longest_node() == ("orientation", 1)


@pytest.mark.parametrize("keys", [pytest.param(["enter", "enter"], id="top"),
                                  pytest.param(["enter", "enter", "end"], id="end")])
def test_longest_question(snap_compare, build, named, library, keys) -> None:
    app = build(scenario=load_scenario(LIBRARY / "orientation.yaml"), turn_based=True)
    assert snap_compare(app, press=keys, terminal_size=SMALL)


def test_picker_with_the_library(snap_compare, build, named, library) -> None:
    assert snap_compare(build(), press=["enter"], terminal_size=SMALL)


def test_longest_names(snap_compare, build, named, library) -> None:
    app = build(scenario=load_scenario(LIBRARY / "audit-day.yaml"), turn_based=True)
    assert snap_compare(app, press=["enter", "enter"], terminal_size=SMALL)


def test_longest_debrief(snap_compare, build, named, library, frozen) -> None:
    scenario = load_scenario(LIBRARY / "monday-rush.yaml")
    actions = parse_actions((LIBRARY / "monday-rush.poor.actions").read_text())

    async def play_poorly(pilot) -> None:
        from sim.engine import play
        from sim.tui.options import PlayOptions

        sim = play(scenario, actions)
        app = pilot.app
        app.show_debrief(sim, PlayOptions(turn_based=True), 95.0)
        await pilot.pause()

    assert snap_compare(build(), run_before=play_poorly, terminal_size=SMALL)


def test_office_help(snap_compare, build, named, library) -> None:
    app = build(scenario=load_scenario(LIBRARY / "monday-rush.yaml"), turn_based=True)
    assert snap_compare(app, press=["enter", "question_mark"], terminal_size=SMALL)
