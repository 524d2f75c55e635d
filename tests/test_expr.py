"""The condition language: parsed by hand, never eval."""

from __future__ import annotations

import pytest

from sim.engine.expr import ExprError, parse_condition

VALUES = {"flags.n": 3, "flags.ok": True, "flags.word": "late", "clock": 630,
          "staff.jo.morale": 55.5}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("flags.n > 2", True),
        ("flags.n >= 4", False),
        ("flags.n == 3 and flags.ok", True),
        ("not flags.ok or flags.n < 0", False),
        ("not (flags.ok and flags.n == 3)", False),
        ("flags.word == 'late'", True),
        ('flags.word != "late"', False),
        ("clock >= 10:30", True),
        ("clock < 9:30", False),
        ("staff.jo.morale > 55", True),
        ("flags.n > -1", True),
        ("flags.word > 3", False),
        ("true", True),
        ("flags.ok == false", False),
        ("flags.n == 3 or flags.n == 4 and false", True),
    ],
)
def test_evaluation(source: str, expected: bool) -> None:
    assert parse_condition(source).evaluate(VALUES.__getitem__) is expected


@pytest.mark.parametrize(
    ("source", "offset"),
    [
        ("", 0),
        ("flags.n >", 9),
        ("flags.n > > 2", 10),
        ("(flags.n > 2", 12),
        ("flags.n > 2 flags.ok", 12),
        ("flags.n = 2", 8),
        ("__import__('os')", 10),
        ("25:00 > clock", 0),
    ],
)
def test_errors_point_at_the_problem(source: str, offset: int) -> None:
    with pytest.raises(ExprError) as caught:
        parse_condition(source)
    assert caught.value.offset == offset


def test_paths_are_listed_with_offsets() -> None:
    condition = parse_condition("flags.a and not (staff.jo.morale > 3)")
    assert condition.paths() == [("flags.a", 0), ("staff.jo.morale", 17)]
