"""Encounter graphs drawn from the same ``transitions`` machines the engine runs.

Each encounter's machine is built from :func:`sim.engine.machines.encounter_spec` as a
``GraphMachine``; transitions' mermaid engine draws it (no Graphviz needed), and a small DOT
writer draws the same markup for Graphviz users. Edges carry the choice id, its skill points
and its condition; nodes that can never be reached are marked.
"""

from __future__ import annotations

import json
import re
from typing import Any

from transitions.extensions import GraphMachine
from transitions.extensions.diagrams_base import BaseGraph
from transitions.extensions.diagrams_mermaid import Graph as MermaidGraph

from sim.authoring.analysis import Reach, reach
from sim.engine.machines import choice_trigger, encounter_spec
from sim.engine.model import END, Choice, Encounter, Scenario

FORMATS = ("mermaid", "dot")
_SAFE = re.compile(r"[^A-Za-z0-9_]")


def safe_id(name: str) -> str:
    """A node id both mermaid and DOT accept (``end`` is a keyword in mermaid)."""
    return "n_" + _SAFE.sub("_", name)


def edge_label(choice: Choice) -> str:
    """``choice_id +2 communication -1 digital [when ...]``."""
    points = " ".join(f"{p:+g} {s}" for s, p in choice.skills.items() if p)
    label = " ".join(part for part in (choice.id, points) if part)
    if choice.when is not None:
        label += f" [when {choice.when.source}]"
    return label


class _Drawing:
    """What a graph class needs besides the machine: which nodes are unreachable."""

    unreachable: frozenset[str] = frozenset()
    closing: frozenset[str] = frozenset()  # nodes without choices: a last line, then the end
    reaches_end: bool = True  # False when every way out is a closing line: END isn't drawn

    def drawn(self, name: str) -> bool:
        """Whether the state is drawn (END only when some choice leads to it)."""
        return name != END or self.reaches_end


class _Mermaid(MermaidGraph, _Drawing):
    """transitions' mermaid graph, with safe ids, readable labels and unreachable nodes."""

    def _add_nodes(self, states: list[dict[str, Any]], container: list[str]) -> None:
        for state in states:
            name = state["name"]
            if not self.drawn(name):
                continue
            label = "END" if name == END else name
            if name in self.closing:
                label += " (closing line)"
            if name in self.unreachable:
                label += " (unreachable)"
            container.append(f'state "{_escape(label)}" as {safe_id(name)}')
            style = "unreachable" if name in self.unreachable else (
                "final" if name == END or name in self.closing else "default")
            container.append(f"class {safe_id(name)} s_{style}")

    def _add_edges(self, transitions: list[dict[str, Any]], container: list[str]) -> None:
        for transition in transitions:
            if not transition.get("trigger"):
                continue
            label = _escape(transition.get("label", transition["trigger"])).replace(":", "#58;")
            container.append(f"{safe_id(transition['source'])} --> "
                             f"{safe_id(transition['dest'])}: {label}")

    def get_graph(self, title: str | None = None, roi_state: Any = None) -> Any:
        """The diagram, with the initial arrow on the safe id and the marking classes."""
        graph = super().get_graph(title, roi_state)
        text = graph.source.replace(f"[*] --> {self.machine.initial}",
                                    f"[*] --> {safe_id(self.machine.initial)}")
        extra = ("  classDef s_unreachable fill:#eee,color:#888,stroke-dasharray:4 4\n"
                 "  classDef s_final fill:#dfd,color:black\n")
        text = text.replace("  classDef s_default", extra + "  classDef s_default", 1)
        used = set(re.findall(r"^\s*class \S+ (s_\w+)$", text, flags=re.M))
        graph.source = "\n".join(line for line in text.split("\n")
                                 if not (m := re.match(r"\s*classDef (s_\w+) ", line))
                                 or m.group(1) in used)
        return graph


