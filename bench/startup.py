"""TUI benchmarks through a real pseudo-terminal, against a minimal Textual app in the same run.

Run: .venv/bin/python -m bench.startup [--runs N] [--presses N] [--only PART] [--json]
(``--only keys`` measures the keypress figures alone, to iterate quickly; ``startup`` and
``memory`` the others.)

- Start-up: from spawning the process to the first painted frame that shows the title's
  greeting ("Hello, bench."), against a minimal app (one ``Static``) to its text; the two
  alternate, and each figure is the median of ``--runs`` (default 11) starts. The CPU
  seconds each process had used by that frame are reported too (a busy machine stretches
  the wall clock, hardly the CPU time).
- Keypress to repaint: in the office screen of full-day (turn-based, at 09:00 when several callers
  wait), the time from sending a key to the first byte of the repaint,
  against the same key in a minimal app (an ``OptionList`` and a ``Static`` each key updates):
  ``w`` (wait 5 minutes: the engine acts, every panel is redrawn), enter (attend the first
  caller: the conversation opens) and ``h`` (hold). Medians of ``--presses`` presses each,
  alternating between the apps.
- Peak memory: the peak resident size of a process that loads full-day as the game does and
  plays its best action file through the office screen to the debrief (Textual's test driver,
  160x50), against a minimal app under the same driver; twice from an empty cache folder
  (the scenario's first play, then a later one), the larger peak counted.

The game's bytecode is compiled first (as an installed game's and Textual's are).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent
GREETING = b"Hello,"

MINIMAL = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import OptionList, Static

class Minimal(App):
    BINDINGS = [("w", "tick", "Tick"), Binding("enter", "tick", "Tick", priority=True),
                ("h", "tick", "Tick")]
    count = 0
    def compose(self):
        yield Static("minimal-ready", id="text")
        yield OptionList(*[f"caller {n}" for n in range(6)])
    def on_mount(self):
        self.query_one(OptionList).focus()
    def action_tick(self):
        self.count += 1
        self.query_one("#text", Static).update(f"ticked {self.count}")

Minimal().run()
"""

# Plays a bundled scenario's best action file through the office screen, turn-based. The
# scenario is loaded as the game loads it (its checked copy, made by a child process the
# first time); Enter is sent as the terminal's parser sends it (Pilot.press would look the
# key's Unicode name up first, paging in a quarter MiB of the name table a player never uses).
DAY = """
import asyncio, json, resource, sys
from pathlib import Path
from textual import events
from sim import catalog
from sim.engine.actions import parse_actions
from sim.tui.app import make_app

try:
    load = catalog.load  # as the game loads it
except AttributeError:  # an engine from before checked copies (bench.compare --before)
    from sim.engine import load_scenario as load
path = Path(sys.argv[1])
scenario = load(path)
actions = parse_actions(path.with_suffix(".best.actions").read_text())

async def main():
    app = make_app(scenario=scenario, turn_based=True)
    async with app.run_test(size=(160, 50)) as pilot:
        async def enter():
            app.post_message(events.Key("enter", "\\r"))
            await pilot.pause()
        await enter()
        office = app.screen
        for action in actions:
            office.act(str(action) if action.at is None else
                       f"{action.at // 60:02d}:{action.at % 60:02d} {action}")
            await pilot.pause()
        if not office.sim.is_over:
            office.act(f"wait {scenario.end - office.sim.clock}")
        del office  # the driver's own reference would keep the office alive under the debrief
        await pilot.pause()
        for _ in range(3):  # "See your debrief" (after closing a dialog still open, if any)
            if type(app.screen).__name__ == "DebriefScreen":
                break
            await enter()
        kind = type(app.screen).__name__
        assert kind == "DebriefScreen", kind
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
    # An installed game loads its modules' bytecode, as Textual's (compiled when installed)
    # is loaded: a shell that sets this would make every run compile the game from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PRACTICE_SIM_HOME"] = str(home / "home")
    env["PRACTICE_SIM_SAVES"] = str(home / "saves")
    env.pop("PRACTICE_SIM_CACHE", None)  # the game's checked scenarios start empty
    env["PYTHONPATH"] = env.get("PYTHONPATH", str(Path.cwd()))
    return env


def startup(argv: list[str], marker: bytes, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning ``argv`` in a pty to ``marker`` on its screen, and the CPU
    seconds the program had used by then."""
    terminal = Terminal.spawn(argv, env, str(Path.cwd()))
    try:
        return terminal.wait_for(marker), terminal.cpu_seconds()
    finally:
        terminal.close()


def office(env: dict[str, str]) -> Terminal:
    """full-day's office screen, turn-based, at 09:00 (the queue has callers)."""
    terminal = Terminal.spawn([sys.executable, "-m", "sim", "play", "full-day",
                               "--turn-based"], env, str(Path.cwd()))
    try:
        terminal.wait_for(b"Start the day")
        terminal.settle()
        os.write(terminal.master, b"\r")
        terminal.wait_for("Team · morale".encode())  # the office's team panel
        for _ in range(12):  # an hour in: several callers wait
            terminal.press(b"w")
    except BaseException:  # never leave the game running behind a failed benchmark
        terminal.close()
        raise
    return terminal


def minimal_app(env: dict[str, str]) -> Terminal:
    """The minimal app, painted."""
    terminal = Terminal.spawn([sys.executable, "-c", MINIMAL], env, str(Path.cwd()))
    terminal.wait_for(b"minimal-ready")
    return terminal


