"""The headless command line: validate, run and list, as an educator and a script use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli import main
from tests.conftest import FIXTURES, TINY

STRONG = "attend ann_desk\nchoose warm\n09:05 attend call\nchoose book\n"


def test_validate_ok(capsys) -> None:
    assert main(["validate", str(TINY)]) == 0
    assert capsys.readouterr().out.strip() == f"{TINY}: ok"


def test_validate_reports_file_line_col_and_exits_1(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text().replace("next: thanks", "next: thank"))
    assert main(["validate", str(bad), str(TINY)]) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert f"{bad}:" in err and "no node 'thank' (did you mean 'thanks'?)" in err
    assert "1 error(s) in 1 of 2 file(s)" in err
    assert captured.out == f"{TINY}: ok\n"  # errors never land in redirected output


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"a: [", b"- just\n- a list\n", b"format: 1\n" * 3,
     b"x: " + b"[" * 3000, ("a: &a [" + ",".join(["x"] * 50) + "]\n" + "".join(
         f"b{i}: &b{i} [" + ",".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * 50) + "]\n"
         for i in range(5))).encode()],
    ids=["binary", "unclosed", "list", "duplicate", "deep", "bomb"],
)
def test_validate_never_prints_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "input.yaml"
    path.write_bytes(content)
    done = subprocess.run([sys.executable, "-m", "sim", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.startswith(f"{path}:") and done.stdout == ""


def test_validate_a_50_mb_file_quickly_and_cleanly(tmp_path: Path, capsys) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"# padding\n" * 5_000_000)
    assert main(["validate", str(path)]) == 1
    assert "limited to" in capsys.readouterr().err


def test_validate_missing_file(capsys) -> None:
    assert main(["validate", "nowhere.yaml"]) == 1
    assert "nowhere.yaml:0:0: no such file" in capsys.readouterr().err


def test_run_prints_a_readable_result(tmp_path: Path, capsys) -> None:
    actions = tmp_path / "play.actions"
    actions.write_text(STRONG)
    assert main(["run", str(TINY), "--actions", str(actions)]) == 0
    out = capsys.readouterr().out
    assert "Score" in out and "Decisions" in out and "Replay: tiny v1" in out


def test_run_json_holds_score_decisions_and_replay(tmp_path: Path, capsys) -> None:
    actions = tmp_path / "play.actions"
    actions.write_text(STRONG)
    assert main(["run", str(TINY), "--actions", str(actions), "--json", "--seed", "9"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["replay"]["seed"] == 9
    assert data["replay"]["sha256"] == __import__("hashlib").sha256(TINY.read_bytes()).hexdigest()
    assert data["replay"]["actions"][0] == {"at": "09:00", "action": "attend ann_desk"}
    assert {"score", "grade", "skills", "outcomes", "decisions", "expired", "log"} <= set(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [("attend ann_desk\nchoose nothing\n", ":2: no choice 'nothing'"),
     ("dance\n", ":1: unknown action 'dance'"),
     ("wait soon\n", ":1: wait takes a whole number"),
     ("09:30 wait 5\n08:00 attend call\n", ":2: 'attend call' is set for 08:00")],
)
def test_run_reports_the_bad_action_line(tmp_path: Path, capsys, text: str,
                                         message: str) -> None:
    actions = tmp_path / "bad.actions"
    actions.write_text(text)
    assert main(["run", str(TINY), "--actions", str(actions)]) == 1
    assert f"{actions}{message}" in capsys.readouterr().err


def test_run_with_an_invalid_scenario_lists_its_problems(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text().replace("who: ann\n", "who: anne\n"))
    actions = tmp_path / "a.actions"
    actions.write_text("wait 1\n")
    assert main(["run", str(bad), "--actions", str(actions)]) == 1
    assert "no patient, staff member or physician 'anne'" in capsys.readouterr().err


def test_list_shows_scenarios_in_the_local_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "walkins.yaml").write_bytes((FIXTURES / "walkins.yaml").read_bytes())
    (tmp_path / "scenarios" / "broken.yaml").write_text("format: 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "walkins" in out and "[local]" in out and "Walk-in morning" in out
    assert "broken" in out and "INVALID" in out


def test_the_bare_command_plays_with_the_parsers_defaults() -> None:
    """``practice-sim`` alone skips the parser (the title shows sooner): its arguments are
    exactly what ``practice-sim play`` parses to."""
    from sim.cli import build_parser, play

    parsed = vars(build_parser("play").parse_args(["play"]))
    del parsed["command"], parsed["handler"]
    assert vars(play.defaults()) == parsed


def test_the_bare_command_runs_play_without_argparse() -> None:
    code = ("import sys, sim.cli, sim.cli.play\n"
            "seen = []\n"
            "sim.cli.play.run = lambda args: seen.append(args.scenario) or 0\n"
            "assert sim.cli.main([]) == 0 and seen == [None]\n"
            "print('argparse' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
