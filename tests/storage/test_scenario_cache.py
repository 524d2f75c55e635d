"""Checked scenarios kept as JSON: the same model as reading the YAML, never a stale one, and
the game playing a kept scenario without importing the YAML reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim import catalog
from sim.engine import ScenarioError, load_scenario
from sim.storage import scenario_cache
from tests.authoring.test_include import CAST, ENCOUNTERS, write

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and no child process (each test reads in-process)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PRACTICE_SIM_CACHE", str(folder))
    monkeypatch.setattr(scenario_cache, "_compile_in_child", lambda names: None)
    return folder


def test_every_bundled_scenario_kept_is_the_scenario_read() -> None:
    files = [path for path, _ in catalog.scenario_files()]
    first = scenario_cache.load_many(files)  # read, or kept from an earlier test
    again = scenario_cache.load_many(files)  # kept
    for path, made, kept in zip(files, first, again, strict=True):
        read = load_scenario(path)
        assert made == read and kept == read, path
        assert kept.sha256 == read.sha256 and kept.path == str(path)  # type: ignore[union-attr]


def test_a_kept_scenario_is_built_without_reading_the_yaml(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = load_scenario(TINY)
    assert scenario_cache.load(TINY) == read  # read and kept
    import sim.engine.loader

    def refused(*args: object) -> None:
        raise AssertionError("read the YAML")

    monkeypatch.setattr(sim.engine.loader, "check_source_located", refused)
    assert scenario_cache.load(TINY) == read


def test_a_changed_file_is_read_again(own_cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY.read_text())
    before = scenario_cache.load(path)
    path.write_text(TINY.read_text().replace(before.title, "Another title", 1))
    after = scenario_cache.load(path)
    assert after.title == "Another title" and after.sha256 != before.sha256
    assert after == load_scenario(path)


def test_a_changed_included_file_is_read_again(own_cache: Path, tmp_path: Path) -> None:
    main = write(tmp_path, ["shared/cast.yaml", "shared/encounters.yaml"],
                 {"shared/cast.yaml": CAST, "shared/encounters.yaml": ENCOUNTERS})
    assert scenario_cache.load(main).patients["ana"].name == "Ana Silva"
    (tmp_path / "shared" / "cast.yaml").write_text(CAST.replace("Ana Silva", "Ana Lima"))
    changed = scenario_cache.load(main)
    assert changed.patients["ana"].name == "Ana Lima" and changed == load_scenario(main)


def test_a_scenario_with_problems_says_them_and_is_never_kept(own_cache: Path,
                                                             tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(TINY.read_text().replace("format: 1", "format: 1\nformat: 1", 1))
    with pytest.raises(ScenarioError) as kept:
        scenario_cache.load(path)
    with pytest.raises(ScenarioError) as read:
        load_scenario(path)
    assert str(kept.value) == str(read.value)
    assert not scenario_cache.entry_path(str(path)).exists()


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_a_file_that_cant_be_read_says_so_as_the_loader_does(own_cache: Path, tmp_path: Path,
                                                             name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ScenarioError) as kept:
        scenario_cache.load(path)
    with pytest.raises(ScenarioError) as read:
        load_scenario(path)
    assert str(kept.value) == str(read.value)


@pytest.mark.parametrize("damage", [b"", b"{", b"[1, 2]", b'{"format": 1}', b"\xff\xfe"])
def test_a_damaged_entry_is_read_again_and_mended(own_cache: Path, damage: bytes) -> None:
    scenario_cache.load(TINY)
    entry = scenario_cache.entry_path(str(TINY))
    entry.write_bytes(damage)
    assert scenario_cache.load(TINY) == load_scenario(TINY)
    assert json.loads(entry.read_bytes())["format"] == scenario_cache.FORMAT


def test_an_entry_of_another_engine_is_stale(own_cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    scenario_cache.load(TINY)
    entry = scenario_cache.entry_path(str(TINY))
    kept = json.loads(entry.read_bytes())
    kept["data"]["title"] = "Made by another engine"
    kept["engine"] = "0" * 64
    entry.write_text(json.dumps(kept))
    assert scenario_cache.load(TINY).title != "Made by another engine"


def test_no_place_to_keep_it_still_plays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PRACTICE_SIM_CACHE", str(blocker))
    monkeypatch.setattr(scenario_cache, "_compile_in_child", lambda names: None)
    assert scenario_cache.load(TINY) == load_scenario(TINY)


CHILD = """
import sys
from sim.storage.scenario_cache import load
scenario = load(sys.argv[1])
print(scenario.id, "yaml" in sys.modules)
"""


def test_the_game_never_imports_the_yaml_reader_to_play(tmp_path: Path) -> None:
    """A child process reads a scenario not kept yet; a kept one is only built."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
           "PRACTICE_SIM_CACHE": str(tmp_path / "cache")}
    for _ in ("not kept yet", "kept"):
        done = subprocess.run([sys.executable, "-c", CHILD, str(TINY)], env=env,
                              capture_output=True, text=True, check=True)
        assert done.stdout.split() == [load_scenario(TINY).id, "False"]
