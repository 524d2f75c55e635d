"""A YAML reader for educators: plain data plus the line and column of every value.

It differs from ``yaml.safe_load`` on purpose:

* YAML 1.1's sexagesimal integers are gone (``9:30`` stays the string ``"9:30"``), and only
  ``true``/``false`` are booleans (``no``, ``yes``, ``on`` and ``off`` stay strings); numbers
  are read as YAML 1.1 and 1.2 readers both may (``1_000``, ``0b11``, ``0x1f``, ``1e0``,
  ``1.5``), so an editor's schema check and ``validate`` see the same values;
* ``<<: *base`` merges a mapping's keys (explicit keys win);
* duplicate mapping keys are reported instead of silently overwritten;
* an alias bomb, a huge file or invalid UTF-8 becomes a located problem, never a traceback.

Uses libyaml's C parser where it is installed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from sim.engine.files import SCENARIO_BYTES
from sim.engine.problems import Problem

MAX_BYTES = SCENARIO_BYTES
MAX_VALUES = 1_000_000

Path = tuple[Any, ...]
#: Longer number literals are kept as :class:`BigNumber` instead of being converted.
MAX_DIGITS = 18


class BigNumber(float):
    """A number literal too big to hold exactly (``1`` + 400 zeros, ``1e999``, a long hex).

    It compares as plus or minus infinity, so every range check refuses it, and it prints as
    its first digits and length, so a message never spells out (or chokes on) 5,000 digits.
    """

    text: str

    def __new__(cls, text: str) -> BigNumber:
        value = super().__new__(cls, "-inf" if text.startswith("-") else "inf")
        value.text = text
        return value

    def __str__(self) -> str:
        digits = len(self.text)
        return self.text if digits <= 20 else f"{self.text[:8]}... ({digits:,} characters)"

    __repr__ = __str__


#: C0 and C1 control characters (and DEL), except tab and newline: a terminal acts on them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x07: "BEL", 0x08: "backspace", 0x0D: "carriage return", 0x1B: "ESC",
                  0x7F: "DEL", 0x9B: "CSI"}


def control_character(text: str) -> str | None:
    """A description of the first control character in ``text`` (``None`` if it has none)."""
    found = CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X}" + (f" {name}" if name else "")


def _number(tag: str, value: str) -> Any:
    """An int or float for a YAML number literal, or a :class:`BigNumber` if it is huge."""
    if tag == "tag:yaml.org,2002:int":
        body = value.lstrip("+-")
        if body[:2] in ("0o", "0x", "0b"):
            number = int(value, 0)
            return number if number.bit_length() <= 60 else BigNumber(value)
        return int(value) if len(body) <= MAX_DIGITS else BigNumber(value)
    cleaned = value.lower().replace(".inf", "inf").replace(".nan", "nan")
    number = float(cleaned)
    if math.isinf(number) and "inf" not in cleaned:
        return BigNumber(value)
    return number


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2-like implicit types: no sexagesimal numbers, no yes/no/on/off booleans."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
        r"|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


try:
    from yaml.cyaml import CParser

    WITH_LIBYAML = True

    class _Composer(CParser, _Resolver):
        """libyaml's parser and composer with our resolver: a node tree with marks."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    WITH_LIBYAML = False

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
        _Resolver,
    ):
        """The pure-Python parser and composer with our resolver."""

        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)


@dataclass
class Document:
    """Plain data read from one YAML file, with the position of every value by its path."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its nearest ancestor."""
        table = self.key_marks if key else self.marks
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if key:
                table = self.marks
                key = False
                continue
            p = p[:-1]
        return self.marks.get((), (1, 1))


def _is_merge(key_node: Any) -> bool:
    return isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" \
        and not key_node.style


