"""A figure's reading in words, as the dashboard shows it to a fact-checker.

"More than 6700" → "above 6,700 Ukrainian civilians · source: United Nations · cue: according to".
The reading states what the tool understood, so a reviewer can spot a wrong reading at a glance.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from extract.checks.word_forms import inflection
from extract.workspace.export import neutralise_frame
from extract.workspace.filters import effective_verdict, source_label

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
UNIT_PLURALS = Path(__file__).resolve().parents[2] / "data" / "unit_plurals.json"


def format_number(value: float) -> str:
    """6700 → '6,700'; 1.13e9 → '1.13 billion'; 0.5 → '0.5'; inf → '∞'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    magnitude = abs(value)
    for size, word in _SCALES:
        if magnitude >= size:
            return f"{_trim(value / size, 3)} {word}"
    return _trim(value, 3 if magnitude < 1000 else 1, thousands=True)


def _trim(value: float, decimals: int, thousands: bool = False) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _plural_unit(unit: str, value: float) -> str:
    """'square mile' → 'square miles', 'kilometre per hour' → 'kilometres per hour' for values other
    than one; symbols ('km²', 'km/h') stay as written."""
    if value == 1 or "/" in unit:
        return unit
    counted, per, rest = unit.partition(" per ")
    if not counted.replace(" ", "").isalpha():
        return unit
    # A degree of a named scale is counted by its first word: 'degrees Celsius', not 'degree Celsiuses'.
    first, _, scale = counted.partition(" ")
    if first == "degree" and scale:
        return f"degrees {scale}" + per + rest
    head, _, last = counted.rpartition(" ")
    plural = _unit_plurals().get(last) or _plural(last)
    return (f"{head} {plural}" if head else plural) + per + rest


@functools.cache
def _plural(word: str) -> str:
    inflected = inflection(word, tag="NNS")
    return inflected[0] if inflected else word


