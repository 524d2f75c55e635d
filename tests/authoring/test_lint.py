"""Each lint rule: a failing case (the rule fires) and a passing case (it doesn't)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.lint import RULES, check_file
from tests.authoring.conftest import Mutate, rules

CLOSING = '''        speaker: "{patient.name}"
        text: "Thank you."
'''
ORPHAN = CLOSING + '''      orphan:
        speaker: "{patient.name}"
        text: "Nobody ever gets here."
'''
SPARE = '''rubric:                     # how the day is scored'''
FAILING = {
    "unreachable-node": [(CLOSING, ORPHAN)],
    "unreachable-encounter": [(SPARE, '''  spare:
    title: Never used
    start: only
    nodes:
      only: {speaker: Nobody, text: "Hello?"}
''' + SPARE)],
    "no-way-to-end": [("next: closing", "next: ask"), ("next: closing", "next: ask")],
    "never-offered": [("when: flags.apologized ", "when: flags.apologized == 'yes' ")],
    "flag-never-set": [("            set: {flags.apologized: true}\n", "")],
    "flag-never-read": [("            when: flags.apologized       # offered only after the "
                         "honest answer\n", "")],
    "unscored-skill": [("skills: {communication: 2, patient_experience: 2, organization: 1}",
                        "skills: {communication: 2, patient_experience: 2, organization: 1, "
                        "conflict: 1}")],
    "event-outside-day": [("            set: {flags.apologized: true}\n",
                           "            set: {flags.apologized: true}\n"
                           "            trigger: [late_note]\n"),
                          ("encounters:                 #",
                           "  - {id: late_note, after: 45, kind: email, title: A note, "
                           "encounter: refill, patience: 5}\n\nencounters:                 #")],
    "event-never-triggered": [("encounters:                 #",
                               "  - {id: lost_note, kind: email, title: A note, "
                               "encounter: refill, patience: 5}\n\nencounters:                 #")],
    "no-feedback": [('            feedback: "Acknowledging the wait costs nothing."\n', "")],
    "day-overbooked": [('end: "09:40"', 'end: "09:20"'), ("minutes: 2\n", "minutes: 24\n"),
                       ("minutes: 1\n            skills: {communication: -1}",
                        "minutes: 24\n            skills: {communication: -1}")],
}

# Near misses: edits that look like the failing case but are fine.
PASSING = {
    "unreachable-node": [("next: closing", "next: extra"),
                         (CLOSING, CLOSING + '''      extra:
        speaker: "{patient.name}"
        text: "One more thing."
        choices:
          - {id: bye, text: "Say goodbye.", feedback: "Polite.", next: closing}
''')],
    "no-way-to-end": [("next: closing", "next: ask")],  # a loop with a way out is fine
    "never-offered": [("when: flags.apologized ", "when: flags.apologized == true ")],
    "unscored-skill": [("skills: {communication: 2, patient_experience: 2, organization: 1}",
                        "skills: {communication: 2, patient_experience: 2, organization: 1, "
                        "conflict: 0}")],
    "event-outside-day": [("            set: {flags.apologized: true}\n",
                           "            set: {flags.apologized: true}\n"
                           "            trigger: [late_note]\n"),
                          ("encounters:                 #",
                           "  - {id: late_note, after: 5, kind: email, title: A note, "
                           "encounter: refill, patience: 5}\n\nencounters:                 #")],
    "flag-never-set": [("            set: {flags.apologized: true}\n", ""),
                       ("      effects: {patient.mood: -20, practice.reputation: -2}\n",
                        "      effects: {patient.mood: -20, practice.reputation: -2}\n"
                        "      set: {flags.apologized: true}\n")],  # an outcome sets it
    "day-overbooked": [('end: "09:40"', 'end: "09:25"')],
}


# Rules about the whole scenario, tested below on generated scenarios instead of an edit.
WHOLE_SCENARIO = ("longest-is-best", "shortest-is-best")


def test_every_rule_has_a_failing_case() -> None:
    names = {rule.__name__ for rule in RULES}
    assert len(names) == len(RULES)
    assert len(FAILING) + 1 >= len(RULES)  # length_tells: test_length_tells


def _length_scenario(places: str) -> str:
    """A valid scenario with one 3-choice node per letter of ``places``: the best choice's text
    is the (l)ongest, (s)hortest or (m)iddle one."""
    texts = {"l": ("Ask what they need, check the schedule, and book the first free slot.",
                   "Say the day is full.", "Offer a slot next week instead."),
             "s": ("Book the first slot.", "Say the day is full and they should try again later.",
                   "Offer a slot next week, or a call back if anything opens up."),
             "m": ("Book the first free slot today.", "Say no.",
                   "Say the day is full and suggest a walk-in clinic across town instead.")}
    events, encounters = [], []
    for index, place in enumerate(places):
        best, worse, other = texts[place]
        events.append(f"  - {{id: e{index}, at: \"09:0{index}\", kind: phone, title: Call "
                      f"{index}, encounter: c{index}, patience: 30}}")
        encounters.append(f"""  c{index}:
    title: Call {index}
    start: ask
    nodes:
      ask:
        speaker: Caller
        text: Can I come in today?
        choices:
          - {{id: worse, text: "{worse}", skills: {{organization: -1}}, feedback: Why., next: end}}
          - {{id: best, text: "{best}", skills: {{organization: 2}}, feedback: Why., next: end}}
          - {{id: other, text: "{other}", skills: {{organization: 0}}, feedback: Why., next: end}}
