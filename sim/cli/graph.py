"""``practice-sim graph SCENARIO``: the encounter graphs as mermaid or Graphviz DOT text."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.authoring.graph import FORMATS, draw
from sim.cli.common import fail, load_scenario_arg, out

HELP = ("draw the encounter graphs (mermaid or dot) with each choice's skill points; "
        "unreachable nodes are marked")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id or .yaml path")
    parser.add_argument("--encounter", metavar="ID",
                        help="only this encounter (default: all; for mermaid, a Markdown page "
                             "with one diagram per encounter)")
    parser.add_argument("--format", choices=FORMATS, default="mermaid",
                        help="mermaid (default; paste into any mermaid viewer, or a Markdown "
                             "```mermaid block) or dot (for Graphviz: dot -Tsvg)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    """Print or write the diagram(s)."""
    scenario = load_scenario_arg(args.scenario)
    if scenario is None:
        return 1
    if args.encounter and args.encounter not in scenario.encounters:
        return fail(f"no encounter '{args.encounter}' (encounters: "
                    f"{', '.join(scenario.encounters)})")
    text = draw(scenario, args.encounter, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        out(f"wrote {args.output}")
    else:
        out(text, end="" if text.endswith("\n") else "\n")
    return 0
