"""Querying a workspace's figures with DuckDB: everything the dashboard and the CLI's exports show.

Filters, pages, counts and chart aggregates run in SQL; only what is shown reaches pandas. Every
value a user typed or picked goes to DuckDB as a bound parameter, never into the SQL text; column
names in SQL come only from this module's own lists.

    store = open_store("figures-store/")
    options = filter_options(store)
    filters = Filters(sources=("United Nations",), text="civilians")
    summary(store, filters); figures_page(store, filters, limit=50); figures_by_source(store, filters)
    write_export(store, filters, out, "csv")

A store opened with `checks=` (a workspace's stored cross-check results) carries each figure's
verdict, reason, evidence and review key; `use_decisions` adds the reviewers' latest decisions,
so the verdict filter, pages and exports see the verdict that stands.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.checks.source_names import merged_source_names
from extract.checks.verdicts import VERDICT_COLUMNS
from extract.engine.table_schema import ARROW_SCHEMA, COLUMNS
from extract.workspace.export import TableStreamWriter, encode
from extract.workspace.filters import OWN_STATEMENT, Filters
from extract.workspace.reviews import REVIEW_COLUMNS, REVIEWED
from extract.workspace.store_writer import DOCUMENTS_SCHEMA, StoreError, committed_parts, is_store

# Chart and option queries work on a store's labels: an empty source is the article's own statement.
_SOURCE_LABEL = "_source_label"  # a derived column (below): an empty source is the article's own statement
_STANDING_VERDICT = "CASE WHEN reviewer_verdict <> '' THEN reviewer_verdict ELSE verdict END"
_DATE_PREFIX = {"year": 4, "month": 7, "day": 10}
EXPORT_ROWS_PER_BATCH = 50_000
EXPORT_COLUMNS = COLUMNS + VERDICT_COLUMNS + REVIEW_COLUMNS
CHECK_COLUMNS = ["figure_id", *VERDICT_COLUMNS, "review_key"]
CHECKS_SCHEMA = pa.schema([pa.field(name, pa.string()) for name in CHECK_COLUMNS])
EVIDENCE_SCHEMA = pa.schema([
    pa.field("figure_id", pa.string()), pa.field("role", pa.string()), pa.field("label", pa.string()),
    pa.field("source", pa.string()), pa.field("low", pa.float64()), pa.field("high", pa.float64()),
    pa.field("open_high", pa.bool_()), pa.field("unit", pa.string()), pa.field("is_match", pa.bool_()),
    pa.field("agrees", pa.bool_()), pa.field("failed", pa.string()), pa.field("why", pa.string()),
    pa.field("url", pa.string()),
])
SOURCE_NAMES_SCHEMA = pa.schema([pa.field("source", pa.string()), pa.field("merged", pa.string())])
DECISIONS_SCHEMA = pa.schema([pa.field(name, pa.string())
                              for name in ("key", "verdict", "note", "reviewed_at", "reviewer", "status")])
OTHER_SOURCES = "(all other sources)"
SELECTIONS = 64  # text-search selections a Store keeps (Store.narrowed)
RETIRED_SECONDS = 60.0  # how long a selection outlives its place in the list
NO_FILTERS = Filters()

__all__ = ["CHECKS_SCHEMA", "EVIDENCE_SCHEMA", "EXPORT_COLUMNS", "SOURCE_NAMES_SCHEMA", "Filters", "FilterOptions",
           "Store", "StoreSummary", "article_text", "document_rows", "evidence_rows", "export_bytes", "export_frame",
           "figures_by_date", "figures_by_dimension", "figures_by_source", "figures_page", "filter_options",
           "open_store", "reviewed_count", "source_name_table", "source_verdict_counts", "summary",
           "unmatched_values", "where_clause", "write_export"]


@dataclass(frozen=True)
class StoreSummary:
    figures: int
    articles: int  # articles with at least one matching figure
    sources: int  # distinct named sources among the matching figures, one per merged name
    share_with_source: float | None  # of the matching figures, the share a source stands behind; None when none match
    articles_in_store: int  # every article in the store, with figures or not (removed ones aside)
    articles_without_figures: int  # of those, the ones in which no figure was found


@dataclass(frozen=True)
class FilterOptions:
    sources: list[str]  # labels, named sources A–Z then OWN_STATEMENT
    outlets: list[str]
    documents: dict[str, str]  # doc_id -> label, by label; every article in the store
    dimensions: list[str]
    qualifiers: list[str]
    verdicts: list[str]


class Store:
    """An open store: DuckDB tables (or views) `figures`, `documents`, `evidence` and `decisions`.

    In memory, loading costs a second or two at a million figures and then every filter is a scan
    in memory, instead of re-reading and decompressing Parquet on each rerun. Queries use a cursor
    each, so one Store serves several dashboard sessions (threads).
    """

    def __init__(self, path: Path, connection: duckdb.DuckDBPyConnection, *, in_memory: bool = True) -> None:
        self.path = path
        self.in_memory = in_memory  # figures is a table (rows addressable by rowid), not a view of the files
        self._connection = connection
        self._lock = threading.Lock()
        self._decisions_version: object = ()
        self._documents_counts: tuple[int, int] | None = None
        self._selections: OrderedDict[tuple[Filters, object], str] = OrderedDict()
        self._selection_names = itertools.count()
        self._retired: list[tuple[float, str]] = []  # (when, name) of selections out of the list

    def query(self, sql: str, parameters: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Run `sql` with bound `parameters` on a cursor of its own; fetch from what it returns."""
        return self._cursor().execute(sql, parameters or [])

    def row(self, sql: str, parameters: list[Any] | None = None) -> tuple[Any, ...]:
        """The one row an aggregate query returns."""
        found = self.query(sql, parameters).fetchone()
        if found is None:
            raise StoreError(f"{self.path}: a query that always returns a row returned none")
        return tuple(found)

    def documents_counts(self) -> tuple[int, int]:
        """Articles in the store, and those without a figure: fixed for an open store, so counted once."""
        if self._documents_counts is None:
            counted = self.row("SELECT count(DISTINCT doc_id), count(DISTINCT doc_id) FILTER (WHERE figures = 0) "
                               "FROM documents")
            self._documents_counts = (int(counted[0]), int(counted[1]))
        return self._documents_counts

    def relation(self, sql: str, parameters: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        """`sql` as a relation, whose Arrow reader streams its rows (an execute() result would not)."""
        return self._cursor().sql(sql, params=parameters or [])

    def frame(self, sql: str, parameters: list[Any] | None = None) -> pd.DataFrame:
        """`sql`'s rows as a DataFrame, through Arrow, so column types do not depend on the row count
        (DuckDB's own .df() gives object columns to an empty result and str columns otherwise)."""
        return self.relation(sql, parameters).to_arrow_table().to_pandas()

    def use_decisions(self, decisions: pd.DataFrame) -> None:
        """The reviewers' latest decisions (columns key, verdict, note, reviewed_at, reviewer, status:
        'reviewed' or 'needs a second look'), joined to the
        figures by review key from now on. Replaced only when they differ from the last ones."""
        version = tuple(pd.util.hash_pandas_object(decisions, index=False)) if len(decisions) else ()
        with self._lock:
            if version == self._decisions_version:
                return
            if "status" not in decisions.columns:  # decisions made directly on these figures
                decisions = decisions.assign(status=REVIEWED)
            decisions = decisions.reindex(columns=DECISIONS_SCHEMA.names).fillna("")
            table = pa.Table.from_pandas(decisions, schema=DECISIONS_SCHEMA,
                                         preserve_index=False)
            cursor = self._connection.cursor()
            cursor.register("_decisions_in", table)
            cursor.execute("CREATE OR REPLACE TABLE decisions AS SELECT * FROM _decisions_in")
            cursor.unregister("_decisions_in")
            cursor.execute(_checked_view(decisions=len(decisions) > 0, in_memory=self.in_memory))
            self._decisions_version = version

    def narrowed(self, filters: Filters, table: str) -> tuple[str, list[Any]]:
        """The WHERE clause that picks `filters`' figures from `table` ('figures' or 'checked').

        A text search reads every sentence (~0.1–0.2 s at a million figures) and a view asks half a
        dozen questions of the same figures (counts, a page, four charts): in memory, the rowids it
        selects are kept in a table of their own the first time (the last SELECTIONS of them), and
        every later question reads only those rows. Other filters are cheaper than that look-up.
        """
        where, parameters = where_clause(filters)
        if not (self.in_memory and filters.text):
            return where, parameters
        key = (filters, self._decisions_version if filters.verdicts else None)
        with self._lock:
            name = self._selections.get(key)
            if name is not None:
                self._selections.move_to_end(key)
        if name is None:
            made = f"_selection_{next(self._selection_names)}"
            source, rowid = ("checked", "_rowid") if filters.verdicts else ("figures", "rowid")
            self._cursor().execute(f"CREATE TABLE {made} AS SELECT {rowid} AS r FROM {source} {where}", parameters)
            now = time.monotonic()
            with self._lock:
                name = self._selections.setdefault(key, made)  # another session may have made it meanwhile
                if name != made:
                    self._retired.append((now, made))
                while len(self._selections) > SELECTIONS:
                    self._retired.append((now, self._selections.popitem(last=False)[1]))
                # A selection is dropped a while after it leaves the list, never under a query that
                # has just been handed its name (a query already running keeps its snapshot anyway).
                dropped = [old for when, old in self._retired if now - when > RETIRED_SECONDS]
                self._retired = [(when, old) for when, old in self._retired if now - when <= RETIRED_SECONDS]
            for old in dropped:
                self._cursor().execute(f"DROP TABLE IF EXISTS {old}")
        rowid = "_rowid" if table == "checked" else "rowid"
        return f"WHERE {rowid} IN (SELECT r FROM {name})", []

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._connection.cursor()

    def close(self) -> None:
        self._connection.close()


def open_store(path: str | Path, *, in_memory: bool = True, memory_limit: str = "1GB",
               threads: int | None = None, removed: Iterable[str] = (), checks: Path | None = None,
               evidence: Path | None = None, source_names: Path | None = None) -> Store:
    """Open the store at `path` (a directory `python -m extract figures ... -o DIR/` wrote).

    in_memory: load the figures into DuckDB once (~0.6 KB a figure: fast filters up to ~1.5 million
    figures within a 1.5 GB process); False queries the Parquet files on every call instead
    (any size, a few times slower, most of all for text search). `memory_limit` caps DuckDB's
    working memory. `removed`: doc_ids left out (articles removed from a workspace). `checks` and
    `evidence`: Parquet files of stored cross-check results (CHECKS_SCHEMA, EVIDENCE_SCHEMA).
    `source_names`: a Parquet file of SOURCE_NAMES_SCHEMA (a workspace keeps one per state, merged
    with the reference data's publishers as the cross-checks merge them); without it the store's
    own source names are merged when it opens (`source_name_table`). Every source filter, option,
    count and chart then takes one name per source ("ONS" is "Office for National Statistics").
    Raises StoreError naming the path when it is not a readable store.
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
        connection.register("_removed", pa.table({"doc_id": pa.array(sorted(set(removed)), pa.string())}))
        connection.execute("CREATE TABLE removed AS SELECT * FROM _removed")
        connection.unregister("_removed")
        _parquet(connection, figure_files, ARROW_SCHEMA).create_view("_figure_files")
        _parquet(connection, [checks] if checks and checks.exists() else [], CHECKS_SCHEMA).create_view("_checks")
        if source_names is not None and source_names.exists():
            _parquet(connection, [source_names], SOURCE_NAMES_SCHEMA).create("source_names")
        else:
            names = connection.sql("SELECT DISTINCT source FROM _figure_files WHERE doc_id NOT IN "
                                   "(SELECT doc_id FROM removed)").fetchall()
            connection.from_arrow(source_name_table(row[0] for row in names)).create("source_names")
        kind = "TABLE" if in_memory else "VIEW"
        verdicts = ", ".join(f"coalesce(c.{name}, '') AS {name}" for name in CHECK_COLUMNS[1:])
        connection.execute(
            f"CREATE {kind} figures AS SELECT f.*, {_DERIVED_FIGURE_COLUMNS}, {verdicts} FROM _figure_files f "
            "LEFT JOIN _checks c ON c.figure_id = f.figure_id LEFT JOIN source_names n ON n.source = f.source "
            "WHERE f.doc_id NOT IN (SELECT doc_id FROM removed)")
        documents = _parquet(connection, document_files, DOCUMENTS_SCHEMA, filename=True)
        kept = ", ".join(c for c in documents.columns if c != "text")
        documents.create_view("_document_files")
        connection.execute(f"CREATE {kind} documents AS SELECT {kept} FROM _document_files "
                           "WHERE doc_id NOT IN (SELECT doc_id FROM removed)")
        _parquet(connection, [evidence] if evidence and evidence.exists() else [], EVIDENCE_SCHEMA).create("evidence")
        connection.from_arrow(DECISIONS_SCHEMA.empty_table()).create("decisions")
        connection.execute(_checked_view(decisions=False, in_memory=in_memory))
    except duckdb.Error as error:
        connection.close()
        raise StoreError(f"{path}: cannot read the store: {error}") from error
    return Store(path, connection, in_memory=in_memory)


def _checked_view(*, decisions: bool, in_memory: bool) -> str:
    """The figures with the reviewers' decisions: the `checked` view.

    The verdict that stands needs the decisions; a view keeps them out of queries that do not, and
    while no decision exists there is nothing to join (a join costs ~0.1 s a query at a million
    figures). A decision whose status is 'needs a second look' (placed on an edited sentence's
    figure) shows its note, date and reviewer but no reviewer verdict: the engine's verdict stands
    until someone decides again. In memory the view carries each figure's rowid (`_rowid`), so a
    page is chosen by rowid first and only its rows are read whole (`figures_page`).
    """
    rowid = "f.rowid AS _rowid, " if in_memory else ""
    if not decisions:
        return (f"CREATE OR REPLACE VIEW checked AS SELECT {rowid}f.*, '' AS reviewer_verdict, "
                "'' AS reviewer_note, '' AS reviewed_at, '' AS reviewed_by, '' AS review_status FROM figures f")
    return (
        f"CREATE OR REPLACE VIEW checked AS SELECT {rowid}f.*, "
        "CASE WHEN coalesce(d.status, '') = 'reviewed' THEN d.verdict ELSE '' END AS reviewer_verdict, "
        "coalesce(d.note, '') AS reviewer_note, coalesce(d.reviewed_at, '') AS reviewed_at, "
        "coalesce(d.reviewer, '') AS reviewed_by, coalesce(d.status, '') AS review_status "
        "FROM figures f LEFT JOIN decisions d ON d.key = f.review_key AND f.review_key <> ''")


def _parquet(connection: duckdb.DuckDBPyConnection, files: list[Path], schema: pa.Schema, *,
             filename: bool = False) -> duckdb.DuckDBPyRelation:
    # The relation API takes the file list as data, so a path with quotes in it never becomes SQL.
    # union_by_name: a store written before a column was added (documents' text) still opens.
    if files:
        return connection.read_parquet([str(f) for f in files], union_by_name=True, filename=filename)
    empty = schema.empty_table()
    if filename:
        empty = empty.append_column("filename", pa.array([], pa.string()))
    return connection.from_arrow(empty)


# Computed once at load so that no filter change pays for them on a million rows again: lowering
# every sentence for a text search took ~0.4 s a query; searching pre-lowered text is a plain scan.
_DERIVED_FIGURE_COLUMNS = (
    "lower(coalesce(f.entity, '')) AS _entity_lower, lower(coalesce(f.sentence, '')) AS _sentence_lower, "
    # One label per source: its merged name (source_names), OWN_STATEMENT when the article states it
    # itself. OWN_STATEMENT is this package's constant (no quote in it), never a visitor's text.
    f"CASE WHEN coalesce(f.source, '') = '' THEN '{OWN_STATEMENT}' ELSE coalesce(n.merged, f.source) END "
    "AS _source_label, "
    r"regexp_matches(coalesce(f.doc_date, ''), '^\d{4}-\d{2}-\d{2}') AS _dated, "
    # The timeline counts by day: the day cut once here rather than from every figure on every view.
    r"CASE WHEN regexp_matches(coalesce(f.doc_date, ''), '^\d{4}-\d{2}-\d{2}') THEN substr(f.doc_date, 1, 10) "
    "END AS _day"
)


def source_name_table(sources: Iterable[str | None], known_sources: Iterable[str] = ()) -> pa.Table:
    """SOURCE_NAMES_SCHEMA: every distinct source name as written, and the one name it is merged into
    within these names and `known_sources` (`checks.source_names.merged_source_names`: "ONS" and
    "Office for National Statistics", "TimeWarner" and "Time Warner")."""
    written = sorted({s for s in sources if isinstance(s, str) and s.strip()})
    merged = merged_source_names([*written, *known_sources])
    return pa.table({"source": pa.array(written, pa.string()),
                     "merged": pa.array([merged.get(s.strip(), s) for s in written], pa.string())},
                    schema=SOURCE_NAMES_SCHEMA)


def merged_source_labels(store: Store, names: Iterable[str]) -> dict[str, str]:
    """For each of `names` written the way an article wrote a source ("ONS"), the label it is filtered
    under ("Office for National Statistics"), so that a link naming a source as written opens the
    merged source's view. Names that are labels already, or unknown, are left out."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return {}
    placeholders = ", ".join("?" for _ in wanted)
    rows = store.query(f"SELECT source, merged FROM source_names WHERE source IN ({placeholders}) "
                       "AND merged IS NOT NULL AND merged <> source", wanted).fetchall()
    return {source: merged for source, merged in rows}


def where_clause(filters: Filters) -> tuple[str, list[Any]]:
    """A SQL WHERE clause over the figures table for `filters`, and its parameters in order.

    Returns ("", []) when nothing filters. User values appear only as `?` placeholders. A verdict
    filter needs the `checked` view (see `_table`).
    """
    conditions: list[str] = []
    parameters: list[Any] = []

    def one_of(expression: str, values: tuple[str, ...]) -> None:
        if values:
            conditions.append(f"{expression} IN ({', '.join('?' for _ in values)})")
            parameters.extend(values)

    one_of(_SOURCE_LABEL, filters.sources)
    one_of("doc_id", filters.documents)
    one_of("doc_outlet", filters.outlets)
    one_of("dimension", filters.dimensions)
    one_of("qualifier", filters.qualifiers)
    one_of(_STANDING_VERDICT, filters.verdicts)
    if filters.text:
        needle = filters.text.lower()
        conditions.append("(contains(_entity_lower, ?) OR contains(_sentence_lower, ?))")
        parameters.extend([needle, needle])
    if filters.value_min is not None:
        conditions.append("(value >= ? AND NOT isnan(value))")
        parameters.append(filters.value_min)
    if filters.value_max is not None:
        conditions.append("(value <= ? AND NOT isnan(value))")
        parameters.append(filters.value_max)
    if not conditions:
        return "", []
    return "WHERE " + " AND ".join(conditions), parameters


def _table(filters: Filters, *, reviews: bool = False) -> str:
    """The figures alone, or joined to the decisions when the verdict that stands is asked for."""
    return "checked" if reviews or filters.verdicts else "figures"


def summary(store: Store, filters: Filters = NO_FILTERS) -> StoreSummary:
    where, parameters = store.narrowed(filters, _table(filters))
    # Named as the filters name them: a source spelled like OWN_STATEMENT is the article's own.
    named = f"{_SOURCE_LABEL} <> ?"
    figures, articles, sources, with_source = store.row(
        f"SELECT count(*), count(DISTINCT doc_id), count(DISTINCT CASE WHEN {named} THEN {_SOURCE_LABEL} END), "
        f"count(*) FILTER (WHERE {named}) FROM {_table(filters)} {where}",
        [OWN_STATEMENT, OWN_STATEMENT, *parameters])
    articles_in_store, without_figures = store.documents_counts()
    return StoreSummary(figures=figures, articles=articles, sources=sources,
                        share_with_source=with_source / figures if figures else None,
                        articles_in_store=articles_in_store, articles_without_figures=without_figures)


QUALIFIER_ORDER = ["exact", "approx", "lower", "upper", "range"]


def filter_options(store: Store) -> FilterOptions:
    """Every value each filter can take, over the whole store."""
    labels = [row[0] for row in
              store.query(f"SELECT DISTINCT {_SOURCE_LABEL} FROM figures").fetchall()]
    documents = store.query(
        "SELECT doc_id, any_value(doc_title) FROM documents GROUP BY doc_id").fetchall()
    labelled = {doc_id: f"{title} ({doc_id[:8]})" if title else doc_id for doc_id, title in documents}

    def distinct(column: str) -> list[str]:
        return [row[0] for row in store.query(
            f"SELECT DISTINCT {column} FROM figures WHERE {column} IS NOT NULL AND {column} <> '' "
            f"ORDER BY {column}").fetchall()]

    qualifiers = set(distinct("qualifier"))
    return FilterOptions(
        sources=sorted(labels, key=lambda s: (s == OWN_STATEMENT, s.lower(), s)),
        outlets=sorted(distinct("doc_outlet"), key=str.lower),
        documents=dict(sorted(labelled.items(), key=lambda item: (item[1].lower(), item[0]))),
        dimensions=distinct("dimension"),
        qualifiers=[q for q in QUALIFIER_ORDER if q in qualifiers] + sorted(qualifiers - set(QUALIFIER_ORDER)),
        verdicts=["consistent", "conflict", "unverified"],
    )


def unmatched_values(filters: Filters, options: FilterOptions) -> dict[str, list[str]]:
    """Values chosen (from a shared link, say) that no figure in the store has, by filter name."""
    known: dict[str, Collection[str]] = {  # the documents' dict as it is: a list of 160,000 ids cost every rerun
        "sources": set(options.sources), "documents": options.documents, "outlets": set(options.outlets),
        "dimensions": set(options.dimensions), "qualifiers": set(options.qualifiers), "verdicts": set(options.verdicts)}
    unmatched = {name: [v for v in getattr(filters, name) if v not in values] for name, values in known.items()}
    return {name: values for name, values in unmatched.items() if values}


def _order(order_by: str, descending: bool) -> str:
    if order_by not in EXPORT_COLUMNS:
        raise ValueError(f"cannot order by {order_by!r}: not a column of the figures table")
    direction = "DESC" if descending else "ASC"
    # figure_id breaks ties, so a page boundary never moves between reruns.
    return f'ORDER BY "{order_by}" {direction} NULLS LAST' + ("" if order_by == "figure_id" else ", figure_id")


def figures_page(store: Store, filters: Filters = NO_FILTERS, *, limit: int = 100, offset: int = 0,
                 order_by: str = "figure_id", descending: bool = False,
                 columns: list[str] | None = None) -> pd.DataFrame:
    """One page of the filtered table, ordered by `order_by` (then figure_id); by default the
    columns of the figures table, each figure's verdict and review key, and its review."""
    chosen = columns or [*EXPORT_COLUMNS, "review_key"]
    unknown = [c for c in chosen if c not in [*EXPORT_COLUMNS, "review_key"]]
    if unknown:
        raise ValueError(f"not columns of the figures table: {', '.join(unknown)}")
    selected = ", ".join(f'"{c}"' for c in chosen)
    reviews = any(c in REVIEW_COLUMNS for c in chosen)
    order = _order(order_by, descending)
    table = _table(filters, reviews=reviews)
    if not store.in_memory:
        where, parameters = where_clause(filters)
        return store.frame(f"SELECT {selected} FROM {table} {where} {order} LIMIT ? OFFSET ?",
                           [*parameters, int(limit), int(offset)])
    # Late materialisation: the page's rows are chosen by rowid over the filter and sort columns
    # alone, then only those rows are read whole (sorting a million rows with every column took
    # ~0.2 s of CPU; choosing them first, ~0.02 s).
    inner = _table(filters)
    where, parameters = store.narrowed(filters, inner)
    inner_rowid = "_rowid" if inner == "checked" else "rowid"
    outer_rowid = "_rowid" if table == "checked" else "rowid"
    return store.frame(f"SELECT {selected} FROM {table} WHERE {outer_rowid} IN "
                       f"(SELECT {inner_rowid} FROM {inner} {where} {order} LIMIT ? OFFSET ?) {order}",
                       [*parameters, int(limit), int(offset)])


def reviewed_count(store: Store, filters: Filters = NO_FILTERS) -> int:
    """How many of the filtered figures a reviewer has decided on."""
    where, parameters = store.narrowed(filters, "checked")
    condition = f"{where} AND reviewer_verdict <> ''" if where else "WHERE reviewer_verdict <> ''"
    (count,) = store.row(f"SELECT count(*) FROM checked {condition}", parameters)
    return int(count)


def figures_by_source(store: Store, filters: Filters = NO_FILTERS, *, limit: int | None = None) -> pd.DataFrame:
    """Columns source (label), figures: most figures first, then by label."""
    where, parameters = store.narrowed(filters, _table(filters))
    return _counts(store, f"SELECT {_SOURCE_LABEL} AS source, count(*) AS figures FROM {_table(filters)} {where} "
                          "GROUP BY 1 ORDER BY figures DESC, source", parameters, limit)


def source_verdict_counts(store: Store, filters: Filters = NO_FILTERS, *, top: int = 12) -> pd.DataFrame:
    """Columns source, verdict (the one that stands), figures: the `top` named sources by figures,
    the rest folded into one OTHER_SOURCES row per verdict, and OWN_STATEMENT kept apart. Sources
    most figures first; OWN_STATEMENT and OTHER_SOURCES last."""
    where, parameters = store.narrowed(filters, "checked")
    rows = store.frame(
        f"SELECT {_SOURCE_LABEL} AS source, {_STANDING_VERDICT} AS verdict, count(*) AS figures "
        f"FROM checked {where} GROUP BY 1, 2", parameters)
    if rows.empty:
        return rows
    totals = rows[rows["source"] != OWN_STATEMENT].groupby("source")["figures"].sum()
    ranked = sorted(totals.index, key=lambda s: (-totals[s], s.lower(), s))
    kept = set(ranked[:top])
    folded = ~rows["source"].isin(kept | {OWN_STATEMENT})
    others = len(ranked) - len(kept)
    rows.loc[folded, "source"] = f"{OTHER_SOURCES[:-1]}: {others})"
    rows = rows.groupby(["source", "verdict"], as_index=False)["figures"].sum()
    order = {source: rank for rank, source in enumerate(ranked[:top])}
    rows["_rank"] = rows["source"].map(lambda s: order.get(s, len(order) + (1 if s == OWN_STATEMENT else 0)))
    return rows.sort_values(["_rank", "verdict"]).drop(columns="_rank").reset_index(drop=True)


def figures_by_dimension(store: Store, filters: Filters = NO_FILTERS, *, limit: int | None = None) -> pd.DataFrame:
    """Columns dimension, figures: most figures first, then by dimension."""
    where, parameters = store.narrowed(filters, _table(filters))
    return _counts(store, f"SELECT dimension, count(*) AS figures FROM {_table(filters)} {where} "
                          "GROUP BY 1 ORDER BY figures DESC, dimension", parameters, limit)


def figures_by_date(store: Store, filters: Filters = NO_FILTERS, *, period: str = "month") -> pd.DataFrame:
    """Columns date ('2005-03' for a month, '2005' a year, '2005-03-14' a day), figures; in date order.

    Figures of articles without a YYYY-MM-DD date are not counted.
    """
    if period not in _DATE_PREFIX:
        raise ValueError(f"unknown period {period!r}; use one of {', '.join(_DATE_PREFIX)}")
    where, parameters = store.narrowed(filters, _table(filters))
    where = f"{where} AND _dated" if where else "WHERE _dated"
    day = "_day" if period == "day" else f"substr(doc_date, 1, {_DATE_PREFIX[period]})"
    return _counts(store, f"SELECT {day} AS date, count(*) AS figures "
                          f"FROM {_table(filters)} {where} GROUP BY 1 ORDER BY 1", parameters, None)


def _counts(store: Store, sql: str, parameters: list[Any], limit: int | None) -> pd.DataFrame:
    if limit is not None:
        sql += " LIMIT ?"
        parameters = [*parameters, int(limit)]
    return store.frame(sql, parameters)


def document_rows(store: Store, doc_id: str) -> pd.DataFrame:
    """Every figure of one article (all columns, verdicts and reviews), in text order."""
    return store.frame(f"SELECT {', '.join(repr_columns([*EXPORT_COLUMNS, 'review_key']))} FROM checked "
                       "WHERE doc_id = ? ORDER BY start, figure_id", [doc_id])


def repr_columns(columns: list[str]) -> list[str]:
    return [f'"{c}"' for c in columns]


def article_text(store: Store, doc_id: str) -> str | None:
    """The text of one article as stored; None when the store does not hold it (or it was removed)."""
    found = store.query("SELECT filename FROM documents WHERE doc_id = ? ORDER BY filename LIMIT 1",
                        [doc_id]).fetchone()
    if not found or not found[0]:
        return None
    table = pq.read_table(found[0], filters=[("doc_id", "=", doc_id)])
    if "text" not in table.column_names or table.num_rows == 0:
        return None
    text = table.column("text")[0].as_py()
    return text if isinstance(text, str) else None


def evidence_rows(store: Store, figure_id: str) -> pd.DataFrame:
    """The stored evidence beside one figure: the claim's row first, as `crosscheck.evidence_frame`."""
    columns = [c for c in EVIDENCE_SCHEMA.names if c != "figure_id"]
    return store.frame(f"SELECT {', '.join(repr_columns(columns))} FROM evidence WHERE figure_id = ? "
                       "ORDER BY rowid", [figure_id])


def _filtered_sql(filters: Filters, order_by: str, descending: bool, columns: list[str]) -> tuple[str, list[Any]]:
    where, parameters = where_clause(filters)
    return (f"SELECT {', '.join(repr_columns(columns))} FROM {_table(filters, reviews=True)} {where} "
            f"{_order(order_by, descending)}", parameters)


def _export_columns(fmt: str) -> list[str]:
    # Parquet keeps the figures table's typed schema; the text formats add verdicts and reviews.
    return COLUMNS if fmt == "parquet" else EXPORT_COLUMNS


def export_frame(store: Store, filters: Filters = NO_FILTERS, *, order_by: str = "figure_id",
                 descending: bool = False, columns: list[str] | None = None) -> pd.DataFrame:
    """Every filtered row, the export columns, as a DataFrame (for exports small enough to hold)."""
    sql, parameters = _filtered_sql(filters, order_by, descending, columns or EXPORT_COLUMNS)
    return store.frame(sql, parameters)


def export_bytes(store: Store, filters: Filters, fmt: str, *, order_by: str = "figure_id",
                 descending: bool = False) -> bytes:
    """The filtered rows encoded as csv, jsonl or parquet, exactly as `export.encode` writes a table."""
    return encode(export_frame(store, filters, order_by=order_by, descending=descending,
                               columns=_export_columns(fmt)), fmt)


def write_export(store: Store, filters: Filters, out: BinaryIO, fmt: str, *, order_by: str = "figure_id",
                 descending: bool = False) -> int:
    """Stream the filtered rows to `out` in batches (memory stays flat at any size); returns rows written."""
    sql, parameters = _filtered_sql(filters, order_by, descending, _export_columns(fmt))
    writer = TableStreamWriter(out, fmt)
    rows = 0
    with store.relation(sql, parameters).to_arrow_reader(batch_size=EXPORT_ROWS_PER_BATCH) as reader:
        for batch in reader:
            frame = batch.to_pandas()
            writer.write(frame)
            rows += len(frame)
    writer.close()
    return rows
