"""What the dashboard shows, as plain functions: loading the bundled articles and filtering."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .documents import Document, LoadError, load_bytes, load_path
from .figures import figures_frame

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "articles"
OWN_STATEMENT = "(stated by the article)"


def bundled_documents(directory: Path = DATA_DIR) -> tuple[list[Document], list[LoadError]]:
    documents, errors = [], []
    for item in load_path(directory):
        (errors if isinstance(item, LoadError) else documents).append(item)
    return documents, errors


def uploaded_documents(files: Iterable[tuple[str, bytes]]) -> tuple[list[Document], list[LoadError]]:
    documents, errors = [], []
    for name, data in files:
        for item in load_bytes(data, name):
            (errors if isinstance(item, LoadError) else documents).append(item)
    return documents, errors


def combine_tables(tables: list[pd.DataFrame]) -> pd.DataFrame:
    non_empty = [t for t in tables if not t.empty]
    if not non_empty:
        return figures_frame([])
    return pd.concat(non_empty, ignore_index=True).drop_duplicates("figure_id")


def source_label(source: str) -> str:
    return source if source else OWN_STATEMENT


def source_options(table: pd.DataFrame) -> list[str]:
    return sorted({source_label(s) for s in table["source"]}, key=lambda s: (s == OWN_STATEMENT, s.lower()))


def filter_by_source(table: pd.DataFrame, sources: list[str]) -> pd.DataFrame:
    if not sources:
        return table
    return table[table["source"].map(source_label).isin(sources)]


def figures_by_source(table: pd.DataFrame) -> pd.DataFrame:
    counts = table["source"].map(source_label).value_counts().rename_axis("source").reset_index(name="figures")
    return counts


__all__ = ["bundled_documents", "combine_tables", "figures_frame", "figures_by_source", "filter_by_source", "source_options",
           "uploaded_documents", "OWN_STATEMENT"]
