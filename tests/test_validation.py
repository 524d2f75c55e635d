"""Validation reports every problem as FILE:LINE:COL with a message an educator can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import ScenarioError, load_scenario, validate_file
from tests.conftest import TINY

BASE = TINY.read_text(encoding="utf-8")


def _line_of(text: str, fragment: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in the scenario")


CASES = [
    # (description, old, new, expected message fragment, expected hint fragment)
    ("unknown key", "mood_decay: 1", "mood_decy: 1", "unknown key 'mood_decy'",
     "did you mean 'mood_decay'"),
    ("missing person", "who: ann\n", "who: anne\n", "no patient, staff member or physician 'anne'",
     "did you mean 'ann'"),
    ("missing node", "next: thanks", "next: thank", "no node 'thank'", "did you mean 'thanks'"),
    ("missing encounter", "encounter: consult", "encounter: consul", "no encounter 'consul'",
     "did you mean 'consult'"),
    ("missing trigger", "trigger: [followup]", "trigger: [folowup]", "no event 'folowup'",
     "did you mean 'followup'"),
    ("bad time", 'at: "09:05"', 'at: "9:65"', "expected a clock time", "HH:MM"),
    ("time outside day", 'at: "09:30"', 'at: "11:30"', "outside the day", ""),
    ("bad expression", "when: flags.complaints > 0", "when: flags.complaints >> 0",
     "bad condition", ""),
    ("unknown flag", "when: flags.complaints > 0", "when: flags.complaint > 0",
     "flag 'complaint' is not declared", ""),
    ("wrong type", "difficulty: 1", "difficulty: easy", "expected a whole number", ""),
    ("out of range", "trust: 50}", "trust: 150}", "out of range", ""),
    ("unknown skill", "skills: {organization: 2}", "skills: {organisation: 2}",
     "unknown skill 'organisation'", "did you mean 'organization'"),
    ("bad effect path", "effects: {physician.lee.trust: 10}",
     "effects: {physician.lee.mood: 10}", "can't change 'physician.lee.mood'", ""),
    ("bad placeholder", 'title: "{patient.name} at the desk"',
     'title: "{patient.nam} at the desk"', "unknown placeholder {patient.nam}", ""),
    ("bad kind", "kind: phone", "kind: fone", "'fone' is not allowed", "did you mean 'phone'"),
    ("flag type", "set: {flags.calmed: true}", "set: {flags.calmed: 3}",
     "flag 'calmed' starts as a yes/no value (false), but this sets it to a whole number",
     "keep each flag one kind: write true or false here"),
]


@pytest.mark.parametrize(("name", "old", "new", "message", "hint"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_problem_is_located_and_explained(write_scenario, name: str, old: str, new: str,
                                               message: str, hint: str) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    path = write_scenario(text)
    problems = validate_file(path)
    matching = [p for p in problems if message in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == str(path)
    assert problem.line == _line_of(text, new.splitlines()[0].split(":")[0].strip()
                                    if name == "unknown key" else new.strip().splitlines()[0])
    assert problem.column >= 1
    assert hint in problem.hint
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.column}: ")


def test_duplicate_key_in_a_scenario(write_scenario) -> None:
    text = BASE.replace("difficulty: 1\n", "difficulty: 1\ndifficulty: 2\n")
    problems = validate_file(write_scenario(text))
    assert [p.line for p in problems if "duplicate key" in p.message] == [
        _line_of(text, "difficulty: 2")]


def test_expression_problem_points_at_the_offending_column(write_scenario) -> None:
    text = BASE.replace("when: flags.complaints > 0", "when: flags.complaints > 0 or")
    problems = validate_file(write_scenario(text))
    line = text.splitlines()[problems[0].line - 1]
    assert line[problems[0].column - 1:].startswith("or") or "ends too early" in problems[0].message


def test_every_problem_is_reported_not_only_the_first(write_scenario) -> None:
    text = BASE.replace("next: thanks", "next: thank").replace("who: ann\n", "who: anne\n")
    text = text.replace("mood_decay: 1", "mood_decy: 1")
    assert len(validate_file(write_scenario(text))) >= 3


def test_load_raises_with_every_problem(write_scenario) -> None:
    path = write_scenario(BASE.replace("next: thanks", "next: thank"))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "no node 'thank'" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.yaml", None, "no such file"),
        ("folder", "dir", "is a folder"),
        ("list.yaml", "- a\n- b\n", "a scenario is a mapping"),
        ("future.yaml", "format: 2\n", "format 2"),
        ("empty.yaml", "", "empty"),
    ],
)
def test_files_that_are_not_scenarios(tmp_path: Path, name: str, content: str | None,
                                      fragment: str) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_text(content)
    problems = validate_file(path)
    assert fragment in problems[0].message


def test_the_example_of_the_format_is_valid() -> None:
    example = Path(__file__).resolve().parents[2] / "shared" / "format-v1-example.yaml"
    if not example.exists():
        pytest.skip("the shared format example is not beside this checkout")
    assert validate_file(example) == []


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_infinite_numbers_are_refused(write_scenario, value: str) -> None:
    problems = validate_file(write_scenario(BASE.replace("mood_decay: 1", f"mood_decay: {value}")))
    assert any("expected a number" in p.message for p in problems)


def test_outcome_set_is_checked(write_scenario) -> None:
    text = BASE.replace("      log: \"{patient.name} left.\"",
                        "      set: {flags.calm: true}\n      log: \"{patient.name} left.\"")
    problems = validate_file(write_scenario(text))
    assert any("can't set 'flags.calm'" in p.message for p in problems)
