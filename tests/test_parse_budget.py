"""Huge documents: the per-document parse budget, and the time budget in every engine.

Past its parse budget a document is read by the shallow rules alone, and that is said (the rows,
a warning, the run's report), never silent. The time budget holds off the main thread too (a Dask
worker runs tasks in threads, where no alarm signal reaches): the engine checks a deadline between
sentences. No test here is timed: the clock is replaced by one that advances a second per reading,
so that "over the budget" is a matter of how many sentences a document has. benchmarks/scaling.py
prints the real times.
"""

from __future__ import annotations

import functools
import pickle
import threading
import warnings

import pandas as pd
import pytest
from conftest import SAMPLE

import extract.engine.extraction as extraction
import extract.workspace.batch as batch
from extract.cli import main
from extract.documents.loaders import Document, document_from_text
from extract.engine.extraction import (
    PARSE_BUDGET_CHARS,
    ParseBudgetWarning,
    TimeBudgetExceeded,
    figure_rows,
    figures,
)
from extract.workspace.batch import DaskEngine, LocalEngine, TableFileSink, extract_batch, run_batch
from extract.workspace.workspace import add_documents, open_workspace

SMALL_BUDGET = 300  # characters: the sample article (9 KB) runs past it in its second sentence


@pytest.fixture(scope="module")
def sample() -> Document:
    return document_from_text(SAMPLE.read_text(encoding="utf-8"), origin="sample.txt")


def test_an_ordinary_article_is_parsed_whole(sample):
    rows = figure_rows(sample)
    assert rows.parse_budget is None and len(rows) > 10
    with warnings.catch_warnings():
        warnings.simplefilter("error", ParseBudgetWarning)
        figures(sample)


def test_past_the_budget_the_shallow_rules_answer_and_say_where(sample):
    full = figure_rows(sample, parse_budget=None)
    part = figure_rows(sample, parse_budget=SMALL_BUDGET)
    over = part.parse_budget
    assert full.parse_budget is None and over is not None
    assert over.budget == SMALL_BUDGET and 0 < over.from_char < len(sample.text)
    assert over.sentences > 1 and over.figures > 1
    # Before that point the rows are the parsed ones; after it every figure the parse keeps is still
    # found (the parse only drops look-alikes and rereads entities and sources).
    assert [r for r in part if r["start"] < over.from_char] == [r for r in full if r["start"] < over.from_char]
    assert {(r["start"], r["end"], r["value"]) for r in full} <= {(r["start"], r["end"], r["value"]) for r in part}
    assert over.reading().startswith(f"longer than the parse budget ({SMALL_BUDGET:,} characters parsed): "
                                     f"from character {over.from_char:,} on, {over.figures:,} figures in ")
    assert str(over) == f"{sample.doc_id}: {over.reading()}"


def test_the_library_warns_of_a_document_over_the_budget(sample):
    with pytest.warns(ParseBudgetWarning, match=f"^{sample.doc_id}: longer than the parse budget"):
        table = figures(sample, parse_budget=SMALL_BUDGET)
    assert len(table) >= len(figures(sample))


def test_the_rows_keep_their_note_across_processes(sample):
    rows = figure_rows(sample, parse_budget=SMALL_BUDGET)
    copy = pickle.loads(pickle.dumps(rows))
    pd.testing.assert_frame_equal(pd.DataFrame(copy), pd.DataFrame(rows))
    assert copy.parse_budget == rows.parse_budget is not None


def test_the_default_budget_is_more_than_any_bbc_article_needs():
    assert PARSE_BUDGET_CHARS >= 2 * 4_285  # the most any of the 2,225 BBC articles needs parsed


class _Clock:
    """time.monotonic for the engine: a second passes at each reading."""

    def __init__(self) -> None:
        self.now = 0.0
        self.lock = threading.Lock()

    def monotonic(self) -> float:
        with self.lock:
            self.now += 1.0
            return self.now


@pytest.fixture
def ticking_clock(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(extraction, "time", clock)
    monkeypatch.setattr(batch, "time", clock)
    return clock


QUICK = Document(doc_id="quick", text="Bus fares rose 4% in May.", origin="quick.txt")
# 200 sentences: 200 readings of the clock and more, far past a budget of 50 "seconds".
LONG = Document(doc_id="long", text=" ".join(f"Fares rose {n % 9 + 1}% in town {n}." for n in range(200)),
                origin="long.txt")


def test_a_deadline_passed_ends_the_extraction(ticking_clock):
    with pytest.raises(TimeBudgetExceeded):
        figure_rows(LONG, deadline=50.0)
    assert len(figure_rows(QUICK, deadline=ticking_clock.now + 50)) == 1


def test_off_the_main_thread_a_document_over_its_time_budget_is_skipped_and_the_rest_goes_on(ticking_clock):
    results: list = []
    worker = threading.Thread(target=lambda: results.extend(extract_batch([QUICK, LONG, QUICK], budget=50)))
    worker.start()
    worker.join()
    quick, long, again = results
    assert [r["surface"] for r in quick] == [r["surface"] for r in again] == ["4%"]
    assert str(long) == "long.txt: extraction took longer than 50 s; document skipped"


def test_the_dask_engine_keeps_the_time_budget(ticking_clock, tmp_path):
    out = tmp_path / "out.csv"
    engine = DaskEngine(1, processes=False, budget=50)  # worker threads in this process, with this clock
    try:
        with open(out, "wb") as handle:
            sink = TableFileSink(handle, "csv")
            report = run_batch([QUICK, LONG, Document(doc_id="quick2", text=QUICK.text)], engine, sink)
            sink.close()
    finally:
        engine.close()
    assert [str(e) for e in report.errors] == ["long.txt: extraction took longer than 50 s; document skipped"]
    assert pd.read_csv(out)["doc_id"].tolist() == ["quick", "quick2"]


def test_a_run_reports_documents_over_the_parse_budget(sample, tmp_path):
    out = tmp_path / "out.csv"
    with open(out, "wb") as handle:
        sink = TableFileSink(handle, "csv")
        report = run_batch([QUICK, sample], LocalEngine(1, parse_budget=SMALL_BUDGET), sink)
        sink.close()
    assert not report.errors and report.documents == 2
    [notice] = report.notices
    assert notice.origin == "sample.txt" and notice.message.startswith("longer than the parse budget (300 ")
    assert len(pd.read_csv(out)) == report.figures


def test_the_cli_says_which_documents_ran_past_the_parse_budget(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    for command in ("figures", "check"):
        capsys.readouterr()
        status = main([command, str(article), "-o", str(tmp_path / f"{command}.csv"), "--parse-budget", "300"])
        err = capsys.readouterr().err
        assert status == 0  # a note, not an error
        assert err.startswith(f"figcheck: note: {article}: longer than the parse budget (300 characters parsed)")
        assert "--parse-budget 0 reads every sentence with the parse" in err
    capsys.readouterr()
    assert main(["figures", str(article), "-o", str(tmp_path / "all.csv"), "--parse-budget", "0"]) == 0
    assert capsys.readouterr().err == ""


def test_the_workspace_notes_an_article_over_the_parse_budget(sample, tmp_path, monkeypatch):
    # The workspace imports the engine when an article needs it, so the engine module is patched.
    monkeypatch.setattr(extraction, "figure_rows", functools.partial(figure_rows, parse_budget=SMALL_BUDGET))
    space = open_workspace(tmp_path / "space")
    report = add_documents(space, [sample], how="upload")
    assert report.added == [sample.doc_id] and not report.errors
    [notice] = report.notices
    assert notice.startswith("sample.txt: longer than the parse budget (300 characters parsed)")
