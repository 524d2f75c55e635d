"""TUI benchmarks: startup to the title screen's first frame, and peak memory over a full day.

Run with ``.venv/bin/python -m bench.startup``. Startup is a ratio to a minimal Textual app
measured in the same run (goal: at most 1.3x); memory is the peak resident size of a process
that plays a whole bundled day through the office screen, next to a minimal app's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Both children print "frame" right after their first screen has been rendered, then exit.
MINIMAL = """
import sys
from textual.app import App, ComposeResult
from textual.widgets import Static

class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Static("hello")
    def on_mount(self) -> None:
        self.call_after_refresh(self.signal)
    def signal(self) -> None:
        sys.stdout.write("frame\\n"); sys.stdout.flush(); self.exit()

Minimal().run(headless=True)
"""

GAME = """
import sys
from textual.app import App
_run = App.run
def run(self, *args, **kwargs):
    kwargs["headless"] = True
    return _run(self, *args, **kwargs)
App.run = run
import sim.tui.screens.title as title
_mount = title.TitleScreen.on_mount
def on_mount(self):
    _mount(self)
    def signal():
        sys.stdout.write("frame\\n"); sys.stdout.flush(); self.app.exit()
    self.call_after_refresh(signal)
title.TitleScreen.on_mount = on_mount
from sim.cli import main
sys.argv = ["practice-sim"]
main()
"""

# Plays a bundled scenario's best action file through the office screen, turn-based.
DAY = """
import asyncio, json, resource, sys
from pathlib import Path
from sim.engine import load_scenario
from sim.engine.actions import parse_actions
from sim.tui.app import make_app

path = Path(sys.argv[1])
scenario = load_scenario(path)
actions = parse_actions(path.with_suffix(".best.actions").read_text())

async def main():
    app = make_app(scenario=scenario, turn_based=True)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("enter")
        office = app.screen
        for action in actions:
            office.act(str(action) if action.at is None else
                       f"{action.at // 60:02d}:{action.at % 60:02d} {action}")
            await pilot.pause()
        if not office.sim.is_over:
            office.act(f"wait {scenario.end - office.sim.clock}")
        await pilot.pause()
        await pilot.press("enter")  # "See your debrief"
        kind = type(app.screen).__name__
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"screen": kind, "peak_kib": peak, "actions": len(actions)}))

asyncio.run(main())
"""

MINIMAL_MEMORY = """
import asyncio, json, resource
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

async def main():
    async with Minimal().run_test(size=(160, 50)) as pilot:
        await pilot.pause()
    print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))

asyncio.run(main())
"""


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PRACTICE_SIM_HOME"] = str(home / "home")
    env["PRACTICE_SIM_SAVES"] = str(home / "saves")
    env["PYTHONPATH"] = str(ROOT)
    return env


def time_to_frame(code: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``python -c code`` to its "frame" line."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=30)
    if line.strip() != "frame":
        raise RuntimeError("the child never drew its first frame")
    return elapsed


def largest_bundled() -> Path:
    """The biggest bundled scenario that has a best action file."""
    candidates = [p for p in (ROOT / "scenarios").glob("*.yaml")
                  if p.with_suffix(".best.actions").exists()]
    return max(candidates, key=lambda p: p.stat().st_size)


def run_json(code: str, env: dict[str, str], *args: str) -> dict[str, object]:
    """Run ``code`` in a child and parse the JSON it prints last."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="startups of each app (default 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "home").mkdir()
        (home / "home" / "settings.json").write_text('{"name": "bench"}')
        env = _env(home)
        time_to_frame(MINIMAL, env)  # warm the file cache for both
        time_to_frame(GAME, env)
        minimal, game = [], []
        for _ in range(args.runs):  # interleaved, so background load hits both alike
            minimal.append(time_to_frame(MINIMAL, env))
            game.append(time_to_frame(GAME, env))
        m, g = statistics.median(minimal), statistics.median(game)
        print(f"startup to first frame (median of {args.runs}): minimal Textual app "
              f"{m * 1000:.0f} ms, practice-sim title screen {g * 1000:.0f} ms, "
              f"ratio {g / m:.2f}x (goal <= 1.3x)")
        scenario = largest_bundled()
        day = run_json(DAY, env, str(scenario))
        base = run_json(MINIMAL_MEMORY, env)
        print(f"peak memory over a full day of {scenario.stem} ({day['actions']} actions, "
              f"ended on {day['screen']}): {int(day['peak_kib']) / 1024:.1f} MiB "
              f"(minimal Textual app under the same test driver: "
              f"{int(base['peak_kib']) / 1024:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
