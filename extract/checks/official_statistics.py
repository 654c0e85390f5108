"""Official statistics as reference data: SDMX-CSV, the World Bank API's JSON and ONS time series.

Statisticians publish series, not reference rows. A small mapping, kept as data
(`data/official_series.csv`, plus any file given with `--mapping`), says what each series measures
in figcheck's words:

    format, series, filter, measure, entity, unit, geography, scale, months, source, url

- `format`: `sdmx`, `worldbank` or `ons`;
- `series`: the SDMX dataflow id (`PRC_HICP_MANR`, the agency and version may be left out), the
  World Bank indicator id (`FP.CPI.TOTL.ZG`) or the ONS CDID (`D7G7`);
- `filter` (SDMX only): the dimension values a row must have, `UNIT=RCH_A;COICOP=CP00`;
- `measure`, `entity`, `unit`: as in a reference file (`inflation`, `consumer prices`, `%`);
- `geography`: the place; empty means the series' own country (`GEO`, `REF_AREA`, the World Bank's
  country), read as its CLDR name ("United Kingdom");
- `scale`: what a published value is multiplied by (`1000` for a series in thousands); default 1;
- `months`: how many months one observation covers, ending in the month it is labelled with
  (`3` for the ONS's rolling three-month labour-market series: "2025 SEP" is July–September);
- `source`, `url`: the publisher, and the series page; an imported URL is used when `url` is empty.

Every observation of a mapped series becomes one row in the reference format; an unmapped series,
a value that is not a number or a period that cannot be read is reported, never guessed.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from babel import Locale

from extract.checks.reference_data import REFERENCE_COLUMNS, parse_reference
from extract.documents.loaders import LoadError, read_file_bytes
from extract.documents.url_fetch import fetch_bytes

BUNDLED_MAPPING = Path(__file__).resolve().parents[2] / "data" / "official_series.csv"
MAPPING_COLUMNS = ["format", "series", "filter", "measure", "entity", "unit", "geography", "scale", "months",
                   "source", "url"]
FORMATS = ("sdmx", "worldbank", "ons")
# SDMX-CSV columns that are not dimensions of the series key.
_SDMX_NOT_DIMENSIONS = {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "TIME_PERIOD",
                        "OBS_VALUE", "OBS_FLAG", "OBS_STATUS", "CONF_STATUS", "UNIT_MULT", "DECIMALS",
                        "LAST UPDATE", "LAST_UPDATE"}
_SDMX_PLACE_COLUMNS = ("GEO", "REF_AREA", "COUNTRY", "LOCATION")
# Aggregates that are not territories in CLDR, by the codes statistical offices use for them.
_AGGREGATES = {"EA": "Eurozone", "EA19": "Eurozone", "EA20": "Eurozone", "U2": "Eurozone", "EU": "European Union",
               "EU27_2020": "European Union", "EU28": "European Union", "B0": "European Union", "UK": "United Kingdom",
               "EL": "Greece"}
_MONTH_ABBR = {name.upper(): index for index, name in enumerate(calendar.month_abbr) if name}


@dataclass(frozen=True)
class SeriesMapping:
    format: str
    series: str
    filter: tuple[tuple[str, str], ...]
    measure: str
    entity: str
    unit: str
    geography: str
    scale: float
    months: int
    source: str
    url: str

    def accepts(self, dimensions: dict[str, str]) -> bool:
        return all(dimensions.get(key.upper(), "").upper() == value.upper() for key, value in self.filter)


@dataclass(frozen=True)
class Observation:
    """One published value of a series, before mapping."""

    format: str
    series: str
    dimensions: dict[str, str]
    period: str  # as published: "2025-10", "2025-Q3", "2025 OCT", "2024"
    value: str
    place: str  # the series' country or area code or name, '' when none
    published: str  # release date, YYYY-MM-DD, when the file says
    where: str  # file:line for messages


def load_mapping(paths: Iterable[str | Path] = (), *, bundled: bool = True
                 ) -> tuple[list[SeriesMapping], list[LoadError]]:
    """The bundled series mapping plus every file given; a bad row is reported and skipped."""
    mappings: list[SeriesMapping] = []
    errors: list[LoadError] = []
    for path in ([BUNDLED_MAPPING] if bundled else []) + [Path(p) for p in paths]:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            errors.append(LoadError(str(path), f"cannot read the mapping: {error}"))
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in MAPPING_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            errors.append(LoadError(f"{path}:1", f"missing mapping column{'s' if len(missing) > 1 else ''} "
                                                 f"{', '.join(missing)}"))
            continue
        for line, row in enumerate(reader, start=2):
            cells = {k: (v or "").strip() for k, v in row.items() if k}
            problem = _mapping_problem(cells)
            if problem:
                errors.append(LoadError(f"{path}:{line}", problem))
                continue
            pairs = tuple((key.strip(), value.strip()) for part in cells["filter"].split(";") if "=" in part
                          for key, value in [part.split("=", 1)])
            mappings.append(SeriesMapping(
                format=cells["format"].lower(), series=cells["series"], filter=pairs,
                measure=cells["measure"], entity=cells["entity"], unit=cells["unit"], geography=cells["geography"],
                scale=float(cells["scale"] or 1), months=int(cells["months"] or 1), source=cells["source"],
                url=cells["url"]))
    return mappings, errors


def _mapping_problem(cells: dict[str, str]) -> str:
    if cells["format"].lower() not in FORMATS:
        return f"format {cells['format']!r} is not one of {', '.join(FORMATS)}"
    for column in ("series", "measure", "entity", "unit", "source"):
        if not cells[column]:
            return f"{column} is empty"
    try:
        scale = float(cells["scale"] or 1)
    except ValueError:
        return f"scale {cells['scale']!r} is not a number"
    if not math.isfinite(scale) or scale == 0:
        return f"scale {cells['scale']!r} is not a finite, non-zero number"
    if not (cells["months"] or "1").isdigit() or not 1 <= int(cells["months"] or 1) <= 24:
        return f"months {cells['months']!r} is not a number of months from 1 to 24"
    if cells["url"] and not re.match(r"https?://", cells["url"]):
        return f"url {cells['url']!r} is not an http(s) address"
    return ""


def detect_format(text: str) -> str:
    """'worldbank' for the API's JSON, 'sdmx' for SDMX-CSV, 'ons' for an ONS time-series CSV, '' otherwise."""
    head = text.lstrip("\ufeff \r\n\t")[:4096]
    if head.startswith("["):
        return "worldbank"
    first_line = head.splitlines()[0] if head else ""
    columns = [c.strip().strip('"').upper() for c in first_line.split(",")]
    if "OBS_VALUE" in columns and "TIME_PERIOD" in columns:
        return "sdmx"
    if columns and columns[0] == "TITLE" and re.search(r'^"?CDID"?,', head, re.MULTILINE | re.IGNORECASE):
        return "ons"
    return ""


