"""Saves: round trips, listing, autosave rotation, broken files and changed scenarios."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sim.engine import Scenario, Simulation, load_scenario
from sim.storage import saves
from sim.storage.saves import SaveError, list_saves, load_save, restore, write_save


def _save(sim: Simulation, folder: Path, **kwargs) -> Path:
    options = {"player": "Ann", "mode": "turn-based", "played_seconds": 12.5, "directory": folder}
    options.update(kwargs)
    return write_save(sim, **options)


def test_saves_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(saves.ENV_VAR, raising=False)
    # No ./saves here: the player's own folder, wherever the game is started.
    monkeypatch.setenv("PRACTICE_SIM_HOME", str(tmp_path / "home"))
    assert saves.saves_dir() == tmp_path / "home" / "saves"
    monkeypatch.delenv("PRACTICE_SIM_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert saves.saves_dir() == tmp_path / "share" / "practice-sim" / "saves"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert saves.saves_dir() == tmp_path / "user" / ".local" / "share" / "practice-sim" / "saves"
    # A ./saves folder from an earlier version keeps being used: nothing is lost.
    (tmp_path / "saves").mkdir()
    assert saves.saves_dir() == tmp_path / "saves"
    monkeypatch.setenv(saves.ENV_VAR, str(tmp_path / "env"))
    assert saves.saves_dir() == tmp_path / "env"
    assert saves.saves_dir(str(tmp_path / "cli")) == tmp_path / "cli"


def test_round_trip_replays_the_same_day(halfway: Simulation, scenario: Scenario,
                                         tmp_path: Path) -> None:
    path = _save(halfway, tmp_path, name="before lunch")
    save = load_save(path)
    assert (save.scenario_id, save.seed, save.player, save.mode) == (
        "storage-day", halfway.seed, "Ann", "turn-based")
    assert save.scenario_sha256 == scenario.sha256
    assert save.played_seconds == 12.5
    assert save.format_version == saves.FORMAT_VERSION
    restored = restore(save, scenario)
    assert restored.record == halfway.record
    assert restored.clock == halfway.clock
    assert [i.state for i in restored.items.values()] == [
        i.state for i in halfway.items.values()]


def test_the_document_has_the_whole_run(halfway: Simulation, tmp_path: Path) -> None:
    data = json.loads(_save(halfway, tmp_path).read_text(encoding="utf-8"))
    assert data["format"] == "practice-sim/save"
    assert set(data["scenario"]) == {"id", "title", "version", "sha256"}
    assert data["engine_version"]
    assert data["actions"][0] == {"at": "08:00", "action": "attend welcome"}


def test_named_save_replaces_same_name_only(halfway: Simulation, finished: Simulation,
                                            tmp_path: Path) -> None:
    first = _save(halfway, tmp_path, name="slot")
    second = _save(finished, tmp_path, name="slot")
    other = _save(finished, tmp_path, name="Slot")
    assert first == second != other
    assert load_save(first).over is True
    unnamed = {_save(halfway, tmp_path) for _ in range(3)}
    assert len(unnamed) == 3


def test_autosave_rotates_and_continue_finds_newest(halfway: Simulation,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    paths = []
    for minute in range(5):
        stamp = datetime(2026, 1, 1, 9, minute, tzinfo=UTC)
        monkeypatch.setattr(saves, "now", lambda stamp=stamp: stamp)
        path = _save(halfway, tmp_path, autosave=True, played_seconds=minute)
        os.utime(path, ns=(minute * 10**9, minute * 10**9))
        paths.append(path)
    assert len(set(paths)) == saves.AUTOSAVE_SLOTS
    assert paths[3] == paths[0] and paths[4] == paths[1]
    latest = saves.latest_autosave(tmp_path)
    assert latest is not None and latest.path == paths[4] and latest.played_seconds == 4
    assert saves.latest_autosave(tmp_path, player="Bob") is None


def test_list_saves_newest_first_with_broken_files(halfway: Simulation,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    for hour, name in ((9, "old"), (11, "new")):
        stamp = datetime(2026, 1, 1, hour, tzinfo=UTC)
        monkeypatch.setattr(saves, "now", lambda stamp=stamp: stamp)
        _save(halfway, tmp_path, name=name)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    os.utime(broken, (datetime(2026, 1, 1, 10, tzinfo=UTC).timestamp(),) * 2)
    (tmp_path / ".x.json.123.tmp").write_text("{", encoding="utf-8")
    infos = list_saves(tmp_path)
    assert [i.name for i in infos] == ["new", "broken", "old"]
    assert infos[1].error is not None and infos[1].error.kind == "truncated"
    assert infos[0].clock == "08:05" and infos[0].scenario_title.startswith("Orientation")
    assert list_saves(tmp_path / "missing") == []


@pytest.mark.parametrize(("content", "kind"), [
    (b"", "truncated"),
    (b'{"format": "practice-sim/save", "format_version": 1, "act', "truncated"),
    (b'{"format": "practice-sim/save",, }', "corrupt"),
    (b"\xff\xfe\x00garbage", "corrupt"),
    (b'{"format": "practice-sim/save", "format_version": 1}', "corrupt"),
    (b'{"format": "practice-sim/save"}', "corrupt"),
    (b'[1, 2, 3]', "not_a_save"),
    (b'{"hello": "world"}', "not_a_save"),
    (b'{"format": "practice-sim/save", "format_version": 99}', "newer_format"),
])
def test_broken_files_give_a_kind_and_stay_untouched(tmp_path: Path, content: bytes,
                                                     kind: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    before = path.stat()
    with pytest.raises(SaveError) as caught:
        load_save(path)
    assert caught.value.kind == kind
    assert caught.value.reason and str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before.st_mtime_ns


def test_cut_short_save_is_truncated(halfway: Simulation, tmp_path: Path) -> None:
    path = _save(halfway, tmp_path)
    data = path.read_bytes()
    for cut in (1, len(data) // 3, len(data) // 2, len(data) - 3):
        path.write_bytes(data[:cut])
        with pytest.raises(SaveError) as caught:
            load_save(path)
        assert caught.value.kind == "truncated"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        load_save(tmp_path / "nope.json")
    assert caught.value.kind == "unreadable"


def test_changed_scenario_is_a_distinct_error_and_partial_replays(
        halfway: Simulation, scenario_path: Path, tmp_path: Path) -> None:
    path = _save(halfway, tmp_path)
    before = path.read_bytes()
    text = scenario_path.read_text(encoding="utf-8")
    scenario_path.write_text(text.replace("version: 1", "version: 2", 1), encoding="utf-8")
    changed = load_scenario(scenario_path)
    save = load_save(path)
    with pytest.raises(SaveError) as caught:
        restore(save, changed)
    assert caught.value.kind == "scenario_changed"
    assert "version 1" in caught.value.reason and "version 2" in caught.value.reason
    sim = restore(save, changed, partial=True)
    assert sim.record == halfway.record
    assert path.read_bytes() == before


def test_partial_restore_stops_where_actions_no_longer_apply(
        halfway: Simulation, scenario: Scenario, tmp_path: Path) -> None:
    path = _save(halfway, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["actions"].insert(2, {"at": data["actions"][2]["at"], "action": "choose nonsense"})
    path.write_text(json.dumps(data), encoding="utf-8")
    save = load_save(path)
    with pytest.raises(SaveError) as caught:
        restore(save, scenario)
    assert caught.value.kind == "replay_failed" and "action 3" in caught.value.reason
    sim, applied, problem = saves.restore_report(save, scenario)
    assert applied == 2 and problem is not None
    assert restore(save, scenario, partial=True).record == sim.record


def test_wrong_scenario(halfway: Simulation, tmp_path: Path) -> None:
    save = load_save(_save(halfway, tmp_path))
    save.scenario_id = "other"
    with pytest.raises(SaveError) as caught:
        restore(save, halfway.scenario)
    assert caught.value.kind == "wrong_scenario"


def test_hostile_names_are_stored_exactly(halfway: Simulation, tmp_path: Path) -> None:
    hostile = "[bold red]x[/] [link=http://e.x]y[/link] \x1b[31m\x1b]0;pwn\x07" + "é" * 10_000
    path = _save(halfway, tmp_path, name=hostile, player=hostile)
    assert path.parent == tmp_path and len(path.name) < 80
    assert path.name.isascii()
    save = load_save(path)
    assert save.name == hostile and save.player == hostile


def test_timing_is_recorded_and_old_saves_load_as_real_time(halfway: Simulation,
                                                            tmp_path: Path) -> None:
    path = _save(halfway, tmp_path, mode="assessment", timing="turn-based", cohort="ABC123")
    save = load_save(path)
    assert (save.mode, save.timing, save.cohort) == ("assessment", "turn-based", "ABC123")
    assert list_saves(tmp_path)[0].timing == "turn-based"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["timing"], data["cohort"]  # a save written before the field existed
    path.write_text(json.dumps(data), encoding="utf-8")
    old = load_save(path)
    assert (old.timing, old.cohort) == ("real-time", None)
    assert old.format_version == saves.FORMAT_VERSION  # same format: the field is optional
    data["timing"] = "sideways"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        load_save(path)
    assert caught.value.kind == "corrupt" and "timing" in caught.value.reason
    with pytest.raises(ValueError, match="timing"):
        _save(halfway, tmp_path, timing="sideways")
