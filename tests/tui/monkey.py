"""The monkey: seeded random keys on every screen, with the game's invariants checked throughout.

A session starts the app (on the title screen, or straight in a scenario's briefing in
real-time or turn-based mode) with a fake clock, then sends random keys: one at a time, or in
bursts posted with no pause between them, with resizes and clock jumps mixed in. After every
step it checks:

- no exception (the app would have stopped with it);
- the office screen leaves the stack only through its "Leave this day?" confirmation or at the
  day's end (then the debrief replaces it);
- the engine's record replays to the very state the office shows (clock, items, focus, meters),
  and the status line and queue show that state;
- while anything covers the office (a dialog, the help, the palette) the day's clock stands
  still however much real time passes.

``python -m tests.tui.monkey --keys 50000`` is the long run (``--seed`` to reproduce one);
``tests/tui/test_monkey.py`` runs a few thousand keys in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import faulthandler
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events
from textual.screen import ModalScreen

KEYS = (
    "enter", "enter", "enter", "escape", "escape", "up", "down", "down", "tab", "shift+tab",
    *"1234567890", "1", "1", "2", "h", "d", "d", "w", "w", "space", "plus", "minus", "q",
    "y", "n", "a", "o", "m", "l", "r", "c", "t", "p", "x", "z", "question_mark", "ctrl+s",
    "pageup", "pagedown", "home", "end", "left", "right", "ctrl+p", "backspace",
)
SIZES = ((80, 24), (100, 30), (160, 45), (60, 20), (120, 40))
SCENARIOS = ("orientation", "monday-rush", "front-desk")


@dataclass
class Findings:
    """What a run found: every violated invariant, with the seed and keys that led to it."""

    keys: int = 0
    sessions: int = 0
    problems: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, detail: str) -> None:
        """Record one violation."""
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if len(self.problems) < 40:
            self.problems.append(f"{kind}: {detail}")


def state_of(sim: Any) -> tuple:
    """What the office shows, as comparable data."""
    items = tuple(sorted((i.id, i.state, i.patience, i.delegated_to,
                          i.run.node if i.run else None) for i in sim.items.values()))
    people = tuple(sorted((p.id, tuple(sorted(p.meters.items())), p.state, p.busy_until)
                          for p in sim.people.values()))
    return (sim.clock, sim.state, sim.focus.id if sim.focus else None, items, people,
            tuple(sorted(sim.practice.items())), len(sim.decisions), len(sim.log))


def check_replay(office: Any) -> str | None:
    """None if the record replays to the office's state, else what differs."""
    from sim.engine import format_clock, replay_record

    sim = office.sim
    entries = [{"at": format_clock(at), "action": action} for at, action in sim.record]
    try:
        replayed = replay_record(sim.scenario, sim.seed, entries)
    except Exception as exc:
        return f"the record doesn't replay: {exc}"
    if sim.is_over and not replayed.is_over:
        replayed.wait(sim.scenario.end - replayed.clock)
    if state_of(replayed) != state_of(sim):
        return f"replay differs at {format_clock(sim.clock)}"
    return None


def check_shown(office: Any) -> str | None:
    """None if the status line and the queue show the engine's state."""
    from sim.engine import format_clock
    from sim.tui.widgets.queue import QueueList

    sim = office.sim
    status = str(office.query_one("#status").render())
    if format_clock(sim.clock) not in status:
        return f"status shows {status[:20]!r}, engine at {format_clock(sim.clock)}"
    queue = office.query_one("#queue", QueueList)
    shown = [queue.get_option_at_index(i).id for i in range(queue.option_count)]
    waiting = [item.id for item in sim.queue()]
    if [s for s in shown if s and not s.startswith("delegated:")] != waiting:
        return f"queue shows {shown}, engine has {waiting}"
    return None


