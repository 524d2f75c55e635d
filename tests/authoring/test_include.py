"""include: shared files merge in; problems name the included file and line; cycles and
missing files are errors on the include: entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import load_scenario, validate_file

MAIN = """format: 1
id: shared-day
title: Shared
version: 1
author: tests
summary: Uses a shared cast.
difficulty: 1
objectives: [Talk]
include:
{includes}
day: {{start: "09:00", end: "09:30"}}
practice: {{reputation: 50, compliance: 50}}
events:
  - {{id: hello, at: "09:00", kind: patient, title: Hi, who: ana, encounter: greet, patience: 9}}
rubric:
  skills: {{communication: 1}}
  pass: 50
"""
CAST = """patients:
  ana: {name: Ana Silva, mood: 50}
"""
ENCOUNTERS = """encounters:
  greet:
    title: Greeting
    start: hi
    nodes:
      hi:
        speaker: "{patient.name}"
        text: Hello.
        choices:
          - {id: smile, text: Smile., skills: {communication: 1}, feedback: Nice., next: end}
          - {id: nod, text: Nod without looking up., feedback: Cold., next: end}
"""


def write(folder: Path, includes: list[str], files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    main = folder / "main.yaml"
    main.write_text(MAIN.format(includes="\n".join(f"  - {i}" for i in includes)),
                    encoding="utf-8")
    return main


def test_included_cast_and_encounters_load(tmp_path: Path) -> None:
    main = write(tmp_path, ["shared/cast.yaml", "shared/encounters.yaml"],
                 {"shared/cast.yaml": CAST, "shared/encounters.yaml": ENCOUNTERS})
    scenario = load_scenario(main)
    assert scenario.patients["ana"].name == "Ana Silva"
    assert "greet" in scenario.encounters


def test_nested_includes_are_relative_to_their_file(tmp_path: Path) -> None:
    main = write(tmp_path, ["shared/all.yaml"], {
        "shared/all.yaml": "include: [cast.yaml, more/encounters.yaml]\n",
        "shared/cast.yaml": CAST, "shared/more/encounters.yaml": ENCOUNTERS})
    assert load_scenario(main).encounters["greet"].start == "hi"


def test_the_digest_covers_included_files(tmp_path: Path) -> None:
    main = write(tmp_path, ["cast.yaml", "enc.yaml"], {"cast.yaml": CAST, "enc.yaml": ENCOUNTERS})
    before = load_scenario(main).sha256
    (tmp_path / "cast.yaml").write_text(CAST.replace("mood: 50", "mood: 60"), encoding="utf-8")
    assert load_scenario(main).sha256 != before


def test_missing_file_is_an_error_on_its_entry(tmp_path: Path) -> None:
    main = write(tmp_path, ["cast.yaml", "nope.yaml"], {"cast.yaml": CAST + ENCOUNTERS})
    problems = validate_file(main)
    missing = [p for p in problems if "nope.yaml" in p.message]
    assert missing and missing[0].file == str(main)
    assert missing[0].line == 11 and missing[0].severity == "error"


def test_cycle_is_an_error_on_its_entry(tmp_path: Path) -> None:
    main = write(tmp_path, ["a.yaml"], {"a.yaml": "include: [b.yaml]\n" + CAST,
                                        "b.yaml": "include: [a.yaml]\n" + ENCOUNTERS})
    problems = validate_file(main)
    cycle = [p for p in problems if "include cycle" in p.message]
    assert len(cycle) == 1
    assert cycle[0].file == str(tmp_path / "b.yaml") and cycle[0].line == 1
    assert "a.yaml -> b.yaml -> a.yaml" in cycle[0].message


def test_self_include_is_a_cycle(tmp_path: Path) -> None:
    main = write(tmp_path, ["main.yaml", "all.yaml"], {"all.yaml": CAST + ENCOUNTERS})
    assert any("include cycle" in p.message and p.file == str(main)
               for p in validate_file(main))


def test_problem_in_included_file_names_that_file_and_line(tmp_path: Path) -> None:
    bad = ENCOUNTERS.replace("Nice., next: end}", "Nice., next: ennd}")
    main = write(tmp_path, ["cast.yaml", "enc.yaml"], {"cast.yaml": CAST, "enc.yaml": bad})
    problems = validate_file(main)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file == str(tmp_path / "enc.yaml")
    lines = bad.splitlines()
    assert "ennd" in lines[problem.line - 1]
    assert lines[problem.line - 1][problem.column - 1:].startswith("ennd")


def test_yaml_error_in_included_file_is_located_there(tmp_path: Path) -> None:
    main = write(tmp_path, ["cast.yaml", "enc.yaml"],
                 {"cast.yaml": "patients:\n  ana: {name: Ana\n", "enc.yaml": ENCOUNTERS})
    problems = validate_file(main)
    assert any(p.file == str(tmp_path / "cast.yaml") and "YAML" in p.message for p in problems)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    main = write(tmp_path, ["cast.yaml", "cast2.yaml", "enc.yaml"],
                 {"cast.yaml": CAST, "cast2.yaml": CAST, "enc.yaml": ENCOUNTERS})
    problems = validate_file(main)
    assert len(problems) == 1
    assert problems[0].file == str(tmp_path / "cast2.yaml") and problems[0].line == 2
    assert "already defined" in problems[0].message and "cast.yaml:2" in problems[0].message


@pytest.mark.parametrize("text, message", [
    ("title: Not here\n", "can't be included"),
    ("patients: [ana]\n", "must be a mapping"),
    ("- just a list\n", "mapping of sections"),
])
def test_bad_included_content(tmp_path: Path, text: str, message: str) -> None:
    main = write(tmp_path, ["cast.yaml", "enc.yaml", "bad.yaml"],
                 {"cast.yaml": CAST, "enc.yaml": ENCOUNTERS, "bad.yaml": text})
    problems = validate_file(main)
    assert any(message in p.message and p.file == str(tmp_path / "bad.yaml") for p in problems)


def test_same_file_twice_is_merged_once(tmp_path: Path) -> None:
    main = write(tmp_path, ["a.yaml", "b.yaml"], {
        "a.yaml": "include: [cast.yaml]\n" + ENCOUNTERS, "b.yaml": "include: [cast.yaml]\n",
        "cast.yaml": CAST})
    assert validate_file(main) == []
