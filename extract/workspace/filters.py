"""The dashboard's filters as plain data: what a user chose, and the figures it leaves."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace

import pandas as pd

OWN_STATEMENT = "(stated by the article)"


def source_label(source: str) -> str:
    """How a figure's source is listed: its name, or OWN_STATEMENT when the article states it itself."""
    return source if source else OWN_STATEMENT


@dataclass(frozen=True)
class FigureFilters:
    """Empty lists and None mean "no restriction"."""

    sources: list[str] = field(default_factory=list)  # source labels, OWN_STATEMENT included
    documents: list[str] = field(default_factory=list)  # doc_ids
    outlets: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)  # a reviewer's verdict, where given, else the engine's
    search: str = ""  # case-insensitive, over entity and sentence
    min_value: float | None = None
    max_value: float | None = None

    def without_sources(self) -> FigureFilters:
        return replace(self, sources=[])


def apply_filters(table: pd.DataFrame, filters: FigureFilters) -> pd.DataFrame:
    keep = pd.Series(True, index=table.index)
    if filters.sources:
        keep &= table["source"].map(source_label).isin(filters.sources)
    if filters.documents:
        keep &= table["doc_id"].isin(filters.documents)
    if filters.outlets:
        keep &= table["doc_outlet"].isin(filters.outlets)
    if filters.dimensions:
        keep &= table["dimension"].isin(filters.dimensions)
    if filters.qualifiers:
        keep &= table["qualifier"].isin(filters.qualifiers)
    if filters.verdicts and "verdict" in table.columns:
        keep &= effective_verdict(table).isin(filters.verdicts)
    needle = filters.search.strip().lower()
    if needle:
        # Plain substring search: the user's text is never read as a regular expression.
        keep &= (table["entity"].str.lower().str.contains(needle, regex=False)
                 | table["sentence"].str.lower().str.contains(needle, regex=False))
    if filters.min_value is not None and not math.isnan(filters.min_value):
        keep &= table["value"] >= filters.min_value
    if filters.max_value is not None and not math.isnan(filters.max_value):
        keep &= table["value"] <= filters.max_value
    return table[keep]


def effective_verdict(table: pd.DataFrame) -> pd.Series:
    """The verdict that stands: the reviewer's where they decided, else the engine's."""
    if "reviewer_verdict" not in table.columns:
        return table["verdict"]
    return table["reviewer_verdict"].where(table["reviewer_verdict"] != "", table["verdict"])


@dataclass(frozen=True)
class FilterOptions:
    sources: list[str]
    documents: dict[str, str]  # doc_id -> label
    outlets: list[str]
    dimensions: list[str]
    qualifiers: list[str]


def filter_options(table: pd.DataFrame) -> FilterOptions:
    """Every value each filter can take in `table`, in the order the sidebar lists them."""
    sources = sorted({source_label(s) for s in table["source"]},
                     key=lambda s: (s == OWN_STATEMENT, s.lower(), s))
    documents: dict[str, str] = {}
    for doc_id, title in table[["doc_id", "doc_title"]].drop_duplicates("doc_id").itertuples(index=False):
        documents[doc_id] = f"{title} ({doc_id[:8]})" if title else doc_id
    documents = dict(sorted(documents.items(), key=lambda item: item[1].lower()))
    qualifier_order = ["exact", "approx", "lower", "upper", "range"]
    present = set(table["qualifier"])
    return FilterOptions(
        sources=sources,
        documents=documents,
        outlets=sorted({o for o in table["doc_outlet"] if o}, key=str.lower),
        dimensions=sorted(set(table["dimension"]) - {""}),
        qualifiers=[q for q in qualifier_order if q in present],
    )


def table_key(rows: pd.DataFrame) -> str:
    """A widget key that changes whenever the listed figures do: a row selected in one view must
    not carry over, by position, to whatever figure sits in that row after a filter change."""
    digest = hashlib.sha256("\0".join(rows["figure_id"]).encode("utf-8", "surrogatepass")).hexdigest()
    return f"table-{digest[:16]}"


def figures_by_source(table: pd.DataFrame) -> pd.DataFrame:
    """Figure counts per source label, largest first, ties by name."""
    counts = table["source"].map(source_label).value_counts().rename_axis("source").reset_index(name="figures")
    order = sorted(range(len(counts)), key=lambda i: (-counts["figures"].iat[i], counts["source"].iat[i].lower()))
    return counts.iloc[order].reset_index(drop=True)
