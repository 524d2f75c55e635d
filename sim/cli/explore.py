"""``practice-sim explore SCENARIO``: automated playthroughs and the best and worst scores."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sim.authoring.explore import ExploreReport, explore
from sim.cli.common import load_scenario_arg, out, seed_arg
from sim.cli.progress import progress_bar

HELP = ("play a scenario automatically: random runs (runtime errors, dead ends, coverage) and "
        "a search for the best and worst scores")
PROGRESS_AFTER = 50  # runs; shorter explorations finish before a bar would help


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id or .yaml path")
    parser.add_argument("--runs", type=int, default=200, metavar="N",
                        help="random playthroughs (default 200)")
    parser.add_argument("--seed", type=seed_arg, metavar="N",
                        help="day seed of the runs and the search (default: the scenario's)")
    parser.add_argument("--vary-seeds", action="store_true",
                        help="random run i plays day seed SEED+i-1 (other walk-ins and "
                             "delegation outcomes); the search still plays SEED")
    parser.add_argument("--budget", type=int, default=20_000, metavar="N",
                        help="actions the exact search may simulate before it falls back to "
                             "a bounded beam search (default 20000)")
    parser.add_argument("--width", type=int, default=8, metavar="N",
                        help="beam width of the bounded search (default 8; wider is slower "
                             "and finds better bounds)")
    parser.add_argument("--no-search", action="store_true", help="random runs only")
    parser.add_argument("--save-best", metavar="FILE", help="write the best play as an action file")
    parser.add_argument("--save-worst", metavar="FILE",
                        help="write the worst play as an action file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def run(args: argparse.Namespace) -> int:
    """Explore and print; exit 1 on a bad scenario or any runtime error."""
    scenario = load_scenario_arg(args.scenario)
    if scenario is None:
        return 1
    long_run = args.runs >= PROGRESS_AFTER or not args.no_search
    with progress_bar(long_run and not args.no_progress and not args.json) as sink:
        report = explore(scenario, args.runs, args.seed, args.budget, args.width,
                         not args.no_search, sink, args.vary_seeds)
    if report.search:
        for name, extreme in (("save_best", report.search.best),
                              ("save_worst", report.search.worst)):
            target = getattr(args, name)
            if target:
                Path(target).write_text(action_file(report, extreme.actions, name[5:]),
                                        encoding="utf-8")
    if args.json:
        print(json.dumps(to_dict(report), indent=2))
    else:
        out(format_report(report))
    return 1 if report.runtime_errors else 0


def action_file(report: ExploreReport, actions: list[str], which: str) -> str:
    """An action file's text for the best or worst play found."""
    assert report.search is not None
    extreme = getattr(report.search, which)
    kind = "exact" if report.search.exact else f"found by a {report.search.method}"
    header = (f"# {report.scenario}: the {which} play, score {extreme.score:.1f} ({kind}), "
              f"day seed {report.seed}; written by practice-sim explore\n")
    return header + "\n".join(actions) + "\n"


def to_dict(report: ExploreReport) -> dict[str, Any]:
    """Plain data for --json."""
    coverage = report.coverage
    search = report.search
    return {
        "scenario": report.scenario, "seed": report.seed, "runs": report.runs,
        "vary_seeds": report.vary_seeds,
        "scores": {"min": min(report.scores, default=None),
                   "max": max(report.scores, default=None),
                   "mean": sum(report.scores) / len(report.scores) if report.scores else None},
        "runtime_errors": [vars(i) for i in report.runtime_errors],
        "dead_ends": [vars(i) for i in report.dead_ends],
        "coverage": {"nodes": len(coverage.nodes & coverage.all_nodes),
                     "nodes_total": len(coverage.all_nodes),
                     "choices": len(coverage.choices & coverage.all_choices),
                     "choices_total": len(coverage.all_choices),
                     "missing_nodes": ["/".join(n) for n in coverage.missing_nodes],
                     "missing_choices": ["/".join(c) for c in coverage.missing_choices]},
        "search": None if search is None else {
            "exact": search.exact, "method": search.method, "states": search.states,
            "estimated_moves": search.estimated_moves,
            "best": {"score": search.best.score, "actions": search.best.actions},
            "worst": {"score": search.worst.score, "actions": search.worst.actions},
        },
    }


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def format_report(report: ExploreReport) -> str:
    """The report for a person."""
    coverage = report.coverage
    seeds = f"day seed {report.seed}"
    if report.vary_seeds:
        seeds = f"day seeds {report.seed} to {report.seed + report.runs - 1} for the random runs"
        seeds += f", {report.seed} for the search" if report.search else ""
    lines = [f"Explored {report.scenario} ({seeds})", ""]
    if report.scores:
        mean = sum(report.scores) / len(report.scores)
        lines.append(f"Random play: {report.runs} run(s), scores {min(report.scores):.1f} to "
                     f"{max(report.scores):.1f} (mean {mean:.1f})")
    else:
        lines.append(f"Random play: {report.runs} run(s), none finished")
    lines.append(f"  runtime errors: {len(report.runtime_errors)}, dead ends: "
                 f"{len(report.dead_ends)}")
    for issue in report.runtime_errors[:10]:
        lines.append(f"  ! {issue}")
        lines += [f"      {action}" for action in issue.actions[-5:]]
    dead_ends: dict[str, int] = {}
    for issue in report.dead_ends:
        dead_ends[issue.message] = dead_ends.get(issue.message, 0) + 1
    for message, count in dead_ends.items():
        lines.append(f"  ! dead end in {count} run(s): {message}")
    nodes = len(coverage.nodes & coverage.all_nodes)
    choices = len(coverage.choices & coverage.all_choices)
    lines.append(f"Coverage: nodes {_percent(nodes, len(coverage.all_nodes))}, choices "
                 f"{_percent(choices, len(coverage.all_choices))}")
    if coverage.missing_nodes:
        lines.append("  never shown: " + ", ".join("/".join(n) for n in coverage.missing_nodes))
    if coverage.missing_choices:
        lines.append("  never chosen: " + ", ".join(
            "/".join(c) for c in coverage.missing_choices))
    search = report.search
    if search is not None:
        lines.append("")
        if search.exact:
            lines.append(f"Best and worst scores: exact (every decision tried, {search.states} "
                         "states)")
            best, worst = f"{search.best.score:.1f}", f"{search.worst.score:.1f}"
        else:
            size = (f"an estimated {search.estimated_moves:.0e} moves, " if
                    search.estimated_moves and search.estimated_moves > 1e6 else "")
            lines.append(f"Best and worst scores: BOUNDS from a {search.method} (too many "
                         f"decisions to try them all within --budget: {size}so the true best "
                         "may be higher and the true worst lower)")
            best = f"at least {search.best.score:.1f}"
            worst = f"at most {search.worst.score:.1f}"
        for label, value, extreme in (("Best", best, search.best), ("Worst", worst, search.worst)):
            lines.append(f"{label}: {value}")
            lines += [f"    {action}" for action in extreme.actions]
    return "\n".join(lines)
