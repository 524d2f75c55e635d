"""A cohort's leaderboard: ranks, scores, skill leaders and pass rate; the player's row stands out.

The standings come from the cohort store (``sim.storage.cohorts.play.standings``), read in a
worker thread: a store that is slow, missing or unreachable gets a message, never a crash.
Names are shown literally and cut to fit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sim.tui.bindings import LEADERBOARD, bindings
from sim.tui.commands import PaletteCommand, from_specs
from sim.tui.screens.base import GameScreen
from sim.tui.text import join, literal, shorten
from sim.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from sim.tui.navigation import Navigator

MUTED = "$text-muted"


def local_time(iso: str | None, with_date: bool = True) -> str:
    """An ISO time from the store as local ``YYYY-MM-DD HH:MM`` (``MM-DD HH:MM`` if short)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso[:16]
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%m-%d %H:%M")


def window_text(cohort: Any, at: datetime | None = None) -> Content:
    """The cohort's window in words: open until when, opens when, or closed since when."""
    state = cohort.window_state(at or datetime.now(UTC))
    if state == "closed":
        return Content(f"closed since {local_time(cohort.closes_at)}: results are no longer "
                       "accepted").stylize("$warning")
    if state == "not_open":
        return Content(f"opens {local_time(cohort.opens_at)}: results count from then"
                       ).stylize("$warning")
    if cohort.closes_at:
        return Content(f"open until {local_time(cohort.closes_at)}")
    return Content("open, no closing date")


def cohort_facts(cohort: Any) -> Content:
    """What a cohort fixes, in one line: scenario, version, seed, mode, timing, policy."""
    timing = "turn-based" if cohort.pace <= 0 else f"real-time ({cohort.pace:g} s a minute)"
    return join(literal(shorten(cohort.scenario_title, 60), "bold"),
                Content(f" v{cohort.scenario_version} · seed {cohort.seed} · {cohort.mode} · "
                        f"{timing} · {cohort.policy} attempt counts"))


def ordinal(rank: int) -> str:
    """1 -> ``1st``, 2 -> ``2nd``, 11 -> ``11th``."""
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def plural(count: int, noun: str) -> str:
    """``1 attempt``, ``2 attempts``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def name_cell(name: str, width: int, style: str = "") -> Content:
    """A player's name shown literally (no markup, no escapes), cut or padded to ``width``."""
    cell = literal(" ".join(name[:width * 4].split())).truncate(width, ellipsis=True)
    cell = cell.pad_right(max(width - cell.cell_length, 0))
    return cell.stylize(style) if style else cell


def how_cell(entry: Any) -> Content:
    """How the attempt was recorded: ``live`` (proctored, by the server) or ``self``
    (a submitted file); ``copy!`` when another player has the same action record."""
    if entry.copied_from:
        return Content(f"{'copy!':<6} ").stylize("bold $error")
    if entry.attempt.provenance == "proctored":
        return Content(f"{'live':<6} ").stylize("$success")
    return Content(f"{'self':<6} ").stylize(MUTED)


