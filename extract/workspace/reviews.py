"""Reviewer decisions: accept or override a figure's verdict, with a note and the reviewer's name,
kept in SQLite.

A decision follows the figure, not the bytes of the whole article: its key is the document's id,
the figure's sentence and its surface (and which occurrence of that surface in that sentence it
is). An edit of another paragraph leaves the key alone; the same sentence in another document has
another key, so no document inherits a decision. When the figure's own sentence is edited the key
no longer matches; the old decision is then shown on the nearest figure of the same document as
"needs a second look" instead of silently vanishing or silently standing.

Every decision is one INSERT in its own transaction, so a writer killed mid-way leaves either
the whole decision or none (SQLite's journal rolls a half-written one back). Decisions are
appended, never overwritten: the latest per key counts, the rest are the review trail.
"""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from extract.checks.verdicts import VERDICTS

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "reviews.sqlite"
REVIEW_COLUMNS = ["reviewer_verdict", "reviewer_note", "reviewed_at", "reviewed_by", "review_status"]
REVIEWED = "reviewed"
SECOND_LOOK = "needs a second look"
# How alike an edited sentence must still be to its reviewed version for the old decision to be
# offered on it (difflib's ratio): below this it is another sentence, not an edit of this one.
SIMILAR_SENTENCE = 0.6
MAX_REVIEWER_NAME = 80

_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('consistent', 'conflict', 'unverified')),
    note TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    figure_id TEXT NOT NULL,
    surface TEXT NOT NULL,
    engine_verdict TEXT NOT NULL,
    doc_id TEXT NOT NULL DEFAULT '',
    sentence TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS decisions_by_key ON decisions (key, id);
