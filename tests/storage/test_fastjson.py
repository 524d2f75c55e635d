"""orjson behind ``sim.storage.fastjson`` gives exactly what the standard library gives.

Every value is compared by its exact shape: types (int, float or bool), float bits (so -0.0
and NaN count), string contents and dict key order.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.storage import fastjson
from sim.storage.saveformat import SaveError, read_document


def shape(value: Any) -> Any:
    """``value`` with every type and float bit pattern spelled out, dict order kept."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value.hex())
    if isinstance(value, list):
        return ("list", [shape(item) for item in value])
    assert isinstance(value, dict)
    return ("dict", [(key, shape(item)) for key, item in value.items()])


leaves = (st.none() | st.booleans() | st.text()
          | st.integers(min_value=-(2**70), max_value=2**70)
          | st.integers(min_value=-(2**63) - 2, max_value=2**64 + 2)
          | st.floats() | st.floats(allow_nan=False, allow_infinity=False, width=32))
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=5), max_leaves=40)


def both(text: str) -> tuple[Any, Any]:
    """What json and fastjson make of ``text``: a value's shape, or the exception's words."""
    def run(parse: Any) -> Any:
        try:
            return shape(parse())
        except ValueError as exc:
            return (type(exc).__name__, str(exc))
        except RecursionError:  # its words name the level it was hit at, which varies
            return "RecursionError"
    raw = text.encode("utf-8", "surrogatepass")
    return (run(lambda: json.loads(text)), run(lambda: fastjson.loads(raw, text)))


@settings(max_examples=400, deadline=None)
@given(values, st.booleans(), st.booleans())
def test_parses_what_json_writes_as_json_does(value: Any, ascii_only: bool,
                                              indent: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=1 if indent else None)
    expected, got = both(text)
    assert got == expected


NUMBER = r"\A-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,25})?([eE][-+]?[0-9]{1,3})?\Z"


@settings(max_examples=600, deadline=None)
@given(st.from_regex(NUMBER))
def test_numbers_parse_to_the_same_int_or_double(number: str) -> None:
    expected, got = both(f'{{"n": {number}, "l": [{number}]}}')
    assert got == expected


@settings(max_examples=400, deadline=None)
@given(st.floats())
def test_every_double_reads_back_bit_for_bit(number: float) -> None:
    expected, got = both(json.dumps([number, -number, number / 3]))
    assert got == expected


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}', '{"b": 1, "a": 2, "b": 3}', '{"a": NaN}', '{"a": -Infinity}',
    '{"a": 1e400}', '{"a": -1e400}', '{"a": 1e-400}', '{"a": 18446744073709551616}',
    '{"a": -9223372036854775809}', '{"a": 9223372036854775807}', '{"a": "\\ud800"}',
    '{"a": "\\ud83d\\ude00"}', '\ufeff{"a": 1}', '{"a": "\x01"}', '{"a": 01}', '{"a": .5}',
    '{"a": 1.}', '{"a": "\\u0000"}', ' \t\n{"a": -0.0}\r\n', '\x0c{}', '{"a": 1} x', '{"a":',
    '{"a": [' * 1100 + ']' * 1100 + '}', '{"é": "\u2028", "\U0001f600": 2}', '', '[]', '"s"',
    '{"a": 2.2250738585072011e-308, "b": 4.9e-324, "c": 1.7976931348623157e308}',
], ids=lambda text: repr(text[:30]))
def test_edge_cases_parse_or_fail_as_json_does(text: str) -> None:
    expected, got = both(text)
    assert got == expected


def test_numbers_json_refuses_through_parse_constant_are_refused_alike() -> None:
    def refuse(word: str) -> float:
        raise ValueError(f"no {word}")
    with pytest.raises(ValueError, match="no NaN"):
        fastjson.loads(b'{"a": NaN}', parse_constant=refuse)


@settings(max_examples=400, deadline=None)
@given(values)
def test_sorted_text_reads_back_as_jsons_does(value: Any) -> None:
    reference = json.dumps(value, ensure_ascii=False, sort_keys=True)
    written = fastjson.dumps_sorted(value)
    assert shape(json.loads(written)) == shape(json.loads(reference))
    assert shape(fastjson.loads_text(written)) == shape(json.loads(reference))


