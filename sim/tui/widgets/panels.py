"""Renderings of the office's panels as Content: status line, encounter, people and meters.

Plain functions of the engine's state; the office screen puts them in ``Static`` widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from sim.engine import SUBJECT_METER, Decision, Item, Simulation, format_clock
from sim.engine.state import LogEntry, PersonState
from sim.tui.text import bar, join, literal, verdict


@dataclass(frozen=True)
class Shown:
    """What the player's last choice led to, kept until their next action."""

    choice_text: str
    feedback: str
    closing: tuple[str, str] | None
    decision: Decision | None  # the answer's decision: its verdict is the one shown
    delegation: Decision | None = None  # "handled it yourself", settled by this answer


#: Log kinds of a delegation settling: it worked, or the item came back.
SETTLED = {"delegated": True, "returned": False}


def delegation_verdict(decision: Decision) -> Content:
    """Coaching's line on a settled delegation decision, labelled as such."""
    good = decision.was_best
    why = " ".join((decision.reason or decision.feedback or "").split())
    line = join(Content("✓ " if good else "✗ ").stylize("bold $success" if good else
                                                      "bold $warning"),
                Content("On delegating: ").stylize("bold"),
                Content("the right call. " if good else "not the best call. "), literal(why))
    return line


def settled_notice(sim: Simulation, entry: LogEntry, coaching: bool) -> Content:
    """What the office panel says when a delegated item settles (and, coaching, the verdict)."""
    worked = SETTLED[entry.kind]
    head = Content("✓ Delegation worked: " if worked else "✗ Delegation didn't work: ").stylize(
        "bold $success" if worked else "bold $error")
    lines = [join(head, literal(" ".join(entry.text.split())))]
    if coaching:
        decision = next((d for d in sim.decisions if d.item == entry.item
                         and d.node == "delegate"), None)
        if decision is not None:
            lines.append(delegation_verdict(decision))
    return Content("\n").join(lines)


def status_line(sim: Simulation, *, turn_based: bool, paused: bool, speed: float,
                coaching: bool, cohort: str | None = None, practice: bool = False) -> Content:
    """The header: scenario, clock, running or paused, speed, mode (and the cohort's code)."""
    if sim.is_over:
        state = Content(" day over ").stylize("bold $background on $secondary")
    elif turn_based:
        state = Content(" turn-based ").stylize("bold $background on $primary")
    elif paused:
        state = Content(" ❚❚ paused ").stylize("bold $background on $warning")
    else:
        state = Content(f" ▶ {speed:g}x ").stylize("bold $background on $success")
    return join(
        Content(f" {format_clock(sim.clock)} ").stylize("bold $background on $accent"),
        state, " ",
        Content("PRACTICE" if practice else "coaching" if coaching else "assessment").stylize(
            "bold $warning" if practice else "$text-muted"), "  ",
        # The day's end and the cohort before the title, so a narrow screen cuts the title.
        Content(f"until {format_clock(sim.scenario.end)}  ").stylize("$text-muted"),
        Content(f"cohort {cohort}  " if cohort else "").stylize("$accent"),
        literal(sim.scenario.title, "bold"),
    )


def meter(label: str, value: float, width: int = 8) -> Content:
    """``label ████░░░░ 55``."""
    return join(Content(label).stylize("$text-muted"), bar(value / 100, width),
                Content(f" {value:3.0f}"))


def subject_line(sim: Simulation) -> Content:
    """Who the focused item is about, with their meter."""
    focus = sim.focus
    person = sim.person(focus.subject) if focus else None
    if person is None:
        return Content("")
    name = SUBJECT_METER.get(person.group, "")
    value = person.meters.get(name)
    parts = [literal(person.name, "bold")]
    if value is not None:
        parts += ["   ", meter(f"{name} ", value)]
    return join(*parts)


def can_delegate(sim: Simulation, item: Item | None) -> bool:
    """True when the engine would let ``item`` be delegated now (someone free may take it)."""
    return item is not None and sim.delegation_refusal(item) is None


