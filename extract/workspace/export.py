"""Writing the figures table: CSV safe to open in a spreadsheet, JSON Lines, Parquet."""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.engine.table_schema import ARROW_SCHEMA, empty_frame

FORMATS = ("csv", "jsonl", "parquet")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def neutralise_cell(value: object) -> object:
    """Prefix an apostrophe to text a spreadsheet would run as a formula ('=HYPERLINK(...)').

    Numbers written as text ("-5", "+0.2") are left alone: they are data, not formulas.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    return safe


def to_csv_bytes(frame: pd.DataFrame, header: bool = True) -> bytes:
    """UTF-8 CSV (RFC 4180: CRLF line ends) with a header, formulas neutralised, infinities as 'inf'.

    CRLF is not a style choice: Python's csv writer quotes a cell holding a bare CR only when CR
    is part of the line terminator, and an unquoted CR splits the row in every reader.
    """
    return neutralise_frame(frame).to_csv(index=False, header=header, lineterminator="\r\n").encode("utf-8")


def _json_value(value: object) -> object:
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
    if hasattr(value, "item"):
        return _json_value(value.item())
    return value


def to_jsonl_bytes(frame: pd.DataFrame) -> bytes:
    """One JSON object per figure; infinite bounds are written as the strings 'inf' / '-inf'."""
    lines = []
    for record in frame.to_dict("records"):
        lines.append(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False))
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def format_for(path: str | None, explicit: str | None) -> str:
    if explicit:
        return explicit
    if path and path != "-":
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        if suffix == "json":
            return "jsonl"
    return "csv"


def encode(frame: pd.DataFrame, fmt: str) -> bytes:
    return {"csv": to_csv_bytes, "jsonl": to_jsonl_bytes, "parquet": to_parquet_bytes}[fmt](frame)


def write_table(frame: pd.DataFrame, out: BinaryIO, fmt: str) -> None:
    out.write(encode(frame, fmt))
    out.flush()


class TableStreamWriter:
    """Writes the figures table chunk by chunk, so a corpus of any size is never held whole.

    CSV and JSON Lines come out byte-identical to `encode` of the whole table; Parquet gets one row
    group per chunk, with the same schema and rows.
    """

    def __init__(self, out: BinaryIO, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        self._out = out
        self._fmt = fmt
        self._started = False
        self._parquet = None

    def write(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        if self._fmt == "csv":
            self._out.write(to_csv_bytes(frame, header=not self._started))
        elif self._fmt == "jsonl":
            self._out.write(to_jsonl_bytes(frame))
        else:
            self._parquet_writer().write_table(_arrow_table(frame))
        self._started = True

    def close(self) -> None:
        if self._fmt == "parquet":
            self._parquet_writer().close()
        elif not self._started and self._fmt == "csv":
            self._out.write(to_csv_bytes(empty_frame()))
        self._out.flush()

    def _parquet_writer(self) -> pq.ParquetWriter:
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._out, ARROW_SCHEMA)
        return self._parquet


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=ARROW_SCHEMA, preserve_index=False)
