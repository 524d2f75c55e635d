"""A save writer for the kill test: writes saves in a loop until it is killed.

Usage: python writer.py SCENARIO ACTIONS FOLDER. Prints "ready" once every file exists.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sim.engine import load_scenario, parse_actions, play
from sim.storage.saves import write_save


def main() -> None:
    """Alternate two different days into one named save and the autosave slots, forever."""
    scenario = load_scenario(sys.argv[1])
    actions = parse_actions(Path(sys.argv[2]).read_text(encoding="utf-8"))
    folder = Path(sys.argv[3])
    days = [play(scenario, actions[:count], finish=False) for count in (3, len(actions))]
    turn = 0
    while True:
        sim = days[turn % 2]
        write_save(sim, player="Ann", mode="turn-based", played_seconds=turn, name="slot",
                   directory=folder)
        write_save(sim, player="Ann", mode="turn-based", played_seconds=turn, autosave=True,
                   directory=folder)
        turn += 1
        if turn == 3:
            print("ready", flush=True)


if __name__ == "__main__":
    main()
