"""A real pseudo-terminal for the TUI benchmarks: start a program in it, read what it paints,
send keys, and time what a person would see."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass, field


@dataclass
class Terminal:
    """A program running in a pty of ``columns`` x ``rows``, and everything it printed."""

    process: subprocess.Popen[bytes]
    master: int
    started: float
    output: bytearray = field(default_factory=bytearray)

    @classmethod
    def spawn(cls, argv: list[str], env: dict[str, str], cwd: str,
              size: tuple[int, int] = (80, 24)) -> Terminal:
        """Start ``argv`` with a pty as its terminal; the clock starts just before the fork."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                   cwd=cwd, start_new_session=True)
        os.close(slave)
        return cls(process, master, started)

    def read(self, timeout: float) -> bytes:
        """Whatever arrives within ``timeout`` seconds (b"" if nothing)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program has exited
            return b""
        self.output += data
        return data

    def wait_for(self, marker: bytes, timeout: float = 30.0) -> float:
        """Seconds since the start until ``marker`` has been painted."""
        deadline = time.perf_counter() + timeout
        while marker not in self.output:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{marker!r} never appeared")
            self.read(0.05)
        return time.perf_counter() - self.started

    def cpu_seconds(self) -> float:
        """CPU time the program has used so far, every thread (Linux: the scheduler's own
        nanosecond count; 0.0 where ``/proc`` doesn't have it). Unlike the wall clock it hardly
        moves when other work shares the machine."""
        total = 0
        try:
            for task in os.listdir(f"/proc/{self.process.pid}/task"):
                with open(f"/proc/{self.process.pid}/task/{task}/schedstat") as stat:
                    total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):
            return 0.0
        return total / 1e9

    def settle(self, quiet: float = 0.25, timeout: float = 10.0) -> None:
        """Read until nothing has arrived for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        while self.read(quiet) and time.perf_counter() < deadline:
            pass

    def press(self, key: bytes, timeout: float = 5.0) -> float:
        """Seconds from sending ``key`` to the first byte of the repaint it causes."""
        self.settle()
        sent = time.perf_counter()
        os.write(self.master, key)
        if not self.read(timeout):
            raise TimeoutError(f"nothing was painted after {key!r}")
        return time.perf_counter() - sent

    def close(self) -> None:
        """Stop the program (its whole session) and release the pty."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)
