"""Attempts' stored text: orjson writes it now, rows written by json before read the same."""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from sim.cli.cohort import store_errors
from sim.engine import Scenario, Simulation
from sim.storage.cohorts import StoreError, open_store, service
from sim.storage.results import load_result, parse_result, result_document

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


def test_a_document_json_parsed_is_written_back_as_json_would(tmp_path: Path,
                                                              scenario: Scenario,
                                                              finished: Simulation) -> None:
    """orjson would write 1e400 (infinity, which only json parses) as null: such a document
    is not marked exact, so its row is checked and written by json."""
    store = open_store(str(tmp_path / "cohorts.db"))
    service.create(store, service.make_cohort("Inf", scenario, code="INF"))
    document = result_document(finished, player="Ann", mode="assessment", played_seconds=90)
    plain_file, odd_file = tmp_path / "plain.json", tmp_path / "odd.json"
    plain_file.write_text(json.dumps(document), encoding="utf-8")
    odd_file.write_text(json.dumps({**document, "player": "Bo"})[:-1] + ', "note": 1e400}',
                        encoding="utf-8")
    plain, odd = load_result(plain_file), load_result(odd_file)
    assert plain.save.exact and not odd.save.exact and odd.save.data["note"] == math.inf
    for result in (plain, odd):
        assert service.submit(store, "INF", result, at=NOON).outcome == "accepted"
    stored = {attempt.player: attempt.result for attempt in store.attempts("INF")}
    store.close()
    assert stored["Ann"] == plain.save.data and stored["Bo"]["note"] == math.inf
