"""``cohort submit`` of many files verifies them in worker processes: the lines it prints, its
exit code and what it stores are exactly those of verifying them one by one."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from sim.cli import main
from sim.storage.cohorts import prefetch

FIXTURES = Path(__file__).parent / "fixtures"
ENGINE1 = FIXTURES / "engine1"


def _files(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Result files of every outcome: accepted, duplicate, each kind of rejection, an
    engine-1 day counted under today's rules, unreadable and damaged files."""
    folder.mkdir()
    scenario = folder / "storage-day.yaml"
    shutil.copy(ENGINE1 / "storage-day.yaml", scenario)
    paths: list[Path] = []
    for index, (player, actions) in enumerate((("Ann", "storage-day.actions"),
                                               ("Bob", "storage-day.poor.actions"),
                                               ("Cy", "storage-day.actions"))):
        path = folder / f"{index}.json"
        assert main(["run", str(scenario), "--actions", str(FIXTURES / actions), "--player",
                     player, "--result", str(path)]) == 0
        document = json.loads(path.read_text(encoding="utf-8"))
        document.update(timing="real-time", played_seconds=100)  # as the engine-1 files
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        paths.append(path)
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    edits = {"score": ("claimed", "score", 99.9), "seed": ("seed", None, 8),
             "name": ("player", None, "  "), "mode": ("mode", None, "coaching")}
    for name, (key, inner, value) in edits.items():
        edited = json.loads(json.dumps(data))
        if inner:
            edited[key][inner] = value
        else:
            edited[key] = value
        (folder / f"{name}.json").write_text(json.dumps(edited), encoding="utf-8")
        paths.append(folder / f"{name}.json")
    whole = json.loads(json.dumps(data))
    whole["claimed"]["pass_mark"] = 60  # == 60.0, so accepted, but not identical
    whole["player"] = "Di"
    (folder / "whole.json").write_text(json.dumps(whole), encoding="utf-8")
    (folder / "cut.json").write_text(paths[0].read_text(encoding="utf-8")[:500])
    (folder / "nan.json").write_text('{"format": "practice-sim/save", "a": NaN}')
    (folder / "folder.json").mkdir()
    for old in ENGINE1.glob("*.result.json"):
        document = json.loads(old.read_text(encoding="utf-8"))
        document["played_seconds"] = 100
        (folder / old.name).write_text(json.dumps(document, indent=1), encoding="utf-8")
    names = [*paths, folder / "whole.json", folder / "cut.json", folder / "nan.json",
             folder / "folder.json", folder / "missing.json",
             *sorted(folder.glob("*.result.json"))]
    capsys.readouterr()
    return [str(path) for path in [*names, paths[0], paths[1]]]  # and two duplicates


def _submit(files: list[str], db: Path, scenario: Path,
            capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, list[tuple]]:
    assert main(["cohort", "create", "C", "--scenario", str(scenario), "--code", "EQ",
                 "--pace", "0.0001", "--db", str(db)]) == 0
    capsys.readouterr()
    code = main(["cohort", "submit", "EQ", *files, "--db", str(db)])
    captured = capsys.readouterr()
    with sqlite3.connect(db) as conn:
        columns = "id, cohort, fingerprint, player, score, grade, passed, unresolved, " \
                  "played_seconds, finished_at, provenance, player_id, result"
        rows = conn.execute(f"SELECT {columns} FROM attempts ORDER BY id").fetchall()
    return code, captured.out, captured.err, [(*row[:-1], json.loads(row[-1])) for row in rows]


def test_workers_submit_exactly_as_one_process_does(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path / "files", capsys)
    scenario = tmp_path / "files" / "storage-day.yaml"
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 10**6)
    alone = _submit(files, tmp_path / "alone.db", scenario, capsys)
    monkeypatch.setattr(prefetch, "PARALLEL_FROM", 2)
    monkeypatch.setattr(prefetch, "CHUNK", 1)
    monkeypatch.setattr(prefetch, "cores", lambda: 3)
    monkeypatch.setattr(prefetch, "busy", lambda: False)
    used: list[int] = []
    real_pool = prefetch.multiprocessing.get_context("fork").Pool

    def pool(workers: int):
        used.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(prefetch.multiprocessing.get_context("fork"), "Pool", pool)
    workers = _submit(files, tmp_path / "workers.db", scenario, capsys)
    assert used == [3]  # the workers really ran
    assert workers == alone
    code, out, err, rows = alone
    assert code == 1 and out.count("ACCEPTED") == 6 and out.count("DUPLICATE") == 2
    for kind in ("score", "seed", "player", "mode", "truncated", "corrupt", "unreadable"):
        assert f"REJECTED ({kind})" in err
    assert out.count("verified under engine 1") == 2 and len(rows) == 6
    assert {"Ann", "Bob", "Cy", "Di"} <= {row[3] for row in rows}


def test_workers_start_only_with_idle_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "cores", lambda: 2)
    monkeypatch.setattr(prefetch.os, "getloadavg", lambda: (0.4, 0.0, 0.0))
    assert not prefetch.busy()
    monkeypatch.setattr(prefetch.os, "getloadavg", lambda: (1.5, 0.0, 0.0))
    assert prefetch.busy()
