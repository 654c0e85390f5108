"""Reviewer decisions: kept across restarts and re-extraction, merged into tables, atomic."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
from conftest import ROOT

from extract import document_from_text, figures
from extract.checks.crosscheck import check_figures
from extract.workspace.reviews import (
    REVIEW_COLUMNS,
    ReviewStoreError,
    decision_history,
    load_decisions,
    merge_decisions,
    review_key,
    review_keys,
    save_decision,
)

TEXT = "Between 1 December 2024 and 31 May 2025, 986 civilians were killed, according to the United Nations."
WHEN = datetime(2025, 8, 7, 9, 30, tzinfo=UTC)


def _document(origin="a.txt"):
    return document_from_text(TEXT, origin=origin)


def test_a_decision_survives_reopening_the_database(tmp_path):
    db = tmp_path / "reviews.sqlite"
    document = _document()
    table = check_figures(figures(document))
    key = review_keys(table, [document]).iloc[0]
    save_decision(key, "conflict", "OHCHR says 968; digits transposed", db_path=db, figure_id=table["figure_id"][0],
                  surface="986", engine_verdict="unverified", reviewed_at=WHEN)
    reopened = load_decisions(db)  # a fresh connection, as after a restart of the app
    decision = reopened[key]
    assert (decision.verdict, decision.note, decision.reviewed_at, decision.overrides) == \
        ("conflict", "OHCHR says 968; digits transposed", "2025-08-07T09:30:00Z", True)


def test_a_decision_survives_re_extraction_and_a_renamed_file(tmp_path):
    db = tmp_path / "reviews.sqlite"
    first = _document("a.txt")
    table = figures(first)
    save_decision(review_keys(table, [first]).iloc[0], "conflict", "checked", db_path=db, reviewed_at=WHEN)
    again = _document("renamed.txt")  # same text, new file name: a new doc_id
    merged = merge_decisions(figures(again), [again], db)
    assert merged["doc_id"][0] != table["doc_id"][0]
    assert merged[REVIEW_COLUMNS].values.tolist() == [["conflict", "checked", "2025-08-07T09:30:00Z"]]
    edited = document_from_text(TEXT.replace("986", "968"), origin="a.txt")
    assert merge_decisions(figures(edited), [edited], db)[REVIEW_COLUMNS].values.tolist() == [["", "", ""]]


def test_the_latest_decision_counts_and_the_trail_is_kept(tmp_path):
    db = tmp_path / "reviews.sqlite"
    key = review_key("0" * 64, 41, 44, "986")
    save_decision(key, "unverified", "first look", db_path=db, reviewed_at=WHEN)
    save_decision(key, "conflict", "checked the report", db_path=db, reviewed_at=WHEN.replace(hour=10))
    assert load_decisions(db)[key].verdict == "conflict"
    assert [(d.verdict, d.note) for d in decision_history(key, db)] == \
        [("unverified", "first look"), ("conflict", "checked the report")]


def test_bad_input(tmp_path):
    with pytest.raises(ValueError, match="verdict must be one of consistent, conflict, unverified, not 'wrong'"):
        save_decision("k", "wrong", db_path=tmp_path / "r.sqlite")
    assert load_decisions(tmp_path / "absent.sqlite") == {}
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReviewStoreError, match=f"{garbage}: cannot"):
        load_decisions(garbage)
    with pytest.raises(ReviewStoreError, match=f"{garbage}: cannot"):
        save_decision("k", "conflict", db_path=garbage)


WRITER = """
import sys
from extract.workspace.reviews import save_decision
for i in range(100000):
    save_decision(f"key-{i}", "conflict", "note " * 50 + str(i), db_path=sys.argv[1], surface=str(i))
    print(i, flush=True)  # only after save_decision returned: this decision is committed
"""


def test_a_killed_writer_leaves_only_whole_decisions(tmp_path):
    db = tmp_path / "reviews.sqlite"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(load_decisions(db) if db.exists() else {}) < 20:
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    committed = {f"key-{line.strip()}" for line in writer.stdout.read().splitlines() if line.strip()}
    writer.wait()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    decisions = load_decisions(db)
    assert len(decisions) >= 20
    assert committed <= set(decisions)  # every decision reported committed is there
    assert len(decisions) - len(committed) <= 1  # at most the one whose "committed" line was not printed yet
    for key, decision in decisions.items():
        number = key.removeprefix("key-")
        assert decision.note == "note " * 50 + number and decision.surface == number
