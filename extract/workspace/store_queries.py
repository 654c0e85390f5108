"""Querying a figures store with DuckDB: what the dashboard calls when it shows a store.

Filters, pages, counts and chart aggregates run in SQL; only what is shown reaches pandas. Every
value a user typed or picked goes to DuckDB as a bound parameter, never into the SQL text; column
names in SQL come only from this module's own lists.

    store = open_store("figures-store/")
    options = filter_options(store)
    filters = Filters(sources=("United Nations",), text="civilians")
    summary(store, filters); figures_page(store, filters, limit=50); figures_by_source(store, filters)
    write_export(store, filters, out, "csv")
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb
import pandas as pd

import extract.workspace.filters as figure_filters
from extract.workspace.filters import OWN_STATEMENT
from extract.workspace.export import TableStreamWriter, encode
from extract.engine.table_schema import ARROW_SCHEMA, COLUMNS
from extract.workspace.store_writer import DOCUMENTS_SCHEMA, StoreError, committed_parts, is_store

# Chart and option queries work on a store's labels: an empty source is the article's own statement.
_SOURCE_LABEL = "CASE WHEN coalesce(source, '') = '' THEN ? ELSE source END"
_DATE_PREFIX = {"year": 4, "month": 7, "day": 10}
EXPORT_ROWS_PER_BATCH = 50_000


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the table to; an empty field does not filter.

    sources: source labels as `filter_options` lists them (OWN_STATEMENT for figures the article
    states itself); documents: doc_ids; outlets: doc_outlet values; text: a case-insensitive
    substring of the entity or the sentence (taken literally: % and _ are not wildcards);
    value_min / value_max: inclusive bounds on `value`.
    """

    sources: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    text: str = ""
    value_min: float | None = None
    value_max: float | None = None


@dataclass(frozen=True)
class StoreSummary:
    figures: int
    articles: int  # articles with at least one matching figure
    sources: int  # distinct named sources among the matching figures
    share_with_source: float | None  # of the matching figures, the share a source stands behind; None when none match
    articles_in_store: int  # every article read into the store, with figures or not


@dataclass(frozen=True)
class FilterOptions:
    sources: list[str]  # labels, named sources A–Z then OWN_STATEMENT, as app_data.source_options
    outlets: list[str]
    documents: pd.DataFrame  # doc_id, doc_title, doc_outlet, doc_date, figures; by title then doc_id
    dimensions: list[str]
    qualifiers: list[str]


class Store:
    """An open store: DuckDB tables (or views) `figures` and `documents` over its Parquet files.

    In memory, loading costs a second or two at a million figures and then every filter is a scan
    in memory, instead of re-reading and decompressing Parquet on each rerun. Queries use a cursor
    each, so one Store serves several dashboard sessions (threads).
    """

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.Lock()

    def query(self, sql: str, parameters: list | None = None) -> duckdb.DuckDBPyConnection:
        """Run `sql` with bound `parameters` on a cursor of its own; fetch from what it returns."""
        return self._cursor().execute(sql, parameters or [])

    def relation(self, sql: str, parameters: list | None = None) -> duckdb.DuckDBPyRelation:
        """`sql` as a relation, whose Arrow reader streams its rows (an execute() result would not)."""
        return self._cursor().sql(sql, params=parameters or [])

    def frame(self, sql: str, parameters: list | None = None) -> pd.DataFrame:
        """`sql`'s rows as a DataFrame, through Arrow, so column types do not depend on the row count
        (DuckDB's own .df() gives object columns to an empty result and str columns otherwise)."""
        return self.relation(sql, parameters).to_arrow_table().to_pandas()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._connection.cursor()

    def close(self) -> None:
        self._connection.close()


def open_store(path: str | Path, *, in_memory: bool = True, memory_limit: str = "1GB",
               threads: int | None = None) -> Store:
    """Open the store at `path` (a directory `python -m extract figures ... -o DIR/` wrote).

    in_memory: load the figures into DuckDB once (~0.6 KB a figure: fast filters up to ~1.5 million
    figures within a 1.5 GB process); False queries the Parquet files on every call instead
    (any size, a few times slower, most of all for text search). `memory_limit` caps DuckDB's
    working memory. Raises StoreError naming the path when it is not a readable store.
    """
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"{path}: no such directory")
    if not is_store(path):
        raise StoreError(f"{path}: not a figcheck store (no figures/ and documents/ folders)")
    figure_files, document_files = committed_parts(path)
    connection = duckdb.connect(":memory:", config={"memory_limit": memory_limit,
                                                    **({"threads": threads} if threads else {})})
    try:
        _load(connection, "figures", figure_files, ARROW_SCHEMA, in_memory, _DERIVED_FIGURE_COLUMNS)
        _load(connection, "documents", document_files, DOCUMENTS_SCHEMA, in_memory)
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"{path}: cannot read the store: {error}") from error
    return Store(path, connection)


