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


async def _exercise(base: str) -> tuple[str, list[bytes]]:
    async with aiohttp.ClientSession() as client:
        for _ in range(300):  # wait for the server to listen (up to 30 s)
            try:
                async with client.get(base + "/") as response:
                    page = await response.text()
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
        else:
            raise AssertionError("the server never answered")
        frames: list[bytes] = []
        async with client.ws_connect(base + "/ws?width=80&height=24") as ws:
            while sum(len(f) for f in frames) < 2000:
                message = await asyncio.wait_for(ws.receive(), timeout=60)
                if message.type != aiohttp.WSMsgType.BINARY:
                    continue
                frames.append(message.data)
        return page, frames


def test_serve_starts_a_game_per_browser(tmp_path: Path) -> None:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    server = subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--port", str(port), "--saves-dir",
         str(tmp_path / "saves")], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page, frames = asyncio.run(_exercise(f"http://127.0.0.1:{port}"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Practice Sim" in page and f"ws://127.0.0.1:{port}/ws" in page
    assert sum(len(f) for f in frames) >= 2000  # the game is drawing its first screen
