"""Machine instructions per full-day replay and per verification, counted by valgrind.

Run: .venv/bin/python -m bench.instructions [--tree PATH] [--json]

A timing-free figure, like ``bench.bytecodes``, that also counts what bytecodes don't weigh
(dictionary lookups, allocation, builtins, the JSON parser): ``valgrind --tool=cachegrind``
counts the instructions of a process that does the work 21 times and of one that does it
once; the difference divided by 20 is one piece of work, start-up and loading left out. The
hash seed is fixed; repeated runs agree within about 0.5%. ``--tree`` counts an older tree
(a folder with its ``sim`` and ``scenarios``, e.g. from ``git archive REF sim scenarios``).

- replay: full-day's best play replayed to the close (``replay_record``), as ``bench.engine``;
- verify: a full-day result file read and verified (replay, score, compare), alternating a
  strong and a weak play, as ``bench.verify``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 21

REPLAY = """
import sys
from bench.bytecodes import replay
run = replay()
for _ in range(int(sys.argv[1])):
    run()
"""

VERIFY = """
import sys, tempfile
from pathlib import Path
from bench.verify import plays
from sim import catalog
from sim.engine import load_scenario, play
from sim.storage.results import load_result, verify, write_result
path = catalog.resolve("full-day")
scenario = load_scenario(path)
days = [play(scenario, actions) for actions in plays(path)][:2]
folder = Path(tempfile.mkdtemp())
files = [write_result(day, folder / f"{i}.json", player=f"trainee {i}", mode="assessment",
                      played_seconds=600) for i, day in enumerate(days)]
for file in files:  # warm: every cache a session of verifications fills
    verify(load_result(file), scenario)
for i in range(int(sys.argv[1])):
    assert verify(load_result(files[i % 2]), scenario).ok
"""


def instructions(code: str, times: int, tree: Path) -> int:
    """Instructions executed by a Python process running ``code`` with ``times``."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": os.pathsep.join(dict.fromkeys([str(tree), str(ROOT)]))}
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                          "--cachegrind-out-file=/dev/null", sys.executable, "-c", code,
                          str(times)], capture_output=True, text=True, env=env, cwd=tree)
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind failed:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_piece(code: str, tree: Path) -> int:
    """Instructions of one piece of work: (``REPEATS`` pieces - one piece) / (REPEATS - 1)."""
    return (instructions(code, REPEATS, tree) - instructions(code, 1, tree)) // (REPEATS - 1)


def main() -> int:
    """Print the counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree to count")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("bench.instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    tree = args.tree.resolve()
    found = {"replay": per_piece(REPLAY, tree), "verify": per_piece(VERIFY, tree)}
    if args.json:
        print(json.dumps(found))
    else:
        print(f"{tree}: one full-day replay {found['replay']:,} instructions, "
              f"one verification {found['verify']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
