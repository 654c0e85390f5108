"""Writing the figures table: CSV safe to open in a spreadsheet, JSON Lines, Parquet.

Two CSVs: `to_csv_bytes` is the machine-readable table (every column, bounds as `inf`, floats as
Python writes them, so it reads back exactly); `to_spreadsheet_csv_bytes` is what a person opens in
Excel (optionally with a byte-order mark so Excel reads UTF-8, open bounds as empty cells, floats
without binary noise). Both neutralise formulas and quote every cell that holds a list separator of
a common locale, so an Excel set to ';' or a tab-separated paste cannot split a cell and start a
new one with '='.
"""

from __future__ import annotations

import io
import json
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.engine.table_schema import ARROW_SCHEMA, empty_frame

FORMATS = ("csv", "jsonl", "parquet")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# A cell holding any of these is quoted: the field separators of common locales (',' in English,
# ';' where ',' is the decimal mark, tab in pasted tables), the quote itself and line breaks.
_QUOTE_WHEN = re.compile(r'[,;\t"\r\n]')
UTF8_BOM = "\ufeff".encode("utf-8")
# Significant digits kept in a spreadsheet: a stated value and its bounds are exact to far more than
# any article writes (this only drops binary noise: 0.30000000000000004 -> 0.3); a converted value
# ("886 square miles" -> 2294.73 km²) keeps six, more than the text's own precision.
STATED_DIGITS = 10
CONVERTED_DIGITS = 6


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


def csv_cell(value: object) -> str:
    """One CSV field: quoted (quotes doubled) when it holds a separator, a quote or a line break."""
    text = _plain_text(value)
    if _QUOTE_WHEN.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _plain_text(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if hasattr(value, "item") and not isinstance(value, str):
        return _plain_text(value.item())
    return str(value)


def _column_cells(column: pd.Series) -> list[str]:
    """The CSV fields of one column; numbers need no quoting, so they skip the check."""
    if pd.api.types.is_float_dtype(column):
        return ["" if v != v else repr(float(v)) for v in column.tolist()]  # v != v: NaN
    if pd.api.types.is_integer_dtype(column) or pd.api.types.is_bool_dtype(column):
        return [str(v) for v in column.tolist()]
    return [csv_cell(v) for v in column.tolist()]


def to_csv_bytes(frame: pd.DataFrame, header: bool = True) -> bytes:
    """UTF-8 CSV (RFC 4180: CRLF line ends) with a header, formulas neutralised, infinities as 'inf'."""
    safe = neutralise_frame(frame)
    columns = [_column_cells(safe[name]) for name in safe.columns]
    lines = [",".join(csv_cell(name) for name in safe.columns)] if header else []
    lines.extend(",".join(row) for row in zip(*columns, strict=True))
    return "".join(line + "\r\n" for line in lines).encode("utf-8")


def stated_number(value: float, digits: int = STATED_DIGITS) -> str:
    """A float as a spreadsheet should get it: '' for NaN and open (infinite) bounds, rounded to
    `digits` significant digits, in plain decimal notation (1130000000, 4.05, 0.000012)."""
    if value is None or math.isnan(value) or math.isinf(value):
        return ""
    if value == 0:
        return "0"
    rounded = round(value, digits - 1 - math.floor(math.log10(abs(value))))
    text = format(Decimal(repr(float(rounded))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def spreadsheet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with every float column written as `stated_number` text (normalised values to
    CONVERTED_DIGITS), so the spreadsheet shows what the article states, and open bounds empty."""
    written = frame.copy()
    for column in written.columns:
        if pd.api.types.is_float_dtype(written[column]):
            digits = CONVERTED_DIGITS if column == "norm_value" else STATED_DIGITS
            written[column] = [stated_number(float(v), digits) for v in written[column]]
    return written


def to_spreadsheet_csv_bytes(frame: pd.DataFrame, *, bom: bool = True) -> bytes:
    """CSV for a person's spreadsheet: `spreadsheet_frame` of the table, formulas neutralised,
    separators quoted, and with `bom` a UTF-8 byte-order mark, without which Excel reads the
    file in the machine's legacy code page ("USD 60" survives, "£60" and "Kyiv’s" do not)."""
    return (UTF8_BOM if bom else b"") + to_csv_bytes(spreadsheet_frame(frame))


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
