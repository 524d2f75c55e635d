"""Results as plain data: exactly what ``json.loads(json.dumps(value))`` gives, built directly.

A verification compares the claimed result (read from JSON) with the replay's, so the replay's
result must become the same plain data: dataclasses as dicts of their fields, tuples as lists.
Writing it out and reading it back did that, at four times the cost of building it. Anything
the direct way can't vouch for (a key that isn't a string, a type JSON would change) takes the
round trip instead.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

_LEAVES = frozenset((str, int, float, bool, type(None)))  # exact types JSON gives back unchanged
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


class _Unusual(Exception):
    """Something only the JSON round trip converts faithfully."""


def plain(value: Any) -> Any:
    """``value`` (dataclasses, dicts, lists and tuples of JSON values) as JSON reads it back."""
    try:
        return _convert(value)
    except _Unusual:
        return json.loads(json.dumps(value, ensure_ascii=False, default=_fields))


def _convert(value: Any) -> Any:
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out[key] = item if type(item) in _LEAVES else _convert(item)
        return out
    if kind is list or kind is tuple:
        return [item if type(item) in _LEAVES else _convert(item) for item in value]
    out = {}
    for name in _names(value):
        item = getattr(value, name)
        out[name] = item if type(item) in _LEAVES else _convert(item)
    return out


def _names(value: Any) -> tuple[str, ...]:
    """The field names of a dataclass instance (``_Unusual`` for anything else)."""
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            raise _Unusual
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    return names


def _fields(value: Any) -> Any:
    """A dataclass instance as the dict of its fields, for ``json.dumps``."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return {name: getattr(value, name) for name in _names(value)}


def identical(left: Any, right: Any) -> bool:
    """Whether two plain JSON values are the same in every way JSON or Python can tell:
    types (1, 1.0 and True differ), key order, the sign of a zero (NaN is never identical)."""
    kind = type(left)
    if kind is not type(right):
        return False
    if kind is dict:
        return len(left) == len(right) and all(
            lkey == rkey and identical(lvalue, rvalue)
            for (lkey, lvalue), (rkey, rvalue) in zip(left.items(), right.items(), strict=True))
    if kind is list:
        return len(left) == len(right) and all(map(identical, left, right))
    if kind is float and left == 0.0:
        return right == 0.0 and str(left) == str(right)
    return kind in _LEAVES and left == right
