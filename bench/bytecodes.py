"""A timing-free measure of a replay: Python bytecodes executed and Python calls made.

Run: .venv/bin/python -m bench.bytecodes [--top N]

One replay of the bundled full-day's best play (to the close) under ``sys.settrace`` with
opcode events. The count is the same on every run and under any load, so it shows whether a
change made the replay do less even when the box's timings move more than the change; it
doesn't weigh a builtin call (a C function) against a bytecode, so confirm with
``bench.engine`` or ``bench.compare``. ``--top N`` lists the N functions executing most.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from types import FrameType
from typing import Any

from sim import catalog
from sim.engine import load_scenario, play, replay_record, score
from sim.engine.actions import parse_actions


def replay() -> Callable[[], object]:
    """A replay of full-day's best play, warmed once (its caches filled, as in a session)."""
    path = catalog.resolve("full-day")
    scenario = load_scenario(path)
    actions = parse_actions(path.with_suffix(".best.actions").read_text(encoding="utf-8"))
    record = score(play(scenario, actions)).replay

    def run() -> object:
        return replay_record(scenario, record["seed"], record["actions"], finish=True)

    run()
    return run


def count(run: Callable[[], object]) -> tuple[Counter[str], Counter[str]]:
    """Bytecodes and calls of one ``run()``, per function (``file:function``)."""
    codes: Counter[str] = Counter()
    calls: Counter[str] = Counter()

    def on_call(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        name = f"{frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.f_code.co_name}"
        calls[name] += 1
        frame.f_trace_opcodes, frame.f_trace_lines = True, False

        def on_opcode(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
            if event == "opcode":
                codes[name] += 1
            return on_opcode

        return on_opcode

    sys.settrace(on_call)
    try:
        run()
    finally:
        sys.settrace(None)
    return codes, calls


def main() -> int:
    """Print the counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=0, help="list the N busiest functions")
    args = parser.parse_args()
    codes, calls = count(replay())
    total = sum(codes.values())
    print(f"one full-day replay: {total} bytecodes, {sum(calls.values())} Python calls")
    for name, executed in codes.most_common(args.top):
        print(f"{executed:8d} {100 * executed / total:5.1f}%  {calls[name]:5d} calls  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
