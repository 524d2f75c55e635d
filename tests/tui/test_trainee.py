"""Pilot tests of what a trainee meets: fast keys, honest coaching and debrief, practice
branches, the profile, per-screen help and the themes."""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual import events

from sim.engine import Scenario
from sim.tui.keys import FastEscapeParser
from sim.tui.screens.base import Dialog
from sim.tui.screens.branching import TryDialog
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.debrief_text import delegations
from sim.tui.screens.dialogs import ConfirmDialog, DelegateDialog, HelpScreen, NameDialog
from sim.tui.screens.load import LoadScreen
from sim.tui.screens.office import OfficeScreen
from sim.tui.screens.profile import ProfileScreen
from sim.tui.screens.title import TitleScreen
from sim.tui.widgets.encounter_view import EncounterView

# enter: Ann; 1: welcome; d 1: the call to Jo; w (to 09:06, Dr. Lee); enter 1: Dr. Lee;
# w (to 09:10, the letters); enter 1: the letters
BEST_DAY = ("enter", "1", "d", "1", "w", "enter", "1", "w", "enter", "1")


def burst(app, *keys: str) -> None:
    """Keys posted with no pause between them, as a fast typist's terminal sends them."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def conversation(office: OfficeScreen) -> str:
    """The encounter panel's text (above its choices), unwrapped."""
    return office.query_one("#enc-view", EncounterView).text.plain


def test_escape_typed_fast_is_escape_then_the_key() -> None:
    """tmux send-keys "Escape Enter" arrives as ESC CR in one read."""
    for data, keys in (("\x1b\r", ["escape", "enter"]), ("\x1b3", ["escape", "3"]),
                       ("\x1bh", ["escape", "h"]), ("\x1b[A", ["up"]), ("\x1b", ["escape"])):
        parser = FastEscapeParser()
        found = list(parser.feed(data))
        time.sleep(0.15)
        found += list(parser.tick())
        assert [e.key for e in found if isinstance(e, events.Key)] == keys, data


async def test_keys_queued_in_a_dialog_never_pop_the_office(build, named: str,
                                                             front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "1", "d")
        office = app.screen_stack[-2]
        assert isinstance(app.screen, DelegateDialog) and isinstance(office, OfficeScreen)
        burst(app, "1", "2", "escape", "1", "escape", "enter")  # one pick; the rest are stale
        await pilot.pause()
        await pilot.pause()
        assert office in app.screen_stack and app.screen is office
        assert office.sim.items["raj_call"].delegated_to == "jo"
        assert [a for _, a in office.sim.record].count("delegate raj_call jo") == 1


async def test_a_dialog_dismisses_once(build, named: str) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        answers = []
        dialog = ConfirmDialog("Sure?")
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        assert isinstance(dialog, Dialog)
        dialog.dismiss(True)
        dialog.dismiss(False)  # a second key's dismissal: nothing
        await pilot.pause()
        assert answers == [True] and isinstance(app.screen, TitleScreen)


async def test_title_menu_stops_at_the_top_and_quit_asks(build, named: str) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu")
        menu.highlighted = 1  # Play (Continue is disabled)
        await pilot.press("up", "up", "up")
        assert menu.highlighted == 1  # no wrap round to Quit
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, TitleScreen) and app.is_running


async def test_the_name_prompt_refuses_blank_names(build, isolated: Path) -> None:
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, NameDialog)
        await pilot.press("space", "space", "tab", "enter")
        await pilot.press("shift+tab", "enter")
        assert isinstance(app.screen, NameDialog)
        assert app.settings.name == ""