def table(board: Any, player: str, width: int) -> Content:
    """The ranking: one line per player, the player's own line highlighted."""
    wide = width >= 90
    stamp = 16 if wide else 11
    fixed = 2 + 3 + 1 + 1 + 5 + 2 + 5 + 1 + 4 + 1 + 4 + 1 + 5 + 2 + 7 + stamp
    name_width = max(10, min(40, width - fixed))
    header = Content(f"  {'#':>3} {'player':<{name_width}} {'score':>5}  {'grade':<5} "
                     f"{'pass':<4} {'open':>4} {'tries':>5}  {'how':<6} {'submitted':<{stamp}}"
                     ).stylize(f"bold {MUTED}")
    lines = [header]
    for entry in board.entries:
        attempt = entry.attempt
        mine = entry.player == player
        passed = Content(f"{'yes' if attempt.passed else 'no':<4}").stylize(
            "$success" if attempt.passed else "$warning")
        line = join(Content("▶ " if mine else "  ").stylize("bold $accent"),
                    Content(f"{entry.rank:>3} "), name_cell(entry.player, name_width,
                                                             "bold" if mine else ""),
                    Content(f" {attempt.score:5.1f}  "),
                    literal(f"{shorten(attempt.grade, 5):<5} "), passed,
                    Content(f" {attempt.unresolved:>4} {entry.attempts:>5}  "),
                    how_cell(entry),
                    Content(f"{local_time(attempt.submitted_at, wide):<{stamp}}").stylize(MUTED))
        lines.append(line.stylize("on $accent-muted") if mine else line)
    if not board.entries:
        lines.append(Content("  No results yet: be the first to play this cohort's day."
                             ).stylize(MUTED))
    return Content("\n").join(lines)


def summary(board: Any, player: str, width: int) -> Content:
    """The player's rank, the pass rate, the scores and each skill's leaders."""
    from sim.tui.screens.picker import skill_name

    lines: list[Content] = []
    rank = board.rank_of(player)
    you = join(Content(" (").stylize(MUTED), literal(shorten(player, 30), MUTED),
               Content(")").stylize(MUTED))
    if rank is not None:
        lines.append(join(Content("You are ").stylize("bold"), Content(
            f"{ordinal(rank)} of {len(board.entries)}").stylize("bold $accent"), you))
    else:
        lines.append(join(Content("You have no result here yet").stylize("bold"), you))
    if board.entries:
        passed = sum(e.attempt.passed for e in board.entries)
        lines.append(join(Content("Pass rate ").stylize("bold"),
                          Content(f"{board.pass_rate:.0%}"),
                          Content(f" ({passed} of {plural(len(board.entries), 'player')}, "
                                  f"{plural(board.total_attempts, 'attempt')})").stylize(
                                      MUTED)))
        lines.append(Content("how: live = recorded by the server as it was played, self = a "
                             "submitted file, copy! = the same actions as another player's"
                             ).stylize(MUTED))
        spread = board.distribution()
        lines.append(join(Content("Scores ").stylize("bold"), Content(
            f"mean {spread['mean']:.1f}, median {spread['median']:.1f}, "
            f"{spread['min']:.1f} to {spread['max']:.1f}")))
    if board.skill_leaders:
        lines += [Content(""), Content("Skill leaders").stylize("bold $text-accent")]
        label = 20 if width >= 60 else 16
        for skill, (best, players) in sorted(board.skill_leaders.items()):
            room = max(8, width - label - 8)
            names = ", ".join(" ".join(p[:width * 2].split()) for p in players[:3])
            more = f" +{len(players) - 3}" if len(players) > 3 else ""
            lines.append(join(literal(f"{shorten(skill_name(skill), label):<{label}}"),
                              Content(f" {best:5.1f}  "),
                              literal(names).truncate(room - len(more), ellipsis=True),
                              Content(more).stylize(MUTED)))
    return Content("\n").join(lines)


