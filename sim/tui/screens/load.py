"""Load a save: every save in the saves folder, newest first; broken ones say why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.tui.bindings import PICKER, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.base import GameScreen
from sim.tui.text import join, literal
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.tui.navigation import Navigator


def offered(saves: list[Any]) -> list[Any]:
    """The saves worth loading, newest first: a finished day's autosaves resume nothing (its
    result file has the day), including its earlier autosave slots (same player, scenario
    and mode, saved before the finished one)."""
    finished = [s for s in saves if s.kind == "autosave" and s.over and s.error is None]

    def superseded(info: Any) -> bool:
        return info.kind == "autosave" and info.error is None and any(
            (f.player, f.scenario_id, f.mode, f.timing) ==
            (info.player, info.scenario_id, info.mode, info.timing)
            and f.saved_at >= info.saved_at for f in finished)

    return [info for info in saves if not superseded(info)]


class LoadScreen(GameScreen[None]):
    """Pick a save to continue."""

    HELP = "Load a save"

    CSS_PATH = "picker.tcss"
    BINDINGS = bindings(PICKER)
    app: Navigator

    def __init__(self) -> None:
        super().__init__()
        self.saves: list[Any] = []

    def compose(self) -> ComposeResult:
        """The list of saves."""
        yield Static("Load a save", id="picker-title")
        yield OptionList(id="saves")
        yield KeyFooter()

    def ready(self) -> None:
        """Read the saves folder."""
        listing = self.query_one("#saves", OptionList)
        try:
            from sim.storage.saves import list_saves

            self.saves = offered(list_saves(self.app.saves_dir))
        except ImportError:
            self.saves = []
        except OSError as exc:
            self.notify(f"Can't read the saves folder: {exc}", severity="error", markup=False)
        for index, info in enumerate(self.saves):
            listing.add_option(Option(self._prompt(info), id=str(index)))
        if not self.saves:
            listing.add_option(Option(Content("Nothing to load: ctrl+s saves a day you're "
                                              "playing; finished days are in Your progress."),
                                      disabled=True))
        listing.highlighted = 0 if self.saves else None
        listing.focus()

    def _prompt(self, info: Any) -> Content:
        when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if info.error is not None:
            return join(literal(info.path.name, "bold"), "\n",
                        literal(f"  can't be loaded: {info.error.reason}", "$error"))
        label = info.name or ("autosave" if info.kind == "autosave" else "save")
        status = "finished" if info.over else f"at {info.clock}"
        return join(literal(info.scenario_title, "bold"), "  ", literal(label, "$accent"), "\n",
                    literal(f"  {info.player} · {status} · saved {when}", "$text-muted"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Load the chosen save."""
        if event.option.id is None:
            return
        info = self.saves[int(event.option.id)]
        if info.error is not None:
            self.notify(f"{info.path.name}: {info.error.reason}", severity="warning",
                        markup=False)
            return
        self.app.resume_save(info.path)

    def action_back(self) -> None:
        """Back to the title."""
        self.close()

    def palette_commands(self) -> list[PaletteCommand]:
        """The screen's keys."""
        return from_specs(self, PICKER)
