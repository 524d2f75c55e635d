"""Equal-valued runs, items or people never share a lifecycle: nothing is bound, each is fired."""

from __future__ import annotations

import pytest

from sim.catalog import bundled_dir
from sim.engine import load_scenario
from sim.engine.machines import Lifecycle, make_machine
from sim.engine.replay import run_actions_file
from sim.engine.state import EncounterRun


@pytest.mark.parametrize(
    ("scenario_id", "actions"),
    [
        # A walk-in delegated while its conversation stands at the start, then the next walk-in
        # of the same kind: both runs are parked at the same node.
        ("monday-rush", "08:27 attend out_of_pills-1\ndelegate out_of_pills-1 hana\n"
                        "08:44 attend out_of_pills-2\nchoose bridge_and_book\n"),
        # A walk-in on hold, then the next one of its kind.
        ("full-day", "10:00 attend walk_in-1\nhold\n10:57 attend walk_in-2\nchoose we_will_try\n"),
    ],
)
def test_issue_reproductions_play_to_the_close(scenario_id: str, actions: str) -> None:
    scenario = load_scenario(bundled_dir() / f"{scenario_id}.yaml")
    result = run_actions_file(scenario, actions)
    assert result.day["over"] and 0 <= result.score <= 100


def test_equal_valued_models_each_move_on_their_own() -> None:
    lifecycle = Lifecycle(make_machine({"states": ["a", "b"], "initial": "a",
                                        "transitions": [{"trigger": "go", "source": "a",
                                                         "dest": "b"}]}, attribute="node"))
    first, second = EncounterRun("a"), EncounterRun("a")
    assert first == first and lifecycle.fire(second, "go")
    assert (first.node, second.node) == ("a", "b")
