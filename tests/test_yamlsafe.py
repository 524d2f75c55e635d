"""The YAML reader gives educators what they meant, and never a traceback."""

from __future__ import annotations

import pytest

from sim.engine.yamlsafe import MAX_BYTES, read_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("t: 9:30", "9:30"),
        ("t: 09:30", "09:30"),
        ("t: no", "no"),
        ("t: yes", "yes"),
        ("t: off", "off"),
        ("t: true", True),
        ("t: false", False),
        ("t: 12", 12),
        ("t: -3", -3),
        ("t: 0.5", 0.5),
        ("t: 017", 17),
        ("t: ~", None),
        ("t: '9:30'", "9:30"),
    ],
)
def test_scalars_mean_what_educators_meant(text: str, expected: object) -> None:
    doc, problems = read_yaml(text.encode(), "f.yaml")
    assert problems == []
    assert doc is not None and doc.data == {"t": expected}


def test_marks_are_one_based_line_and_column() -> None:
    doc, _ = read_yaml(b"a:\n  b: [1, 2]\n  c: x\n", "f.yaml")
    assert doc is not None
    assert doc.where(("a", "c")) == (3, 6)
    assert doc.where(("a", "b", 1)) == (2, 10)
    assert doc.where(("a", "c"), key=True) == (3, 3)
    assert doc.where(("a", "missing")) == doc.where(("a",))


def test_duplicate_key_is_reported_with_both_lines() -> None:
    _, problems = read_yaml(b"a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.line, p.column) for p in problems] == [(3, 1)]
    assert "duplicate key 'a'" in problems[0].message
    assert "line 1" in problems[0].hint


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"a: [1, 2\n", "YAML syntax"),
        (b"a: 1\n\xff\xfe\n", "not valid UTF-8"),
        (b"", "empty"),
        (b"a: \x00", "NUL"),
        (b"a: !!python/object:os.system x", "unsupported YAML tag"),
        (b"? [a, b]\n: 1\n", "plain word"),
    ],
)
def test_bad_input_is_a_located_problem(raw: bytes, fragment: str) -> None:
    _, problems = read_yaml(raw, "f.yaml")
    assert problems, raw
    assert fragment in problems[0].message
    assert problems[0].file == "f.yaml" and problems[0].line >= 1


def test_invalid_utf8_names_its_line() -> None:
    _, problems = read_yaml(b"a: 1\nb: 2\nc: \xc3\x28\n", "f.yaml")
    assert (problems[0].line, problems[0].column) == (3, 4)


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    _, problems = read_yaml("\n".join(lines).encode(), "bomb.yaml")
    assert "expands to more than" in problems[0].message


def test_huge_file_is_refused_before_parsing() -> None:
    raw = b"# " + b"x" * (MAX_BYTES + 10)
    _, problems = read_yaml(raw, "big.yaml")
    assert "limited to" in problems[0].message


@pytest.mark.parametrize("depth", [500, 5000])
def test_deep_nesting_is_a_problem_not_a_crash(depth: int) -> None:
    raw = ("a: " + "[" * depth + "]" * depth).encode()
    doc, problems = read_yaml(raw, "deep.yaml")
    assert problems or doc is not None


@pytest.mark.parametrize(
    ("raw", "message", "hint"),
    [
        (b"a:\n\tb: 1\n", "a tab character", "spaces"),
        (b"a:\n  b: 1\n  c 2\n  d: 4\n", "could not find expected ':'", "colon"),
        (b"title: Dr. Lee: late\n", "mapping values", "quote"),
        (b"a: *nowhere\n", "undefined alias", "anchor"),
    ],
)
def test_syntax_errors_come_with_a_useful_hint(raw: bytes, message: str, hint: str) -> None:
    _, problems = read_yaml(raw, "f.yaml")
    assert message in problems[0].message and hint in problems[0].hint
