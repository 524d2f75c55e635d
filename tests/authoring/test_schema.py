"""The JSON Schema validates every bundled scenario (read by the project's own YAML reader)
and rejects broken ones; the committed schema files are current."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sim.authoring.schemafile import (
    FRAGMENT_FILE,
    SCHEMA_FILE,
    add_header,
    dumps,
    fragment_schema,
    header,
    scenario_schema,
)
from sim.cli import main
from sim.engine.yamlsafe import read_yaml

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())


def data_of(path: Path) -> Any:
    doc, problems = read_yaml(path.read_bytes(), str(path))
    assert doc is not None, problems
    return doc.data


def test_schemas_are_valid_draft_2020_12() -> None:
    for schema in (scenario_schema(), fragment_schema()):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def test_there_are_bundled_scenarios() -> None:
    assert BUNDLED


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenario_matches_schema(path: Path) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(data_of(path))]
    assert errors == []


def test_starter_matches_schema(starter: Path) -> None:
    assert list(VALIDATOR.iter_errors(data_of(starter))) == []


def _break(data: dict[str, Any], how: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    if how == "missing-title":
        del data["title"]
    elif how == "unknown-key":
        data["titel"] = "x"
    elif how == "bad-clock":
        data["day"]["start"] = "9h30"
    elif how == "bad-kind":
        data["events"][0]["kind"] = "fax"
    elif how == "string-minutes":
        encounter = next(iter(data["encounters"].values()))
        node = encounter["nodes"][encounter["start"]]
        node["choices"][0]["minutes"] = "five"
    elif how == "meter-out-of-range":
        data["practice"]["reputation"] = 140
    elif how == "bad-id":
        data["id"] = "Has Spaces"
    elif how == "events-not-list":
        data["events"] = {"a": 1}
    return data


BREAKS = ["missing-title", "unknown-key", "bad-clock", "bad-kind", "string-minutes",
          "meter-out-of-range", "bad-id", "events-not-list"]


@pytest.mark.parametrize("how", BREAKS)
def test_broken_scenarios_are_rejected(starter: Path, how: str) -> None:
    assert list(VALIDATOR.iter_errors(_break(data_of(starter), how)))


def test_fragment_schema_accepts_a_shared_cast_and_rejects_a_title() -> None:
    validator = jsonschema.Draft202012Validator(fragment_schema())
    cast = {"include": ["more.yaml"], "patients": {"ana": {"name": "Ana", "mood": 50}}}
    assert list(validator.iter_errors(cast)) == []
    assert list(validator.iter_errors({**cast, "title": "x"}))


def test_committed_schema_files_are_current() -> None:
    folder = ROOT / "scenarios" / "schema"
    assert (folder / SCHEMA_FILE).read_text(encoding="utf-8") == dumps(scenario_schema())
    assert (folder / FRAGMENT_FILE).read_text(encoding="utf-8") == dumps(fragment_schema())


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == scenario_schema()
    assert main(["schema", "--include"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("Practice Sim shared")


def test_add_header(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("# a comment\nformat: 1\n", encoding="utf-8")
    assert add_header(path)
    assert not add_header(path)
    assert path.read_text(encoding="utf-8").splitlines()[:2] == [header(), "# a comment"]
    assert add_header(path, "other.json")
    assert path.read_text(encoding="utf-8").count("yaml-language-server") == 1


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_schema_header_when_present_points_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith("# yaml-language-server: $schema="):
        pytest.skip("no schema header yet (practice-sim schema --add-header adds it)")
    target = path.parent / first.split("$schema=", 1)[1].strip()
    assert target.is_file() and json.loads(target.read_text(encoding="utf-8"))["$schema"]
