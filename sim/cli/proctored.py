"""The game for one browser session of a proctored cohort (``practice-sim serve --cohort
CODE``): sign in with a roster token, then the cohort's briefing. The day is recorded by the
server (``sim.storage.cohorts.proctor``). An entry point like ``play``: it composes the app, so
it lives with the CLI and no screen imports the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events

import sim.tui
from sim.tui.app import PracticeSimApp
from sim.tui.options import PlayOptions
from sim.tui.screens.login import TokenDialog


class ProctoredApp(PracticeSimApp):
    """The game for one browser session of a proctored cohort: sign in, then the briefing.

    After signing in, the player's name is the roster's and their saves live in a folder of
    their own (``SAVES/players/ID``), which no other player's session lists.
    """

    CSS_PATH = Path(sim.tui.__file__).parent / "app.tcss"

    def __init__(self, code: str, saves_root: Path, **kwargs: Any):
        super().__init__(saves_dir=saves_root / "signing-in", **kwargs)
        self.cohort_code = code
        self.saves_root = saves_root
        self.day: Any = None

    def on_mount(self, event: events.Mount) -> None:
        """The title below, the sign-in dialog on top (no name dialog: the roster names)."""
        event.prevent_default()
        from sim.tui.screens.title import TitleScreen

        self.push_screen(TitleScreen())
        self.ask_token()

    def ask_token(self) -> None:
        """Ask the token until one signs in."""
        self.push_screen(TokenDialog(), self._signed)

    def _signed(self, token: str | None) -> None:
        from sim.storage.cohorts import StoreUnavailable
        from sim.storage.cohorts.play import sign_in
        from sim.storage.cohorts.roster import AccessDenied

        try:
            day = sign_in(self.cohort_code, token or "", self.db, self.saves_root)
        except (AccessDenied, LookupError, FileNotFoundError, StoreUnavailable) as exc:
            self.notify(str(exc), title="Can't sign in", severity="error", markup=False,
                        timeout=15)
            self.ask_token()
            return
        self.day = day
        self.settings.name = day.player.name
        self.saves_dir = self.saves_root / "players" / day.player.player_id
        self.refresh_title()
        self.notify(f"Signed in as {day.player.name} to {day.cohort.name}.", markup=False)
        self.show_briefing(day.scenario, PlayOptions.for_cohort(day))

    def store_settings(self) -> None:
        """A session keeps no settings file: the roster is the name."""

    def ask_name(self, then: Any = None) -> None:
        """The name comes from the roster: it can't be changed here."""
        self.notify("Your name comes from the cohort's roster.", markup=False)
        if then is not None:
            then()
