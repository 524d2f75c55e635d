"""Equal-valued runs, items or people never share a lifecycle: nothing is bound, each is fired."""

from __future__ import annotations

import pytest

from sim.catalog import bundled_dir
from sim.engine import load_scenario
from sim.engine.machines import Lifecycle, make_machine
from sim.engine.replay import run_actions_file
from sim.engine.state import EncounterRun
from tests import corpus


@pytest.mark.parametrize(
    ("scenario_id", "actions"),
    [
        # A walk-in delegated while its conversation stands at the start, then the next walk-in
        # of the same kind: both runs are parked at the same node (monday-rush as it was).
        ("corpus:monday-rush", "wait 50\nattend out_of_pills-1\ndelegate out_of_pills-1 "
                               "keisha\nwait 30\nattend out_of_pills-2\nchoose bridge_and_book\n"),
        # A walk-in on hold, then the next one of its kind (full-day as it was when the bug was
        # found: today's full-day has no repeated walk-ins, so the pinned copy is played).
        ("corpus:full-day", "10:00 attend walk_in-1\nhold\n10:57 attend walk_in-2\n"
                            "choose we_will_try\n"),
    ],
)
def test_issue_reproductions_play_to_the_close(scenario_id: str, actions: str) -> None:
    folder = corpus.SCENARIOS if scenario_id.startswith("corpus:") else bundled_dir()
    scenario = load_scenario(folder / f"{scenario_id.removeprefix('corpus:')}.yaml")
    result = run_actions_file(scenario, actions)
    assert result.day["over"] and 0 <= result.score <= 100


def test_equal_valued_models_each_move_on_their_own() -> None:
    lifecycle = Lifecycle(make_machine({"states": ["a", "b"], "initial": "a",
                                        "transitions": [{"trigger": "go", "source": "a",
                                                         "dest": "b"}]}, attribute="node"))
    first, second = EncounterRun("a"), EncounterRun("a")
    assert first == first and lifecycle.fire(second, "go")
    assert (first.node, second.node) == ("a", "b")