class _Dot(BaseGraph, _Drawing):
    """A Graphviz DOT writer over the machine's markup (needs no graphviz package)."""

    def generate(self) -> None:
        """Nothing to prepare: the text is written in :meth:`get_graph`."""

    def set_previous_transition(self, src: str, dst: str) -> None:
        """Not used: static drawings only."""

    def reset_styling(self) -> None:
        """Not used: static drawings only."""

    def set_node_style(self, state: Any, style: str) -> None:
        """Not used: static drawings only."""

    def get_graph(self, title: str | None = None, roi_state: Any = None) -> Any:
        """The DOT text of the machine."""
        states, transitions = self._get_elements()
        lines = [f"digraph {_quote(title or self.machine.title)} {{", "  rankdir=LR;",
                 '  node [shape=box, style="rounded,filled", fillcolor=white];',
                 '  __start [shape=point, label=""];']
        for state in states:
            name = state["name"]
            if not self.drawn(name):
                continue
            attrs = {"label": "END" if name == END else name}
            if name == END:
                attrs.update(shape="doublecircle", fillcolor="#ddffdd")
            if name in self.closing:
                attrs.update(label=f"{name}\n(closing line)", fillcolor="#ddffdd")
            if name in self.unreachable:
                attrs.update(label=f"{name}\n(unreachable)", style="dashed,rounded,filled",
                             fillcolor="#eeeeee", fontcolor="#888888")
            lines.append(f"  {safe_id(name)} [{_attrs(attrs)}];")
        lines.append(f"  __start -> {safe_id(self.machine.initial)};")
        for transition in transitions:
            if transition.get("trigger"):
                label = transition.get("label", transition["trigger"])
                lines.append(f"  {safe_id(transition['source'])} -> "
                             f"{safe_id(transition['dest'])} [{_attrs({'label': label})}];")
        lines.append("}")
        return _Text("\n".join(lines) + "\n")


class _Text:
    """A drawn graph: ``source`` and ``draw(None)`` like transitions' graph objects."""

    def __init__(self, source: str):
        self.source = source

    def draw(self, target: Any = None, **_: Any) -> str:
        """The text (only ``None`` as target is supported)."""
        return self.source


def _escape(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{key}={_quote(value)}" for key, value in attrs.items())


def build_machine(encounter: Encounter, fmt: str,
                  unreachable: frozenset[str] = frozenset()) -> GraphMachine:
    """The encounter's machine, as the engine builds it, with drawing support."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    choices = {choice_trigger(n.id, c.id): c for n in encounter.nodes.values() for c in n.choices}
    spec = encounter_spec(encounter, lambda choice: lambda *args: True)
    for transition in spec["transitions"]:
        transition["label"] = edge_label(choices[transition["trigger"]])
        transition.pop("conditions", None)  # shown in the label; guards need a live day
    closing = frozenset(n.id for n in encounter.nodes.values() if n.closing)
    reaches_end = any(t["dest"] == END for t in spec["transitions"])
    drawing = type(f"{fmt}_graph", (_Mermaid if fmt == "mermaid" else _Dot,),
                   {"unreachable": unreachable, "closing": closing, "reaches_end": reaches_end})

    class _Machine(GraphMachine):
        def _init_graphviz_engine(self, graph_engine: str) -> type:
            return drawing

    return _Machine(model=None, states=spec["states"], transitions=spec["transitions"],
                    initial=spec["initial"], auto_transitions=False, title=encounter.title,
                    show_conditions=False)


def draw_encounter(scenario: Scenario, encounter_id: str, fmt: str = "mermaid",
                   reached: Reach | None = None) -> str:
    """One encounter's diagram as mermaid or DOT text."""
    reached = reached or reach(scenario)
    encounter = scenario.encounters[encounter_id]
    unreachable = frozenset(set(encounter.nodes) - reached.nodes.get(encounter_id, set()))
    machine = build_machine(encounter, fmt, unreachable)

    class _Model:
        pass

    model = _Model()
    machine.add_model(model)
    title = encounter.title + ("" if encounter_id in reached.encounters else
                               " (never played)")
    text = str(model.get_graph(title=title).draw(None))  # type: ignore[attr-defined]
    return _front_matter(text) if fmt == "mermaid" else text


def _front_matter(text: str) -> str:
    """Mermaid's front matter is YAML (``title: ...``); transitions writes the bare title."""
    lines = text.split("\n")
    if len(lines) > 2 and lines[0] == "---" and lines[2] == "---" and ":" not in lines[1]:
        lines[1] = f"title: {lines[1]}"
    elif len(lines) > 2 and lines[0] == "---" and lines[2] == "---":
        lines[1] = "title: " + json.dumps(lines[1])  # a title with ':' is quoted
    return "\n".join(lines)


def draw(scenario: Scenario, encounter_id: str | None = None, fmt: str = "mermaid") -> str:
    """One encounter's diagram, or every encounter's: for mermaid a Markdown page with one
    fenced diagram per encounter (a mermaid file holds one diagram), for DOT one graph after
    another (``dot`` draws each)."""
    reached = reach(scenario)
    if encounter_id:
        return draw_encounter(scenario, encounter_id, fmt, reached)
    parts = []
    for enc_id in scenario.encounters:
        text = draw_encounter(scenario, enc_id, fmt, reached)
        if fmt == "mermaid":
            text = f"## {enc_id}\n\n```mermaid\n{text.rstrip()}\n```\n"
        parts.append(text)
    if fmt == "mermaid":
        parts.insert(0, f"# {scenario.title}: encounter graphs\n")
    return "\n".join(parts)
