"""new ID scaffolds a valid starter; the watcher reloads on change and reports problems."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.authoring.scaffold import ScaffoldError, scaffold
from sim.authoring.watch import ScenarioWatcher, load
from sim.cli import main
from sim.engine import load_scenario, run_actions_file


def test_new_writes_a_valid_scenario_with_plays(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "scenarios"
    assert main(["new", "late-tuesday", "--dir", str(folder)]) == 0
    assert "wrote" in capsys.readouterr().out
    path = folder / "late-tuesday.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema/scenario-v1.json\n")
    assert (folder / "schema" / "scenario-v1.json").is_file()
    assert main(["validate", "--strict", str(path)]) == 0
    scenario = load_scenario(path)
    assert scenario.id == "late-tuesday" and scenario.title == "Late tuesday"
    best = run_actions_file(scenario, (folder / "late-tuesday.best.actions").read_text())
    poor = run_actions_file(scenario, (folder / "late-tuesday.poor.actions").read_text())
    assert best.passed and not poor.passed and best.score > poor.score


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    scaffold("day", tmp_path)
    with pytest.raises(ScaffoldError, match="already exist"):
        scaffold("day", tmp_path)
    assert scaffold("day", tmp_path, force=True)
    assert main(["new", "Bad Id", "--dir", str(tmp_path)]) == 1
    assert "not a valid id" in capsys.readouterr().err


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))


def test_watcher_reloads_after_changes_settle(starter: Path) -> None:
    watcher = ScenarioWatcher(starter)
    first = watcher.load()
    assert first.ok and first.problems == []
    assert watcher.poll() is None
    text = starter.read_text(encoding="utf-8")
    _touch(starter, text.replace('title: "Starter"', 'title: "Renamed"'))
    assert watcher.poll() is None  # changed: wait one quiet poll (a save may be half done)
    reload = watcher.poll()
    assert reload is not None and reload.ok and reload.scenario.title == "Renamed"
    assert watcher.poll() is None


def test_watcher_reports_errors_instead_of_raising(starter: Path) -> None:
    watcher = ScenarioWatcher(starter)
    watcher.load()
    _touch(starter, starter.read_text(encoding="utf-8").replace("next: closing", "next: nowher"))
    watcher.poll()
    reload = watcher.poll()
    assert reload is not None and not reload.ok
    assert reload.errors and "nowher" in reload.report()
    assert reload.report().splitlines()[0].startswith(f"{starter}:")
    _touch(starter, "format: 1\nid: [broken\n")
    watcher.poll()
    reload = watcher.poll()
    assert reload is not None and not reload.ok and "YAML syntax" in reload.report()


def test_watcher_follows_included_files(tmp_path: Path, starter: Path) -> None:
    text = starter.read_text(encoding="utf-8")
    cast = starter.parent / "cast.yaml"
    cast.write_text("physicians:\n  lee: {name: Dr. Jordan Lee, specialty: family medicine, "
                    "trust: 60}\n", encoding="utf-8")
    text = text.replace("physicians:\n  lee: {name: Dr. Jordan Lee, specialty: family medicine,"
                        " trust: 60}\n", "include: [cast.yaml]\n")
    starter.write_text(text, encoding="utf-8")
    watcher = ScenarioWatcher(starter)
    assert watcher.load().ok
    assert str(cast) in watcher.files
    _touch(cast, cast.read_text(encoding="utf-8").replace("trust: 60", "trust: 61"))
    watcher.poll()
    reload = watcher.poll()
    assert reload is not None and reload.scenario.physicians["lee"].meters["trust"] == 61


def test_load_missing_file(tmp_path: Path) -> None:
    reload = load(tmp_path / "nope.yaml")
    assert not reload.ok and "no such file" in reload.report()
