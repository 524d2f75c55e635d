"""The title screen: continue, play, load a save, leaderboards, help, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim import __version__
from sim.tui.bindings import TITLE, bindings
from sim.tui.commands import PaletteCommand
from sim.tui.screens.base import GameScreen
from sim.tui.text import join, literal
from sim.tui.widgets.footer import KeyFooter
from sim.tui.widgets.menu import Menu

if TYPE_CHECKING:
    from sim.tui.navigation import Navigator

BANNER = """\
╔═╗┬─┐┌─┐┌─┐┌┬┐┬┌─┐┌─┐  ╔═╗┬┌┬┐
╠═╝├┬┘├─┤│   │ ││  ├┤   ╚═╗││││
╩  ┴└─┴ ┴└─┘ ┴ ┴└─┘└─┘  ╚═╝┴┴ ┴"""

TAGLINE = "A day at the front office of a medical practice"

# Banner and tagline are one widget (each widget costs styling and layout before the first
# frame); the blank line between them was the banner's margin, and the tagline takes the
# widget's muted colour.
HEADING = join(Content(BANNER).stylize("bold $primary"), "\n\n", TAGLINE)

MENU = (
    ("continue", "Continue", "resume your latest autosave"),
    ("play", "Play", "pick a scenario"),
    ("load", "Load a save", "any saved day"),
    ("leaderboards", "Leaderboards", "how your cohort is doing"),
    ("profile", "Your progress", "skills across your days"),
    ("help", "Help", "keys and how a day works"),
    ("quit", "Quit", ""),
)


class TitleScreen(GameScreen[None]):
    """The first screen."""

    HELP = "Title"

    CSS_PATH = "title.tcss"  # read with the app's (sim.tui.app), so it is parsed once
    # No -narrow/-wide classes here: no rule uses them, and setting them restyles the screen
    # before its first frame.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []
    BINDINGS = bindings(TITLE)
    app: Navigator
    _continue: Any = None
    _looked = False  # the autosave lookup has been started

    def compose(self) -> ComposeResult:
        """Heading, greeting and menu, complete: the first frame is the whole title. The
        widgets sit straight on the screen, which centres them (no containers to lay out)."""
        yield Static(HEADING, id="heading")
        yield Static(self._greeting(), id="greeting")
        menu = Menu(*self._options(None), id="menu")
        menu.highlighted = 1
        yield menu
        yield Static(f"v{__version__}  ·  ctrl+p: every command", id="version")
        yield KeyFooter()

    def on_resize(self) -> None:
        """The first resize is the one that paints the screen (Textual lays a screen out
        when it learns its size): only then look for an autosave, in the background, so
        that its imports and file reads don't delay that frame. (A title covered before it
        is ever shown looks when the player comes back to it: ``refresh_menu``.)"""
        if not self._looked:
            self._looked = True
            self.call_after_refresh(self.refresh_menu)

    def _autosave(self) -> Any:
        try:
            from sim.storage.saves import latest_autosave
        except ImportError:  # saves not installed in this build
            return None
        try:
            autosave = latest_autosave(self.app.saves_dir, player=self.app.player)
        except Exception:  # a broken saves folder must never stop the game from opening
            return None
        return None if autosave is None or autosave.over else autosave

    @work(thread=True, exclusive=True, group="autosave")
    def refresh_menu(self) -> None:
        """Rebuild the menu once the latest autosave is known (the name may have changed)."""
        self._looked = True
        autosave = self._autosave()
        self.app.call_from_thread(self._show_menu, autosave)

    def _greeting(self) -> Content:
        name = self.app.settings.name
        return join("Hello, ", literal(name, "bold"), ".") if name else Content("")

    def _options(self, autosave: Any) -> list[Option]:
        """The menu's entries, with Continue's hint from ``autosave`` (None: nothing)."""
        options = []
        for option_id, label, hint in MENU:
            if option_id == "continue":
                hint = f"{autosave.scenario_title} at {autosave.clock}" if autosave else \
                    "nothing to resume yet"
            elif option_id == "leaderboards" and self.app.settings.last_cohort:
                hint = f"{hint} ({self.app.settings.last_cohort})"
            prompt = join(Content(f"{label:<14}").stylize("bold"),
                          literal(hint, "$text-muted"))
            options.append(Option(prompt, id=option_id,
                                  disabled=option_id == "continue" and autosave is None))
        return options

    def _show_menu(self, autosave: Any) -> None:
        if not self.query("#menu"):  # not composed (yet, or any more)
            return
        self.query_one("#greeting", Static).update(self._greeting())
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(self._options(autosave))
        if autosave is not None and highlighted in (None, 1):
            highlighted = 0  # Continue is the likely choice when there is something to resume
        menu.highlighted = highlighted if highlighted is not None else 1
        self._continue = autosave

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Run the chosen menu entry."""
        self.run_entry(event.option.id or "")

    def run_entry(self, entry: str) -> None:
        """Do what a menu entry says."""
        app = self.app
        if entry == "continue" and self._continue is not None:
            app.resume_save(self._continue.path)
        elif entry == "play":
            app.show_picker()
        elif entry == "load":
            from sim.tui.screens.load import LoadScreen

            app.push_screen(LoadScreen())
        elif entry == "profile":
            app.show_profile()
        elif entry == "leaderboards":
            app.ask_leaderboard()
        elif entry == "help":
            app.action_help()
        elif entry == "quit":
            app.action_quit()

    def palette_commands(self) -> list[PaletteCommand]:
        """The menu entries as commands."""
        commands = [PaletteCommand(label, hint or label, lambda e=option_id: self.run_entry(e))
                    for option_id, label, hint in MENU
                    if option_id != "continue" or self._continue is not None]
        return commands
