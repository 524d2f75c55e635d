"""The base of every screen: a key is only ever acted on by the screen it was typed into.

Textual forwards a key to the focused widget, lets it bubble up to the screen and then looks
its bindings up on the app, against whatever screen is on top *by then*. A fast typist's keys
queue up behind one another, so a key typed into a dialog could run a binding of the screen
under it once the dialog had closed (Escape on the briefing: "back"), and a key queued in a
dialog after the one that closed it dismissed it again, popping the screen below (the office
vanished, or the stack emptied). Here the screen that receives a key resolves its bindings
itself, at once, and a screen that is no longer on top drops the keys still queued for it.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")


async def resolve_key(screen: Screen, event: events.Key) -> bool:
    """Run the binding ``event`` has on ``screen`` (if it is still on top); True if one ran.

    The key goes no further either way: by the time the app looked it up, another screen
    could be on top.
    """
    event.stop()
    app = screen.app
    if app.screen is not screen or getattr(screen, "dismissed", False) \
            or not composed(screen):
        event.prevent_default()
        return False
    for namespace, bindings in screen._modal_binding_chain:
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await app.run_action(binding.action, namespace):
                return True
    return False


def composed(screen: Screen) -> bool:
    """True while the screen's widgets are mounted: not before its compose has run, nor once
    it is being taken down (a key typed fast can reach it in either moment, and its actions
    would find none of its widgets)."""
    return screen.is_mounted and any(child.is_mounted for child in screen.children)


class GameScreen(Screen[ResultType]):
    """A full screen whose keys act on it alone.

    Subclasses set themselves up in :meth:`ready`, which runs once mounted unless the screen
    has already been closed (keys typed fast can open and close a screen before it mounts).
    """

    def on_mount(self) -> None:
        """Set up, if still open."""
        if self in self.app.screen_stack:
            self.ready()

    def ready(self) -> None:
        """Set the screen up once mounted (subclasses)."""

    async def on_key(self, event: events.Key) -> None:
        """Resolve the key's binding here, now."""
        await resolve_key(self, event)

    def close(self) -> None:
        """Go back to the screen below, if this one is on top (a late key does nothing)."""
        if self.app.screen is self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()


class Dialog(ModalScreen[ResultType]):
    """A modal that dismisses once, and only itself."""

    dismissed = False

    async def on_key(self, event: events.Key) -> None:
        """Resolve the key's binding here, now; a dismissed dialog takes no more keys."""
        await resolve_key(self, event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing runs once the dialog has answered."""
        return not self.dismissed

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Answer and close; later calls (a second key already queued) do nothing."""
        if self.dismissed or self.app.screen is not self:
            return AwaitComplete.nothing()
        self.dismissed = True
        return super().dismiss(result)
