"""The DuckDB store queries give exactly what pandas gives on the same figures."""

import io
import json

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED
from extract.workspace.filters import OWN_STATEMENT, figures_by_source as pandas_figures_by_source, source_label
from extract.workspace.filters import filter_options as pandas_filter_options
from extract.workspace.batch import LocalEngine, run_batch
from extract.documents.loaders import Document, load_path
from extract.workspace.export import encode
from extract.engine.table_schema import COLUMNS, frame_from_rows
from extract.workspace.store_queries import (
    Filters,
    export_bytes,
    export_frame,
    figures_by_date,
    figures_by_dimension,
    figures_by_source,
    figures_page,
    filter_options,
    open_store,
    summary,
    where_clause,
    write_export,
)
from extract.workspace.store_writer import StoreError, StoreWriter

BBC = SHARED / "corpora" / "bbc-news.jsonl"


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
    """A store of a BBC slice (every 25th article) plus OWN_ROWS, and the same figures in pandas."""
    if not BBC.exists():
        pytest.skip("../shared/corpora/bbc-news.jsonl not found")
    corpus = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    corpus.write_text("\n".join(BBC.read_text(encoding="utf-8").splitlines()[::25]) + "\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("stores") / "it's a store"  # a quote in the path must not break SQL
    writer = StoreWriter(path)
    run_batch(load_path(corpus), LocalEngine(1), writer, chunk_documents=30)
    own = frame_from_rows(OWN_ROWS)
    writer.write_chunk([(Document(doc_id=d, text=d), int((own["doc_id"] == d).sum())) for d in own["doc_id"].unique()]
                       + [(Document(doc_id="no-figures", text="Nothing here."), 0)], own)
    writer.close()
    table = pd.concat([pd.read_parquet(p) for p in sorted((path / "figures").glob("*.parquet"))], ignore_index=True)
    store = open_store(path)
    yield store, table
    store.close()


def pandas_filter(table: pd.DataFrame, f: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=table.index)
    if f.sources:
        keep &= table["source"].map(source_label).isin(f.sources)
    if f.documents:
        keep &= table["doc_id"].isin(f.documents)
    if f.outlets:
        keep &= table["doc_outlet"].isin(f.outlets)
    if f.dimensions:
        keep &= table["dimension"].isin(f.dimensions)
    if f.qualifiers:
        keep &= table["qualifier"].isin(f.qualifiers)
    if f.text:
        needle = f.text.lower()
        keep &= (table["entity"].str.lower().str.contains(needle, regex=False)
                 | table["sentence"].str.lower().str.contains(needle, regex=False))
    if f.value_min is not None:
        keep &= table["value"] >= f.value_min
    if f.value_max is not None:
        keep &= table["value"] <= f.value_max
    return table[keep].sort_values("figure_id").reset_index(drop=True)


def counts(frame: pd.DataFrame, column: str, values: pd.Series) -> pd.DataFrame:
    result = values.value_counts().rename_axis(column).reset_index(name="figures")
    return result.sort_values(["figures", column], ascending=[False, True]).reset_index(drop=True)


def check_everything_equal(store, table, f: Filters) -> None:
    expected = pandas_filter(table, f)
    got = summary(store, f)
    assert got.figures == len(expected)
    assert got.articles == expected["doc_id"].nunique()
    assert got.sources == expected.loc[expected["source"] != "", "source"].nunique()
    assert got.share_with_source == ((expected["source"] != "").mean() if len(expected) else None)
    pd.testing.assert_frame_equal(export_frame(store, f), expected)
    pd.testing.assert_frame_equal(figures_page(store, f, limit=7, offset=3),
                                  expected.iloc[3:10].reset_index(drop=True))
    by_source = pandas_figures_by_source(expected)
    pd.testing.assert_frame_equal(
        figures_by_source(store, f),
        by_source.sort_values(["figures", "source"], ascending=[False, True]).reset_index(drop=True))
    pd.testing.assert_frame_equal(figures_by_dimension(store, f), counts(expected, "dimension", expected["dimension"]))
    dated = expected[expected["doc_date"].str.match(r"\d{4}-\d{2}-\d{2}")]
    pd.testing.assert_frame_equal(
        figures_by_date(store, f, period="month"),
        dated["doc_date"].str[:7].value_counts().rename_axis("date").reset_index(name="figures")
        .sort_values("date").reset_index(drop=True))


@pytest.mark.parametrize("filters", [
    Filters(),
    Filters(sources=(OWN_STATEMENT,)),
    Filters(sources=("Bank of England", OWN_STATEMENT)),
    Filters(sources=("x' OR '1'='1",)),
    Filters(dimensions=("currency",), qualifiers=("lower", "exact")),
    Filters(outlets=("Herald", "BBC News")),
    Filters(documents=("own-1", "bbc-business-001")),
    Filters(text="profit"),
    Filters(text="CAFÉ"),
    Filters(text="100%"),
    Filters(text="vote_share"),
    Filters(text="'; DROP TABLE figures; --"),
    Filters(text="‘big’"),
    Filters(value_min=0, value_max=1000),
    Filters(value_min=1e9),
    Filters(sources=(OWN_STATEMENT,), dimensions=("percent",), text="rose", value_max=50),
], ids=repr)
def test_each_query_equals_pandas_on_the_same_figures(stored, filters):
    store, table = stored
    check_everything_equal(store, table, filters)
    assert summary(store).figures == len(table)  # nothing in the filters changed the store


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_filter_combinations_equal_pandas(stored, data):
    store, table = stored
    options = filter_options(store)
    some = lambda values: st.lists(st.sampled_from(values), max_size=3, unique=True).map(tuple)  # noqa: E731
    words = table["entity"].str.split().explode().dropna().unique().tolist()[:200]
    filters = data.draw(st.builds(
        Filters, sources=some(options.sources), documents=some(options.documents["doc_id"].tolist()),
        outlets=some(options.outlets), dimensions=some(options.dimensions), qualifiers=some(options.qualifiers),
        text=st.one_of(st.just(""), st.sampled_from(words), st.text(max_size=3)),
        value_min=st.one_of(st.none(), st.sampled_from([-10.0, 0.0, 5.0, 1e6])),
        value_max=st.one_of(st.none(), st.sampled_from([0.0, 10.0, 1e9])),
    ))
    check_everything_equal(store, table, filters)


def test_summary_counts_every_article_read_and_options_match_app_data(stored):
    store, table = stored
    got = summary(store)
    read = len(BBC.read_text(encoding="utf-8").splitlines()[::25]) + 4  # the slice, own-1..3 and "no-figures"
    assert got.articles_in_store == read > got.articles == table["doc_id"].nunique()
    options = filter_options(store)
    assert options.sources == pandas_filter_options(table).sources
    assert options.sources[-1] == OWN_STATEMENT
    assert options.sources.index("Bank of England") + 1 == options.sources.index("bank of england")
    assert "x' OR '1'='1" in options.sources and "(stated by the article)" == OWN_STATEMENT
    assert options.outlets == sorted(set(table["doc_outlet"]) - {""})
    assert options.dimensions == sorted(set(table["dimension"]) - {""})
    assert options.qualifiers == sorted(set(table["qualifier"]))
    expected_docs = (table.groupby("doc_id").agg(doc_title=("doc_title", "first"), doc_outlet=("doc_outlet", "first"),
                                                 doc_date=("doc_date", "first"), figures=("figure_id", "size"))
                     .reset_index().sort_values(["doc_title", "doc_id"]).reset_index(drop=True))
    pd.testing.assert_frame_equal(options.documents, expected_docs, check_dtype=False)


def test_a_source_literally_named_like_the_label_counts_as_the_article_s_own(stored):
    # app_data.source_label cannot tell them apart either; the store keeps the same semantics.
    store, table = stored
    own = export_frame(store, Filters(sources=(OWN_STATEMENT,)))
    assert "own-3-0000" in set(own["figure_id"]) and "own-1-0001" in set(own["figure_id"])


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
    store, table = stored
    page = figures_page(store, Filters(dimensions=("percent",)), order_by="value", descending=True, limit=5,
                        offset=2, columns=["figure_id", "value"])
    expected = (table[table["dimension"] == "percent"].sort_values(["value", "figure_id"], ascending=[False, True])
                [["figure_id", "value"]].iloc[2:7].reset_index(drop=True))
    pd.testing.assert_frame_equal(page, expected)


def test_exports_equal_the_encoded_pandas_table(stored):
    store, table = stored
    f = Filters(dimensions=("currency", "percent"))
    expected = pandas_filter(table, f)
    for fmt in ("csv", "jsonl"):
        out = io.BytesIO()
        assert write_export(store, f, out, fmt) == len(expected)
        assert out.getvalue() == encode(expected, fmt) == export_bytes(store, f, fmt)
    out = io.BytesIO()
    write_export(store, f, out, "parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(out.getvalue())), expected)
    lines = export_bytes(store, Filters(documents=("own-2",)), "jsonl").decode("utf-8").splitlines()
    assert json.loads(lines[0])["high"] == "inf"
    csv_text = export_bytes(store, Filters(sources=("x' OR '1'='1",)), "csv").decode("utf-8")
    assert csv_text.count("\n") == 2  # the header and its one figure


def test_figures_by_date_periods_and_limits(stored):
    store, _ = stored
    assert figures_by_date(store, period="year").to_dict("list") == {"date": ["2004", "2005"], "figures": [1, 2]}
    assert figures_by_date(store, period="day")["date"].tolist() == ["2004-12-01", "2005-03-14"]
    assert len(figures_by_source(store, limit=3)) == 3
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
