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
    latest_choice,
    load_decisions,
    merge_decisions,
    review_key,
    review_key_sql,
    review_keys,
    reviewer_identity,
    save_decision,
)

TEXT = "Between 1 December 2024 and 31 May 2025, 986 civilians were killed, according to the United Nations."
WHEN = datetime(2025, 8, 7, 9, 30, tzinfo=UTC)


def _document(origin="a.txt"):
    return document_from_text(TEXT, origin=origin)


def _checked(document):
    return check_figures(figures(document))


def test_a_decision_survives_reopening_the_database(tmp_path):
    db = tmp_path / "reviews.sqlite"
    table = _checked(_document())
    key = review_keys(table).iloc[0]
    save_decision(key, "conflict", "OHCHR says 968; digits transposed", reviewer="Ada Byron", db_path=db,
                  figure_id=table["figure_id"][0], surface="986", engine_verdict="unverified", reviewed_at=WHEN)
    reopened = load_decisions(db)  # a fresh connection, as after a restart of the app
    decision = reopened[key]
    assert (decision.verdict, decision.note, decision.reviewed_at, decision.reviewer, decision.overrides) == \
        ("conflict", "OHCHR says 968; digits transposed", "2025-08-07T09:30:00Z", "Ada Byron", True)


PARAGRAPHS = ["The ferry carried 212 passengers on its last crossing, the harbour master said.",
              "Repairs will cost about $4m, according to the operator.",
              "Services resume in 14 days."]


def _article(paragraphs, doc_id="harbour-0001"):
    return document_from_text("\n\n".join(paragraphs), origin="corpus.jsonl:1", doc_id=doc_id, title="Ferry")


def _decide(db, table, surface, verdict, note, reviewer="Ada Byron"):
    row = table[table["surface"] == surface].iloc[0]
    save_decision(row["review_key"], verdict, note, reviewer=reviewer, db_path=db, doc_id=row["doc_id"],
                  sentence=row["sentence"], figure_id=row["figure_id"], surface=row["surface"],
                  engine_verdict=row["verdict"], reviewed_at=WHEN)


def test_a_review_survives_an_edit_of_another_paragraph(tmp_path):
    db = tmp_path / "reviews.sqlite"
    first = merge_decisions(_checked(_article(PARAGRAPHS)), db)
    _decide(db, first, "about $4m", "conflict", "the operator's filing says $6m")
    edited = [PARAGRAPHS[0].replace("212", "roughly 230") + " It was late.", PARAGRAPHS[1], PARAGRAPHS[2]]
    table = merge_decisions(_checked(_article(edited)), db).set_index("surface")
    assert table.loc["about $4m", REVIEW_COLUMNS].tolist() == \
        ["conflict", "the operator's filing says $6m", "2025-08-07T09:30:00Z", "Ada Byron", "reviewed"]
    assert table.loc["about $4m", "start"] != first.set_index("surface").loc["about $4m", "start"]  # it moved
    assert table.loc["14 days", REVIEW_COLUMNS].tolist() == ["", "", "", "", ""]


def test_another_document_with_the_same_sentence_inherits_nothing(tmp_path):
    db = tmp_path / "reviews.sqlite"
    _decide(db, merge_decisions(_checked(_article(PARAGRAPHS)), db), "14 days", "conflict", "it is 21")
    other = merge_decisions(_checked(_article(PARAGRAPHS, doc_id="harbour-0002")), db)
    assert (other["review_status"] == "").all() and (other["reviewer_verdict"] == "").all()


def test_a_decision_whose_figure_changed_needs_a_second_look(tmp_path):
    db = tmp_path / "reviews.sqlite"
    _decide(db, merge_decisions(_checked(_article(PARAGRAPHS)), db), "about $4m", "conflict", "filing says $6m",
            reviewer="Grace")
    edited = [PARAGRAPHS[0], PARAGRAPHS[1].replace("about $4m", "about $6m"), PARAGRAPHS[2]]
    table = merge_decisions(_checked(_article(edited)), db).set_index("surface")
    # The old decision no longer stands (the engine's verdict does), but it is shown, flagged.
    assert table.loc["about $6m", REVIEW_COLUMNS].tolist() == \
        ["", "filing says $6m", "2025-08-07T09:30:00Z", "Grace", "needs a second look"]
    assert set(table.drop("about $6m")["review_status"]) == {""}
    # A new decision on the edited figure settles it.
    _decide(db, table.reset_index(), "about $6m", "consistent", "matches the filing")
    again = merge_decisions(_checked(_article(edited)), db).set_index("surface")
    assert again.loc["about $6m", ["reviewer_verdict", "review_status"]].tolist() == ["consistent", "reviewed"]