# ---- readers: one per format, each yielding observations or the problem of one record ----

def sdmx_observations(text: str, origin: str) -> Iterator[Observation | LoadError]:
    """SDMX-CSV, version 1 (`DATAFLOW`) or 2 (`STRUCTURE`, `STRUCTURE_ID`), as Eurostat, the ECB, the
    OECD and the IMF serve it."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    fields = [f.strip() for f in reader.fieldnames or []]
    flow_column = "DATAFLOW" if "DATAFLOW" in fields else "STRUCTURE_ID" if "STRUCTURE_ID" in fields else ""
    for line, row in enumerate(reader, start=2):
        cells = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        flow = cells.get(flow_column, "")
        # "ESTAT:PRC_HICP_MANR(1.0)" -> "PRC_HICP_MANR"
        series = re.sub(r"\(.*\)$", "", flow.split(":")[-1]) if flow else ""
        # Eurostat writes dimension ids in lower case ("geo"), the ECB and the OECD in upper case.
        dimensions = {k.upper(): v for k, v in cells.items() if k.upper() not in _SDMX_NOT_DIMENSIONS}
        place = next((dimensions[c] for c in _SDMX_PLACE_COLUMNS if dimensions.get(c)), "")
        yield Observation("sdmx", series, dimensions, cells.get("TIME_PERIOD", ""), cells.get("OBS_VALUE", ""),
                          place, "", f"{origin}:{line}")


def worldbank_observations(text: str, origin: str) -> Iterator[Observation | LoadError]:
    """The World Bank API's JSON: `[ {page metadata}, [ {indicator, country, date, value, ...}, ... ] ]`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield LoadError(origin, f"malformed JSON ({error.msg} at line {error.lineno})")
        return
    except RecursionError:
        yield LoadError(origin, "malformed JSON (nested too deeply)")
        return
    if isinstance(data, list) and data and isinstance(data[0], dict) and "message" in data[0]:
        yield LoadError(origin, f"the World Bank API answered with an error: {data[0]['message']}")
        return
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
        yield LoadError(origin, "not a World Bank API answer (expected [metadata, [observations]])")
        return
    published = str(data[0].get("lastupdated", "")) if isinstance(data[0], dict) else ""
    for index, record in enumerate(data[1], start=1):
        where = f"{origin}:observation {index}"
        if not isinstance(record, dict):
            yield LoadError(where, "not an object")
            continue
        indicator = record["indicator"] if isinstance(record.get("indicator"), dict) else {}
        country = record["country"] if isinstance(record.get("country"), dict) else {}
        value = record.get("value")
        yield Observation("worldbank", str(indicator.get("id", "")), {}, str(record.get("date", "")),
                          "" if value is None else str(value), str(country.get("id", "") or country.get("value", "")),
                          published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else "", where)


