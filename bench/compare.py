"""Every benchmark, before and after, in one run: ``python -m bench.compare [--before REF]``.

The engine of ``REF`` (a commit or branch; default: main) is taken
out with ``git archive`` into a temporary folder; each benchmark script of *this* tree then runs
in a child process once on that engine and once on this one, alternately, ``--rounds`` times,
and the median of each figure is printed side by side as a Markdown table (bench/README.md).
Both engines play the same scenario files: ./scenarios of this tree, or with ``--scenarios REF``
those of commit REF (so that today's engine can be set against an engine older than today's
scenario format, on the scenarios that engine knew).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# long, or alternating inside (memory: one day each side): one round each
ONCE = {"explore", "submit", "startup", "keys", "memory"}
BEFORE = "main"  # the per-minute engine, until the fast engine is merged

# The keypress figures of bench.startup (also run alone: ``--only keys``).
KEYS: dict[str, tuple[str, bool]] = {
    "office_w": ("key w to repaint in the office, seconds (median of 15)", False),
    "minimal_w": ("  the same key in a minimal app, seconds", False),
    "office_attend": ("key enter (attend) to repaint in the office, seconds", False),
    "minimal_attend": ("  the same key in a minimal app, seconds", False),
    "office_hold": ("key h (hold) to repaint in the office, seconds", False),
    "minimal_hold": ("  the same key in a minimal app, seconds", False),
}

# name -> (arguments to ``python -m``, {figure: (label, higher is better)})
BENCHES: dict[str, tuple[list[str], dict[str, tuple[str, bool]]]] = {
    "startup": (["bench.startup", "--json", "--only", "startup"], {
        "start_ratio": ("start-up to the title's first frame in a pty, vs a minimal app", False),
        "game_start_s": ("  practice-sim title screen, seconds (median of 11)", False),
        "minimal_start_s": ("  minimal Textual app, seconds (median of 11)", False),
        "start_cpu_ratio": ("  the same starts in CPU seconds to that frame, vs the minimal app",
                            False),
        "game_start_cpu_s": ("    practice-sim title screen, CPU seconds", False),
        "minimal_start_cpu_s": ("    minimal Textual app, CPU seconds", False),
    }),
    "memory": (["bench.startup", "--json", "--only", "memory"], {
        "memory_ratio": ("peak memory over a full day, vs a minimal app", False),
        "game_peak_mib": ("  practice-sim, MiB", False),
        "minimal_peak_mib": ("  minimal Textual app, MiB", False),
    }),
    "keys": (["bench.startup", "--json", "--only", "keys"], KEYS),
    "engine": (["bench.engine", "--json", "--no-load"], {
        "full_day_replays_per_s": ("full-day best play, replays per CPU second", True),
        "generated_day_replays_per_s": ("generated 60-event day, replays per CPU second", True),
    }),
    "explore": (["bench.explore", "--json"], {
        "default_cpu_s": ("explore full-day, default settings, CPU seconds", False),
        "default_wall_s": ("explore full-day, default settings, wall seconds", False),
    }),
    "verify": (["bench.verify", "--json"], {
        "results_per_s": ("verify 1,000 full-day results, results per CPU second", True),
    }),
    "submit": (["bench.submit", "--json"], {
        "seconds": ("cohort submit of 1,000 result files, wall seconds", False),
    }),
}


def _archive(ref: str, path: str, into: Path) -> None:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, path],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def extract(ref: str, into: Path, scenarios: str | None = None) -> Path:
    """The ``sim`` package of commit ``ref`` in ``into``, with this tree's scenarios (or
    those of commit ``scenarios``)."""
    _archive(ref, "sim", into)
    if scenarios is None:
        shutil.copytree(ROOT / "scenarios", into / "scenarios")
    else:
        _archive(scenarios, "scenarios", into)
    return into


def this_engine(into: Path, scenarios: str) -> Path:
    """A folder with this tree's ``sim`` package (linked) and the scenarios of ``scenarios``."""
    into.mkdir()
    (into / "sim").symlink_to(ROOT / "sim", target_is_directory=True)
    _archive(scenarios, "scenarios", into)
    return into


def run_bench(module: list[str], engine_root: Path | None) -> dict[str, float]:
    """One run of a benchmark script on the engine in ``engine_root`` (None: this tree).

    The child runs in that folder (``python -m`` and ``-c`` put the working folder first on
    the path, and the benchmarks start their own children there too), with this tree second
    on the path for the ``bench`` package.
    """
    env = dict(os.environ)
    root = engine_root or ROOT
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([str(root), str(ROOT)]))
    out = subprocess.run([sys.executable, "-m", *module], capture_output=True, text=True,
                         env=env, cwd=root, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(module)} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _figure(value: float) -> str:
    """A figure to three significant digits, never in exponent form (1,004 not 1e+03)."""
    return f"{value:,.0f}" if abs(value) >= 999.5 else f"{value:.3g}"


def main() -> int:
    """Run the chosen benchmarks before and after, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", default=BEFORE, metavar="REF", help=f"default {BEFORE}")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating rounds of the engine and verify benchmarks (default 3)")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES), help="these benchmarks")
    parser.add_argument("--scenarios", metavar="REF",
                        help="both engines play the scenarios of commit REF (default: this "
                             "tree's)")
    parser.add_argument("--check", action="store_true",
                        help="print which engine each side imports, then stop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        before_root = extract(args.before, Path(folder) / "before", args.scenarios)
        after_root = this_engine(Path(folder) / "after", args.scenarios) \
            if args.scenarios else None
        if args.check:
            for root in (before_root, after_root):
                print(run_bench(["bench.where", "--json"], root))
            return 0
        played = f", both on the scenarios of {args.scenarios}" if args.scenarios else ""
        print(f"| figure | before ({args.before}{played}) | after | after / before |")
        print("| --- | --- | --- | --- |")
        for name in args.only or list(BENCHES):
            module, wanted = BENCHES[name]
            runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
            for _ in range(1 if name in ONCE else args.rounds):
                runs["before"].append(run_bench(module, before_root))
                runs["after"].append(run_bench(module, after_root))
            for figure, (label, _higher) in wanted.items():
                if any(figure not in r for side in runs.values() for r in side):
                    continue  # not measured here (CPU seconds need Linux's /proc)
                before = statistics.median(r[figure] for r in runs["before"])
                after = statistics.median(r[figure] for r in runs["after"])
                print(f"| {label} | {_figure(before)} | {_figure(after)} | "
                      f"{after / before:.2f}x |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
