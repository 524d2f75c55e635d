"""Hostile files and values: FIFOs, devices, folders, out-of-tree includes, huge numbers and
control characters each give a plain, located problem, never a hang or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.engine import ActionSyntaxError, parse_action, parse_actions, validate_file
from sim.engine.files import FileRefused, read_regular
from sim.storage.saveformat import SaveError, read_document
from tests.conftest import TINY

TINY_TEXT = TINY.read_text(encoding="utf-8")
FIFO_OK = hasattr(os, "mkfifo")


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child with a timeout, so a hang fails the test instead of the run."""
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60, env={**os.environ, "PYTHONPATH": os.getcwd()})


# -- the shared reader -------------------------------------------------------------------------
@pytest.mark.skipif(not FIFO_OK, reason="needs named pipes")
def test_read_regular_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as caught:
        read_regular(_fifo(tmp_path, "pipe"), 1024, "a scenario file")
    assert caught.value.kind == "not_a_file"
    assert caught.value.reason == "is a named pipe (FIFO), not a scenario file"


@pytest.mark.parametrize(("path", "what"), [("/dev/zero", "a device"), ("/dev/null", "a device")])
def test_read_regular_refuses_devices(path: str, what: str) -> None:
    if not Path(path).exists():
        pytest.skip(f"{path} is not on this system")
    with pytest.raises(FileRefused) as caught:
        read_regular(path, 1024, "an action file")
    assert caught.value.reason == f"is {what}, not an action file"