@functools.cache
def _unit_plurals() -> dict[str, str]:
    """lemminflect's plural of the last word of every unit name the engine's unit table holds,
    shipped as data/unit_plurals.json (`tests/test_prepared_sample.py` checks it against
    lemminflect): loading lemminflect's tables for the first page of a cold start cost 0.2–0.3 s.
    A word not in it (a unit added since) is asked of lemminflect."""
    try:
        table = json.loads(UNIT_PLURALS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


def format_amount(value: float, unit: str, dimension: str) -> str:
    """A number with its unit as a reader writes it: '51%', 'USD 60 per barrel', '886 square miles'."""
    number = format_number(value)
    if not number:
        return ""
    if dimension == "percent" or unit == "%":
        return f"{number}%"
    if dimension == "currency":
        code, _, per = unit.partition("/")
        return f"{code} {number}" + (f" per {per}" if per else "")
    if dimension == "count" or not unit:
        return number
    return f"{number} {_plural_unit(unit, value)}"


def _number(cell: object) -> float:
    """A numeric cell as a float; an empty one (a vague plural's value, SQL's NULL) is NaN."""
    if cell is None or cell == "":
        return math.nan
    return float(cell) if isinstance(cell, (int, float, str)) else math.nan


def interval_phrase(row: Mapping[str, object]) -> str:
    """The interval a qualifier implies, in words: 'above 6,700', 'about 40% (36%–44%)'."""
    unit, dimension = str(row.get("unit") or ""), str(row.get("dimension") or "")
    value, low, high = _number(row.get("value")), _number(row.get("low")), _number(row.get("high"))

    def amount(x: float) -> str:
        return format_amount(x, unit, dimension)

    qualifier = row.get("qualifier")
    if qualifier == "lower":
        return f"above {amount(low)}" if math.isinf(high) else f"at least {amount(low)}"
    if qualifier == "upper":
        return f"up to {amount(high)}"
    if qualifier == "range":
        return f"between {amount(low)} and {amount(high)}"
    if qualifier == "approx":
        if high == value:
            return f"just under {amount(value)} ({amount(low)}–{amount(high)})"
        return f"about {amount(value)} ({amount(low)}–{amount(high)})"
    return amount(value)


def reading(row: Mapping[str, object]) -> str:
    """The whole reading of one figures-table row."""
    phrase = interval_phrase(row)
    entity = str(row.get("entity") or "")
    if entity:
        phrase += f" {entity}" if row.get("dimension") == "count" else f" · of {entity}"
    parts = [f"{row['surface']} → {phrase}"]
    if row.get("direction") == "up":
        parts.append("a rise")
    elif row.get("direction") == "down":
        parts.append("a fall")
    source = str(row.get("source") or "")
    parts.append(f"source: {source}" if source else "source: the article itself")
    if row.get("source_cue"):
        parts.append(f"cue: {row['source_cue']}")
    return " · ".join(parts)


# Plain symbols, not emoji: they render in every font, including a headless browser's.
VERDICT_BADGES = {"consistent": "✓ consistent", "conflict": "✗ conflict", "unverified": "· unverified"}


CHECK_NAMES = {"reference": "reference data", "corpus": "other article", "arithmetic": "own arithmetic", "": ""}


def _badge(verdict: str, check: str, label: str) -> str:
    """The verdict as a badge. An arithmetic pass says what it is ("✓ adds up", "✓ within its total"):
    not being contradicted by the article's own sums is not the same as being checked."""
    if check == "arithmetic" and label and verdict in ("consistent", "conflict"):
        return VERDICT_BADGES[verdict][:1] + " " + label
    return VERDICT_BADGES.get(verdict, verdict)


def readable_figures(table: pd.DataFrame) -> list[str]:
    """Each row's value with its unit, as a reader writes it ("USD 60 per barrel")."""
    return [format_amount(v, u, d) for v, u, d in zip(table["value"], table["unit"], table["dimension"], strict=True)]


def readable_table(table: pd.DataFrame) -> pd.DataFrame:
    """The figures table as the dashboard lists it: each value written with its unit, sources
    labelled, and, once checked, the standing verdict as a badge (marked when a reviewer decided or
    a decision needs a second look). Text a spreadsheet would run as a formula gets an apostrophe."""
    columns = {
        "surface": table["surface"],
        "figure": readable_figures(table),
    }
    if "verdict" in table.columns:
        reviewed = (
            (table["reviewer_verdict"] != "")
            if "reviewer_verdict" in table.columns
            else pd.Series(False, index=table.index)
        )
        status = (table["review_status"] if "review_status" in table.columns
                  else pd.Series(["reviewed" if r else "" for r in reviewed], index=table.index))
        checks = table["check"] if "check" in table.columns else pd.Series("", index=table.index)
        labels = table["verdict_label"] if "verdict_label" in table.columns else pd.Series("", index=table.index)
        columns["verdict"] = [
            _badge(v, c if not r else "", lab) + (f" · {st}" if st else (" · reviewed" if r else ""))
            for v, r, st, c, lab in zip(effective_verdict(table), reviewed, status, checks, labels, strict=True)
        ]
        columns["checked by"] = [
            "reviewer" if r else CHECK_NAMES.get(str(c), str(c))
            for r, c in zip(reviewed, checks, strict=True)
        ]
    columns.update(
        {
            "value": table["value"],
            "qualifier": table["qualifier"],
            "change": table["direction"],
            "entity": table["entity"],
            "kind": table["dimension"],
            "source": table["source"].map(source_label),
            "document": table["doc_title"].where(table["doc_title"] != "", table["doc_id"]),
            "sentence": table["sentence"],
        }
    )
    # The grid's own toolbar offers "Download as CSV" of what it shows (Streamlit 1.67 cannot switch
    # that off), so what it shows is already neutralised: no cell of that file runs as a formula.
    return neutralise_frame(pd.DataFrame(columns, index=table.index))


def spreadsheet_rows(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The rows an export hands to a person: the ids with the article's title next to them, the
    figure as a reader writes it ("USD 60 per barrel") beside its surface, then `columns`."""
    figure = pd.Series(readable_figures(table), index=table.index, dtype="object")
    lead = ["doc_id", "doc_title", "figure_id"]
    rest = [c for c in columns if c not in lead]
    return pd.concat([table[lead], figure.rename("figure"), table[rest]], axis=1)
