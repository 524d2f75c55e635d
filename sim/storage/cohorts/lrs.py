"""Posting xAPI statements to a learning record store (LRS), idempotently.

Statement ids are stable (``xapi``), so a re-post changes nothing: statements are sent in
batches with ``POST /statements``; when a batch is refused, each of its statements is sent
alone with ``PUT /statements?statementId=ID``, which sorts them into stored, already there
(409 Conflict: the LRS has that id) and rejected (with the LRS's reason). Only the standard
library is used (``urllib``).
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sim.storage.cohorts.xapi import VERSION

BATCH = 50


class LRSError(Exception):
    """The LRS can't be reached or refuses the credentials: nothing more can be sent."""


@dataclass
class PostReport:
    """What the LRS made of the statements."""

    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (id, the LRS's reason)

    def summary(self) -> str:
        """One line for a person."""
        return (f"{len(self.stored)} statement(s) stored, {len(self.already)} already in the "
                f"LRS, {len(self.rejected)} rejected")


class LRSClient:
    """A minimal xAPI client: basic auth, the version header, JSON bodies."""

    def __init__(self, url: str, auth: str, timeout: float = 30):
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"the LRS URL must start with http:// or https:// (got {url!r})")
        if ":" not in auth:
            raise ValueError("--auth is USER:PASSWORD")
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.headers = {
            "Authorization": "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii"),
            "X-Experience-API-Version": VERSION,
            "Content-Type": "application/json",
        }

    def send(self, method: str, path: str, body: Any) -> tuple[int, str]:
        """The status and text of one request; ``LRSError`` when it can't be made."""
        request = urllib.request.Request(self.url + path, method=method, headers=self.headers,
                                         data=json.dumps(body).encode("utf-8"))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", "replace")
            if exc.code in (401, 403):
                raise LRSError(f"the LRS refused the credentials ({exc.code})") from None
            return exc.code, text
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LRSError(f"can't reach the LRS at {self.url}: {reason}") from None


def post(client: LRSClient, statements: list[dict[str, Any]],
         advance: Callable[[int], None] | None = None, batch: int = BATCH) -> PostReport:
    """Send every statement once; ``advance(n)`` is told as they go (a progress bar)."""
    report = PostReport()
    for start in range(0, len(statements), batch):
        chunk = statements[start:start + batch]
        status, _text = client.send("POST", "/statements", chunk)
        if 200 <= status < 300:
            report.stored += [s["id"] for s in chunk]
        else:
            for statement in chunk:
                one, text = client.send("PUT", f"/statements?statementId={quote(statement['id'])}",
                                        statement)
                if 200 <= one < 300:
                    report.stored.append(statement["id"])
                elif one == 409:
                    report.already.append(statement["id"])
                else:
                    report.rejected.append((statement["id"], f"{one}: {_reason(text)}"))
        if advance:
            advance(len(chunk))
    return report


def _reason(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text.strip().splitlines()[0][:200] if text.strip() else "(no reason given)"
    detail = data.get("detail", data) if isinstance(data, dict) else data
    return json.dumps(detail)[:300]
