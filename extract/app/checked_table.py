"""A reviewer's decision on one figure of the dashboard's table, recorded in the review database.

The review database is the workspace's (see extract/workspace/workspace.py), or $FIGCHECK_REVIEWS_DB
when set (tests point it at a temporary file), else data/reviews.sqlite.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from extract.workspace.reviews import DEFAULT_DB, save_decision


def reviews_db() -> Path:
    return Path(os.environ.get("FIGCHECK_REVIEWS_DB") or DEFAULT_DB)


def record_review(row: dict[str, Any], verdict: str, note: str, reviewer: str, db_path: Path | None = None) -> None:
    """Save a reviewer's decision on one checked row (accepting = passing the engine's verdict)."""
    save_decision(row["review_key"], verdict, note, reviewer=reviewer, db_path=db_path or reviews_db(),
                  doc_id=row["doc_id"], sentence=row["sentence"], figure_id=row["figure_id"],
                  surface=row["surface"], engine_verdict=row["verdict"])


__all__ = ["record_review", "reviews_db"]
