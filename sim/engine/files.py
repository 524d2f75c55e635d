"""Reading a file the user named: a regular file only, never more than a byte limit.

Every place that reads a file given on the command line or named inside another file
(scenarios, includes, action files, saves, results) goes through :func:`read_regular`, so a
FIFO, a device or a folder is refused before anything is read (a FIFO would block forever,
``/dev/zero`` never ends) and a huge file is refused without reading it all.
"""

from __future__ import annotations

import os
import stat

from sim.engine.problems import Problem

MIB = 1024 * 1024
SCENARIO_BYTES = 5 * MIB  # a scenario file, or a file it includes


class FileRefused(Exception):
    """A file that can't be read: ``reason`` says why in plain words, ``hint`` what to do."""

    def __init__(self, path: str | os.PathLike[str], reason: str, hint: str = "",
                 kind: str = "unreadable"):
        super().__init__(reason)
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        self.kind = kind  # missing | not_a_file | too_large | unreadable

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" + (f" ({self.hint})" if self.hint else "")


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_special(path: str | os.PathLike[str], mode: int, what: str) -> None:
    if not stat.S_ISREG(mode):
        hint = "name a file inside it" if stat.S_ISDIR(mode) else "name a regular file"
        raise FileRefused(path, f"is {_kind_of(mode)}, not {what}", hint, "not_a_file")


def _size(count: int) -> str:
    return f"{count // MIB} MiB" if count >= MIB else f"{count // 1024} KiB"


def _too_large(path: str | os.PathLike[str], size: int, limit: int, what: str) -> FileRefused:
    return FileRefused(path, f"file is {_size(size)}; {what}s are limited to {_size(limit)}",
                       "is this the right file?", "too_large")


def read_regular(path: str | os.PathLike[str], limit: int, what: str = "a file") -> bytes:
    """The bytes of the regular file ``path``; :class:`FileRefused` for anything else.

    A FIFO, device, socket or folder is refused before it is opened, and again after (in
    case it was swapped in between); a file over ``limit`` bytes is refused unread.
    ``what`` names the file in messages ("a scenario file", "an action file").
    """
    noun = what.split(" ", 1)[-1]
    try:
        _refuse_special(path, os.stat(path).st_mode, what)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
    except FileRefused:
        raise
    except FileNotFoundError:
        raise FileRefused(path, "no such file", "check the path and file name",
                          "missing") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FileRefused(path, f"can't read the file: {reason}") from None
    try:
        info = os.fstat(fd)
        _refuse_special(path, info.st_mode, what)
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit, noun)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(path, f"can't read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(path, len(data), limit, noun)
    return data


def read_source(path: str | os.PathLike[str]) -> tuple[bytes | None, list[Problem]]:
    """A scenario file's bytes, or a problem saying why it can't be read (never blocks on a
    FIFO)."""
    try:
        return read_regular(path, SCENARIO_BYTES, "a scenario file"), []
    except FileRefused as exc:
        return None, [Problem(str(path), 0, 0, exc.reason, hint=exc.hint)]
