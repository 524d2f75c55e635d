"""``practice-sim run SCENARIO --actions FILE``: play an action file headless and score it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sim.cli.common import (
    error,
    load_scenario_arg,
    out,
    player_name,
    read_action_text,
    seed_arg,
)
from sim.engine import (
    ActionSyntaxError,
    ReplayError,
    parse_actions,
    play,
    score,
)

HELP = "play an action file headless and print the scored result"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id or .yaml path")
    parser.add_argument("--actions", required=True, metavar="FILE",
                        help="one action a line: attend ITEM, choose CHOICE, hold, "
                             "delegate ITEM STAFF, take ITEM / defer ITEM (answer an "
                             "interruption), wait MINUTES (optional leading HH:MM)")
    parser.add_argument("--seed", type=seed_arg, help="random seed (default: the scenario's)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--player", type=player_name, default="player", metavar="NAME",
                        help="the player's name in the result file (default: player)")
    parser.add_argument("--result", metavar="FILE",
                        help="also write a result file (for practice-sim verify and cohorts)")


def run(args: argparse.Namespace) -> int:
    """Play and print; exit 1 on a bad scenario or action file."""
    scenario = load_scenario_arg(args.scenario)
    if scenario is None:
        return 1
    text = read_action_text(args.actions)
    if text is None:
        return 1
    try:
        sim = play(scenario, parse_actions(text), args.seed)
    except ActionSyntaxError as exc:
        error(f"{args.actions}:{exc.line or 0}: {exc}")
        return 1
    except ReplayError as exc:
        error(f"{args.actions}:{exc.line or 0}: {exc.message}")
        return 1
    if args.result:
        from sim.storage.results import write_result

        try:
            # headless: time moved only with the actions, so the day was turn-based
            write_result(sim, args.result, player=args.player, mode="assessment",
                         played_seconds=0, timing="turn-based")
        except OSError as exc:
            error(f"{args.result}: can't write the result file: {exc.strerror or exc}")
            return 1
    data = score(sim).to_dict()
    if args.json:
        print(json.dumps(data, indent=2))  # ASCII: control characters come out escaped
    else:
        out(format_result(data))
    return 0


def _bar(value: float | None, width: int = 20) -> str:
    if value is None:
        return "(not scored)".ljust(width)
    filled = round(width * value / 100)
    return "#" * filled + "." * (width - filled)


def _outcome(decision: dict[str, Any]) -> str:
    """How a delegation ended, after its text (engine 2 results say)."""
    outcome = decision.get("outcome")
    return {"succeeded": " (it worked)", "failed": " (it failed: it came back to you)",
            "pending": " (still with them at the close)"}.get(outcome or "", "")


def format_result(data: dict[str, Any]) -> str:
    """A trainee-readable report of a result."""
    scenario, day = data["scenario"], data["day"]
    verdict = "PASS" if data["passed"] else "NOT YET"
    lines = [
        f"{scenario['title']} (v{scenario['version']})",
        f"Score {data['score']:.1f}  grade {data['grade']}  {verdict} (pass mark "
        f"{data['pass_mark']:g})",
        f"Day {day['start']}-{day['end']}, closed at {day['closed_at']}",
        "",
        "Skills",
    ]
    for part in data["skills"]:
        score = "  -  " if part["score"] is None else f"{part['score']:5.1f}"
        lines.append(f"  {part['id']:<20} {_bar(part['score'])} {score}  x{part['weight']:g}")
    lines.append("Outcomes")
    for part in data["outcomes"]:
        score = "  -  " if part["score"] is None else f"{part['score']:5.1f}"
        lines.append(f"  {part['id']:<20} {_bar(part['score'])} {score}  x{part['weight']:g}")
    lines += ["", "Decisions"]
    for decision in data["decisions"]:
        mark = "+" if decision["was_best"] else "-"
        lines.append(f" {mark} {decision['at']} {decision['prompt']}")
        lines.append(f"     you: {decision['chosen_text']}{_outcome(decision)}")
        if decision["feedback"]:
            lines.append(f"     why: {decision['feedback']}")
        if not decision["was_best"]:
            lines.append(f"     better: {decision['best_text']}")
            if decision["best_feedback"]:
                lines.append(f"     why: {decision['best_feedback']}")
    if data.get("missed"):
        lines += ["", "Missed (each counts its best line as decisions earned at 0)"]
        for item in data["missed"]:
            lines.append(f"  {item['title']}: {item['what']}")
            if item["first_reply"]:
                lines.append(f"     best first reply: {item['first_reply']}")
            if item["first_feedback"]:
                lines.append(f"     why: {item['first_feedback']}")
    else:
        if data["expired"]:
            lines += ["", "Expired"]
            lines += [f"  {item['arrived']} {item['title']}" for item in data["expired"]]
        if data["unresolved"]:
            lines += ["", "Left open at the close"]
            lines += [f"  {item['arrived']} {item['title']}" for item in data["unresolved"]]
    lines += ["", "Log"] + [f"  {entry}" for entry in data["log"]]
    replay = data["replay"]
    lines += ["", f"Replay: {replay['scenario_id']} v{replay['version']} sha256 "
              f"{replay['sha256'][:12]}... seed {replay['seed']}, {len(replay['actions'])} "
              f"action(s), engine {replay['engine_version']}"]
    return "\n".join(lines)
