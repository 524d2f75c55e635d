"""The JSON Schema (draft 2020-12) of scenario format v1, made from the declaration in
:mod:`sim.engine.schema`, for editors and external checks."""

from __future__ import annotations

from typing import Any

from sim.engine.schema import BEYOND_SCHEMA, CLOCK, SCENARIO, SLUG, TEXT, Spec


def json_schema(spec: Spec = SCENARIO) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``spec``, for editors and external checks."""
    schema = _to_json(spec)
    schema["description"] = f"{spec.doc} {BEYOND_SCHEMA}".strip()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://practice-sim.example/schema/scenario-v1.json",
            "title": "Practice Sim scenario, format v1", **schema}


def _to_json(spec: Spec) -> dict[str, Any]:
    out: dict[str, Any] = {"description": spec.doc} if spec.doc else {}
    kind = spec.kind
    if kind == "obj":
        out.update(type="object", additionalProperties=False,
                   properties={k: _to_json(v) for k, v in spec.fields.items()})
        if spec.required:
            out["required"] = list(spec.required)
    elif kind == "map":
        assert spec.item is not None
        out.update(type="object", additionalProperties=_to_json(spec.item))
        key = spec.fields[""]
        if key.kind == "slug":
            out["propertyNames"] = {"pattern": SLUG.pattern}
        elif key.kind == "enum":
            out["propertyNames"] = {"enum": list(key.choices)}
    elif kind == "list":
        assert spec.item is not None
        out.update(type="array", items=_to_json(spec.item))
        if spec.low:
            out["minItems"] = int(spec.low)
    elif kind in ("str", "expr"):
        out.update(type="string", pattern=TEXT.pattern)
    elif kind == "slug":
        out.update(type="string", pattern=SLUG.pattern)
    elif kind == "clock":
        out.update(type="string", pattern=CLOCK.pattern)
    elif kind == "enum":
        out["enum"] = list(spec.choices)
    elif kind == "scalar":
        out.update(type=["boolean", "integer", "string"], **_bounds(spec))
    elif kind == "range":
        bounds = _bounds(spec)
        out.update(type="array", items={"type": "integer", **bounds}, minItems=2, maxItems=2)
    else:
        out.update(type="integer" if kind == "int" else "number", **_bounds(spec))
    return out


def _bounds(spec: Spec) -> dict[str, float]:
    bounds: dict[str, float] = {}
    if spec.low is not None:
        bounds["minimum"] = spec.low
    if spec.high is not None:
        bounds["maximum"] = spec.high
    return bounds
