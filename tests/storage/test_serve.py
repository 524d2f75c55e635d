"""``practice-sim serve``: browsers get the page, and each websocket starts its own game."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

from sim.cli.serve import session_command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_session_command_passes_play_args() -> None:
    command = session_command(["--", "--turn-based", "[x] y"])
    assert command.endswith("-m sim.cli.serve --turn-based '[x] y'")


async def _page(client: aiohttp.ClientSession, base: str) -> str:
    for _ in range(300):  # wait for the server to listen (up to 30 s)
        try:
            async with client.get(base + "/") as response:
                return await response.text()
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)
    raise AssertionError("the server never answered")


async def _exercise(base: str) -> tuple[str, list[bytes]]:
    async with aiohttp.ClientSession() as client:
        page = await _page(client, base)
        frames: list[bytes] = []
        async with client.ws_connect(base + "/ws?width=80&height=24",
                                     headers={"Origin": base}) as ws:
            while sum(len(f) for f in frames) < 2000:
                message = await asyncio.wait_for(ws.receive(), timeout=60)
                if message.type != aiohttp.WSMsgType.BINARY:
                    continue
                frames.append(message.data)
        return page, frames


def _serve(tmp_path: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    return subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--port", str(port), "--saves-dir",
         str(tmp_path / "saves"), *extra], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def _limits(base: str) -> dict[str, object]:
    seen: dict[str, object] = {}
    async with aiohttp.ClientSession() as client:
        await _page(client, base)
        for name, headers in (("foreign", {"Origin": "https://evil.example"}), ("none", {})):
            try:
                async with client.ws_connect(base + "/ws", headers=headers):
                    seen[name] = "opened"
            except aiohttp.WSServerHandshakeError as exc:
                seen[name] = exc.status
        async with client.ws_connect(base + "/ws", headers={"Origin": base}) as first:
            try:
                async with client.ws_connect(base + "/ws", headers={"Origin": base}):
                    seen["second"] = "opened"
            except aiohttp.WSServerHandshakeError as exc:
                seen["second"] = exc.status
            while True:  # no key pressed: the idle timeout closes the session
                message = await asyncio.wait_for(first.receive(), timeout=60)
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    seen["idle"] = "closed"
                    break
    return seen


def test_origin_session_cap_and_idle_timeout(tmp_path: Path) -> None:
    port = _free_port()
    server = _serve(tmp_path, port, "--max-sessions", "1", "--idle-timeout", "0.05")
    try:
        seen = asyncio.run(_limits(f"http://127.0.0.1:{port}"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert seen == {"foreign": 403, "none": 403, "second": 503, "idle": "closed"}


def test_binding_beyond_localhost_without_tls_says_what_to_do() -> None:
    from sim.cli.serve import exposure_warning

    assert exposure_warning("127.0.0.1", None) is None
    assert exposure_warning("0.0.0.0", "https://class.example.org") is None
    warning = exposure_warning("0.0.0.0", None)
    assert warning is not None and "without TLS" in warning and "docs/serve.md" in warning


def test_serve_starts_a_game_per_browser(tmp_path: Path) -> None:
    port = _free_port()
    server = _serve(tmp_path, port)
    try:
        page, frames = asyncio.run(_exercise(f"http://127.0.0.1:{port}"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Practice Sim" in page and f"ws://127.0.0.1:{port}/ws" in page
    assert sum(len(f) for f in frames) >= 2000  # the game is drawing its first screen