def _load(connection: duckdb.DuckDBPyConnection, table: str, files: list[Path], schema, in_memory: bool,
          derived: str = "") -> None:
    # The relation API takes the file list as data, so a path with quotes in it never becomes SQL.
    relation = (connection.read_parquet([str(f) for f in files]) if files
                else connection.from_arrow(schema.empty_table()))
    if derived:
        relation = relation.project(f"*, {derived}")
    if in_memory:
        relation.create(table)
    else:
        relation.create_view(table)


# Computed once at load so that no filter change pays for them on a million rows again: lowering
# every sentence for a text search took ~0.4 s a query; searching pre-lowered text is a plain scan.
_DERIVED_FIGURE_COLUMNS = (
    "lower(coalesce(entity, '')) AS _entity_lower, lower(coalesce(sentence, '')) AS _sentence_lower, "
    r"regexp_matches(coalesce(doc_date, ''), '^\d{4}-\d{2}-\d{2}') AS _dated"
)


def where_clause(filters: Filters) -> tuple[str, list]:
    """A SQL WHERE clause over the figures table for `filters`, and its parameters in order.

    Returns ("", []) when nothing filters. User values appear only as `?` placeholders.
    """
    conditions: list[str] = []
    parameters: list = []

    def one_of(expression: str, values: tuple[str, ...]) -> None:
        if values:
            conditions.append(f"{expression} IN ({', '.join('?' for _ in values)})")
            parameters.extend(values)

    if filters.sources:
        parameters.append(OWN_STATEMENT)
    one_of(_SOURCE_LABEL, filters.sources)
    one_of("doc_id", filters.documents)
    one_of("doc_outlet", filters.outlets)
    one_of("dimension", filters.dimensions)
    one_of("qualifier", filters.qualifiers)
    if filters.text:
        needle = filters.text.lower()
        conditions.append("(contains(_entity_lower, ?) OR contains(_sentence_lower, ?))")
        parameters.extend([needle, needle])
    if filters.value_min is not None:
        conditions.append("(value >= ? AND NOT isnan(value))")
        parameters.append(float(filters.value_min))
    if filters.value_max is not None:
        conditions.append("(value <= ? AND NOT isnan(value))")
        parameters.append(float(filters.value_max))
    if not conditions:
        return "", []
    return "WHERE " + " AND ".join(conditions), parameters


def summary(store: Store, filters: Filters = Filters()) -> StoreSummary:
    where, parameters = where_clause(filters)
    figures, articles, sources, with_source = store.query(
        "SELECT count(*), count(DISTINCT doc_id), count(DISTINCT CASE WHEN source <> '' THEN source END), "
        f"count(*) FILTER (WHERE source <> '') FROM figures {where}", parameters).fetchone()
    (articles_in_store,) = store.query("SELECT count(DISTINCT doc_id) FROM documents").fetchone()
    return StoreSummary(figures=figures, articles=articles, sources=sources,
                        share_with_source=with_source / figures if figures else None,
                        articles_in_store=articles_in_store)


def filter_options(store: Store) -> FilterOptions:
    """Every value each filter can take, over the whole store."""
    labels = [row[0] for row in store.query(f"SELECT DISTINCT {_SOURCE_LABEL} FROM figures", [OWN_STATEMENT]).fetchall()]
    documents = store.frame(
        "SELECT doc_id, any_value(doc_title) AS doc_title, any_value(doc_outlet) AS doc_outlet, "
        "any_value(doc_date) AS doc_date, count(*) AS figures FROM figures GROUP BY doc_id "
        "ORDER BY doc_title, doc_id")

    def distinct(column: str) -> list[str]:
        return [row[0] for row in store.query(
            f"SELECT DISTINCT {column} FROM figures WHERE {column} IS NOT NULL AND {column} <> '' "
            f"ORDER BY {column}").fetchall()]

    return FilterOptions(
        sources=sorted(labels, key=lambda s: (s == OWN_STATEMENT, s.lower(), s)),
        outlets=distinct("doc_outlet"), documents=documents, dimensions=distinct("dimension"),
        qualifiers=distinct("qualifier"),
    )


def _order(order_by: str, descending: bool) -> str:
    if order_by not in COLUMNS:
        raise ValueError(f"cannot order by {order_by!r}: not a column of the figures table")
    direction = "DESC" if descending else "ASC"
    # figure_id breaks ties, so a page boundary never moves between reruns.
    return f'ORDER BY "{order_by}" {direction} NULLS LAST' + ("" if order_by == "figure_id" else ", figure_id")


