"""Cohort operations on top of a store: create a cohort, submit (verified) results."""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sim import catalog
from sim.engine import Scenario, ScenarioError, load_scenario
from sim.storage import saves
from sim.storage.cohorts.model import POLICIES, Attempt, Cohort, CohortStore, StoreError
from sim.storage.results import ResultFile, verify

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 6
MODES = ("assessment", "coaching")  # feedback at the debrief, or after each choice


def new_code() -> str:
    """A random join code, easy to read aloud and type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(code: str) -> str:
    """A join code as stored: upper case, without spaces or dashes."""
    return code.strip().upper().replace("-", "").replace(" ", "")


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
                code: str | None = None) -> Cohort:
    """A cohort fixing ``scenario`` (by version and sha256), its seed, mode, pace and window."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    opens_at, closes_at = parse_when(opens), parse_when(closes)
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValueError("the cohort must close after it opens")
    return Cohort(
        code=normalize_code(code) if code else new_code(), name=name,
        scenario_id=scenario.id, scenario_title=scenario.title,
        scenario_version=scenario.version, scenario_sha256=scenario.sha256,
        scenario_path=str(Path(scenario.path).resolve()) if scenario.path else "",
        seed=scenario.seed if seed is None else seed, mode=mode,
        pace=scenario.pace_seconds if pace is None else pace, policy=policy,
        opens_at=opens_at, closes_at=closes_at, created_at=saves.now().isoformat())


def create(store: CohortStore, cohort: Cohort, retries: int = 20) -> Cohort:
    """Store a cohort, drawing another join code if the code is taken (unless it was chosen)."""
    for _ in range(retries):
        try:
            store.create_cohort(cohort)
            return cohort
        except StoreError:
            cohort = Cohort(**{**cohort.__dict__, "code": new_code()})
    raise StoreError("couldn't find a free join code")


def cohort_scenario(cohort: Cohort) -> Scenario:
    """The scenario a cohort fixes: its file if unchanged, else one with the same id and hash.

    ``FileNotFoundError`` when no file with the cohort's version (sha256) is found.
    """
    candidates: list[Path] = []
    if cohort.scenario_path:
        candidates.append(Path(cohort.scenario_path))
    with contextlib.suppress(FileNotFoundError):
        candidates.append(catalog.resolve(cohort.scenario_id))
    for path in candidates:
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


def submit(store: CohortStore, code: str, result: ResultFile,
           scenario: Scenario | None = None, at: datetime | None = None) -> Submission:
    """Check a result against the cohort's rules, verify it by replay, and store it once.

    ``scenario`` saves a load when the caller has it; ``at`` is the submission time (now).
    """
    code = normalize_code(code)
    cohort = store.get_cohort(code)
    if cohort is None:
        return Submission("rejected", f"no cohort with join code {code}", "no_cohort")
    stamp = (at or saves.now()).astimezone(UTC)
    window = cohort.window_state(stamp)
    if window == "not_open":
        return Submission("rejected", f"the cohort opens at {cohort.opens_at}", "window")
    if window == "closed":
        return Submission("rejected", f"the cohort closed at {cohort.closes_at}", "window")
    save = result.save
    if not save.player.strip():
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
    if scenario is None or scenario.sha256 != cohort.scenario_sha256:
        try:
            scenario = cohort_scenario(cohort)
        except FileNotFoundError as exc:
            return Submission("rejected", str(exc), "scenario_missing")
    verdict = verify(result, scenario, seed=cohort.seed)
    recomputed = verdict.standing
    if recomputed is None:
        return Submission("rejected", verdict.reason, verdict.kind)
    # a day made under an older engine counts as today's rules score it (verdict says both)
    stored_result = save.data if verdict.current is None else {**save.data, "claimed": recomputed}
    attempt = Attempt(
        cohort=code, fingerprint=result.fingerprint(), player=save.player,
        score=recomputed["score"], grade=recomputed["grade"], passed=recomputed["passed"],
        unresolved=_count(recomputed["unresolved"]), played_seconds=save.played_seconds,
        finished_at=save.saved_at.astimezone(UTC).isoformat(), submitted_at=stamp.isoformat(),
        result=stored_result)
    stored, new = store.submit(attempt)
    if new:
        return Submission("accepted", verdict.reason, "", stored)
    return Submission("duplicate", "already submitted: nothing changed", "", stored)
