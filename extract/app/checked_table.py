"""Cross-checks and reviews as the dashboard uses them: one call gives the checked, reviewed table.

The review database lives at $FIGCHECK_REVIEWS_DB when set (tests point it at a temporary file),
else at data/reviews.sqlite.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from extract.checks.crosscheck import CrossCheck, cross_check
from extract.checks.reference_data import combine_references, load_reference, load_reference_bytes
from extract.workspace.reviews import DEFAULT_DB, REVIEW_COLUMNS, ReviewStoreError, merge_decisions, review_keys, save_decision
from extract.engine.table_schema import COLUMNS
from extract.checks.verdicts import VERDICT_COLUMNS

EXPORT_COLUMNS = COLUMNS + VERDICT_COLUMNS + REVIEW_COLUMNS


def reviews_db() -> Path:
    return Path(os.environ.get("FIGCHECK_REVIEWS_DB") or DEFAULT_DB)


def references(uploads: list[tuple[str, bytes]]) -> tuple[pd.DataFrame, list[str]]:
    """The bundled reference data plus the user's uploaded reference files, and every bad row."""
    parts = [load_reference()] + [load_reference_bytes(data, name) for name, data in uploads]
    frame, errors = combine_references(parts)
    return frame, [str(e) for e in errors]


def reviewed_table(result: CrossCheck, texts: dict[str, str], db_path: Path | None = None) -> pd.DataFrame:
    """The checked table plus the reviewers' decisions and each figure's review key.

    Kept apart from the (cached) cross-check because decisions change while the figures do not.
    Raises ReviewStoreError when the review database cannot be read.
    """
    table, problem = reviewed_table_or_problem(result, texts, db_path)
    if problem:
        raise ReviewStoreError(problem)
    return table


def reviewed_table_or_problem(result: CrossCheck, texts: dict[str, str],
                              db_path: Path | None = None) -> tuple[pd.DataFrame, str]:
    """As `reviewed_table`; when the review database cannot be read (corrupt, locked, not SQLite),
    the checked table with empty review columns and the problem, so the figures still show."""
    problem = ""
    try:
        checked = merge_decisions(result.table, db_path or reviews_db())
    except ReviewStoreError as error:
        checked, problem = result.table.copy(), str(error)
        checked["review_key"] = review_keys(checked)
        for column in REVIEW_COLUMNS:
            checked[column] = ""
    return checked, problem


def record_review(row: dict, verdict: str, note: str, reviewer: str, db_path: Path | None = None) -> None:
    """Save a reviewer's decision on one checked row (accepting = passing the engine's verdict)."""
    save_decision(row["review_key"], verdict, note, reviewer=reviewer, db_path=db_path or reviews_db(),
                  doc_id=row["doc_id"], sentence=row["sentence"], figure_id=row["figure_id"],
                  surface=row["surface"], engine_verdict=row["verdict"])


__all__ = ["EXPORT_COLUMNS", "cross_check", "record_review", "references", "reviewed_table", "reviewed_table_or_problem", "reviews_db"]
