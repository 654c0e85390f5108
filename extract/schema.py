"""The figures table: its columns, in order, as the README documents them."""

from __future__ import annotations

import pandas as pd

COLUMNS = [
    "doc_id", "figure_id", "start", "end", "surface", "sentence", "value", "low", "high",
    "qualifier", "direction", "unit", "dimension", "norm_value", "norm_unit", "entity", "source",
    "source_cue", "doc_title", "doc_outlet", "doc_date", "doc_url",
]
NUMERIC_COLUMNS = ["start", "end", "value", "low", "high", "norm_value"]
QUALIFIERS = ["exact", "approx", "lower", "upper", "range"]
DIRECTIONS = ["", "up", "down"]


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "value": "float64", "low": "float64",
                         "high": "float64", "norm_value": "float64"})
