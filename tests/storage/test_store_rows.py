"""Attempts' stored text: orjson writes it now, rows written by json before read the same."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from sim.cli.cohort import store_errors
from sim.engine import Scenario, Simulation
from sim.storage.cohorts import StoreError, open_store, service
from sim.storage.results import parse_result, result_document

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_rows_written_by_json_and_by_orjson_read_back_alike(tmp_path: Path,
                                                            scenario: Scenario,
                                                            finished: Simulation) -> None:
    db = tmp_path / "cohorts.db"
    store = open_store(str(db))
    service.create(store, service.make_cohort("Rows", scenario, code="ROWS"))
    result = parse_result(result_document(finished, player="Ann", mode="assessment",
                                          played_seconds=90))
    assert service.submit(store, "ROWS", result, at=NOON).outcome == "accepted"
    new_row = store.attempts("ROWS")[0]
    # the same row as json wrote it before orjson (spaces after separators, sorted keys)
    old_text = json.dumps(result.save.data, ensure_ascii=False, sort_keys=True)
    with sqlite3.connect(db) as conn:
        (stored_text,) = conn.execute("SELECT result FROM attempts").fetchone()
        conn.execute("UPDATE attempts SET result = ?", (old_text,))
    old_row = store.attempts("ROWS")[0]
    store.close()
    assert stored_text != old_text and json.loads(stored_text) == json.loads(old_text)
    assert old_row == new_row and old_row.result == new_row.result == result.save.data
    assert list(old_row.result) == list(new_row.result)  # the same (sorted) key order
    assert old_row.actions_key() == new_row.actions_key()


def test_psycopgs_errors_count_as_store_errors_once_it_is_loaded(monkeypatch) -> None:
    assert StoreError in store_errors() and sqlite3.Error in store_errors()

    class FakeError(Exception):
        pass

    monkeypatch.setitem(sys.modules, "psycopg", type(sys)("psycopg"))
    sys.modules["psycopg"].Error = FakeError  # type: ignore[attr-defined]
    assert FakeError in store_errors()
    monkeypatch.delitem(sys.modules, "psycopg")
    assert FakeError not in store_errors()
