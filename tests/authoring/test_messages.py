"""Every message from the educator's list (issue "errors that name the cause first"): one
mistake in the starter scenario gives exactly one problem, at the line and column of the
cause, in plain words, saying what to write instead. docs/authoring.md's "Common mistakes"
quotes each message word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.lint import check_file
from sim.authoring.scaffold import scaffold
from sim.engine import validate_file

DOCS = Path(__file__).parents[2] / "docs" / "authoring.md"
STAFF = "  sam: {name: Sam Ortiz, role: receptionist, skill: 70, morale: 65}"

# (id, [(old, new), ...], "LINE:COL", message and hint as printed after "FILE:LINE:COL: ")
CASES = [
    ("text-indented-short",
     [('        text: "I\'ve been waiting', '      text: "I\'ve been waiting')], "74:7",
     "indentation: this line is indented 2 space(s) less than the lines around it (line it "
     "up with lines 73 and 75, at column 9)"),
    ("header-indented-far", [("      offer:\n", "        offer:\n")], "91:9",
     "'offer:' is indented 2 space(s) too far, so it and the lines after it read as part of "
     "'ask' (line 72) (start 'offer:' in column 7, like 'ask:')"),
    ("staff-id-in-effects", [("effects: {physician.lee.trust: 5}",
                              "effects: {staff.sa.morale: 5}")], "124:23",
     "can't change 'staff.sa.morale': no staff member with id 'sa' (did you mean "
     "'staff.sam.morale'?)"),
    ("flag-in-condition", [("when: flags.apologized ", "when: flags.apologised ")], "96:19",
     "bad condition: 'flags.apologised': flag 'apologised' is not declared under flags: (did "
     "you mean 'flags.apologized'?)"),
    ("equals-True", [("when: flags.apologized ", "when: flags.apologized == True ")], "96:39",
     "bad condition: 'True' is not a value conditions know (write true, in lowercase, for a "
     "yes/no value)"),
    ("single-equals", [("when: flags.apologized ", "when: flags.apologized = true ")], "96:36",
     "bad condition: a single '=': to compare, write == (conditions use and, or, not, == != < "
     "<= > >=, numbers, 'text', true/false, times like 10:30 and paths)"),
    ("staff-id-in-placeholder",
     [('speaker: "{patient.name}"\n        text: "I\'ve',
       'speaker: "{staff.sa.name}"\n        text: "I\'ve')], "73:20",
     "unknown placeholder {staff.sa.name}: no staff member with id 'sa' (did you mean "
     "{staff.sam.name}?)"),
    ("flag-declared-no", [("apologized: false", "apologized: no")], "40:15",
     "flag 'apologized' starts as the text 'no', but set: gives it true, a yes/no value (for a "
     "yes/no flag write false here: only true and false are yes/no)"),
    ("format-quoted", [("format: 1", 'format: "1"')], "7:9",
     "format: must be the number 1, not the text '1' (write format: 1, without quotes)"),
    ("top-level-typo", [("encounters:", "encounter:")], "67:1",
     "unknown key 'encounter' (did you mean 'encounters'?)"),
    ("anchor-twice", [("  sam: {name", "  sam: &a {name"), ("  lee: {name", "  lee: &a {name")],
     "35:8", "the anchor &a is defined twice (first on line 33) (give each anchor its own "
     "name)"),
    ("decimal-int-flag", [("apologized: false", "apologized: false\n  complaints: 0"),
                          ("set: {flags.apologized: true}",
                           "set: {flags.apologized: true, flags.complaints: 0.5}")], "82:61",
     "expected true/false, a whole number or text, found the number 0.5 (a flag holds a whole "
     "number, not a decimal: write 0 or 1)"),
    ("empty-title", [('title: "Starter"', 'title: ""')], "9:8",
     "this text is empty (write the text, or remove the key if it is optional)"),
    ("quoted-number", [("seed: 1 ", 'seed: "1" ')], "23:9",
     "expected a whole number, found the text '1' (remove the quotes: quoted, it is text)"),
    ("word-for-number", [("reputation: 70 ", "reputation: high ")], "29:15",
     "expected a whole number, found the text 'high' (write digits, like 5)"),
    ("pass-nan", [("pass: 65", "pass: .nan")], "138:9",
     "expected a number, found .nan (not a number) (write an ordinary number, like 5 or 2.5)"),
    ("id-not-file-name", [("id: starter ", "id: late-tuesday ")], "8:5",
     "warning: the id 'late-tuesday' differs from the file name 'starter.yaml' "
     "[id-not-file-name] (rename the file to late-tuesday.yaml or write id: starter; both "
     "work with run and play, but one name is clearer)"),
]
#: Shapes that used to be refused with a wrong hint and now mean what they say.
ACCEPTED = [
    ("seed-underscore", "seed: 1 ", "seed: 1_000 "),
    ("difficulty-binary", "difficulty: 1 ", "difficulty: 0b11 "),
    ("pace-exponent", "pace_seconds: 1.5", "pace_seconds: 1e0"),
    ("version-whole-float", "version: 1 ", "version: 1.0 "),
    ("merge-key", STAFF, STAFF.replace("sam: {", "sam: &base {") +
     "\n  kim: {<<: *base, name: Kim Lo}"),
]


@pytest.fixture
def starter_file(tmp_path: Path) -> Path:
    """A fresh starter scenario."""
    return scaffold("starter", tmp_path / "scenarios")[0]


@pytest.mark.parametrize(("name", "edits", "where", "message"), CASES,
                         ids=[case[0] for case in CASES])
def test_one_problem_at_the_cause(starter_file: Path, name: str, edits: list[tuple[str, str]],
                                  where: str, message: str) -> None:
    text = starter_file.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, name
        text = text.replace(old, new, 1)
    starter_file.write_text(text, encoding="utf-8")
    problems = check_file(starter_file)
    assert [str(p) for p in problems] == [f"{starter_file}:{where}: {message}"]


@pytest.mark.parametrize(("name", "old", "new"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_number_shapes_and_merge_keys_are_read_as_written(starter_file: Path, name: str,
                                                          old: str, new: str) -> None:
    text = starter_file.read_text(encoding="utf-8")
    assert old in text
    starter_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert validate_file(starter_file) == []


def test_a_merge_key_gives_the_base_keys_and_explicit_keys_win(starter_file: Path) -> None:
    from sim.engine import load_scenario

    text = starter_file.read_text(encoding="utf-8")
    starter_file.write_text(text.replace(STAFF, STAFF.replace("sam: {", "sam: &base {") +
                                         "\n  kim: {<<: *base, name: Kim Lo}"), encoding="utf-8")
    kim = load_scenario(starter_file).staff["kim"]
    assert (kim.name, kim.role, kim.meters) == ("Kim Lo", "receptionist",
                                                {"skill": 70, "morale": 65})


@pytest.mark.parametrize("message", [case[3] for case in CASES], ids=[c[0] for c in CASES])
def test_common_mistakes_in_the_docs_quote_each_message(message: str) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    section = docs[docs.index("## Reference: common mistakes"):]
    assert message in " ".join(section.split()), message


def test_list_and_run_agree_when_the_id_differs_from_the_file_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from sim.cli import main

    path = scaffold("starter", tmp_path / "scenarios")[0]
    path.write_text(path.read_text(encoding="utf-8").replace("id: starter ", "id: late-day "))
    (tmp_path / "wait.actions").write_text("wait 5\n")
    monkeypatch.chdir(tmp_path)
    assert main(["list"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if "late-day" in line]
    assert len(listed) == 1 and listed[0].endswith("(file starter.yaml)")
    assert main(["run", "late-day", "--actions", "wait.actions"]) == 0
    assert "Replay: late-day v1" in capsys.readouterr().out
    assert main(["run", "starter", "--actions", "wait.actions"]) == 0