"""
# Added after the first release: a database written before them gains them (empty) when a decision
# is next written to it, and reads it as if they were empty until then.
_ADDED_COLUMNS = {"doc_id": "TEXT NOT NULL DEFAULT ''", "sentence": "TEXT NOT NULL DEFAULT ''",
                  "reviewer": "TEXT NOT NULL DEFAULT ''"}
_COLUMN_NAMES = ("key", "verdict", "note", "reviewed_at", "reviewer", "doc_id", "sentence", "figure_id", "surface",
                 "engine_verdict")
_COLUMNS = ", ".join(_COLUMN_NAMES)


class ReviewStoreError(Exception):
    """The review database cannot be opened or written; the message names the file."""


@dataclass(frozen=True)
class Decision:
    key: str
    verdict: str  # the reviewer's verdict: the engine's (accepted) or another (overridden)
    note: str
    reviewed_at: str  # ISO 8601, UTC
    reviewer: str = ""
    doc_id: str = ""
    sentence: str = ""
    figure_id: str = ""  # as it was when decided; informative only, the key is what matches
    surface: str = ""
    engine_verdict: str = ""

    @property
    def overrides(self) -> bool:
        return bool(self.engine_verdict) and self.verdict != self.engine_verdict


def review_key(doc_id: str, sentence: str, surface: str, occurrence: int = 0) -> str:
    """The identity of a figure across runs and edits elsewhere in its article: its document's id,
    its sentence, its surface and which occurrence of that surface in that sentence it is."""
    material = f"{doc_id}\0{sentence}\0{surface}\0{int(occurrence)}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(material).hexdigest()[:32]


def review_keys(table: pd.DataFrame) -> pd.Series:
    """The review key of every row of a figures table."""
    if table.empty:
        return pd.Series([], index=table.index, dtype="object")
    ordered = table.sort_values(["doc_id", "start"], kind="stable")
    occurrence = ordered.groupby(["doc_id", "sentence", "surface"], sort=False).cumcount().reindex(table.index)
    keys = [review_key(str(doc_id), str(sentence), str(surface), int(n)) for doc_id, sentence, surface, n
            in zip(table["doc_id"], table["sentence"], table["surface"], occurrence, strict=True)]
    return pd.Series(keys, index=table.index, dtype="object")


def review_key_sql(table: str = "figures") -> str:
    """`review_keys` as a DuckDB expression over `table`'s doc_id, sentence, surface and start, for a
    store that keys its figures in SQL: the same 32 hex digits for the same figure."""
    return (f"substr(sha256({table}.doc_id || chr(0) || {table}.sentence || chr(0) || {table}.surface || chr(0) || "
            f"CAST(row_number() OVER (PARTITION BY {table}.doc_id, {table}.sentence, {table}.surface "
            f"ORDER BY {table}.start) - 1 AS VARCHAR)), 1, 32)")


def reviewer_identity(user: Mapping[str, object] | None, typed_name: str) -> str:
    """Who is deciding: the signed-in user (Streamlit's `st.user`, as a mapping) when
    authentication is configured, else the name typed once per session; '' when neither.

    A typed name is cleaned of control characters and extra spaces and cut to a sane length: it is
    stored and shown to other reviewers.
    """
    if user and user.get("is_logged_in"):
        for field in ("email", "name", "sub"):
            value = user.get(field)
            if isinstance(value, str) and value.strip():
                return _clean_name(value)
    return _clean_name(typed_name or "")


def _clean_name(text: str) -> str:
    visible = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return " ".join(visible.split())[:MAX_REVIEWER_NAME]


def _connect(db_path: Path, *, create: bool) -> sqlite3.Connection:
    try:
        if create:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA synchronous = FULL")
        if create:
            connection.executescript(_SCHEMA)
            missing = set(_ADDED_COLUMNS) - _present_columns(connection)
            if missing:
                # Only writers migrate, one at a time under the write lock: a reader that altered
                # the table could deadlock with a writer doing the same.
                connection.execute("BEGIN IMMEDIATE")
                for column in sorted(set(_ADDED_COLUMNS) - _present_columns(connection)):
                    connection.execute(f"ALTER TABLE decisions ADD COLUMN {column} {_ADDED_COLUMNS[column]}")
                connection.execute("COMMIT")
        return connection
    except (sqlite3.Error, OSError) as error:
        raise ReviewStoreError(f"{db_path}: cannot open the review database ({error})") from error


def _present_columns(connection: sqlite3.Connection) -> set[str]:
    return {row[1] for row in connection.execute("PRAGMA table_info(decisions)")}


def _select_list(connection: sqlite3.Connection) -> str:
    """_COLUMNS as this database can give them: a column an old database lacks reads as ''."""
    present = _present_columns(connection)
    return ", ".join(name if name in present else f"'' AS {name}" for name in _COLUMN_NAMES)


def save_decision(key: str, verdict: str, note: str = "", *, reviewer: str, db_path: str | Path = DEFAULT_DB,
                  doc_id: str = "", sentence: str = "", figure_id: str = "", surface: str = "",
                  engine_verdict: str = "", reviewed_at: datetime | None = None) -> Decision:
    """Record a reviewer's verdict on a figure, atomically. To accept, pass the engine's verdict.

    `reviewer` is required: a decision nobody stands behind is not recorded.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if not key:
        raise ValueError("a decision needs the figure's review key")
    name = _clean_name(reviewer)
    if not name:
        raise ValueError("a decision needs its reviewer's name")
    when = (reviewed_at or datetime.now(UTC)).astimezone(UTC)
    decision = Decision(key, verdict, note, when.strftime("%Y-%m-%dT%H:%M:%SZ"), name, doc_id, sentence,
                        figure_id, surface, engine_verdict)
    path = Path(db_path)
    with closing(_connect(path, create=True)) as connection:
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                f"INSERT INTO decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (decision.key, decision.verdict, decision.note, decision.reviewed_at, decision.reviewer,
                 decision.doc_id, decision.sentence, decision.figure_id, decision.surface, decision.engine_verdict),
            )
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise ReviewStoreError(f"{path}: cannot record the decision ({error})") from error
    return decision


def _rows(db_path: Path, query: str, parameters: tuple[object, ...] = ()) -> list[tuple[str, ...]]:
    """`query` with {columns} filled in from what the database holds."""
    if not db_path.exists():
        return []
    with closing(_connect(db_path, create=False)) as connection:
        try:
            return connection.execute(query.format(columns=_select_list(connection)), parameters).fetchall()
        except sqlite3.Error as error:
            raise ReviewStoreError(f"{db_path}: cannot read the review database ({error})") from error


