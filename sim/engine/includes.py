"""``include:``: merge shared YAML files (a cast, common encounters) into a scenario.

An included file is a mapping with any of :data:`INCLUDABLE` as top-level keys. Its maps
(staff, encounters, ...) are merged into the scenario's, where an id defined twice is an
error; its events are appended to the scenario's. Paths are relative to the including file
and must stay inside the main scenario's folder tree; included files may include others,
each file is read once, and a cycle, a missing file or one outside the tree is an error
located on the ``include:`` entry that names it.

Every value keeps its place: :class:`Locator` answers "which file, line and column" for any
path of the merged data, so problems in an included file name that file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sim.engine.files import FileRefused, read_regular
from sim.engine.problems import Problem
from sim.engine.yamlsafe import MAX_BYTES, Document, read_yaml

MAP_SECTIONS = ("skills", "flags", "staff", "physicians", "patients", "archetypes", "encounters")
LIST_SECTIONS = ("events",)
INCLUDABLE = ("include", *MAP_SECTIONS, *LIST_SECTIONS)

PathKey = tuple[Any, ...]


@dataclass
class Sources:
    """The files a scenario was read from: the main file first, then included ones in order."""

    main: str
    raw: dict[str, bytes] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, raw: bytes) -> None:
        """Remember a file's bytes and lines."""
        self.raw[name] = raw
        self.lines[name] = raw.decode("utf-8-sig", errors="replace").splitlines()

    @property
    def files(self) -> list[str]:
        """Every file read, main first."""
        return list(self.raw)

    def digest(self) -> str:
        """SHA-256 of the scenario: of the main file alone, or of every file read, in order."""
        if len(self.raw) <= 1:
            return hashlib.sha256(self.raw.get(self.main, b"")).hexdigest()
        hasher = hashlib.sha256()
        for name, raw in self.raw.items():
            hasher.update(name.encode() + b"\0" + raw + b"\0")
        return hasher.hexdigest()


class Locator:
    """Maps a path of the (merged) scenario data to ``(file, line, column)``."""

    def __init__(self, doc: Document, sources: Sources, origins: dict[PathKey, str] | None = None):
        self.doc = doc
        self.sources = sources
        self.origins = origins or {}

    @property
    def files(self) -> list[str]:
        """Every file the scenario was read from."""
        return self.sources.files

    def file_for(self, path: PathKey) -> str:
        """The file a path's value was read from."""
        p = tuple(path)
        while p:
            if p in self.origins:
                return self.origins[p]
            p = p[:-1]
        return self.sources.main

    def __call__(self, path: PathKey, offset: int = 0) -> tuple[str, int, int]:
        """File, line and column of ``path`` (ending in ``"<key>"`` for the key itself).

        ``offset`` moves the column that many characters into a scalar (past an opening
        quote), to point inside a condition or a text.
        """
        is_key = bool(path) and path[-1] == "<key>"
        clean = tuple(path[:-1]) if is_key else tuple(path)
        line, column = self.doc.where(clean, key=is_key)
        filename = self.file_for(clean)
        lines = self.sources.lines.get(filename, [])
        if offset and 0 < line <= len(lines):
            text = lines[line - 1]
            quoted = column - 1 < len(text) and text[column - 1] in "\"'"
            column += offset + (1 if quoted else 0)
        return filename, line, column


def expand_includes(doc: Document, sources: Sources) -> tuple[Locator, list[Problem]]:
    """Merge every file ``doc`` includes into it (in place); return its locator and problems."""
    merger = _Merger(doc, sources)
    merger.include_from(doc, sources.main, [_key(sources.main)])
    return Locator(doc, sources, merger.origins), merger.problems


def _key(name: str) -> str:
    try:
        return str(Path(name).resolve())
    except (OSError, ValueError, RuntimeError):  # a NUL in the name, a symlink loop
        return os.path.abspath(name.replace("\0", ""))