class Monkey:
    """One seeded run over many sessions."""

    def __init__(self, seed: int, findings: Findings, workdir: Path):
        self.rng = random.Random(seed)
        self.seed = seed
        self.findings = findings
        self.workdir = workdir
        self.trail: list[str] = []
        self.progress = False  # a line on stderr after each session (the long run)

    def where(self) -> str:
        """The seed and the last keys, to reproduce a finding."""
        return f"seed {self.seed}, last keys {' '.join(self.trail[-14:])}"

    def build(self) -> Any:
        """An app in a random starting place."""
        from sim.engine import load_scenario
        from sim.tui.app import make_app
        from sim.tui.pacing import FakeClock

        rng = self.rng
        clock = FakeClock()
        start = rng.choice(("title", "briefing", "briefing"))
        scenario = None
        if start == "briefing":
            name = rng.choice(SCENARIOS)
            path = (Path(__file__).parent / "fixtures" / "front-desk.yaml"
                    if name == "front-desk" else
                    Path(__file__).resolve().parents[2] / "scenarios" / f"{name}.yaml")
            scenario = load_scenario(path)
        app = make_app(scenario=scenario, turn_based=rng.random() < 0.4,
                       coaching=rng.random() < 0.5, clock=clock, seed=rng.randrange(1000))
        app.fake_clock = clock
        self._watch_leaving(app)
        return app

    def _watch_leaving(self, app: Any) -> None:
        """Note when the player confirms "Leave this day?" (the one legal way out)."""
        from sim.tui.screens.office import OfficeScreen

        push = app.push_screen

        def push_screen(screen: Any, callback: Any = None, *args: Any, **kwargs: Any) -> Any:
            if getattr(screen, "title_text", "") == "Leave this day?" and callback:
                office = next((s for s in reversed(app.screen_stack)
                               if isinstance(s, OfficeScreen)), None)

                def noted(answer: Any, inner: Any = callback, office: Any = office) -> Any:
                    if answer and office is not None:
                        office.monkey_left = True
                    return inner(answer)

                callback = noted
            return push(screen, callback, *args, **kwargs)

        app.push_screen = push_screen

    async def session(self, budget: int) -> int:
        """Play one app session of up to ``budget`` keys; returns the keys sent."""
        from sim.tui.screens.office import OfficeScreen

        rng = self.rng
        app = self.build()
        sent = 0
        size = rng.choice(SIZES)
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                offices: dict[int, Any] = {}
                while sent < budget and app.is_running:
                    covered = self._covered_office(app)
                    before = covered.sim.clock if covered is not None else None
                    roll = rng.random()
                    if roll < 0.03:
                        size = rng.choice(SIZES)
                        self.trail.append(f"resize{size}")
                        await pilot.resize_terminal(*size)
                        await pilot.pause()
                        continue
                    if roll < 0.25:
                        burst = [rng.choice(KEYS) for _ in range(rng.randint(2, 12))]
                    else:
                        burst = [rng.choice(KEYS)]
                    self.trail.extend(burst)
                    self._advance(app, rng)
                    self._send(app, burst)
                    sent += len(burst)
                    await pilot.pause()
                    if not app.is_running:
                        break
                    self._advance(app, rng)
                    await pilot.pause()
                    self._check(app, offices, covered, before)
                    for screen in app.screen_stack:
                        if isinstance(screen, OfficeScreen):
                            offices[id(screen)] = screen
        except Exception as exc:
            self.findings.add("exception", f"{type(exc).__name__}: {exc} ({self.where()})\n"
                              + "".join(traceback.format_exception(exc)[-9:]))
        self.findings.sessions += 1
        self.findings.keys += sent
        if self.progress:
            print(f"session {self.findings.sessions}: {sent} keys, {self.findings.keys} in all, "
                  f"{sum(self.findings.kinds.values())} problems", file=sys.stderr, flush=True)
        return sent

    @staticmethod
    def _covered_office(app: Any) -> Any:
        from sim.tui.screens.office import OfficeScreen

        if isinstance(app.screen, ModalScreen):
            return next((s for s in app.screen_stack if isinstance(s, OfficeScreen)), None)
        return None

    def _advance(self, app: Any, rng: random.Random) -> None:
        """Let some real time pass (none, in a burst) and let the office's clock see it."""
        from sim.tui.screens.office import OfficeScreen

        app.fake_clock.advance(rng.choice((0.0, 0.0, 0.4, 1.5, 4.0, 12.0)))
        for screen in app.screen_stack:
            if isinstance(screen, OfficeScreen):
                screen.tick()

    @staticmethod
    def _send(app: Any, keys: list[str]) -> None:
        """Post the keys with no pause between them (as a fast typist's terminal does)."""
        for key in keys:
            char = {"space": " ", "plus": "+", "minus": "-", "question_mark": "?",
                    "enter": "\r", "tab": "\t"}.get(key, key if len(key) == 1 else None)
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)

    def _check(self, app: Any, offices: dict[int, Any], covered: Any,
               before: int | None) -> None:
        from sim.tui.screens.office import OfficeScreen

        stack = app.screen_stack
        if not stack:
            self.findings.add("empty stack", self.where())
            return
        live = {id(s) for s in stack}
        for key, office in list(offices.items()):
            if key in live:
                continue
            del offices[key]
            if not office.sim.is_over and not getattr(office, "monkey_left", False):
                self.findings.add("office left without confirmation",
                                  f"now on {type(app.screen).__name__} ({self.where()})")
        if covered is not None and covered in stack and isinstance(app.screen, ModalScreen) \
                and covered.sim.clock != before and not covered.sim.is_over:
            self.findings.add("clock ran under a modal",
                              f"{type(app.screen).__name__} ({self.where()})")
        for screen in stack:
            if isinstance(screen, OfficeScreen) and screen.is_mounted:
                problem = check_replay(screen)
                if problem:
                    self.findings.add("replay", f"{problem} ({self.where()})")
                if screen is app.screen:
                    problem = check_shown(screen)
                    if problem:
                        self.findings.add("shown", f"{problem} ({self.where()})")


