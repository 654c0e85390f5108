"""How the cross-checks write a figure for a person: "968 civilians killed", "$60 a barrel"."""

from __future__ import annotations

import math

from extract.checks.intervals import format_number
from extract.checks.measure_terms import OUTCOME_ORDER, outcome_label
from extract.engine.currencies import currency_table

# A currency is written with its one-character sign where it has one ("$", "£", "₹"), from the
# engine's one currency table; otherwise with its ISO code.
_SYMBOLS = {code: prefix for prefix, code in currency_table().prefixes.items() if len(prefix) == 1}


def _money(value: float, code: str) -> str:
    symbol = _SYMBOLS.get(code, code + " ")
    magnitude = abs(value)
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if magnitude >= size:
            return f"{symbol}{value / size:,.3g}{suffix}"
    return f"{symbol}{format_number(value)}"


def quantity_text(value: float, unit: str) -> str:
    """A value in a unit of the figures table's vocabulary, as a person writes it.

    (968, 'civilian') -> '968'; (60, 'USD/barrel') -> '$60 a barrel'; (1e10, 'USD') -> '$10bn';
    (37, '%') -> '37%'; (4.1e6, 'barrel/day') -> '4.1 million barrels a day'.
    """
    base, _, per = unit.partition("/")
    if base in ("%",):
        text = f"{format_number(value)}%"
    elif base in ("percentage point", "basis point"):
        text = f"{format_number(value)} {base}s"
    elif len(base) == 3 and base.isupper():
        text = _money(value, base)
    elif base and per:
        text = f"{format_number(value)} {base}{'' if value == 1 else 's'}"
    else:
        text = format_number(value)
    return f"{text} a {per}" if per else text


def bounded_quantity_text(value: float, low: float, high: float, unit: str) -> str:
    """'almost 70%' when the interval ends at the value, 'at least 968', 'about $10bn'."""
    text = quantity_text(value, unit)
    low = value if math.isnan(low) else low
    high = value if math.isnan(high) else high
    if low < value and high == value:
        return "almost " + text
    if low == value and high > value:
        return "at least " + text
    if low < value < high:
        return "about " + text
    return text


def with_outcomes(text: str, found: frozenset[str]) -> str:
    """Adds 'killed or injured' unless the text already says it."""
    if not found:
        return text
    lowered = text.lower()
    if "casualt" in lowered or all(o in lowered for o in found if o in OUTCOME_ORDER):
        return text
    return f"{text} {outcome_label(found)}"


# First words of a figure that are not names: "More than 6700" reads "more than 6700" mid-sentence.
_LEADING_WORDS = {"more", "nearly", "almost", "about", "around", "some", "over", "under", "up", "at", "less",
                  "fewer", "roughly", "approximately", "just", "well", "as", "no", "not", "close", "upwards",
                  "hundreds", "thousands", "millions", "dozens", "several", "half", "an", "a", "between", "only"}


def figure_text(surface: str, dimension: str, entity: str, found: frozenset[str]) -> str:
    """'986' counting 'civilians', killed -> '986 civilians killed'; '37%' of X -> '37% (X)'."""
    first_word = surface.split(" ", 1)[0]
    if first_word.lower() in _LEADING_WORDS and first_word[:1].isupper():
        surface = surface[0].lower() + surface[1:]
    if dimension == "count" and entity and entity.lower() not in surface.lower():
        text = f"{surface} {entity}"
    elif entity and dimension != "count":
        text = f"{surface} ({entity})"
    else:
        text = surface
    return with_outcomes(text, found)