class _Merger:
    def __init__(self, target: Document, sources: Sources):
        self.target = target
        self.sources = sources
        self.origins: dict[PathKey, str] = {}
        self.problems: list[Problem] = []
        self.seen: set[str] = {_key(sources.main)}
        # Includes stay inside the main scenario's folder tree (symlinks resolved).
        self.root = Path(_key(sources.main)).parent

    def problem(self, name: str, mark: tuple[int, int], message: str, hint: str = "") -> None:
        self.problems.append(Problem(name, mark[0], mark[1], message, hint=hint))

    def include_from(self, doc: Document, name: str, stack: list[str]) -> None:
        """Read and merge each file that ``doc`` (read from ``name``) includes."""
        entries = doc.data.get("include") if isinstance(doc.data, dict) else None
        if not isinstance(entries, list):
            return  # the shape check reports a non-list include:
        base = Path(name).parent
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                continue
            mark = doc.where(("include", index))
            child = str(base / entry)
            key = _key(child)
            if key in stack:
                chain = " -> ".join(Path(p).name for p in [*stack, key][stack.index(key):])
                self.problem(name, mark, f"include cycle: {chain}", "remove one of these includes")
                continue
            if key in self.seen:
                continue  # already merged through another include
            if not Path(key).is_relative_to(self.root):
                self.problem(name, mark, f"included file '{entry}' is outside the scenario's "
                             f"folder ({self.root.as_posix()})",
                             "move the shared file into that folder or a folder inside it")
                continue
            try:
                raw = read_regular(child, MAX_BYTES, "an included file")
            except FileRefused as exc:
                if exc.kind == "missing":
                    self.problem(name, mark, f"included file '{entry}' not found",
                                 f"paths are relative to {base.as_posix() or '.'}/")
                else:
                    self.problem(name, mark, f"can't include '{entry}': {exc.reason}", exc.hint)
                continue
            self.seen.add(key)
            self.sources.add(child, raw)
            child_doc, problems = read_yaml(raw, child)
            self.problems.extend(problems)
            if child_doc is None:
                continue
            if not isinstance(child_doc.data, dict):
                self.problem(child, (1, 1), "an included file is a mapping of sections",
                             "use keys like staff:, patients:, encounters:, events:")
                continue
            self.merge(child_doc, child)
            self.include_from(child_doc, child, [*stack, key])

    def merge(self, doc: Document, name: str) -> None:
        """Merge one included document's sections into the target."""
        data: dict[str, Any] = self.target.data
        for section, value in doc.data.items():
            if section == "include":
                continue
            where = doc.key_marks.get((section,), (1, 1))
            if section not in INCLUDABLE:
                self.problem(name, where, f"'{section}' can't be included",
                             "an included file may hold: " + ", ".join(INCLUDABLE[1:]))
                continue
            expect = list if section in LIST_SECTIONS else dict
            if not isinstance(value, expect):
                kind = "a list" if expect is list else "a mapping"
                self.problem(name, doc.where((section,)), f"'{section}' must be {kind}")
                continue
            if section not in data or data[section] is None:
                data[section] = [] if expect is list else {}
                self.graft(doc, (section,), (section,), name, only_self=True)
                self.origins[(section,)] = name
            merged = data[section]
            if not isinstance(merged, expect):
                continue  # the scenario's own section has the wrong shape: reported there
            if expect is list:
                for index, item in enumerate(value):
                    new_index = len(merged)
                    merged.append(item)
                    self.graft(doc, (section, index), (section, new_index), name)
            else:
                for item_key, item in value.items():
                    if item_key in merged:
                        first = self.where_defined((section, item_key))
                        self.problem(name, doc.key_marks.get((section, item_key), where),
                                     f"'{item_key}' is already defined in {section} at {first}",
                                     "ids must be unique across included files")
                        continue
                    merged[item_key] = item
                    self.graft(doc, (section, item_key), (section, item_key), name)

    def where_defined(self, path: PathKey) -> str:
        """``file:line`` of a path already in the target."""
        line, _ = self.target.key_marks.get(path, self.target.where(path))
        origin = Locator(self.target, self.sources, self.origins).file_for(path)
        return f"{origin}:{line}"

    def graft(self, doc: Document, source: PathKey, dest: PathKey, name: str,
              only_self: bool = False) -> None:
        """Copy the marks under ``source`` in ``doc`` to ``dest`` in the target."""
        size = len(source)
        for table, target in ((doc.marks, self.target.marks),
                              (doc.key_marks, self.target.key_marks)):
            for path, mark in table.items():
                if path[:size] == source and (not only_self or len(path) == size):
                    target[dest + path[size:]] = mark
        if not only_self:
            self.origins[dest] = name