def ons_observations(text: str, origin: str) -> Iterator[Observation | LoadError]:
    """An ONS time-series CSV: metadata rows ("Title", "CDID", "Release date", ...) then one row per period."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    metadata: dict[str, str] = {}
    series = ""
    published = ""
    for line, row in enumerate(rows, start=1):
        if len(row) < 2:
            continue
        key, value = row[0].strip(), row[1].strip()
        if not re.match(r"\d{4}", key):
            metadata[key.lower()] = value
            if key.lower() == "cdid":
                series = value
            if key.lower() == "release date":
                published = _ons_release_date(value)
            continue
        yield Observation("ons", series, {}, key, value, "", published, f"{origin}:{line}")
    if not series:
        yield LoadError(origin, "no CDID row: not an ONS time-series CSV")


def _ons_release_date(text: str) -> str:
    """'19-11-2025' -> '2025-11-19'; anything else -> ''."""
    match = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", text)
    if not match:
        return ""
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
    except ValueError:
        return ""


_READERS = {"sdmx": sdmx_observations, "worldbank": worldbank_observations, "ons": ons_observations}


# ---- periods as statistical offices label them ----

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def observation_period(label: str, months: int = 1) -> tuple[date, date] | None:
    """The days a period label covers: '2025-10', '2025-M10', '2025 OCT' -> October 2025;
    '2025-Q3', '2025 Q3' -> July–September; '2025-S1' -> H1; '2025' -> the year; '2025-10-15' -> that day.
    A monthly label of a series whose observations cover `months` months ends in that month."""
    label = label.strip().upper()
    patterns: list[tuple[str, str]] = [
        (r"(\d{4})", "year"), (r"(\d{4})-(\d{2})-(\d{2})", "day"), (r"(\d{4})-M?(\d{1,2})", "month"),
        (r"(\d{4}) ([A-Z]{3})", "month-name"), (r"(\d{4})[- ]?Q([1-4])", "quarter"), (r"(\d{4})-[SH]([12])", "half"),
    ]
    for pattern, kind in patterns:
        match = re.fullmatch(pattern, label)
        if not match:
            continue
        year = int(match.group(1))
        try:
            if kind == "year":
                return date(year, 1, 1), date(year, 12, 31)
            if kind == "day":
                day = date(year, int(match.group(2)), int(match.group(3)))
                return day, day
            if kind == "quarter":
                quarter = int(match.group(2))
                return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
            if kind == "half":
                first = match.group(2) == "1"
                return (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1), date(year, 12, 31))
            month = int(match.group(2)) if kind == "month" else _MONTH_ABBR.get(match.group(2), 0)
            if not 1 <= month <= 12:
                return None
            end = _month_end(year, month)
            first_index = year * 12 + month - 1 - (months - 1)
            return date(first_index // 12, first_index % 12 + 1, 1), end
        except ValueError:
            return None
    return None


def place_name(code_or_name: str) -> str:
    """A country or area code as its CLDR name: 'GB' -> 'United Kingdom', 'EA20' -> 'Eurozone';
    a name ('United Kingdom') is kept as written."""
    text = code_or_name.strip()
    if text.upper() in _AGGREGATES:
        return _AGGREGATES[text.upper()]
    territories = Locale("en").territories
    if len(text) == 2 and text.upper() in territories:
        return str(territories[text.upper()])
    return text


def _find_mapping(mappings: list[SeriesMapping], observation: Observation) -> SeriesMapping | None:
    for mapping in mappings:
        if mapping.format == observation.format and mapping.series.upper() == observation.series.upper() \
                and mapping.accepts(observation.dimensions):
            return mapping
    return None


def _row_id(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9._:-]+", "-", "-".join(p for p in parts if p)).strip("-").lower()


def official_reference_rows(text: str, origin: str, mappings: list[SeriesMapping], *, url: str = "",
                            fmt: str = "") -> tuple[pd.DataFrame, list[LoadError]]:
    """Reference rows (REFERENCE_COLUMNS, as text) from one published file, and every problem.

    `url` is where the file was fetched from: the series as published, so it is each row's `url`;
    a file read from disk takes the series page the mapping names.
    Rows of series the mapping does not know are reported once per series and left out.
    """
    fmt = fmt or detect_format(text)
    if fmt not in _READERS:
        return pd.DataFrame(columns=REFERENCE_COLUMNS), [LoadError(
            origin, "not SDMX-CSV, World Bank API JSON or an ONS time-series CSV")]
    rows: list[dict[str, str]] = []
    errors: list[LoadError] = []
    unmapped: set[str] = set()
    try:
        observations = list(_READERS[fmt](text, origin))
    except csv.Error as error:  # a field over the csv module's limit, a NUL byte
        return pd.DataFrame(columns=REFERENCE_COLUMNS), [LoadError(origin, f"malformed CSV ({error})")]
    for item in observations:
        if isinstance(item, LoadError):
            errors.append(item)
            continue
        mapping = _find_mapping(mappings, item)
        if mapping is None and any(m.format == fmt and m.series.upper() == item.series.upper() for m in mappings):
            continue  # another series of a mapped dataflow ("COICOP=CP01" where CP00 is mapped): not wanted
        if mapping is None:
            key = item.series or "(no series id)"
            if key not in unmapped:
                unmapped.add(key)
                errors.append(LoadError(item.where, f"{fmt} series {key!r} is not in the series mapping "
                                                    f"(add a row for it to a --mapping file)"))
            continue
        if item.value.strip() in ("", "NaN", ":", "..", "NA"):
            continue  # not published for this period: nothing to compare with, not an error
        try:
            value = float(item.value.replace(",", "")) * mapping.scale
        except ValueError:
            errors.append(LoadError(item.where, f"value {item.value!r} is not a number"))
            continue
        if not math.isfinite(value):
            errors.append(LoadError(item.where, f"value {item.value!r} is not a finite number"))
            continue
        period = observation_period(item.period, mapping.months)
        if period is None:
            errors.append(LoadError(item.where, f"period {item.period!r} is not one figcheck reads "
                                                f"(YYYY, YYYY-MM, YYYY-Qn, YYYY MON, YYYY-MM-DD)"))
            continue
        geography = mapping.geography or place_name(item.place)
        rows.append({
            # SDMX dimensions name the series (place included); the other formats name the place apart.
            "id": _row_id(fmt, item.series, *item.dimensions.values(), "" if item.dimensions else item.place,
                          item.period),
            "measure": mapping.measure, "entity": mapping.entity, "value": f"{value:.12g}",
            "low": "", "high": "", "unit": mapping.unit, "period_start": period[0].isoformat(),
            "period_end": period[1].isoformat(), "geography": geography, "source": mapping.source,
            "url": url or mapping.url, "published": item.published,
        })
    if not rows and not errors:
        errors.append(LoadError(origin, "no published value of a mapped series (every row was empty or "
                                        "outside the mapping's filter)"))
    return pd.DataFrame(rows, columns=REFERENCE_COLUMNS), errors


def reference_csv_text(rows: pd.DataFrame) -> str:
    """Rows in the reference format as CSV text (every cell as written; the loader validates them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REFERENCE_COLUMNS)
    for record in rows[REFERENCE_COLUMNS].itertuples(index=False):
        writer.writerow(["" if v is None else str(v) for v in record])
    return buffer.getvalue()


