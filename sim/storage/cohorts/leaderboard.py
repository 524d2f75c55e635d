"""A cohort's leaderboard: ranks, per-skill leaders, pass rate and score distribution."""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field
from typing import Any

from sim.storage.cohorts.model import Attempt, Cohort
from sim.storage.safe import csv_cell, printable


@dataclass
class Entry:
    """One player's counted attempt and rank."""

    rank: int
    player: str
    attempt: Attempt
    attempts: int
    copied_from: list[str] = field(default_factory=list)  # others with the same action record

    @property
    def provenance(self) -> str:
        """``proctored`` or ``self-reported``: how the counted attempt reached the store."""
        return self.attempt.provenance

    def skills(self) -> dict[str, float | None]:
        """The counted attempt's skill scores by id."""
        claimed = self.attempt.result.get("claimed", {})
        return {part["id"]: part["score"] for part in claimed.get("skills", [])}


@dataclass
class Leaderboard:
    """The standings of a cohort under its attempt policy."""

    cohort: Cohort
    entries: list[Entry]
    skill_leaders: dict[str, tuple[float, list[str]]] = field(default_factory=dict)
    total_attempts: int = 0

    @property
    def pass_rate(self) -> float | None:
        """Share of ranked players whose counted attempt passed (``None`` with no players)."""
        if not self.entries:
            return None
        return sum(e.attempt.passed for e in self.entries) / len(self.entries)

    def distribution(self) -> dict[str, Any]:
        """Counts per ten-point band, and mean, median, min and max of the counted scores."""
        scores = [e.attempt.score for e in self.entries]
        bands = {f"{low}-{low + 9 if low < 90 else 100}": 0 for low in range(0, 100, 10)}
        for value in scores:
            low = min(int(value // 10) * 10, 90)
            bands[f"{low}-{low + 9 if low < 90 else 100}"] += 1
        summary: dict[str, Any] = {"bands": bands, "count": len(scores)}
        if scores:
            summary.update(mean=round(statistics.fmean(scores), 1),
                           median=round(statistics.median(scores), 1),
                           min=min(scores), max=max(scores))
        return summary

    def copied_plays(self) -> list[list[str]]:
        """Groups of ranked players whose counted attempts have identical action records."""
        groups: dict[str, list[str]] = {}
        for entry in self.entries:
            groups.setdefault(entry.attempt.actions_key(), []).append(entry.player)
        return [names for names in groups.values() if len(names) > 1]

    def rank_of(self, player: str) -> int | None:
        """A player's rank, if they have one."""
        return next((e.rank for e in self.entries if e.player == player), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "cohort": self.cohort.to_dict(),
            "entries": [{"rank": e.rank, "player": e.player, "player_id": e.attempt.player_id,
                         "score": e.attempt.score, "grade": e.attempt.grade,
                         "passed": e.attempt.passed, "unresolved": e.attempt.unresolved,
                         "attempts": e.attempts, "provenance": e.provenance,
                         "copied_play_with": e.copied_from,
                         "submitted_at": e.attempt.submitted_at, "skills": e.skills()}
                        for e in self.entries],
            "copied_plays": self.copied_plays(),
            "skill_leaders": {skill: {"score": best, "players": players}
                              for skill, (best, players) in self.skill_leaders.items()},
            "pass_rate": self.pass_rate,
            "distribution": self.distribution(),
            "total_attempts": self.total_attempts,
        }


def describe_pace(pace: float) -> str:
    """A cohort's pace in words."""
    return "turn-based" if pace <= 0 else f"real time ({pace:g} s per game minute)"


def _order(attempt: Attempt) -> tuple[float, int, int]:
    """Higher score first, then fewer unresolved items, then earlier submission."""
    return (-attempt.score, attempt.unresolved, attempt.id)


def build(cohort: Cohort, attempts: list[Attempt]) -> Leaderboard:
    """The leaderboard of ``attempts``: each player's best (or first) attempt, ranked."""
    by_player: dict[str, list[Attempt]] = {}
    players_by_record: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for attempt in sorted(attempts, key=lambda a: a.id):
        by_player.setdefault(attempt.player_key, []).append(attempt)
        players_by_record.setdefault(attempt.actions_key(), set()).add(attempt.player_key)
        names[attempt.player_key] = attempt.player
    counted = []
    for key, own in by_player.items():
        chosen = own[0] if cohort.policy == "first" else min(own, key=_order)
        counted.append((chosen, key, len(own)))
    counted.sort(key=lambda item: _order(item[0]))
    entries = []
    for rank, (attempt, key, count) in enumerate(counted, start=1):
        # any of the player's attempts sharing its record with another player's is flagged
        others = {other for a in by_player[key] for other in players_by_record[a.actions_key()]
                  if other != key}
        entries.append(Entry(rank, names[key], attempt, count,
                             sorted(names[other] for other in others)))
    leaders: dict[str, tuple[float, list[str]]] = {}
    for entry in entries:
        for skill, value in entry.skills().items():
            if value is None:
                continue
            best = leaders.get(skill)
            if best is None or value > best[0]:
                leaders[skill] = (value, [entry.player])
            elif value == best[0]:
                best[1].append(entry.player)
    return Leaderboard(cohort, entries, leaders, len(attempts))


def format_text(board: Leaderboard, highlight: str | None = None, width: int = 28) -> str:
    """The leaderboard for a terminal; names are shown literally and cut to ``width``."""
    cohort = board.cohort
    lines = [f"{printable(cohort.name)} [{cohort.code}]: {printable(cohort.scenario_title)} "
             f"v{cohort.scenario_version}, seed {cohort.seed}, {cohort.mode}, "
             f"{describe_pace(cohort.pace)}, {cohort.policy} attempt counts",
             ""]
    if not board.entries:
        return "\n".join([*lines, "No results yet."])
    lines.append(f"{'rank':>4}  {'player':<{width}} {'score':>5}  grade  {'open':>4}  tries"
                 "  recorded")
    for entry in board.entries:
        mark = ">" if highlight is not None and entry.player == highlight else " "
        attempt = entry.attempt
        flag = "  COPIED PLAY" if entry.copied_from else ""
        lines.append(f"{mark}{entry.rank:>3}  {printable(entry.player, width):<{width}} "
                     f"{attempt.score:5.1f}  {attempt.grade:<5}  {attempt.unresolved:>4}  "
                     f"{entry.attempts:>5}  {entry.provenance}{flag}")
    if any(e.copied_from for e in board.entries):
        lines += ["", "Copied plays (identical action records from different players):"]
        for entry in board.entries:
            if entry.copied_from:
                others = ", ".join(printable(name, width) for name in entry.copied_from)
                lines.append(f"  {printable(entry.player, width)}: same record as {others}")
    lines += ["", "Skill leaders"]
    for skill, (best, players) in sorted(board.skill_leaders.items()):
        names = ", ".join(printable(p, width) for p in players[:3])
        more = f" and {len(players) - 3} more" if len(players) > 3 else ""
        lines.append(f"  {skill:<22} {best:5.1f}  {names}{more}")
    rate = board.pass_rate or 0.0
    passed = sum(e.attempt.passed for e in board.entries)
    lines += ["", f"Pass rate {rate:.0%} ({passed} of {len(board.entries)} players, "
              f"{board.total_attempts} attempt(s))"]
    summary = board.distribution()
    lines.append(f"Scores: mean {summary['mean']}, median {summary['median']}, "
                 f"min {summary['min']}, max {summary['max']}")
    top = max(summary["bands"].values()) or 1
    for band, count in reversed(summary["bands"].items()):
        lines.append(f"  {band:>6} {'#' * round(20 * count / top):<20} {count}")
    return "\n".join(lines)


def to_csv(board: Leaderboard) -> str:
    """One row per ranked player, with a column per skill; formula-safe cells."""
    skills = sorted({s for e in board.entries for s in e.skills()})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "player", "player_id", "score", "grade", "passed", "unresolved",
                     "attempts", "provenance", "copied_play_with", "submitted_at", *skills])
    for e in board.entries:
        values = e.skills()
        writer.writerow([e.rank, csv_cell(e.player), e.attempt.player_id or "",
                         e.attempt.score, e.attempt.grade,
                         "yes" if e.attempt.passed else "no", e.attempt.unresolved, e.attempts,
                         e.provenance, "; ".join(csv_cell(n) for n in e.copied_from),
                         e.attempt.submitted_at,
                         *["" if values.get(s) is None else values[s] for s in skills]])
    return out.getvalue()
