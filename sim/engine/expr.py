"""The condition language of scenarios, parsed by hand (never ``eval``).

Grammar::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand (("==" | "!=" | "<" | "<=" | ">" | ">=") operand)?
    operand    := NUMBER | STRING | "true" | "false" | CLOCK | PATH | "(" expr ")"

A CLOCK literal such as ``10:30`` is minutes since midnight; a PATH such as
``flags.complaints`` or ``staff.jo.morale`` is looked up in the running day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Node = tuple[Any, ...]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<clock>\d{1,2}:\d{2}(?![\d:]))
    | (?P<number>-?\d+(?:\.\d+)?)
    | (?P<string>"[^"]*"|'[^']*')
    | (?P<op>==|!=|<=|>=|<|>|\(|\))
    | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_][A-Za-z0-9_\-]*)*)
    )""",
    re.VERBOSE | re.ASCII,
)
MAX_DIGITS = 15
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}
_KEYWORDS = {"and", "or", "not", "true", "false"}


class ExprError(ValueError):
    """A condition that does not parse; ``offset`` is the character where it went wrong."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Condition:
    """A parsed condition: its source text and syntax tree."""

    source: str
    tree: Node

    def paths(self) -> list[tuple[str, int]]:
        """Every path the condition reads, with its offset in the source."""
        found: list[tuple[str, int]] = []
        _collect_paths(self.tree, found)
        return found

    def evaluate(self, lookup: Callable[[str], Any]) -> bool:
        """True when the condition holds, reading paths through ``lookup``."""
        return bool(_evaluate(self.tree, lookup))


def _tokenize(source: str) -> list[tuple[str, Any, int]]:
    tokens: list[tuple[str, Any, int]] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        match = _TOKEN.match(source, pos)
        if not match or match.end() == pos:
            start = pos + (len(source[pos:]) - len(source[pos:].lstrip()))
            raise ExprError(f"unexpected '{source[start]}'", start)
        kind = match.lastgroup or ""
        text = match.group(kind)
        offset = match.start(kind)
        if kind == "clock":
            hours, minutes = (int(part) for part in text.split(":"))
            if hours > 23 or minutes > 59:
                raise ExprError(f"'{text}' is not a clock time", offset)
            tokens.append(("value", hours * 60 + minutes, offset))
        elif kind == "number":
            if len(text.lstrip("-").replace(".", "")) > MAX_DIGITS:
                raise ExprError(f"the number {text[:8]}... is too long (conditions compare "
                                f"numbers of at most {MAX_DIGITS} digits)", offset)
            tokens.append(("value", float(text) if "." in text else int(text), offset))
        elif kind == "string":
            tokens.append(("value", text[1:-1], offset))
        elif kind == "op":
            tokens.append(("op", text, offset))
        elif text in ("true", "false"):
            tokens.append(("value", text == "true", offset))
        elif text in _KEYWORDS:
            tokens.append(("op", text, offset))
        else:
            tokens.append(("path", text, offset))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0

    def peek(self) -> tuple[str, Any, int] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take_op(self, *ops: str) -> str | None:
        token = self.peek()
        if token and token[0] == "op" and token[1] in ops:
            self.index += 1
            return token[1]
        return None

    def parse(self) -> Node:
        if not self.tokens:
            raise ExprError("empty condition", 0)
        tree = self.or_expr()
        token = self.peek()
        if token is not None:
            raise ExprError(f"unexpected '{token[1]}' (missing 'and' or 'or'?)", token[2])
        return tree

    def or_expr(self) -> Node:
        tree = self.and_expr()
        while self.take_op("or"):
            tree = ("or", tree, self.and_expr())
        return tree

    def and_expr(self) -> Node:
        tree = self.not_expr()
        while self.take_op("and"):
            tree = ("and", tree, self.not_expr())
        return tree

    def not_expr(self) -> Node:
        if self.take_op("not"):
            return ("not", self.not_expr())
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        token = self.peek()
        if token and token[0] == "op" and token[1] in _COMPARISONS:
            self.index += 1
            return ("cmp", token[1], left, self.operand())
        return left

    def operand(self) -> Node:
        token = self.peek()
        if token is None:
            raise ExprError("the condition ends too early", len(self.source))
        kind, value, offset = token
        if kind == "op" and value == "(":
            self.index += 1
            tree = self.or_expr()
            if not self.take_op(")"):
                raise ExprError("missing ')'", len(self.source))
            return tree
        if kind == "value":
            self.index += 1
            return ("value", value)
        if kind == "path":
            self.index += 1
            return ("path", value, offset)
        raise ExprError(f"expected a value or a path, found '{value}'", offset)


def parse_condition(source: str) -> Condition:
    """Parse a condition; raises ``ExprError`` with the offending offset."""
    return Condition(source, _Parser(source).parse())


def _collect_paths(tree: Node, found: list[tuple[str, int]]) -> None:
    kind = tree[0]
    if kind == "path":
        found.append((tree[1], tree[2]))
    elif kind in ("and", "or"):
        _collect_paths(tree[1], found)
        _collect_paths(tree[2], found)
    elif kind == "not":
        _collect_paths(tree[1], found)
    elif kind == "cmp":
        _collect_paths(tree[2], found)
        _collect_paths(tree[3], found)


def _evaluate(tree: Node, lookup: Callable[[str], Any]) -> Any:
    kind = tree[0]
    if kind == "value":
        return tree[1]
    if kind == "path":
        return lookup(tree[1])
    if kind == "and":
        return bool(_evaluate(tree[1], lookup)) and bool(_evaluate(tree[2], lookup))
    if kind == "or":
        return bool(_evaluate(tree[1], lookup)) or bool(_evaluate(tree[2], lookup))
    if kind == "not":
        return not _evaluate(tree[1], lookup)
    op, left, right = tree[1], _evaluate(tree[2], lookup), _evaluate(tree[3], lookup)
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if isinstance(left, str) != isinstance(right, str):
        return False  # ordering a word against a number never holds
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right
