"""Author mode's "test from here": --from, --at, --encounter, a reload that keeps the place and
the pause state, and the flags and meters panel; engine helpers first, then through Pilot."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from sim.authoring.preview import encounter_preview, replay_line
from sim.cli import main
from sim.engine import load_scenario, parse_actions
from sim.tui.app import make_app
from sim.tui.pacing import FakeClock
from sim.tui.screens.office import OfficeScreen
from sim.tui.watching import AuthorStart, ProblemsScreen, line_file
from sim.tui.widgets.author_panel import AuthorPanel, panel_text

LINE = "attend ana_waiting\nchoose honest\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated settings file with a name (no first-run dialog)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"name": "Robin", "best": {}}))
    monkeypatch.setenv("PRACTICE_SIM_HOME", str(home))
    monkeypatch.setenv("PRACTICE_SIM_SAVES", str(tmp_path / "saves"))
    return home


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))


def _manual(app) -> object:
    """The author watch, polled by the test only (its real-time timer stopped)."""
    app.author_watch.timer.pause()
    return app.author_watch


def _node(app) -> str:
    sim = app.screen.sim
    return sim.focus.run.node if sim.focus is not None and sim.focus.run is not None else ""


# -- engine helpers ----------------------------------------------------------------------------
def test_replay_line_stops_where_the_file_no_longer_fits(starter: Path) -> None:
    scenario = load_scenario(starter)
    full = replay_line(scenario, parse_actions(LINE + "choose nowhere\nwait 5\n"))
    assert (full.applied, full.total) == (2, 4)
    assert full.sim.focus is not None and full.sim.focus.run.node == "offer"
    assert full.stopped.startswith("line 3: 'choose nowhere' no longer applies (")
    assert full.summary().startswith("Replayed 2 of 4 action(s), stopped at 09:02: line 3:")


def test_until_plays_what_starts_before_a_time_and_waits_there(starter: Path) -> None:
    scenario = load_scenario(starter)
    actions = parse_actions(LINE + "choose thank\n09:10 delegate refill_call sam\n"
                            "09:12 wait 3\n")
    position = replay_line(scenario, actions, until=9 * 60 + 5)
    assert position.stopped is None and position.sim.clock == 9 * 60 + 5
    assert (position.applied, position.total) == (3, 3)
    # the cut falls inside the last action before it: the day is where that action left it
    late = replay_line(scenario, actions, until=9 * 60 + 11)
    assert late.stopped is None and late.sim.clock == 9 * 60 + 11
    assert late.sim.items["refill_call"].state == "delegated"
    assert "refill_call" not in [i.id for i in position.sim.items.values()
                                 if i.state == "delegated"]


def test_encounter_preview_opens_one_conversation_with_its_people(starter: Path) -> None:
    sim = encounter_preview(load_scenario(starter), "refill")
    assert sim.focus is not None and sim.focus.event.encounter == "refill"
    assert sim.node().id == "call"
    assert [i.id for i in sim.items.values()] == ["preview"]  # nothing else arrives
    sim.apply("choose route")
    assert sim.people["lee"].meters["trust"] == 65
    with pytest.raises(KeyError, match="no encounter 'refil'"):
        encounter_preview(load_scenario(starter), "refil")


def test_panel_text_lists_flags_and_meters(starter: Path) -> None:
    position = replay_line(load_scenario(starter), parse_actions(LINE))
    text = panel_text(position.sim)
    assert "apologized = true" in text
    assert text.startswith("clock ") and "(day open)" in text.splitlines()[0]
    assert "with ana_waiting @ running_late.offer" in text
    assert "reputation 70" in text and "sam: skill 70 morale 65" in text
    assert "ana: mood 60" in text or "ana: mood" in text


# -- through Pilot -----------------------------------------------------------------------------
def test_from_replays_an_action_file_then_hands_over(home: Path, starter: Path) -> None:
    async def scenario() -> None:
        start = AuthorStart(tuple(parse_actions(LINE)))
        app = make_app(clock=FakeClock(), turn_based=True, watch_path=starter, author=start)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _manual(app)
            assert isinstance(app.screen, OfficeScreen)
            assert _node(app) == "offer" and app.screen.sim.clock == 9 * 60 + 2
            await pilot.press("1")  # the author goes on from there: "thank"
            await pilot.pause()
            assert app.screen.sim.flags["apologized"] is True
            assert [a for _, a in app.screen.sim.record][-1] == "choose thank"

    asyncio.run(scenario())


def test_reload_keeps_the_place_and_says_where_replay_stopped(home: Path,
                                                               starter: Path) -> None:
    good = starter.read_text(encoding="utf-8")

    async def scenario() -> None:
        app = make_app(clock=FakeClock(), turn_based=True, watch_path=starter)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _manual(app)
            watch = _manual(app)
            await pilot.press("enter", "1")  # attend Ana, answer honestly
            await pilot.pause()
            assert _node(app) == "offer"
            _save(starter, good.replace("I suppose I can wait.", "Fine, I'll wait."))
            watch.poll()
            watch.poll()
            await pilot.pause()
            assert isinstance(app.screen, OfficeScreen)
            assert _node(app) == "offer" and app.screen.sim.clock == 9 * 60 + 2
            assert app.screen.sim.node().text == "Twenty minutes... Fine, I'll wait."
            note = list(app._notifications)[-1].message
            assert "Replayed 2 action(s) to 09:02" in note
            # the choice the author took is renamed: the replay stops before it, and says so
            _save(starter, good.replace("- id: honest", "- id: candid"))
            watch.poll()
            watch.poll()
            await pilot.pause()
            assert _node(app) == "ask"
            note = list(app._notifications)[-1].message
            assert "Replayed 1 of 2 action(s), stopped at 09:00: 'choose honest' no longer " \
                   "applies" in note

    asyncio.run(scenario())


def test_reload_through_an_error_keeps_the_place_and_the_pause(home: Path,
                                                                starter: Path) -> None:
    good = starter.read_text(encoding="utf-8")

    async def scenario() -> None:
        clock = FakeClock()
        app = make_app(clock=clock, watch_path=starter)  # real time
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _manual(app)
            watch = _manual(app)
            await pilot.press("enter", "1", "space")  # attend, answer, pause
            await pilot.pause()
            assert app.screen.user_paused
            _save(starter, good.replace("next: closing", "next: nowher", 1))
            watch.poll()
            watch.poll()
            await pilot.pause()
            assert isinstance(app.screen, ProblemsScreen)
            _save(starter, good)
            watch.poll()
            watch.poll()
            await pilot.pause()
            assert isinstance(app.screen, OfficeScreen)
            assert app.screen.user_paused and app.screen.pacer.paused
            assert _node(app) == "offer"

    asyncio.run(scenario())


def test_at_plays_the_saved_line_up_to_a_time(home: Path, starter: Path, tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    line = line_file(saves, str(starter))
    line.parent.mkdir(parents=True)
    line.write_text("09:00 attend ana_waiting\n09:00 choose honest\n09:02 choose thank\n"
                    "09:10 delegate refill_call sam\n")

    async def scenario() -> None:
        start = AuthorStart(at=9 * 60 + 5)
        app = make_app(clock=FakeClock(), watch_path=starter, author=start, saves_dir=saves)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _manual(app)
            sim = app.screen.sim
            assert sim.clock == 9 * 60 + 5 and sim.flags["apologized"] is True
            assert app.screen.user_paused  # a chosen moment opens paused, to read it
            assert sim.items["ana_waiting"].state != "queued"

    asyncio.run(scenario())


def test_the_line_played_is_kept_for_next_time(home: Path, starter: Path,
                                               tmp_path: Path) -> None:
    saves = tmp_path / "saves"

    async def scenario() -> None:
        app = make_app(clock=FakeClock(), turn_based=True, watch_path=starter, saves_dir=saves)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _manual(app)
            await pilot.press("enter", "1")
            await pilot.pause()
            app.author_watch.poll()
        assert line_file(saves, str(starter)).read_text() == (
            "09:00 attend ana_waiting\n09:00 choose honest\n")

    asyncio.run(scenario())


def test_encounter_opens_one_conversation_and_survives_a_reload(home: Path,
                                                                starter: Path) -> None:
    good = starter.read_text(encoding="utf-8")

    async def scenario() -> None:
        start = AuthorStart(encounter="running_late")
        app = make_app(clock=FakeClock(), turn_based=True, watch_path=starter, author=start)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            _manual(app)
            assert isinstance(app.screen, OfficeScreen)
            assert _node(app) == "ask"
            await pilot.press("1")
            await pilot.pause()
            assert _node(app) == "offer"
            _save(starter, good.replace("I suppose I can wait.", "All right."))
            _manual(app).poll()
            app.author_watch.poll()
            await pilot.pause()
            assert _node(app) == "offer"
            assert app.screen.sim.node().text == "Twenty minutes... All right."
            assert [i.id for i in app.screen.sim.items.values()] == ["preview"]

    asyncio.run(scenario())


def test_f_toggles_the_flags_panel_and_it_stays_across_reloads(home: Path,
                                                               starter: Path) -> None:
    good = starter.read_text(encoding="utf-8")

    async def scenario() -> None:
        app = make_app(clock=FakeClock(), turn_based=True, watch_path=starter)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            _manual(app)
            await pilot.press("f")
            await pilot.pause()
            panel = app.screen.query_one(AuthorPanel)
            assert "apologized = false" in str(panel.render())
            await pilot.press("enter", "1")
            panel.refresh_panel()
            await pilot.pause()
            assert "apologized = true" in str(panel.render())
            _save(starter, good.replace("I suppose I can wait.", "OK."))
            _manual(app).poll()
            app.author_watch.poll()
            await pilot.pause()
            await pilot.pause()
            panel = app.screen.query_one(AuthorPanel)
            assert panel.sim is app.screen.sim
            await pilot.press("f")
            await pilot.pause()
            assert not list(app.screen.query(AuthorPanel))

    asyncio.run(scenario())


def test_cli_checks_the_author_options(starter: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", str(starter), "--from", "x.actions"]) == 1
    assert "--from work in author mode: add --watch" in capsys.readouterr().err
    bad = tmp_path / "bad.actions"
    bad.write_text("attend ana_waiting\nwait ²\n")
    assert main(["play", str(starter), "--watch", "--from", str(bad)]) == 1
    assert f"{bad}:2: wait takes a whole number" in capsys.readouterr().err
    assert main(["play", str(starter), "--watch", "--at", "25:00"]) == 1
    assert "--at 25:00: write a time like 10:15" in capsys.readouterr().err
