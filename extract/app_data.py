"""What the dashboard loads, as plain functions: articles from files, pasted text and URLs,
turned into one figures table plus the article texts the detail view marks up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .documents import SUPPORTED_SUFFIXES, Document, LoadError, document_from_text, load_bytes
from .figures import figures_frame
from .filters import OWN_STATEMENT, source_label
from .schema import COLUMNS

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "articles"
UPLOAD_TYPES = sorted(suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES)


@dataclass
class LoadedArticles:
    """Figures of some articles, their texts (for marking figures up) and what failed to load."""

    table: pd.DataFrame = field(default_factory=lambda: figures_frame([]))
    texts: dict[str, str] = field(default_factory=dict)  # doc_id -> text
    errors: list[str] = field(default_factory=list)


def bundled_files(directory: Path = DATA_DIR) -> list[tuple[str, bytes]]:
    """(name, bytes) of every article file under `directory`, in a stable order."""
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    return [(str(p.relative_to(directory)), p.read_bytes()) for p in files]


def articles_from_documents(documents: Iterable[Document], errors: Iterable[LoadError] = ()) -> LoadedArticles:
    documents = list(documents)
    return LoadedArticles(table=figures_frame(documents), texts={d.doc_id: d.text for d in documents},
                          errors=[str(e) for e in errors])


def articles_from_file(name: str, data: bytes) -> LoadedArticles:
    """Every article in one file (a text, an HTML page or a whole corpus); bad records become errors."""
    documents, errors = [], []
    for item in load_bytes(data, name):
        (errors if isinstance(item, LoadError) else documents).append(item)
    return articles_from_documents(documents, errors)


def articles_from_text(text: str, title: str = "") -> LoadedArticles:
    """An article pasted into the app."""
    if not text.strip():
        return LoadedArticles(errors=["pasted text: empty"])
    return articles_from_documents([document_from_text(text, origin="pasted", title=title or "Pasted article")])


def combine(parts: Iterable[LoadedArticles]) -> LoadedArticles:
    """One table from several loads; a figure loaded twice (same file added again) is kept once."""
    parts = list(parts)
    tables = [p.table for p in parts if not p.table.empty]
    table = pd.concat(tables, ignore_index=True).drop_duplicates("figure_id") if tables else figures_frame([])
    texts: dict[str, str] = {}
    errors: list[str] = []
    for part in parts:
        texts.update(part.texts)
        errors.extend(part.errors)
    return LoadedArticles(table=table[COLUMNS].reset_index(drop=True), texts=texts, errors=errors)


def overview_counts(table: pd.DataFrame) -> dict[str, object]:
    """The four headline numbers: articles, figures, sources, share of figures with a source."""
    named = table["source"] != ""
    return {
        "articles": int(table["doc_id"].nunique()),
        "figures": int(len(table)),
        "sources": int(table.loc[named, "source"].nunique()),
        "with_source": float(named.mean()) if len(table) else None,
    }


__all__ = ["LoadedArticles", "OWN_STATEMENT", "UPLOAD_TYPES", "articles_from_documents", "articles_from_file",
           "articles_from_text", "bundled_files", "combine", "overview_counts", "source_label"]
