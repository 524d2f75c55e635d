"""Reading a day's state: dotted paths, and texts with their placeholders filled in."""

from __future__ import annotations

from typing import Any

from sim.engine.clock import format_clock
from sim.engine.model import Node
from sim.engine.paths import fixed_template, split_path, template
from sim.engine.state import Item, PersonState


class Reading:
    """How :class:`~sim.engine.simulation.Simulation` reads its own state: a person, a value
    at a dotted path, a text rendered, a node's wording, an item's title."""

    def wording(self, node: Node, item: Item | None = None) -> tuple[str, str]:
        """A node's speaker and text as shown now (its first variant whose when holds),
        placeholders filled in."""
        speaker, text = node.speaker, node.text
        for variant in node.variants:
            if variant.when.evaluate(lambda path: self.lookup(path, item)):
                speaker, text = variant.speaker or speaker, variant.text
                break
        return self.render(speaker, item), self.render(text, item)

    def prompt(self, node: Node, item: Item | None = None) -> str:
        """A node's text as shown now: the second half of :meth:`wording`."""
        if node.variants:
            return self.wording(node, item)[1]
        return self.render(node.text, item)

    def person(self, person_id: str | None) -> PersonState | None:
        """A person's live state."""
        return self.people.get(person_id) if person_id else None

    def lookup(self, path: str, item: Item | None = None) -> Any:
        """The current value at a dotted path (see the format reference)."""
        parts = split_path(path)
        head = parts[0]
        if head == "clock":
            return self.clock
        if head == "flags":
            return self.flags.get(parts[1])
        if head == "practice":
            if parts[1] == "name":
                return self.scenario.practice_name
            return self.practice[parts[1]]
        if head == "patient":
            person = self.person(item.subject if item else None)
        else:
            person = self.people.get(parts[1])
            parts = parts[1:]
        if person is None:
            return None
        attribute = parts[1]
        if attribute == "name":
            return person.name
        if attribute in ("role", "specialty"):
            return person.role
        if attribute == "patience":
            return item.patience if item else person.patience
        return person.meters.get(attribute)

    def render(self, text: str, item: Item | None = None) -> str:
        """``text`` with its ``{path}`` placeholders filled in."""
        if "{" not in text:
            return text
        key = (text, item.subject if item else None)
        found = self._fixed_renders.get(key)
        if found is not None:
            return found
        if fixed_template(text):  # names and roles only: rendered once per subject
            found = self._fixed_renders[key] = self._render(text, item)
            return found
        return self._render(text, item)

    def _render(self, text: str, item: Item | None) -> str:
        parts = []
        for literal, path in template(text):
            parts.append(literal)
            if path is not None:
                value = self.lookup(path, item)
                if path == "clock":
                    parts.append(format_clock(value))
                elif isinstance(value, float):
                    parts.append(str(round(value)))
                else:
                    parts.append("" if value is None else str(value))
        return "".join(parts)

    def title(self, item: Item) -> str:
        """The queue line of an item."""
        return self.render(item.event.title, item)