@pytest.mark.parametrize("value", [
    {"a": math.nan}, {"a": [math.inf, -math.inf]}, {"big": 2**64}, {"s": "\ud800"},
    {1: "int key"}, {"b": 1, "a": {"z": None, "é": 2, "A": 3}},
])
def test_sorted_text_falls_back_where_orjson_differs(value: Any) -> None:
    reference = json.dumps(value, ensure_ascii=False, sort_keys=True)
    assert shape(json.loads(fastjson.dumps_sorted(value))) == shape(json.loads(reference))


def test_sorted_text_of_plain_data_is_orjsons() -> None:
    assert fastjson.dumps_sorted({"b": [1, 2.5], "a": "é"}) == '{"a":"é","b":[1,2.5]}'


# -- a result file reads exactly as with json alone --------------------------------------------
RESULT = Path(__file__).parent / "fixtures" / "engine1" / "best.result.json"
TOKENS = ["NaN", "-Infinity", "1e400", "18446744073709551616", "-9223372036854775809",
          "12345678901234567890123456789012345678901234", '"\\ud800"', '"\\ud83d\\ude00"',
          "-0.0", "0.1", "1E5", "null", "true", "[", "]", "{", "}", ",", ":", '"', "\\", "\x01",
          '"played_seconds": 1, "played_seconds"', "\ufeff", " "]


def _json_only(raw: bytes, text: str | None = None, *, parse_constant: Any = None,
               digits: bytes | None = None) -> Any:
    return json.loads(text if text is not None else raw.decode("utf-8"),
                      parse_constant=parse_constant)


def _read(path: Path) -> Any:
    try:
        return ("ok", shape(read_document(path)))
    except SaveError as exc:
        return (exc.kind, exc.reason)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(TOKENS), st.integers(0, 3)),
                min_size=1, max_size=4))
def test_mutated_result_files_read_as_with_json_alone(tmp_path_factory: Any,
                                                      edits: list[tuple[float, str, int]]) -> None:
    text = RESULT.read_text(encoding="utf-8")
    for where, token, cut in edits:  # splice a token in at a place, cutting a few characters
        at = int(where * len(text))
        text = text[:at] + token + text[at + cut:]
    path = tmp_path_factory.mktemp("mutated") / "r.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with_orjson = _read(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fastjson, "loads", _json_only)
        assert _read(path) == with_orjson


def test_the_bundled_result_files_read_as_with_json_alone() -> None:
    for path in RESULT.parent.glob("*.json"):
        with_orjson = _read(path)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(fastjson, "loads", _json_only)
            assert _read(path) == with_orjson
        assert with_orjson[0] == "ok"


@settings(max_examples=300, deadline=None)
@given(values)
def test_what_orjson_parsed_it_writes_back_faithfully_unchecked(value: Any) -> None:
    text = json.dumps(value)
    parsed, exact = fastjson.parse(text.encode("utf-8"), text)
    reference = json.dumps(parsed, ensure_ascii=False, sort_keys=True)
    if exact:
        written = fastjson.dumps_sorted(parsed, faithful=True)
        assert shape(json.loads(written)) == shape(json.loads(reference))


def _finite(value: Any) -> bool:
    """Whether ``value`` holds no NaN or infinity (which orjson writes as null)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(map(_finite, value))
    return not isinstance(value, dict) or all(map(_finite, value.values()))


@settings(max_examples=300, deadline=None)
@given(values, values)
def test_values_written_alike_have_the_same_shape(value: Any, other: Any) -> None:
    """Alike text means the same value down to types and key order, NaN and infinity aside;
    a value is always written like its own JSON round trip, when orjson writes it at all."""
    if fastjson.written_alike(value, other) and _finite(value) and _finite(other):
        assert shape(value) == shape(other)
    if _finite(value) and not fastjson.written_alike(value, value):
        with pytest.raises(TypeError):  # orjson.JSONEncodeError
            orjson.dumps(value)
    elif _finite(value):
        assert fastjson.written_alike(value, json.loads(json.dumps(value)))


def test_written_alike_tells_number_types_and_key_order_apart() -> None:
    assert fastjson.written_alike({"a": 1, "b": [True, 0.5]}, {"a": 1, "b": [True, 0.5]})
    assert not fastjson.written_alike({"a": 1}, {"a": 1.0})
    assert not fastjson.written_alike([1], [True])
    assert not fastjson.written_alike({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert not fastjson.written_alike(2**70, 2**70)  # orjson won't write it: compare in full
