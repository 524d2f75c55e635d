"""Signing in to a proctored cohort (``practice-sim serve --cohort CODE``): the roster token
dialog. The session's app (:mod:`sim.cli.proctored`) asks it, then opens the cohort's briefing.
"""

from __future__ import annotations

from sim.tui.screens.dialogs import PromptDialog


class TokenDialog(PromptDialog):
    """Asks the player's roster token (shown as dots)."""

    PROMPT_TITLE = "Sign in"
    PROMPT_BODY = ("Type the token your instructor gave you. It says who you are on the "
                   "cohort's leaderboard; the server records your day as you play.")
    PLACEHOLDER = "token"
    INPUT_ID = "token"
    MAX_LENGTH = 64
    KEYS = "enter: sign in"
    EMPTY = "Type your token first."

    def on_mount(self) -> None:
        """Hide what is typed."""
        self.query_one("#token").password = True

    def clean(self, value: str) -> str:
        """The token without surrounding spaces."""
        return value.strip()

    def action_cancel(self) -> None:
        """There is nothing to go back to: stay until a token is given."""
        self.notify(self.EMPTY, markup=False)
