"""The debrief's sections as Content: plain functions of a scored result (``Result.to_dict()``)
and the day it came from. The debrief screen (and ``practice-sim review``) put them on screen.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from sim.engine import Simulation
from sim.tui.screens.briefing import heading
from sim.tui.screens.picker import skill_name
from sim.tui.text import bar, join, literal, shorten, verdict

MUTED = "$text-muted"
SKILLS_LINE = ("Each skill: the points your decisions earned out of the best you could have "
               "earned (missed items count as the worst answer); xN is its weight in the score.")
OUTCOMES_LINE = ("Each outcome: how the day left people and the practice, from 0 to 100 "
                 "(moods, morale, trust, reputation, compliance, items finished); xN is its "
                 "weight.")
OUTCOME_WORDS = {"succeeded": ("✓ ", "it worked", "$success"),
                 "failed": ("✗ ", "it didn't work: the item came back to you", "$error"),
                 "pending": ("… ", "still out when the day closed", "$warning")}


def flat(text: str) -> str:
    """Text on one line (scenario text keeps its words, not its line breaks)."""
    return " ".join(str(text).split())


def decision_heading(sim: Simulation, decision: dict[str, Any]) -> str:
    """Who and what a decision was about: the item's title ("Harold Mensah at the window:
    the missed-appointment fee"), and for a delegation decision, that it was one."""
    item = sim.items.get(decision["item"])
    title = flat(sim.title(item)) if item is not None else decision["item"]
    if decision["node"] == "delegate":
        return f"{title}: yours or a colleague's?"
    encounter = sim.scenario.encounters.get(decision["encounter"])
    if encounter is not None and encounter.start != decision["node"]:
        return f"{title} (later in the conversation)"
    return title


def component_line(part: dict[str, Any]) -> Content:
    """``  communication  ████░░ 57.0  x3``."""
    value = part["score"]
    name = literal(f"  {skill_name(part['id']):<21}")
    if value is None:
        return join(name, Content("not scored today").stylize(MUTED))
    return join(name, bar(value / 100, 20), Content(f" {value:5.1f}"),
                Content(f"  x{part['weight']:g}").stylize(MUTED))


def components(result: dict[str, Any]) -> Content:
    """Skills and outcomes, each explained in one line."""
    lines = [heading("Skills"), Content(SKILLS_LINE).stylize(MUTED)]
    lines += [component_line(part) for part in result["skills"]]
    lines += [Content(""), heading("Outcomes"), Content(OUTCOMES_LINE).stylize(MUTED)]
    lines += [component_line(part) for part in result["outcomes"]]
    return Content("\n").join(lines)


def delegations(result: dict[str, Any], sim: Simulation) -> Content:
    """Whom each item went to, and whether it worked."""
    handed = [d for d in result["decisions"] if d["node"] == "delegate" and d.get("delegated_to")]
    lines = [heading(f"Your delegations ({len(handed)})")]
    if not handed:
        lines.append(Content("  You delegated nothing today.").stylize(MUTED))
    for decision in handed:
        mark, words, style = OUTCOME_WORDS.get(decision.get("outcome") or "pending",
                                               OUTCOME_WORDS["pending"])
        item = sim.items.get(decision["item"])
        title = flat(sim.title(item)) if item is not None else decision["item"]
        lines.append(join(Content(f"  {mark}").stylize(f"bold {style}"),
                          literal(decision.get("delegated_name") or decision["delegated_to"],
                                  "bold"),
                          Content(" took "), literal(f"'{shorten(title, 90)}'"),
                          Content(f": {words}").stylize(style)))
    return Content("\n").join(lines)