async def run(keys: int, seed: int, session_keys: int = 400,
              progress: bool = False) -> Findings:
    """Send about ``keys`` keys over as many sessions as that takes."""
    findings = Findings()
    with tempfile.TemporaryDirectory() as tmp:
        old = {name: os.environ.get(name) for name in ("PRACTICE_SIM_HOME",
                                                       "PRACTICE_SIM_SAVES")}
        home = Path(tmp) / "home"
        home.mkdir()
        (home / "settings.json").write_text('{"name": "Monkey", "best": {}}')
        os.environ["PRACTICE_SIM_HOME"] = str(home)
        os.environ["PRACTICE_SIM_SAVES"] = str(Path(tmp) / "saves")
        cwd = Path.cwd()
        os.chdir(tmp)
        try:
            monkey = Monkey(seed, findings, Path(tmp))
            monkey.progress = progress
            while findings.keys < keys:
                await monkey.session(min(session_keys, keys - findings.keys))
        finally:
            os.chdir(cwd)
            for name, value in old.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    return findings


def main(argv: list[str] | None = None) -> int:
    """The long run: ``python -m tests.tui.monkey --keys 50000 [--seed N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--session-keys", type=int, default=400)
    parser.add_argument("--progress", action="store_true", help="a line after each session")
    args = parser.parse_args(argv)
    faulthandler.register(signal.SIGUSR1)  # kill -USR1 PID prints where a run is stuck
    started = time.monotonic()
    findings = asyncio.run(run(args.keys, args.seed, args.session_keys, args.progress))
    print(f"{findings.keys} keys in {findings.sessions} sessions, seed {args.seed}, "
          f"{time.monotonic() - started:.0f} s: "
          f"{sum(findings.kinds.values())} problems {findings.kinds}")
    for problem in findings.problems:
        print(" -", problem)
    return 1 if findings.kinds else 0


if __name__ == "__main__":
    sys.exit(main())