""")
    return ("""format: 1
id: lengths
title: Lengths
version: 1
author: tests
summary: Length tells.
difficulty: 1
objectives: [Answer]
day: {start: "09:00", end: "12:00"}
practice: {reputation: 50, compliance: 50}
events:
""" + "\n".join(events) + "\nencounters:\n" + "".join(encounters)
            + "rubric: {skills: {organization: 1}, pass: 50}\n")


@pytest.mark.parametrize(
    ("places", "fired"),
    [
        ("llms", {"longest-is-best"}),      # 2 of 4 = 50% longest
        ("ssml", {"shortest-is-best"}),     # 2 of 4 = 50% shortest
        ("lsmm", set()),                    # 25% each way
        ("lsmlsm", set()),                  # a third each: fine
        ("l", set()),                       # one node alone is no pattern
    ],
)
def test_length_tells(tmp_path: Path, places: str, fired: set[str]) -> None:
    path = tmp_path / "lengths.yaml"
    path.write_text(_length_scenario(places))
    problems = check_file(path)
    assert not [p for p in problems if p.severity == "error"], problems
    assert rules(problems) & set(WHOLE_SCENARIO) == fired
    for problem in problems:
        if problem.message.endswith("-is-best]"):
            assert "decision nodes" in problem.message and problem.hint


def test_the_starter_is_clean(starter: Path) -> None:
    """The passing case of every rule: the scaffolded starter has no problem at all."""
    assert check_file(starter) == []


@pytest.mark.parametrize("rule", sorted(FAILING))
def test_rule_fires(mutate: Mutate, rule: str) -> None:
    problems = mutate(*FAILING[rule])
    assert not [p for p in problems if p.severity == "error"], problems
    assert rule in rules(problems), problems
    warning = next(p for p in problems if p.message.endswith(f"[{rule}]"))
    assert warning.line > 0 and warning.column > 0
    assert warning.hint
    assert str(warning).startswith(f"{warning.file}:{warning.line}:{warning.column}: warning: ")


@pytest.mark.parametrize("rule", sorted(PASSING))
def test_rule_near_miss_passes(mutate: Mutate, rule: str) -> None:
    problems = mutate(*PASSING[rule])
    assert not [p for p in problems if p.severity == "error"], problems
    assert rule not in rules(problems), problems


def test_warning_points_at_the_right_line(mutate: Mutate, starter: Path) -> None:
    problems = mutate(("            feedback: \"Acknowledging the wait costs nothing.\"\n", ""))
    warning = next(p for p in problems if "no-feedback" in p.message)
    lines = starter.read_text(encoding="utf-8").splitlines()
    assert lines[warning.line - 1].strip() == "- id: thank"


def test_errors_come_without_warnings(mutate: Mutate) -> None:
    problems = mutate(("next: closing", "next: nowhere"))
    assert problems and all(p.severity == "error" for p in problems)


def test_bundled_scenarios_lint_without_crashing() -> None:
    folder = Path(__file__).resolve().parents[2] / "scenarios"
    for path in sorted(folder.glob("*.yaml")):
        for problem in check_file(path):
            assert problem.line >= 0
