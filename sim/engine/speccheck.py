"""Checking a scenario's plain data against the shape declared in :mod:`sim.engine.schema`:
types, required and unknown keys with a did-you-mean, bounds, and the educator's words for
every value; then whole-number floats normalised to ints."""

from __future__ import annotations

import difflib
import math
from typing import Any

from sim.engine.schema import CLOCK, SLUG, Report, Spec
from sim.engine.yamlsafe import BigNumber

_TYPE_NAMES = {
    "str": "text",
    "slug": "an id (lowercase letters, digits, _ and -)",
    "int": "a whole number",
    "num": "a number",
    "clock": "a clock time like 09:30",
    "expr": "a condition (text)",
    "scalar": "true/false, a whole number or text",
    "range": "a [low, high] pair of whole numbers",
    "list": "a list (lines starting with '- ')",
    "map": "key: value lines",
    "obj": "key: value lines",
}


def describe(value: Any) -> str:
    """A value in the educator's words (never a Python type name)."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "key: value lines"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float) and not isinstance(value, BigNumber) and math.isnan(value):
        return ".nan (not a number)"
    if isinstance(value, float) and not isinstance(value, BigNumber) and math.isinf(value):
        return f"{'-' if value < 0 else ''}.inf (infinity)"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text '{value}'" if value else "empty text ''"


Renames = list[tuple[tuple[Any, ...], Any, str]]


def check(spec: Spec, value: Any, path: tuple[Any, ...], report: Report,
          renames: Renames | None = None) -> None:
    """Check ``value`` against ``spec``, calling ``report(path, message, hint)`` per problem.

    A misspelt key that stands for a missing one (``encounter:`` for ``encounters:``) is
    reported once, with the did-you-mean, and its value is checked as the key it stands for;
    the missing key is not reported too. ``renames`` collects ``(path, wrong, right)`` so the
    caller can read the data as meant for the meaning checks that follow.
    """
    kind = spec.kind
    if kind == "obj":
        if not isinstance(value, dict):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {describe(value)}", "")
            return
        absent = [k for k in spec.fields if k not in value]
        meant: dict[Any, str] = {}
        for key in value:
            if key not in spec.fields:
                close = difflib.get_close_matches(str(key), absent, n=1)
                if close and close[0] not in meant.values():
                    meant[key] = close[0]
        for key in spec.required:
            if key not in value and key not in meant.values():
                report(path, f"missing required key '{key}'", f"add `{key}:`")
        for key, sub in value.items():
            child = spec.fields.get(key)
            if child is None and key in meant:
                report((*path, key, "<key>"), f"unknown key '{key}'",
                       f"did you mean '{meant[key]}'?")
                check(spec.fields[meant[key]], sub, (*path, key), report, renames)
                if renames is not None:
                    renames.append((path, key, meant[key]))
            elif child is None:
                close = difflib.get_close_matches(str(key), list(spec.fields), n=1)
                hint = f"did you mean '{close[0]}'?" if close else (
                    "allowed: " + ", ".join(spec.fields))
                if sub is None and " " in str(key):
                    hint = "a comma inside { } ends a value: put text with commas in quotes"
                report((*path, key, "<key>"), f"unknown key '{key}'", hint)
            else:
                check(child, sub, (*path, key), report, renames)
        return
    if kind == "map":
        if not isinstance(value, dict):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {describe(value)}", "")
            return
        key_spec = spec.fields[""]
        assert spec.item is not None
        for key, sub in value.items():
            check(key_spec, key, (*path, key, "<key>"), report)
            check(spec.item, sub, (*path, key), report, renames)
        return
    if kind == "list":
        if not isinstance(value, list):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {describe(value)}",
                   "start each item with '- '")
            return
        if spec.low and len(value) < spec.low:
            report(path, f"needs at least {int(spec.low)} item(s)", "")
        assert spec.item is not None
        for index, sub in enumerate(value):
            check(spec.item, sub, (*path, index), report, renames)
        return
    _check_scalar(spec, value, path, report)


def _check_scalar(spec: Spec, value: Any, path: tuple[Any, ...], report: Report) -> None:
    kind = spec.kind
    bad = f"expected {_TYPE_NAMES.get(kind, kind)}, found {describe(value)}"
    if kind in ("str", "expr"):
        if not isinstance(value, str):
            report(path, bad, "put it in quotes" if value is not None else
                   "write the text after the colon")
        elif not value.strip():
            report(path, "this text is empty", "write the text, or remove the key if it is "
                   "optional")
    elif kind == "slug":
        if not isinstance(value, str) or not SLUG.fullmatch(value):
            report(path, f"{bad}", "use lowercase letters, digits, _ and -")
    elif kind == "clock":
        if not isinstance(value, str) or not CLOCK.fullmatch(value):
            report(path, bad, "write times as HH:MM, 00:00 to 23:59")
    elif kind == "enum":
        if value not in spec.choices:
            close = difflib.get_close_matches(str(value), list(spec.choices), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(spec.choices)
            report(path, f"'{value}' is not allowed here", hint)
    elif kind == "scalar":
        if isinstance(value, BigNumber) or _is_int(value):
            _check_bounds(spec, value, path, report)
        elif isinstance(value, float) and math.isfinite(value):
            report(path, bad, "a flag holds a whole number, not a decimal: write "
                   f"{math.floor(value)} or {math.ceil(value)}")
        elif not isinstance(value, bool | int | str) or isinstance(value, float):
            report(path, bad, "")
    elif kind == "range":
        if (not isinstance(value, list) or len(value) != 2
                or not all(_is_int(v) for v in value)):
            report(path, f"expected {_TYPE_NAMES[kind]}, found {describe(value)}",
                   "write it as [low, high]")
        elif value[0] > value[1]:
            report(path, f"low {value[0]} is above high {value[1]}", "swap them")
        else:
            _check_bounds(spec, value[0], path, report)
            _check_bounds(spec, value[1], path, report)
    elif kind in ("int", "num"):
        if isinstance(value, BigNumber):
            _check_bounds(spec, value, path, report)  # 1e999, 1 + 400 zeros: out of range
            return
        ok = _is_int(value) if kind == "int" else _is_number(value)
        if not ok:
            report(path, bad, _number_hint(value, kind))
        else:
            _check_bounds(spec, value, path, report)


def _number_hint(value: Any, kind: str) -> str:
    """What to write instead of a value that isn't a number of the right kind."""
    example = "5" if kind == "int" else "5 or 2.5"
    if isinstance(value, str):
        try:
            number = float(value.replace("_", ""))
        except ValueError:
            return f"write digits, like {example}"
        if math.isfinite(number):
            return "remove the quotes: quoted, it is text"
    if isinstance(value, float) and kind == "int" and math.isfinite(value):
        return f"write a whole number, like {round(value)}"
    if isinstance(value, float) and not isinstance(value, BigNumber):
        return f"write an ordinary number, like {example}"
    return f"write a number, like {example}"


