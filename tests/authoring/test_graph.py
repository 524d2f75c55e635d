"""graph: drawn from the engine's transitions machines, skill points on edges, unreachable
nodes marked, mermaid and DOT."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from transitions.extensions import GraphMachine

from sim.authoring.graph import build_machine, draw, edge_label
from sim.cli import main
from sim.engine import load_scenario
from sim.engine.machines import encounter_spec
from tests.authoring.conftest import FIXTURES

ORPHAN = '''      orphan:
        speaker: Nobody
        text: "Never reached."
        choices:
          - {id: leave, text: "Leave.", feedback: "Fine.", next: end}
'''


def test_edges_are_the_engine_machine_transitions(starter: Path) -> None:
    scenario = load_scenario(starter)
    encounter = scenario.encounters["running_late"]
    machine = build_machine(encounter, "mermaid", frozenset())
    assert isinstance(machine, GraphMachine)
    spec = encounter_spec(encounter, lambda choice: lambda *args: True)
    expected = {(t["trigger"], t["source"], t["dest"]) for t in spec["transitions"]}
    drawn = {(t["trigger"], t["source"], t["dest"])
             for t in machine.get_markup_config()["transitions"]}
    assert drawn == expected
    assert set(machine.states) == set(spec["states"])


def test_mermaid_has_skill_points_conditions_and_end(starter: Path) -> None:
    text = draw(load_scenario(starter), "running_late")
    assert text.startswith("---\ntitle: Running late\n---\n") and "stateDiagram-v2" in text
    assert "n_ask --> n_offer: honest +2 communication +1 patient_experience" in text
    assert "[when flags.apologized]" in text
    assert "[*] --> n_ask" in text
    # Every way out is the closing line: no END floats unconnected, and only the styles used
    # are declared.
    assert "n_end" not in text
    assert 'state "closing (closing line)" as n_closing' in text
    declared = set(re.findall(r"classDef (s_\w+)", text))
    assert declared == set(re.findall(r"class n_\w+ (s_\w+)", text))
    # every edge line names declared states only
    states = set(re.findall(r"as (n_\w+)", text))
    for source, dest in re.findall(r"^\s*(n_\w+) --> (n_\w+):", text, re.MULTILINE):
        assert {source, dest} <= states


def test_unreachable_nodes_are_marked(starter: Path) -> None:
    text = starter.read_text(encoding="utf-8").replace(
        '        text: "Thank you."\n', '        text: "Thank you."\n' + ORPHAN, 1)
    starter.write_text(text, encoding="utf-8")
    scenario = load_scenario(starter)
    mermaid = draw(scenario, "running_late")
    assert 'state "orphan (unreachable)" as n_orphan' in mermaid
    assert "class n_orphan s_unreachable" in mermaid
    dot = draw(scenario, "running_late", "dot")
    assert 'n_orphan [label="orphan\\n(unreachable)"' in dot


def test_dot_format(starter: Path) -> None:
    dot = draw(load_scenario(starter), "refill", "dot")
    assert dot.startswith('digraph "A refill request" {')
    assert 'n_call -> n_end [label="route +2 organization +1 communication"];' in dot
    assert "__start -> n_call;" in dot and dot.rstrip().endswith("}")


def test_all_encounters_by_default() -> None:
    scenario = load_scenario(FIXTURES / "stuck.yaml")
    text = draw(scenario)
    assert text.count("stateDiagram-v2") == 2 and text.count("```mermaid\n") == 2
    assert text.startswith("# Stuck: encounter graphs") and "## talk" in text
    assert draw(scenario, fmt="dot").count("digraph ") == 2


def test_edge_label_skips_zero_points() -> None:
    scenario = load_scenario(FIXTURES / "two-calls.yaml")
    choices = scenario.encounters["call"].nodes["hello"].choices
    assert [edge_label(c) for c in choices] == ["well +2 communication", "quickly"]


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_cli(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "one-question.yaml"
    assert main(["graph", str(path), "--format", fmt]) == 0
    assert "good +2 communication" in capsys.readouterr().out
    out = tmp_path / f"g.{fmt}"
    assert main(["graph", str(path), "--format", fmt, "-o", str(out)]) == 0
    assert "good +2 communication" in out.read_text(encoding="utf-8")
    assert main(["graph", str(path), "--encounter", "nope"]) == 1
    assert "no encounter 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_end_is_drawn_when_a_choice_leads_to_it(fmt: str) -> None:
    tiny = load_scenario(Path(__file__).parents[1] / "fixtures" / "tiny.yaml")
    text = draw(tiny, "desk", fmt)
    assert re.search(r"n_\w+ (-->|->) n_end", text)