def import_official(data: bytes, origin: str, mappings: list[SeriesMapping], *, url: str = ""
                    ) -> tuple[pd.DataFrame, list[LoadError]]:
    """A published file, as bytes, to reference rows (REFERENCE_COLUMNS, as text) that the reference
    loader accepts; a row it would refuse is reported with the loader's reason and left out."""
    if b"\x00" in data[:4096]:
        return pd.DataFrame(columns=REFERENCE_COLUMNS), [LoadError(origin, "binary file, not CSV or JSON text")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return pd.DataFrame(columns=REFERENCE_COLUMNS), [LoadError(origin, f"not UTF-8 text (invalid byte at "
                                                                           f"offset {error.start})")]
    rows, errors = official_reference_rows(text, origin, mappings, url=url)
    if rows.empty:
        return rows, errors
    loaded, problems = parse_reference(reference_csv_text(rows), f"{origin} (imported)")
    kept = rows[rows["id"].isin(set(loaded["id"]))].reset_index(drop=True)
    return kept, errors + problems


def import_official_source(location: str, mapping_paths: Iterable[str | Path] = ()
                           ) -> tuple[pd.DataFrame, list[LoadError]]:
    """Reference rows from a published file on disk or at an http(s) URL (fetched with the guarded
    fetcher: time limit, size cap, no private addresses), mapped with the bundled mapping plus
    `mapping_paths`."""
    mappings, errors = load_mapping(mapping_paths)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", location):
        fetched = fetch_bytes(location)
        if isinstance(fetched, LoadError):
            return pd.DataFrame(columns=REFERENCE_COLUMNS), errors + [fetched]
        data, final_url = fetched
        rows, problems = import_official(data, location, mappings, url=final_url)
        return rows, errors + problems
    # Only a regular file, read up to the size limit: /dev/zero or a FIFO is an error, not a hang.
    local = read_file_bytes(Path(location), location)
    if isinstance(local, LoadError):
        return pd.DataFrame(columns=REFERENCE_COLUMNS), errors + [local]
    rows, problems = import_official(local, location, mappings)
    return rows, errors + problems


__all__ = ["import_official_source",
           "BUNDLED_MAPPING", "FORMATS", "MAPPING_COLUMNS", "Observation", "SeriesMapping", "detect_format",
           "import_official", "load_mapping", "observation_period", "official_reference_rows", "place_name",
           "reference_csv_text"]
