"""What a user narrowed the figures to: one filter type, applied in SQL by `store_queries.where_clause`
for the dashboard, the CLI's exports and the tests alike; and the labels filters and charts share."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace

import pandas as pd

OWN_STATEMENT = "(stated by the article)"


def source_label(source: str) -> str:
    """How a figure's source is listed: its name, or OWN_STATEMENT when the article states it itself."""
    return source if source else OWN_STATEMENT


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the table to; an empty field does not filter.

    sources: source labels (OWN_STATEMENT for figures the article states itself); documents:
    doc_ids; outlets: doc_outlet values; verdicts: the verdict that stands (a reviewer's where
    given, else the engine's); text: a case-insensitive substring of the entity or the sentence,
    taken literally (% and _ are not wildcards) after the spaces around it are dropped;
    value_min / value_max: inclusive bounds on `value`, where None or NaN means no bound.
    """

    sources: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    text: str = ""
    value_min: float | None = None
    value_max: float | None = None

    def __post_init__(self) -> None:
        # One normal form, so every caller (URL, CLI flags, tests) means the same by the same input.
        for name in ("sources", "documents", "outlets", "dimensions", "qualifiers", "verdicts"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "text", (self.text or "").strip())
        for name in ("value_min", "value_max"):
            bound = getattr(self, name)
            object.__setattr__(self, name, None if bound is None or math.isnan(float(bound)) else float(bound))

    def without_sources(self) -> Filters:
        return replace(self, sources=())

    def is_empty(self) -> bool:
        return self == Filters()

    def described(self) -> list[str]:
        """Each active filter in words, for the line above the table ("Source: United Nations")."""
        parts = [(label, values) for label, values in (
            ("Source", self.sources), ("Document", self.documents), ("Outlet", self.outlets),
            ("Kind", self.dimensions), ("Qualifier", self.qualifiers), ("Verdict", self.verdicts)) if values]
        words = [f"{label}: {', '.join(values)}" for label, values in parts]
        if self.text:
            words.append(f"Search: “{self.text}”")
        if self.value_min is not None or self.value_max is not None:
            low = "" if self.value_min is None else f"{self.value_min:,.12g}"
            high = "" if self.value_max is None else f"{self.value_max:,.12g}"
            words.append(f"Value: {low or '…'} to {high or '…'}")
        return words


def effective_verdict(table: pd.DataFrame) -> pd.Series:
    """The verdict that stands: the reviewer's where they decided, else the engine's."""
    if "reviewer_verdict" not in table.columns:
        return table["verdict"]
    return table["reviewer_verdict"].where(table["reviewer_verdict"] != "", table["verdict"])


def table_key(rows: pd.DataFrame) -> str:
    """A widget key that changes whenever the listed figures do: a row selected in one view must
    not carry over, by position, to whatever figure sits in that row after a filter change."""
    digest = hashlib.sha256("\0".join(rows["figure_id"]).encode("utf-8", "surrogatepass")).hexdigest()
    return f"table-{digest[:16]}"


def figures_by_source(table: pd.DataFrame) -> pd.DataFrame:
    """Figure counts per source label of a small table in memory, largest first, ties by name (charts)."""
    counts = table["source"].map(source_label).value_counts().rename_axis("source").reset_index(name="figures")
    order = sorted(range(len(counts)), key=lambda i: (-counts["figures"].iat[i], counts["source"].iat[i].lower()))
    return counts.iloc[order].reset_index(drop=True)
