"""The command line: run --result, verify, cohort create/submit/leaderboard/export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
BEST, POOR = FIXTURES / "storage-day.actions", FIXTURES / "storage-day.poor.actions"


@pytest.fixture
def results(scenario_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Three result files written by ``practice-sim run --result``."""
    paths = {}
    for player, actions in (("Ann", BEST), ("Bob", POOR), ("[red]Cy\x1b[0m", BEST)):
        path = tmp_path / f"{len(paths)}.json"
        assert main(["run", str(scenario_path), "--actions", str(actions), "--player", player,
                     "--result", str(path)]) == 0
        paths[player] = path
    capsys.readouterr()
    return paths


def test_verify_accepts_and_rejects(results: dict[str, Path], scenario_path: Path,
                                    tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ann = results["Ann"]
    data = json.loads(ann.read_text(encoding="utf-8"))
    data["claimed"]["score"] = 99.9
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    argv = ["verify", "--scenario", str(scenario_path)]
    assert main([*argv, str(ann), str(results["Bob"])]) == 0
    out = capsys.readouterr().out
    assert out.count(": OK ") == 2
    assert main([*argv, str(ann), str(edited)]) == 1
    captured = capsys.readouterr()
    assert "REJECTED (score): claims a score of 99.9" in captured.err
    assert ": OK " in captured.out and "REJECTED" not in captured.out
    assert main([*argv, "--json", str(edited)]) == 1
    line = json.loads(capsys.readouterr().out)
    assert (line["ok"], line["kind"]) == (False, "score")
    assert main([*argv, "--seed", "12345", str(ann)]) == 1
    assert "REJECTED (seed)" in capsys.readouterr().err


def test_cohort_round_trip(results: dict[str, Path], scenario_path: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str], store_url: str) -> None:
    db = ["--db", store_url]
    assert main(["cohort", "create", "Week [b]1[/b]", "--scenario", str(scenario_path),
                 "--code", "wk1", *db]) == 0
    assert "Join code: WK1" in capsys.readouterr().out
    files = [str(p) for p in results.values()]
    assert main(["cohort", "submit", "WK1", *files, files[0], *db]) == 0
    out = capsys.readouterr().out
    assert out.count("ACCEPTED") == 3 and out.count("DUPLICATE") == 1
    assert main(["cohort", "leaderboard", "WK1", "--player", "Ann", *db]) == 0
    board = capsys.readouterr().out
    assert ">  1  Ann" in board and "\x1b" not in board and "[red]Cy\\x1b[0m" in board
    assert main(["cohort", "leaderboard", "WK1", "--json", *db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["player"] for e in data["entries"]][:2] == ["Ann", "[red]Cy\x1b[0m"]
    out_file = tmp_path / "board.csv"
    assert main(["cohort", "export", "WK1", "--csv", "-o", str(out_file), *db]) == 0
    assert out_file.read_text(encoding="utf-8").startswith("rank,player,score")
    assert main(["cohort", "export", "WK1", "--xapi", "--decisions", *db]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert len([s for s in statements if s["verb"]["display"]["en-US"] != "responded"]) == 3
    assert main(["cohort", "leaderboard", "NOPE", *db]) == 1


def test_rejected_submission_exits_1(results: dict[str, Path], scenario_path: Path,
                                     tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "c.db")]
    assert main(["cohort", "create", "S", "--scenario", str(scenario_path), "--seed", "3",
                 "--code", "S", *db]) == 0
    assert main(["cohort", "submit", "S", str(results["Ann"]), *db]) == 1
    assert "REJECTED (seed)" in capsys.readouterr().err


def test_unreachable_postgres_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2"
    assert main(["cohort", "leaderboard", "X", "--db", url]) == 2
    assert "can't reach the cohort store" in capsys.readouterr().err


def test_export_with_the_store_down_writes_nothing_to_stdout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2"
    for argv in (["cohort", "export", "X", "--xapi"], ["cohort", "leaderboard", "X", "--csv"],
                 ["cohort", "submit", "X", str(tmp_path / "missing.json")]):
        assert main([*argv, "--db", url]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and "can't reach the cohort store" in captured.err


def test_verify_uses_the_bundled_file_not_a_local_forgery(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from sim import catalog

    bundled = catalog.bundled_dir() / "orientation.yaml"
    actions = catalog.bundled_dir() / "orientation.poor.actions"
    result = tmp_path / "r.json"
    assert main(["run", "orientation", "--actions", str(actions), "--player", "Mallory",
                 "--result", str(result)]) == 0
    (tmp_path / "scenarios").mkdir()  # a local "orientation" that scores the same play higher
    forged = tmp_path / "scenarios" / "orientation.yaml"
    forged.write_text(bundled.read_text(encoding="utf-8") + "\n# forged\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["verify", str(result)]) == 0
    out = capsys.readouterr().out
    import hashlib

    digest = hashlib.sha256(bundled.read_bytes()).hexdigest()
    assert f"against {bundled.resolve()} (sha256 {digest})" in out
    assert "self-reported, not proved by the replay: player, mode, timing" in out
    assert main(["verify", str(result), "--scenario", str(forged)]) == 1
    err = capsys.readouterr().err
    assert "REJECTED (scenario_version)" in err and f"against {forged.resolve()}" in err


def test_verify_of_an_unbundled_scenario_says_to_pass_it(
        results: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(results["Ann"])]) == 1
    err = capsys.readouterr().err
    assert "is not a bundled scenario: verify it against its file with --scenario PATH" in err
