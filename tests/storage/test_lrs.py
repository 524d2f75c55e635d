"""``cohort export --xapi --lrs``: statements posted to a real LRS (ralph), idempotently.

.ci/run installs ralph (``ralph-malph[cli,lrs]``) in its own venv and sets
``PRACTICE_SIM_TEST_RALPH`` to its ``ralph`` executable; without it these tests skip.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.cli import main
from sim.engine import Simulation
from sim.storage.cohorts import open_store, roster, service
from sim.storage.cohorts.lrs import LRSClient, post
from sim.storage.results import result_document

RALPH_ENV = "PRACTICE_SIM_TEST_RALPH"
AUTH = "teacher:not-a-real-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def ralph_app(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The ralph executable and an app folder holding one user's credentials."""
    ralph = os.environ.get(RALPH_ENV)
    if not ralph:
        pytest.skip(f"no LRS: set {RALPH_ENV} to a ralph executable (.ci/run installs ralph)")
    app = tmp_path_factory.mktemp("ralph-app")
    user, password = AUTH.split(":")
    subprocess.run([ralph, "auth", "-u", user, "-p", password, "-s", "all",
                    "-M", "mailto:teacher@example.org", "-w"],
                   env=dict(os.environ, RALPH_APP_DIR=str(app), RALPH_RUNSERVER_BACKEND="fs"),
                   check=True,
                   capture_output=True, timeout=120)
    return ralph, app


@pytest.fixture
def lrs(ralph_app: tuple[str, Path], tmp_path: Path) -> Iterator[str]:
    """A fresh ralph LRS (fs backend: it takes new statements into a fresh folder only, so
    each test gets its own) on a free port; its xAPI endpoint URL."""
    ralph, app = ralph_app
    root = tmp_path / "lrs"
    root.mkdir()
    env = dict(os.environ, RALPH_APP_DIR=str(app), RALPH_RUNSERVER_BACKEND="fs")
    port = _free_port()
    (root / "run").mkdir()  # runserver reloads on changes under its folder: keep it empty
    server = subprocess.Popen(
        [ralph, "runserver", "-b", "fs", "--fs-default-directory-path", str(root / "data"),
         "-h", "127.0.0.1", "-p", str(port)], cwd=root / "run", env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    (root / "data").mkdir()
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{url}/__heartbeat__", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("ralph never answered")
        yield f"{url}/xAPI"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _stored(lrs: str) -> list[dict[str, object]]:
    client = LRSClient(lrs, AUTH)
    status, text = client.send("GET", "/statements?limit=500", None)
    assert status == 200, text
    return json.loads(text)["statements"]


def test_export_posts_once_and_reports(lrs: str, tmp_path: Path, scenario_path: Path,
                                       day, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    store = open_store(db)
    from sim.engine import load_scenario

    scenario = load_scenario(scenario_path)
    cohort = service.create(store, service.make_cohort("LRS", scenario, code="LRS1"))
    (a, token_a), (b, token_b) = (roster.invite(store, cohort, "Carol", "carol@example.org"),
                                  roster.invite(store, cohort, "Carol"))
    for sim, token in ((day(), token_a), (day(poor=True), token_b)):
        document = result_document(sim, player="Carol", mode="assessment", played_seconds=90)
        from sim.storage.results import parse_result

        assert service.submit(store, "LRS1", parse_result(document), token=token).ok
    store.close()
    argv = ["cohort", "export", "LRS1", "--xapi", "--decisions", "--lrs", lrs, "--auth", AUTH,
            "--db", db]
    assert main(argv) == 0
    first = capsys.readouterr()
    assert "statement(s) stored, 0 already in the LRS, 0 rejected" in first.out
    count = len(_stored(lrs))
    assert count > 2
    assert main(argv) == 0  # a re-post changes nothing
    assert f"0 statement(s) stored, {count} already in the LRS" in capsys.readouterr().out
    stored = _stored(lrs)
    assert len(stored) == count
    actors = {json.dumps(s["actor"], sort_keys=True) for s in stored}
    assert len(actors) == 2  # two Carols, two actors
    assert any(s["actor"].get("mbox") == "mailto:carol@example.org" for s in stored)
    assert any(s["actor"].get("account", {}).get("name") == b.player_id for s in stored)
    assert a.player_id != b.player_id
    assert all(s.get("version") in (None, "1.0.3", "1.0.0") for s in stored)  # the LRS's own
    config = tmp_path / "lrs.json"
    config.write_text(json.dumps({"url": lrs, "auth": AUTH}), encoding="utf-8")
    assert main(["cohort", "export", "LRS1", "--xapi", "--lrs-config", str(config),
                 "--db", db]) == 0
    assert "0 statement(s) stored, 2 already in the LRS" in capsys.readouterr().out


def test_rejected_statements_and_bad_credentials(lrs: str, tmp_path: Path,
                                                 finished: Simulation,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    good = {"id": "0b6e3f0e-8c1c-4d8e-9b6a-111111111111",
            "actor": {"mbox": "mailto:x@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
            "object": {"id": "https://practice-sim.invalid/scenarios/x"}}
    bad = {"id": "0b6e3f0e-8c1c-4d8e-9b6a-222222222222", "actor": good["actor"],
           "object": good["object"]}  # no verb
    report = post(LRSClient(lrs, AUTH), [good, bad])
    assert report.stored == [good["id"]]
    assert [statement_id for statement_id, _ in report.rejected] == [bad["id"]]
    assert report.summary() == "1 statement(s) stored, 0 already in the LRS, 1 rejected"
    from sim.storage.cohorts.lrs import LRSError

    with pytest.raises(LRSError, match="refused the credentials"):
        post(LRSClient(lrs, "teacher:nope"), [good])
