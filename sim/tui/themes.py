"""The themes: Textual's default, and a high-contrast one for low vision and bright rooms.

Colour never carries meaning alone (marks, words and numbers say it too), and ``NO_COLOR``
is honoured by Textual itself (everything is drawn in monochrome).
"""

from __future__ import annotations

import os

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="practice-high-contrast",
    primary="#FFFFFF",
    secondary="#FFFF00",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFD700",
    error="#FF5050",
    dark=True,
    variables={"text-muted": "#E0E0E0", "text-accent": "#FFFF00",
               "footer-key-foreground": "#FFFF00", "block-cursor-background": "#FFFF00",
               "block-cursor-foreground": "#000000", "border": "#FFFFFF"},
)
DEFAULT = "textual-dark"


def wanted(setting: bool) -> bool:
    """High contrast if the settings ask for it or ``PRACTICE_SIM_CONTRAST`` is set (not 0)."""
    env = os.environ.get("PRACTICE_SIM_CONTRAST", "").strip().lower()
    return setting or env not in ("", "0", "no", "false")
