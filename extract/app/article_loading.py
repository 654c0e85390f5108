"""What the dashboard loads, as plain functions: articles from files, pasted text and URLs,
turned into one figures table plus the article texts the detail view marks up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extract.documents.loaders import SUPPORTED_SUFFIXES, Document, LoadError, document_from_text, load_bytes
from extract.engine.table_schema import COLUMNS, empty_frame, frame_from_rows
from extract.workspace.filters import OWN_STATEMENT, source_label

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "articles"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
UPLOAD_TYPES = sorted(suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES)


@dataclass
class LoadedArticles:
    """Figures of some articles, their texts (for marking figures up) and what failed to load."""

    table: pd.DataFrame = field(default_factory=empty_frame)
    texts: dict[str, str] = field(default_factory=dict)  # doc_id -> text
    errors: list[str] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)  # doc_id -> the file (and line) it came from


def bundled_files(directory: Path = DATA_DIR) -> list[tuple[str, bytes]]:
    """(name, bytes) of every article file under `directory`, in a stable order."""
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    return [(str(p.relative_to(directory)), p.read_bytes()) for p in files]


def bundled_documents(directory: Path = DATA_DIR) -> list[Document]:
    """The bundled sample articles, which a new workspace starts with."""
    documents, _ = documents_from_files(bundled_files(directory))
    return documents


def documents_from_files(files: Iterable[tuple[str, bytes]]) -> tuple[list[Document], list[str]]:
    """Every article in some uploaded files (texts, HTML pages or whole corpora), and one line per
    file or record that could not be read, naming it."""
    documents: list[Document] = []
    errors: list[str] = []
    for name, data in files:
        try:
            for item in load_bytes(data, name):
                if isinstance(item, LoadError):
                    errors.append(str(item))
                else:
                    documents.append(item)
        except Exception as error:  # noqa: BLE001 - whatever a file does to a loader, the page stays up
            errors.append(f"{name}: cannot read ({type(error).__name__}); the rest of the file is skipped")
    return documents, errors


def pasted_document(text: str, *, title: str = "", outlet: str = "", date: str = "", url: str = "") -> Document | str:
    """An article pasted into the app with the metadata typed beside it, or why it cannot be added."""
    if not text.strip():
        return "pasted text: empty"
    if date.strip() and not _ISO_DATE.fullmatch(date.strip()):
        return f"pasted article: the date {date.strip()!r} is not YYYY-MM-DD"
    if url.strip() and not url.strip().lower().startswith(("http://", "https://")):
        return "pasted article: the URL must start with http:// or https://"
    return document_from_text(text, origin="pasted", title=title.strip() or "Pasted article", outlet=outlet.strip(),
                              date=date.strip(), url=url.strip())


def articles_from_documents(documents: Iterable[Document], errors: Iterable[LoadError] = ()) -> LoadedArticles:
    """Figures of each document; one whose extraction fails becomes an error naming it (the page
    shows an error box, never a traceback), and the others are kept."""
    from extract.engine.extraction import figure_rows  # the engine (spaCy) loads with the first extraction

    problems = [str(e) for e in errors]
    kept: list[Document] = []
    rows: list[dict] = []
    for document in documents:
        try:
            rows.extend(figure_rows(document))
        except Exception as error:  # noqa: BLE001 - one article must not take the page down
            problems.append(f"{document.origin or document.doc_id}: extraction failed ({type(error).__name__}); "
                            "article skipped")
            continue
        kept.append(document)
    return LoadedArticles(table=frame_from_rows(rows), texts={d.doc_id: d.text for d in kept},
                          errors=problems, origins={d.doc_id: d.origin for d in kept})


def articles_from_file(name: str, data: bytes) -> LoadedArticles:
    """Every article in one file (a text, an HTML page or a whole corpus); bad records become errors."""
    documents: list[Document] = []
    errors: list[LoadError] = []
    try:
        for item in load_bytes(data, name):
            if isinstance(item, LoadError):
                errors.append(item)
            else:
                documents.append(item)
    except Exception as error:  # noqa: BLE001 - whatever a file does to a loader, the page stays up
        errors.append(LoadError(name, f"cannot read ({type(error).__name__}); the rest of the file is skipped"))
    return articles_from_documents(documents, errors)


def articles_from_text(text: str, title: str = "") -> LoadedArticles:
    """An article pasted into the app."""
    if not text.strip():
        return LoadedArticles(errors=["pasted text: empty"])
    return articles_from_documents([document_from_text(text, origin="pasted", title=title or "Pasted article")])


def combine(parts: Iterable[LoadedArticles]) -> LoadedArticles:
    """One table from several loads. The same article loaded twice is kept once; a different
    article under an id already loaded is refused with an error (ids key figures, texts and reviews)."""
    texts: dict[str, str] = {}
    origins: dict[str, str] = {}
    tables: list[pd.DataFrame] = []
    errors: list[str] = []
    for part in parts:
        errors.extend(part.errors)
        clashing = [doc_id for doc_id, text in part.texts.items() if doc_id in texts and texts[doc_id] != text]
        for doc_id in clashing:
            errors.append(f"{part.origins.get(doc_id, doc_id)}: article id '{doc_id}' is already used by "
                          f"{origins.get(doc_id, 'another article')}; this article is skipped")
        for doc_id, text in part.texts.items():
            texts.setdefault(doc_id, text)
            origins.setdefault(doc_id, part.origins.get(doc_id, ""))
        table = part.table[~part.table["doc_id"].isin(clashing)] if clashing else part.table
        if not table.empty:
            tables.append(table)
    table = pd.concat(tables, ignore_index=True).drop_duplicates("figure_id") if tables else empty_frame()
    return LoadedArticles(table=table[COLUMNS].reset_index(drop=True), texts=texts, errors=errors, origins=origins)


__all__ = ["LoadedArticles", "OWN_STATEMENT", "UPLOAD_TYPES", "articles_from_documents", "articles_from_file",
           "articles_from_text", "bundled_documents", "bundled_files", "combine", "documents_from_files",
           "pasted_document", "source_label"]
