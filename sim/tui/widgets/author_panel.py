"""Author mode's debug view (like Twine's): every flag and meter of the day, live.

Shown at the side of the office in ``play PATH --watch`` and toggled with ``f``. A plain
function renders the text, so it is tested without a screen.
"""

from __future__ import annotations

from textual.widgets import Static

from sim.engine import Simulation, format_clock
from sim.tui.text import clean

REFRESH_SECONDS = 0.25


def panel_text(sim: Simulation) -> str:
    """Clock, focus node, flags, practice meters and every person's meters, one per line."""
    # The day's state, not the real-time clock's (the header says whether that is paused).
    lines = [f"clock {format_clock(sim.clock)}  ({'day over' if sim.is_over else 'day open'})"]
    focus = sim.focus
    if focus is not None and focus.run is not None:
        lines.append(f"with {focus.id} @ {focus.event.encounter}.{focus.run.node}")
    lines += ["", "flags"]
    lines += [f"  {name} = {_shown(value)}" for name, value in sim.flags.items()] or ["  (none)"]
    lines += ["", "practice"]
    lines += [f"  {name} {value:g}" for name, value in sim.practice.items()]
    for group, title in (("staff", "staff"), ("physician", "physicians"),
                         ("patient", "patients")):
        people = [p for p in sim.people.values() if p.group == group]
        if people:
            lines += ["", title]
            for person in people:
                meters = " ".join(f"{k} {v:g}" for k, v in person.meters.items())
                state = f" [{person.state}]" if group == "staff" and person.state != "available" \
                    else ""
                lines.append(f"  {person.id}: {meters}{state}")
    return clean("\n".join(lines))


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


class AuthorPanel(Static):
    """The flags and meters of a live day, redrawn a few times a second."""

    SCOPED_CSS = False  # it also hides the queue on a narrow screen, to leave room
    DEFAULT_CSS = """
    AuthorPanel {
        dock: right; width: 36; height: 1fr; padding: 0 1;
        border-left: vkey $accent; background: $surface; overflow-y: auto;
    }
    Screen.-narrow AuthorPanel { width: 32; }
    Screen.-narrow.-author-panel #queue { display: none; }
    """

    def __init__(self, sim: Simulation):
        super().__init__(panel_text(sim), markup=False, id="author-panel")
        self.sim = sim
        self.border_title = "Flags · meters (f)"

    def on_mount(self) -> None:
        """Keep the view current while the day runs."""
        self.screen.add_class("-author-panel")
        self.set_interval(REFRESH_SECONDS, self.refresh_panel)

    def on_unmount(self) -> None:
        """Give the queue its place back."""
        self.screen.remove_class("-author-panel")

    def refresh_panel(self) -> None:
        """Redraw from the simulation."""
        self.update(panel_text(self.sim))
