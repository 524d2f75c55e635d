"""Plain output never passes a control character to the terminal, and errors go to stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli import main
from sim.cli.common import error, out

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
HOSTILE = "Ann\x1b]52;c;aGVsbG8=\x07\x1b[2J\x9b31m"


def test_out_and_error_escape_everything_but_newlines_and_tabs(
        capsys: pytest.CaptureFixture[str]) -> None:
    out(f"a\tb\n{HOSTILE}")
    error(HOSTILE)
    captured = capsys.readouterr()
    assert captured.out == "a\tb\nAnn\\x1b]52;c;aGVsbG8=\\x07\\x1b[2J\\x9b31m\n"
    assert captured.err == "Ann\\x1b]52;c;aGVsbG8=\\x07\\x1b[2J\\x9b31m\n"


def test_scenario_text_with_escapes_never_reaches_the_terminal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    text = TINY.read_text(encoding="utf-8")
    first_title = next(line for line in text.splitlines() if line.startswith("title:"))
    hostile = text.replace(first_title, 'title: "Tiny \\e]52;c;aGk=\\a clinic \\e[2J"', 1)
    (tmp_path / "scenarios").mkdir()
    path = tmp_path / "scenarios" / "tiny.yaml"
    path.write_text(hostile, encoding="utf-8")
    actions = tmp_path / "a.actions"
    actions.write_text("wait 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for argv in (["list"], ["run", str(path), "--actions", str(actions)],
                 ["validate", str(path)]):
        main(argv)
        captured = capsys.readouterr()
        assert "\x1b" not in captured.out + captured.err
        assert "\x07" not in captured.out + captured.err


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_blank_player_names_are_refused(name: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    actions = tmp_path / "a.actions"
    actions.write_text("wait 1\n", encoding="utf-8")
    result = tmp_path / "r.json"
    with pytest.raises(SystemExit) as caught:
        main(["run", str(TINY), "--actions", str(actions), "--player", name,
              "--result", str(result)])
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert "a player's name can't be empty or only spaces" in captured.err
    assert captured.out == "" and not result.exists()


@pytest.mark.parametrize("seed", ["-1", "9" * 40, "1" * 5000])
def test_absurd_seeds_are_refused(seed: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", str(TINY), "--actions", str(tmp_path / "a"), "--seed", seed])
    assert "a seed is a whole number from 0 to" in capsys.readouterr().err