def _check_bounds(spec: Spec, value: float, path: tuple[Any, ...], report: Report) -> None:
    if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
        low = "" if spec.low is None else f"{spec.low:,.10g}"
        high = "" if spec.high is None else f"{spec.high:,.10g}"
        span_text = f"{low} to {high}" if low and high else (f"at least {low}" if low else
                                                            f"at most {high}")
        report(path, f"{value} is out of range ({span_text})", "")


def _is_int(value: Any) -> bool:
    """A whole number; ``70.0`` counts (JSON Schema's ``integer`` accepts it too)."""
    if isinstance(value, float):
        return math.isfinite(value) and value.is_integer()
    return isinstance(value, int) and not isinstance(value, bool)


def normalize(spec: Spec, value: Any) -> Any:
    """``value`` (already checked against ``spec``) with whole-number floats as ints where a
    whole number is expected (``version: 1.0`` reads as 1), changed in place where it can."""
    kind = spec.kind
    if kind in ("int", "scalar") and _is_int(value):
        return int(value)
    if kind == "range" and isinstance(value, list):
        return [int(v) if _is_int(v) else v for v in value]
    if kind == "obj" and isinstance(value, dict):
        for key, sub in value.items():
            if key in spec.fields:
                value[key] = normalize(spec.fields[key], sub)
    elif kind == "map" and isinstance(value, dict) and spec.item is not None:
        for key, sub in value.items():
            value[key] = normalize(spec.item, sub)
    elif kind == "list" and isinstance(value, list) and spec.item is not None:
        value[:] = [normalize(spec.item, sub) for sub in value]
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
