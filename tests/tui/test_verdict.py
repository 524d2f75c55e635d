"""The answer marks: ✓ best, ◐ good but not the best, ✗ poorer (shapes, not only colours)."""

from __future__ import annotations

import pytest

from sim.tui.text import verdict


@pytest.mark.parametrize(("was_best", "earned", "possible", "sign"), [
    (True, {"compliance": 4}, {"compliance": 4}, "✓ "),
    (False, {"compliance": 3, "digital": 2}, {"compliance": 4, "digital": 3}, "◐ "),  # 5 of 7
    (False, {"compliance": 1}, {"compliance": 4}, "✗ "),
    (False, {}, {}, "✗ "),
])
def test_marks(was_best, earned, possible, sign):
    assert verdict(was_best, earned, possible)[0] == sign
