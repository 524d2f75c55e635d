"""A cohort's roster: per-player secret tokens, issued once and stored only as hashes.

A token is 128 random bits (``secrets.token_urlsafe``), so a plain SHA-256 of it is safe to
store: there is nothing to guess from. Every refusal is an :class:`AccessDenied` with a
one-line reason, and changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from datetime import UTC, datetime

from sim.storage import saves
from sim.storage.cohorts.model import Cohort, CohortStore, Player

MAX_NAME = 100
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


class AccessDenied(Exception):
    """A token, player or cohort that can't be used now: the message says why in one line."""


def hash_token(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.strip().encode("utf-8", "surrogatepass")).hexdigest()


def clean_player_name(name: str) -> str:
    """A roster name: trimmed, inner spaces collapsed; ``ValueError`` if empty or too long."""
    cleaned = " ".join("".join(ch for ch in name if ch.isprintable()).split())
    if not cleaned:
        raise ValueError("a player's name can't be empty or only spaces")
    if len(cleaned) > MAX_NAME:
        raise ValueError(f"a player's name is at most {MAX_NAME} characters")
    return cleaned


def invite(store: CohortStore, cohort: Cohort, name: str,
           email: str | None = None) -> tuple[Player, str]:
    """Add ``name`` to the roster; returns the entry and its token (shown once, never stored)."""
    name = clean_player_name(name)
    if email is not None:
        email = email.strip()
        if not _EMAIL.match(email):
            raise ValueError(f"'{email}' is not an email address")
    token = secrets.token_urlsafe(16)
    player = Player(cohort=cohort.code, player_id=uuid.uuid4().hex, name=name, email=email,
                    created_at=saves.now().isoformat())
    store.add_player(player, hash_token(token))
    return player, token


def window_problem(cohort: Cohort, at: datetime | None = None) -> str | None:
    """Why the cohort takes no attempt now (``None`` when it is open)."""
    state = cohort.window_state((at or saves.now()).astimezone(UTC))
    if state == "not_open":
        return f"cohort {cohort.code} opens at {cohort.opens_at}"
    if state == "closed":
        return f"cohort {cohort.code} closed at {cohort.closes_at}"
    return None


def authenticate(store: CohortStore, cohort: Cohort, token: str,
                 at: datetime | None = None) -> Player:
    """The roster entry of ``token``; ``AccessDenied`` for a bad or revoked token or a cohort
    that isn't open."""
    player = store.player_by_token(cohort.code, hash_token(token)) if token.strip() else None
    if player is None:
        raise AccessDenied(f"that token is not on the roster of cohort {cohort.code}: check "
                           "it, or ask your instructor for yours")
    if player.revoked_at:
        raise AccessDenied(f"the token of {player.name} in cohort {cohort.code} was revoked "
                           f"at {player.revoked_at}: ask your instructor for a new one")
    problem = window_problem(cohort, at)
    if problem:
        raise AccessDenied(problem)
    return player


def find_player(store: CohortStore, code: str, who: str) -> Player:
    """A roster entry by player id or exact name; ``LookupError`` if none or ambiguous."""
    roster = store.players(code)
    matches = [p for p in roster if p.player_id == who] or [p for p in roster if p.name == who]
    if not matches:
        raise LookupError(f"no player '{who}' on the roster of cohort {code}")
    if len(matches) > 1:
        ids = ", ".join(p.player_id for p in matches)
        raise LookupError(f"{len(matches)} players are called '{who}': name one by id ({ids})")
    return matches[0]
