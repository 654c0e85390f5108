"""Reviewer decisions: accept or override a figure's verdict, with a note, kept in SQLite.

A decision is keyed on the figure itself, not on a row number: the SHA-256 of the document's
text, the figure's span and its surface. It survives a restart of the app, a re-extraction of
the same text and a renamed file; an edited text gets fresh keys (the old decision no longer
describes it).

Every decision is one INSERT in its own transaction, so a writer killed mid-way leaves either
the whole decision or none (SQLite's journal rolls a half-written one back). Decisions are
appended, never overwritten: the latest per key counts, the rest are the review trail.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from extract.checks.verdicts import VERDICTS
from extract.documents.loaders import Document, content_hash

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "reviews.sqlite"
REVIEW_COLUMNS = ["reviewer_verdict", "reviewer_note", "reviewed_at"]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('consistent', 'conflict', 'unverified')),
    note TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    figure_id TEXT NOT NULL,
    surface TEXT NOT NULL,
    engine_verdict TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_by_key ON decisions (key, id);
"""


class ReviewStoreError(Exception):
    """The review database cannot be opened or written; the message names the file."""


@dataclass(frozen=True)
class Decision:
    key: str
    verdict: str  # the reviewer's verdict: the engine's (accepted) or another (overridden)
    note: str
    reviewed_at: str  # ISO 8601, UTC
    figure_id: str = ""  # as it was when decided; informative only, the key is what matches
    surface: str = ""
    engine_verdict: str = ""

    @property
    def overrides(self) -> bool:
        return bool(self.engine_verdict) and self.verdict != self.engine_verdict


def review_key(text_sha256: str, start: int, end: int, surface: str) -> str:
    """The identity of a figure across runs: its document's content, its span and its surface."""
    material = f"{text_sha256}\0{int(start)}\0{int(end)}\0{surface}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(material).hexdigest()[:32]


def review_keys(table: pd.DataFrame, documents: Iterable[Document]) -> pd.Series:
    """The review key of every row of a figures table, given the documents it was extracted from."""
    hashes = {d.doc_id: content_hash(d.text) for d in documents}
    keys = [review_key(hashes.get(row.doc_id, ""), row.start, row.end, row.surface) if row.doc_id in hashes else ""
            for row in table.itertuples()]
    return pd.Series(keys, index=table.index, dtype="object")


def _connect(db_path: Path, *, create: bool) -> sqlite3.Connection:
    try:
        if create:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA synchronous = FULL")
        if create:
            connection.executescript(_SCHEMA)
        return connection
    except (sqlite3.Error, OSError) as error:
        raise ReviewStoreError(f"{db_path}: cannot open the review database ({error})") from error


def save_decision(key: str, verdict: str, note: str = "", *, db_path: str | Path = DEFAULT_DB,
                  figure_id: str = "", surface: str = "", engine_verdict: str = "",
                  reviewed_at: datetime | None = None) -> Decision:
    """Record a reviewer's verdict on a figure, atomically. To accept, pass the engine's verdict."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not key:
        raise ValueError("a decision needs the figure's review key")
    when = (reviewed_at or datetime.now(UTC)).astimezone(UTC)
    decision = Decision(key, verdict, note, when.strftime("%Y-%m-%dT%H:%M:%SZ"), figure_id, surface, engine_verdict)
    path = Path(db_path)
    with closing(_connect(path, create=True)) as connection:
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO decisions (key, verdict, note, reviewed_at, figure_id, surface, engine_verdict) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (decision.key, decision.verdict, decision.note, decision.reviewed_at, decision.figure_id,
                 decision.surface, decision.engine_verdict),
            )
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise ReviewStoreError(f"{path}: cannot record the decision ({error})") from error
    return decision


def _rows(db_path: Path, query: str, parameters: tuple = ()) -> list[tuple]:
    if not db_path.exists():
        return []
    with closing(_connect(db_path, create=False)) as connection:
        try:
            return connection.execute(query, parameters).fetchall()
        except sqlite3.Error as error:
            raise ReviewStoreError(f"{db_path}: cannot read the review database ({error})") from error


_COLUMNS = "key, verdict, note, reviewed_at, figure_id, surface, engine_verdict"


def load_decisions(db_path: str | Path = DEFAULT_DB) -> dict[str, Decision]:
    """The latest decision per figure key (an absent database has none)."""
    rows = _rows(Path(db_path), f"SELECT {_COLUMNS} FROM decisions WHERE id IN "
                                "(SELECT MAX(id) FROM decisions GROUP BY key)")
    return {row[0]: Decision(*row) for row in rows}


def decision_history(key: str, db_path: str | Path = DEFAULT_DB) -> list[Decision]:
    """Every decision ever recorded for one figure, oldest first: the review trail."""
    rows = _rows(Path(db_path), f"SELECT {_COLUMNS} FROM decisions WHERE key = ? ORDER BY id", (key,))
    return [Decision(*row) for row in rows]


def merge_decisions(table: pd.DataFrame, documents: Iterable[Document],
                    db_path: str | Path = DEFAULT_DB) -> pd.DataFrame:
    """The table plus `reviewer_verdict`, `reviewer_note`, `reviewed_at` ('' where not reviewed)."""
    decisions = load_decisions(db_path)
    keys = review_keys(table, documents)
    merged = table.copy()
    found = [decisions.get(key) for key in keys]
    merged["reviewer_verdict"] = pd.Series([d.verdict if d else "" for d in found], index=table.index, dtype="object")
    merged["reviewer_note"] = pd.Series([d.note if d else "" for d in found], index=table.index, dtype="object")
    merged["reviewed_at"] = pd.Series([d.reviewed_at if d else "" for d in found], index=table.index, dtype="object")
    return merged