def encounter(sim: Simulation, shown: Shown | None, coaching: bool,
              highlighted: Item | None, compact: bool = False,
              notices: list[Content] | None = None) -> tuple[Content, Content]:
    """The focused conversation (or what to do next) and its numbered choices.

    ``highlighted`` is the queue's highlighted item. ``compact`` (small terminals) leaves out
    the item's title: the speaker is enough. ``notices`` (delegations that settled since the
    last action) come first. The keys to delegate are offered only for what can be delegated.
    """
    lines: list[Content] = []
    if notices:
        lines += [*notices, Content("─" * 20).stylize("$text-muted")]
    if shown is not None:
        lines += _shown(shown, coaching)
    node = sim.node()
    if sim.focus is None or node is None:
        if sim.is_over:
            closing = next((e.text for e in reversed(sim.log) if e.kind == "closed"), "")
            lines.append(literal(closing or "The day is over.", "bold"))  # said once
            lines.append(Content("Press Enter to see your debrief.").stylize("bold $success"))
        elif highlighted is not None:
            lines.append(join(Content("Next: ").stylize("bold"),
                              literal(sim.title(highlighted))))
            hint = "Enter attends it; ↑↓ pick another" + (
                "; d delegates it." if can_delegate(sim, highlighted) else ".")
            lines.append(Content(hint).stylize("$text-muted"))
        else:
            lines.append(Content("Nothing is waiting for you.").stylize("bold"))
            lines.append(Content("Press w to wait (five minutes, or until something "
                                 "arrives).").stylize("$text-muted"))
        return Content("\n").join(lines), Content("")
    focus = sim.focus
    if not compact:
        lines.append(join(literal(sim.title(focus), "bold $text-accent")))
    speaker, said = sim.wording(node, focus)
    subject = sim.person(focus.subject)
    if subject is not None and subject.name == speaker:
        lines.append(subject_line(sim))  # the speaker, with their meter
    else:
        if subject is not None:
            lines.append(subject_line(sim))
        lines.append(literal(speaker, "bold"))
    lines.append(literal(" ".join(said.split())))
    choices = []
    for number, choice in enumerate(sim.available_choices(), start=1):
        cost = f"  ({choice.minutes} min)" if choice.minutes else "  (no time)"
        choices.append(join(Content(f"{number} ").stylize("bold $background on $accent"), " ",
                            literal(" ".join(sim.render(choice.text, focus).split())),
                            Content(cost).stylize("$text-muted")))
    keys = "h holds it" + ("   d delegates it" if can_delegate(sim, focus) else "")
    if highlighted is not None and can_delegate(sim, highlighted):
        keys += "\nD delegates the highlighted queue item"
    choices.append(Content(keys).stylize("$text-muted"))
    return Content("\n").join(lines), Content("\n").join(choices)


def _shown(shown: Shown, coaching: bool) -> list[Content]:
    lines = [join(Content("You: ").stylize("$text-muted"),
                  literal(" ".join(shown.choice_text.split()), "italic"))]
    if coaching:
        decision = shown.decision
        sign, style = ("✓ ", "bold $success") if decision is None else verdict(
            decision.was_best, decision.earned, decision.possible)
        mark = Content(sign).stylize(style)
        if shown.feedback:
            lines.append(join(mark, literal(" ".join(shown.feedback.split()))))
        if decision is not None and not decision.was_best:
            lines.append(join(Content("Better: ").stylize("bold $success"),
                              literal(" ".join(decision.best_text.split()))))
        if shown.delegation is not None:
            lines.append(delegation_verdict(shown.delegation))
    if shown.closing is not None:
        speaker, text = shown.closing
        lines += [Content(""), join(literal(speaker, "bold"), ":"),
                  literal(" ".join(text.split()))]
    lines.append(Content("─" * 20).stylize("$text-muted"))
    return lines


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


NARROW_WIDTH = 30  # the team panel's inner width on a narrow terminal
NAME_MAX = 22  # names are shown whole up to this (the library's longest is 22)


def _person_line(person: PersonState, wide: bool, name_width: int) -> Content:
    """One line (narrow) or two (wide, with the role) for a staff member or physician.

    Names are never cut short when they fit: on a narrow terminal the bar gives way first.
    """
    meter_name = SUBJECT_METER[person.group]
    value = person.meters.get(meter_name, 0)
    status: Content | None = None
    if person.group == "staff":
        if person.state == "busy" and person.busy_until is not None:
            status = Content(f"busy→{format_clock(person.busy_until)}" if wide else
                             f"→{format_clock(person.busy_until)}").stylize("$warning")
        else:
            status = Content("free").stylize("$success")
    if not wide:
        # Aligned at the width a staff line has room for; a longer physician's name (no
        # status after it) runs on whole.
        name_width = min(name_width, NARROW_WIDTH - 4 - 7)
        room = NARROW_WIDTH - name_width - 4 - 7
        name = person.name if status is None else _fit(person.name, name_width)
        line = join(literal(f"{name:<{name_width}}", "bold"), " ",
                    meter("", value, room) if room >= 3 else Content(f"{value:3.0f}"))
        return join(line, " ", status) if status is not None else line
    line = join(literal(f"{_fit(person.name, NAME_MAX):<{name_width}}", "bold"), " ",
                meter("", value, 6))
    second = [literal(f"  {_fit(person.role, 20)}", "$text-muted")]
    if status is not None:
        second += [Content(" · ").stylize("$text-muted"), status]
    return join(line, "\n", *second)


def people(sim: Simulation, wide: bool) -> Content:
    """Staff (morale, free or busy), physicians (trust) and the practice's meters.

    Narrow terminals get one line per person and no headings.
    """
    lines: list[Content] = []
    name_width = min(NAME_MAX, max((len(p.name) for p in sim.people.values()
                                    if p.group in ("staff", "physician")), default=8))
    for group, heading in (("staff", "Staff · morale"), ("physician", "Physicians · trust")):
        members = [p for p in sim.people.values() if p.group == group]
        if members and wide:
            lines.append(Content(heading).stylize("bold $text-accent"))
        lines += [_person_line(person, wide, name_width) for person in members]
    if wide:
        lines.append(Content("Practice").stylize("bold $text-accent"))
    width = max(name_width, 12)
    for name, value in sim.practice.items():
        lines.append(join(Content(f"{name:<{width}} "), meter("", value, 6 if wide else max(
            3, NARROW_WIDTH - width - 5))))
    return Content("\n").join(lines)