def load_decisions(db_path: str | Path = DEFAULT_DB) -> dict[str, Decision]:
    """The latest decision per figure key (an absent database has none)."""
    rows = _rows(Path(db_path), "SELECT {columns} FROM decisions WHERE id IN "
                                "(SELECT MAX(id) FROM decisions GROUP BY key)")
    return {row[0]: Decision(*row) for row in rows}


def decision_history(key: str, db_path: str | Path = DEFAULT_DB) -> list[Decision]:
    """Every decision ever recorded for one figure, oldest first: the review trail."""
    rows = _rows(Path(db_path), "SELECT {columns} FROM decisions WHERE key = ? ORDER BY id", (key,))
    return [Decision(*row) for row in rows]


def merge_decisions(table: pd.DataFrame, db_path: str | Path = DEFAULT_DB) -> pd.DataFrame:
    """The table plus `review_key` and the review columns: `reviewer_verdict`, `reviewer_note`,
    `reviewed_at`, `reviewed_by` and `review_status` ('reviewed', 'needs a second look' or '').

    A figure whose sentence was edited after its decision gets the old note, date and reviewer with
    status 'needs a second look' and no reviewer verdict: the engine's verdict stands until a
    reviewer decides again.
    """
    decisions = load_decisions(db_path)
    merged = table.copy()
    keys = review_keys(table)
    merged["review_key"] = keys
    found: list[Decision | None] = [decisions.get(key) for key in keys]
    status = [REVIEWED if d else "" for d in found]
    for position, decision in second_looks(table, keys, decisions).items():
        found[position] = decision
        status[position] = SECOND_LOOK
    standing = [d.verdict if d and s == REVIEWED else "" for d, s in zip(found, status, strict=True)]
    merged["reviewer_verdict"] = pd.Series(standing, index=table.index, dtype="object")
    merged["reviewer_note"] = pd.Series([d.note if d else "" for d in found], index=table.index, dtype="object")
    merged["reviewed_at"] = pd.Series([d.reviewed_at if d else "" for d in found], index=table.index, dtype="object")
    merged["reviewed_by"] = pd.Series([d.reviewer if d else "" for d in found], index=table.index, dtype="object")
    merged["review_status"] = pd.Series(status, index=table.index, dtype="object")
    return merged


def second_looks(table: pd.DataFrame, keys: pd.Series, decisions: dict[str, Decision]) -> dict[int, Decision]:
    """Decisions whose figure is gone from its (still present) document, each placed on the figure
    of that document whose sentence is most like the one decided on (positions in `table`)."""
    present = set(keys)
    by_document: dict[str, list[int]] = {}
    for position, (doc_id, key) in enumerate(zip(table["doc_id"], keys, strict=True)):
        if key not in decisions:
            by_document.setdefault(str(doc_id), []).append(position)
    placed: dict[int, Decision] = {}
    orphans = sorted((d for d in decisions.values() if d.key not in present and d.doc_id in by_document),
                     key=lambda d: d.reviewed_at, reverse=True)
    sentences = table["sentence"].tolist()
    surfaces = table["surface"].tolist()
    for decision in orphans:
        best, best_score = -1, -1.0
        for position in by_document[decision.doc_id]:
            if position in placed:
                continue
            score = SequenceMatcher(None, decision.sentence, str(sentences[position]), autojunk=False).ratio()
            score += 0.01 if surfaces[position] == decision.surface else 0.0  # a tie goes to the same wording
            if score > best_score:
                best, best_score = position, score
        if best >= 0 and best_score >= SIMILAR_SENTENCE:
            placed[best] = decision
    return placed


def latest_choice(row: Mapping[str, object]) -> str:
    """What the review form opens on: the standing reviewer verdict ('accept' when it is the
    engine's), else 'accept'."""
    verdict = str(row.get("reviewer_verdict") or "")
    if not verdict or verdict == row.get("verdict"):
        return "accept"
    return verdict