def test_read_regular_refuses_folders_and_big_files(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as caught:
        read_regular(tmp_path, 1024)
    assert caught.value.reason == "is a folder, not a file"
    assert caught.value.hint == "name a file inside it"
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(FileRefused) as caught:
        read_regular(big, 4096, "an action file")
    assert caught.value.kind == "too_large"
    assert caught.value.reason == "file is 4 KiB; action files are limited to 4 KiB"
    assert read_regular(big, 5000) == b"x" * 5000


# -- every reading site ------------------------------------------------------------------------
@pytest.mark.skipif(not FIFO_OK, reason="needs named pipes")
def test_validate_run_verify_review_refuse_a_fifo(tmp_path: Path) -> None:
    pipe = _fifo(tmp_path, "pipe.yaml")
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(TINY_TEXT)
    (tmp_path / "wait.txt").write_text("wait 5\n")
    for args, expected in (
        (["validate", str(pipe)], "pipe.yaml:0:0: is a named pipe (FIFO), not a scenario file"),
        (["run", str(pipe), "--actions", "wait.txt"], "is a named pipe (FIFO), not a scenario"),
        (["run", str(scenario), "--actions", str(pipe)],
         "is a named pipe (FIFO), not an action file"),
        (["verify", str(pipe), str(scenario)], "is a named pipe (FIFO)"),
        (["review", str(pipe)], "is a named pipe (FIFO)"),
    ):
        done = _cli(*args, cwd=tmp_path)
        assert done.returncode != 0, args
        assert expected in done.stdout + done.stderr, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("target", ["/dev/zero", "FOLDER", "FIFO"])
def test_save_and_result_readers_refuse_special_files(tmp_path: Path, target: str) -> None:
    if target == "FIFO":
        if not FIFO_OK:
            pytest.skip("needs named pipes")
        path: Path | str = _fifo(tmp_path, "save.json")
    elif target == "FOLDER":
        path = tmp_path
    else:
        path = target
    with pytest.raises(SaveError) as caught:
        read_document(path)
    assert caught.value.kind == "unreadable"
    assert "not a save or result file" in caught.value.reason


def test_a_5000_digit_format_version_is_a_damaged_save(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text('{"format": "practice-sim/save", "format_version": ' + "9" * 5000 + "}")
    with pytest.raises(SaveError) as caught:
        read_document(path)
    assert caught.value.kind == "corrupt"


def _with_include(tmp_path: Path, entry: str) -> Path:
    main = tmp_path / "day" / "main.yaml"
    main.parent.mkdir(exist_ok=True)
    text = TINY_TEXT.replace("flags:\n", f'include:\n  - "{entry}"\nflags:\n', 1)
    main.write_text(text)
    return main


@pytest.mark.parametrize(("entry", "message"), [
    ("/dev/zero", "outside the scenario's folder"),
    ("/etc/passwd", "outside the scenario's folder"),
    ("../outside.yaml", "outside the scenario's folder"),
    ("shared", "can't include 'shared': is a folder, not an included file"),
    ("link.yaml", "outside the scenario's folder"),  # a symlink that points out of the tree
    ("pipe.yaml", "can't include 'pipe.yaml': is a named pipe (FIFO), not an included file"),
])
def test_includes_are_regular_files_inside_the_tree(tmp_path: Path, entry: str,
                                                   message: str) -> None:
    main = _with_include(tmp_path, entry)
    (tmp_path / "outside.yaml").write_text("flags: {stolen: 1}\n")
    (main.parent / "shared").mkdir()
    (main.parent / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    if entry == "pipe.yaml":
        if not FIFO_OK:
            pytest.skip("needs named pipes")
        _fifo(main.parent, "pipe.yaml")
    problems = validate_file(main)
    line = TINY_TEXT[: TINY_TEXT.index("flags:\n")].count("\n") + 2
    assert [(p.line, p.column) for p in problems] == [(line, 5)], problems
    assert message in problems[0].message


def test_an_include_inside_the_tree_still_works(tmp_path: Path) -> None:
    main = _with_include(tmp_path, "shared/extra.yaml")
    (main.parent / "shared").mkdir()
    (main.parent / "shared" / "extra.yaml").write_text("skills: {tact: Tact}\n")
    assert validate_file(main) == []


# -- numbers -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "message"), [
    ("pace_seconds: 1,", "pace_seconds: 1" + "0" * 400 + ",",
     "10000000... (401 characters) is out of range (0.05 to 60)"),
    ("seed: 7", "seed: " + "9" * 5000, "99999999... (5,000 characters) is out of range "
     "(0 to 2,147,483,647)"),
    ("seed: 7", "seed: 0x" + "f" * 400, "0xffffff... (402 characters) is out of range "
     "(0 to 2,147,483,647)"),
    ("skills: {organization: 2}", "skills: {organization: 1.0e+308}",
     "1e+308 is out of range (-100 to 100)"),
    ("complaints: 0", "complaints: -" + "1" * 5000,
     "-1111111... (5,001 characters) is out of range (-1,000,000 to 1,000,000)"),
    ("reputation: 50, compliance", "reputation: 1.5e+400, compliance",
     "1.5e+400 is out of range (0 to 100)"),
    ("version: 1", "version: 99999999999999999999",
     "99999999999999999999 is out of range (1 to 1,000,000)"),
], ids=["pace-400-zeros", "seed-5000-digits", "seed-long-hex", "points-1e308",
        "flag-5000-digits", "meter-1.5e400", "version-20-digits"])
def test_huge_numbers_are_out_of_range_with_the_range(write_scenario, old: str, new: str,
                                                     message: str) -> None:
    assert old in TINY_TEXT
    problems = validate_file(write_scenario(TINY_TEXT.replace(old, new, 1)))
    line = TINY_TEXT[: TINY_TEXT.index(old)].count("\n") + 1
    assert [p.message for p in problems if p.line == line][:1] == [message], problems


def test_a_huge_number_in_a_condition_is_a_problem(write_scenario) -> None:
    old = "when: flags.calmed"
    if old not in TINY_TEXT:
        pytest.skip("the fixture has no condition on flags.calmed")
    text = TINY_TEXT.replace(old, "when: flags.complaints > " + "9" * 5000, 1)
    problems = validate_file(write_scenario(text))
    assert any("is too long (conditions compare numbers of at most 15 digits)" in p.message
               for p in problems), problems


# -- control characters ------------------------------------------------------------------------
@pytest.mark.parametrize(("escape", "name"), [
    ("\\e[2J", "U+001B ESC"), ("\\a", "U+0007 BEL"), ("\\x9b", "U+009B CSI"),
    ("\\r", "U+000D carriage return"), ("\\x01", "U+0001"),
])
def test_control_characters_in_text_are_refused_where_they_are(write_scenario, escape: str,
                                                               name: str) -> None:
    text = TINY_TEXT.replace("title: Tiny clinic", f'title: "Tiny {escape} clinic"')
    problems = validate_file(write_scenario(text))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (4, 8, f"the text contains a control character ({name})")]


def test_tabs_and_newlines_are_fine(write_scenario) -> None:
    text = TINY_TEXT.replace("title: Tiny clinic", 'title: "Tiny\\tclinic"')
    assert validate_file(write_scenario(text)) == []


# -- action files ------------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["²", "٣", "①", "0", "-1", "1" * 4400, "100000", "3.5"],
                         ids=["superscript", "arabic", "circled", "zero", "negative", "4400",
                              "too-long", "decimal"])
def test_wait_takes_ascii_minutes_only(word: str) -> None:
    with pytest.raises(ActionSyntaxError) as caught:
        parse_action(f"wait {word}", 3)
    assert "wait takes a whole number of minutes from 1 to 99,999" in str(caught.value)
    assert caught.value.line == 3


def test_wait_still_reads_ordinary_minutes() -> None:
    assert [str(a) for a in parse_actions("wait 5\n09:30 wait 99999\n")] == [
        "wait 5", "wait 99999"]
