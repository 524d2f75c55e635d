"""Cohort operations on top of a store: create a cohort, submit (verified) results."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sim import catalog
from sim.engine import Scenario, ScenarioError, check_source, load_scenario
from sim.storage import saves
from sim.storage.cohorts.model import (
    POLICIES,
    SELF_REPORTED,
    Attempt,
    Cohort,
    CohortStore,
    Player,
    StoreError,
)
from sim.storage.cohorts.roster import AccessDenied, authenticate
from sim.storage.results import ResultFile, Verdict, verify

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 6
MODES = ("assessment", "coaching")  # feedback at the debrief, or after each choice
#: A real-time day can't be played faster than this share of its pace allows (pausing and
#: slow answers only make it longer; the slack absorbs rounding and a fast last action).
PACE_SLACK = 0.9


def new_code() -> str:
    """A random join code, easy to read aloud and type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """A join code as stored: upper case, without spaces or dashes."""
    return code.strip().upper().replace("-", "").replace(" ", "")


def require_cohort(store: CohortStore, code: str) -> Cohort:
    """The cohort with join code ``code``; ``LookupError`` names the code when there is none."""
    code = normalize_code(code)
    cohort = store.get_cohort(code)
    if cohort is None:
        raise LookupError(f"no cohort with join code {code}")
    return cohort


def parse_when(text: str | None) -> str | None:
    """An ISO 8601 date or time as UTC ISO text (a time without zone is local time)."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat()


def make_cohort(name: str, scenario: Scenario, *, seed: int | None = None,
                policy: str = "best", mode: str = "assessment", pace: float | None = None,
                opens: str | None = None, closes: str | None = None,
                code: str | None = None, require_proctored: bool = False,
                private: bool = False) -> Cohort:
    """A cohort fixing ``scenario`` (by version and sha256), its seed, mode, pace and window.

    ``private`` stores the scenario's text in the cohort (it must be a single file, no
    ``include:``) and implies ``require_proctored``: it is only ever played on the server."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    opens_at, closes_at = parse_when(opens), parse_when(closes)
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValueError("the cohort must close after it opens")
    text = private_text(scenario) if private else None
    cohort = Cohort(
        code=normalize_code(code) if code else new_code(), name=name,
        scenario_id=scenario.id, scenario_title=scenario.title,
        scenario_version=scenario.version, scenario_sha256=scenario.sha256,
        scenario_path=str(Path(scenario.path).resolve()) if scenario.path else "",
        seed=scenario.seed if seed is None else seed, mode=mode,
        pace=scenario.pace_seconds if pace is None else pace, policy=policy,
        opens_at=opens_at, closes_at=closes_at, created_at=saves.now().isoformat(),
        require_proctored=require_proctored or private, private=private, scenario_text=text)
    if private:  # no path to the file: the store's copy is the only one a session uses
        cohort = Cohort(**{**cohort.__dict__, "scenario_path": ""})
    return cohort


def _private_name(scenario_id: str) -> str:
    return f"<private>/{scenario_id}.yaml"


def private_text(scenario: Scenario) -> str:
    """The scenario's text for a private cohort; ``ValueError`` if it doesn't stand alone."""
    if not scenario.path:
        raise ValueError("a private cohort needs the scenario's file")
    raw = Path(scenario.path).read_bytes()
    loaded, _ = check_source(raw, _private_name(scenario.id))
    if loaded is None or loaded.sha256 != scenario.sha256:
        raise ValueError("a private scenario must be one self-contained file (no include:)")
    return raw.decode("utf-8")


def create(store: CohortStore, cohort: Cohort, retries: int = 20) -> Cohort:
    """Store a cohort, drawing another join code if the code is taken (unless it was chosen)."""
    for _ in range(retries):
        try:
            store.create_cohort(cohort)
            return cohort
        except StoreError:
            cohort = Cohort(**{**cohort.__dict__, "code": new_code()})
    raise StoreError("couldn't find a free join code")


def _candidate_paths(cohort: Cohort) -> Iterator[Path]:
    """The cohort's own file, then the catalog's file of its id: the catalog (which may load
    every scenario to find an id) is searched only when the cohort's file won't do."""
    if cohort.scenario_path:
        yield Path(cohort.scenario_path)
    try:
        found = catalog.resolve(cohort.scenario_id)
    except FileNotFoundError:
        return
    yield found


def cohort_scenario(cohort: Cohort) -> Scenario:
    """The scenario a cohort fixes: its file if unchanged, else one with the same id and hash.

    A private cohort's scenario comes from the store's copy only. ``FileNotFoundError`` when
    no file with the cohort's version (sha256) is found.
    """
    if cohort.scenario_text is not None:
        loaded, _ = check_source(cohort.scenario_text.encode("utf-8"),
                                 _private_name(cohort.scenario_id))
        if loaded is not None and loaded.sha256 == cohort.scenario_sha256:
            return loaded
        raise FileNotFoundError(f"the private scenario of cohort {cohort.code} is damaged")
    for path in _candidate_paths(cohort):
        try:
            scenario = load_scenario(path)
        except (ScenarioError, OSError):
            continue
        if scenario.sha256 == cohort.scenario_sha256:
            return scenario
    raise FileNotFoundError(f"the cohort's scenario '{cohort.scenario_id}' version "
                            f"{cohort.scenario_version} (sha256 {cohort.scenario_sha256[:12]}) "
                            "is not available here: it changed or was removed")


