"""The dashboard in store mode (FIGCHECK_STORE): numbers, filters and pages come from DuckDB and
match the store's own functions; filters still live in the URL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from extract.workspace import store_queries as figure_store
from extract.workspace.batch import LocalEngine, run_batch
from extract.documents.loaders import load_path
from extract.app.highlight import markdown_literal
from extract.workspace.store_writer import StoreWriter

CORPUS = ROOT / "tests" / "fixtures" / "crosscheck_corpus.jsonl"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "figures"
    writer = StoreWriter(path)
    run_batch(load_path(CORPUS), LocalEngine(1), writer, chunk_documents=2)
    writer.close()
    return path


def _app(store_path, monkeypatch, **query) -> AppTest:
    monkeypatch.setenv("FIGCHECK_STORE", str(store_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_store_mode_shows_the_stores_figures_and_numbers(store_path, monkeypatch):
    at = _app(store_path, monkeypatch)
    assert not at.exception and not at.error
    store = figure_store.open_store(store_path)
    summary = figure_store.summary(store)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Articles": f"{summary.articles:,}", "Figures": f"{summary.figures:,}",
                       "Sources": f"{summary.sources:,}", "With a source": f"{summary.share_with_source:.0%}"}
    first_page = figure_store.figures_page(store, limit=100)
    assert at.dataframe[0].value["surface"].tolist() == first_page["surface"].tolist()
    store.close()


def test_store_filters_come_from_the_url_and_run_in_duckdb(store_path, monkeypatch):
    at = _app(store_path, monkeypatch, source="United Nations", q="killed")
    store = figure_store.open_store(store_path)
    expected = figure_store.figures_page(store, figure_store.Filters(sources=("United Nations",), text="killed"))
    assert len(expected) >= 1
    assert at.dataframe[0].value["surface"].tolist() == expected["surface"].tolist()
    assert {m.label: m.value for m in at.metric}["Figures"] == str(len(expected))
    store.close()


def test_a_path_that_is_not_a_store_is_an_error_box(tmp_path, monkeypatch):
    at = _app(tmp_path, monkeypatch)
    assert not at.exception
    shown = markdown_literal(f"{tmp_path}: not a figcheck store (no figures/ and documents/ folders)")
    assert [e.value for e in at.error] == [f"Could not open the figures store: {shown}"]