class LeaderboardScreen(GameScreen[None]):
    """The standings of the cohort with join code ``code``."""

    HELP = "Leaderboard"

    CSS_PATH = "leaderboard.tcss"
    BINDINGS = bindings(LEADERBOARD)
    app: Navigator

    def __init__(self, code: str):
        super().__init__()
        self.code = code
        self.board: Any = None
        self.problem: Content | None = None

    def compose(self) -> ComposeResult:
        """Title, what the cohort plays, the ranking and the summary."""
        with Vertical(id="lb-head"):
            yield Static(Content(f"Leaderboard · {self.code}").stylize("bold"), id="lb-title")
            yield Static(id="lb-about")
        with VerticalScroll(id="lb-body"):
            yield Static(id="lb-table")
            yield Static(id="lb-summary")
        yield KeyFooter()

    def ready(self) -> None:
        """Look the cohort up."""
        self.query_one("#lb-body").focus()
        self.refresh_board()

    def refresh_board(self) -> None:
        """Read the standings again (in a worker thread)."""
        self.query_one("#lb-table", Static).update(
            Content(f"Looking up cohort {self.code}…").stylize(MUTED))
        self._load(self.code)

    @work(thread=True, exclusive=True, group="leaderboard")
    def _load(self, code: str) -> None:
        from sim.storage.cohorts import StoreUnavailable, store_url
        from sim.storage.cohorts.play import standings

        board: Any = None
        problem: Content
        try:
            board = standings(code, self.app.db, self.app.saves_dir)
        except LookupError:
            problem = join(Content(f"No cohort with join code {code}").stylize("bold $warning"),
                           Content(" in the cohort store "),
                           literal(shorten(store_url(self.app.db, self.app.saves_dir), 80)),
                           Content(".\nCheck the code with your educator (c: type another)."))
        except StoreUnavailable as exc:
            problem = join(Content("Can't reach the cohort store: ").stylize("bold $warning"),
                           literal(shorten(str(exc), 200)), Content(
                               "\nIf your class shares a store, start the game with "
                               "--db URL (or set PRACTICE_SIM_DB)."))
        except Exception as exc:  # psycopg, sqlite3, OS: a message, never a crash
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            problem = join(Content("The cohort store couldn't answer: ").stylize(
                "bold $warning"), literal(shorten(f"{type(exc).__name__}: {first}", 200)),
                Content("\nr tries again."))
        self.app.call_from_thread(self._show, code, board, None if board else problem)

    def _show(self, code: str, board: Any, problem: Content | None) -> None:
        if code != self.code or not self.is_attached:
            return
        self.board, self.problem = board, problem
        if board is not None:
            self.app.remember_cohort(code)
        self._draw()

    def _draw(self) -> None:
        about = self.query_one("#lb-about", Static)
        table_widget = self.query_one("#lb-table", Static)
        summary_widget = self.query_one("#lb-summary", Static)
        board = self.board
        if board is None:
            about.display = False
            table_widget.update(self.problem or Content(""))
            summary_widget.update("")
            return
        cohort = board.cohort
        self.query_one("#lb-title", Static).update(join(
            Content("Leaderboard · ").stylize("bold"), literal(shorten(cohort.name, 60), "bold"),
            Content(f"  [{cohort.code}]").stylize("bold $accent")))
        about.display = True
        about.update(Content("\n").join([cohort_facts(cohort), window_text(cohort)]))
        width = max(self.query_one("#lb-body").content_size.width - 2, 40)
        player = self.app.player
        table_widget.update(table(board, player, width))
        summary_widget.update(summary(board, player, width))
        rank = board.rank_of(player)
        if rank is not None:  # bring the player's row into view
            self.query_one("#lb-body", VerticalScroll).scroll_to(
                y=max(rank - 5, 0), animate=False)

    def on_resize(self) -> None:
        """Columns follow the width."""
        if self.board is not None:
            self.call_after_refresh(self._draw)

    def action_refresh(self) -> None:
        """Read the standings again."""
        self.refresh_board()

    def action_other_code(self) -> None:
        """Another cohort's leaderboard."""
        from sim.tui.screens.dialogs import JoinCodeDialog

        def chosen(code: str | None) -> None:
            if code:
                self.code = code
                self.board, self.problem = None, None
                self.query_one("#lb-title", Static).update(
                    Content(f"Leaderboard · {code}").stylize("bold"))
                self.refresh_board()

        self.app.push_screen(JoinCodeDialog(self.code), chosen)

    def action_back(self) -> None:
        """Back to where we came from."""
        self.close()

    def palette_commands(self) -> list[PaletteCommand]:
        """The screen's keys."""
        return from_specs(self, LEADERBOARD)