async def test_coaching_gives_the_answers_verdict_and_labels_the_delegation(
        build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True, coaching=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter", "1")  # welcome Ann
        office = app.screen
        await pilot.press("enter", "1")  # take the call yourself, the best answer
        shown = office.shown
        assert shown.decision.node != "delegate" and shown.decision.was_best
        assert shown.delegation is not None and shown.delegation.node == "delegate"
        text = conversation(office)
        assert text.count("✓ ") + text.count("✗ ") == 2  # the answer's, and the delegation's
        assert "On delegating:" in text and "Better: " not in text


async def test_a_settled_delegation_shows_in_the_panel_and_the_debrief(
        build, named: str, front_desk: Scenario, frozen) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        # w stops when Dr. Lee arrives (09:06), then when Jo is back from the call (09:07)
        await pilot.press("enter", "enter", "1", "d", "1", "w", "w")
        office = app.screen
        assert office.sim.items["raj_call"].state == "resolved"
        assert "✓ Delegation worked: " in conversation(office)
        await pilot.press("enter", "1", "w", "enter", "1", "enter")  # Dr. Lee, the letters
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        side = text_of(debrief, "#missed")
        assert "Jo Park took 'Line 1: Raj Mehta wants an appointment': it worked" in side
        assert "Missed (0)" in side
        body = text_of(debrief, "#decisions")
        assert "Ann Okafor is at the window" in body  # headings name who and what
        assert "…" not in body.split("\n")[0]
        assert "xN is its weight" in text_of(debrief, "#components")


def test_a_failed_delegation_is_never_shown_as_a_success(front_desk: Scenario) -> None:
    from sim.engine import Simulation

    sim = Simulation(front_desk, 1)
    result = {"decisions": [{"node": "delegate", "item": "x", "delegated_to": "sam",
                             "delegated_name": "Sam Reyes", "outcome": "failed"}]}
    text = str(delegations(result, sim))
    assert "✗ Sam Reyes took 'x': it didn't work" in text and "it worked" not in text


async def test_try_another_answer_is_practice_and_shows_the_score_change(
        build, named: str, front_desk: Scenario, isolated: Path) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", *BEST_DAY, "enter")
        first = app.screen
        assert isinstance(first, DebriefScreen)
        original = first.result["score"]
        best = app.settings.best["front-desk"]
        await pilot.press("t")
        assert isinstance(app.screen, TryDialog)
        await pilot.press("enter", "enter")  # Ann's decision; the other answer (the form)
        office = app.screen
        assert isinstance(office, OfficeScreen) and office.options.practice is not None
        assert office.sim.decisions[0].chosen == "form"
        while not office.sim.is_over:  # then let the rest of the day go by
            await pilot.press("w")
        await pilot.press("enter")
        again = app.screen
        assert isinstance(again, DebriefScreen)
        verdict = text_of(again, "#verdict")
        change = again.result["score"] - original
        assert f"PRACTICE  {again.result['score']:.1f} against {original:.1f}" in verdict
        assert f"{change:.1f}" in verdict and change < 0
        assert app.settings.best["front-desk"] == best  # a branch is no new best
        results = sorted((isolated / "saves" / "results").glob("*.json"))
        practice = [json.loads(p.read_text()).get("practice") for p in results]
        assert practice.count(None) == 1 and practice[-1 if practice[-1] else 0]["instead"]


async def test_try_another_answer_takes_number_keys(build, named: str,
                                                    front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *BEST_DAY, "enter", "t", "1")  # Ann's decision
        dialog = app.screen
        assert isinstance(dialog, TryDialog) and dialog.point is not None
        await pilot.press("1")  # the answer given that day: not a branch
        assert app.screen is dialog
        await pilot.press("2")  # the other one
        office = app.screen
        assert isinstance(office, OfficeScreen) and office.options.practice is not None
        assert office.sim.decisions[0].chosen == "form"
        said = conversation(office)  # what the answer tried led to
        form = office.sim.decisions[0]
        assert office.shown is not None and office.shown.decision is form
        assert said.startswith("You: ") and office.shown.choice_text.split()[0] in said


async def test_profile_from_the_debrief(build, named: str, front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *BEST_DAY, "enter", "p")
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        assert len(profile.profile.days) == 1
        texts = " ".join(str(s.render()) for s in profile.query("Static"))
        assert "communication" in texts and "Front desk test day" in texts
        plots = [str(s.render()) for s in profile.query(".skill-spark")]
        assert len(plots) == len(profile.profile.skill_history())
        assert all(len(p) == 1 for p in plots)  # one day, one block
        assert "1 finished day," in texts
        body = profile.query_one("#profile-body").content_region
        for figures in profile.query(".skill-values"):  # first, best, now: all of it on screen
            assert figures.region.right <= body.right, str(figures.render())
        await pilot.press("escape")
        assert isinstance(app.screen, DebriefScreen)


async def test_help_starts_with_the_keys_of_the_screen(build, named: str,
                                                       front_desk: Scenario) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.group == "Office"
        groups = [str(s.render()) for s in app.screen.query(".help-group")]
        assert groups[0] == "Keys here (Office)" and "Debrief" not in " ".join(groups)


async def test_finished_autosaves_are_not_offered(build, named: str, front_desk: Scenario,
                                                  isolated: Path) -> None:
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *BEST_DAY, "enter", "m")
        assert list((isolated / "saves").glob("autosave-*.json"))
        app.push_screen(LoadScreen())
        await pilot.pause()
        assert app.screen.saves == []


async def test_high_contrast_theme_and_no_color(build, named: str, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        app.toggle_contrast()
        await pilot.pause()
        assert app.theme == "practice-high-contrast" and app.settings.high_contrast
    app = build()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "practice-high-contrast"  # remembered


async def test_a_second_enter_in_the_palette_never_pops_the_office(
        build, named: str, front_desk: Scenario) -> None:
    """Found by the long monkey run: Enter Enter typed fast in the command palette ran the
    command, then dismissed "the palette" again: the office under it."""
    app = build(scenario=front_desk, turn_based=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        office = app.screen
        await pilot.press("ctrl+p", *"wait")
        await pilot.pause(0.3)
        burst(app, "enter", "enter", "enter")
        await pilot.pause(0.3)
        await pilot.pause()
        assert office in app.screen_stack
        assert not isinstance(app.screen, TitleScreen)


async def test_try_another_answer_lines_fit_80_columns(build, named: str) -> None:
    """Orientation's decisions and answers, cut to the list's width: no line wraps."""
    from textual.widgets import OptionList

    from sim.engine import load_scenario, play
    from sim.engine.actions import parse_actions
    from sim.tui.options import PlayOptions

    library = Path(__file__).resolve().parents[2] / "scenarios"
    scenario = load_scenario(library / "orientation.yaml")
    sim = play(scenario, parse_actions((library / "orientation.poor.actions").read_text()))
    app = build()
    async with app.run_test(size=(80, 24)) as pilot:
        app.show_debrief(sim, PlayOptions(turn_based=True), 60.0)
        await pilot.pause()
        await pilot.press("t")
        listing = app.screen.query_one("#try-list", OptionList)
        width = listing.scrollable_content_region.width
        lines = [line for index in range(listing.option_count)
                 for line in str(listing.get_option_at_index(index).prompt).split("\n")]
        assert len(lines) == 2 * listing.option_count
        assert max(len(line) for line in lines) <= width - 2  # the option's own padding
