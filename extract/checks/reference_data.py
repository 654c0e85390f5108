"""Reference data: figures an authority published, to check the articles' figures against.

A reference file is UTF-8 CSV with a header and exactly these columns (README, "Cross-checking"):

    id, measure, entity, value, low, high, unit, period_start, period_end, geography, source, url, published

Every row is validated; a bad row is reported as `file:line: problem` and skipped, the good rows
are kept. Units are written in the figures table's vocabulary (`civilian`, `%`, `USD/barrel`,
`USD`, `barrel/day`) and normalised the same way, so that like is compared with like.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from extract.documents.csv_rows import CsvProblem, strict_rows
from extract.documents.loaders import LoadError, read_file_bytes

REFERENCE_COLUMNS = ["id", "measure", "entity", "value", "low", "high", "unit", "period_start", "period_end",
                     "geography", "source", "url", "published"]
# Added by the loader: how the unit normalises, and where the row came from (for messages).
DERIVED_COLUMNS = ["dimension", "norm_unit", "norm_scale", "origin"]
REQUIRED = ("id", "measure", "entity", "value", "unit", "source")
BUNDLED_REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference.csv"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_PARTIAL_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")  # "2025", "2025-07": a publisher gave no day
_CURRENCY = re.compile(r"(?:[A-Z]{3}|GBp)¢?(?:/[a-z][a-z ]*)?")


@dataclass(frozen=True)
class ReferenceUnit:
    dimension: str
    norm_unit: str
    scale: float  # norm_value = value * scale


@functools.cache
def reference_unit(unit: str) -> ReferenceUnit | None:
    """How a unit in the figures table's vocabulary normalises; None if figcheck cannot read it.

    Currency codes, `%` and `percentage point` are read directly; anything else is read the way
    the engine reads it after a number ("1 barrel per day"), so the two can never drift apart.
    A plain noun the engine does not know as a unit is a count of that noun ("civilian").
    """
    # The engine's unit tables (quantulum3's knowledge base, pint) load only when a file is read:
    # a workspace whose checks are stored needs this module for its paths alone.
    from extract.engine.units import Unit, normalise, unit_named

    unit = unit.strip()
    if unit == "%":
        return ReferenceUnit("percent", "%", 1.0)
    if unit in ("percentage point", "basis point"):
        return ReferenceUnit("percentage point", "percentage point", 0.01 if unit == "basis point" else 1.0)
    if _CURRENCY.fullmatch(unit):
        norm_value, norm_unit = normalise(1.0, Unit(unit, "currency"))
        return ReferenceUnit("currency", norm_unit, norm_value)
    known = unit_named(unit)
    if known is not None:
        norm_value, norm_unit = normalise(1.0, known)
        return ReferenceUnit(known.dimension, norm_unit, norm_value)
    if re.fullmatch(r"[a-z][a-z -]*", unit):
        return ReferenceUnit("count", unit, 1.0)
    return None


def _number(text: str, column: str, problems: list[str], *, required: bool) -> float:
    text = text.strip().replace(",", "")
    if not text:
        if required:
            problems.append(f"{column} is empty")
        return math.nan
    try:
        number = float(text)
    except ValueError:
        problems.append(f"{column} {text!r} is not a number")
        return math.nan
    if math.isnan(number) or (math.isinf(number) and column == "value"):
        problems.append(f"{column} {text!r} is not a finite number")
        return math.nan
    return number


def _date(text: str, column: str, problems: list[str], *, partial: bool = False) -> str:
    text = text.strip()
    if not text:
        return ""
    if partial and _PARTIAL_DATE.fullmatch(text):
        return text
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        problems.append(f"{column} {text!r} is not a date (YYYY-MM-DD{', YYYY-MM or YYYY' if partial else ''})")
        return ""


def _validated_row(record: dict[str, str], problems: list[str]) -> dict | None:
    for column in REQUIRED:
        if not record.get(column, "").strip():
            problems.append(f"{column} is empty")
    value = _number(record.get("value", ""), "value", problems, required=False)
    low = _number(record.get("low", ""), "low", problems, required=False)
    high = _number(record.get("high", ""), "high", problems, required=False)
    if not math.isnan(value):
        low = value if math.isnan(low) else low
        high = value if math.isnan(high) else high
        if not low <= value <= high:
            problems.append(f"low {low:g}, value {value:g} and high {high:g} are not in order")
    unit_text = record.get("unit", "").strip()
    unit = reference_unit(unit_text) if unit_text else None
    if unit_text and unit is None:
        problems.append(f"unit {unit_text!r} is not one figcheck reads (write it as the figures table does, "
                        f"e.g. 'civilian', '%', 'USD', 'USD/barrel', 'barrel/day')")
    identifier = record.get("id", "").strip()
    if identifier and not _ID.fullmatch(identifier):
        problems.append(f"id {identifier!r} may hold only letters, digits and . _ : -")
    start = _date(record.get("period_start", ""), "period_start", problems)
    end = _date(record.get("period_end", ""), "period_end", problems)
    if start and end and end < start:
        problems.append(f"period_end {end} is before period_start {start}")
    if end and not start:
        problems.append("period_end is given without period_start")
    published = _date(record.get("published", ""), "published", problems, partial=True)
    url = record.get("url", "").strip()
    if url and not re.match(r"https?://[^\s/]+\.[^\s]+$", url):
        problems.append(f"url {url!r} is not an http(s) address")
    if problems or unit is None:
        return None
    return {
        "id": identifier, "measure": record["measure"].strip(), "entity": record["entity"].strip(),
        "value": value, "low": low, "high": high, "unit": unit_text, "period_start": start,
        "period_end": end, "geography": record.get("geography", "").strip(),
        "source": record["source"].strip(), "url": url, "published": published,
        "dimension": unit.dimension, "norm_unit": unit.norm_unit, "norm_scale": unit.scale,
    }


def empty_reference() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in REFERENCE_COLUMNS + DERIVED_COLUMNS})
    return frame.astype({"value": "float64", "low": "float64", "high": "float64", "norm_scale": "float64"})


def parse_reference(text: str, origin: str) -> tuple[pd.DataFrame, list[LoadError]]:
    """Reference rows from CSV text; `origin` names the file in messages."""
    errors: list[LoadError] = []
    rows_read = strict_rows(lambda: iter(io.StringIO(text, newline="")))
    first = next(rows_read, None)
    if first is None:
        return empty_reference(), [LoadError(origin, "empty file, expected a header row")]
    if isinstance(first, CsvProblem):
        return empty_reference(), [LoadError(f"{origin}:{first.line}", first.message)]
    header = [h.strip().lstrip("\ufeff") for h in first.cells]
    missing = [c for c in REFERENCE_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REFERENCE_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("missing column" + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
        if unknown:
            parts.append("unknown column" + ("s " if len(unknown) > 1 else " ") + ", ".join(unknown))
        return empty_reference(), [LoadError(f"{origin}:1", "; ".join(parts))]
    rows: list[dict] = []
    seen: dict[str, int] = {}
    for read in rows_read:
        if isinstance(read, CsvProblem):
            errors.append(LoadError(f"{origin}:{read.line}", read.message))
            continue
        cells, start_line = read.cells, read.first_line
        if not any(c.strip() for c in cells):
            continue
        where = f"{origin}:{start_line}"
        if len(cells) != len(header):
            errors.append(LoadError(where, f"{len(cells)} cells, expected {len(header)}"))
            continue
        problems: list[str] = []
        row = _validated_row(dict(zip(header, cells, strict=True)), problems)
        if row is not None and row["id"] in seen:
            problems.append(f"id {row['id']!r} already used on line {seen[row['id']]}")
        if problems or row is None:
            errors.append(LoadError(where, "; ".join(problems)))
            continue
        seen[row["id"]] = start_line
        row["origin"] = where
        rows.append(row)
    if not rows:
        return empty_reference(), errors
    frame = pd.DataFrame(rows, columns=REFERENCE_COLUMNS + DERIVED_COLUMNS)
    return frame.astype({"value": "float64", "low": "float64", "high": "float64", "norm_scale": "float64"}), errors


def load_reference_bytes(data: bytes, name: str) -> tuple[pd.DataFrame, list[LoadError]]:
    """An uploaded reference file (the dashboard's upload)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return empty_reference(), [LoadError(name, f"not UTF-8 text (invalid byte at offset {error.start})")]
    if "\x00" in text:
        return empty_reference(), [LoadError(name, "binary file, not CSV text")]
    return parse_reference(text, name)


def load_reference(path: str | Path = BUNDLED_REFERENCE) -> tuple[pd.DataFrame, list[LoadError]]:
    """Reference rows from a CSV file, and one error per bad row (or for the file)."""
    path = Path(path)
    # Only a regular file, read up to the size limit: --reference /dev/zero or a FIFO is an error, not a hang.
    data = read_file_bytes(path, str(path))
    if isinstance(data, LoadError):
        return empty_reference(), [data]
    return load_reference_bytes(data, str(path))


def combine_references(frames_and_errors: Iterable[tuple[pd.DataFrame, list[LoadError]]]
                       ) -> tuple[pd.DataFrame, list[LoadError]]:
    """Several reference files as one table; an id used by an earlier file is reported and skipped."""
    frames: list[pd.DataFrame] = []
    errors: list[LoadError] = []
    seen: dict[str, str] = {}
    for frame, frame_errors in frames_and_errors:
        errors.extend(frame_errors)
        keep = []
        for index, row in frame.iterrows():
            if row["id"] in seen:
                errors.append(LoadError(row["origin"], f"id {row['id']!r} already used at {seen[row['id']]}"))
            else:
                seen[row["id"]] = row["origin"]
                keep.append(index)
        if keep:
            frames.append(frame.loc[keep])
    if not frames:
        return empty_reference(), errors
    return pd.concat(frames, ignore_index=True), errors


def load_references(paths: Iterable[str | Path], *, bundled: bool = True) -> tuple[pd.DataFrame, list[LoadError]]:
    """The bundled reference (unless `bundled=False`) plus every file given, as one table."""
    sources = ([BUNDLED_REFERENCE] if bundled else []) + [Path(p) for p in paths]
    return combine_references(load_reference(p) for p in sources)
