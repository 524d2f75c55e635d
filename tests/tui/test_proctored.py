"""A proctored cohort in the game: sign in with a roster token, play, and the server's record
lands in the store as a proctored attempt (no result file anywhere)."""

from __future__ import annotations

from pathlib import Path

from sim.cli.proctored import ProctoredApp
from sim.storage.cohorts import open_store, roster, service
from sim.tui.screens.briefing import BriefingScreen
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.login import TokenDialog
from sim.tui.screens.office import OfficeScreen


def _cohort(tmp_path: Path, front_desk) -> tuple[str, str, str]:
    db = str(tmp_path / "cohorts.db")
    store = open_store(db)
    cohort = service.create(store, service.make_cohort("Exam", front_desk, code="PROC",
                                                       pace=0, require_proctored=True))
    _, ann = roster.invite(store, cohort, "Ann Lee")
    _, ben = roster.invite(store, cohort, "Ben")
    store.close()
    return db, ann, ben


async def test_sign_in_play_and_land_as_proctored(isolated: Path, front_desk) -> None:
    db, ann, _ben = _cohort(isolated, front_desk)
    saves = isolated / "saves"
    app = ProctoredApp("PROC", saves, db=db)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TokenDialog)
        await pilot.press(*"wrong-token", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TokenDialog)  # asked again, with a one-line reason
        assert any("not on the roster of cohort PROC" in n.message for n in app._notifications)
        await pilot.press(*ann, "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.settings.name == "Ann Lee"
        await pilot.press("enter")
        assert isinstance(app.screen, OfficeScreen)
        office = app.screen
        for _ in range(40):
            if office.sim.is_over:
                break
            await pilot.press("w")
        assert office.sim.is_over
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        ending = app.screen.ending
        assert ending.submitted, ending.verdict
        assert ending.verdict.startswith("recorded by the server: score")
    store = open_store(db)
    try:
        [attempt] = store.attempts("PROC")
        assert (attempt.provenance, attempt.player) == ("proctored", "Ann Lee")
        session, live = store.session(attempt.result["proctored"]["session"])
        assert live and session.finished_at
    finally:
        store.close()
    assert not list(saves.rglob("results/*.json"))  # the player never held a result file
    player_dirs = list((saves / "players").iterdir())
    assert len(player_dirs) == 1 and list(player_dirs[0].glob("autosave-*.json"))
