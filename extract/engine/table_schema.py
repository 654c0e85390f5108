"""The figures table: its columns, in order, as the README documents them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

COLUMNS = [
    "doc_id", "figure_id", "start", "end", "surface", "sentence", "value", "low", "high",
    "qualifier", "direction", "unit", "dimension", "norm_value", "norm_unit", "entity", "source",
    "source_cue", "doc_title", "doc_outlet", "doc_date", "doc_url",
]
NUMERIC_COLUMNS = ["start", "end", "value", "low", "high", "norm_value"]
QUALIFIERS = ["exact", "approx", "lower", "upper", "range"]
DIRECTIONS = ["", "up", "down"]


NUMERIC_DTYPES = {"start": "int64", "end": "int64", "value": "float64", "low": "float64", "high": "float64",
                  "norm_value": "float64"}
# The Parquet schema every chunk of a streamed file or store is written with, so chunks always agree.
ARROW_SCHEMA = pa.schema([
    pa.field(column, pa.int64() if NUMERIC_DTYPES.get(column) == "int64"
             else pa.float64() if column in NUMERIC_DTYPES else pa.string())
    for column in COLUMNS
])


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in COLUMNS})
    return frame.astype(NUMERIC_DTYPES)


def frame_from_rows(rows: list[dict]) -> pd.DataFrame:
    """The figures table of `figure_rows` output, with the schema's column order and numeric types."""
    if not rows:
        return empty_frame()
    return pd.DataFrame(rows, columns=COLUMNS).astype(NUMERIC_DTYPES)
