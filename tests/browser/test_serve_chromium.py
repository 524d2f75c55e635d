"""``practice-sim serve --cohort`` in a real headless Chromium (Debian's ``chromium``, driven
by Playwright): sign in with a token, play a day to the debrief, and the attempt lands in the
store as proctored; another token's browser doesn't see the first player's saves; a page from
another origin can't open a game. .ci/run installs both; elsewhere these tests skip.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sim.engine import load_scenario
from sim.storage.cohorts import open_store, roster, service

CHROMIUM = os.environ.get("PRACTICE_SIM_CHROMIUM") or shutil.which("chromium")
ROOT = Path(__file__).parents[2]
FRONT_DESK = ROOT / "tests" / "tui" / "fixtures" / "front-desk.yaml"
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]")

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright isn't installed (.ci/run installs it)")
if CHROMIUM is None:
    pytest.skip("no chromium here (.ci/run installs Debian's chromium)",
                allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition: Callable[[], object], what: str, timeout: float = 60) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A proctored cohort with two players, served on a free port."""
    root = tmp_path_factory.mktemp("served")
    db = str(root / "cohorts.db")
    store = open_store(db)
    cohort = service.create(store, service.make_cohort(
        "Browser exam", load_scenario(FRONT_DESK), code="WEB", pace=0, require_proctored=True))
    tokens = {name: roster.invite(store, cohort, name)[1] for name in ("Ann", "Ben")}
    store.close()
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--cohort", "WEB", "--port", str(port),
         "--db", db, "--saves-dir", str(root / "saves")], cwd=root, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        def up() -> bool:
            try:
                with urllib.request.urlopen(base + "/", timeout=1):
                    return True
            except OSError:
                return False

        _wait(up, "the server")
        yield {"base": base, "db": db, "tokens": tokens, "saves": root / "saves"}
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Screen:
    """A browser tab on the game, and the text the game has drawn so far."""

    def __init__(self, browser: object, base: str):
        self.context = browser.new_context(viewport={"width": 1100, "height": 800})
        self.page = self.context.new_page()
        self.frames: list[str] = []
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.goto(base + "/")

    def _frame(self, payload: object) -> None:
        raw = payload if isinstance(payload, str) else bytes(payload).decode("utf-8", "ignore")
        self.frames.append(ANSI.sub("", raw))

    def text(self) -> str:
        return "".join(self.frames)

    def wait_for(self, words: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text():  # the sync API delivers frames while it waits
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {words!r}; the game drew: "
                                     f"{self.text()[-1500:]!r}")
            self.page.wait_for_timeout(100)

    def pause(self, ms: int = 300) -> None:
        self.page.wait_for_timeout(ms)

    def type(self, text: str) -> None:
        self.page.click("#terminal")
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def close(self) -> None:
        self.context.close()


def _attempts(db: str) -> list[object]:
    store = open_store(db)
    try:
        return store.attempts("WEB")
    finally:
        store.close()


def test_token_login_plays_a_day_that_lands_as_proctored(served: dict, browser: object) -> None:
    screen = Screen(browser, served["base"])
    try:
        screen.wait_for("Sign in")
        screen.type(served["tokens"]["Ann"])
        screen.press("Enter")
        screen.wait_for("Start the day")
        screen.press("Enter")
        for _ in range(40):  # wait out the day, five minutes a key
            screen.wait_for("Wait", 30)
            screen.press("w")
            screen.pause()
            if "day is over" in screen.text().lower() or "closed" in screen.text():
                break
        screen.press("Enter")  # the debrief
        attempts = _wait(lambda: _attempts(served["db"]), "the attempt in the store", 90)
    finally:
        screen.close()
    [attempt] = attempts
    assert (attempt.provenance, attempt.player) == ("proctored", "Ann")
    assert attempt.played_seconds > 0
    assert (served["saves"] / "players" / attempt.player_id).is_dir()


def test_another_token_does_not_see_the_first_players_saves(served: dict,
                                                             browser: object) -> None:
    ann_saves = list((served["saves"] / "players").rglob("*.json"))
    assert ann_saves, "the first test leaves Ann's autosaves on the server"
    screen = Screen(browser, served["base"])
    try:
        screen.wait_for("Sign in")
        screen.type(served["tokens"]["Ben"])
        screen.press("Enter")
        screen.wait_for("Start the day")
        screen.press("Escape")  # back to the title
        screen.wait_for("Load")
        screen.pause(500)
        before = len(screen.text())
        screen.press("ArrowDown")  # Play (highlighted: Ben has no autosave) -> Load a save
        screen.pause()
        screen.press("Enter")
        screen.wait_for("Nothing to load", 30)
        shown = screen.text()[before:]
    finally:
        screen.close()
    assert "Nothing to load" in shown
    assert "autosave" not in shown.lower()


def test_a_page_from_another_origin_cannot_open_a_game(served: dict, browser: object,
                                                       tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>elsewhere</body></html>")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    other = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        ws_url = served["base"].replace("http://", "ws://") + "/ws"
        outcome = page.evaluate("""url => new Promise(done => {
            const ws = new WebSocket(url);
            ws.onopen = () => done("opened");
            ws.onerror = () => done("refused");
        })""", ws_url)
    finally:
        context.close()
        other.shutdown()
    assert outcome == "refused"
