"""Every key binding, declared once as data: an id, keys, the action it runs and what it does.

Screens turn their group into Textual ``Binding``s with :func:`bindings`; the help screen and
the command palette read the same data, so a key is described in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeySpec:
    """One binding: ``keys`` as Textual names them (comma-separated), the action it runs."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    key_display: str | None = None
    palette: bool = True  # offered in the command palette
    priority: bool = False


APP = (
    KeySpec("app.help", "question_mark,f1", "app.help", "Help", key_display="?"),
)

TITLE = (
    KeySpec("title.quit", "q", "app.quit", "Quit"),
)

PICKER = (
    KeySpec("picker.back", "escape", "back", "Back"),
)

BRIEFING = (
    KeySpec("briefing.start", "enter", "start", "Start the day", priority=True),
    # All priority, as Enter is: a priority key is acted on as it arrives, any other once the
    # focused widget has passed it up, so "t" then Enter typed fast started the day before
    # the "t" (real-time, where turn-based was asked for).
    KeySpec("briefing.timing", "t", "toggle_timing", "Real-time / turn-based", priority=True),
    KeySpec("briefing.coaching", "c", "toggle_coaching", "Coaching / assessment",
            priority=True),
    KeySpec("briefing.back", "escape", "back", "Back", priority=True),
)

OFFICE = (
    KeySpec("office.attend", "enter", "attend", "Attend", key_display="⏎"),
    *(KeySpec(f"office.choose_{n}", str(n), f"choose({n})", "Choose" if n == 1 else
              f"Choose option {n}",
              show=n == 1, key_display="1-9" if n == 1 else None, palette=False)
      for n in range(1, 10)),
    KeySpec("office.hold", "h", "hold", "Hold"),
    KeySpec("office.delegate", "d", "delegate", "Delegate"),
    KeySpec("office.delegate_queued", "D,shift+d", "delegate_queued",
            "Delegate the highlighted queue item", show=False,
            key_display="D"),
    KeySpec("office.wait", "w", "wait", "Wait"),
    KeySpec("office.pause", "space", "pause", "Pause", key_display="space"),
    KeySpec("office.resume", "space", "resume", "Resume", key_display="space"),
    # Not in the footer (80 columns hold only so much); the help screen and briefing list them.
    KeySpec("office.faster", "plus,equals_sign", "faster", "Faster", show=False,
            key_display="+"),
    KeySpec("office.slower", "minus", "slower", "Slower", show=False, key_display="-"),
    KeySpec("office.save", "ctrl+s", "save", "Save", show=False, key_display="^s"),
    KeySpec("office.scroll_up", "pageup", "scroll_text(-1)", "Scroll the conversation up",
            show=False, key_display="pgup", palette=False),
    KeySpec("office.scroll_down", "pagedown", "scroll_text(1)",
            "Scroll the conversation down", show=False, key_display="pgdn", palette=False),
    KeySpec("office.scroll_home", "home", "scroll_text_to(False)",
            "Start of the conversation (else the queue's first item)", show=False,
            palette=False),
    KeySpec("office.scroll_end", "end", "scroll_text_to(True)",
            "End of the conversation (else the queue's last item)", show=False,
            palette=False),
    KeySpec("office.quit", "q", "quit", "Quit"),
)

DEBRIEF = (
    KeySpec("debrief.again", "a", "again", "Play again"),
    KeySpec("debrief.try", "t", "try_other", "Try another answer"),
    KeySpec("debrief.profile", "p", "profile", "Profile"),
    KeySpec("debrief.other", "o", "other", "Other scenario"),
    KeySpec("debrief.leaderboard", "l", "leaderboard", "Leaderboard"),  # after a cohort day
    KeySpec("debrief.menu", "m,escape", "menu", "Menu"),
    KeySpec("debrief.close", "q,escape", "close", "Close"),  # practice-sim review
)

PROFILE = (
    KeySpec("profile.next", "enter", "play_next", "Play the suggestion"),
    KeySpec("profile.back", "escape", "back", "Back"),
)

LEADERBOARD = (
    KeySpec("leaderboard.refresh", "r", "refresh", "Refresh"),
    KeySpec("leaderboard.code", "c", "other_code", "Another cohort"),
    KeySpec("leaderboard.back", "escape", "back", "Back"),
)

DIALOG = (
    KeySpec("dialog.cancel", "escape", "cancel", "Cancel", palette=False),
)

DELEGATE = tuple(KeySpec(f"delegate.pick_{n}", str(n), f"pick({n})", f"Delegate to {n}",
                         show=False, palette=False) for n in range(1, 10))

TRY = tuple(KeySpec(f"try.pick_{n}", str(n), f"pick({n})", f"Pick {n}", show=False,
                    palette=False) for n in range(1, 10))

INTERRUPT = (
    KeySpec("interrupt.take", "t", "take", "Take it now", palette=False),
    KeySpec("interrupt.defer", "l,escape", "defer", "Let it wait", palette=False),
)

CONFIRM = (
    KeySpec("confirm.yes", "y", "yes", "Yes", palette=False),
    KeySpec("confirm.no", "n,escape", "no", "No", palette=False),
)

GROUPS: dict[str, tuple[KeySpec, ...]] = {
    "Everywhere": APP, "Title": TITLE, "Scenario picker": PICKER, "Load a save": PICKER,
    "Briefing": BRIEFING,
    "Office": OFFICE, "Debrief": DEBRIEF, "Leaderboard": LEADERBOARD, "Profile": PROFILE,
}


def bindings(specs: tuple[KeySpec, ...]) -> list[Binding]:
    """Textual bindings for a group of specs."""
    return [Binding(spec.keys, spec.action, spec.description, show=spec.show,
                    key_display=spec.key_display, priority=spec.priority, id=spec.id)
            for spec in specs]


def documented(specs: tuple[KeySpec, ...]) -> list[tuple[str, str]]:
    """(keys, description) for the help screen and the briefing: every key, once."""
    rows = []
    for spec in specs:
        if spec.id.startswith("office.choose_"):
            if spec.id == "office.choose_1":
                rows.append(("1-9", "Choose an answer"))
                rows.append(("↑↓", "Pick another item in the queue"))
            continue
        keys = display_keys(spec)
        if rows and rows[-1][0] == keys:  # one key, two meanings (space: pause / resume)
            rows[-1] = (keys, f"{rows[-1][1]} / {spec.description.lower()}")
            continue
        rows.append((keys, spec.description))
    return rows


def display_keys(spec: KeySpec) -> str:
    """How the help screen shows a spec's keys."""
    if spec.key_display:
        return spec.key_display
    names = {"question_mark": "?", "equals_sign": "=", "plus": "+", "minus": "-",
             "escape": "esc", "enter": "enter", "space": "space"}
    return " / ".join(names.get(key, key) for key in spec.keys.split(","))