def missed(result: dict[str, Any]) -> Content:
    """Every item left unfinished, what happened, and the best first reply it needed."""
    items = result.get("missed") or []
    lines = [heading(f"Missed ({len(items)})")]
    if not items:
        lines.append(Content("  Nothing: every item that came in was finished.").stylize(
            "$success"))
    for item in items:
        points = sum(item.get("possible", {}).values())
        lines.append(join(Content("  ✗ ").stylize("bold $warning"), literal(item["title"], "bold"),
                          Content(f"  {item['what']}").stylize("$warning"),
                          Content(f"  ({points:g} points left on the table)").stylize(MUTED)))
        if item.get("first_reply"):
            lines.append(join(Content("    Best first reply: ").stylize("$success"),
                              literal(flat(item["first_reply"]))))
        if item.get("first_feedback"):
            lines.append(join(Content("    Why: ").stylize(MUTED),
                              literal(flat(item["first_feedback"]), "italic")))
    return Content("\n").join(lines)


def decision_lines(number: int | None, decision: dict[str, Any], sim: Simulation) -> list[Content]:
    """One decision: heading (who and what), your answer, why, and the better one."""
    best = decision["was_best"]
    sign, style = verdict(best, decision["earned"], decision["possible"])
    tag = Content(f"[{number}] " if number is not None else "").stylize("bold $accent")
    lines = [Content(""), join(
        Content(sign).stylize(style),
        tag, Content(f"{decision['at']} ").stylize(MUTED),
        literal(shorten(decision_heading(sim, decision), 160), "bold"))]
    if decision["node"] != "delegate":
        lines.append(join(Content("  Asked: ").stylize(MUTED),
                          literal(shorten(flat(decision["prompt"]), 200))))
    lines.append(join(Content("  You: ").stylize(MUTED), literal(flat(decision["chosen_text"]))))
    if decision["node"] == "delegate" and decision.get("delegated_to"):
        mark, words, style = OUTCOME_WORDS.get(decision.get("outcome") or "pending",
                                               OUTCOME_WORDS["pending"])
        lines.append(join(Content("  Outcome: ").stylize(MUTED),
                          Content(f"{mark}{words}").stylize(style)))
    if decision["feedback"]:
        lines.append(join(Content("  Why: ").stylize(MUTED),
                          literal(flat(decision["feedback"]), "italic")))
    if not best:
        lines.append(join(Content("  Better: ").stylize("$success"),
                          literal(flat(decision["best_text"]))))
        if decision["best_feedback"] and decision["best_feedback"] != decision["feedback"]:
            lines.append(join(Content("  Why: ").stylize(MUTED),
                              literal(flat(decision["best_feedback"]), "italic")))
    return lines


def decisions(result: dict[str, Any], sim: Simulation, numbers: dict[int, int]) -> Content:
    """Every decision; ``numbers`` maps a decision's index to its "try another answer"
    number."""
    items = result["decisions"]
    lines = [heading(f"Your decisions ({sum(d['was_best'] for d in items)} of {len(items)} "
                     "the best available)"),
             Content("✓ the best you had · ◐ good, not the best (half its points or more) · "
                     "✗ a poorer answer").stylize(MUTED)]
    if numbers:
        lines.append(Content("[n]: press t to try another answer there.").stylize(MUTED))
    if not items:
        lines.append(Content("No decisions were made.").stylize(MUTED))
    for index, decision in enumerate(items):
        lines += decision_lines(numbers.get(index), decision, sim)
    return Content("\n").join(lines)


def practice_line(score: float, original: float, at: str, label: str) -> Content:
    """How a practice branch's score moved against the original day."""
    delta = score - original
    sign = "+" if delta > 0 else ""
    style = "$success" if delta > 0 else "$warning" if delta < 0 else MUTED
    return join(Content(" PRACTICE ").stylize("bold reverse"), " ",
                Content(f"{score:.1f} against {original:.1f} on the original day: ").stylize(
                    "bold"),
                Content(f"{sign}{delta:.1f}").stylize(f"bold {style}"),
                Content(f"  (another answer at {at}: ").stylize(MUTED),
                literal(shorten(label, 50), MUTED), Content(")").stylize(MUTED))
