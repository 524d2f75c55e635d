"""Generate large scenarios for the benchmarks (plain YAML text, valid format v1)."""

from __future__ import annotations

from sim.engine.clock import format_clock

HEADER = """format: 1
id: {id}
title: Generated benchmark day
version: 1
author: bench
summary: A generated scenario for benchmarks.
difficulty: 3
objectives: [Survive]
day: {{start: "08:00", end: "17:00", seed: 1, pace_seconds: 1, mood_decay: 0.2}}
practice: {{reputation: 60, compliance: 70}}
staff:
  ana: {{name: Ana Ruiz, role: receptionist, skill: 70, morale: 60}}
  ben: {{name: Ben Adeyemi, role: medical assistant, skill: 55, morale: 65}}
physicians:
  kim: {{name: Dr. Kim, specialty: internal medicine, trust: 60}}
flags:
  count: 0
"""


def _encounter(index: int, nodes: int) -> list[str]:
    lines = [f"  enc{index}:", f"    title: Encounter {index}", "    start: n0", "    nodes:"]
    for node in range(nodes):
        nxt = f"n{node + 1}" if node + 1 < nodes else "end"
        lines += [
            f"      n{node}:",
            "        speaker: \"{patient.name}\"",
            f"        text: \"Beat {node} of encounter {index}: what now?\"",
            "        choices:",
            f"          - {{id: good, text: \"Listen and explain step {node}.\", minutes: 2, "
            f"skills: {{communication: 2, active_listening: 1}}, effects: {{patient.mood: 5}}, "
            f"feedback: \"Listening first works.\", next: {nxt}}}",
            f"          - {{id: fair, text: \"Answer briefly.\", minutes: 1, "
            f"skills: {{communication: 1}}, feedback: \"Fine but thin.\", next: {nxt}}}",
            f"          - {{id: poor, text: \"Read from the script.\", minutes: 1, "
            f"skills: {{communication: -1}}, effects: {{patient.mood: -5, flags.count: 1}}, "
            f"feedback: \"Scripts sound cold.\", next: {nxt}}}",
        ]
    return lines


def scenario_text(encounters: int, nodes_per_encounter: int, events: int,
                  scenario_id: str = "bench") -> str:
    """A scenario with ``encounters * nodes_per_encounter`` nodes and ``events`` patients."""
    lines = [HEADER.format(id=scenario_id).rstrip(), "patients:"]
    for index in range(events):
        lines.append(f"  p{index}: {{name: Patient {index}, mood: 60, patience: 40}}")
    lines.append("events:")
    span = 9 * 60 - 20
    for index in range(events):
        at = 8 * 60 + index * span // max(events, 1)
        lines += [
            f"  - id: e{index}",
            f"    at: \"{format_clock(at)}\"",
            "    kind: patient",
            "    title: \"{patient.name} at the desk\"",
            f"    who: p{index}",
            f"    encounter: enc{index % encounters}",
            "    delegate: {to: [ana, ben], minutes: 10, skills: {organization: 1}}",
        ]
    lines.append("encounters:")
    for index in range(encounters):
        lines += _encounter(index, nodes_per_encounter)
    lines += [
        "rubric:",
        "  skills: {communication: 2, active_listening: 1, organization: 1}",
        "  outcomes: {patient_satisfaction: 1, throughput: 1}",
        "  pass: 60",
    ]
    return "\n".join(lines) + "\n"
