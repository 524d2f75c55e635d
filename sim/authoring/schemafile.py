"""The JSON Schema of the format as files editors read, and the header line that points a
scenario at it (``# yaml-language-server: $schema=...``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sim.engine.includes import INCLUDABLE
from sim.engine.jsonschema import json_schema
from sim.engine.schema import SCENARIO, obj

SCHEMA_DIR = "schema"
SCHEMA_FILE = "scenario-v1.json"
FRAGMENT_FILE = "include-v1.json"
HEADER_PREFIX = "# yaml-language-server: $schema="
DEFAULT_REF = f"{SCHEMA_DIR}/{SCHEMA_FILE}"


def scenario_schema() -> dict[str, Any]:
    """The schema of a scenario file (draft 2020-12)."""
    return json_schema()


def fragment_schema() -> dict[str, Any]:
    """The schema of a file named by ``include:``: the includable sections, none required."""
    spec = obj("Shared content for include: (cast, encounters, events ...).",
               **{key: SCENARIO.fields[key] for key in INCLUDABLE})
    schema = json_schema(spec)
    schema["$id"] = schema["$id"].replace("scenario-v1", "include-v1")
    schema["title"] = "Practice Sim shared content for include:, format v1"
    return schema


def dumps(schema: dict[str, Any]) -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: str | os.PathLike[str]) -> list[Path]:
    """Write both schemas into ``folder/schema/``; return the files written."""
    target = Path(folder) / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in ((SCHEMA_FILE, scenario_schema()), (FRAGMENT_FILE, fragment_schema())):
        path = target / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def header(ref: str = DEFAULT_REF) -> str:
    """The first line that tells YAML editors which schema checks the file."""
    return f"{HEADER_PREFIX}{ref}"


def add_header(path: str | os.PathLike[str], ref: str = DEFAULT_REF) -> bool:
    """Put the schema line first in a YAML file (replacing an older one); True if it changed."""
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    line = header(ref) + "\n"
    if lines and lines[0].startswith(HEADER_PREFIX):
        if lines[0] == line:
            return False
        lines[0] = line
    else:
        lines.insert(0, line)
    file.write_text("".join(lines), encoding="utf-8")
    return True