def figures_page(store: Store, filters: Filters = Filters(), *, limit: int = 100, offset: int = 0,
                 order_by: str = "figure_id", descending: bool = False,
                 columns: list[str] | None = None) -> pd.DataFrame:
    """One page of the filtered table, ordered by `order_by` (then figure_id)."""
    chosen = columns or COLUMNS
    unknown = [c for c in chosen if c not in COLUMNS]
    if unknown:
        raise ValueError(f"not columns of the figures table: {', '.join(unknown)}")
    where, parameters = where_clause(filters)
    selected = ", ".join(f'"{c}"' for c in chosen)
    return store.frame(f"SELECT {selected} FROM figures {where} {_order(order_by, descending)} LIMIT ? OFFSET ?",
                       [*parameters, int(limit), int(offset)])


def figures_by_source(store: Store, filters: Filters = Filters(), *, limit: int | None = None) -> pd.DataFrame:
    """Columns source (label), figures: most figures first, then by label."""
    where, parameters = where_clause(filters)
    return _counts(store, f"SELECT {_SOURCE_LABEL} AS source, count(*) AS figures FROM figures {where} "
                          "GROUP BY 1 ORDER BY figures DESC, source", [OWN_STATEMENT, *parameters], limit)


def figures_by_dimension(store: Store, filters: Filters = Filters(), *, limit: int | None = None) -> pd.DataFrame:
    """Columns dimension, figures: most figures first, then by dimension."""
    where, parameters = where_clause(filters)
    return _counts(store, f"SELECT dimension, count(*) AS figures FROM figures {where} "
                          "GROUP BY 1 ORDER BY figures DESC, dimension", parameters, limit)


def figures_by_date(store: Store, filters: Filters = Filters(), *, period: str = "month") -> pd.DataFrame:
    """Columns date ('2005-03' for a month, '2005' a year, '2005-03-14' a day), figures; in date order.

    Figures of articles without a YYYY-MM-DD date are not counted.
    """
    if period not in _DATE_PREFIX:
        raise ValueError(f"unknown period {period!r}; use one of {', '.join(_DATE_PREFIX)}")
    where, parameters = where_clause(filters)
    where = f"{where} AND _dated" if where else "WHERE _dated"
    return _counts(store, f"SELECT substr(doc_date, 1, {_DATE_PREFIX[period]}) AS date, count(*) AS figures "
                          f"FROM figures {where} GROUP BY 1 ORDER BY 1", parameters, None)


def _counts(store: Store, sql: str, parameters: list, limit: int | None) -> pd.DataFrame:
    if limit is not None:
        sql += " LIMIT ?"
        parameters = [*parameters, int(limit)]
    return store.frame(sql, parameters)


def _filtered_sql(filters: Filters, order_by: str, descending: bool) -> tuple[str, list]:
    where, parameters = where_clause(filters)
    columns = ", ".join(f'"{c}"' for c in COLUMNS)
    return f"SELECT {columns} FROM figures {where} {_order(order_by, descending)}", parameters


def export_frame(store: Store, filters: Filters = Filters(), *, order_by: str = "figure_id",
                 descending: bool = False) -> pd.DataFrame:
    """Every filtered row, all columns, as a DataFrame (for exports small enough to hold)."""
    sql, parameters = _filtered_sql(filters, order_by, descending)
    return store.frame(sql, parameters)


def export_bytes(store: Store, filters: Filters, fmt: str, **order) -> bytes:
    """The filtered rows encoded as csv, jsonl or parquet, exactly as `export.encode` writes a table."""
    return encode(export_frame(store, filters, **order), fmt)


def write_export(store: Store, filters: Filters, out: BinaryIO, fmt: str, *, order_by: str = "figure_id",
                 descending: bool = False) -> int:
    """Stream the filtered rows to `out` in batches (memory stays flat at any size); returns rows written."""
    sql, parameters = _filtered_sql(filters, order_by, descending)
    writer = TableStreamWriter(out, fmt)
    rows = 0
    with store.relation(sql, parameters).to_arrow_reader(batch_size=EXPORT_ROWS_PER_BATCH) as reader:
        for batch in reader:
            frame = batch.to_pandas()
            writer.write(frame)
            rows += len(frame)
    writer.close()
    return rows


def from_figure_filters(chosen: figure_filters.FigureFilters) -> Filters:
    """The dashboard's filters (shared by both of its modes) as a store query's."""
    return Filters(sources=tuple(chosen.sources), documents=tuple(chosen.documents), outlets=tuple(chosen.outlets),
                   dimensions=tuple(chosen.dimensions), qualifiers=tuple(chosen.qualifiers), text=chosen.search,
                   value_min=chosen.min_value, value_max=chosen.max_value)


def sidebar_options(options: FilterOptions) -> figure_filters.FilterOptions:
    """A store's filter options in the shape the dashboard's sidebar takes (documents id -> label)."""
    labels = options.documents["doc_title"].where(options.documents["doc_title"] != "", options.documents["doc_id"])
    return figure_filters.FilterOptions(sources=options.sources, documents=dict(zip(options.documents["doc_id"], labels)),
                                        outlets=options.outlets, dimensions=options.dimensions,
                                        qualifiers=options.qualifiers)
