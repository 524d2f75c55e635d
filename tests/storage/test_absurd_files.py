"""Saves and results with absurd values: a located, plain error everywhere, never a traceback.

Every field of a real result file is replaced, one at a time, by values no game writes (huge
numbers, wrong types, NaN); loading, listing, ``verify`` and ``review`` must each give a plain
answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sim.cli import main
from sim.cli.review import prepare
from sim.engine import Simulation
from sim.storage.results import load_result, write_result
from sim.storage.saves import SaveError, list_saves

HUGE_INT = "1" + "0" * 5000  # over Python's 4,300-digit int limit
ABSURD: list[Any] = [None, True, -1, 10**400, 1e308, "x" * 20_000, [], {}, [[]], {"a": {}},
                     "", "99:99", "\x1b]52;c;aGk=\x07"]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON document (the claimed result only down to its first level)."""
    yield prefix
    if prefix[:1] == ("claimed",) and len(prefix) >= 2:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from _paths(item, (*prefix, index))


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


@pytest.fixture
def honest(finished: Simulation, tmp_path: Path) -> dict[str, Any]:
    path = write_result(finished, tmp_path / "honest.json", player="Ann", mode="assessment",
                        played_seconds=300)
    return json.loads(path.read_text(encoding="utf-8"))


def _assert_plain(path: Path, scenario_path: Path, capsys: pytest.CaptureFixture[str],
                  command: bool) -> None:
    try:
        load_result(path)
    except SaveError as exc:
        assert exc.reason and exc.path == path
    infos = list_saves(path.parent)
    assert [info.path for info in infos] == [path]
    prepared = prepare(str(path), str(scenario_path))  # verifies, then replays
    assert isinstance(prepared, str | tuple)
    if command:
        code = main(["verify", str(path), "--scenario", str(scenario_path)])
        assert code in (0, 1)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "\x1b" not in captured.out + captured.err


def test_every_field_replaced_by_absurd_values(honest: dict[str, Any], scenario_path: Path,
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    target = folder / "r.json"
    checked = 0
    for path in _paths(honest):
        # the claimed result's fields only matter to the comparison: fewer values there
        values = ABSURD[::3] if path[:1] == ("claimed",) else ABSURD
        for value in values:
            target.write_text(json.dumps(_replace(honest, path, value)), encoding="utf-8")
            _assert_plain(target, scenario_path, capsys, command=checked % 10 == 0)
            checked += 1
    assert checked > 300


@pytest.mark.parametrize("field,text", [
    ("format_version", HUGE_INT), ("played_seconds", "1" + "0" * 400),
    ("played_seconds", "1e400"), ("played_seconds", "NaN"), ("seed", "-Infinity"),
    ("seed", HUGE_INT), ("saved_at", '"0001-01-01T00:00:00+14:00"'),
], ids=["format_version-5000-digits", "played_seconds-400-digits", "played_seconds-1e400",
        "played_seconds-nan", "seed-infinity", "seed-5000-digits", "saved_at-year-1"])
def test_absurd_numbers_are_located(honest: dict[str, Any], scenario_path: Path,
                                    tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    field: str, text: str) -> None:
    placeholder = "\"__HERE__\""
    raw = json.dumps({**honest, field: "__HERE__"}).replace(placeholder, text)
    path = tmp_path / "folder" / "absurd.json"
    path.parent.mkdir()
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        load_result(path)
    assert caught.value.kind == "corrupt"
    assert str(path) in str(caught.value)
    [info] = list_saves(path.parent)
    assert info.error is not None
    assert main(["verify", str(path)]) == 1
    assert main(["review", str(path), "--text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "damaged" in captured.err and "Traceback" not in captured.err


@pytest.mark.parametrize("digits", [1, 40, 41, 400])
@pytest.mark.parametrize("in_text", [False, True])
def test_a_long_run_of_digits_is_refused_only_as_a_number(digits: int, in_text: bool) -> None:
    """Skipping the per-number check when no run of digits is long enough decides the same
    as checking every number: a long number is refused, the same digits in a text are not."""
    from sim.storage.saveformat import _loads, _NumberError

    value = f'"{"7" * digits}"' if in_text else "7" * digits
    text = f'{{"a": [1, -2, 3.5], "b": {value}}}'
    if digits > 40 and not in_text:
        with pytest.raises(_NumberError):
            _loads(text.encode())
    else:
        assert _loads(text.encode())[0] == json.loads(text)  # (value, parsed by orjson)
