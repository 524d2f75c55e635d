"""One truth for shape: the JSON Schema (what editors check) and ``validate`` agree.

Each row changes the starter scenario in one way and says whether it is a valid scenario. The
validator must agree, and so must the generated JSON Schema, applied to the same data as the
scenario reader gives it (YAML 1.2-like, merge keys merged). Rows marked ``beyond`` are rules
JSON Schema can't express: the validator refuses them, the schema lets them through, and the
schema's description names the rule.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from sim.authoring.scaffold import scaffold
from sim.engine import check_source
from sim.engine.jsonschema import json_schema
from sim.engine.schema import BEYOND_SCHEMA
from sim.engine.yamlsafe import read_yaml

VALIDATOR = jsonschema.Draft202012Validator(json_schema())
OK, BAD, BEYOND = "ok", "bad", "beyond"
STAFF = "  sam: {name: Sam Ortiz, role: receptionist, skill: 70, morale: 65}"

# (id, old text, new text, verdict, for "beyond": the words the schema's description uses)
TABLE: list[tuple[str, str, str, str, str]] = [
    ("whole-float-version", "version: 1 ", "version: 1.0 ", OK, ""),
    ("whole-float-skill", "skill: 70,", "skill: 70.0,", OK, ""),
    ("underscore-int", "seed: 1 ", "seed: 1_000 ", OK, ""),
    ("binary-int", "difficulty: 1 ", "difficulty: 0b11 ", OK, ""),
    ("hex-int", "difficulty: 1 ", "difficulty: 0x3 ", OK, ""),
    ("exponent-float", "pace_seconds: 1.5", "pace_seconds: 1e0", OK, ""),
    ("merge-key", STAFF, STAFF.replace("sam: {", "sam: &base {") +
     "\n  kim: {<<: *base, name: Kim Lo}", OK, ""),
    ("merge-key-list", STAFF, STAFF.replace("sam: {", "sam: &base {") +
     "\n  kim: {<<: [*base], name: Kim Lo}", OK, ""),
    ("pass-whole-float", "pass: 65", "pass: 65.0", OK, ""),
    ("clock-one-digit-hour", 'start: "09:00"', 'start: "9:00"', OK, ""),
    ("clock-unquoted", 'start: "09:00"', "start: 09:00", OK, ""),
    ("text-flag", "apologized: false", "apologized: false\n  mood: calm", OK, ""),
    ("number-flag", "apologized: false", "apologized: false\n  count: 3", OK, ""),
    ("tab-in-text", 'title: "Starter"', 'title: "Star\\tter"', OK, ""),
    ("block-text", "  name: Maple Street Clinic", "  name: |\n    Maple Street Clinic", OK, ""),
    ("empty-title", 'title: "Starter"', 'title: ""', BAD, ""),
    ("blank-title", 'title: "Starter"', 'title: "   "', BAD, ""),
    ("number-title", 'title: "Starter"', "title: 5", BAD, ""),
    ("null-title", 'title: "Starter"', "title:", BAD, ""),
    ("escape-in-title", 'title: "Starter"', 'title: "Star\\e[2Jter"', BAD, ""),
    ("format-quoted", "format: 1", 'format: "1"', BAD, ""),
    ("format-2", "format: 1", "format: 2", BAD, ""),
    ("version-zero", "version: 1 ", "version: 0 ", BAD, ""),
    ("version-decimal", "version: 1 ", "version: 1.5 ", BAD, ""),
    ("difficulty-6", "difficulty: 1 ", "difficulty: 6 ", BAD, ""),
    ("difficulty-quoted", "difficulty: 1 ", 'difficulty: "3" ', BAD, ""),
    ("seed-negative", "seed: 1 ", "seed: -1 ", BAD, ""),
    ("seed-huge", "seed: 1 ", "seed: 1" + "0" * 400 + " ", BAD, ""),
    ("pace-too-fast", "pace_seconds: 1.5", "pace_seconds: 0.01", BAD, ""),
    ("pace-infinite", "pace_seconds: 1.5", "pace_seconds: .inf", BAD, ""),
    ("decay-minus-inf", "mood_decay: 0.2", "mood_decay: -.inf", BAD, ""),
    ("meter-101", "reputation: 70 ", "reputation: 101 ", BAD, ""),
    ("meter-huge-float", "reputation: 70 ", "reputation: 1.5e+400 ", BAD, ""),
    ("points-1e308", "skills: {organization: -2}", "skills: {organization: 1.0e+308}", BAD,
     ""),
    ("effect-101", "effects: {patient.mood: 10}", "effects: {patient.mood: 101}", BAD, ""),
    ("clock-24", 'start: "09:00"', 'start: "24:00"', BAD, ""),
    ("clock-one-digit-minute", 'start: "09:00"', 'start: "9:5"', BAD, ""),
    ("clock-number", 'start: "09:00"', "start: 900", BAD, ""),
    ("id-capital", "id: starter ", "id: Starter ", BAD, ""),
    ("id-leading-dash", "id: starter ", 'id: "-starter" ', BAD, ""),
    ("kind-misspelt", "kind: phone", "kind: fone", BAD, ""),
    ("unknown-key", "author: Your Name", "author: Your Name\nauthr: Me", BAD, ""),
    ("missing-title", 'title: "Starter"\n', "", BAD, ""),
    ("events-mapping", "events:                     # what", "events: {}\nxevents:  # what",
     BAD, ""),
    ("delegate-to-nobody", "to: [sam]", "to: []", BAD, ""),
    ("flag-decimal", "apologized: false", "apologized: false\n  share: 0.5", BAD, ""),
    ("flag-list", "apologized: false", "apologized: false\n  names: [a, b]", BAD, ""),
    ("minutes-negative", "minutes: 2\n", "minutes: -1\n", BAD, ""),
    ("minutes-601", "minutes: 2\n", "minutes: 601\n", BAD, ""),
    ("patience-zero", "patience: 20}", "patience: 0}", BAD, ""),
    ("outcome-unknown", "outcomes: {patient_satisfaction: 1,", "outcomes: {patient_happy: 1,",
     BAD, ""),
    ("weight-negative", "skills: {communication: 2, patient_experience: 2,",
     "skills: {communication: -2, patient_experience: 2,", BAD, ""),
    ("pass-nan", "pass: 65", "pass: .nan", BEYOND, ".nan"),
    ("skill-nan", "skill: 70,", "skill: .nan,", BEYOND, ".nan"),
    ("undefined-node", "next: offer", "next: offr", BEYOND, "nodes"),
    ("undefined-staff", "to: [sam]", "to: [sma]", BEYOND, "staff"),
    ("duplicate-key", "author: Your Name", "author: Your Name\nauthor: Me", BEYOND,
     "duplicate keys"),
]


@pytest.fixture(scope="module")
def starter_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The starter scenario's text."""
    folder: Path = tmp_path_factory.mktemp("agree")
    return scaffold("starter", folder / "scenarios")[0].read_text(encoding="utf-8")


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 40
    assert len({row[0] for row in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("name", "old", "new", "verdict", "words"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_schema_and_validator_agree(starter_text: str, name: str, old: str, new: str,
                                    verdict: str, words: str) -> None:
    assert old in starter_text, name
    raw = starter_text.replace(old, new, 1).encode()
    _, problems = check_source(raw, "shape.yaml")
    doc, read_problems = read_yaml(raw, "shape.yaml")
    schema_errors = [] if doc is None else [e.message for e in VALIDATOR.iter_errors(doc.data)]
    validator_ok = not problems
    schema_ok = doc is not None and not read_problems and not schema_errors
    if verdict == BEYOND:
        assert not validator_ok, f"{name}: validate should refuse it"
        assert words in BEYOND_SCHEMA, f"{name}: the schema's description should say so"
        return
    expected = verdict == OK
    assert validator_ok is expected, (name, [str(p) for p in problems])
    assert schema_ok is expected, (name, schema_errors, [str(p) for p in read_problems])


def test_the_schema_description_says_what_it_cannot_check() -> None:
    assert "can't express" in json_schema()["description"]
