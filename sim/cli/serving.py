"""The web server behind ``practice-sim serve``: textual-serve's, with the limits a class needs.

- The websocket that starts a game process must come from a page of this server: its
  ``Origin`` must be the served origin (``--public-url``, else ``http://HOST:PORT``), so no
  other web page the player opens can start games here.
- At most ``max_sessions`` games run at once; the next browser is told the server is full.
- A session without a key press or resize for ``idle_seconds`` is closed (its day is
  autosaved by the game, and a proctored day's actions are already recorded).
"""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("practice-sim.serve")


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, as browsers send it in ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class ClassServer(Server):
    """textual-serve's server with an Origin check, a session cap and an idle timeout."""

    def __init__(self, command: str, *, max_sessions: int, idle_seconds: float,
                 **kwargs: object):
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.sessions = 0
        self.allowed_origins = {origin_of(self.public_url)}
        if urlsplit(self.public_url).hostname in ("127.0.0.1", "localhost"):
            port = urlsplit(self.public_url).port
            suffix = f":{port}" if port else ""
            self.allowed_origins |= {f"http://127.0.0.1{suffix}", f"http://localhost{suffix}"}

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Refuse foreign origins and a full server; otherwise run a game for the socket."""
        origin = (request.headers.get("Origin") or "").lower()
        if origin not in self.allowed_origins:
            log.warning("refused a websocket from origin %r", origin or "(none)")
            return web.Response(status=403, text="practice-sim: this page may not open a "
                                                 "game here (wrong Origin)\n")
        if self.sessions >= self.max_sessions:
            return web.Response(status=503, text=f"practice-sim: the server is full "
                                                 f"({self.max_sessions} games): try later\n")
        self.sessions += 1
        try:
            return await self._run_session(request)
        finally:
            self.sessions -= 1

    async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _to_int(request.query.get("width", "80"), 80)
        height = _to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(self.command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=websocket.close,
                                     download_manager=self.download_manager, debug=self.debug)
            await app_service.start(width, height)
            try:
                await self._messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as exc:  # one broken session never takes the server down
            log.exception(exc)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket

    async def _messages(self, websocket: web.WebSocketResponse,
                        app_service: AppService) -> None:
        """Pass the browser's keys and resizes on; close the socket when idle too long."""
        last = time.monotonic()
        while not websocket.closed:
            remaining = self.idle_seconds - (time.monotonic() - last)
            if remaining <= 0:
                await websocket.close(message=b"idle")
                return
            try:
                message = await websocket.receive(timeout=remaining)
            except TimeoutError:
                continue
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED,
                                WSMsgType.ERROR):
                return
            if message.type != WSMsgType.TEXT:
                continue
            envelope = message.json()
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                last = time.monotonic()
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                last = time.monotonic()
                await app_service.set_terminal_size(_to_int(data.get("width"), 80),
                                                    _to_int(data.get("height"), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()


def _to_int(value: object, default: int) -> int:
    try:
        return max(1, min(int(value), 1000))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