class _Builder:
    """Turns a composed node tree into plain data, recording marks and problems."""

    def __init__(self, filename: str):
        self.filename = filename
        self.doc = Document(None)
        self.problems: list[Problem] = []
        self.count = 0
        self.spill: tuple[Path, tuple[Any, Any]] | None = None  # (for path, pair)

    def problem(self, mark: Any, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(self.filename, mark.line + 1, mark.column + 1, message, hint=hint)
        )

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooBig
        self.doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        raise AssertionError(node)  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        pairs = self.split_misindented(node.value, path)
        merged = [value for key, value in pairs if _is_merge(key)]
        for value_node in merged:
            self.merge(value_node, path, result)
        explicit: set[Any] = set()
        queue = [pair for pair in pairs if not _is_merge(pair[0])]
        index = 0
        while index < len(queue):
            key_node, value_node = queue[index]
            index += 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node.start_mark, "a mapping key must be a plain word")
                continue
            key = self.key(key_node)
            if key in explicit:
                first = self.doc.key_marks.get((*path, key), (0, 0))
                self.problem(key_node.start_mark, f"duplicate key '{key}'",
                             f"first defined on line {first[0]}; keep one")
                continue
            explicit.add(key)
            self.doc.key_marks[(*path, key)] = (
                key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key))
            if self.spill is not None and self.spill[0] == path:  # a misindented header
                queue.insert(index, self.spill[1])
                self.spill = None
        return result

    def key(self, key_node: yaml.ScalarNode) -> Any:
        key = self.scalar(key_node)
        return key_node.value if isinstance(key, bool | float) or key is None else key

    def merge(self, value_node: yaml.Node, path: Path, result: dict[Any, Any]) -> None:
        """``<<: *base`` (or a list of aliases): the base's keys, unless given explicitly."""
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self.problem(value_node.start_mark, "'<<' merges a mapping",
                             "write <<: *name, where &name marks a mapping above")
                continue
            for key, value in self.mapping(source, path).items():
                result.setdefault(key, value)

    def split_misindented(self, pairs: list[tuple[Any, Any]],
                          path: Path) -> list[tuple[Any, Any]]:
        """Spot a mapping header indented too far (``offer:`` with nothing after it, then keys
        that repeat this mapping's own): report it once, and hand it and the keys after it to
        the enclosing mapping (:attr:`spill`) as the author meant, so nothing else cascades."""
        if not path or not isinstance(path[-1], str) or path not in self.doc.key_marks:
            return pairs
        words = [k.value if isinstance(k, yaml.ScalarNode) else None for k, _ in pairs]
        for dup in range(len(words)):
            if words[dup] is None or words[dup] not in words[:dup]:
                continue
            for header in range(dup - 1, -1, -1):
                key_node, value_node = pairs[header]
                empty = (isinstance(value_node, yaml.ScalarNode) and value_node.value == ""
                         and not value_node.style)
                if empty and words[dup] in words[:header]:
                    tail = pairs[header + 1:]
                    line, column = self.doc.key_marks[path]
                    spaces = key_node.start_mark.column + 1 - column
                    self.problem(key_node.start_mark, f"'{key_node.value}:' is indented "
                                 f"{spaces} space(s) too far, so it and the lines after it "
                                 f"read as part of '{path[-1]}' (line {line})",
                                 f"start '{key_node.value}:' in column {column}, like "
                                 f"'{path[-1]}:'")
                    self.spill = (path[:-1], (key_node, yaml.MappingNode(
                        "tag:yaml.org,2002:map", tail, tail[0][0].start_mark if tail else
                        key_node.start_mark, value_node.end_mark)))
                    return pairs[:header]
            return pairs
        return pairs

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        value = node.value
        if tag == "tag:yaml.org,2002:str":
            control = control_character(value)
            if control:
                self.problem(node.start_mark, f"the text contains a control character "
                             f"({control})", "remove it: a terminal acts on control "
                             "characters; write plain text, newlines and tabs")
            return value
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return _number(tag, value)
        if tag == "tag:yaml.org,2002:null":
            return None
        self.problem(node.start_mark, f"unsupported YAML tag {tag}", "remove the !tag")
        return value


