"""DuckDB queries over a figures store: each filter gives exactly the figures written for it, user
text never reaches the SQL, pages, charts and exports agree."""

import io
import json
import math

import pandas as pd
import pytest

from extract.documents.loaders import Document
from extract.engine.table_schema import COLUMNS, frame_from_rows
from extract.workspace.export import encode
from extract.workspace.filters import OWN_STATEMENT
from extract.workspace.store_queries import (
    EXPORT_COLUMNS,
    Filters,
    export_bytes,
    export_frame,
    figures_by_date,
    figures_by_dimension,
    figures_by_source,
    figures_page,
    filter_options,
    open_store,
    source_verdict_counts,
    summary,
    where_clause,
    write_export,
)
from extract.workspace.store_writer import StoreError, StoreWriter


def _row(doc: str, index: int, **fields) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update(doc_id=doc, figure_id=f"{doc}-{index:04d}", start=index, end=index + 2, surface="5%", value=5.0,
               low=5.0, high=5.0, qualifier="exact", unit="%", dimension="percent", norm_value=5.0)
    row.update(fields)
    return row


# Edge cases the BBC slice lacks: wildcards and quotes in text, a source that looks like SQL, a
# source spelled only by case apart, dates, outlets, accented and curly-quoted text, an infinite bound.
OWN_ROWS = [
    _row("own-1", 0, entity="100% of the vote", sentence="He won 100% of the vote_share.", source="x' OR '1'='1",
         doc_outlet="Wire", doc_date="2005-03-14"),
    _row("own-1", 1, entity="Café prices", sentence="CAFÉ prices rose 5%.", source="", doc_outlet="Wire",
         doc_date="2005-03-14", value=-3.5, low=-3.5, high=-3.5, qualifier="approx"),
    _row("own-2", 0, entity="the ‘big’ banks", sentence="Lending fell 2% at the ‘big’ banks; DROP TABLE figures;",
         source="Bank of England", doc_outlet="Herald", doc_date="2004-12-01", value=2e9, low=2e9, high=float("inf"),
         qualifier="lower", dimension="currency", unit="GBP"),
    _row("own-2", 1, entity="jobs", sentence="Some 300 jobs went.", source="bank of england", doc_outlet="Herald",
         doc_date="2004-12", value=300.0, dimension="count", unit="job"),
    _row("own-3", 0, entity="turnover", sentence="Turnover was $5bn.", source="(stated by the article)",
         doc_outlet="", doc_date="", value=5e9, dimension="currency", unit="USD"),
]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A store of OWN_ROWS (in two chunks) and one article with no figures."""
    path = tmp_path_factory.mktemp("stores") / "it's a store"  # a quote in the path must not break SQL
    writer = StoreWriter(path)
    own = frame_from_rows(OWN_ROWS)
    first = own[own["doc_id"] == "own-1"]
    writer.write_chunk([(Document(doc_id="own-1", text="own-1"), 2)], first)
    writer.write_chunk([(Document(doc_id=d, text=d), int((own["doc_id"] == d).sum())) for d in ("own-2", "own-3")]
                       + [(Document(doc_id="no-figures", text="Nothing here."), 0)], own[own["doc_id"] != "own-1"])
    writer.close()
    store = open_store(path)
    yield store, own
    store.close()


ALL = ["own-1-0000", "own-1-0001", "own-2-0000", "own-2-0001", "own-3-0000"]


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), ALL),
    (Filters(sources=(OWN_STATEMENT,)), ["own-1-0001", "own-3-0000"]),
    # "bank of england" is the same source spelled in lower case: one source, one filter entry.
    (Filters(sources=("Bank of England", OWN_STATEMENT)), ["own-1-0001", "own-2-0000", "own-2-0001", "own-3-0000"]),
    (Filters(sources=("x' OR '1'='1",)), ["own-1-0000"]),
    (Filters(dimensions=("currency",), qualifiers=("lower", "exact")), ["own-2-0000", "own-3-0000"]),
    (Filters(outlets=("Herald", "BBC News")), ["own-2-0000", "own-2-0001"]),
    (Filters(documents=("own-1", "bbc-business-001")), ["own-1-0000", "own-1-0001"]),
    (Filters(text="CAFÉ"), ["own-1-0001"]),
    (Filters(text="café PRICES"), ["own-1-0001"]),
    (Filters(text="100%"), ["own-1-0000"]),
    (Filters(text="_"), ["own-1-0000"]),  # a literal underscore, not a wildcard
    (Filters(text="vote share"), []),
    (Filters(text="'; DROP TABLE figures; --"), []),
    (Filters(text="DROP TABLE figures;"), ["own-2-0000"]),
    (Filters(text="‘big’"), ["own-2-0000"]),
    (Filters(text="jobs "), ["own-2-0001"]),  # spaces around the search are dropped, in every caller
    (Filters(value_min=0, value_max=1000), ["own-1-0000", "own-2-0001"]),
    (Filters(value_min=1e9), ["own-2-0000", "own-3-0000"]),
    (Filters(value_min=math.nan, value_max=math.nan), ALL),  # NaN is no bound
    (Filters(sources=(OWN_STATEMENT,), dimensions=("percent",), text="rose", value_max=50), ["own-1-0001"]),
], ids=repr)
def test_each_filter_gives_exactly_its_figures(stored, filters, expected):
    store, _ = stored
    assert export_frame(store, filters)["figure_id"].tolist() == expected
    got = summary(store, filters)
    assert (got.figures, got.articles) == (len(expected), len({f.rsplit("-", 1)[0] for f in expected}))
    assert figures_page(store, filters, limit=2, offset=1)["figure_id"].tolist() == expected[1:3]
    assert int(figures_by_source(store, filters)["figures"].sum()) == len(expected)
    assert int(figures_by_dimension(store, filters)["figures"].sum()) == len(expected)
    assert summary(store).figures == 5  # nothing in the filters changed the store


def test_summary_and_options(stored):
    store, _ = stored
    got = summary(store)
    assert (got.figures, got.articles, got.sources, got.articles_in_store, got.articles_without_figures) == (
        5, 3, 2, 4, 1)
    assert got.share_with_source == 3 / 5  # the literal "(stated by the article)" is the article's own
    options = filter_options(store)
    assert options.sources == ["Bank of England", "x' OR '1'='1", OWN_STATEMENT]  # "bank of england" merged
    assert options.outlets == ["Herald", "Wire"]
    assert options.dimensions == ["count", "currency", "percent"]
    assert options.qualifiers == ["exact", "approx", "lower"]
    assert list(options.documents) == ["no-figures", "own-1", "own-2", "own-3"]
    assert figures_by_source(store).to_dict("list") == {
        "source": [OWN_STATEMENT, "Bank of England", "x' OR '1'='1"], "figures": [2, 2, 1]}


def test_user_text_never_enters_the_sql(stored):
    store, _ = stored
    hostile = "x' OR '1'='1"
    sql, parameters = where_clause(Filters(sources=(hostile,), text=hostile, outlets=(hostile,)))
    assert hostile not in sql and "OR '1'" not in sql
    assert parameters.count(hostile) == 2 and parameters.count(hostile.lower()) == 2
    assert where_clause(Filters()) == ("", [])
    assert export_frame(store, Filters(sources=(hostile,)))["figure_id"].tolist() == ["own-1-0000"]
    with pytest.raises(ValueError, match="not a column"):
        figures_page(store, Filters(), order_by="value; DROP TABLE figures")


def test_pages_order_by_a_column_with_figure_id_breaking_ties(stored):
    store, _ = stored
    page = figures_page(store, Filters(), order_by="value", descending=True, limit=3, offset=1,
                        columns=["figure_id", "value"])
    assert page.to_dict("list") == {"figure_id": ["own-2-0000", "own-2-0001", "own-1-0000"],
                                    "value": [2e9, 300.0, 5.0]}
    page = figures_page(store, Filters(dimensions=("currency",)), order_by="doc_outlet", columns=["figure_id"])
    assert page["figure_id"].tolist() == ["own-3-0000", "own-2-0000"]


def test_exports_hold_the_written_rows_streamed_or_whole(stored):
    store, table = stored
    f = Filters(dimensions=("currency", "percent"))
    expected = table[table["dimension"].isin(["currency", "percent"])].sort_values("figure_id").reset_index(drop=True)
    expected = expected.assign(**{c: "" for c in EXPORT_COLUMNS if c not in COLUMNS})[EXPORT_COLUMNS]
    for fmt in ("csv", "jsonl"):
        out = io.BytesIO()
        assert write_export(store, f, out, fmt) == 4
        assert out.getvalue() == encode(expected, fmt) == export_bytes(store, f, fmt)
    out = io.BytesIO()
    write_export(store, f, out, "parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(out.getvalue())), expected[COLUMNS])
    lines = export_bytes(store, Filters(documents=("own-2",)), "jsonl").decode("utf-8").splitlines()
    assert json.loads(lines[0])["high"] == "inf"
    csv_text = export_bytes(store, Filters(sources=("x' OR '1'='1",)), "csv").decode("utf-8")
    assert csv_text.count("\n") == 2  # the header and its one figure


def test_figures_by_date_periods_and_limits(stored):
    store, _ = stored
    assert figures_by_date(store, period="year").to_dict("list") == {"date": ["2004", "2005"], "figures": [1, 2]}
    assert figures_by_date(store, period="day")["date"].tolist() == ["2004-12-01", "2005-03-14"]
    assert figures_by_source(store, limit=2).to_dict("list") == {"source": [OWN_STATEMENT, "Bank of England"],
                                                                 "figures": [2, 2]}
    with pytest.raises(ValueError, match="unknown period"):
        figures_by_date(store, period="week")


def test_on_disk_mode_gives_the_same_answers(stored):
    store, table = stored
    on_disk = open_store(store.path, in_memory=False)
    f = Filters(text="market", dimensions=("percent", "currency"))
    pd.testing.assert_frame_equal(export_frame(on_disk, f), export_frame(store, f))
    assert summary(on_disk, f) == summary(store, f)
    on_disk.close()


def test_opening_something_that_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="no such directory"):
        open_store(tmp_path / "missing")
    (tmp_path / "plain").mkdir()
    with pytest.raises(StoreError, match="not a figcheck store"):
        open_store(tmp_path / "plain")
    empty = tmp_path / "empty"
    StoreWriter(empty).close()
    store = open_store(empty)
    assert summary(store).figures == 0 and figures_page(store).empty and figures_by_source(store).empty


def test_source_chart_counts_keep_the_top_sources_and_fold_the_rest(stored):
    store, _ = stored
    counts = source_verdict_counts(store, top=1)
    assert [tuple(r) for r in counts.itertuples(index=False)] == [
        ("Bank of England", "", 2), ("(all other sources: 1)", "", 1), (OWN_STATEMENT, "", 2)]
    assert source_verdict_counts(store, Filters(text="no such words")).empty


def test_text_search_selections_answer_as_a_plain_scan_does_and_stay_bounded(stored, monkeypatch):
    """In memory a text search's rowids are kept for the view's later questions (Store.narrowed);
    every answer equals the on-disk store's, which scans with the filter itself, and old selections
    are dropped."""
    from extract.workspace import store_queries

    store, _ = stored
    monkeypatch.setattr(store_queries, "SELECTIONS", 2)
    monkeypatch.setattr(store_queries, "RETIRED_SECONDS", -1.0)  # dropped at once here
    on_disk = open_store(store.path, in_memory=False)
    cases = [Filters(text="prices"), Filters(text="the", dimensions=("percent", "currency")),
             Filters(text="banks", verdicts=("",)), Filters(text="nothing like this"), Filters(text="prices")]
    for filters in cases:
        for _ in range(2):  # the second time from the kept selection
            assert summary(store, filters) == summary(on_disk, filters)
            for page in (dict(limit=1, offset=0), dict(limit=2, offset=1)):
                pd.testing.assert_frame_equal(figures_page(store, filters, **page), figures_page(on_disk, filters, **page))
            pd.testing.assert_frame_equal(figures_by_dimension(store, filters), figures_by_dimension(on_disk, filters))
            pd.testing.assert_frame_equal(figures_by_date(store, filters), figures_by_date(on_disk, filters))
            pd.testing.assert_frame_equal(source_verdict_counts(store, filters), source_verdict_counts(on_disk, filters))
    kept = store.query("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '_selection_%'").fetchone()
    assert kept == (2,)
    on_disk.close()