@dataclass
class Submission:
    """What happened to a submitted result: ``accepted``, ``duplicate`` or ``rejected``."""

    outcome: str
    reason: str
    kind: str = ""
    attempt: Attempt | None = None

    @property
    def ok(self) -> bool:
        """True when the result is in the store (new or already there)."""
        return self.outcome in ("accepted", "duplicate")


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def attempt_fingerprint(cohort: str, scenario_sha256: str, seed: int,
                        actions: list[dict[str, str]], player_key: str) -> str:
    """An attempt's identity: what was played (the record) and by whom. Metadata (dates,
    played time, engine version, file name) is not part of it, so an edited copy of one
    play is the same attempt, and the same record under another player is a copied play."""
    canonical = json.dumps([cohort, scenario_sha256, seed, actions, player_key],
                           sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def pace_problem(cohort: Cohort, game_minutes: float, wall_seconds: float) -> str | None:
    """Why ``wall_seconds`` is too fast for ``game_minutes`` of a real-time cohort's day."""
    if cohort.pace <= 0:
        return None
    needed = game_minutes * cohort.pace * PACE_SLACK
    if wall_seconds + 1e-9 < needed:
        return (f"{game_minutes:g} game minutes at {cohort.pace:g} s each take at least "
                f"{needed:.0f} s, but this day took {wall_seconds:.0f} s")
    return None


def submit(store: CohortStore, code: str, result: ResultFile,
           scenario: Scenario | None = None, at: datetime | None = None,
           token: str | None = None, verdict: Verdict | None = None) -> Submission:
    """Check a self-reported result against the cohort's rules, verify it by replay, and
    store it once.

    A cohort with a roster needs the player's ``token``, which binds the attempt to that
    roster entry whatever name the file gives. ``scenario`` saves a load when the caller has
    it; ``at`` is the submission time (now). ``verdict`` is ``verify(result, scenario,
    seed=cohort.seed)`` worked out beforehand (another process verified the file), used only
    if ``scenario`` is the cohort's.
    """
    code = normalize_code(code)
    cohort = store.get_cohort(code)
    if cohort is None:
        return Submission("rejected", f"no cohort with join code {code}", "no_cohort")
    stamp = (at or saves.now()).astimezone(UTC)
    if cohort.require_proctored:
        return Submission("rejected", f"cohort {code} counts only proctored attempts, played "
                          "where the instructor serves it: a result file can't be submitted",
                          "proctored")
    player: Player | None = None
    if token is not None or store.players(code):
        if token is None:
            return Submission("rejected", f"cohort {code} has a roster: submit with --token "
                              "(the token your instructor gave you)", "token")
        try:
            player = authenticate(store, cohort, token, stamp)
        except AccessDenied as exc:
            return Submission("rejected", str(exc), "token")
    window = cohort.window_state(stamp)
    if window == "not_open":
        return Submission("rejected", f"the cohort opens at {cohort.opens_at}", "window")
    if window == "closed":
        return Submission("rejected", f"the cohort closed at {cohort.closes_at}", "window")
    save = result.save
    if player is None and not save.player.strip():
        return Submission("rejected", "the result has no player name (an empty or blank name "
                          "can't be ranked): replay with --player NAME", "player")
    if result.cohort and normalize_code(result.cohort) != code:
        return Submission("rejected", f"the result was played for cohort {result.cohort}",
                          "cohort")
    if save.scenario_id != cohort.scenario_id or save.scenario_sha256 != cohort.scenario_sha256:
        return Submission("rejected", f"the cohort plays '{cohort.scenario_id}' version "
                          f"{cohort.scenario_version}, the result is of '{save.scenario_id}' "
                          f"version {save.scenario_version}", "scenario_version")
    if save.mode != cohort.mode:
        return Submission("rejected", f"the cohort plays {cohort.mode}, the result was "
                          f"played {save.mode}", "mode")
    timing = "turn-based" if cohort.pace <= 0 else "real-time"
    if save.timing != timing:
        return Submission("rejected", f"the cohort plays {timing}, the result was played "
                          f"{save.timing}", "pace")
    if scenario is None or scenario.sha256 != cohort.scenario_sha256:
        verdict = None  # it was worked out on another scenario
        try:
            scenario = cohort_scenario(cohort)
        except FileNotFoundError as exc:
            return Submission("rejected", str(exc), "scenario_missing")
    if verdict is None:
        verdict = verify(result, scenario, seed=cohort.seed)
    recomputed = verdict.standing
    if recomputed is None:
        return Submission("rejected", verdict.reason, verdict.kind)
    too_fast = pace_problem(cohort, recomputed["day"]["minutes"], save.played_seconds)
    if too_fast:
        return Submission("rejected", f"played faster than the cohort's pace: {too_fast}",
                          "pace")
    # a day made under an older engine counts as today's rules score it (verdict says both)
    stored_result = save.data if verdict.current is None else {**save.data, "claimed": recomputed}
    name = player.name if player else save.player
    player_key = player.player_id if player else f"name:{save.player}"
    attempt = Attempt(
        cohort=code, player=name, provenance=SELF_REPORTED,
        player_id=player.player_id if player else None,
        fingerprint=attempt_fingerprint(code, save.scenario_sha256, save.seed, save.actions,
                                        player_key),
        score=recomputed["score"], grade=recomputed["grade"], passed=recomputed["passed"],
        unresolved=_count(recomputed["unresolved"]), played_seconds=save.played_seconds,
        finished_at=save.saved_at.astimezone(UTC).isoformat(), submitted_at=stamp.isoformat(),
        result=stored_result, result_exact=save.exact and stored_result is save.data)
    stored, new = store.submit(attempt)
    if new:
        return Submission("accepted", verdict.reason, "", stored)
    return Submission("duplicate", "already submitted: nothing changed", "", stored)
