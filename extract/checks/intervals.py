"""The interval of true values a figure allows, from its qualifier and its rounding.

Two figures agree when their intervals overlap: "more than 6,700" agrees with 6,754; a bare
"6,700" (6,650–6,750) does not; "nearly 7,000" (6,300–7,000) does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extract.checks.settings import DEFAULT_SETTINGS, CheckSettings

# The first number written with digits in a surface: "$1.13bn" -> "1.13", "6,754" -> "6,754".
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def scaled(self, factor: float) -> Interval:
        ends = sorted((self.low * factor, self.high * factor)) if factor else (self.low, self.high)
        return Interval(ends[0], ends[1])

    def widened(self, fraction: float) -> Interval:
        if fraction <= 0:
            return self
        return Interval(self.low - abs(self.low) * fraction, self.high + abs(self.high) * fraction)

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def rounding_step(surface: str, value: float, min_significant_digits: int = 2) -> float:
    """The step a figure as written is rounded to, in the units of `value`.

    "6,754" -> 1; "6,700" -> 100; "37.5%" -> 0.1; "$1.13bn" -> 1e7 (0.01 of a billion);
    "60" -> 1 and "$1bn" -> 1e8 (at least `min_significant_digits` digits are taken as meant);
    words ("two") -> 0.
    """
    match = _DIGITS.search(surface)
    if not match:
        return 0.0
    written = match.group(0).rstrip(",")
    digits_only = written.replace(",", "")
    try:
        number = float(digits_only)
    except ValueError:
        return 0.0
    if number == 0 or not math.isfinite(value) or value == 0:
        return 0.0
    scale = abs(value / number)
    if "." in digits_only:
        written_step = 10.0 ** -len(digits_only.split(".", 1)[1])
    else:
        integer = digits_only.lstrip("0") or "0"
        written_step = 10.0 ** (len(integer) - len(integer.rstrip("0")))
    # Fewer significant digits than `min_significant_digits` are not taken as rounding:
    # "$1bn" is 1.0bn (0.95–1.05bn), not 0.5–1.5bn, and "60" is not 55–65.
    significant_step = 10.0 ** (math.floor(math.log10(abs(number))) + 1 - min_significant_digits)
    return min(written_step, significant_step) * scale


def claim_interval(value: float, low: float, high: float, qualifier: str, surface: str,
                   settings: CheckSettings = DEFAULT_SETTINGS) -> Interval:
    """[low, high] a figure allows, in the units of `value`.

    exact: the rounding interval ("6,700" -> 6,650–6,750); lower/upper: the stated bound, open on
    the other side ("more than 8,000" -> 8,000–inf, "up to 400" -> engine's 0–400); approx:
    ± `approx_tolerance`, below only for "nearly"/"almost" (the engine's interval ends at the value);
    range: as stated, widened by rounding at both ends.
    """
    # A range's value is its midpoint; its first written number is its low end.
    written = low if qualifier == "range" else value
    half_step = rounding_step(surface, written, settings.min_significant_digits) / 2 if settings.rounding else 0.0
    if qualifier == "lower":
        interval = Interval(low, math.inf)
    elif qualifier == "upper":
        interval = Interval(min(low, high), high)
    elif qualifier == "approx":
        tolerance = abs(value) * settings.approx_tolerance
        below_only = high == value and low < value
        interval = Interval(min(value - tolerance, value - half_step),
                            value if below_only else max(value + tolerance, value + half_step))
    elif qualifier == "range":
        interval = Interval(min(low, high) - half_step, max(low, high) + half_step)
    else:
        interval = Interval(value - half_step, value + half_step)
    return interval.widened(settings.relative_tolerance)


def reference_interval(value: float, low: float, high: float) -> Interval:
    """A published figure's interval: its stated low and high (both default to the value)."""
    low = value if math.isnan(low) else low
    high = value if math.isnan(high) else high
    return Interval(min(low, high), max(low, high))


def format_number(value: float) -> str:
    """6754 -> '6,754'; 4.1e6 -> '4.1 million'; 1e10 -> '10 billion'; 37.5 -> '37.5'; inf -> '∞'."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if math.isnan(value):
        return "?"
    magnitude = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= size:
            return f"{value / size:,.3g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4g}" if magnitude >= 1 else f"{value:.3g}"


def format_interval(interval: Interval) -> str:
    if interval.low == interval.high:
        return format_number(interval.low)
    if math.isinf(interval.high):
        return f"{format_number(interval.low)} or more"
    return f"{format_number(interval.low)} – {format_number(interval.high)}"