def test_the_same_surface_twice_in_one_sentence_gets_two_keys(tmp_path):
    twice = figures("Sales rose 5% in May and 5% in June.")
    keys = review_keys(twice)
    assert twice["surface"].tolist() == ["5%", "5%"] and keys.iloc[0] != keys.iloc[1]


def test_duckdb_computes_the_same_review_keys():
    import duckdb

    table = figures([_article(PARAGRAPHS), _article([*PARAGRAPHS, "Sales rose 5% in May and 5% in June."],
                                                    doc_id="harbour-0002")])
    figures_frame = table[["doc_id", "sentence", "surface", "start"]]  # noqa: F841 (read by DuckDB by name)
    in_sql = duckdb.sql(f"SELECT start, doc_id, {review_key_sql('figures_frame')} AS key FROM figures_frame "
                        "ORDER BY doc_id, start").df()
    assert in_sql["key"].tolist() == review_keys(table.sort_values(["doc_id", "start"])).tolist()
    assert in_sql["key"].nunique() == len(table)


def test_the_latest_decision_counts_and_the_trail_is_kept(tmp_path):
    db = tmp_path / "reviews.sqlite"
    key = review_key("doc", "986 civilians were killed.", "986")
    save_decision(key, "unverified", "first look", reviewer="Ada", db_path=db, reviewed_at=WHEN)
    save_decision(key, "conflict", "checked the report", reviewer="Grace", db_path=db,
                  reviewed_at=WHEN.replace(hour=10))
    assert load_decisions(db)[key].verdict == "conflict"
    assert [(d.reviewer, d.verdict, d.note) for d in decision_history(key, db)] == \
        [("Ada", "unverified", "first look"), ("Grace", "conflict", "checked the report")]


def test_the_form_opens_on_the_latest_decision():
    assert latest_choice({"verdict": "unverified", "reviewer_verdict": "conflict"}) == "conflict"
    assert latest_choice({"verdict": "conflict", "reviewer_verdict": "conflict"}) == "accept"
    assert latest_choice({"verdict": "conflict", "reviewer_verdict": ""}) == "accept"


def test_the_reviewer_is_the_signed_in_user_else_the_name_given():
    signed_in = {"is_logged_in": True, "email": "ada@desk.example", "name": "Ada"}
    assert reviewer_identity(signed_in, "someone else") == "ada@desk.example"
    assert reviewer_identity({"is_logged_in": False}, "  Grace \u202e Hopper\n") == "Grace Hopper"
    assert reviewer_identity(None, "x" * 200) == "x" * 80
    assert reviewer_identity(None, " \t") == ""


def test_bad_input(tmp_path):
    with pytest.raises(ValueError, match="verdict must be one of consistent, conflict, unverified, not 'wrong'"):
        save_decision("k", "wrong", reviewer="Ada", db_path=tmp_path / "r.sqlite")
    with pytest.raises(ValueError, match="a decision needs its reviewer's name"):
        save_decision("k", "conflict", reviewer=" \n ", db_path=tmp_path / "r.sqlite")
    assert not (tmp_path / "r.sqlite").exists()
    assert load_decisions(tmp_path / "absent.sqlite") == {}
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReviewStoreError, match=f"{garbage}: cannot"):
        load_decisions(garbage)
    with pytest.raises(ReviewStoreError, match=f"{garbage}: cannot"):
        save_decision("k", "conflict", reviewer="Ada", db_path=garbage)


def test_a_database_from_before_reviewer_names_opens_and_keeps_its_decisions(tmp_path):
    db = tmp_path / "old.sqlite"
    connection = sqlite3.connect(db)
    connection.executescript(
        "CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, verdict TEXT NOT NULL, "
        "note TEXT NOT NULL, reviewed_at TEXT NOT NULL, figure_id TEXT NOT NULL, surface TEXT NOT NULL, "
        "engine_verdict TEXT NOT NULL);"
        "INSERT INTO decisions (key, verdict, note, reviewed_at, figure_id, surface, engine_verdict) "
        "VALUES ('old', 'conflict', 'n', '2025-01-01T00:00:00Z', 'f', '9', 'unverified');")
    connection.commit()
    connection.close()
    assert load_decisions(db)["old"].reviewer == ""  # read as it is, without altering it
    save_decision("new", "consistent", reviewer="Ada", db_path=db, reviewed_at=WHEN)
    decisions = load_decisions(db)
    assert (decisions["old"].verdict, decisions["old"].reviewer) == ("conflict", "")
    assert (decisions["new"].verdict, decisions["new"].reviewer) == ("consistent", "Ada")


WRITER = """
import sys
from extract.workspace.reviews import save_decision
for i in range(100000):
    save_decision(f"key-{i}", "conflict", "note " * 50 + str(i), reviewer="w", db_path=sys.argv[1], surface=str(i))
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