def key_latency(env: dict[str, str], presses: int) -> dict[str, float]:
    """Median seconds from key to repaint, office and minimal app: ``w``, then attending the
    first caller (enter) and putting them back on hold (``h``)."""
    game, minimal = office(env), minimal_app(env)
    found: dict[str, list[float]] = {}
    try:
        for _ in range(presses):
            for key, name in ((b"w", "w"), (b"\r", "attend"), (b"h", "hold")):
                found.setdefault(f"office_{name}", []).append(game.press(key))
                found.setdefault(f"minimal_{name}", []).append(minimal.press(key))
    finally:
        game.close()
        minimal.close()
    return {name: statistics.median(times) for name, times in found.items()}


def run_json(code: str, env: dict[str, str], *args: str) -> dict[str, object]:
    """Run ``code`` in a child and parse the JSON it prints last."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, cwd=Path.cwd(), check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


PARTS = ("startup", "keys", "memory")


def start_times(env: dict[str, str], runs: int) -> dict[str, float]:
    """Median start-up of the title and of the minimal app, alternating, and their ratio."""
    game_argv = [sys.executable, "-m", "sim"]
    minimal_argv = [sys.executable, "-c", MINIMAL]
    startup(minimal_argv, b"minimal-ready", env)  # warm the file cache for both
    startup(game_argv, GREETING, env)
    minimal, game = [], []
    for _ in range(runs):  # alternating, so background load hits both alike
        minimal.append(startup(minimal_argv, b"minimal-ready", env))
        game.append(startup(game_argv, GREETING, env))
    found = {"minimal_start_s": statistics.median(wall for wall, _ in minimal),
             "game_start_s": statistics.median(wall for wall, _ in game),
             "minimal_start_cpu_s": statistics.median(cpu for _, cpu in minimal),
             "game_start_cpu_s": statistics.median(cpu for _, cpu in game)}
    found["start_ratio"] = found["game_start_s"] / found["minimal_start_s"]
    if found["minimal_start_cpu_s"]:  # the same work in CPU seconds: steady under load
        found["start_cpu_ratio"] = found["game_start_cpu_s"] / found["minimal_start_cpu_s"]
    return found


def figures(runs: int, presses: int, parts: tuple[str, ...] = PARTS) -> dict[str, float]:
    """The figures of ``parts`` (default: every figure of this benchmark)."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "home").mkdir()
        (home / "home" / "settings.json").write_text('{"name": "bench"}')
        env = _env(home)
        subprocess.run([sys.executable, "-m", "compileall", "-q", "sim"], env=env,
                       cwd=Path.cwd(), check=True, stdout=subprocess.DEVNULL)
        found: dict[str, float] = {}
        if "startup" in parts:
            found.update(start_times(env, runs))
        if "keys" in parts:
            found.update(key_latency(env, presses))
        if "memory" not in parts:
            return found
        scenario = str(ROOT / "scenarios" / "full-day.yaml")
        first = run_json(DAY, env, scenario)  # the cache is empty: its first play
        again = run_json(DAY, env, scenario)  # played again from its checked copy
        base = run_json(MINIMAL_MEMORY, env)
        found["game_first_peak_mib"] = int(first["peak_kib"]) / 1024  # type: ignore[call-overload]
        found["game_again_peak_mib"] = int(again["peak_kib"]) / 1024  # type: ignore[call-overload]
        found["game_peak_mib"] = max(found["game_first_peak_mib"], found["game_again_peak_mib"])
        found["minimal_peak_mib"] = int(base["peak_kib"]) / 1024  # type: ignore[call-overload]
        found["memory_ratio"] = found["game_peak_mib"] / found["minimal_peak_mib"]
    return found


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11, help="starts of each app (default 11)")
    parser.add_argument("--presses", type=int, default=15, help="presses of each key")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS),
                        help="only these figures (default: all)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    found = figures(args.runs, args.presses, tuple(args.only))
    if args.json:
        print(json.dumps(found))
        return 0
    ms = {k: v * 1000 for k, v in found.items() if k.endswith(("_s", "_w", "_attend", "_hold"))}
    if "startup" in args.only:
        print(f"start-up to the first painted frame, in a pty (median of {args.runs}, "
              f"alternating): practice-sim title {ms['game_start_s']:.0f} ms, minimal Textual "
              f"app {ms['minimal_start_s']:.0f} ms: {found['start_ratio']:.2f}x (goal <= 1.3x)")
        if "start_cpu_ratio" in found:
            print(f"  CPU seconds by then: {found['game_start_cpu_s'] * 1000:.0f} ms against "
                  f"{found['minimal_start_cpu_s'] * 1000:.0f} ms: {found['start_cpu_ratio']:.2f}x")
    if "keys" in args.only:
        for key in ("w", "attend", "hold"):
            print(f"key '{key}' to repaint (median of {args.presses}): office "
                  f"{ms[f'office_{key}']:.1f} ms, minimal app {ms[f'minimal_{key}']:.1f} ms: "
                  f"{ms[f'office_{key}'] - ms[f'minimal_{key}']:+.1f} ms (goal: within 16.7 ms)")
    if "memory" in args.only:
        print(f"peak memory over a full day of full-day: {found['game_peak_mib']:.1f} MiB "
              f"(its first play {found['game_first_peak_mib']:.1f}, played again "
              f"{found['game_again_peak_mib']:.1f}), minimal app "
              f"{found['minimal_peak_mib']:.1f} MiB: {found['memory_ratio']:.2f}x (goal <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