# libyaml's wording -> what an educator should look at.
_SYNTAX_HINTS = (
    ("could not find expected ':'", "a key needs a colon and a space after it (key: value); "
     "check this line and the one above"),
    ("expected '-' indicator", "this line's indentation doesn't match the list items above it"),
    ("expected <block end>", "this line's indentation doesn't match the lines above it"),
    ("found undefined alias", "an alias *name needs an anchor &name earlier in the file"),
    ("mapping values are not allowed", "quote text that contains ': ', or add the ':' "
     "missing from a key on the line above"),
    ("found unexpected end of stream", "a quote or bracket is never closed"),
)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _indentation(lines: list[str], line: int, message: str) -> tuple[int, int, str, str] | None:
    """Where an indentation slip really is, for libyaml's "did not find expected key".

    libyaml notices one line late: at the line after the one indented too little. When the
    line before the error is indented less than both its neighbours, it is the culprit.
    """
    if "did not find expected key" not in message or not 1 < line <= len(lines):
        return None

    def content(index: int) -> bool:
        stripped = lines[index].strip()
        return bool(stripped) and not stripped.startswith("#")

    before = [i for i in range(line - 2, -1, -1) if content(i)]
    if not before:
        return None
    here = _indent(lines[line - 1])
    culprit = before[0]
    short = _indent(lines[culprit])
    if short >= here:
        return None
    if len(before) > 1 and _indent(lines[before[1]]) == here:
        return (culprit + 1, short + 1, f"indentation: this line is indented {here - short} "
                f"space(s) less than the lines around it", f"line it up with lines "
                f"{before[1] + 1} and {line}, at column {here + 1}")
    return None


class _TooBig(Exception):
    pass


def read_yaml(raw: bytes, filename: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document from bytes; return its data with marks, or the problems."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(filename, 1, 1,
                              f"file is {len(raw) // 1024} KiB; scenarios are limited to "
                              f"{MAX_BYTES // (1024 * 1024)} MiB",
                              hint="split it with include: or remove generated content")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(filename, line, col, "the file is not valid UTF-8",
                              hint="save it as UTF-8 in your editor")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(filename, line, 1, "the file contains a NUL byte",
                              hint="is this a binary file?")]
    builder = _Builder(filename)
    try:
        composer = _Composer(text)
        node = composer.get_single_node()
        if node is None:
            return None, [Problem(filename, 1, 1, "the file is empty",
                                  hint="start from `practice-sim new ID`")]
        builder.doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        lines = text.splitlines()
        at = lines[line - 1][col - 1:col] if 0 < line <= len(lines) else ""
        indentation = _indentation(lines, line, message)
        if at == "\t":
            message, hint = "a tab character: YAML indents with spaces only", (
                "replace the tab with spaces")
        elif indentation is not None:
            line, col, text, hint = indentation
            return None, [Problem(filename, line, col, text, hint=hint)]
        elif "found duplicate anchor" in message and exc.context_mark is not None:
            name = re.match(r"&?([^\s,\]}]*)", lines[line - 1][col - 1:] if 0 < line <= len(
                lines) else "")
            anchor = f"&{name.group(1)}" if name and name.group(1) else "an anchor"
            return None, [Problem(filename, line, col, f"the anchor {anchor} is defined twice "
                                  f"(first on line {exc.context_mark.line + 1})",
                                  hint="give each anchor its own name")]
        else:
            hint = next((h for key, h in _SYNTAX_HINTS if key in message),
                        "check indentation and quoting on this line")
        return None, [Problem(filename, line, col, f"YAML syntax: {message}", hint=hint)]
    except yaml.YAMLError as exc:
        return None, [Problem(filename, 1, 1, f"YAML syntax: {exc}")]
    except _TooBig:
        return None, [Problem(filename, 1, 1,
                              f"the document expands to more than {MAX_VALUES:,} values",
                              hint="anchors and aliases (&, *) nested too deeply? (a YAML bomb)")]
    except RecursionError:
        return None, [Problem(filename, 1, 1, "the document is nested too deeply",
                              hint="flatten the structure")]
    return builder.doc, builder.problems
